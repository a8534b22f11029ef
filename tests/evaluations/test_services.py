"""The evaluation services on the cast: periods, the cascade, reopening, many at once, scope."""

from __future__ import annotations

import contextlib
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dangvu.core import scope
from dangvu.evaluations import services
from dangvu.evaluations.choices import Level, PeriodState, Stage
from dangvu.evaluations.models import Evaluation, EvaluationPeriod
from tests.evaluations.helpers import (
    add_member,
    assess,
    decide,
    make_period,
    member_row,
    org_row,
    propose,
    walk,
)
from tests.fixtures.cast import Cast


def _history_count() -> int:
    return int(Evaluation.history.count())


def _proposed(cast: Cast, period: EvaluationPeriod, name: str, level: str = Level.GOOD) -> Any:
    row = member_row(period, name)
    assess(cast, row, level)
    return propose(cast, row, level)


# ---------------------------------------------------------------------------
# Periods


def test_it_opens_a_period_with_one_row_per_subject(cast: Cast) -> None:
    period = make_period(cast)
    assert (period.rules, period.state, period.quota_rate) == ("366", "open", Decimal("0.20"))
    names = set(
        Evaluation.objects.filter(period=period, kind="member").values_list(
            "member__full_name", flat=True
        )
    )
    assert names == {
        "Nguyễn Văn An",
        "Trần Thị Bích",
        "Lê Văn Cường",
        "Phạm Thị Dung",
        "Đỗ Văn Hùng",
    }
    orgs = Evaluation.objects.filter(period=period, kind="organization")
    assert {e.subject_org.code: e.deciding_org.code for e in orgs} == {
        "XA": "H01",
        "XA-DONG": "XA",
        "XA-TH": "XA",
    }


def test_it_chooses_124_for_2024_and_132_for_2021(cast: Cast) -> None:
    assert make_period(cast, year=2024).rules == "124"
    assert make_period(cast, year=2021).rules == "132"


def test_it_refuses_an_overlapping_period(cast: Cast) -> None:
    make_period(cast)
    with pytest.raises(ValidationError) as error:
        make_period(cast, code="H01", user="root")
    assert "Đảng bộ xã Hòa An đã có kỳ đánh giá Năm 2025" in str(error.value)
    assert make_period(cast, code="XB", user="eve").organization.code == "XB"
    assert EvaluationPeriod.objects.count() == 2


def test_it_refuses_a_period_inside_an_existing_one(cast: Cast) -> None:
    make_period(cast, code="H01", user="root")
    with pytest.raises(ValidationError, match="Huyện ủy Thử Nghiệm đã có kỳ đánh giá"):
        make_period(cast)


def test_it_refuses_a_quarter_before_2025(cast: Cast) -> None:
    with pytest.raises(ValidationError) as error:
        make_period(cast, year=2024, quarter=1)
    assert "Quy định 124-QĐ/TW không quy định đánh giá, xếp loại theo quý" in str(error.value)
    assert not EvaluationPeriod.objects.exists()


def test_it_opens_a_quarter_under_366(cast: Cast) -> None:
    period = make_period(cast, quarter=2)
    assert period.label == "Quý 2/2025"
    row = member_row(period, "Đỗ Văn Hùng")
    assert (row.stage, row.not_evaluated_reason) == (
        Stage.NOT_EVALUATED,
        "Kết nạp ngày 01/06/2025, chưa đủ 6 tháng",
    )


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"code": "XA-DONG"}, "organization"),
        ({"year": 2017}, "year"),
        ({"year": 2099}, "year"),
        ({"quota_rate": "1.5"}, "quota_rate"),
        ({"quota_rate": "abc"}, "quota_rate"),
        ({"quota_rounding": "up"}, "quota_rounding"),
        ({"opened_on": date(2099, 1, 1)}, "opened_on"),
    ],
)
def test_it_refuses_bad_period_data_writing_nothing(
    cast: Cast, changes: dict[str, Any], field: str
) -> None:
    with pytest.raises(ValidationError) as error:
        make_period(cast, **changes)
    assert field in error.value.message_dict
    assert not EvaluationPeriod.objects.exists() and not Evaluation.objects.exists()


