"""Party age (tuổi Đảng): from the admission decision, minus the time outside the Party.

Rule (RULES.md; Quy định 24-QĐ/TW and Hướng dẫn 01-HD/TW, 2021): party age counts
from the date of the admission decision, minus the periods outside the Party —
removal, expulsion, leaving, lost contact, and the gaps between transfers. A
re-admitted member counts from the *first* admission, minus the gap.

How the gaps are derived (``membership_gaps``), decided here and tested:

* Events, in date order, cancelled ones ignored. Removal, expulsion, leaving,
  lost contact and death open a gap on their effective date; re-admission and
  contact restored close it on theirs. A gap still open runs to the reference
  date, so party age stops growing (after death too). An "out" event while
  already outside, or an "in" event while inside, changes nothing.
* Transfers: the rules give a member 60 working days from the move to start
  activity at the new cell (Quy định 24-QĐ/TW, 9.2). Within that time the member
  is in transit, not outside the Party. Only the part beyond the deadline is a
  gap: from ``add_working_days(moved_on, 60)`` to ``started_on``. A cancelled
  transfer, or one with no start date yet, gives no gap (a transfer still
  pending is a deadline in the inbox; a member who never arrives is recorded as
  lost contact by an event).

Gaps are half-open ``[start, end)`` periods: the day activity resumes counts.
They are merged when they overlap and clipped to ``[admitted_on, on)``. The
years, months and days of the result are the calendar distance from
``admitted_on`` to ``admitted_on + total_days``, so a gap of ``n`` days inside
the membership lowers the party age by exactly ``n`` days.
"""

from __future__ import annotations

from calendar import monthrange
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from dangvu.core.workdays import add_working_days

# Quy định 24-QĐ/TW, 9.2: activity starts within 60 working days of the move.
TRANSFER_START_WORKING_DAYS = 60

Gap = tuple[date, date]

OUT_KINDS = frozenset({"removal", "expulsion", "leaving", "lost_contact", "death"})
IN_KINDS = frozenset({"readmission", "contact_restored"})
CANCELLED_TRANSFER = "cancelled"


@dataclass(frozen=True, order=True)
class PartyAge:
    """A party age: whole years, months and days, and the total in days."""

    total_days: int
    years: int
    months: int
    days: int


def calendar_distance(start: date, end: date) -> tuple[int, int, int]:
    """Whole years, months and days from ``start`` to ``end`` (``end`` not before ``start``)."""
    months = (end.year - start.year) * 12 + (end.month - start.month)
    # A month is complete on the same day of the month, or on the last day of a shorter
    # month (29/02/2000 → 28/02/2001 is one year), as ``add_months`` and ``date_reaching`` count.
    if add_months(start, months) > end:
        months -= 1
    anchor = add_months(start, months)
    return months // 12, months % 12, (end - anchor).days


