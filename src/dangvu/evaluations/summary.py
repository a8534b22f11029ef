"""The figures of a ranking: the quota per deciding group, and a subtree's year.

Everything here is read by grouped queries (``values().annotate(Count)``) on
the indexed columns of ``Evaluation`` — ``(period, deciding_org, kind,
decided_level)`` and ``(org_path, period)`` — so a commune or a province costs
the same fixed number of queries (ARCHITECTURE.md, "Scale to design for").

The quota (RULES.md, Evaluation and ranking): within each deciding body, the
number ranked excellent may not exceed ``quota_limit(good)`` — by default
``floor(20 % × good)`` — unless the competent level recorded an exception. The
rows below show the limit, who is over and the exception, wherever the figures
are shown (issue 6, item 4).

Shares are fractions of the subjects *evaluated* (not-evaluated members —
exempt, newly admitted, suspended — are left out of the denominator), rounded
to 4 decimals; ``shares_explained`` shows the exact division ("10/11 = 90,91%")
because the articles print rounded figures ("92%").
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Case, CharField, Count, F, Q, QuerySet, When
from django.utils.translation import gettext as _

from dangvu.core import scope
from dangvu.core.scope import subtree_q
from dangvu.core.tree import ancestor_paths
from dangvu.evaluations.choices import LEVEL_ORDER, Level, Stage, SubjectKind
from dangvu.evaluations.models import (
    Evaluation,
    EvaluationPeriod,
    Finalization,
    QuotaException,
)
from dangvu.evaluations.rules import RuleSet, quota_limit, rules_by_code, rules_for
from dangvu.organizations.choices import Level as OrgLevel
from dangvu.organizations.models import Organization

SHARE_PLACES = Decimal("0.0001")
PENDING = ""  # the level of an evaluated subject not ranked yet
_KIND_ORDER: dict[str, int] = {SubjectKind.MEMBER: 0, SubjectKind.ORGANIZATION: 1}


# ---------------------------------------------------------------------------
# Arithmetic


def share(count: int, total: int) -> float | None:
    """``count / total`` rounded half-up to 4 decimals; ``None`` when nobody is counted."""
    if total <= 0:
        return None
    exact = Decimal(count) / Decimal(total)
    return float(exact.quantize(SHARE_PLACES, rounding=ROUND_HALF_UP))


def percent_of(count: int, total: int) -> str:
    """“25,00%” (two decimals, a comma); “—” when nobody is counted."""
    if total <= 0:
        return "—"
    exact = (Decimal(count) * 100 / Decimal(total)).quantize(Decimal("0.01"), ROUND_HALF_UP)
    return f"{exact:.2f}".replace(".", ",") + "%"


def percent_text(count: int, total: int) -> str:
    """The division written out the Vietnamese way: “10/11 = 90,91%”."""
    if total <= 0:
        return f"{count}/{total}"
    return f"{count}/{total} = {percent_of(count, total)}"


def rate_text(rate: Decimal) -> str:
    """A quota rate as a percentage: Decimal("0.20") → “20%”, Decimal("0.25") → “25%”."""
    value = (rate * 100).normalize()
    return f"{value:f}".replace(".", ",") + "%"


# ---------------------------------------------------------------------------
# The quota per deciding group


@dataclass(frozen=True)
class QuotaRow:
    """One deciding body and one kind of subject (its members, or its organisations)."""

    period_id: int
    organization: Organization  # the deciding organisation
    kind: str
    excellent: int
    good: int
    completed: int
    not_completed: int
    pending: int  # evaluated, not ranked yet (at the step counted)
    limit: int
    exceeded: bool  # excellent > limit, whatever the exception
    exception: QuotaException | None
    finalization: Finalization | None
    over_by: int
    rate: Decimal = Decimal("0.20")

    @property
    def evaluated(self) -> int:
        return self.excellent + self.good + self.completed + self.not_completed + self.pending

    @property
    def finalized(self) -> bool:
        return self.finalization is not None

    @property
    def covered(self) -> bool:
        """Whether the recorded exception allows this many excellent rankings."""
        exception = self.exception
        return exception is not None and (
            exception.allowed is None or exception.allowed >= self.excellent
        )

    @property
    def blocked(self) -> bool:
        """Over the limit with no exception that covers it: finalising is refused."""
        return self.exceeded and not self.covered

    @property
    def kind_label(self) -> str:
        return str(SubjectKind(self.kind).label)

    def explanation(self) -> str:
        """“Đảng bộ xã Bắc Bình: 63 đảng viên xếp loại Hoàn thành xuất sắc nhiệm vụ, …”."""
        noun = _("đảng viên") if self.kind == SubjectKind.MEMBER else _("tổ chức đảng")
        values = {
            "org": self.organization.name,
            "excellent": self.excellent,
            "noun": noun,
            "limit": self.limit,
            "rate": rate_text(self.rate),
            "good": self.good,
            "excellent_label": Level.EXCELLENT.label,
            "good_label": Level.GOOD.label,
        }
        if not self.exceeded:
            return (
                _(
                    "%(org)s: %(excellent)s %(noun)s xếp loại %(excellent_label)s, trong giới "
                    "hạn %(limit)s (%(rate)s của %(good)s %(noun)s %(good_label)s)."
                )
                % values
            )
        return (
            _(
                "%(org)s: %(excellent)s %(noun)s xếp loại %(excellent_label)s, vượt giới hạn "
                "%(limit)s (%(rate)s của %(good)s %(noun)s %(good_label)s)."
            )
            % values
        )


GroupKey = tuple[int, int, str]  # (period id, deciding organisation id, kind)


def _level_expression(proposed: bool) -> Any:
    """The level counted: the decision, or before it the cell's proposal."""
    if not proposed:
        return F("decided_level")
    return Case(
        When(decided_level="", then=F("proposed_level")),
        default=F("decided_level"),
        output_field=CharField(),
    )


