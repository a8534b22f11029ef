"""The reads pages and API share: per body, per person, per organisation and period."""

from __future__ import annotations

from typing import Any

from dangvu.organizations.models import Agency
from dangvu.programs import services
from dangvu.programs.models import Programme, Task
from dangvu.programs.periods import parse_period
from tests.fixtures.cast import Cast


def _agency_task(cast: Cast, programme: Programme, agency: Agency) -> Task:
    return services.add_task(
        cast.user("alice"), programme, title="Thu ngân sách", deadline="3/2022", owner_agency=agency
    )


def test_it_lists_a_bodys_tasks_in_one_query(
    cast: Cast, task_xa: Task, task_dong: Task, agency_ubnd: Agency, django_assert_num_queries: Any
) -> None:
    agency_task = _agency_task(cast, task_xa.programme, agency_ubnd)
    alice, cell = cast.user("alice"), cast.org("XA-DONG")
    with django_assert_num_queries(2):  # the user's roles, then the tasks with their rows
        rows = list(services.tasks_for_body(alice, organization=cell))
        assert [t.responsible.full_name for t in rows] == ["Trần Thị Bích"]
    assert list(services.tasks_for_body(alice, agency=agency_ubnd)) == [agency_task]
    assert not services.tasks_for_body(alice).exists()


def test_it_shows_bob_his_cells_tasks_in_the_communes_programme(
    cast: Cast, task_xa: Task, task_dong: Task
) -> None:
    bob = cast.user("bob")
    assert list(services.tasks_for_body(bob, organization=cast.org("XA-DONG"))) == [task_dong]
    assert not services.tasks_for_body(bob, organization=cast.org("XA")).exists()
    assert not services.programmes_for(bob, cast.org("XA")).exists()


def test_it_shows_nothing_to_the_outsider(cast: Cast, task_xa: Task, task_dong: Task) -> None:
    eve = cast.user("eve")
    assert not services.tasks_for_body(eve, organization=cast.org("XA-DONG")).exists()
    assert not services.tasks_for_person(eve, cast.member("Trần Thị Bích")).exists()
    assert not services.programmes_for(eve, cast.org("XA")).exists()


def test_it_lists_a_persons_tasks_and_a_member_sees_their_own(
    cast: Cast, programme_q1: Programme, task_xa: Task
) -> None:
    cuong = cast.member("Lê Văn Cường")
    own = services.add_task(
        cast.user("alice"),
        programme_q1,
        title="Vận động hiến đất",
        deadline="3/2022",
        owner_org=cast.org("XA"),
        responsible=cuong,
    )
    assert list(services.tasks_for_person(cast.user("charlie"), cuong)) == [own]
    assert list(services.tasks_for_person(cast.user("dave"), cuong)) == [own]
    assert (
        not services.tasks_for_body(cast.user("charlie"), organization=cast.org("XA"))
        .filter(pk=task_xa.pk)
        .exists()
    )


def test_it_lists_programmes_with_their_tasks_in_fixed_queries(
    cast: Cast, task_xa: Task, task_dong: Task, django_assert_num_queries: Any
) -> None:
    services.create_programme(cast.user("alice"), organization=cast.org("XA"), period="2022-Q2")
    lan, commune = cast.user("lan"), cast.org("XA")
    with django_assert_num_queries(3):  # roles, programmes, their tasks with owners and people
        found = list(services.programmes_for(lan, commune, parse_period("quý 1/2022")))
        titles = [[t.owner_org.code for t in p.tasks.all()] for p in found]
    assert titles == [["XA", "XA-DONG"]]
    assert services.programmes_for(lan, commune).count() == 2
