"""The iCalendar feed: the RFC 5545 format, and who sees what through a token."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from dangvu.meetings import calendar, services
from dangvu.meetings.calendar import Event, escape_text, fold, render
from dangvu.meetings.models import CalendarToken, Meeting
from tests.fixtures.cast import Cast

Login = Callable[[str], Client]
STAMP = datetime(2024, 1, 5, 1, 2, 3, tzinfo=UTC)


def _event(**changes: object) -> Event:
    fields: dict[str, object] = {
        "uid": calendar.meeting_uid(7),
        "day": date(2024, 1, 10),
        "start": time(19, 30),
        "summary": "Sinh hoạt chi bộ thường kỳ",
    }
    fields.update(changes)
    return Event(**fields)  # type: ignore[arg-type]


def _unfold(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")


def test_it_ends_every_line_with_crlf() -> None:
    text = render([_event()], name="Lịch", stamp=STAMP)
    assert text.endswith("END:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")


def test_it_folds_lines_at_75_octets_without_splitting_a_letter() -> None:
    line = "SUMMARY:" + "Sinh hoạt chuyên đề xây dựng nông thôn mới, " * 5
    folded = fold(line)
    physical = folded.split("\r\n")
    assert all(len(p.encode("utf-8")) <= 75 for p in physical)
    assert all(p.startswith(" ") for p in physical[1:])
    assert folded.replace("\r\n ", "") == line


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("Hội trường, thôn Đông", "Hội trường\\, thôn Đông"),
        ("a;b", "a\\;b"),
        ("C:\\tài liệu", "C:\\\\tài liệu"),
        ("dòng 1\ndòng 2\r\ndòng 3", "dòng 1\\ndòng 2\\ndòng 3"),
    ],
)
def test_it_escapes_text_values(raw: str, escaped: str) -> None:
    assert escape_text(raw) == escaped


def test_it_writes_a_timed_event_in_the_vietnam_time_zone() -> None:
    lines = _unfold(render([_event(location="Nhà văn hóa, thôn Đông")], name="L", stamp=STAMP))
    assert "TZID:Asia/Ho_Chi_Minh" in lines and "TZOFFSETTO:+0700" in lines
    assert "DTSTART;TZID=Asia/Ho_Chi_Minh:20240110T193000" in lines
    assert "DTSTAMP:20240105T010203Z" in lines
    assert "UID:meeting-7@dangvu" in lines
    assert "LOCATION:Nhà văn hóa\\, thôn Đông" in lines
    assert "STATUS:CONFIRMED" in lines


def test_it_writes_an_all_day_event_when_there_is_no_start_time() -> None:
    lines = _unfold(render([_event(start=None)], name="L", stamp=STAMP))
    assert "DTSTART;VALUE=DATE:20240110" in lines
    assert "DTEND;VALUE=DATE:20240111" in lines


def test_it_marks_a_cancelled_meeting() -> None:
    lines = _unfold(render([_event(cancelled=True)], name="L", stamp=STAMP))
    assert "STATUS:CANCELLED" in lines


# ---------------------------------------------------------------------------
# The feed


def _meeting(cast: Cast, code: str, days: int, **fields: object) -> Meeting:
    day = timezone.localdate() + timedelta(days=days)
    return services.create_meeting(
        cast.user("root"), organization=cast.org(code), kind="extraordinary", date=day, **fields
    )


def _feed(client: Client, token: CalendarToken) -> str:
    response = client.get(reverse("meetings:calendar_feed", args=[token.token]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return response.content.decode()


def test_it_serves_the_feed_without_login(cast: Cast) -> None:
    meeting = _meeting(cast, "XA-DONG", 3, place="Nhà văn hóa thôn Đông", start_time=time(19, 30))
    token = services.issue_calendar_token(cast.user("charlie"))
    text = _feed(Client(), token)
    assert f"UID:meeting-{meeting.pk}@dangvu" in text
    assert "LOCATION:Nhà văn hóa thôn Đông" in _unfold(text)


def test_it_shows_only_the_meetings_the_user_may_see(cast: Cast) -> None:
    own = _meeting(cast, "XA-DONG", 3)
    other = _meeting(cast, "XA-TH", 3)
    text = _feed(Client(), services.issue_calendar_token(cast.user("charlie")))
    assert calendar.meeting_uid(own.pk) in text
    assert calendar.meeting_uid(other.pk) not in text


def test_it_keeps_a_month_back_and_a_year_ahead(cast: Cast) -> None:
    old, near, far = (_meeting(cast, "XA-DONG", d) for d in (-40, -20, 400))
    text = _feed(Client(), services.issue_calendar_token(cast.user("alice")))
    assert calendar.meeting_uid(near.pk) in text
    assert calendar.meeting_uid(old.pk) not in text
    assert calendar.meeting_uid(far.pk) not in text


def test_it_shows_a_cancelled_meeting_as_cancelled(cast: Cast) -> None:
    meeting = _meeting(cast, "XA-DONG", 3)
    services.cancel_meeting(cast.user("alice"), meeting, "Mưa bão")
    text = _feed(Client(), services.issue_calendar_token(cast.user("bob")))
    assert "STATUS:CANCELLED" in text


def test_it_answers_404_for_an_unknown_or_revoked_token(cast: Cast) -> None:
    token = services.issue_calendar_token(cast.user("bob"))
    services.revoke_calendar_token(cast.user("bob"), token)
    for value in (token.token, "not-a-token"):
        response = Client().get(reverse("meetings:calendar_feed", args=[value]))
        assert response.status_code == 404


def test_it_issues_a_new_link_from_the_page_and_revokes_the_old(cast: Cast, login: Login) -> None:
    bob = login("bob")
    bob.post(reverse("meetings:calendar_token"))
    first = CalendarToken.objects.get(user=cast.user("bob"), revoked_at__isnull=True)
    bob.post(reverse("meetings:calendar_token"))
    first.refresh_from_db()
    assert first.revoked_at is not None
    page = bob.get(reverse("meetings:calendar")).content.decode()
    current = CalendarToken.objects.get(user=cast.user("bob"), revoked_at__isnull=True)
    assert current.token in page and first.token not in page


def test_it_revokes_the_link_from_the_page(cast: Cast, login: Login) -> None:
    bob = login("bob")
    bob.post(reverse("meetings:calendar_token"))
    bob.post(reverse("meetings:calendar_revoke"))
    assert not CalendarToken.objects.filter(revoked_at__isnull=True).exists()


def test_it_reads_the_feed_in_a_fixed_number_of_queries(
    cast: Cast, django_assert_num_queries: object
) -> None:
    token = services.issue_calendar_token(cast.user("alice"))
    for days in range(1, 6):
        _meeting(cast, "XA-DONG" if days % 2 else "XA-TH", days)
    with django_assert_num_queries(3):  # type: ignore[operator]
        Client().get(reverse("meetings:calendar_feed", args=[token.token]))
