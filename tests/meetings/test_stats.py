"""The organisation statistics of a year gain the attendance rate and the meetings held."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from dangvu.meetings import services
from dangvu.organizations.stats import organization_stats
from tests.fixtures.cast import Cast
from tests.meetings.helpers import held, meeting

Login = Callable[[str], Client]
AN, BICH, CUONG = "Nguyễn Văn An", "Trần Thị Bích", "Lê Văn Cường"
# One absence in four of the regular meetings and in one thematic meeting.
ABSENT_MONTHS = {2, 5, 8, 11}
TOPICS = ("new_rural", "security", "health_insurance", "food_safety")


def _year_2024(cast: Cast) -> None:
    """Thôn Đông in 2024: 12 monthly and 4 thematic meetings of 3 members; 43 of 48 present."""
    for month in range(1, 13):
        state = "absent" if month in ABSENT_MONTHS else "present"
        held(cast, date(2024, month, 5), {AN: "present", BICH: "present", CUONG: state})
    for quarter, topic in enumerate(TOPICS):
        day = date(2024, 3 * quarter + 2, 20)
        state = "excused" if quarter == 0 else "present"
        held(
            cast, day, {AN: "present", BICH: "present", CUONG: state}, kind="thematic", topic=topic
        )


def _stats(
    login: Login, cast: Cast, code: str, year: int, user: str = "alice"
) -> dict[str, object]:
    org = cast.org(code)
    response = login(user).get(f"/api/v1/organizations/{org.pk}/stats/", {"year": year})
    assert response.status_code == 200
    body: dict[str, object] = response.json()
    return body


def test_it_computes_the_years_rate_from_the_member_records(cast: Cast, login: Login) -> None:
    _year_2024(cast)
    body = _stats(login, cast, "XA", 2024)
    assert body["attendance_rate"] == 43 / 48
    assert 0.88 <= 43 / 48 <= 0.90
    assert body["meetings_held"] == {"regular": 12, "thematic": 4}
    assert body["members"] == 5  # the keys of the day are kept


def test_it_gives_no_rate_for_a_year_without_meetings(cast: Cast, login: Login) -> None:
    body = _stats(login, cast, "XA", 2023)
    assert body["attendance_rate"] is None
    assert body["meetings_held"] == {"regular": 0, "thematic": 0}
    assert (
        "attendance_rate"
        not in login("alice").get(f"/api/v1/organizations/{cast.org('XA').pk}/stats/").json()
    )


def test_it_counts_only_cell_meetings_held_in_the_subtree(cast: Cast, login: Login) -> None:
    held(cast, date(2024, 3, 5), {AN: "present", BICH: "absent"})
    meeting(cast, date(2024, 4, 5))  # planned, never held
    services.cancel_meeting(cast.user("alice"), meeting(cast, date(2024, 5, 5)), "Bão")
    meeting(cast, date(2024, 3, 11), cell="XA", kind="briefing")
    body = _stats(login, cast, "XA", 2024)
    assert body["meetings_held"] == {"regular": 1, "thematic": 0}
    assert body["attendance_rate"] == 1 / 3
    assert _stats(login, cast, "XB", 2024, "eve")["meetings_held"] == {"regular": 0, "thematic": 0}


def test_it_adds_one_query_whatever_the_meetings(cast: Cast) -> None:
    commune = cast.org("XA")

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            organization_stats(commune, date(2024, 12, 31), 2024)
        return len(queries)

    before = count()
    _year_2024(cast)
    assert count() == before
