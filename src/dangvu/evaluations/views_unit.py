"""One cell in a period: its members with the three steps, and the bulk forms.

The bulk forms are what an office does from paper: one table, one row per
member, prefilled — the proposal with each member's self-assessment, the
decision with the cell's proposal — so a cell whose meeting agreed with
everyone is entered in one click. Only the forms the user may use are shown
(``permissions.can_take`` on every row), and each is all or nothing
(``services.*_many``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from dangvu.core.forms import add_service_errors
from dangvu.evaluations import permissions, services
from dangvu.evaluations.choices import Stage, Step, SubjectKind
from dangvu.evaluations.forms import BulkForm, bulk_rows
from dangvu.evaluations.models import Evaluation, EvaluationPeriod, Finalization
from dangvu.evaluations.rules import RuleSet
from dangvu.evaluations.views_common import period_for, rules_of, unit_for
from dangvu.organizations.models import Organization

# The stage a row must be at for each bulk form.
READY: dict[str, str] = {
    Step.SELF: Stage.PENDING,
    Step.PROPOSAL: Stage.SELF_ASSESSED,
    Step.DECISION: Stage.PROPOSED,
}
TITLES: dict[str, Any] = {
    Step.SELF: gettext_lazy("Nhập tự đánh giá (theo phiếu)"),
    Step.PROPOSAL: gettext_lazy("Chi bộ đề xuất xếp loại"),
    Step.DECISION: gettext_lazy("Cấp ủy quyết định xếp loại"),
}
SERVICES: dict[str, Callable[..., int]] = {
    Step.SELF: services.self_assess_many,
    Step.PROPOSAL: services.propose_many,
    Step.DECISION: services.decide_many,
}
DONE: dict[str, Any] = {
    Step.SELF: gettext_lazy("Đã ghi tự đánh giá của %(n)s đảng viên."),
    Step.PROPOSAL: gettext_lazy("Đã ghi đề xuất của chi bộ cho %(n)s đảng viên."),
    Step.DECISION: gettext_lazy("Đã ghi quyết định xếp loại của %(n)s đảng viên."),
}


def _rows(user: Any, period: EvaluationPeriod, unit: Organization) -> list[Evaluation]:
    return list(
        Evaluation.objects.visible_to(user)
        .filter(period=period, unit=unit, kind=SubjectKind.MEMBER)
        .select_related("member", "deciding_org", "self_by", "proposed_by", "decided_by")
        .order_by("member__sort_key", "member__birth_date", "id")
    )


def _finalized(period: EvaluationPeriod, rows: list[Evaluation]) -> bool:
    """Whether the decisions on these members are closed (their group is finalised)."""
    deciding = {row.deciding_org_id for row in rows}
    if not deciding:
        return False
    return Finalization.objects.filter(
        period=period, deciding_org_id__in=deciding, kind=SubjectKind.MEMBER, active=True
    ).exists()


def _step_rows(user: Any, rows: list[Evaluation], step: str, finalized: bool) -> list[Evaluation]:
    """The rows a bulk form covers: at the right stage, and the user may take the step.

    A member's own self-assessment is on their page: the bulk form is for
    entering others' from paper.
    """
    if step == Step.DECISION and finalized:
        return []
    ready = [row for row in rows if row.stage == READY[step]]
    if step == Step.SELF:
        ready = [row for row in ready if row.member_id != user.member_id or user.is_superuser]
    return [row for row in ready if permissions.can_take(user, row, step)]


def _forms(
    user: Any, rules: RuleSet, rows: list[Evaluation], finalized: bool, open_: bool
) -> dict[str, BulkForm]:
    if not open_:
        return {}
    found: dict[str, BulkForm] = {}
    for step in (Step.SELF, Step.PROPOSAL, Step.DECISION):
        covered = _step_rows(user, rows, step, finalized)
        if covered:
            found[step] = BulkForm(rows=covered, rules=rules, step=step)
    return found


def _unit_page(
    request: HttpRequest,
    period: EvaluationPeriod,
    unit: Organization,
    bound: BulkForm | None = None,
) -> HttpResponse:
    user: Any = request.user
    rules = rules_of(period)
    rows = _rows(user, period, unit)
    finalized = _finalized(period, rows)
    forms_ = _forms(user, rules, rows, finalized, period.state == "open")
    if bound is not None:
        forms_[bound.step] = bound
    own = (
        Evaluation.objects.visible_to(user)
        .filter(period=period, kind=SubjectKind.ORGANIZATION, subject_org=unit)
        .select_related("self_by", "decided_by", "deciding_org")
        .first()
    )
    context = {
        "period": period,
        "unit": unit,
        "rules": rules,
        "rows": rows,
        "counts": {s: sum(1 for r in rows if r.stage == s) for s in Stage.values},
        "stages": Stage,
        "own": own,
        "finalized": finalized,
        "bulk": [
            {"step": step, "title": TITLES[step], "form": form, "rows": bulk_rows(form)}
            for step, form in forms_.items()
        ],
    }
    return render(request, "evaluations/unit.html", context)


@login_required
def unit_detail(request: HttpRequest, pk: int, org_pk: int) -> HttpResponse:
    period = period_for(request, pk)
    return _unit_page(request, period, unit_for(request, period, org_pk))


def _bulk(request: HttpRequest, pk: int, org_pk: int, step: str) -> HttpResponse:
    user: Any = request.user
    period = period_for(request, pk)
    unit = unit_for(request, period, org_pk)
    rows = _rows(user, period, unit)
    covered = _step_rows(user, rows, step, _finalized(period, rows))
    if not covered and not any(permissions.can_take(user, row, step) for row in rows):
        raise PermissionDenied
    form = BulkForm(request.POST, rows=covered, rules=rules_of(period), step=step)
    if form.is_valid():
        entries = form.entries()
        if not entries:
            form.add_error(None, _("Chưa ghi nội dung nào: điền ít nhất một dòng."))
        else:
            try:
                count = SERVICES[step](user, period, entries)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, DONE[step] % {"n": count})
                return redirect("evaluations:unit", pk=period.pk, org_pk=unit.pk)
    return _unit_page(request, period, unit, form)


@login_required
@require_POST
def bulk_self(request: HttpRequest, pk: int, org_pk: int) -> HttpResponse:
    return _bulk(request, pk, org_pk, Step.SELF)


@login_required
@require_POST
def bulk_propose(request: HttpRequest, pk: int, org_pk: int) -> HttpResponse:
    return _bulk(request, pk, org_pk, Step.PROPOSAL)


@login_required
@require_POST
def bulk_decide(request: HttpRequest, pk: int, org_pk: int) -> HttpResponse:
    return _bulk(request, pk, org_pk, Step.DECISION)
