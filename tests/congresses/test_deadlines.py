"""Cells whose congress is due in the deadline inbox (issue 7, item 1)."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dangvu.congresses import deadlines, services
from dangvu.core.deadlines import PROVIDERS, collect
from dangvu.organizations.services import create_organization
from tests.congresses.factories import (
    DUE_ON,
    campaign_on,
    held_congress,
    planned_congress,
)
from tests.fixtures.cast import Cast

TODAY = date(2025, 6, 10)
DONG = "Chi bộ thôn Đông — nhiệm kỳ 2025–2030"
TRUONG = "Chi bộ Trường Tiểu học Hòa An — nhiệm kỳ 2025–2030"


def _items(
    cast: Cast, user: str, today: date = TODAY, days: int = 60
) -> dict[str, tuple[date, str]]:
    found = deadlines.items(cast.user(user), None, today, today + timedelta(days=days))
    assert {item.kind for item in found} <= {"congress_due"}
    return {item.name: (item.due_on, item.url) for item in found}


def test_it_reminds_the_staff_of_every_cell_not_yet_held(cast: Cast) -> None:
    campaign = campaign_on(cast)
    url = reverse("congresses:campaign", args=[campaign.pk])
    assert _items(cast, "alice") == {DONG: (DUE_ON, url), TRUONG: (DUE_ON, url)}


def test_it_drops_a_cell_once_its_congress_is_held(cast: Cast) -> None:
    held_congress(cast)
    assert list(_items(cast, "alice")) == [TRUONG]


def test_it_points_to_the_congress_once_planned(cast: Cast) -> None:
    congress = planned_congress(cast)
    assert _items(cast, "alice")[DONG][1] == reverse("congresses:detail", args=[congress.pk])
    assert _items(cast, "bob") == {DONG: (DUE_ON, reverse("congresses:detail", args=[congress.pk]))}


def test_it_shows_the_secretary_their_own_cell_only(cast: Cast) -> None:
    campaign_on(cast)
    assert _items(cast, "bob") == {DONG: (DUE_ON, reverse("congresses:list"))}


def test_it_shows_nothing_to_readers_or_outsiders(cast: Cast) -> None:
    campaign_on(cast)
    for user in ("dave", "lan", "charlie", "eve"):
        assert _items(cast, user) == {}, user


def test_it_waits_for_the_horizon_and_forgets_after_a_year(cast: Cast) -> None:
    campaign_on(cast)
    assert _items(cast, "alice", today=date(2025, 3, 1), days=60) == {}
    assert len(_items(cast, "alice", today=date(2025, 5, 1), days=60)) == 2
    assert len(_items(cast, "alice", today=DUE_ON + timedelta(days=365))) == 2
    assert _items(cast, "alice", today=DUE_ON + timedelta(days=366)) == {}


def test_it_takes_the_deadline_of_the_nearest_plan(cast: Cast) -> None:
    district = services.create_campaign(
        cast.user("root"),
        organization=cast.org("H01"),
        term_start=2025,
        term_end=2030,
        title="Kế hoạch của huyện",
        due_on=date(2025, 7, 31),
    )
    campaign_on(cast, parent=district)
    found = deadlines.items(cast.user("root"), cast.org("H01"), TODAY, TODAY + timedelta(days=60))
    due = {item.name: item.due_on for item in found}
    assert due[DONG] == DUE_ON
    assert due["Chi bộ thôn Bắc — nhiệm kỳ 2025–2030"] == date(2025, 7, 31)


def test_it_skips_cells_founded_after_the_deadline_or_ended(cast: Cast) -> None:
    campaign_on(cast)
    create_organization(
        actor=None,
        code="XA-MOI",
        name="Chi bộ thôn Mới",
        level="cell",
        kind="residential",
        parent=cast.org("XA"),
        founded_on=date(2025, 7, 1),
    )
    assert "Chi bộ thôn Mới — nhiệm kỳ 2025–2030" not in _items(
        cast, "alice", today=date(2025, 7, 2)
    )


def test_it_reads_in_a_fixed_number_of_queries(cast: Cast) -> None:
    campaign_on(cast)
    alice = cast.user("alice")
    deadlines.items(alice, None, TODAY, TODAY)  # the grants are read once per request
    with CaptureQueriesContext(connection) as two_cells:
        deadlines.items(alice, None, TODAY, TODAY + timedelta(days=60))
    for n in range(5):
        create_organization(
            actor=None,
            code=f"XA-N{n}",
            name=f"Chi bộ {n}",
            level="cell",
            kind="agency",
            parent=cast.org("XA"),
            founded_on=date(2000, 1, 1),
        )
    with CaptureQueriesContext(connection) as seven_cells:
        assert len(deadlines.items(alice, None, TODAY, TODAY + timedelta(days=60))) == 7
    assert len(two_cells) == len(seven_cells) == 3


def test_it_is_in_the_inbox(cast: Cast) -> None:
    assert "dangvu.congresses.deadlines.items" in PROVIDERS
    campaign_on(cast)
    found = collect(cast.user("bob"), None, TODAY, TODAY + timedelta(days=60))
    assert [item.name for item in found if item.kind == "congress_due"] == [DONG]
