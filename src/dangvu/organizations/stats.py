"""Statistics of a subtree on a date: grouped queries on indexed columns only.

The same dictionary is served by ``GET /api/v1/organizations/{id}/stats/``, by
``dangvu stats CODE --json`` and shown on the organisation page. With a year
(``?year=YYYY``, ``--year``) it also has that year's movements (``year_stats``).
A person gets it through ``stats_for(user, …)``: the breakdowns by a sensitive
field (``SENSITIVE_KEYS``) are left out for a role that may not read those
fields (docs/decisions/0016-sensitive-figures.md).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.db.models.lookups import Exact
from django.utils import timezone

from dangvu.admissions.models import AdmissionTarget
from dangvu.admissions.stats import admitted_by_cell, sent_to_course
from dangvu.core import scope
from dangvu.core.scope import subtree_q
from dangvu.meetings.rates import year_figures
from dangvu.members.choices import AGE_BAND_LIMITS, PlacementKind
from dangvu.members.models import MembershipEvent, Placement
from dangvu.members.rules import birth_range_for_age_band
from dangvu.organizations.choices import Body
from dangvu.organizations.models import Committee, Organization
from dangvu.reports import tallies
from dangvu.reports.choices import PARTY_AGE_BAND_LIMITS

EXEMPTION_KINDS = (MembershipEvent.Kind.EXEMPTION, MembershipEvent.Kind.EXEMPTION_ENDED)


def _exemption_events(day: date) -> Any:
    return MembershipEvent.objects.filter(
        kind__in=EXEMPTION_KINDS, cancelled=False, effective_date__lte=day
    )


def exemption_on(day: date) -> Subquery:
    """The kind of the member's last exemption event on or before ``day`` (NULL if none).

    Ending an exemption clears ``Member.exempt_from``, so a past day must read
    the dated events, as the meeting roster does (``meetings.attendance.exempt_ids_on``).
    """
    last = _exemption_events(day).filter(member_id=OuterRef("member_id"))
    return Subquery(last.order_by("-effective_date", "-id").values("kind")[:1])


def member_state_on(day: date) -> Case:
    """A member's status on ``day`` from the dated records (exempt > full > probationary).

    Exempt when the last exemption event on or before the day is an exemption
    (a member exempt from 2023 to 2025 is exempt on 01/3/2024 ever after); a
    file without exemption events falls back to ``exempt_from``. Full from
    ``official_date`` (the recognition's effective day), which no later
    decision clears. Moves, temporary stays and the end of a membership are
    dated by the placements the count starts from (``placements_counted_on``).

    The per-member lookup of the last event runs only for the few members with
    exemption events (one hashed ``IN`` list first), not for every placement.
    """
    with_events = Q(member_id__in=_exemption_events(day).values("member_id"))
    last_is_exemption: Exact[str] = Exact(
        exemption_on(day), Value(MembershipEvent.Kind.EXEMPTION.value)
    )
    return Case(
        When(with_events & Q(last_is_exemption), then=Value("exempt")),
        When(~with_events & Q(member__exempt_from__lte=day), then=Value("exempt")),
        When(member__official_date__lte=day, then=Value("full")),
        default=Value("probationary"),
        output_field=CharField(),
    )


def age_band_on(day: date) -> Case:
    whens = []
    for band, (low, high) in AGE_BAND_LIMITS.items():
        earliest, latest = birth_range_for_age_band(day, low, high)
        whens.append(
            When(member__birth_date__gte=earliest, member__birth_date__lte=latest, then=Value(band))
        )
    return Case(*whens, default=Value(""), output_field=CharField())


def party_age_band_on(day: date) -> Case:
    """Whole years since the admission (decision date, else ceremony) on ``day``.

    The periods outside the Party are not deducted in this statistic of
    admission dates; the exact party age is ``members/party_age.py``.
    """
    whens = []
    for band, (low, high) in PARTY_AGE_BAND_LIMITS.items():
        earliest, latest = birth_range_for_age_band(day, low, high)
        whens.append(
            When(admitted_on__gte=earliest, admitted_on__lte=latest, then=Value(str(band)))
        )
    return Case(*whens, default=Value(None), output_field=CharField())


def placements_counted_on(root: Organization, day: date) -> Any:
    """Permanent placements in the subtree on ``day``: the members an organisation counts.

    A temporary placement is counted at home, not at the host (Quy định 24-QĐ/TW, 9.4).
    """
    return Placement.objects.filter(
        subtree_q("org_path", root.path), kind=PlacementKind.PERMANENT
    ).on(day)


def _grouped(queryset: Any, key: str) -> dict[str, int]:
    rows = queryset.values(key).annotate(n=Count("id")).order_by(key)
    return {row[key]: row["n"] for row in rows if row[key] is not None}


def admitted_in_year(placements: Any, as_of: date) -> int:
    """Counted members whose admission ceremony fell in ``as_of``'s year, up to ``as_of``.

    What the committees report as "năm 2021 kết nạp K đảng viên mới" when asked
    on 31/12/2021 (SEED_FACTS.md, 000 and 003).
    """
    first_day = as_of.replace(month=1, day=1)
    return int(
        placements.filter(
            member__ceremony_date__gte=first_day, member__ceremony_date__lte=as_of
        ).count()
    )


# The year's events counted by ``year_stats``: key -> event kind.
YEAR_EVENT_KEYS: dict[str, str] = {
    "recognised": MembershipEvent.Kind.RECOGNITION,
    "transferred_in": MembershipEvent.Kind.TRANSFER_IN,
    "transferred_out": MembershipEvent.Kind.TRANSFER_OUT,
    "removed": MembershipEvent.Kind.REMOVAL,
    "expelled": MembershipEvent.Kind.EXPULSION,
    "left": MembershipEvent.Kind.LEAVING,
    "deceased": MembershipEvent.Kind.DEATH,
}


def year_stats(root: Organization, year: int) -> dict[str, Any]:
    """What happened in ``root``'s subtree in ``year``, in four grouped queries.

    Each fact is counted where it happened: a ceremony in the cell of the
    permanent placement that starts that day (a re-admission too), a candidate's
    step and a member's event by their ``org_path`` (the cell at the time).
    Cancelled events are left out. ``admission_targets`` lists the cells of the
    subtree with a target that year, with the ceremonies they actually held.
    ``attendance_rate`` and ``meetings_held`` are the year's cell meetings
    (``meetings.rates.year_figures``, one more query).
    """
    admitted = admitted_by_cell(root.path, year)
    events = _grouped(
        MembershipEvent.objects.filter(
            subtree_q("org_path", root.path),
            kind__in=list(YEAR_EVENT_KEYS.values()),
            effective_date__gte=date(year, 1, 1),
            effective_date__lte=date(year, 12, 31),
            cancelled=False,
        ),
        "kind",
    )
    targets = (
        AdmissionTarget.objects.filter(subtree_q("org_path", root.path), year=year)
        .order_by("org_path")
        .values_list("cell_id", "cell__code", "cell__name", "target")
    )
    return {
        "year": year,
        "admitted": sum(admitted.values()),
        "sent_to_course": sent_to_course(root.path, year),
        **{key: events.get(kind, 0) for key, kind in YEAR_EVENT_KEYS.items()},
        **year_figures(root, year),
        "admission_targets": [
            {
                "cell": {"id": cell_id, "code": code, "name": name},
                "target": target,
                "actual": admitted.get(cell_id, 0),
            }
            for cell_id, code, name, target in targets
        ],
    }


# Member profile fields counted by value, in both paths: key -> field.
PROFILE_KEYS: dict[str, str] = {
    "members_by_ethnicity": "ethnicity",
    "members_by_religion": "religion",
    "members_by_qualification": "qualification",
    "members_by_political_theory": "political_theory",
}
# Breakdowns by a field only staff and leaders read on a member's profile
# (religion; ethnicity, which in a small cell names the one member of a
# minority): absent, not empty, for every other role. Health and origin are
# not counted by any statistic.
SENSITIVE_KEYS = frozenset({"members_by_ethnicity", "members_by_religion"})


def _profile_keys(sensitive: bool) -> dict[str, str]:
    return {k: f for k, f in PROFILE_KEYS.items() if sensitive or k not in SENSITIVE_KEYS}


def sees_sensitive_figures(user: Any, root: Organization) -> bool:
    """Staff or leader at ``root`` or above it, or a superuser (``scope.SENSITIVE_ROLES``)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return scope.can_in_subtree(user, scope.SENSITIVE_ROLES, root.path)


def member_figures_on(root: Organization, as_of: date, sensitive: bool = True) -> dict[str, Any]:
    """The member keys of the statistics from the placements on ``as_of`` (any date)."""
    placements = placements_counted_on(root, as_of)
    by_status = _grouped(placements.annotate(state=member_state_on(as_of)), "state")
    admitted_on = Coalesce("member__admission_decision_date", "member__ceremony_date")
    return {
        "members": sum(by_status.values()),
        "members_by_status": by_status,
        "members_by_gender": _grouped(placements, "member__gender"),
        "members_by_age_band": _grouped(placements.annotate(band=age_band_on(as_of)), "band"),
        **{
            key: _grouped(placements, f"member__{field}")
            for key, field in _profile_keys(sensitive).items()
        },
        "members_by_party_age_band": _grouped(
            placements.annotate(admitted_on=admitted_on).annotate(band=party_age_band_on(as_of)),
            "band",
        ),
        "admitted_in_year": admitted_in_year(placements, as_of),
    }


def member_figures_today(root: Organization, today: date, sensitive: bool = True) -> dict[str, Any]:
    """The same keys from the maintained tallies: one query, no member scanned.

    Equal to ``member_figures_on(root, today)`` because no registry date may lie
    after today (the services refuse it), so the open placements and the
    current statuses are those of today (docs/decisions/0004-maintained-tallies.md).
    """
    counts = tallies.subtree_counts(root, today)
    return {
        "members": sum(counts["status"].values()),
        "members_by_status": counts["status"],
        "members_by_gender": counts["gender"],
        "members_by_age_band": counts["birth_date"],
        **{key: counts[field] for key, field in _profile_keys(sensitive).items()},
        "members_by_party_age_band": counts["admitted_on"],
        "admitted_in_year": counts["ceremony_year"].get("in_year", 0),
    }


def stats_for(
    user: Any, root: Organization, as_of: date, year: int | None = None
) -> dict[str, Any]:
    """``organization_stats`` as ``user`` may read it: what the API, pages and CLI serve.

    ``root`` is already one the user may see; the sensitive breakdowns are
    there only for staff and leaders at ``root`` or above, and superusers.
    """
    return organization_stats(root, as_of, year, sensitive=sees_sensitive_figures(user, root))


def organization_stats(
    root: Organization, as_of: date, year: int | None = None, *, sensitive: bool = True
) -> dict[str, Any]:
    """The figures of ``root``'s subtree on ``as_of``, in a fixed number of queries.

    Every key, for an operator or a test; a person's request goes through
    ``stats_for``, which passes ``sensitive=False`` unless they may read them.

    ``members`` counts probationary, full and exempt members whose permanent
    placement on that day is in the subtree; ``cells`` counts the cells active
    that day. The keys up to ``members_by_status`` are the API contract. With
    ``year``, the keys of ``year_stats`` are added at the top level. Today
    (Asia/Ho_Chi_Minh) the member keys come from the maintained tallies, on
    another day from the placements of that day.
    """
    orgs = Organization.objects.subtree(root).active_on(as_of)
    cells = orgs.cells()
    active_cell_committee = Committee.objects.filter(
        organization=OuterRef("pk"), body=Body.CELL_COMMITTEE
    ).filter(
        Q(elected_on__isnull=True) | Q(elected_on__lte=as_of),
        Q(ended_on__isnull=True) | Q(ended_on__gt=as_of),
    )
    if as_of == timezone.localdate():
        members = member_figures_today(root, as_of, sensitive)
    else:
        members = member_figures_on(root, as_of, sensitive)
    return {
        "organization": {"id": root.pk, "code": root.code, "name": root.name},
        "as_of": as_of.isoformat(),
        "organizations_by_level": _grouped(orgs.exclude(pk=root.pk), "level"),
        "cells": cells.count(),
        "cells_by_kind": _grouped(cells, "kind"),
        "cells_with_committee": cells.filter(Exists(active_cell_committee)).count(),
        **members,
        **(year_stats(root, year) if year is not None else {}),
    }
