"""The figures of a ranking: quota rows per deciding body, the summary of a subtree, streaks."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from dangvu.evaluations import services
from dangvu.evaluations.choices import Level, SubjectKind
from dangvu.evaluations.models import EvaluationPeriod
from dangvu.evaluations.summary import (
    evaluation_summary,
    excellent_streak,
    excellent_streaks,
    percent_text,
    quota_row,
    quota_rows,
    share,
)
from tests.evaluations.helpers import make_period, member_row, org_row, propose, walk
from tests.fixtures.cast import Cast

AN, BICH, CUONG, DUNG, HUNG = (
    "Nguyễn Văn An",
    "Trần Thị Bích",
    "Lê Văn Cường",
    "Phạm Thị Dung",
    "Đỗ Văn Hùng",
)
RANKS = {AN: Level.EXCELLENT, BICH: Level.GOOD, CUONG: Level.GOOD, DUNG: Level.COMPLETED}


def ranked(cast: Cast, year: int = 2024, **kwargs: Any) -> EvaluationPeriod:
    """XA's period with every member and both cells decided (1 excellent, 2 good, 1 completed)."""
    period = make_period(cast, year=year, **kwargs)
    for name, level in RANKS.items():
        walk(cast, member_row(period, name), level)
    walk(cast, org_row(period, "XA-DONG"), Level.GOOD)
    walk(cast, org_row(period, "XA-TH"), Level.EXCELLENT)
    return period


def _row(period: EvaluationPeriod, code: str, kind: str, **kwargs: Any) -> Any:
    return next(
        r for r in quota_rows(period, **kwargs) if r.organization.code == code and r.kind == kind
    )


def test_it_counts_the_decided_levels_of_a_group(cast: Cast) -> None:
    row = _row(ranked(cast), "XA", SubjectKind.MEMBER)
    assert (row.excellent, row.good, row.completed, row.not_completed) == (1, 2, 1, 0)
    assert row.pending == 0 and row.evaluated == 4
    assert row.limit == 0  # floor(20% × 2)
    assert row.exceeded and row.over_by == 1 and row.blocked


def test_it_keeps_the_commune_itself_in_the_group_of_the_level_above(cast: Cast) -> None:
    period = ranked(cast)
    above = _row(period, "H01", SubjectKind.ORGANIZATION)
    assert above.pending == 1 and above.evaluated == 1
    cells = _row(period, "XA", SubjectKind.ORGANIZATION)
    assert (cells.excellent, cells.good) == (1, 1)


def test_it_counts_proposals_before_the_decision_when_asked(cast: Cast) -> None:
    period = make_period(cast, year=2024)
    for name in (AN, BICH):
        evaluation = member_row(period, name)
        services.self_assess(cast.user("alice"), evaluation, level=Level.GOOD)
        propose(cast, evaluation, Level.EXCELLENT)
    decided = _row(period, "XA", SubjectKind.MEMBER)
    proposed = _row(period, "XA", SubjectKind.MEMBER, proposed=True)
    assert decided.excellent == 0 and decided.pending == 4
    assert proposed.excellent == 2 and proposed.pending == 2


def test_it_reads_the_quota_rows_in_four_queries(
    cast: Cast, django_assert_num_queries: Any
) -> None:
    period = ranked(cast)
    with django_assert_num_queries(4):
        rows = quota_rows(period)
    assert [(r.organization.code, r.kind) for r in rows] == [
        ("H01", "organization"),
        ("XA", "member"),
        ("XA", "organization"),
    ]


def test_it_shows_the_exception_and_the_finalization(cast: Cast) -> None:
    period = ranked(cast)
    alice, xa = cast.user("alice"), cast.org("XA")
    services.record_exception(
        alice,
        period,
        deciding_org=xa,
        kind=SubjectKind.MEMBER,
        authority="Huyện ủy Thử Nghiệm",
        number="15-CV/HU",
        decided_on=date(2024, 12, 20),
        reason="Đơn vị tiêu biểu",
    )
    services.finalize(alice, period, deciding_org=xa, kind=SubjectKind.MEMBER)
    row = quota_row(period, xa, SubjectKind.MEMBER)
    assert row.exception is not None and row.exception.number == "15-CV/HU"
    assert row.covered and not row.blocked and row.finalized


def test_it_explains_a_group_over_the_quota(cast: Cast) -> None:
    row = _row(ranked(cast), "XA", SubjectKind.MEMBER)
    assert row.explanation() == (
        "Đảng bộ xã Hòa An: 1 đảng viên xếp loại Hoàn thành xuất sắc nhiệm vụ, vượt giới hạn "
        "0 (20% của 2 đảng viên Hoàn thành tốt nhiệm vụ)."
    )


