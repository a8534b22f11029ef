"""A held meeting's resolution handed off becomes a task of the organisation's programme."""

from __future__ import annotations

from datetime import date

from dangvu.meetings import services as meetings
from dangvu.programs import services
from dangvu.programs.models import Programme, Task
from tests.fixtures.cast import Cast
from tests.meetings.helpers import mark_all, meeting


def _resolution(cast: Cast, due_on: date = date(2024, 4, 20)) -> meetings.Resolution:
    held = mark_all(cast, meeting(cast, date(2024, 3, 5)))
    return meetings.add_resolution(
        cast.user("bob"),
        held,
        text="Sửa đường bê tông thôn Đông",
        owner_name="Ông An",
        due_on=due_on,
    )


def test_it_makes_a_task_in_a_new_quarter_programme_once(cast: Cast) -> None:
    resolution = _resolution(cast)
    reference = meetings.hand_off_resolution(cast.user("bob"), resolution)
    task = Task.objects.get(resolution=resolution)
    assert reference == f"programs.task:{task.pk}"
    assert (task.programme.title, task.owner_org) == (
        "Chương trình công tác quý 2/2024",
        cast.org("XA-DONG"),
    )
    assert (task.deadline, task.deadline_precision, task.title) == (
        date(2024, 4, 20),
        "day",
        "Sửa đường bê tông thôn Đông",
    )
    assert "Ông An" in task.description
    assert meetings.hand_off_resolution(cast.user("alice"), resolution) == reference
    assert Task.objects.count() == 1


def test_it_uses_the_shortest_programme_containing_the_deadline(cast: Cast) -> None:
    bob, cell = cast.user("bob"), cast.org("XA-DONG")
    services.create_programme(bob, organization=cell, period="2024")
    month = services.create_programme(bob, organization=cell, period="tháng 4/2024")
    services.create_programme(bob, organization=cell, period="2024-Q2")
    meetings.hand_off_resolution(bob, resolution := _resolution(cast))
    assert Task.objects.get(resolution=resolution).programme == month
    assert Programme.objects.count() == 3


def test_it_returns_the_existing_task_when_called_directly_again(cast: Cast) -> None:
    resolution = _resolution(cast)
    first = services.task_from_resolution(cast.user("bob"), resolution)
    assert services.task_from_resolution(cast.user("bob"), resolution) == first
