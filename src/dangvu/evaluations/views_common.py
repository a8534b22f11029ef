"""What the evaluation pages share: finding a period, a unit, an evaluation for this user.

A period is seen by everyone whose scope reaches it: its organisation is in
their subtree, or is an ancestor of their organisation (a cell secretary sees
the commune's period, in which their cell is ranked). Inside a period, the
rows shown are always ``Evaluation.objects.visible_to(user)``: a plain member
sees their own row, a cell secretary their cell's, the committee its subtree.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from dangvu.core import scope
from dangvu.evaluations.choices import Stage, Step, SubjectKind
from dangvu.evaluations.models import COMMITTEE_ROLES, Evaluation, EvaluationPeriod
from dangvu.evaluations.rules import RuleSet, rules_by_code
from dangvu.evaluations.summary import periods_visible_to
from dangvu.organizations.models import Organization

# Roles that see a deciding body's figures (the quota panel, the names over it).
GROUP_READERS = frozenset({"viewer", "cell_secretary", "staff", "leader"})
NEXT_STEP = {
    Stage.PENDING: Step.SELF,
    Stage.SELF_ASSESSED: Step.PROPOSAL,
    Stage.PROPOSED: Step.DECISION,
}
LAST_STEP = {
    Stage.SELF_ASSESSED: Step.SELF,
    Stage.PROPOSED: Step.PROPOSAL,
    Stage.DECIDED: Step.DECISION,
}


def periods_for(user: Any) -> QuerySet[EvaluationPeriod]:
    """The periods the user sees (one rule for pages, API and files: ``summary``)."""
    return periods_visible_to(user)


def period_for(request: HttpRequest, pk: int) -> EvaluationPeriod:
    period = periods_for(request.user).select_related("organization").filter(pk=pk).first()
    if period is None:
        raise Http404
    return period


def unit_for(request: HttpRequest, period: EvaluationPeriod, pk: int) -> Organization:
    """A cell (or any organisation) of the period's subtree that the user may see."""
    found = (
        Organization.objects.visible_to(request.user)
        .filter(scope.subtree_q("path", period.org_path), pk=pk)
        .select_related("parent")
        .first()
    )
    if found is None:
        raise Http404
    return found


def evaluation_queryset() -> QuerySet[Evaluation]:
    return Evaluation.objects.select_related(
        "period__organization",
        "member",
        "subject_org",
        "unit",
        "deciding_org",
        "self_by",
        "proposed_by",
        "decided_by",
    )


def evaluation_for(request: HttpRequest, pk: int) -> Evaluation:
    evaluation: Evaluation = scope.for_user(request.user, evaluation_queryset(), pk)
    return evaluation


def rules_of(period: EvaluationPeriod) -> RuleSet:
    return rules_by_code(period.rules)


def next_step(evaluation: Evaluation) -> str | None:
    """The step the cascade waits for; organisations go from SELF straight to DECISION."""
    step = NEXT_STEP.get(Stage(evaluation.stage))
    if step == Step.PROPOSAL and evaluation.kind == SubjectKind.ORGANIZATION:
        return Step.DECISION
    return step


def last_step(evaluation: Evaluation) -> str | None:
    """The latest completed step: the only one that may be reopened."""
    return LAST_STEP.get(Stage(evaluation.stage))


def sees_group(user: Any, deciding_org: Organization) -> bool:
    """Whether the user reads a deciding body's figures (its subtree is theirs)."""
    return scope.can_in_subtree(user, GROUP_READERS, deciding_org.path)


def committee_member(user: Any) -> bool:
    """Staff or leader somewhere: the only ones who may write at the group level."""
    return bool(user.is_superuser) or any(g.role in COMMITTEE_ROLES for g in scope.grants(user))


def require_committee(user: Any) -> None:
    if not committee_member(user):
        raise PermissionDenied


def form_errors(form: Any) -> list[str]:
    return [str(e) for errors in form.errors.values() for e in errors]


def flash_errors(request: HttpRequest, errors: list[str]) -> None:
    for error in errors:
        messages.error(request, error)


def int_or_none(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError, OverflowError):
        return None
