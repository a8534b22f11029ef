"""Who may be marked at a meeting, and who is expected there (issue 5, item 2).

The roster of a cell on a day is read from the dated records, so it is right
for a past day too:

* a member is in the cell on ``day`` when a permanent placement there covers
  the day (``Placement.on``); admission, transfer, removal and death open and
  close placements on their effective dates (``members/decisions.py``,
  ``members/transfers.py``), and nobody is listed before their admission;
* probationary and full members are expected; a member exempted from work and
  activities on that day (the last exemption event on or before the day, or
  ``exempt_from`` for a file without events) is listed but not expected;
* a member with a temporary placement elsewhere covering the day is listed at
  home but not expected there, and is expected at the host cell
  (RULES.md, Meetings: "exempt and temporarily-away members are not expected").

Three queries whatever the size of the cell. A meeting of an organisation
that is not a cell (a commune committee's briefing or review conference) has
an empty roster: who attends there is recorded as guests.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from dangvu.members.choices import ACTIVE_STATUSES, PlacementKind, Status
from dangvu.members.models import Member, MembershipEvent, Placement
from dangvu.organizations.models import Organization

EXEMPTION_KINDS = (MembershipEvent.Kind.EXEMPTION, MembershipEvent.Kind.EXEMPTION_ENDED)


@dataclass(frozen=True)
class RosterRow:
    """One member who may be marked at a meeting; ``note`` says why not expected."""

    member: Member
    expected: bool
    note: str


def _joined(member: Member) -> date | None:
    """The earliest admission date on file (a re-admitted member keeps the first decision)."""
    days = [d for d in (member.admission_decision_date, member.ceremony_date) if d is not None]
    return min(days) if days else None


def in_party_on(member: Member, day: date) -> bool:
    """Admitted by ``day`` and not out of the Party on ``day`` (a placement may lag behind)."""
    joined = _joined(member)
    if joined is not None and joined > day:
        return False
    if member.status in ACTIVE_STATUSES:
        return True
    return member.status_date is None or member.status_date > day


def exempt_ids_on(members: Iterable[Member], day: date) -> set[int]:
    """The members exempt from work and activities on ``day`` (one query).

    The last exemption event on or before the day decides; a file imported
    without events falls back to ``exempt_from`` (or the status date).
    """
    by_id = {member.pk: member for member in members}
    if not by_id:
        return set()
    events = (
        MembershipEvent.objects.filter(
            member_id__in=list(by_id),
            kind__in=EXEMPTION_KINDS,
            cancelled=False,
            effective_date__lte=day,
        )
        .order_by("member_id", "effective_date", "id")
        .values_list("member_id", "kind")
    )
    last = dict(events)
    exempt = set()
    for member_id, member in by_id.items():
        if member_id in last:
            if last[member_id] == MembershipEvent.Kind.EXEMPTION:
                exempt.add(member_id)
        elif member.status == Status.EXEMPT:
            since = member.exempt_from or member.status_date
            if since is None or since <= day:
                exempt.add(member_id)
    return exempt


def _sort_key(row: RosterRow) -> tuple[str, date, int]:
    member = row.member
    return (member.sort_key, member.birth_date, member.pk)


def roster(organization: Organization, day: date) -> list[RosterRow]:
    """Everyone who may be marked at a meeting of ``organization`` on ``day``, name-ordered."""
    if not organization.is_member_unit:
        return []
    here = list(
        Placement.objects.on(day).filter(cell=organization).select_related("member").order_by("id")
    )
    home: dict[int, Member] = {}
    hosted: dict[int, Member] = {}
    for placement in here:
        if not in_party_on(placement.member, day):
            continue
        if placement.kind == PlacementKind.PERMANENT:
            home[placement.member_id] = placement.member
        else:
            hosted[placement.member_id] = placement.member
    for member_id in home:
        hosted.pop(member_id, None)
    away = _temporarily_away(list(home), organization, day)
    exempt = exempt_ids_on([*home.values(), *hosted.values()], day)
    rows = [_home_row(member, exempt, away) for member in home.values()]
    rows += [_hosted_row(member, exempt) for member in hosted.values()]
    return sorted(rows, key=_sort_key)


def _temporarily_away(member_ids: list[int], cell: Organization, day: date) -> dict[int, str]:
    """Member id -> the host cell's name, for members placed temporarily elsewhere on ``day``."""
    if not member_ids:
        return {}
    rows = (
        Placement.objects.on(day)
        .filter(member_id__in=member_ids, kind=PlacementKind.TEMPORARY)
        .exclude(cell=cell)
        .values_list("member_id", "cell__name")
    )
    return dict(rows)


def _home_row(member: Member, exempt: set[int], away: dict[int, str]) -> RosterRow:
    if member.pk in exempt:
        return RosterRow(member, False, _("Miễn công tác và sinh hoạt đảng"))
    if member.pk in away:
        note = _("Đang sinh hoạt tạm thời tại %(cell)s") % {"cell": away[member.pk]}
        return RosterRow(member, False, note)
    return RosterRow(member, True, "")


def _hosted_row(member: Member, exempt: set[int]) -> RosterRow:
    if member.pk in exempt:
        return RosterRow(member, False, _("Miễn công tác và sinh hoạt đảng"))
    return RosterRow(member, True, _("Sinh hoạt tạm thời"))


def expected_ids(organization: Organization, day: date) -> set[int]:
    """The ids of the members expected at a meeting of ``organization`` on ``day``."""
    return {row.member.pk for row in roster(organization, day) if row.expected}
