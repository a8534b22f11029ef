"""Finalising a group under the quota, quota exceptions, the lock, and commendations."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from dangvu.evaluations import services
from dangvu.evaluations.choices import Level, Stage
from dangvu.evaluations.models import Commendation, EvaluationPeriod, Finalization, QuotaException
from tests.evaluations.helpers import make_period, member_row, org_row, walk
from tests.fixtures.cast import Cast

NAMES = ["Nguyễn Văn An", "Trần Thị Bích", "Lê Văn Cường", "Phạm Thị Dung", "Đỗ Văn Hùng"]
OVER_QUOTA = (
    "Đảng bộ xã Hòa An: 1 đảng viên xếp loại Hoàn thành xuất sắc nhiệm vụ, vượt giới hạn 0 "
    "(20% của 4 đảng viên Hoàn thành tốt nhiệm vụ). Cần ghi nhận văn bản cho phép vượt tỷ lệ "
    "của cấp có thẩm quyền (cấp, số, ngày, lý do) trước khi chốt."
)


def _decided(cast: Cast, excellent: tuple[str, ...] = ("Nguyễn Văn An",), **kwargs: Any) -> Any:
    """A 2025 period of XA with every member decided: ``excellent`` ones excellent, others good."""
    period = make_period(cast, **kwargs)
    for name in NAMES:
        walk(cast, member_row(period, name), Level.EXCELLENT if name in excellent else Level.GOOD)
    return period


def _finalize(cast: Cast, period: EvaluationPeriod, user: str = "alice") -> Finalization:
    return services.finalize(cast.user(user), period, deciding_org=cast.org("XA"), kind="member")


def _exception(cast: Cast, period: EvaluationPeriod, **kwargs: Any) -> QuotaException:
    user = kwargs.pop("user", "lan")
    values: dict[str, Any] = {
        "deciding_org": cast.org("XA"),
        "kind": "member",
        "authority": "Ban Thường vụ Huyện ủy",
        "number": "125-CV/HU",
        "decided_on": date(2025, 12, 20),
        "reason": "Đơn vị có thành tích xuất sắc",
        **kwargs,
    }
    return services.record_exception(cast.user(user), period, **values)


def test_it_refuses_to_finalise_over_the_quota_with_the_reason(cast: Cast) -> None:
    period = _decided(cast)
    with pytest.raises(ValidationError) as error:
        _finalize(cast, period)
    assert error.value.messages == [OVER_QUOTA]
    assert not Finalization.objects.exists()


def test_it_words_the_quota_reason_as_the_offices_do(cast: Cast) -> None:
    text = services.quota_refusal(cast.org("XA"), "member", 63, 200, 40, Decimal("0.20"))
    assert text.startswith(
        "Đảng bộ xã Hòa An: 63 đảng viên xếp loại Hoàn thành xuất sắc nhiệm vụ, vượt giới hạn 40 "
        "(20% của 200 đảng viên Hoàn thành tốt nhiệm vụ)."
    )


def test_it_finalises_over_the_quota_with_an_exception(cast: Cast) -> None:
    period = _decided(cast)
    exception = _exception(cast, period)
    final = _finalize(cast, period)
    assert (final.excellent, final.good, final.limit, final.exception) == (1, 4, 0, exception)
    assert final.finalized_by.username == "alice"


def test_it_refuses_more_than_the_exception_allows(cast: Cast) -> None:
    period = _decided(cast, excellent=("Nguyễn Văn An", "Trần Thị Bích"))
    _exception(cast, period, allowed=1)
    with pytest.raises(ValidationError, match="nhiều hơn 1 theo văn bản 125-CV/HU"):
        _finalize(cast, period)


def test_it_finalises_within_the_quota_without_an_exception(cast: Cast) -> None:
    period = _decided(cast, quota_rounding="half_up")
    final = _finalize(cast, period)
    assert (final.excellent, final.limit, final.exception) == (1, 1, None)


def test_it_refuses_to_finalise_with_decisions_pending(cast: Cast) -> None:
    period = make_period(cast)
    walk(cast, member_row(period, "Lê Văn Cường"), Level.GOOD)
    with pytest.raises(ValidationError, match="còn 4 đảng viên chưa có quyết định xếp loại"):
        _finalize(cast, period)


def test_it_locks_the_decisions_of_a_finalised_group(cast: Cast) -> None:
    period = _decided(cast, excellent=())
    _finalize(cast, period)
    row = member_row(period, "Lê Văn Cường")
    with pytest.raises(ValidationError, match="đã chốt"):
        services.reopen(cast.user("alice"), row, "decision", "Xem lại")
    with pytest.raises(ValidationError, match="đã chốt kết quả xếp loại đảng viên"):
        _finalize(cast, period)
    assert member_row(period, "Lê Văn Cường").stage == Stage.DECIDED


def test_it_reopens_a_finalisation_by_the_same_body_with_a_reason(cast: Cast) -> None:
    period = _decided(cast, excellent=())
    final = _finalize(cast, period)
    with pytest.raises(PermissionDenied):
        services.reopen_finalization(cast.user("bob"), final, "Xem lại")
    with pytest.raises(ValidationError, match="Nêu lý do"):
        services.reopen_finalization(cast.user("lan"), final, "")
    services.reopen_finalization(cast.user("lan"), final, "Có đơn đề nghị xem xét lại")
    assert (final.active, final.history.first().history_change_reason) == (
        False,
        "Có đơn đề nghị xem xét lại",
    )
    services.reopen(cast.user("alice"), member_row(period, "Lê Văn Cường"), "decision", "Xem lại")


@pytest.mark.parametrize("username", ["bob", "dave", "eve"])
def test_it_lets_only_the_deciding_body_finalise(cast: Cast, username: str) -> None:
    period = _decided(cast, excellent=())
    with pytest.raises(PermissionDenied):
        _finalize(cast, period, user=username)
    with pytest.raises(PermissionDenied):
        _exception(cast, period, user=username)


def test_it_keeps_one_active_exception_and_withdraws_it_only_when_unused(cast: Cast) -> None:
    period = _decided(cast)
    exception = _exception(cast, period)
    with pytest.raises(ValidationError, match="đã có văn bản cho phép vượt tỷ lệ"):
        _exception(cast, period, number="126-CV/HU")
    final = _finalize(cast, period)
    with pytest.raises(ValidationError, match="Kết quả đã chốt dựa trên văn bản 125-CV/HU"):
        services.withdraw_exception(cast.user("lan"), exception, "Thu hồi")
    services.reopen_finalization(cast.user("lan"), final, "Thu hồi văn bản")
    assert services.withdraw_exception(cast.user("lan"), exception, "Thu hồi").withdrawn


def test_it_refuses_an_exception_for_a_group_that_does_not_exist(cast: Cast) -> None:
    period = make_period(cast)
    with pytest.raises(ValidationError, match="không quyết định xếp loại đảng viên nào"):
        _exception(cast, period, deciding_org=cast.org("XA-DONG"), user="root")


def test_it_finalises_the_cells_of_the_commune_as_their_own_group(cast: Cast) -> None:
    period = make_period(cast)
    for code in ("XA-DONG", "XA-TH"):
        walk(cast, org_row(period, code), Level.GOOD)
    final = services.finalize(
        cast.user("lan"), period, deciding_org=cast.org("XA"), kind="organization"
    )
    assert (final.good, final.kind) == (2, "organization")
    with pytest.raises(ValidationError, match="đã chốt"):
        services.reopen(cast.user("alice"), org_row(period, "XA-DONG"), "decision", "Xem lại")
    assert walk(cast, member_row(period, "Lê Văn Cường"), Level.GOOD).stage == Stage.DECIDED


# ---------------------------------------------------------------------------
# Commendations


def test_it_commends_only_an_excellent_ranking(cast: Cast) -> None:
    period = _decided(cast)
    kwargs: dict[str, Any] = {
        "form": "certificate",
        "authority": "Đảng ủy xã Hòa An",
        "decided_on": timezone.localdate(),
    }
    with pytest.raises(ValidationError, match="chỉ đối tượng xếp loại Hoàn thành xuất sắc"):
        services.commend(cast.user("alice"), member_row(period, "Lê Văn Cường"), **kwargs)
    commendation = services.commend(
        cast.user("alice"), member_row(period, "Nguyễn Văn An"), **kwargs
    )
    assert commendation.org_path == cast.org("XA-DONG").path
    assert Commendation.objects.count() == 1


def test_it_refuses_a_commendation_by_a_viewer(cast: Cast) -> None:
    period = _decided(cast)
    with pytest.raises(PermissionDenied):
        services.commend(
            cast.user("dave"),
            member_row(period, "Nguyễn Văn An"),
            form="certificate",
            authority="Đảng ủy xã Hòa An",
            decided_on=date(2026, 1, 10),
        )