def test_it_opens_a_period_in_a_fixed_number_of_queries(cast: Cast) -> None:
    alice = cast.user("alice")
    scope.grants(alice)
    with CaptureQueriesContext(connection) as small:
        services.open_period(alice, organization=cast.org("XA"), year=2024)
    for serial in range(3):
        add_member(cast, f"Vũ Văn Thêm {serial}", serial=60 + serial)
    with CaptureQueriesContext(connection) as large:
        period = services.open_period(alice, organization=cast.org("XA"), year=2025)
    assert len(large.captured_queries) == len(small.captured_queries)
    assert period.evaluations.count() == 3 + 8


def test_it_writes_the_history_of_every_subject_at_opening(cast: Cast) -> None:
    period = make_period(cast)
    assert Evaluation.history.filter(period_id=period.pk).count() == 8
    assert {h.history_user.username for h in Evaluation.history.all()} == {"alice"}


def test_it_adds_new_subjects_once_on_refresh(cast: Cast) -> None:
    period = make_period(cast)
    add_member(cast, "Vũ Văn Thêm", ceremony=date(2020, 3, 1))
    assert services.refresh_subjects(cast.user("alice"), period) == 1
    assert services.refresh_subjects(cast.user("alice"), period) == 0
    assert member_row(period, "Vũ Văn Thêm").deciding_org.code == "XA"


def test_it_closes_a_period_only_when_every_group_is_finalised(cast: Cast) -> None:
    period = make_period(cast)
    with pytest.raises(ValidationError, match="Chưa chốt kết quả xếp loại: Huyện ủy Thử Nghiệm"):
        services.close_period(cast.user("alice"), period)
    for row in Evaluation.objects.filter(period=period):
        services.exclude(cast.user("root"), row, "Đình chỉ sinh hoạt đảng")
    closed = services.close_period(cast.user("alice"), period)
    assert (closed.state, closed.closed_on is not None) == (PeriodState.CLOSED, True)
    with pytest.raises(ValidationError, match="đã kết thúc"):
        services.refresh_subjects(cast.user("alice"), period)


# ---------------------------------------------------------------------------
# Scope: the services refuse who may not act


@pytest.mark.parametrize("username", ["eve", "dave", "bob", "charlie"])
def test_it_lets_only_the_committee_open_a_period(cast: Cast, username: str) -> None:
    with pytest.raises(PermissionDenied):
        make_period(cast, user=username)
    assert not EvaluationPeriod.objects.exists()


@pytest.mark.parametrize("username", ["eve", "dave"])
def test_it_refuses_every_step_to_outsiders_and_viewers(cast: Cast, username: str) -> None:
    period = make_period(cast)
    row = member_row(period, "Lê Văn Cường")
    with pytest.raises(PermissionDenied):
        assess(cast, row, Level.GOOD, user=username)
    assess(cast, row, Level.GOOD)
    with pytest.raises(PermissionDenied):
        propose(cast, row, Level.GOOD, user=username)
    propose(cast, row, Level.GOOD)
    with pytest.raises(PermissionDenied):
        decide(cast, row, Level.GOOD, user=username)
    assert member_row(period, "Lê Văn Cường").stage == Stage.PROPOSED


def test_it_lets_a_member_assess_only_themselves(cast: Cast) -> None:
    period = make_period(cast)
    assess(cast, member_row(period, "Lê Văn Cường"), Level.GOOD, user="charlie")
    with pytest.raises(PermissionDenied):
        assess(cast, member_row(period, "Nguyễn Văn An"), Level.GOOD, user="charlie")
    with pytest.raises(PermissionDenied):
        propose(cast, member_row(period, "Lê Văn Cường"), Level.GOOD, user="charlie")


def test_it_lets_the_cell_secretary_propose_but_not_decide(cast: Cast) -> None:
    period = make_period(cast)
    row = member_row(period, "Lê Văn Cường")
    assess(cast, row, Level.GOOD, user="bob")
    propose(cast, row, Level.GOOD, user="bob")
    with pytest.raises(PermissionDenied):
        decide(cast, row, Level.GOOD, user="bob")
    with pytest.raises(PermissionDenied):
        assess(cast, member_row(period, "Phạm Thị Dung"), Level.GOOD, user="bob")


def test_it_lets_only_the_level_above_decide_the_commune(cast: Cast) -> None:
    period = make_period(cast)
    row = org_row(period, "XA")
    assess(cast, row, Level.GOOD, user="lan")
    with pytest.raises(PermissionDenied):
        decide(cast, row, Level.GOOD, user="alice")
    assert decide(cast, row, Level.GOOD, user="root").decided_level == Level.GOOD


# ---------------------------------------------------------------------------
# The cascade