def add_months(day: date, months: int) -> date:
    """``day`` moved by ``months``, on the last day of the month when it is shorter."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    return date(year, month + 1, min(day.day, monthrange(year, month + 1)[1]))


def merge_gaps(gaps: Iterable[Gap], low: date, high: date) -> list[Gap]:
    """The gaps clipped to ``[low, high)``, empty ones dropped, overlapping ones merged."""
    clipped = sorted((max(start, low), min(end, high)) for start, end in gaps)
    merged: list[Gap] = []
    for start, end in clipped:
        if start >= end:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def party_age(admitted_on: date, gaps: Iterable[Gap], on: date) -> PartyAge:
    """The party age on ``on`` of a member admitted on ``admitted_on``, minus ``gaps``."""
    if on <= admitted_on:
        return PartyAge(0, 0, 0, 0)
    outside = sum((end - start).days for start, end in merge_gaps(gaps, admitted_on, on))
    total = (on - admitted_on).days - outside
    years, months, days = calendar_distance(admitted_on, admitted_on + timedelta(days=total))
    return PartyAge(total_days=total, years=years, months=months, days=days)


def event_gaps(events: Iterable[Any]) -> list[Gap]:
    """Periods outside the Party from membership events (see the module docstring)."""
    ordered = sorted(
        (event for event in events if not event.cancelled),
        key=lambda event: (event.effective_date, event.pk or 0),
    )
    gaps: list[Gap] = []
    opened: date | None = None
    for event in ordered:
        if event.kind in OUT_KINDS and opened is None:
            opened = event.effective_date
        elif event.kind in IN_KINDS and opened is not None:
            gaps.append((opened, event.effective_date))
            opened = None
    if opened is not None:
        gaps.append((opened, date.max))
    return gaps


def transfer_gaps(transfers: Iterable[Any]) -> list[Gap]:
    """The time beyond the 60-working-day deadline before activity started at the new cell."""
    gaps: list[Gap] = []
    for transfer in transfers:
        if transfer.state == CANCELLED_TRANSFER or transfer.started_on is None:
            continue
        deadline = add_working_days(transfer.moved_on, TRANSFER_START_WORKING_DAYS)
        if transfer.started_on > deadline:
            gaps.append((deadline, transfer.started_on))
    return gaps


def membership_gaps(source: Any, transfers: Iterable[Any] = ()) -> list[Gap]:
    """Gaps of a member (two queries) or of the given events and transfers (no query)."""
    from dangvu.members.models import Member

    if isinstance(source, Member):
        return event_gaps(source.events.all()) + transfer_gaps(source.transfers.all())
    return event_gaps(source) + transfer_gaps(transfers)


def admission_start(member: Any) -> date | None:
    """The first admission: the decision date, or the ceremony date when it is missing."""
    return member.admission_decision_date or member.ceremony_date


def member_party_age(member: Any, on: date) -> PartyAge | None:
    """One member's party age on ``on`` with the gaps (two queries); None if never admitted."""
    start = admission_start(member)
    return party_age(start, membership_gaps(member), on) if start else None


def party_ages(member_ids: Iterable[int], on: date) -> dict[int, PartyAge]:
    """Party ages of many members in three queries; members never admitted are left out."""
    from dangvu.members.models import Member, MembershipEvent, Transfer

    ids = list(member_ids)
    members = Member.objects.filter(pk__in=ids).only(
        "pk", "admission_decision_date", "ceremony_date"
    )
    return ages_with_gaps(list(members), on, events_and_transfers(ids, MembershipEvent, Transfer))


def events_and_transfers(ids: Any, event_model: Any, transfer_model: Any) -> dict[int, list[Gap]]:
    """The gaps of each member (``ids``: a list or a subquery of ids), read in two queries."""
    events: dict[int, list[Any]] = defaultdict(list)
    transfers: dict[int, list[Any]] = defaultdict(list)
    event_rows = event_model.objects.filter(
        member_id__in=ids, kind__in=OUT_KINDS | IN_KINDS, cancelled=False
    )
    for event in event_rows.only("pk", "member_id", "kind", "effective_date", "cancelled"):
        events[event.member_id].append(event)
    transfer_rows = transfer_model.objects.filter(member_id__in=ids, started_on__isnull=False)
    for transfer in transfer_rows.only("pk", "member_id", "state", "moved_on", "started_on"):
        transfers[transfer.member_id].append(transfer)
    return {
        member_id: event_gaps(events[member_id]) + transfer_gaps(transfers[member_id])
        for member_id in set(events) | set(transfers)
    }


def ages_with_gaps(
    members: Iterable[Any], on: date, gaps: dict[int, list[Gap]]
) -> dict[int, PartyAge]:
    ages: dict[int, PartyAge] = {}
    for member in members:
        start = admission_start(member)
        if start is not None:
            ages[member.pk] = party_age(start, gaps.get(member.pk, []), on)
    return ages


def date_reaching(admitted_on: date, gaps: Iterable[Gap], years: int) -> date | None:
    """The first day on which the party age is ``years`` full years; None if never (open gap)."""
    needed = (add_months(admitted_on, 12 * years) - admitted_on).days
    reached = admitted_on + timedelta(days=needed)
    for start, end in merge_gaps(gaps, admitted_on, date.max):
        if start >= reached:
            break
        if end == date.max:
            return None
        reached += end - start
    return reached
