"""Programmes and tasks: creating, adding, changing, and who may do it."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from dangvu.programs import services
from dangvu.programs.choices import Precision, TaskStatus
from dangvu.programs.models import Programme, Task
from tests.fixtures.cast import Cast


def test_it_creates_a_programme_with_its_period_and_title(programme_q1: Programme) -> None:
    assert (programme_q1.period_kind, programme_q1.year, programme_q1.period_number) == (
        "quarter",
        2022,
        1,
    )
    assert (programme_q1.starts_on, programme_q1.ends_on) == (date(2022, 1, 1), date(2022, 3, 31))
    assert programme_q1.title == "Chương trình công tác quý 1/2022"
    assert programme_q1.org_path == programme_q1.organization.path


def test_it_refuses_a_second_programme_of_the_same_period(
    cast: Cast, programme_q1: Programme
) -> None:
    with pytest.raises(ValidationError) as caught:
        services.create_programme(cast.user("alice"), organization=cast.org("XA"), period="Q1/2022")
    assert "đã có chương trình công tác quý 1/2022" in caught.value.message_dict["period"][0]
    assert Programme.objects.count() == 1


def test_it_refuses_a_bad_period_naming_it(cast: Cast) -> None:
    with pytest.raises(ValidationError) as caught:
        services.create_programme(cast.user("alice"), organization=cast.org("XA"), period="quý 5")
    assert "quý 5" in caught.value.message_dict["period"][0]
    assert not Programme.objects.exists()


def test_it_keeps_the_deadline_as_given(task_xa: Task, task_dong: Task) -> None:
    assert (task_xa.deadline, task_xa.deadline_precision) == (date(2022, 2, 28), Precision.MONTH)
    assert (task_dong.deadline, task_dong.deadline_precision) == (date(2022, 3, 31), "day")
    assert task_xa.owner_path == task_xa.org_path
    assert task_dong.owner_path == task_dong.owner_org.path
    assert task_xa.status == TaskStatus.NOT_STARTED