def test_it_takes_the_three_steps_with_dates_and_authors(cast: Cast) -> None:
    period = make_period(cast)
    walk(cast, member_row(period, "Lê Văn Cường"), Level.GOOD)
    row = member_row(period, "Lê Văn Cường")
    assert (row.stage, row.self_level, row.proposed_level, row.decided_level) == (
        Stage.DECIDED,
        Level.GOOD,
        Level.GOOD,
        Level.GOOD,
    )
    assert (row.self_score, row.decided_score) == (Decimal("80.00"), Decimal("80.00"))
    assert row.decided_by.username == "alice" and row.decided_on is not None


def test_it_refuses_a_proposal_before_the_self_assessment(cast: Cast) -> None:
    row = member_row(make_period(cast), "Lê Văn Cường")
    with pytest.raises(ValidationError, match="Lê Văn Cường chưa tự đánh giá"):
        propose(cast, row, Level.GOOD)
    assert member_row(row.period, "Lê Văn Cường").stage == Stage.PENDING


def test_it_refuses_a_decision_before_the_cell_proposal(cast: Cast) -> None:
    period = make_period(cast)
    row = assess(cast, member_row(period, "Lê Văn Cường"), Level.GOOD)
    with pytest.raises(ValidationError, match="chi bộ chưa đề xuất"):
        decide(cast, row, Level.GOOD)


def test_it_refuses_a_proposal_for_an_organisation(cast: Cast) -> None:
    row = assess(cast, org_row(make_period(cast), "XA-DONG"), Level.GOOD)
    with pytest.raises(ValidationError, match="không qua bước chi bộ đề xuất"):
        propose(cast, row, Level.GOOD)
    assert decide(cast, row, Level.GOOD).stage == Stage.DECIDED


def test_it_scores_the_self_assessment_by_criteria_under_366(cast: Cast) -> None:
    row = member_row(make_period(cast), "Lê Văn Cường")
    services.self_assess(cast.user("charlie"), row, criteria={"general": "28.5", "results": 61})
    assert (row.self_score, row.self_level) == (Decimal("89.50"), Level.GOOD)
    assert row.self_criteria == {"general": "28.50", "results": "61.00"}


@pytest.mark.parametrize(
    "criteria",
    [
        {"general": 31, "results": 50},
        {"general": 20},
        {"general": 20, "results": 50, "extra": 1},
        {"general": "1.234", "results": 50},
        {"general": -1, "results": 50},
        "90",
    ],
)
def test_it_refuses_bad_criteria_writing_nothing(cast: Cast, criteria: Any) -> None:
    row = member_row(make_period(cast), "Lê Văn Cường")
    before = _history_count()
    with pytest.raises(ValidationError) as error:
        services.self_assess(cast.user("alice"), row, criteria=criteria)
    assert "criteria" in error.value.message_dict
    assert _history_count() == before and row.stage == Stage.PENDING


@pytest.mark.parametrize(
    ("score", "level"),
    [
        ("49.99", Level.NOT_COMPLETED),
        ("50", Level.COMPLETED),
        ("69.99", Level.COMPLETED),
        ("70", Level.GOOD),
        ("89.99", Level.GOOD),
        ("90", Level.EXCELLENT),
    ],
)
def test_it_ranks_a_proposal_score_on_the_366_thresholds(
    cast: Cast, score: str, level: str
) -> None:
    row = assess(cast, member_row(make_period(cast), "Lê Văn Cường"), Level.GOOD)
    assert services.propose(cast.user("bob"), row, score=score).proposed_level == level


def test_it_refuses_a_level_that_contradicts_the_score(cast: Cast) -> None:
    row = assess(cast, member_row(make_period(cast), "Lê Văn Cường"), Level.GOOD)
    with pytest.raises(ValidationError, match="89,99 điểm là mức Hoàn thành tốt nhiệm vụ"):
        services.propose(cast.user("bob"), row, score="89.99", level=Level.EXCELLENT)


def test_it_takes_levels_and_no_score_under_124(cast: Cast) -> None:
    row = member_row(make_period(cast, year=2024), "Lê Văn Cường")
    with pytest.raises(ValidationError, match="Quy định 124-QĐ/TW xếp loại theo mức"):
        services.self_assess(cast.user("alice"), row, criteria={"general": 30, "results": 60})
    with pytest.raises(ValidationError, match="Mức xếp loại không hợp lệ"):
        services.self_assess(cast.user("alice"), row, level="best")
    services.self_assess(cast.user("alice"), row, level=Level.COMPLETED)
    with pytest.raises(ValidationError, match="không chấm điểm"):
        services.propose(cast.user("alice"), row, score=80)


