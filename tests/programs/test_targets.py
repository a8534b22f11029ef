"""Targets: planned against actual, typed-in values, values computed from the records."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from dangvu.admissions import services as admissions
from dangvu.programs import services
from dangvu.programs.models import Target, TargetValue
from dangvu.programs.targets import target_rows
from tests.admissions.helpers import CEREMONY, decided
from tests.fixtures.cast import Cast
from tests.meetings.helpers import mark_all, meeting


def _target(cast: Cast, **fields: Any) -> Target:
    values: dict[str, Any] = {
        "organization": cast.org("XA"),
        "year": 2024,
        "name": "Dồn điền đổi thửa",
        "unit": "ha",
        "planned": "10",
    }
    values.update(fields)
    return services.add_target(cast.user("alice"), **values)


def test_it_adds_targets_in_order(cast: Cast) -> None:
    land = _target(cast)
    poor = _target(cast, name="Tỷ lệ hộ nghèo", unit="%", planned="2,5", comparison="at_most")
    assert (land.order, poor.order, poor.planned) == (1, 2, Decimal("2.50"))
    assert land.org_path == cast.org("XA").path


def test_it_refuses_a_bad_target_writing_nothing(cast: Cast) -> None:
    with pytest.raises(ValidationError) as caught:
        _target(cast, name=" ", planned="mười", comparison="more", source="guess", year=20)
    assert set(caught.value.message_dict) == {"name", "planned", "comparison", "source", "year"}
    assert not Target.objects.exists()
    with pytest.raises(PermissionDenied):
        services.add_target(
            cast.user("dave"), organization=cast.org("XA"), year=2024, name="X", unit="", planned=1
        )


def test_it_shows_the_latest_value_against_the_plan(
    cast: Cast, django_assert_num_queries: Any
) -> None:
    land, poor = _target(cast), _target(cast, name="Hộ nghèo", planned="3", comparison="at_most")
    alice = cast.user("alice")
    services.record_target_value(alice, land, measured_on=date(2024, 6, 30), value="12")
    services.record_target_value(alice, land, measured_on=date(2024, 3, 31), value="4")
    services.record_target_value(alice, poor, measured_on=date(2024, 6, 30), value="3.5")
    empty = _target(cast, name="Thu nhập", unit="triệu đồng", planned="60")
    with django_assert_num_queries(1):
        rows = target_rows([land, poor, empty])
    assert (rows[0].actual, rows[0].measured_on, rows[0].met) == (
        Decimal("12.00"),
        date(2024, 6, 30),
        True,
    )
    assert rows[0].percent_of_plan == 120.0
    assert (rows[1].met, rows[2].actual, rows[2].met, rows[2].percent_of_plan) == (
        False,
        None,
        None,
        None,
    )


def test_it_refuses_a_value_before_the_year_or_in_the_future(cast: Cast) -> None:
    land = _target(cast)
    for day in (date(2023, 12, 31), date(2999, 1, 1)):
        with pytest.raises(ValidationError) as caught:
            services.record_target_value(cast.user("alice"), land, measured_on=day, value=1)
        assert "measured_on" in caught.value.message_dict
    assert not TargetValue.objects.exists()


def test_it_refuses_to_type_in_a_computed_target(cast: Cast) -> None:
    computed = _target(cast, name="Kết nạp đảng viên", unit="đảng viên", source="admissions")
    with pytest.raises(ValidationError) as caught:
        services.record_target_value(
            cast.user("alice"), computed, measured_on=date(2024, 6, 1), value=3
        )
    assert "source" in caught.value.message_dict


def test_it_counts_admissions_of_the_subtree_up_to_the_day(cast: Cast) -> None:
    admissions.admit_candidate(decided(cast), actor=None, ceremony_date=CEREMONY)  # 20/6/2024
    target = _target(
        cast, name="Kết nạp đảng viên", unit="đảng viên", planned=2, source="admissions"
    )
    alice = cast.user("alice")
    (before,) = services.refresh_computed(alice, cast.org("XA"), 2024, as_of=date(2024, 6, 19))
    (after,) = services.refresh_computed(alice, cast.org("XA"), 2024, as_of=date(2024, 12, 31))
    assert (before.value, after.value, after.computed) == (Decimal(0), Decimal(1), True)
    assert target_rows([target])[0].met is False


def test_it_updates_the_computed_value_of_the_same_day(cast: Cast) -> None:
    _target(cast, name="Kết nạp", unit="đảng viên", planned=1, source="admissions")
    alice = cast.user("alice")
    services.refresh_computed(alice, cast.org("XA"), 2024, as_of=date(2024, 12, 31))
    admissions.admit_candidate(decided(cast), actor=None, ceremony_date=CEREMONY)
    (again,) = services.refresh_computed(alice, cast.org("XA"), 2024, as_of=date(2024, 12, 31))
    assert again.value == Decimal(1)
    assert TargetValue.objects.count() == 1


def test_it_computes_the_attendance_rate_of_the_cells(cast: Cast) -> None:
    mark_all(cast, meeting(cast, date(2024, 3, 5)))
    mark_all(cast, meeting(cast, date(2024, 4, 5)), state="absent")
    _target(cast, name="Tỷ lệ dự sinh hoạt", unit="%", planned=90, source="attendance")
    (value,) = services.refresh_computed(
        cast.user("alice"), cast.org("XA"), 2024, as_of=date(2024, 12, 31)
    )
    assert value.value == Decimal("50.00")


def test_it_leaves_out_rankings_when_the_year_has_no_period(cast: Cast) -> None:
    _target(cast, name="Đảng viên xuất sắc", unit="%", planned=15, source="excellent_members")
    written = services.refresh_computed(
        cast.user("alice"), cast.org("XA"), 2024, as_of=date(2024, 12, 31)
    )
    assert written == []
    with pytest.raises(PermissionDenied):
        services.refresh_computed(cast.user("eve"), cast.org("XA"), 2024, as_of=date(2024, 12, 31))
