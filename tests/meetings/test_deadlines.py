"""The meeting items of the deadline inbox (issue 5, item 4)."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext

from dangvu.core.deadlines import collect
from dangvu.meetings import deadlines
from dangvu.organizations.services import create_organization
from tests.fixtures.cast import Cast
from tests.meetings.helpers import held, meeting

TODAY = date(2024, 3, 20)
AN, BICH = "Nguyễn Văn An", "Trần Thị Bích"


def _items(cast: Cast, user: str, today: date = TODAY) -> dict[str, list[tuple[str, date]]]:
    found: dict[str, list[tuple[str, date]]] = {}
    for item in deadlines.items(cast.user(user), None, today, today + timedelta(days=60)):
        found.setdefault(item.kind, []).append((item.name, item.due_on))
    return found


def test_it_reminds_the_secretary_of_this_months_and_quarters_meetings(cast: Cast) -> None:
    items = _items(cast, "bob")
    assert ("Chi bộ thôn Đông — tháng 3/2024", date(2024, 3, 31)) in items["meeting_regular_due"]
    assert ("Chi bộ thôn Đông — quý I/2024", date(2024, 3, 31)) in items["meeting_thematic_due"]
    assert ("Chi bộ thôn Đông — tháng 2/2024", date(2024, 2, 29)) in items["meeting_regular_due"]
    assert all(name.startswith("Chi bộ thôn Đông") for name, _ in items["meeting_regular_due"])


def test_it_drops_the_reminder_once_the_meeting_is_held(cast: Cast) -> None:
    held(cast, date(2024, 2, 6))
    held(cast, date(2024, 3, 5))
    held(cast, date(2024, 3, 12), kind="thematic", topic="security")
    items = _items(cast, "alice")
    assert [name for name, _ in items["meeting_regular_due"] if "Đông" in name] == []
    thematic = [name for name, _ in items["meeting_thematic_due"]]
    assert "Chi bộ thôn Đông — quý I/2024" not in thematic
    assert "Chi bộ Trường Tiểu học Hòa An — quý I/2024" in thematic


def test_it_shows_the_staff_every_cell_and_nothing_to_readers_or_outsiders(cast: Cast) -> None:
    names = [name for name, _ in _items(cast, "alice")["meeting_regular_due"]]
    assert "Chi bộ Trường Tiểu học Hòa An — tháng 3/2024" in names
    assert _items(cast, "dave") == {} and _items(cast, "lan") == {}
    assert "Hòa An" not in str(_items(cast, "eve"))


def test_it_reminds_a_meeting_past_without_attendance(cast: Cast) -> None:
    planned = meeting(cast, date(2024, 3, 10))
    items = _items(cast, "bob")["meeting_attendance_missing"]
    assert items == [(f"{planned.title} — Chi bộ thôn Đông", date(2024, 3, 13))]
    meeting(cast, date(2024, 3, 18), cell="XA-TH")
    assert len(_items(cast, "alice")["meeting_attendance_missing"]) == 1


def test_it_asks_the_cell_to_consider_three_absences_in_a_row(cast: Cast) -> None:
    for month in (1, 2, 3):
        held(cast, date(2024, month, 5), {AN: "absent", BICH: "present"})
    items = _items(cast, "bob")["absence_streak"]
    assert items == [(AN, date(2024, 3, 5) + timedelta(days=30))]


def test_it_feeds_the_inbox(cast: Cast) -> None:
    kinds = {
        item.kind for item in collect(cast.user("bob"), None, TODAY, TODAY + timedelta(days=30))
    }
    assert {"meeting_regular_due", "meeting_thematic_due"} <= kinds


def test_it_reads_a_fixed_number_of_queries_whatever_the_cells(cast: Cast) -> None:
    def count() -> int:
        user = cast.user("alice")
        with CaptureQueriesContext(connection) as queries:
            deadlines.items(user, None, TODAY, TODAY + timedelta(days=60))
        return len(queries)

    before = count()
    for n in range(5):
        create_organization(
            actor=None,
            code=f"XA-N{n}",
            name=f"Chi bộ thôn {n}",
            level="cell",
            kind="residential",
            parent=cast.org("XA"),
        )
    assert count() == before