def test_it_walks_a_2021_member_by_levels_under_132(cast: Cast) -> None:
    period = make_period(cast, year=2021)
    row = member_row(period, "Lê Văn Cường")
    with pytest.raises(ValidationError, match="Quy định 132-QĐ/TW xếp loại theo mức"):
        services.self_assess(cast.user("alice"), row, criteria={"general": 30, "results": 60})
    walk(cast, row, Level.EXCELLENT)
    assert (row.decided_level, row.decided_score) == (Level.EXCELLENT, None)


def test_it_refuses_steps_once_the_period_is_closed(cast: Cast) -> None:
    period = make_period(cast)
    for row in Evaluation.objects.filter(period=period):
        services.exclude(cast.user("root"), row, "Đình chỉ sinh hoạt đảng")
    services.close_period(cast.user("alice"), period)
    row = member_row(period, "Lê Văn Cường")
    with pytest.raises(ValidationError, match="Kỳ đánh giá Năm 2025 đã kết thúc"):
        services.include(cast.user("alice"), row)


def test_it_lets_the_proposal_be_changed_until_the_decision(cast: Cast) -> None:
    period = make_period(cast)
    _proposed(cast, period, "Lê Văn Cường")
    row = propose(cast, member_row(period, "Lê Văn Cường"), Level.COMPLETED)
    decide(cast, row, Level.COMPLETED)
    with pytest.raises(ValidationError, match="mở lại quyết định"):
        decide(cast, member_row(period, "Lê Văn Cường"), Level.GOOD)


def test_it_refuses_a_step_dated_before_the_previous_one(cast: Cast) -> None:
    row = member_row(make_period(cast), "Lê Văn Cường")
    services.self_assess(
        cast.user("alice"), row, criteria={"general": 25, "results": 55}, on=date(2025, 12, 10)
    )
    with pytest.raises(ValidationError, match="trước ngày 10/12/2025"):
        services.propose(cast.user("bob"), row, score=80, on=date(2025, 12, 9))


def test_it_keeps_targets_for_organisations_only(cast: Cast) -> None:
    period = make_period(cast)
    with pytest.raises(ValidationError, match="Chỉ tổ chức đảng"):
        services.self_assess(
            cast.user("alice"),
            member_row(period, "Lê Văn Cường"),
            level=None,
            criteria={"general": 25, "results": 55},
            targets_percent=Decimal(90),
        )
    row = services.self_assess(
        cast.user("bob"),
        org_row(period, "XA-DONG"),
        criteria={"general": 25, "results": 55},
        targets_percent=Decimal("95.5"),
        exceeded_percent=Decimal(10),
    )
    assert (row.targets_percent, row.exceeded_percent) == (Decimal("95.50"), Decimal("10.00"))


# ---------------------------------------------------------------------------
# Not evaluated


def test_it_excludes_and_includes_a_subject_keeping_its_steps(cast: Cast) -> None:
    period = make_period(cast)
    row = _proposed(cast, period, "Lê Văn Cường")
    services.exclude(cast.user("alice"), row, "Đình chỉ sinh hoạt đảng")
    assert (row.stage, row.not_evaluated_reason) == (Stage.NOT_EVALUATED, "Đình chỉ sinh hoạt đảng")
    assert row.history.first().history_change_reason == "Đình chỉ sinh hoạt đảng"
    with pytest.raises(ValidationError, match="không thuộc diện đánh giá, xếp loại"):
        decide(cast, row, Level.GOOD)
    assert services.include(cast.user("alice"), row).stage == Stage.PROPOSED
    assert row.not_evaluated_reason == ""


def test_it_refuses_to_exclude_without_a_reason_or_by_a_secretary(cast: Cast) -> None:
    row = member_row(make_period(cast), "Lê Văn Cường")
    with pytest.raises(ValidationError, match="Nêu lý do"):
        services.exclude(cast.user("alice"), row, "  ")
    with pytest.raises(PermissionDenied):
        services.exclude(cast.user("bob"), row, "Đình chỉ sinh hoạt đảng")


def test_it_does_not_take_steps_for_an_exempt_member(cast: Cast) -> None:
    from dangvu.members.decisions import exempt_member

    exempt_member(cast.member("Nguyễn Văn An"), actor=None, effective_date=date(2025, 3, 1))
    row = member_row(make_period(cast), "Nguyễn Văn An")
    with pytest.raises(ValidationError, match="Miễn công tác và sinh hoạt đảng"):
        assess(cast, row, Level.GOOD)


