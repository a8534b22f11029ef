"""The iCalendar feed of meetings (RFC 5545), written by hand: no Django, no dependency.

A phone subscribes to ``/meetings/calendar/<token>.ics`` (issue 5, calendar).
The rules that make a feed acceptable to phone calendars, all from RFC 5545:

* lines end with CRLF (3.1) and are folded at 75 octets — not characters: a
  Vietnamese letter takes two or three octets in UTF-8 — by a CRLF and one
  space, never inside a character (3.1);
* in TEXT values backslash, semicolon, comma and newlines are escaped (3.3.11);
* every event has a UID that stays the same for the same meeting (3.8.4.7) and
  a DTSTAMP in UTC (3.8.7.2);
* a start with a time refers to a VTIMEZONE given in the same file (3.6.5);
  Việt Nam keeps +07:00 all year, so it has a single STANDARD part;
* a meeting without a start time is an all-day event (a DATE value).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

CRLF = "\r\n"
LINE_OCTETS = 75
TZID = "Asia/Ho_Chi_Minh"
PRODID = "-//dangvu//Lich sinh hoat dang//VI"
UID_DOMAIN = "dangvu"
# Minutes a meeting is shown to last when it has a start time; the records keep no end.
DEFAULT_MINUTES = 120

VTIMEZONE = (
    "BEGIN:VTIMEZONE",
    f"TZID:{TZID}",
    "BEGIN:STANDARD",
    "DTSTART:19750613T000000",
    "TZOFFSETFROM:+0700",
    "TZOFFSETTO:+0700",
    "TZNAME:ICT",
    "END:STANDARD",
    "END:VTIMEZONE",
)


@dataclass(frozen=True)
class Event:
    """One meeting as the feed shows it."""

    uid: str
    day: date
    start: time | None
    summary: str
    location: str = ""
    description: str = ""
    url: str = ""
    cancelled: bool = False


def meeting_uid(meeting_id: int) -> str:
    """The UID of a meeting: the same in every download, so calendars update, not duplicate."""
    return f"meeting-{meeting_id}@{UID_DOMAIN}"


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545, 3.3.11): ``\\`` ``;`` ``,`` escaped, newlines as ``\\n``."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """One content line folded at 75 octets (RFC 5545, 3.1), never splitting a character."""
    pieces: list[str] = []
    current: list[str] = []
    size, limit = 0, LINE_OCTETS
    for char in line:
        octets = len(char.encode("utf-8"))
        if size + octets > limit:
            pieces.append("".join(current))
            # A continuation line starts with one space, which counts in its 75 octets.
            current, size, limit = [], 0, LINE_OCTETS - 1
        current.append(char)
        size += octets
    pieces.append("".join(current))
    return (CRLF + " ").join(pieces)


def _utc_stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _event_lines(event: Event, stamp: str) -> list[str]:
    lines = ["BEGIN:VEVENT", f"UID:{event.uid}", f"DTSTAMP:{stamp}"]
    if event.start is None:
        following = event.day + timedelta(days=1)
        lines.append(f"DTSTART;VALUE=DATE:{event.day:%Y%m%d}")
        lines.append(f"DTEND;VALUE=DATE:{following:%Y%m%d}")
    else:
        begin = datetime.combine(event.day, event.start)
        end = begin + timedelta(minutes=DEFAULT_MINUTES)
        lines.append(f"DTSTART;TZID={TZID}:{begin:%Y%m%dT%H%M%S}")
        lines.append(f"DTEND;TZID={TZID}:{end:%Y%m%dT%H%M%S}")
    lines.append("SUMMARY:" + escape_text(event.summary))
    if event.location:
        lines.append("LOCATION:" + escape_text(event.location))
    if event.description:
        lines.append("DESCRIPTION:" + escape_text(event.description))
    if event.url:
        lines.append("URL:" + event.url)
    lines.append("STATUS:" + ("CANCELLED" if event.cancelled else "CONFIRMED"))
    lines.append("END:VEVENT")
    return lines


def render(events: Iterable[Event], *, name: str, stamp: datetime) -> str:
    """The whole VCALENDAR: every line folded, every line ending with CRLF."""
    when = _utc_stamp(stamp)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:" + escape_text(name),
        f"X-WR-TIMEZONE:{TZID}",
        *VTIMEZONE,
    ]
    for event in events:
        lines.extend(_event_lines(event, when))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)