def test_it_summarises_a_subtree_for_a_year(cast: Cast) -> None:
    ranked(cast)
    data = evaluation_summary(cast.org("XA"), 2024)
    assert data["rules"] == "Quy định 124-QĐ/TW"
    members = data["members"]
    assert (members["evaluated"], members["excellent"], members["good"]) == (4, 1, 2)
    assert members["completed_or_better_share"] == 1.0
    assert members["excellent_share"] == 0.25
    assert data["cells"]["total"] == 2 and data["cells"]["good_or_better_share"] == 1.0


def test_it_leaves_members_not_evaluated_out_of_the_shares(cast: Cast) -> None:
    period = make_period(cast, year=2025)
    walk(cast, member_row(period, AN), Level.EXCELLENT)
    services.exclude(cast.user("alice"), member_row(period, HUNG), "Đình chỉ sinh hoạt đảng")
    members = evaluation_summary(cast.org("XA"), 2025)["members"]
    assert members["not_evaluated"] == 1
    assert members["evaluated"] == 4 and members["pending"] == 3
    assert members["excellent_share"] == 0.25


def test_it_lists_only_the_groups_decided_inside_the_subtree(cast: Cast) -> None:
    ranked(cast)
    quota = evaluation_summary(cast.org("XA"), 2024)["quota"]
    assert [(q["organization"], q["kind"]) for q in quota] == [
        ("Đảng bộ xã Hòa An", "member"),
        ("Đảng bộ xã Hòa An", "organization"),
    ]
    assert quota[0]["limit"] == 0 and quota[0]["exceeded"] is True
    assert quota[0]["exception"] is None and quota[0]["finalized"] is False


def test_it_counts_a_cell_of_a_period_opened_above(cast: Cast) -> None:
    ranked(cast)
    data = evaluation_summary(cast.org("XA-DONG"), 2024)
    assert data["members"]["evaluated"] == 3  # An, Bích, Cường
    assert data["cells"]["total"] == 1 and data["cells"]["good"] == 1
    assert data["quota"] == []


def test_it_answers_the_summary_in_five_queries(cast: Cast, django_assert_num_queries: Any) -> None:
    ranked(cast)
    xa = cast.org("XA")
    with django_assert_num_queries(5):
        evaluation_summary(xa, 2024)


def test_it_answers_zeros_for_a_year_without_periods(cast: Cast) -> None:
    data = evaluation_summary(cast.org("XA"), 2019)
    assert data["rules"] == "Quy định 132-QĐ/TW"
    assert data["members"]["evaluated"] == 0
    assert data["members"]["excellent_share"] is None
    assert "chưa có đối tượng" in data["shares_explained"]["members_excellent"]


def test_it_explains_the_shares_exactly(cast: Cast) -> None:
    ranked(cast)
    explained = evaluation_summary(cast.org("XA"), 2024)["shares_explained"]
    assert explained["members_excellent"].endswith(": 1/4 = 25,00%")
    assert percent_text(10, 11) == "10/11 = 90,91%"
    assert share(10, 11) == 0.9091 and share(0, 0) is None


def test_it_counts_excellent_years_in_a_row(cast: Cast) -> None:
    ranked(cast, 2023)
    ranked(cast, 2024)
    an = cast.member(AN).pk
    assert excellent_streak(SubjectKind.MEMBER, an, 2024) == 2
    assert excellent_streak(SubjectKind.MEMBER, an, 2023) == 1
    assert excellent_streak(SubjectKind.MEMBER, an, 2025) == 0
    assert excellent_streaks(SubjectKind.MEMBER, [cast.member(BICH).pk], 2024) == {
        cast.member(BICH).pk: 0
    }


def test_it_counts_an_organisation_streak(cast: Cast) -> None:
    ranked(cast, 2024)
    xa_th = cast.org("XA-TH").pk
    assert excellent_streak(SubjectKind.ORGANIZATION, xa_th, 2024) == 1


@pytest.mark.parametrize(("rate", "limit"), [(Decimal("0.20"), 0), (Decimal("0.50"), 1)])
def test_it_takes_the_period_rate_for_the_limit(cast: Cast, rate: Decimal, limit: int) -> None:
    period = ranked(cast, quota_rate=rate)
    assert _row(period, "XA", SubjectKind.MEMBER).limit == limit
