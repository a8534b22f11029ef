"""Meetings and members of the cast for the meetings tests, built through the services."""

from __future__ import annotations

from datetime import date
from typing import Any

from dangvu.meetings import services
from dangvu.meetings.models import Meeting
from dangvu.members.models import Member
from dangvu.members.services import create_member
from tests.fixtures.cast import Cast

# A month in the past where the edge-date tests happen (decisions on the 15th).
MONTH_DAY = date(2024, 3, 15)
BEFORE = date(2024, 3, 10)
AFTER = date(2024, 3, 20)


def new_member(
    cast: Cast, name: str, *, cell: str = "XA-DONG", ceremony: date = date(2010, 5, 19)
) -> Member:
    """A full (or, when admitted within a year, probationary) member of ``cell``."""
    official = date(ceremony.year + 1, ceremony.month, ceremony.day)
    return create_member(
        actor=None,
        cell=cast.org(cell),
        data={
            "full_name": name,
            "gender": "male",
            "birth_date": date(1980, 1, 1),
            "admission_decision_date": ceremony,
            "ceremony_date": ceremony,
            "official_date": official if official <= date.today() else None,
        },
    )


def meeting(
    cast: Cast, day: date = date(2024, 3, 5), *, cell: str = "XA-DONG", **fields: Any
) -> Meeting:
    """A regular meeting of ``cell`` planned by alice."""
    fields.setdefault("kind", "regular")
    return services.create_meeting(
        cast.user("alice"), organization=cast.org(cell), date=day, **fields
    )


def mark_all(cast: Cast, held: Meeting, state: str = "present", user: str = "alice") -> Meeting:
    """Every member of the roster marked ``state`` (excused with a reason)."""
    from dangvu.meetings.attendance import roster

    reason = "Ốm" if state == "excused" else ""
    entries = [
        {"member": row.member.pk, "state": state, "reason": reason}
        for row in roster(held.organization, held.date)
    ]
    return services.record_attendance(cast.user(user), held, entries)


def held(
    cast: Cast,
    day: date,
    states: dict[str, str] | None = None,
    *,
    cell: str = "XA-DONG",
    **fields: Any,
) -> Meeting:
    """A meeting of ``cell`` with attendance taken: ``states`` by full name, else all present."""
    planned = meeting(cast, day, cell=cell, **fields)
    if states is None:
        return mark_all(cast, planned)
    entries = [
        {"member": cast.member(name).pk, "state": state, "reason": "Ốm"}
        for name, state in states.items()
    ]
    return services.record_attendance(cast.user("alice"), planned, entries)
