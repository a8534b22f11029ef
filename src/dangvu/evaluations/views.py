"""Evaluation pages: the periods, opening one, and a period with its quota panel.

Thin views (STYLE.md): every read starts from the user's scope
(``views_common``), every write goes through ``evaluations.services``, and
the templates only display. A refused write shows the service's message on the
page it came from, with what was typed. The cell, the subject and the summary
pages are in ``views_unit``, ``views_item`` and ``views_summary``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dangvu.core import scope
from dangvu.core.forms import add_service_errors
from dangvu.evaluations import permissions, services, summary
from dangvu.evaluations.choices import Level, Stage, SubjectKind
from dangvu.evaluations.forms import (
    FinalizeForm,
    OpenPeriodForm,
    QuotaExceptionForm,
    ReasonForm,
    default_year,
)
from dangvu.evaluations.models import (
    COMMITTEE_ROLES,
    Evaluation,
    EvaluationPeriod,
    Finalization,
    QuotaException,
)
from dangvu.evaluations.rules import RULE_SETS
from dangvu.evaluations.views_common import (
    committee_member,
    form_errors,
    int_or_none,
    period_for,
    periods_for,
    require_committee,
    rules_of,
    sees_group,
)
from dangvu.organizations.choices import Level as OrgLevel
from dangvu.organizations.models import Organization

PERIODS_SHOWN = 200
CHOICES_LIMIT = 300
ORGANIZATIONS_SHOWN = 500
NAMES_SHOWN = 300
DONE_STAGES = (Stage.SELF_ASSESSED, Stage.PROPOSED, Stage.DECIDED)


# ---------------------------------------------------------------------------
# The list of periods, and opening one


def _openable(user: Any) -> QuerySet[Organization]:
    """Organisations where the user may open a period: grassroots or above, in their subtree."""
    query = Q() if user.is_superuser else Q(pk__in=[])
    for grant in scope.grants(user):
        if grant.role in COMMITTEE_ROLES:
            query |= scope.subtree_q("path", grant.path)
    return (
        Organization.objects.filter(query, ended_on__isnull=True)
        .exclude(level=OrgLevel.CELL)
        .order_by("path")
    )


def _progress(user: Any, periods: list[EvaluationPeriod]) -> dict[int, dict[str, int]]:
    """Per period, the rows the user sees by stage: one grouped query."""
    rows = (
        Evaluation.objects.visible_to(user)
        .filter(period__in=periods)
        .values("period_id", "stage")
        .annotate(n=Count("id"))
        .order_by()
    )
    progress: dict[int, dict[str, int]] = {p.pk: {"total": 0} for p in periods}
    for row in rows:
        tally = progress[row["period_id"]]
        tally[row["stage"]] = row["n"]
        tally["total"] += row["n"]
    for tally in progress.values():
        evaluated = tally["total"] - tally.get(Stage.NOT_EVALUATED, 0)
        tally["evaluated"] = evaluated
        tally["decided"] = tally.get(Stage.DECIDED, 0)
        tally["percent"] = round(100 * tally["decided"] / evaluated) if evaluated else 0
    return progress


def _list_page(request: HttpRequest, form: OpenPeriodForm | None) -> HttpResponse:
    user: Any = request.user
    periods = list(
        periods_for(user)
        .select_related("organization")
        .order_by("-year", "-quarter", "org_path")[:PERIODS_SHOWN]
    )
    progress = _progress(user, periods)
    context = {
        "rows": [(p, rules_of(p), progress[p.pk]) for p in periods],
        "truncated": len(periods) == PERIODS_SHOWN,
        "form": form,
        "rule_sets": sorted(RULE_SETS, key=lambda r: r.first_year),
        "year_default": default_year(timezone.localdate()),
    }
    return render(request, "evaluations/list.html", context)


def _open_form(user: Any, data: Any = None) -> OpenPeriodForm:
    organizations = _openable(user)
    first = organizations.values("pk")[:CHOICES_LIMIT]
    choices = Organization.objects.filter(pk__in=first).order_by("path")
    only = list(choices[:2])
    initial = {
        "year": default_year(timezone.localdate()),
        "quarter": 0,
        "organization": only[0] if len(only) == 1 else None,
    }
    return OpenPeriodForm(data, organizations=choices, initial=initial)


@login_required
def period_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if request.method != "POST":
        return _list_page(request, _open_form(user) if committee_member(user) else None)
    require_committee(user)
    form = _open_form(user, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            period = services.open_period(
                user,
                organization=data["organization"],
                year=data["year"],
                quarter=data["quarter"],
                opened_on=data["opened_on"],
                plan_reference=data["plan_reference"],
                note=data["note"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Đã mở kỳ đánh giá %(period)s: %(n)s đối tượng.")
                % {"period": period, "n": period.evaluations.count()},
            )
            return redirect("evaluations:period", pk=period.pk)
    return _list_page(request, form)


# ---------------------------------------------------------------------------
# The period


@dataclass
class Group:
    """One deciding body and one kind of subject, as the quota panel shows it."""

    decided: summary.QuotaRow
    proposed: summary.QuotaRow
    may_decide: bool
    names: list[Evaluation] = field(default_factory=list)
    forms: dict[str, forms.Form] = field(default_factory=dict)

    @property
    def key(self) -> tuple[int, str]:
        return (self.decided.organization.pk, self.decided.kind)

    @property
    def over(self) -> bool:
        return self.proposed.exceeded or self.decided.exceeded


def _group_initial(row: summary.QuotaRow) -> dict[str, Any]:
    return {"deciding_org": row.organization.pk, "kind": row.kind}


def _group_forms(row: summary.QuotaRow) -> dict[str, forms.Form]:
    initial = _group_initial(row)
    if row.finalization is not None:
        return {"reopen": ReasonForm()}
    found: dict[str, forms.Form] = {"finalize": FinalizeForm(initial=initial)}
    if row.exception is None:
        found["exception"] = QuotaExceptionForm(initial=initial)
    else:
        found["withdraw"] = ReasonForm()
    return found


def _names_over(user: Any, period: EvaluationPeriod, groups: list[Group]) -> None:
    """The subjects proposed or decided excellent in the groups over the limit: one query."""
    over = [g for g in groups if g.over]
    if not over:
        return
    query = Q(pk__in=[])
    for group in over:
        query |= Q(deciding_org_id=group.key[0], kind=group.key[1])
    excellent = Q(decided_level=Level.EXCELLENT) | Q(
        decided_level="", proposed_level=Level.EXCELLENT
    )
    rows = (
        Evaluation.objects.visible_to(user)
        .filter(query, excellent, period=period)
        .select_related("member", "subject_org", "unit")
        .order_by("kind", "org_path", "member__sort_key", "id")[:NAMES_SHOWN]
    )
    by_key = {g.key: g for g in over}
    for row in rows:
        by_key[(row.deciding_org_id, row.kind)].names.append(row)


def _groups(request: HttpRequest, period: EvaluationPeriod) -> list[Group]:
    user: Any = request.user
    decided = summary.quota_rows(period)
    proposed = {(r.organization.pk, r.kind): r for r in summary.quota_rows(period, proposed=True)}
    groups = []
    for row in decided:
        if not sees_group(user, row.organization):
            continue
        may_decide = period.state == "open" and permissions.can_decide_group(user, row.organization)
        group = Group(row, proposed.get((row.organization.pk, row.kind), row), may_decide)
        if may_decide:
            group.forms = _group_forms(row)
        groups.append(group)
    _names_over(user, period, groups)
    return groups


def _units(user: Any, period: EvaluationPeriod) -> list[dict[str, Any]]:
    """The progress of every cell the user sees: one grouped query."""
    done = Q(stage__in=DONE_STAGES)
    return list(
        Evaluation.objects.visible_to(user)
        .filter(period=period, kind=SubjectKind.MEMBER)
        .values("unit_id", "unit__name", "unit__path")
        .annotate(
            total=Count("id"),
            not_evaluated=Count("id", filter=Q(stage=Stage.NOT_EVALUATED)),
            pending=Count("id", filter=Q(stage=Stage.PENDING)),
            self_assessed=Count("id", filter=done),
            proposed=Count("id", filter=Q(stage__in=(Stage.PROPOSED, Stage.DECIDED))),
            decided=Count("id", filter=Q(stage=Stage.DECIDED)),
            excellent=Count("id", filter=Q(decided_level=Level.EXCELLENT)),
        )
        .order_by("unit__path")
    )


def _organizations(user: Any, period: EvaluationPeriod) -> list[Evaluation]:
    return list(
        Evaluation.objects.visible_to(user)
        .filter(period=period, kind=SubjectKind.ORGANIZATION)
        .select_related("subject_org", "deciding_org")
        .order_by("org_path")[:ORGANIZATIONS_SHOWN]
    )


def _period_page(
    request: HttpRequest,
    period: EvaluationPeriod,
    bound: tuple[tuple[int, str], str, forms.Form] | None = None,
) -> HttpResponse:
    user: Any = request.user
    groups = _groups(request, period)
    if bound is not None:
        key, name, form = bound
        matched = [group for group in groups if group.key == key]
        for group in matched:
            group.forms[name] = form
        if not matched:
            for error in form_errors(form):
                messages.error(request, error)
    units = _units(user, period)
    context = {
        "period": period,
        "rules": rules_of(period),
        "quota_rate": summary.rate_text(period.quota_rate),
        "units": units,
        "totals": {
            name: sum(u[name] for u in units)
            for name in (
                "total",
                "not_evaluated",
                "pending",
                "self_assessed",
                "proposed",
                "decided",
            )
        },
        "organizations": _organizations(user, period),
        "groups": groups,
        "may_manage": period.state == "open" and permissions.can_manage_period(user, period),
        "sees_summary": sees_group(user, period.organization),
        "summary_url": reverse("evaluations:summary", args=[period.organization_id])
        + f"?year={period.year}"
        + (f"&quarter={period.quarter}" if period.quarter else ""),
        "bound_error": bound is not None,
    }
    return render(request, "evaluations/period.html", context)


@login_required
def period_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _period_page(request, period_for(request, pk))


# ---------------------------------------------------------------------------
# The period's writes: the quota exception, finalising, refreshing, closing


def _group_org(request: HttpRequest, period: EvaluationPeriod) -> Organization | None:
    """The deciding body named by the form (in the period, or the level above its
    organisation); 403 when the user is not that body."""
    require_committee(request.user)
    org_id = int_or_none(request.POST.get("deciding_org"))
    if org_id is None:
        return None
    in_period = scope.subtree_q("path", period.org_path) | Q(pk=period.organization.parent_id)
    found = Organization.objects.filter(in_period, pk=org_id).first()
    if found is not None and not permissions.can_decide_group(request.user, found):
        raise PermissionDenied
    return found


def _group_action(
    request: HttpRequest,
    pk: int,
    form_class: type[forms.Form],
    name: str,
    act: Callable[[Organization, dict[str, Any]], str],
) -> HttpResponse:
    """A form of the quota panel: check, call the service, back to the period or its errors."""
    period = period_for(request, pk)
    org = _group_org(request, period)
    form = form_class(request.POST)
    kind = request.POST.get("kind", "")
    if form.is_valid() and org is None:
        form.add_error(None, _("Không có cấp quyết định này trong kỳ đánh giá."))
    if form.is_valid() and org is not None:
        try:
            message = act(org, form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, message)
            return redirect(reverse("evaluations:period", args=[period.pk]) + "#quota")
    key = (org.pk if org else 0, kind)
    return _period_page(request, period, (key, name, form))


@login_required
@require_POST
def record_exception(request: HttpRequest, pk: int) -> HttpResponse:
    def act(org: Organization, data: dict[str, Any]) -> str:
        exception = services.record_exception(
            request.user,
            period_for(request, pk),
            deciding_org=org,
            kind=data["kind"],
            authority=data["authority"],
            number=data["number"],
            decided_on=data["decided_on"],
            reason=data["reason"],
            allowed=data["allowed"],
        )
        return _("Đã ghi nhận văn bản %(number)s cho phép vượt tỷ lệ.") % {
            "number": exception.number
        }

    return _group_action(request, pk, QuotaExceptionForm, "exception", act)


@login_required
@require_POST
def finalize(request: HttpRequest, pk: int) -> HttpResponse:
    def act(org: Organization, data: dict[str, Any]) -> str:
        done = services.finalize(
            request.user,
            period_for(request, pk),
            deciding_org=org,
            kind=data["kind"],
            on=data["on"],
            decision_number=data["decision_number"],
        )
        return _("Đã chốt kết quả xếp loại %(kind)s của %(org)s.") % {
            "kind": str(SubjectKind(done.kind).label).lower(),
            "org": org.name,
        }

    return _group_action(request, pk, FinalizeForm, "finalize", act)


def _one_of_period(queryset: QuerySet[Any], period: EvaluationPeriod, pk: int) -> Any:
    found = queryset.filter(period=period, pk=pk).select_related("deciding_org").first()
    if found is None:
        raise Http404
    return found


def _row_action(
    request: HttpRequest,
    period: EvaluationPeriod,
    row: QuotaException | Finalization,
    name: str,
    act: Callable[[str], str],
) -> HttpResponse:
    """Reopening a finalisation or withdrawing an exception: the deciding body, a reason."""
    require_committee(request.user)
    if not permissions.can_decide_group(request.user, row.deciding_org):
        raise PermissionDenied
    form = ReasonForm(request.POST)
    if form.is_valid():
        try:
            message = act(form.cleaned_data["reason"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, message)
            return redirect(reverse("evaluations:period", args=[period.pk]) + "#quota")
    return _period_page(request, period, ((row.deciding_org_id, row.kind), name, form))


@login_required
@require_POST
def withdraw_exception(request: HttpRequest, pk: int, exception_pk: int) -> HttpResponse:
    period = period_for(request, pk)
    exception = _one_of_period(QuotaException.objects.filter(withdrawn=False), period, exception_pk)

    def act(reason: str) -> str:
        services.withdraw_exception(request.user, exception, reason)
        return _("Đã thu hồi văn bản cho phép vượt tỷ lệ.")

    return _row_action(request, period, exception, "withdraw", act)


@login_required
@require_POST
def reopen_finalization(request: HttpRequest, pk: int, finalization_pk: int) -> HttpResponse:
    period = period_for(request, pk)
    finalization = _one_of_period(Finalization.objects.filter(active=True), period, finalization_pk)

    def act(reason: str) -> str:
        services.reopen_finalization(request.user, finalization, reason)
        return _("Đã mở lại kết quả đã chốt; có thể sửa các quyết định xếp loại.")

    return _row_action(request, period, finalization, "reopen", act)


def _period_write(request: HttpRequest, pk: int, act: Callable[[EvaluationPeriod], str]) -> Any:
    period = period_for(request, pk)
    if not permissions.can_manage_period(request.user, period):
        raise PermissionDenied
    try:
        messages.success(request, act(period))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect("evaluations:period", pk=period.pk)


@login_required
@require_POST
def refresh(request: HttpRequest, pk: int) -> HttpResponse:
    return _period_write(
        request, pk,
        lambda period: _("Đã cập nhật danh sách: thêm %(n)s đối tượng.")
        % {"n": services.refresh_subjects(request.user, period)},
    )  # fmt: skip


@login_required
@require_POST
def close(request: HttpRequest, pk: int) -> HttpResponse:
    def act(period: EvaluationPeriod) -> str:
        services.close_period(request.user, period)
        return _("Đã kết thúc kỳ đánh giá.")

    return _period_write(request, pk, act)
