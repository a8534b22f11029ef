"""Who is evaluated in a period, read from the dated records (issue 6, item 1).

The subjects of a period are those of its organisation's subtree on the
period's last day (31/12, or the quarter's last day):

* every member permanently placed in a cell of the subtree on that day whose
  status then is probationary, full or exempt — a temporarily-away member is
  evaluated at home (RULES.md, Members: counted at home); exempt members and
  members admitted too recently for the rules are listed as not evaluated,
  with the reason (RULES.md, Evaluation and ranking);
* every cell and grassroots organisation of the subtree active on that day.

Each subject carries the body that decides it (``deciding_org``): the
grassroots organisation for its members and its cells (a grassroots
organisation that is itself a cell decides its own members), the level above
for a grassroots organisation. Three queries whatever the size of the subtree.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from django.db.models import Q
from django.utils.translation import gettext as _

from dangvu.evaluations.choices import SubjectKind
from dangvu.evaluations.rules import RuleSet, rules_for
from dangvu.meetings.attendance import exempt_ids_on, in_party_on
from dangvu.members.models import Member
from dangvu.members.rules import months_between
from dangvu.organizations.choices import Level
from dangvu.organizations.models import Organization
from dangvu.organizations.stats import placements_counted_on

EXEMPT_REASON = "Miễn công tác và sinh hoạt đảng"


@dataclass(frozen=True)
class SubjectRow:
    """One member or organisation of a period, with who decides it and why it is not evaluated."""

    kind: str
    member: Member | None
    organization: Organization | None
    unit: Organization
    deciding_org: Organization
    evaluated: bool
    reason: str


def period_bounds(year: int, quarter: int) -> tuple[date, date]:
    """The first and last day a period covers: the year, or one of its quarters."""
    if not 0 <= quarter <= 4:
        raise ValueError(f"quarter {quarter} is not 0–4")
    if quarter == 0:
        return date(year, 1, 1), date(year, 12, 31)
    last_month = quarter * 3
    last_day = calendar.monthrange(year, last_month)[1]
    return date(year, last_month - 2, 1), date(year, last_month, last_day)


def subjects_for(root: Organization, year: int, quarter: int = 0) -> list[SubjectRow]:
    """Every subject of ``root``'s subtree for the period, organisations first, then members."""
    end = period_bounds(year, quarter)[1]
    rules = rules_for(year)
    orgs = _organizations(root)
    rows = [_org_row(org, orgs) for org in _subject_orgs(orgs, root, end)]
    rows += _member_rows(root, end, rules, orgs)
    return rows


def _organizations(root: Organization) -> dict[int, Organization]:
    """The subtree and the organisation above it (which decides a grassroots root): one query."""
    query = Q(pk__in=Organization.objects.subtree(root).values("pk"))
    if root.parent_id is not None:
        query |= Q(pk=root.parent_id)
    return {org.pk: org for org in Organization.objects.filter(query).order_by("path")}


def _active_on(org: Organization, day: date) -> bool:
    started = org.founded_on is None or org.founded_on <= day
    return started and (org.ended_on is None or org.ended_on > day)


def _subject_orgs(
    orgs: dict[int, Organization], root: Organization, end: date
) -> list[Organization]:
    subjects = []
    for org in orgs.values():
        if not org.path.startswith(root.path) or not _active_on(org, end):
            continue
        if org.level in (Level.CELL, Level.GRASSROOTS):
            subjects.append(org)
    return subjects


def deciding_org_for(unit: Organization, orgs: dict[int, Organization]) -> Organization:
    """The body deciding an organisation's ranking: the level above (itself at the top)."""
    if unit.parent_id is None:
        return unit
    return orgs.get(unit.parent_id) or unit.parent  # type: ignore[return-value]


def member_deciding_org(cell: Organization, orgs: dict[int, Organization]) -> Organization:
    """A member is decided by the grassroots organisation: the cell's parent, or the cell itself."""
    if cell.level == Level.GRASSROOTS:
        return cell
    return deciding_org_for(cell, orgs)


def _org_row(org: Organization, orgs: dict[int, Organization]) -> SubjectRow:
    return SubjectRow(
        kind=SubjectKind.ORGANIZATION,
        member=None,
        organization=org,
        unit=org,
        deciding_org=deciding_org_for(org, orgs),
        evaluated=True,
        reason="",
    )


def _member_rows(
    root: Organization, end: date, rules: RuleSet, orgs: dict[int, Organization]
) -> list[SubjectRow]:
    placements = [
        placement
        for placement in placements_counted_on(root, end).select_related("member").order_by("id")
        if in_party_on(placement.member, end)
    ]
    placements.sort(key=lambda p: (p.org_path, p.member.sort_key, p.member.birth_date, p.pk))
    exempt = exempt_ids_on([p.member for p in placements], end)
    rows = []
    seen: set[int] = set()
    for placement in placements:
        if placement.member_id in seen:
            continue
        seen.add(placement.member_id)
        cell = orgs[placement.cell_id]
        reason = _not_evaluated_reason(placement.member, placement.member_id in exempt, end, rules)
        rows.append(
            SubjectRow(
                kind=SubjectKind.MEMBER,
                member=placement.member,
                organization=None,
                unit=cell,
                deciding_org=member_deciding_org(cell, orgs),
                evaluated=not reason,
                reason=reason,
            )
        )
    return rows


def _not_evaluated_reason(member: Member, exempt: bool, end: date, rules: RuleSet) -> str:
    if exempt:
        return _(EXEMPT_REASON)
    minimum = rules.min_months_since_admission
    admitted = member.ceremony_date
    if minimum is not None and admitted is not None and months_between(admitted, end) < minimum:
        return _("Kết nạp ngày %(day)s, chưa đủ %(months)s tháng") % {
            "day": admitted.strftime("%d/%m/%Y"),
            "months": minimum,
        }
    return ""
