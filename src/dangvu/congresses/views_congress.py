"""The page of one congress and its actions: steps, convened list, documents, elections,
holding, the new committee, approval.

Every action posts one form; when the form or the service refuses, the page is
shown again with that form bound and its errors (nothing written); when it
succeeds, back to the page with a message.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dangvu.congresses import documents, permissions, services
from dangvu.congresses.choices import STEP_ORDER, ElectionStatus, Exclusion, Status
from dangvu.congresses.counting import threshold
from dangvu.congresses.forms import (
    ApproveForm,
    CancelForm,
    ConveneForm,
    DocumentForm,
    ElectionForm,
    ExclusionForm,
    HoldForm,
    InstallForm,
    PlanForm,
    ReportNumberForm,
    StepForm,
)
from dangvu.congresses.models import Congress, CongressDocument, Convened, Election
from dangvu.congresses.services_committee import body_for, planned_seats
from dangvu.congresses.services_convened import allowed_exclusions
from dangvu.congresses.views import congress_for
from dangvu.core import files, scope
from dangvu.core.docx_layout import docx_response
from dangvu.core.downloads import logged_download
from dangvu.core.forms import add_service_errors, carry_version, form_status, save_unless_stale
from dangvu.core.history import history_entries
from dangvu.organizations.models import Committee

CONGRESS_HISTORY_FIELDS = (
    "status",
    "planned_on",
    "place",
    "kind",
    *services.STEP_FIELDS.values(),
    "approval_number",
    "approved_by",
    "convened_count",
    "excluded_count",
    "present_count",
    "chair",
    "secretary",
    "cancelled_reason",
)
PLAIN_STEPS = list(services.PLAIN_STEPS)


@dataclass
class StepRow:
    label: str
    day: Any
    is_next: bool


@dataclass
class ConvenedRow:
    row: Convened
    form: ExclusionForm | None


def _prefix(row_pk: int) -> str:
    return f"row{row_pk}"


def _steps(congress: Congress) -> tuple[list[StepRow], str | None]:
    next_step = None
    if congress.status == Status.PREPARING:
        next_step = next(
            (s for s in PLAIN_STEPS if getattr(congress, services.STEP_FIELDS[s]) is None), None
        )
    rows = [
        StepRow(str(step.label), getattr(congress, services.STEP_FIELDS[step]), step == next_step)
        for step in STEP_ORDER
    ]
    return rows, next_step


def _convened(
    user: Any, congress: Congress, editable: bool, bound: ExclusionForm | None, bound_pk: int
) -> list[ConvenedRow]:
    rows = (
        Convened.objects.visible_to(user)
        .filter(congress=congress)
        .select_related("member")
        .order_by("member__sort_key", "member__birth_date", "id")
    )
    result = []
    for row in rows:
        form = None
        if editable:
            initial = {"exclusion": row.exclusion, "note": row.exclusion_note}
            form = bound if bound_pk == row.pk else None
            form = form or ExclusionForm(
                initial=initial, prefix=_prefix(row.pk), kinds=allowed_exclusions(congress)
            )
        result.append(ConvenedRow(row, form))
    return result


def _figures(congress: Congress, rows: list[ConvenedRow]) -> dict[str, Any]:
    """How the denominator is computed, from the rows shown."""
    full = [r.row for r in rows if r.row.full_member]
    labels = dict(Exclusion.choices)
    reasons = Counter(row.exclusion for row in full if row.exclusion)
    denominator = congress.denominator
    return {
        "full": len(full),
        "probationary": len(rows) - len(full),
        "reasons": [(labels.get(k, k), n) for k, n in sorted(reasons.items())],
        "denominator": denominator,
        "threshold": threshold(denominator) if denominator > 0 else None,
        "present_all": sum(1 for r in rows if r.row.present),
    }


def _committee(congress: Congress) -> Committee | None:
    return (
        Committee.objects.filter(
            organization=congress.organization,
            body=body_for(congress.organization),
            term_start=congress.term_start,
        )
        .prefetch_related("positions__member")
        .first()
    )


def _forms(congress: Congress, today: Any, candidates: list[Any]) -> dict[str, forms.Form]:
    day = congress.held_on or congress.planned_on or today
    return {
        "plan_form": carry_version(
            PlanForm(
                initial={
                    "planned_on": congress.planned_on,
                    "kind": congress.kind,
                    "place": congress.place,
                }
            ),
            congress,
        ),
        "step_form": StepForm(initial={"on": today}),
        "convene_form": ConveneForm(initial={"day": congress.planned_on}),
        "document_form": DocumentForm(initial={"on": today}),
        "hold_form": HoldForm(initial={"held_on": congress.planned_on, "place": congress.place}),
        "election_form": ElectionForm(members=candidates),
        "install_form": InstallForm(initial={"on": day}),
        "approve_form": ApproveForm(initial={"on": today}),
        "cancel_form": CancelForm(),
        "number_form": ReportNumberForm(),
    }


def congress_context(
    request: HttpRequest,
    congress: Congress,
    bound: dict[str, forms.Form] | None = None,
    exclusion: tuple[ExclusionForm | None, int] = (None, 0),
) -> dict[str, Any]:
    user: Any = request.user
    today = timezone.localdate()
    may_edit = permissions.can_edit(user, congress) and congress.status != Status.CANCELLED
    preparing = congress.status == Status.PREPARING
    steps, next_step = _steps(congress)
    rows = _convened(user, congress, may_edit and preparing, *exclusion)
    candidates = [r.row.member for r in rows if r.row.full_member]
    elections = list(congress.elections.order_by("kind", "round"))
    held = congress.status in (Status.HELD, Status.APPROVED)
    seats, problems = planned_seats(congress) if held and elections else ([], [])
    committee = _committee(congress) if held else None
    context: dict[str, Any] = {
        "congress": congress,
        "organization": congress.organization,
        "steps": steps,
        "next_step": next_step,
        "rows": rows,
        "figures": _figures(congress, rows),
        "documents": list(congress.documents.all()),
        "elections": elections,
        "any_counted": any(e.status == ElectionStatus.COUNTED for e in elections),
        "seats": seats,
        "seat_problems": problems,
        "committee": committee,
        "may_edit": may_edit,
        "preparing": preparing,
        "held": held,
        "may_elect": may_edit and congress.status != Status.APPROVED,
        "may_install": may_edit and held and bool(seats) and not problems and committee is None,
        "may_approve": congress.status == Status.HELD and permissions.can_approve(user, congress),
        "history": history_entries(congress, fields=CONGRESS_HISTORY_FIELDS),
        **_forms(congress, today, candidates),
    }
    if next_step:
        context["step_form"] = StepForm(initial={"step": next_step, "on": today})
    from dangvu.congresses.views_delegates import delegates_context

    context.update(delegates_context(congress))
    context.update(bound or {})
    return context


@login_required
def congress_detail(request: HttpRequest, pk: int) -> HttpResponse:
    congress = congress_for(request, pk)
    return render(request, "congresses/detail.html", congress_context(request, congress))


# ---------------------------------------------------------------------------
# Actions


Act = Callable[[Congress, Any], Any]


def _action(
    request: HttpRequest,
    pk: int,
    name: str,
    make: Callable[[Congress], forms.Form],
    act: Act,
    done: Callable[[Any], str],
) -> HttpResponse:
    """Bind ``make``'s form, run ``act`` on success; otherwise the page with the form's errors."""
    congress = congress_for(request, pk, scope.EDIT)
    form = make(congress)
    if form.is_valid():
        try:
            outcome = act(congress, form)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, done(outcome))
            return redirect("congresses:detail", pk=congress.pk)
    context = congress_context(request, congress, {name: form})
    context["failed"] = name
    return render(request, "congresses/detail.html", context, status=form_status(form))


def _bind(form_class: type[forms.Form], request: HttpRequest) -> Callable[[Congress], forms.Form]:
    return lambda _congress: form_class(request.POST, request.FILES)


@login_required
@require_POST
def edit_plan(request: HttpRequest, pk: int) -> HttpResponse:
    return _action(
        request, pk, "plan_form",
        lambda congress: carry_version(PlanForm(request.POST), congress),
        lambda congress, form: save_unless_stale(form, congress, lambda: (
            services.update_congress_plan(request.user, congress, **form.cleaned_data)
        )),
        lambda _outcome: _("Đã lưu kế hoạch đại hội."),
    )  # fmt: skip


@login_required
@require_POST
def record_step(request: HttpRequest, pk: int) -> HttpResponse:
    return _action(
        request, pk, "step_form", _bind(StepForm, request),
        lambda congress, form: services.record_step(
            request.user, congress, form.cleaned_data["step"], form.cleaned_data["on"]
        ),
        lambda _outcome: _("Đã ghi ngày của bước."),
    )  # fmt: skip


@login_required
@require_POST
def convene(request: HttpRequest, pk: int) -> HttpResponse:
    return _action(
        request, pk, "convene_form", _bind(ConveneForm, request),
        lambda congress, form: services.convene(request.user, congress, form.cleaned_data["day"]),
        lambda n: _("Đã lập danh sách triệu tập: %(n)s đảng viên.") % {"n": n},
    )  # fmt: skip


@login_required
@require_POST
def set_exclusion(request: HttpRequest, pk: int, row_pk: int) -> HttpResponse:
    user: Any = request.user
    congress = congress_for(request, pk, scope.EDIT)
    row = Convened.objects.filter(congress=congress, pk=row_pk).select_related("congress").first()
    if row is None:
        raise Http404
    form = ExclusionForm(request.POST, prefix=_prefix(row.pk), kinds=allowed_exclusions(congress))
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.set_exclusion(user, row, data["exclusion"], data["note"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("Đã lưu trường hợp không tính của %(name)s.") % {"name": row}
            )
            return redirect("congresses:detail", pk=congress.pk)
    context = congress_context(request, congress, exclusion=(form, row.pk))
    context["failed"] = "exclusion"
    return render(request, "congresses/detail.html", context)


def _member_ids(values: list[str]) -> list[int] | None:
    try:
        return [int(value) for value in values]
    except (TypeError, ValueError, OverflowError):
        return None


@login_required
@require_POST
def record_presence(request: HttpRequest, pk: int) -> HttpResponse:
    congress = congress_for(request, pk, scope.EDIT)
    ids = _member_ids(request.POST.getlist("present"))
    if ids is None:
        messages.error(request, _("Danh sách có mặt không hợp lệ."))
        return redirect("congresses:detail", pk=congress.pk)
    try:
        services.record_presence(request.user, congress, ids)
    except ValidationError as exc:
        for error in exc.messages:
            messages.error(request, error)
    else:
        messages.success(request, _("Đã ghi danh sách có mặt."))
    return redirect(f"{congress_url(congress)}#convened")


def congress_url(congress: Congress) -> str:
    return reverse("congresses:detail", args=[congress.pk])


@login_required
@require_POST
def add_document(request: HttpRequest, pk: int) -> HttpResponse:
    return _action(
        request, pk, "document_form", _bind(DocumentForm, request),
        lambda congress, form: services.add_document(request.user, congress, **form.cleaned_data),
        lambda document: _("Đã thêm tài liệu “%(title)s”.") % {"title": document.title},
    )  # fmt: skip


@login_required
def download_document(request: HttpRequest, pk: int, document_pk: int) -> FileResponse:
    congress = congress_for(request, pk)
    return files.download(
        CongressDocument.objects.filter(congress=congress, pk=document_pk).first()
    )


@login_required
@require_POST
def hold(request: HttpRequest, pk: int) -> HttpResponse:
    return _action(
        request, pk, "hold_form", _bind(HoldForm, request),
        lambda congress, form: services.hold_congress(request.user, congress, **form.cleaned_data),
        lambda _outcome: _("Đã ghi nhận đại hội đã tổ chức."),
    )  # fmt: skip


def _election_form(request: HttpRequest) -> Callable[[Congress], forms.Form]:
    def make(congress: Congress) -> forms.Form:
        rows = congress.convened.filter(full_member=True).select_related("member")
        members = [row.member for row in rows.order_by("member__sort_key", "id")]
        return ElectionForm(request.POST, members=members)

    return make


def _create_election(request: HttpRequest) -> Act:
    def act(congress: Congress, form: Any) -> Election:
        data = form.cleaned_data
        return services.create_election(
            request.user,
            congress,
            kind=data["kind"],
            seats=data["seats"],
            candidates=form.candidates(),
            counting_board=data["counting_board"],
            list_decision=data["list_decision"],
        )

    return act


@login_required
@require_POST
def create_election(request: HttpRequest, pk: int) -> HttpResponse:
    congress = congress_for(request, pk, scope.EDIT)
    form = _election_form(request)(congress)
    if form.is_valid():
        try:
            election = _create_election(request)(congress, form)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã lập %(e)s.") % {"e": election.get_kind_display()})
            return redirect("congresses:election", pk=election.pk)
    context = congress_context(request, congress, {"election_form": form})
    context["failed"] = "election_form"
    return render(request, "congresses/detail.html", context)


@login_required
@require_POST
def install(request: HttpRequest, pk: int) -> HttpResponse:
    return _action(
        request, pk, "install_form", _bind(InstallForm, request),
        lambda congress, form: services.install_committee(
            request.user, congress, form.cleaned_data["on"]
        ),
        lambda committee: _("Đã kiện toàn %(c)s.") % {"c": committee},
    )  # fmt: skip


@login_required
@require_POST
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    return _action(
        request, pk, "approve_form", _bind(ApproveForm, request),
        lambda congress, form: services.approve_congress(
            request.user, congress, **form.cleaned_data
        ),
        lambda _outcome: _("Đã ghi quyết định chuẩn y kết quả đại hội."),
    )  # fmt: skip


@login_required
@require_POST
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    return _action(
        request, pk, "cancel_form", _bind(CancelForm, request),
        lambda congress, form: services.cancel_congress(
            request.user, congress, form.cleaned_data["reason"]
        ),
        lambda _outcome: _("Đã hủy đại hội."),
    )  # fmt: skip


@login_required
def result_docx(request: HttpRequest, pk: int) -> HttpResponse:
    congress = congress_for(request, pk)
    form = ReportNumberForm(request.GET)
    number = form.cleaned_data["number"] if form.is_valid() else ""
    content = documents.election_result_docx(congress, number)
    filename = documents.result_filename(congress)
    return logged_download(
        request,
        docx_response(content, filename),
        what=_("báo cáo kết quả bầu cử"),
        org_path=congress.org_path,
        organization=congress.organization,
        filename=filename,
    )
