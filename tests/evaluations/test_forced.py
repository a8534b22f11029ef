"""The forced rankings and the 366 excellence conditions, enforced at decision time."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from dangvu.evaluations import services
from dangvu.evaluations.choices import Level
from dangvu.evaluations.models import DisciplineRecord, Evaluation, EvaluationPeriod
from tests.evaluations.helpers import (
    add_cell,
    assess,
    decide,
    make_period,
    member_row,
    org_row,
    propose,
)
from tests.fixtures.cast import Cast


def _discipline(
    cast: Cast, *, name: str = "", code: str = "", **kwargs: object
) -> DisciplineRecord:
    subject = {"member": cast.member(name)} if name else {"organization": cast.org(code)}
    values: dict[str, object] = {
        "form": "warning" if name else "reprimand",
        "decided_on": date(2025, 5, 12),
        "authority": "Ủy ban Kiểm tra Đảng ủy xã Hòa An",
        **kwargs,
    }
    return services.record_discipline(cast.user("alice"), **subject, **values)  # type: ignore[arg-type]


def _proposed(cast: Cast, period: EvaluationPeriod, name: str) -> Evaluation:
    row = assess(cast, member_row(period, name), Level.GOOD)
    return propose(cast, row, Level.GOOD)


def _org_assessed(
    cast: Cast, period: EvaluationPeriod, code: str, targets: str = "90", exceeded: str = "10"
) -> Evaluation:
    return services.self_assess(
        cast.user("root"),
        org_row(period, code),
        criteria={"general": 28, "results": 65},
        targets_percent=Decimal(targets),
        exceeded_percent=Decimal(exceeded),
    )


# ---------------------------------------------------------------------------
# Members


def test_it_allows_only_not_completed_for_a_disciplined_member(cast: Cast) -> None:
    _discipline(cast, name="Lê Văn Cường")
    row = _proposed(cast, make_period(cast), "Lê Văn Cường")
    with pytest.raises(ValidationError) as error:
        decide(cast, row, Level.GOOD)
    message = str(error.value)
    assert "Quy định 366-QĐ/TW: đảng viên bị kỷ luật cảnh cáo ngày 12/05/2025" in message
    assert "chỉ được xếp loại Không hoàn thành nhiệm vụ" in message
    decided = decide(cast, member_row(row.period, "Lê Văn Cường"), Level.NOT_COMPLETED)
    assert decided.forced_reason.startswith("Quy định 366-QĐ/TW: đảng viên bị kỷ luật")


def test_it_lets_a_self_corrected_fault_be_ranked_freely(cast: Cast) -> None:
    _discipline(cast, name="Lê Văn Cường", self_corrected=True)
    row = _proposed(cast, make_period(cast), "Lê Văn Cường")
    assert decide(cast, row, Level.GOOD).forced_reason == ""


def test_it_ignores_discipline_outside_the_period(cast: Cast) -> None:
    _discipline(cast, name="Lê Văn Cường", decided_on=date(2024, 12, 31))
    row = _proposed(cast, make_period(cast), "Lê Văn Cường")
    assert decide(cast, row, Level.GOOD).decided_level == Level.GOOD


def test_it_forces_the_ranking_in_many_decisions_too(cast: Cast) -> None:
    _discipline(cast, name="Lê Văn Cường")
    period = make_period(cast)
    entries = [
        {"evaluation": _proposed(cast, period, n).pk, "score": "80"}
        for n in ("Lê Văn Cường", "Trần Thị Bích")
    ]
    with pytest.raises(ValidationError, match="Lê Văn Cường — Quy định 366-QĐ/TW"):
        services.decide_many(cast.user("alice"), period, entries)
    assert member_row(period, "Trần Thị Bích").decided_level == ""


# ---------------------------------------------------------------------------
# Organisations


def test_it_forces_an_organisation_disciplined_itself(cast: Cast) -> None:
    _discipline(cast, code="XA-DONG")
    row = _org_assessed(cast, make_period(cast), "XA-DONG")
    with pytest.raises(ValidationError, match="tổ chức bị kỷ luật khiển trách ngày 12/05/2025"):
        decide(cast, row, Level.GOOD)
    assert decide(cast, row, Level.NOT_COMPLETED).forced_reason != ""


def test_it_forces_more_than_a_fifth_of_subordinates_disciplined(cast: Cast) -> None:
    _discipline(cast, code="XA-DONG")
    row = _org_assessed(cast, make_period(cast), "XA")
    with pytest.raises(ValidationError, match="1/2 tổ chức trực thuộc bị kỷ luật"):
        decide(cast, row, Level.GOOD, user="root")


def test_it_does_not_force_exactly_a_fifth_of_subordinates_disciplined(cast: Cast) -> None:
    for code in ("XA-NAM", "XA-BAC", "XA-TAY"):
        add_cell(cast, code)
    _discipline(cast, code="XA-DONG")
    row = _org_assessed(cast, make_period(cast), "XA")
    assert decide(cast, row, Level.GOOD, user="root").forced_reason == ""


def test_it_forces_targets_under_half(cast: Cast) -> None:
    period = make_period(cast)
    row = _org_assessed(cast, period, "XA-DONG", targets="49.99")
    with pytest.raises(ValidationError, match="chỉ hoàn thành 49,99% chỉ tiêu"):
        decide(cast, row, Level.COMPLETED)
    row = _org_assessed(cast, period, "XA-TH", targets="50")
    assert decide(cast, row, Level.COMPLETED).forced_reason == ""


def test_it_ranks_excellent_under_366_only_with_all_targets_and_30_percent_exceeded(
    cast: Cast,
) -> None:
    period = make_period(cast)
    row = _org_assessed(cast, period, "XA-DONG", targets="100", exceeded="29.99")
    with pytest.raises(ValidationError) as error:
        decide(cast, row, Level.EXCELLENT)
    assert "có ít nhất 30% chỉ tiêu vượt (đang có 29,99%)" in str(error.value)
    row = _org_assessed(cast, period, "XA-DONG", targets="100", exceeded="30")
    assert decide(cast, row, Level.EXCELLENT).decided_level == Level.EXCELLENT


def test_it_refuses_excellent_when_a_committee_member_was_disciplined(cast: Cast) -> None:
    _discipline(cast, name="Trần Thị Bích", form="reprimand")
    row = _org_assessed(cast, make_period(cast), "XA-DONG", targets="100", exceeded="40")
    with pytest.raises(ValidationError, match=r"không có cấp ủy viên bị kỷ luật trong kỳ \(Trần"):
        decide(cast, row, Level.EXCELLENT)


def test_it_refuses_excellent_when_a_subordinate_was_disciplined(cast: Cast) -> None:
    for code in ("XA-NAM", "XA-BAC", "XA-TAY"):
        add_cell(cast, code)
    _discipline(cast, code="XA-NAM")
    row = _org_assessed(cast, make_period(cast), "XA", targets="100", exceeded="40")
    with pytest.raises(ValidationError, match="không có tổ chức trực thuộc bị kỷ luật"):
        decide(cast, row, Level.EXCELLENT, user="root")


def test_it_does_not_ask_the_366_conditions_under_124(cast: Cast) -> None:
    row = assess(cast, org_row(make_period(cast, year=2024), "XA-DONG"), Level.EXCELLENT)
    assert decide(cast, row, Level.EXCELLENT).decided_level == Level.EXCELLENT


# ---------------------------------------------------------------------------
# Recording discipline


def test_it_gives_a_probationary_member_only_reprimand_or_warning(cast: Cast) -> None:
    with pytest.raises(ValidationError, match="Hình thức kỷ luật không áp dụng"):
        _discipline(cast, name="Đỗ Văn Hùng", form="dismissal", decided_on=date(2025, 9, 1))
    assert _discipline(cast, name="Đỗ Văn Hùng", decided_on=date(2025, 9, 1)).form == "warning"
    with pytest.raises(ValidationError, match="Hình thức kỷ luật không áp dụng"):
        _discipline(cast, code="XA-DONG", form="dismissal")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"decided_on": date(2099, 1, 1)}, "decided_on"),
        ({"decided_on": date(1990, 1, 1)}, "decided_on"),
        ({"authority": " "}, "authority"),
        ({"form": "fine"}, "form"),
    ],
)
def test_it_refuses_bad_discipline_data(cast: Cast, changes: dict[str, object], field: str) -> None:
    with pytest.raises(ValidationError) as error:
        _discipline(cast, name="Lê Văn Cường", **changes)
    assert field in error.value.message_dict
    assert not DisciplineRecord.objects.exists()


@pytest.mark.parametrize("username", ["eve", "dave", "bob"])
def test_it_lets_only_the_committee_record_discipline(cast: Cast, username: str) -> None:
    with pytest.raises(PermissionDenied):
        services.record_discipline(
            cast.user(username),
            member=cast.member("Lê Văn Cường"),
            form="warning",
            decided_on=date(2025, 5, 12),
            authority="Đảng ủy",
        )