def _group_counts(
    evaluations: QuerySet[Evaluation], proposed: bool = False
) -> dict[GroupKey, Counter[str]]:
    """One grouped query: how many evaluated subjects per group and level ("" = pending)."""
    rows = (
        evaluations.exclude(stage=Stage.NOT_EVALUATED)
        .annotate(counted_level=_level_expression(proposed))
        .values("period_id", "deciding_org_id", "kind", "counted_level")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts: dict[GroupKey, Counter[str]] = defaultdict(Counter)
    for row in rows:
        key = (row["period_id"], row["deciding_org_id"], row["kind"])
        counts[key][row["counted_level"] or PENDING] += row["n"]
    return counts


def _build_rows(
    counts: dict[GroupKey, Counter[str]],
    periods: dict[int, EvaluationPeriod],
    exceptions: Iterable[QuotaException],
    finalizations: Iterable[Finalization],
    organizations: dict[int, Organization],
) -> list[QuotaRow]:
    by_exception = {(e.period_id, e.deciding_org_id, e.kind): e for e in exceptions}
    by_finalization = {(f.period_id, f.deciding_org_id, f.kind): f for f in finalizations}
    keys = set(counts) | set(by_exception) | set(by_finalization)
    rows = []
    for key in keys:
        period_id, org_id, kind = key
        if org_id not in organizations or period_id not in periods:
            continue
        period, tally = periods[period_id], counts.get(key, Counter())
        good, excellent = tally[Level.GOOD], tally[Level.EXCELLENT]
        limit = quota_limit(good, period.quota_rate, period.quota_rounding)
        rows.append(
            QuotaRow(
                period_id=period_id,
                organization=organizations[org_id],
                kind=kind,
                excellent=excellent,
                good=good,
                completed=tally[Level.COMPLETED],
                not_completed=tally[Level.NOT_COMPLETED],
                pending=tally[PENDING],
                limit=limit,
                exceeded=excellent > limit,
                exception=by_exception.get(key),
                finalization=by_finalization.get(key),
                over_by=max(0, excellent - limit),
                rate=period.quota_rate,
            )
        )
    rows.sort(key=lambda r: (r.organization.path, _KIND_ORDER.get(r.kind, 9), r.period_id))
    return rows


def _organizations(ids: Iterable[int]) -> dict[int, Organization]:
    wanted = set(ids)
    if not wanted:
        return {}
    return {org.pk: org for org in Organization.objects.filter(pk__in=wanted)}


def quota_rows(period: EvaluationPeriod, *, proposed: bool = False) -> list[QuotaRow]:
    """Every deciding group of ``period`` with its counts, limit, exception and finalisation.

    ``proposed=True`` counts the decision where there is one and the cell's
    proposal otherwise — what the committee sees before deciding. Four queries.
    """
    counts = _group_counts(Evaluation.objects.filter(period=period), proposed)
    exceptions = list(QuotaException.objects.filter(period=period, withdrawn=False))
    finalizations = list(Finalization.objects.filter(period=period, active=True))
    org_ids = {key[1] for key in counts}
    org_ids |= {e.deciding_org_id for e in exceptions} | {f.deciding_org_id for f in finalizations}
    return _build_rows(
        counts, {period.pk: period}, exceptions, finalizations, _organizations(org_ids)
    )


def quota_row(
    period: EvaluationPeriod, deciding_org: Organization, kind: str, *, proposed: bool = False
) -> QuotaRow:
    """The row of one group (zeros when the group has no subject yet)."""
    for row in quota_rows(period, proposed=proposed):
        if row.organization.pk == deciding_org.pk and row.kind == kind:
            return row
    limit = quota_limit(0, period.quota_rate, period.quota_rounding)
    return QuotaRow(
        period.pk, deciding_org, kind, 0, 0, 0, 0, 0, limit, False, None, None, 0, period.quota_rate
    )


# ---------------------------------------------------------------------------
# The summary of a subtree for a year


@dataclass
class Tally:
    """Counts of one kind of subject in a subtree."""

    not_evaluated: int = 0
    levels: Counter[str] | None = None

    def add(self, stage: str, level: str, n: int) -> None:
        if stage == Stage.NOT_EVALUATED:
            self.not_evaluated += n
            return
        if self.levels is None:
            self.levels = Counter()
        self.levels[level or PENDING] += n

    def count(self, level: str) -> int:
        return self.levels[level] if self.levels else 0

    @property
    def evaluated(self) -> int:
        return sum(self.levels.values()) if self.levels else 0

    def at_least(self, level: Level) -> int:
        """How many are ranked ``level`` or better."""
        best = LEVEL_ORDER[: LEVEL_ORDER.index(level) + 1]
        return sum(self.count(each) for each in best)

    def as_dict(self) -> dict[str, Any]:
        evaluated = self.evaluated
        return {
            "total": evaluated + self.not_evaluated,
            "evaluated": evaluated,
            "not_evaluated": self.not_evaluated,
            "excellent": self.count(Level.EXCELLENT),
            "good": self.count(Level.GOOD),
            "completed": self.count(Level.COMPLETED),
            "not_completed": self.count(Level.NOT_COMPLETED),
            "pending": self.count(PENDING),
            "excellent_share": share(self.count(Level.EXCELLENT), evaluated),
            "good_or_better_share": share(self.at_least(Level.GOOD), evaluated),
            "completed_or_better_share": share(self.at_least(Level.COMPLETED), evaluated),
        }


def periods_visible_to(user: Any) -> QuerySet[EvaluationPeriod]:
    """Periods of the user's subtree, and those opened above one of their organisations.

    A cell secretary (or a plain member) is ranked in the commune's period:
    they see that it exists; the rows inside stay ``Evaluation.visible_to``.
    """
    if not getattr(user, "is_authenticated", False):
        return EvaluationPeriod.objects.none()
    if user.is_superuser:
        return EvaluationPeriod.objects.all()
    above = {p for g in scope.grants(user) for p in ancestor_paths(g.path)}
    return EvaluationPeriod.objects.filter(
        scope.visibility_q(user, EvaluationPeriod) | Q(org_path__in=sorted(above))
    )


def periods_covering(organization: Organization, year: int, quarter: int = 0) -> QuerySet[Any]:
    """The periods of ``year`` opened at the organisation, above it or inside its subtree."""
    return EvaluationPeriod.objects.filter(year=year, quarter=quarter).filter(
        subtree_q("org_path", organization.path) | Q(org_path__in=ancestor_paths(organization.path))
    )


def _tallies(evaluations: QuerySet[Evaluation]) -> tuple[dict[str, Tally], Counter[Any]]:
    """One grouped query: the subtree's tallies (members, cells, grassroots) and the groups."""
    rows = (
        evaluations.values(
            "period_id", "deciding_org_id", "kind", "subject_org__level", "stage", "decided_level"
        )
        .annotate(n=Count("id"))
        .order_by()
    )
    tallies = {"members": Tally(), "cells": Tally(), "grassroots": Tally()}
    groups: Counter[Any] = Counter()
    for row in rows:
        if row["kind"] == SubjectKind.MEMBER:
            name = "members"
        else:
            name = "cells" if row["subject_org__level"] == OrgLevel.CELL else "grassroots"
        tallies[name].add(row["stage"], row["decided_level"], row["n"])
        if row["stage"] != Stage.NOT_EVALUATED:
            key = (row["period_id"], row["deciding_org_id"], row["kind"])
            groups[(key, row["decided_level"] or PENDING)] += row["n"]
    return tallies, groups


def _group_counts_of(groups: Counter[Any]) -> dict[GroupKey, Counter[str]]:
    counts: dict[GroupKey, Counter[str]] = defaultdict(Counter)
    for (key, level), n in groups.items():
        counts[key][level] += n
    return counts


def subtree_quota_rows(
    organization: Organization,
    periods: list[EvaluationPeriod],
    counts: dict[GroupKey, Counter[str]],
) -> list[QuotaRow]:
    """The groups decided inside the subtree (their subjects are all in it: complete counts)."""
    found = _organizations(key[1] for key in counts)
    inside = {pk: org for pk, org in found.items() if org.path.startswith(organization.path)}
    period_ids = [p.pk for p in periods]
    exceptions = QuotaException.objects.filter(
        period_id__in=period_ids, deciding_org_id__in=list(inside), withdrawn=False
    )
    finalizations = Finalization.objects.filter(
        period_id__in=period_ids, deciding_org_id__in=list(inside), active=True
    )
    by_id = {p.pk: p for p in periods}
    return _build_rows(counts, by_id, list(exceptions), list(finalizations), inside)


def _rules(periods: list[EvaluationPeriod], year: int) -> RuleSet:
    for period in periods:
        try:
            return rules_by_code(period.rules)
        except KeyError:
            continue
    return rules_for(year)


def quota_item(row: QuotaRow) -> dict[str, Any]:
    """One quota row as the API and the pages show it."""
    exception = row.exception
    return {
        "organization": row.organization.name,
        "organization_id": row.organization.pk,
        "organization_code": row.organization.code,
        "period": row.period_id,
        "kind": row.kind,
        "good": row.good,
        "excellent": row.excellent,
        "completed": row.completed,
        "not_completed": row.not_completed,
        "pending": row.pending,
        "limit": row.limit,
        "exceeded": row.exceeded,
        "over_by": row.over_by,
        "covered_by_exception": row.covered,
        "explanation": row.explanation(),
        "exception": None
        if exception is None
        else {
            "id": exception.pk,
            "authority": exception.authority,
            "number": exception.number,
            "decided_on": exception.decided_on,
            "reason": exception.reason,
            "allowed": exception.allowed,
        },
        "finalized": row.finalized,
        "finalized_on": row.finalization.finalized_on if row.finalization else None,
    }


def _explained(tallies: dict[str, Tally]) -> dict[str, str]:
    cells, members = tallies["cells"], tallies["members"]
    lines = {
        "cells_good_or_better": (
            _("Chi bộ hoàn thành tốt nhiệm vụ trở lên / chi bộ được đánh giá"),
            cells.at_least(Level.GOOD),
            cells.evaluated,
        ),
        "members_completed_or_better": (
            _("Đảng viên hoàn thành nhiệm vụ trở lên / đảng viên được đánh giá"),
            members.at_least(Level.COMPLETED),
            members.evaluated,
        ),
        "members_excellent": (
            _("Đảng viên hoàn thành xuất sắc nhiệm vụ / đảng viên được đánh giá"),
            members.count(Level.EXCELLENT),
            members.evaluated,
        ),
    }
    nobody = _("chưa có đối tượng được đánh giá")
    return {
        key: f"{label}: {percent_text(count, total) if total else nobody}"
        for key, (label, count, total) in lines.items()
    }


def evaluation_summary(
    organization: Organization, year: int, *, quarter: int = 0
) -> dict[str, Any]:
    """The figures of ``organization``'s subtree for ``year`` (issue 6, item 6). Five queries.

    Counts the decided levels of every evaluation whose ``org_path`` is in the
    subtree, in the periods of that year (whichever organisation opened them);
    ``quota`` lists the groups decided inside the subtree.
    """
    periods = list(periods_covering(organization, year, quarter))
    evaluations = Evaluation.objects.filter(
        subtree_q("org_path", organization.path), period_id__in=[p.pk for p in periods]
    )
    tallies, groups = _tallies(evaluations) if periods else (_empty_tallies(), Counter())
    rules = _rules(periods, year)
    rows = subtree_quota_rows(organization, periods, _group_counts_of(groups)) if periods else []
    return {
        "organization": {
            "id": organization.pk,
            "code": organization.code,
            "name": organization.name,
        },
        "year": year,
        "quarter": quarter,
        "rules": rules.name,
        "rules_code": rules.code,
        "rules_source": rules.source,
        "periods": [
            {"id": p.pk, "organization_id": p.organization_id, "state": p.state} for p in periods
        ],
        "cells": tallies["cells"].as_dict(),
        "grassroots": tallies["grassroots"].as_dict(),
        "members": tallies["members"].as_dict(),
        "quota": [quota_item(row) for row in rows],
        "shares_explained": _explained(tallies),
    }


def _empty_tallies() -> dict[str, Tally]:
    return {"members": Tally(), "cells": Tally(), "grassroots": Tally()}


# ---------------------------------------------------------------------------
# "Excellent N years in a row"


def excellent_streaks(kind: str, subject_ids: Iterable[int], year: int) -> dict[int, int]:
    """For each subject, how many consecutive years up to ``year`` it was decided excellent.

    Yearly periods only (quarter 0); a year without a decided excellent ranking
    (or without an evaluation) ends the run. One query for any number of subjects.
    """
    wanted = list(set(subject_ids))
    field = "member_id" if kind == SubjectKind.MEMBER else "subject_org_id"
    rows = (
        Evaluation.objects.filter(
            kind=kind,
            period__quarter=0,
            period__year__lte=year,
            decided_level=Level.EXCELLENT,
            **{f"{field}__in": wanted},
        )
        .values_list(field, "period__year")
        .order_by()
    )
    years: dict[int, set[int]] = defaultdict(set)
    for subject_id, period_year in rows:
        years[subject_id].add(period_year)
    streaks = {}
    for subject_id in wanted:
        run = 0
        while year - run in years[subject_id]:
            run += 1
        streaks[subject_id] = run
    return streaks


def excellent_streak(kind: str, subject_id: int, year: int) -> int:
    """“Hoàn thành xuất sắc nhiệm vụ N năm liền” for one subject, counted back from ``year``."""
    return excellent_streaks(kind, [subject_id], year)[subject_id]
