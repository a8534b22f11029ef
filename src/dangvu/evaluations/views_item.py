"""One subject in a period: its steps, the next one, reopening, discipline, commendations.

The form for the next step is shown to whoever may take it
(``permissions.can_take``); the latest step can be reopened, with a reason, by
whoever may take it (a decision: only the deciding body). Every refused write
shows the service's message on this page, with what was typed.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dangvu.core import scope
from dangvu.core.forms import add_service_errors
from dangvu.core.history import history_entries
from dangvu.evaluations import permissions, services, summary
from dangvu.evaluations.choices import LEVEL_SHORT, Level, Stage, Step, SubjectKind
from dangvu.evaluations.forms import (
    CommendationRecordForm,
    DisciplineRecordForm,
    ExcludeForm,
    ReopenForm,
    SelfAssessForm,
    StepForm,
    format_score,
)
from dangvu.evaluations.models import Commendation, DisciplineRecord, Evaluation
from dangvu.evaluations.views_common import (
    evaluation_for,
    last_step,
    next_step,
    rules_of,
)

HISTORY_FIELDS = [
    "stage",
    "not_evaluated_reason",
    "self_level",
    "self_score",
    "self_note",
    "self_on",
    "proposed_level",
    "proposed_score",
    "proposal_note",
    "proposed_on",
    "decided_level",
    "decided_score",
    "decision_note",
    "decided_on",
    "forced_reason",
    "targets_percent",
    "exceeded_percent",
    "reopen_reason",
]
REASONS_SHOWN = 20


def _step_form(evaluation: Evaluation, step: str, data: Any = None) -> forms.Form:
    rules = rules_of(evaluation.period)
    if step == Step.SELF:
        organization = evaluation.kind == SubjectKind.ORGANIZATION
        return SelfAssessForm(data, rules=rules, organization=organization)
    return StepForm(data, rules=rules, step=step, initial=_prefill(evaluation, step))


def _prefill(evaluation: Evaluation, step: str) -> dict[str, Any]:
    """The proposal starts from the self-assessment, the decision from the step before."""
    if step == Step.DECISION and evaluation.proposed_on:
        level, score = evaluation.proposed_level, evaluation.proposed_score
    else:
        level, score = evaluation.self_level, evaluation.self_score
    return {"level": level, "score": format_score(score)}


def _steps(evaluation: Evaluation) -> list[dict[str, Any]]:
    """The steps of the cascade, as the page lists them (no proposal for organisations)."""
    steps = [
        {
            "step": Step.SELF,
            "label": Step.SELF.label,
            "level": evaluation.self_level,
            "score": evaluation.self_score,
            "note": evaluation.self_note,
            "on": evaluation.self_on,
            "by": evaluation.self_by,
            "criteria": evaluation.self_criteria,
        },
        {
            "step": Step.PROPOSAL,
            "label": Step.PROPOSAL.label,
            "level": evaluation.proposed_level,
            "score": evaluation.proposed_score,
            "note": evaluation.proposal_note,
            "on": evaluation.proposed_on,
            "by": evaluation.proposed_by,
        },
        {
            "step": Step.DECISION,
            "label": Step.DECISION.label,
            "level": evaluation.decided_level,
            "score": evaluation.decided_score,
            "note": evaluation.decision_note,
            "on": evaluation.decided_on,
            "by": evaluation.decided_by,
        },
    ]
    if evaluation.kind == SubjectKind.ORGANIZATION:
        del steps[1]
    for entry in steps:
        entry["level_label"] = Level(entry["level"]).label if entry["level"] else ""
        entry["short"] = LEVEL_SHORT.get(entry["level"], "")
    return steps


def _points(value: Any) -> Decimal | None:
    try:
        return Decimal(str(value)) if value is not None else None
    except InvalidOperation:
        return None


def _criteria(evaluation: Evaluation) -> list[tuple[str, Decimal | None, Decimal]]:
    """Each criterion of the rules with the points the member gave themselves."""
    rules = rules_of(evaluation.period)
    given = evaluation.self_criteria or {}
    return [(c.label, _points(given.get(c.code)), c.max_score) for c in rules.criteria]


def _discipline(user: Any, evaluation: Evaluation) -> list[DisciplineRecord] | None:
    """The subject's discipline records, for the committee and the member themselves only."""
    own = evaluation.member_id is not None and evaluation.member_id == user.member_id
    if not (own or scope.can_in_subtree(user, scope.SENSITIVE_ROLES, evaluation.org_path)):
        return None
    records = DisciplineRecord.objects.visible_to(user)
    if evaluation.kind == SubjectKind.MEMBER:
        records = records.filter(member_id=evaluation.member_id)
    else:
        records = records.filter(organization_id=evaluation.subject_org_id)
    return list(records.order_by("-decided_on", "-id"))


