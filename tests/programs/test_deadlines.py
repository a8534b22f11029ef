"""Open programme tasks in the deadline inbox: the responsible member and the keepers."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from dangvu.core import deadlines as inbox
from dangvu.programs import services
from dangvu.programs.deadlines import items
from dangvu.programs.models import Programme, Task
from dangvu.programs.periods import period_of
from tests.fixtures.cast import Cast

pytestmark = pytest.mark.django_db
Login = Callable[[str], Client]
# Seven days after the end of quý 1/2022; the horizon looks 60 days ahead.
TODAY = date(2022, 4, 7)
HORIZON = TODAY + timedelta(days=60)


def _due(cast: Cast, username: str, root: Any = None) -> list[str]:
    user = cast.user(username)
    return [item.name for item in items(user, root, TODAY, HORIZON)]


@pytest.fixture
def charlie_task(cast: Cast, programme_q1: Programme) -> Task:
    """A commune task Lê Văn Cường (charlie) answers for, due 31/3/2022 (overdue on TODAY)."""
    return services.add_task(
        cast.user("alice"),
        programme_q1,
        title="Vận động hiến đất làm đường",
        deadline="31/3/2022",
        owner_org=cast.org("XA"),
        responsible=cast.member("Lê Văn Cường"),
    )


def test_it_shows_the_responsible_member_their_overdue_task(
    cast: Cast, charlie_task: Task, task_xa: Task
) -> None:
    (item,) = items(cast.user("charlie"), None, TODAY, HORIZON)
    assert item.name == "Vận động hiến đất làm đường — Đảng bộ xã Hòa An"
    assert (item.kind, item.label) == ("program_task", "Nhiệm vụ chương trình công tác")
    assert (item.due_on, item.overdue_on(TODAY)) == (date(2022, 3, 31), True)
    assert item.url == f"/programs/tasks/{charlie_task.pk}/"
    assert item.member_id == charlie_task.responsible_id


def test_it_shows_the_keepers_of_the_commune_every_open_task(
    cast: Cast, charlie_task: Task, task_dong: Task
) -> None:
    expected = {
        "Vận động hiến đất làm đường — Đảng bộ xã Hòa An",
        "Tổ chức sinh hoạt chuyên đề quý 1 — Chi bộ thôn Đông",
    }
    assert set(_due(cast, "alice")) == expected
    assert set(_due(cast, "lan")) == expected


def test_it_hides_the_tasks_from_outsiders_and_viewers(cast: Cast, charlie_task: Task) -> None:
    assert _due(cast, "eve") == []
    assert _due(cast, "dave") == []


def test_it_shows_a_cell_secretary_the_tasks_given_to_the_cell(
    cast: Cast, task_xa: Task, task_dong: Task
) -> None:
    assert _due(cast, "bob") == ["Tổ chức sinh hoạt chuyên đề quý 1 — Chi bộ thôn Đông"]


def test_it_drops_a_done_task(cast: Cast, charlie_task: Task) -> None:
    services.complete_task(cast.user("alice"), charlie_task, completed_on=date(2022, 4, 2))
    assert _due(cast, "charlie") == []
    assert _due(cast, "alice") == []


def test_it_keeps_to_the_horizon_and_the_year_past(cast: Cast, charlie_task: Task) -> None:
    user = cast.user("alice")
    assert items(user, None, date(2022, 1, 1), date(2022, 3, 30)) == []
    assert len(items(user, None, date(2023, 3, 31), date(2023, 5, 30))) == 1
    assert items(user, None, date(2023, 4, 1), date(2023, 5, 31)) == []


def test_it_keeps_under_the_root(cast: Cast, charlie_task: Task, task_dong: Task) -> None:
    names = _due(cast, "alice", root=cast.org("XA-DONG"))
    assert names == ["Tổ chức sinh hoạt chuyên đề quý 1 — Chi bộ thôn Đông"]
    assert _due(cast, "charlie", root=cast.org("XA-TH")) == []


def test_it_reads_in_a_fixed_number_of_queries(
    cast: Cast, charlie_task: Task, django_assert_num_queries: Any
) -> None:
    user = cast.user("alice")
    items(user, None, TODAY, HORIZON)  # the roles are read once per request
    for number in range(5):
        services.add_task(
            user,
            charlie_task.programme,
            title=f"Nhiệm vụ {number}",
            deadline="tháng 3/2022",
            owner_org=cast.org("XA-TH"),
        )
    with django_assert_num_queries(1):
        assert len(items(user, None, TODAY, HORIZON)) == 6


def test_it_is_in_the_inbox_api(cast: Cast, login: Login) -> None:
    today = timezone.localdate()
    period = period_of("quarter", today)
    programme = services.create_programme(
        cast.user("alice"), organization=cast.org("XA"), period=period
    )
    services.add_task(
        cast.user("alice"),
        programme,
        title="Hoàn thiện hồ sơ đảng viên",
        deadline=today,
        owner_org=cast.org("XA"),
        responsible=cast.member("Lê Văn Cường"),
    )
    rows = login("charlie").get("/api/v1/deadlines/", {"kind": "program_task"}).json()["results"]
    assert [(row["title"], row["name"]) for row in rows] == [
        (
            "Nhiệm vụ chương trình công tác đến hạn, quá hạn",
            "Hoàn thiện hồ sơ đảng viên — Đảng bộ xã Hòa An",
        )
    ]
    assert inbox.kind_title("program_task") == rows[0]["title"]
