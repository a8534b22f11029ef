"""Targets (chỉ tiêu): the latest actual against the plan, and the values dangvu computes.

A target is met when the actual reaches the plan (``at_least``: admissions,
land consolidated) or stays under it (``at_most``: the poor-household rate).
Computed sources read dangvu's own records for the organisation's subtree
from the first of January up to the day asked: admissions (ceremonies held),
the attendance rate of cell meetings, and the rankings of that year.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import F

from dangvu.core.scope import subtree_q
from dangvu.meetings.rates import subtree_rate
from dangvu.members.choices import PlacementKind
from dangvu.members.models import Placement
from dangvu.organizations.models import Organization
from dangvu.programs.choices import Comparison, TargetSource
from dangvu.programs.models import Target, TargetValue

CENT = Decimal("0.01")


@dataclass(frozen=True)
class TargetRow:
    """A target with its latest value: how far along the plan, and whether it is met."""

    target: Target
    actual: Decimal | None
    measured_on: date | None
    computed: bool = False

    @property
    def percent_of_plan(self) -> float | None:
        if self.actual is None or not self.target.planned:
            return None
        ratio = (100 * self.actual / self.target.planned).quantize(CENT, rounding=ROUND_HALF_UP)
        return float(ratio)

    @property
    def met(self) -> bool | None:
        if self.actual is None:
            return None
        if self.target.comparison == Comparison.AT_MOST:
            return self.actual <= self.target.planned
        return self.actual >= self.target.planned


def target_rows(targets: Sequence[Target]) -> list[TargetRow]:
    """Each target with its latest value (one query for all the values)."""
    ids = [target.pk for target in targets]
    latest: dict[int, TargetValue] = {}
    if ids:
        values = TargetValue.objects.filter(target_id__in=ids).order_by("measured_on", "id")
        for value in values.only("target_id", "measured_on", "value", "computed"):
            latest[value.target_id] = value
    rows = []
    for target in targets:
        found = latest.get(target.pk)
        rows.append(
            TargetRow(
                target,
                found.value if found else None,
                found.measured_on if found else None,
                found.computed if found else False,
            )
        )
    return rows


# ---------------------------------------------------------------------------
# Computed sources


def admissions_count(organization: Organization, start: date, end: date) -> int:
    """Members admitted in the subtree between two days: their ceremonies (one query).

    As in ``admissions.stats``: the ceremony is the day the first permanent
    placement of the member starts.
    """
    return (
        Placement.objects.filter(
            subtree_q("org_path", organization.path),
            kind=PlacementKind.PERMANENT,
            start_date__gte=start,
            start_date__lte=end,
            start_date=F("member__ceremony_date"),
        )
        .values("member_id")
        .distinct()
        .count()
    )


def attendance_percent(organization: Organization, start: date, end: date) -> Decimal | None:
    """Present ÷ expected at the cell meetings of the subtree, in per cent; None without any."""
    rate = subtree_rate(organization, start, end).rate
    return None if rate is None else _percent(Decimal(str(rate)))


def _percent(share: Decimal) -> Decimal:
    return (100 * share).quantize(CENT, rounding=ROUND_HALF_UP)


def _share(count: int, total: int) -> Decimal | None:
    return _percent(Decimal(count) / Decimal(total)) if total else None


def ranking_percents(
    organization: Organization, year: int
) -> tuple[Decimal | None, Decimal | None]:
    """(excellent members %, organisations good or better %) of the year's rankings."""
    from dangvu.evaluations.summary import evaluation_summary

    summary = evaluation_summary(organization, year)
    if not summary["periods"]:
        return None, None
    members = summary["members"]
    excellent = _share(members["excellent"], members["evaluated"])
    orgs = [summary["cells"], summary["grassroots"]]
    good = sum(t["excellent"] + t["good"] for t in orgs)
    return excellent, _share(good, sum(t["evaluated"] for t in orgs))


def computed_values(
    organization: Organization, year: int, sources: set[str], as_of: date
) -> dict[str, Decimal | None]:
    """The value of each computed source from the first of January of ``year`` to ``as_of``."""
    start = date(year, 1, 1)
    values: dict[str, Decimal | None] = {}
    if TargetSource.ADMISSIONS in sources:
        values[TargetSource.ADMISSIONS] = Decimal(admissions_count(organization, start, as_of))
    if TargetSource.ATTENDANCE in sources:
        values[TargetSource.ATTENDANCE] = attendance_percent(organization, start, as_of)
    if sources & {TargetSource.EXCELLENT_MEMBERS, TargetSource.GOOD_ORGANIZATIONS}:
        excellent, good = ranking_percents(organization, year)
        values[TargetSource.EXCELLENT_MEMBERS] = excellent
        values[TargetSource.GOOD_ORGANIZATIONS] = good
    return values