def _reasons(evaluation: Evaluation) -> list[Any]:
    """The reasons kept in the history (reopening, excluding), newest first."""
    manager: Any = evaluation.history
    return list(
        manager.exclude(history_change_reason__isnull=True)
        .exclude(history_change_reason="")
        .select_related("history_user")
        .order_by("-history_date", "-history_id")[:REASONS_SHOWN]
    )


def _streak(evaluation: Evaluation) -> int:
    if evaluation.decided_level != Level.EXCELLENT or evaluation.period.quarter:
        return 0
    subject = evaluation.member_id or evaluation.subject_org_id
    assert subject is not None
    return summary.excellent_streak(evaluation.kind, subject, evaluation.period.year)


def _forms(user: Any, evaluation: Evaluation) -> dict[str, Any]:
    """Every form the user may use on this page, unbound."""
    open_ = evaluation.period.state == "open"
    following, latest = next_step(evaluation), last_step(evaluation)
    may_manage = open_ and permissions.can_manage_subject(user, evaluation)
    found: dict[str, Any] = {}
    if open_ and following and permissions.can_take(user, evaluation, following):
        found[following] = _step_form(evaluation, following)
    if open_ and latest and permissions.can_take(user, evaluation, latest):
        found["reopen"] = ReopenForm(initial={"step": latest})
    if may_manage and evaluation.stage != Stage.NOT_EVALUATED:
        found["exclude"] = ExcludeForm()
    if may_manage and evaluation.stage == Stage.NOT_EVALUATED:
        found["include"] = True
    if permissions.can_record_discipline(user, evaluation.org_path):
        found["discipline"] = DisciplineRecordForm(kind=evaluation.kind)
    if evaluation.decided_level == Level.EXCELLENT and permissions.can_manage_subject(
        user, evaluation
    ):
        found["commend"] = CommendationRecordForm(initial={"decided_on": timezone.localdate()})
    return found


def _item_page(
    request: HttpRequest, evaluation: Evaluation, bound: tuple[str, Any] | None = None
) -> HttpResponse:
    user: Any = request.user
    forms_ = _forms(user, evaluation)
    if bound is not None:
        forms_[bound[0]] = bound[1]
    rules = rules_of(evaluation.period)
    latest = last_step(evaluation)
    context = {
        "evaluation": evaluation,
        "period": evaluation.period,
        "rules": rules,
        "steps": _steps(evaluation),
        "criteria": _criteria(evaluation) if rules.scored else [],
        "thresholds": [(lowest, Level(level).label) for lowest, level in rules.thresholds],
        "next_step": next_step(evaluation),
        "latest_label": Step(latest).label if latest else "",
        "forms": forms_,
        "discipline": _discipline(user, evaluation),
        "commendations": list(
            Commendation.objects.visible_to(user)
            .filter(evaluation=evaluation)
            .order_by("-decided_on", "-id")
        ),
        "streak": _streak(evaluation),
        "reasons": _reasons(evaluation),
        "history": history_entries(
            evaluation,
            fields=HISTORY_FIELDS,
            # The forced reason names a discipline: masked like the record itself.
            hidden=() if permissions.sees_forced_reason(user, evaluation) else ("forced_reason",),
        ),
    }
    return render(request, "evaluations/item.html", context)


@login_required
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _item_page(request, evaluation_for(request, pk))


def _action(
    request: HttpRequest,
    pk: int,
    name: str,
    allowed: Callable[[Any, Evaluation], bool],
    make_form: Callable[[Evaluation, Any], Any],
    act: Callable[[Evaluation, Any], str],
) -> HttpResponse:
    """A write on one evaluation: 403 when the user may not, the service, back or errors."""
    evaluation = evaluation_for(request, pk)
    if not allowed(request.user, evaluation):
        raise PermissionDenied
    form = make_form(evaluation, request.POST)
    if form.is_valid():
        try:
            message = act(evaluation, form)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, message)
            return redirect("evaluations:item", pk=evaluation.pk)
    return _item_page(request, evaluation_for(request, pk), (name, form))


def _level_message(prefix: str, level: str, score: Any) -> str:
    label = Level(level).label if level else ""
    if score is None:
        return _("%(prefix)s: %(level)s.") % {"prefix": prefix, "level": label}
    return _("%(prefix)s: %(score)s điểm — %(level)s.") % {
        "prefix": prefix,
        "score": format_score(score),
        "level": label,
    }


