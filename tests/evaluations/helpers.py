"""Evaluation periods of the cast, built through the services (shared by the evaluation tests).

``make_period(cast)`` opens the 2025 period (Quy định 366-QĐ/TW, scored) of Đảng
bộ xã Hòa An (XA) as alice. Its subjects: the commune (decided by Huyện ủy
H01), its cells XA-DONG and XA-TH (decided by XA), and the members of those
cells (decided by XA). ``make_period(cast, year=2024)`` gives a period under
124-QĐ/TW (levels, no score).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from dangvu.admissions.rules import add_months
from dangvu.evaluations import services
from dangvu.evaluations.choices import Level
from dangvu.evaluations.models import Evaluation, EvaluationPeriod
from dangvu.evaluations.rules import rules_for
from dangvu.members.models import Member
from dangvu.members.rules import make_national_id
from dangvu.members.services import create_member
from dangvu.organizations.models import Organization
from dangvu.organizations.services import create_organization
from tests.fixtures.cast import Cast

# A score per level under 366 (the self-assessment's two groups of criteria add up to it).
SCORES = {
    Level.EXCELLENT: Decimal("92.50"),
    Level.GOOD: Decimal("80"),
    Level.COMPLETED: Decimal("60"),
    Level.NOT_COMPLETED: Decimal("40"),
}


def make_period(
    cast: Cast,
    year: int = 2025,
    quarter: int = 0,
    code: str = "XA",
    user: str = "alice",
    **kwargs: Any,
) -> EvaluationPeriod:
    """Open a period on ``code`` (Hòa An by default) through the services."""
    kwargs.setdefault(
        "opened_on", date(year, 11, 15) if quarter == 0 else date(year, quarter * 3, 1)
    )
    return services.open_period(
        cast.user(user), organization=cast.org(code), year=year, quarter=quarter, **kwargs
    )


def member_row(period: EvaluationPeriod, full_name: str) -> Evaluation:
    return Evaluation.objects.select_related("member", "subject_org", "period").get(
        period=period, member__full_name=full_name
    )


def org_row(period: EvaluationPeriod, code: str) -> Evaluation:
    return Evaluation.objects.select_related("member", "subject_org", "period").get(
        period=period, subject_org__code=code
    )


def criteria_for(total: Decimal) -> dict[str, str]:
    """Criteria scores adding up to ``total`` (general at most 30, the rest results)."""
    general = min(Decimal(30), total)
    return {"general": str(general), "results": str(total - general)}


def step_values(period: EvaluationPeriod, level: str) -> dict[str, Any]:
    """``level=`` under 132/124, ``score=`` under 366."""
    if rules_for(period.year).scored:
        return {"score": SCORES[Level(level)]}
    return {"level": level}


def self_values(period: EvaluationPeriod, level: str) -> dict[str, Any]:
    if rules_for(period.year).scored:
        return {"criteria": criteria_for(SCORES[Level(level)])}
    return {"level": level}


def assess(cast: Cast, evaluation: Evaluation, level: str, user: str = "alice") -> Evaluation:
    return services.self_assess(
        cast.user(user), evaluation, **self_values(evaluation.period, level)
    )


def propose(cast: Cast, evaluation: Evaluation, level: str, user: str = "alice") -> Evaluation:
    return services.propose(cast.user(user), evaluation, **step_values(evaluation.period, level))


def decide(cast: Cast, evaluation: Evaluation, level: str, user: str = "alice") -> Evaluation:
    return services.decide(cast.user(user), evaluation, **step_values(evaluation.period, level))


def walk(cast: Cast, evaluation: Evaluation, level: str, user: str = "alice") -> Evaluation:
    """Self-assess, propose (members) and decide ``level`` as ``user`` (alice: staff of XA)."""
    assess(cast, evaluation, level, user)
    if evaluation.kind == "member":
        propose(cast, evaluation, level, user)
    return decide(cast, evaluation, level, user)


def decide_all_members(cast: Cast, period: EvaluationPeriod, level: str = Level.GOOD) -> None:
    """Every evaluated member of XA walked to ``level``."""
    for evaluation in (
        Evaluation.objects.filter(period=period, kind="member")
        .exclude(stage="not_evaluated")
        .select_related("member", "period")
    ):
        walk(cast, evaluation, level)


def add_member(
    cast: Cast,
    name: str,
    *,
    cell: str = "XA-DONG",
    ceremony: date = date(2010, 5, 19),
    probationary: bool = False,
    serial: int = 50,
) -> Member:
    """One more member of the cast, admitted on ``ceremony`` (full twelve months later)."""
    birth = date(1980, 1, 1)
    return create_member(
        actor=None,
        cell=cast.org(cell),
        data={
            "full_name": name,
            "gender": "male",
            "birth_date": birth,
            "national_id": make_national_id(25, "male", birth, serial),
            "admission_decision_date": ceremony,
            "ceremony_date": ceremony,
            "official_date": None if probationary else add_months(ceremony, 12),
        },
    )


def add_cell(
    cast: Cast, code: str, *, parent: str = "XA", founded_on: date = date(2000, 1, 1)
) -> Organization:
    return create_organization(
        actor=None,
        code=code,
        name=f"Chi bộ {code}",
        level="cell",
        kind="residential",
        parent=cast.org(parent),
        founded_on=founded_on,
    )