# ---------------------------------------------------------------------------
# Reopening


def test_it_reopens_only_the_latest_step(cast: Cast) -> None:
    row = _proposed(cast, make_period(cast), "Lê Văn Cường")
    with pytest.raises(ValidationError, match="Chỉ mở lại được bước gần nhất"):
        services.reopen(cast.user("alice"), row, "self", "Nhập nhầm")
    services.reopen(cast.user("bob"), row, "proposal", "Chi bộ họp lại")
    assert (row.stage, row.proposed_level, row.proposed_on) == (Stage.SELF_ASSESSED, "", None)


def test_it_lets_only_the_deciding_body_reopen_a_decision(cast: Cast) -> None:
    period = make_period(cast)
    row = walk(cast, member_row(period, "Lê Văn Cường"), Level.GOOD)
    with pytest.raises(PermissionDenied):
        services.reopen(cast.user("bob"), row, "decision", "Chi bộ xin xem lại")
    with pytest.raises(PermissionDenied):
        services.reopen(cast.user("dave"), row, "decision", "Xem lại")
    services.reopen(cast.user("lan"), row, "decision", "Đảng ủy xem xét lại theo đơn")
    assert (row.stage, row.decided_level, row.forced_reason) == (Stage.PROPOSED, "", "")


def test_it_keeps_the_reopen_reason_in_the_history(cast: Cast) -> None:
    row = walk(cast, member_row(make_period(cast), "Lê Văn Cường"), Level.GOOD)
    services.reopen(cast.user("alice"), row, "decision", "Đảng ủy xem xét lại theo đơn")
    latest = row.history.first()
    assert latest.history_change_reason == "Đảng ủy xem xét lại theo đơn"
    assert (latest.stage, latest.history_user.username) == (Stage.PROPOSED, "alice")
    assert member_row(row.period, "Lê Văn Cường").reopen_reason == "Đảng ủy xem xét lại theo đơn"


@pytest.mark.parametrize(("step", "reason"), [("decision", " "), ("nothing", "Lý do")])
def test_it_refuses_a_reopen_without_reason_or_step(cast: Cast, step: str, reason: str) -> None:
    row = walk(cast, member_row(make_period(cast), "Lê Văn Cường"), Level.GOOD)
    with pytest.raises(ValidationError):
        services.reopen(cast.user("alice"), row, step, reason)
    assert member_row(row.period, "Lê Văn Cường").stage == Stage.DECIDED


def test_it_has_nothing_to_reopen_on_a_pending_row(cast: Cast) -> None:
    row = member_row(make_period(cast), "Lê Văn Cường")
    with pytest.raises(ValidationError, match="chưa có bước nào để mở lại"):
        services.reopen(cast.user("alice"), row, "self", "Lý do")


# ---------------------------------------------------------------------------
# Many at once


def _entries(period: EvaluationPeriod, names: list[str], **values: Any) -> list[dict[str, Any]]:
    return [{"evaluation": member_row(period, name).pk, **values} for name in names]


def test_it_proposes_many_at_once(cast: Cast) -> None:
    period = make_period(cast)
    names = ["Nguyễn Văn An", "Trần Thị Bích", "Lê Văn Cường"]
    services.self_assess_many(
        cast.user("bob"), period, _entries(period, names, criteria={"general": 25, "results": 55})
    )
    assert services.propose_many(cast.user("bob"), period, _entries(period, names, score="75")) == 3
    assert {member_row(period, n).proposed_level for n in names} == {Level.GOOD}


def test_it_writes_none_of_many_when_one_is_wrong(cast: Cast) -> None:
    period = make_period(cast)
    _proposed(cast, period, "Lê Văn Cường")
    entries = _entries(period, ["Lê Văn Cường", "Nguyễn Văn An"], score="75")
    entries += [
        {"evaluation": "x"},
        {"evaluation": entries[0]["evaluation"]},
        {"evaluation": 999999},
    ]
    before = _history_count()
    with pytest.raises(ValidationError) as error:
        services.decide_many(cast.user("alice"), period, entries)
    messages = error.value.message_dict["entries"]
    assert "Nguyễn Văn An chưa tự đánh giá." in messages
    assert "Dòng 3: không đọc được đối tượng đánh giá." in messages
    assert "Dòng 4: trùng với dòng 1." in messages
    assert any("999999" in m for m in messages)
    assert _history_count() == before