def _step_action(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    def act(evaluation: Evaluation, form: Any) -> str:
        kwargs = form.service_kwargs()
        if step == Step.SELF:
            done = services.self_assess(request.user, evaluation, **kwargs)
            return _level_message(_("Đã ghi tự đánh giá"), done.self_level, done.self_score)
        if step == Step.PROPOSAL:
            done = services.propose(request.user, evaluation, **kwargs)
            return _level_message(
                _("Đã ghi đề xuất của chi bộ"), done.proposed_level, done.proposed_score
            )
        done = services.decide(request.user, evaluation, **kwargs)
        return _level_message(
            _("Đã ghi quyết định xếp loại"), done.decided_level, done.decided_score
        )

    return _action(
        request,
        pk,
        step,
        lambda user, evaluation: permissions.can_take(user, evaluation, step),
        lambda evaluation, data: _step_form(evaluation, step, data),
        act,
    )


@login_required
@require_POST
def self_assess(request: HttpRequest, pk: int) -> HttpResponse:
    return _step_action(request, pk, Step.SELF)


@login_required
@require_POST
def propose(request: HttpRequest, pk: int) -> HttpResponse:
    return _step_action(request, pk, Step.PROPOSAL)


@login_required
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    return _step_action(request, pk, Step.DECISION)


def _may_reopen(request: HttpRequest) -> Callable[[Any, Evaluation], bool]:
    """Whoever may take the latest step (a decision: only the deciding body)."""

    def allowed(user: Any, evaluation: Evaluation) -> bool:
        step = last_step(evaluation) or request.POST.get("step", "")
        return step in Step.values and permissions.can_take(user, evaluation, step)

    return allowed


@login_required
@require_POST
def reopen(request: HttpRequest, pk: int) -> HttpResponse:
    def act(evaluation: Evaluation, form: Any) -> str:
        step = form.cleaned_data["step"]
        services.reopen(request.user, evaluation, step, form.cleaned_data["reason"])
        return _("Đã mở lại bước “%(step)s”.") % {"step": Step(step).label}

    return _action(
        request, pk, "reopen", _may_reopen(request),
        lambda evaluation, data: ReopenForm(data), act,
    )  # fmt: skip


@login_required
@require_POST
def exclude(request: HttpRequest, pk: int) -> HttpResponse:
    def act(evaluation: Evaluation, form: Any) -> str:
        services.exclude(request.user, evaluation, form.cleaned_data["reason"])
        return _("Đã chuyển sang không đánh giá, xếp loại.")

    return _action(
        request, pk, "exclude", permissions.can_manage_subject,
        lambda evaluation, data: ExcludeForm(data), act,
    )  # fmt: skip


@login_required
@require_POST
def include(request: HttpRequest, pk: int) -> HttpResponse:
    def act(evaluation: Evaluation, form: Any) -> str:
        services.include(request.user, evaluation)
        return _("Đã đưa trở lại danh sách đánh giá, xếp loại.")

    return _action(
        request, pk, "include", permissions.can_manage_subject,
        lambda evaluation, data: forms.Form(data), act,
    )  # fmt: skip


@login_required
@require_POST
def add_discipline(request: HttpRequest, pk: int) -> HttpResponse:
    def act(evaluation: Evaluation, form: Any) -> str:
        data = form.cleaned_data
        record = services.record_discipline(
            request.user,
            member=evaluation.member,
            organization=evaluation.subject_org,
            form=data["form"],
            decided_on=data["decided_on"],
            authority=data["authority"],
            decision_number=data["decision_number"],
            reason=data["reason"],
            self_corrected=data.get("self_corrected", False),
        )
        return _("Đã ghi kỷ luật: %(form)s.") % {"form": record.get_form_display()}

    return _action(
        request, pk, "discipline",
        lambda user, evaluation: permissions.can_record_discipline(user, evaluation.org_path),
        lambda evaluation, data: DisciplineRecordForm(data, kind=evaluation.kind), act,
    )  # fmt: skip


@login_required
@require_POST
def commend(request: HttpRequest, pk: int) -> HttpResponse:
    def act(evaluation: Evaluation, form: Any) -> str:
        data = form.cleaned_data
        done = services.commend(
            request.user,
            evaluation,
            form=data["form"],
            authority=data["authority"],
            decided_on=data["decided_on"],
            decision_number=data["decision_number"],
            note=data["note"],
        )
        return _("Đã ghi khen thưởng: %(form)s.") % {"form": done.get_form_display()}

    return _action(
        request, pk, "commend", permissions.can_manage_subject,
        lambda evaluation, data: CommendationRecordForm(data), act,
    )  # fmt: skip