def test_it_refuses_many_when_one_is_out_of_the_secretary_cell(cast: Cast) -> None:
    period = make_period(cast)
    entries = _entries(
        period, ["Lê Văn Cường", "Phạm Thị Dung"], criteria={"general": 25, "results": 55}
    )
    with pytest.raises(PermissionDenied):
        services.self_assess_many(cast.user("bob"), period, entries)
    assert member_row(period, "Lê Văn Cường").stage == Stage.PENDING


def _queries_of(call: Any) -> int:
    with CaptureQueriesContext(connection) as context:
        call()
    return len(context.captured_queries)


@pytest.mark.parametrize("step", ["self", "proposal", "decision"])
def test_it_takes_many_steps_in_a_fixed_number_of_queries(cast: Cast, step: str) -> None:
    period = make_period(cast)
    names = ["Nguyễn Văn An", "Trần Thị Bích", "Lê Văn Cường", "Phạm Thị Dung", "Đỗ Văn Hùng"]
    alice = cast.user("alice")
    scope.grants(alice)
    for name in names if step != "self" else []:
        assess(cast, member_row(period, name), Level.GOOD)
        if step == "decision":
            propose(cast, member_row(period, name), Level.GOOD)
    service = {"self": services.self_assess_many, "proposal": services.propose_many}.get(
        step, services.decide_many
    )
    values = {"criteria": {"general": 25, "results": 55}} if step == "self" else {"score": "75"}
    first, rest = _entries(period, names[:1], **values), _entries(period, names[1:], **values)
    one = _queries_of(lambda: service(alice, period, first))
    four = _queries_of(lambda: service(alice, period, rest))
    assert one == four <= 7


def test_it_accepts_evaluation_objects_and_returns_zero_for_no_entries(cast: Cast) -> None:
    period = make_period(cast)
    row = member_row(period, "Lê Văn Cường")
    assert services.self_assess_many(cast.user("alice"), period, []) == 0
    entry = {"evaluation": row, "criteria": {"general": 25, "results": 55}}
    assert services.self_assess_many(cast.user("alice"), period, [entry]) == 1


def test_it_does_not_take_steps_of_another_period(cast: Cast) -> None:
    other = make_period(cast, year=2024)
    period = make_period(cast)
    entries = [{"evaluation": member_row(other, "Lê Văn Cường").pk, "level": Level.GOOD}]
    with pytest.raises(ValidationError, match="Không có đánh giá số"):
        services.self_assess_many(cast.user("alice"), period, entries)


JUNK: list[Any] = [None, "", "abc", [], {}, -1, 10**30, "1e400", "NaN", True, datetime(2025, 12, 1)]


@pytest.mark.parametrize("field", ["level", "score", "note", "on"])
def test_it_answers_junk_with_a_validation_error(cast: Cast, field: str) -> None:
    row = assess(cast, member_row(make_period(cast, year=2024), "Lê Văn Cường"), Level.GOOD)
    for value in JUNK:
        data: dict[str, Any] = {"level": Level.GOOD, field: value}
        try:
            services.propose(cast.user("alice"), row, **data)
        except ValidationError:
            continue
        services.reopen(cast.user("alice"), row, "proposal", "Thử lại")


@pytest.mark.parametrize("field", ["criteria", "targets_percent", "exceeded_percent", "on"])
def test_it_answers_junk_in_a_scored_self_assessment_with_a_validation_error(
    cast: Cast, field: str
) -> None:
    row = org_row(make_period(cast), "XA-DONG")
    for value in [*JUNK, {"general": "abc", "results": []}, {1: 2}]:
        data: dict[str, Any] = {"criteria": {"general": 20, "results": 50}, field: value}
        with contextlib.suppress(ValidationError):
            services.self_assess(cast.user("alice"), row, **data)


def test_it_records_who_did_each_write_and_no_stale_reason(cast: Cast) -> None:
    row = member_row(make_period(cast), "Lê Văn Cường")
    services.exclude(cast.user("alice"), row, "Đình chỉ sinh hoạt đảng")
    services.include(cast.user("lan"), row)
    assess(cast, row, Level.GOOD, user="bob")
    reasons = [(h.history_user.username, h.history_change_reason) for h in row.history.all()[:3]]
    assert reasons == [("bob", None), ("lan", None), ("alice", "Đình chỉ sinh hoạt đảng")]
