"""Admission pages: candidates and their steps, the ceremony, recognition, targets, courses.

Thin views (STYLE.md): every read starts from ``visible_to``/``for_user``, every
write goes through ``admissions.services``, and the templates only display.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dangvu.admissions import documents, rules, services
from dangvu.admissions.choices import STAGE_ORDER, Stage
from dangvu.admissions.filters import CandidateFilterSet
from dangvu.admissions.forms import (
    AdmitForm,
    CandidateForm,
    CourseForm,
    RecognitionForm,
    StepForm,
    TargetForm,
    WithdrawForm,
)
from dangvu.admissions.models import AwarenessCourse, Candidate
from dangvu.admissions.stats import target_rows
from dangvu.core import scope
from dangvu.core.downloads import logged_download
from dangvu.core.forms import (
    add_service_errors,
    carry_version,
    form_status,
    unchanged_since_opened,
)
from dangvu.members.choices import ACTIVE_STATUSES, Status
from dangvu.members.models import Member
from dangvu.organizations.models import Organization

LIST_LIMIT = 200
EDIT_ROLES: frozenset[str] = Candidate.scope_edit_roles


def _may_edit_somewhere(user: Any) -> bool:
    return bool(user.is_superuser) or any(g.role in EDIT_ROLES for g in scope.grants(user))


def _editable_q(user: Any, field: str) -> Q:
    """Rows under an organisation where the user may write candidates."""
    if user.is_superuser:
        return Q()
    query = Q(pk__in=[])
    for grant in scope.grants(user):
        if grant.role in EDIT_ROLES:
            query |= scope.subtree_q(field, grant.path)
    return query


def _editable_cells(user: Any) -> QuerySet[Organization]:
    return (
        Organization.objects.cells()
        .filter(_editable_q(user, "path"), ended_on__isnull=True)
        .order_by("path")
    )


def _introducers(user: Any, cell: Organization | None = None) -> QuerySet[Member]:
    members = Member.objects.visible_to(user).filter(status__in=ACTIVE_STATUSES)
    if cell is not None:
        members = members.filter(scope.subtree_q("org_path", cell.path))
    return members.filter(_editable_q(user, "org_path")).order_by("sort_key", "birth_date", "id")


def _candidate(request: HttpRequest, pk: int, action: str = scope.VIEW) -> Candidate:
    queryset = Candidate.objects.select_related("cell", "course", "member", "previous_member")
    return scope.for_user(request.user, queryset, pk, action)


# ---------------------------------------------------------------------------
# The list


@login_required
def candidate_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    visible = Candidate.objects.visible_to(user)
    filterset = CandidateFilterSet(request.GET, queryset=visible)
    valid = filterset.is_valid()
    found = filterset.qs if valid else Candidate.objects.none()
    rows = list(found.select_related("cell").order_by("sort_key", "id")[: LIST_LIMIT + 1])
    unstaged = {k: v for k, v in request.GET.items() if k != "stage"}
    stage_base = CandidateFilterSet(unstaged, queryset=visible)
    counted = stage_base.qs if stage_base.is_valid() else Candidate.objects.none()
    counts = dict(counted.order_by().values_list("stage").annotate(n=Count("id")))
    context = {
        "rows": rows[:LIST_LIMIT],
        "truncated": len(rows) > LIST_LIMIT,
        "filter_errors": [] if valid else [str(e) for e in filterset.form.errors.values()],
        "stages": [(value, label, counts.get(value, 0)) for value, label in Stage.choices],
        "cells": list(Organization.objects.cells().visible_to(user).order_by("path")[:300]),
        "current": {
            "search": request.GET.get("search", ""),
            "cell": request.GET.get("cell", ""),
            "stage": request.GET.get("stage", ""),
        },
        "may_edit": _may_edit_somewhere(user),
    }
    return render(request, "admissions/list.html", context)


# ---------------------------------------------------------------------------
# The candidate's profile


def _saved(request: HttpRequest, candidate: Candidate) -> HttpResponse:
    messages.success(request, _("Đã lưu hồ sơ %(name)s.") % {"name": candidate.full_name})
    return redirect("admissions:detail", pk=candidate.pk)


@login_required
def create(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if not _may_edit_somewhere(user):
        raise PermissionDenied
    cells = _editable_cells(user)
    if request.method == "POST":
        form = CandidateForm(request.POST, cells=cells, introducers=_introducers(user))
        if form.is_valid():
            try:
                candidate = services.propose_candidate(
                    actor=user,
                    cell=form.cleaned_data["cell"],
                    data=form.profile_data(),
                    introducers=list(form.cleaned_data["introducers"]),
                    proposed_on=form.cleaned_data["proposed_on"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                return _saved(request, candidate)
    else:
        initial_cell = cells.filter(code=request.GET.get("cell", "")).first()
        form = CandidateForm(
            cells=cells,
            introducers=_introducers(user, initial_cell),
            initial={"cell": initial_cell, "ethnicity": "Kinh", "religion": "Không"},
        )
    return render(request, "admissions/form.html", {"form": form, "candidate": None})


@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    candidate = _candidate(request, pk, scope.EDIT)
    initial = {f: getattr(candidate, f) for f in services.CANDIDATE_FIELDS}
    initial["introducers"] = list(candidate.introducers.all())
    introducers = _introducers(user, candidate.cell)
    if request.method == "POST":
        form = CandidateForm(request.POST, initial=initial, introducers=introducers)
        carry_version(form, candidate)
        if form.is_valid():
            changes = {
                k: form.cleaned_data[k] for k in form.changed_data if k in services.CANDIDATE_FIELDS
            }
            try:
                with unchanged_since_opened(form, candidate):
                    services.update_candidate(
                        candidate,
                        actor=user,
                        changes=changes,
                        introducers=list(form.cleaned_data["introducers"]),
                    )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                return _saved(request, candidate)
    else:
        form = carry_version(CandidateForm(initial=initial, introducers=introducers), candidate)
    context = {"form": form, "candidate": candidate}
    return render(request, "admissions/form.html", context, status=form_status(form))


def _courses(user: Any) -> QuerySet[AwarenessCourse]:
    return AwarenessCourse.objects.visible_to(user).order_by("-start_date")[:100]


def _step_form(user: Any, candidate: Candidate, data: Any = None) -> StepForm | None:
    following = rules.next_stage(candidate.stage)
    if following is None or following == Stage.CEREMONY_HELD:
        return None
    return StepForm(data, stage=following, courses=_courses(user))


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    candidate = _candidate(request, pk)
    may_edit = scope.can(user, scope.EDIT, candidate)
    return _detail(request, candidate, may_edit, _step_form(user, candidate) if may_edit else None)


def _detail(
    request: HttpRequest, candidate: Candidate, may_edit: bool, step_form: StepForm | None
) -> HttpResponse:
    user: Any = request.user
    steps = list(candidate.steps.order_by("date", "id"))
    decision = next((s for s in reversed(steps) if s.stage == Stage.ADMISSION_DECISION), None)
    following = rules.next_stage(candidate.stage)
    context = {
        "candidate": candidate,
        "steps": steps,
        "stage_order": [Stage(s).label for s in STAGE_ORDER],
        "introducers": list(candidate.introducers.all()),
        "may_edit": may_edit,
        "sees_sensitive": scope.can_in_subtree(user, scope.SENSITIVE_ROLES, candidate.org_path),
        "step_form": step_form,
        "next_label": Stage(following).label if following else "",
        "may_admit": may_edit and candidate.stage == Stage.ADMISSION_DECISION,
        "ceremony_due": rules.ceremony_due(decision.date) if decision else None,
        "may_withdraw": may_edit and rules.may_move(candidate.stage, Stage.WITHDRAWN),
        "withdraw_form": WithdrawForm(),
        "certificate_expires": (
            rules.certificate_expires(
                candidate.certificate_date, services.certificate_valid_months()
            )
            if candidate.certificate_date
            else None
        ),
        "has_decision": decision is not None,
    }
    return render(request, "admissions/detail.html", context)


@login_required
@require_POST
def step(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    candidate = _candidate(request, pk, scope.EDIT)
    form = _step_form(user, candidate, request.POST)
    if form is None:
        messages.error(request, _("Quần chúng này không còn bước nào để ghi."))
        return redirect("admissions:detail", pk=candidate.pk)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.advance_candidate(
                candidate,
                actor=user,
                stage=data["stage"],
                date=data["date"],
                decided_by=data["decided_by"],
                document_number=data["document_number"],
                course=data.get("course"),
                certificate_date=data.get("certificate_date"),
                certificate_number=data.get("certificate_number", ""),
                note=data["note"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("Đã ghi bước “%(stage)s”.") % {"stage": Stage(data["stage"]).label}
            )
            return redirect("admissions:detail", pk=candidate.pk)
    candidate.refresh_from_db()
    return _detail(request, candidate, True, form)


@login_required
@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    candidate = _candidate(request, pk, scope.EDIT)
    form = WithdrawForm(request.POST)
    if form.is_valid():
        try:
            services.withdraw_candidate(
                candidate,
                actor=user,
                date=form.cleaned_data["date"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
    for error in form.errors.values():
        messages.error(request, " ".join(str(e) for e in error))
    return redirect("admissions:detail", pk=candidate.pk)


@login_required
def admit(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    candidate = _candidate(request, pk, scope.EDIT)
    form = AdmitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            member = services.admit_candidate(
                candidate,
                actor=user,
                ceremony_date=form.cleaned_data["ceremony_date"],
                card_number=form.cleaned_data["card_number"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Đã kết nạp %(name)s; hết dự bị ngày %(day)s.")
                % {
                    "name": member.full_name,
                    "day": rules.probation_end(form.cleaned_data["ceremony_date"]).strftime(
                        "%d/%m/%Y"
                    ),
                },
            )
            return redirect("members:detail", pk=member.pk)
    return render(request, "admissions/admit.html", {"form": form, "candidate": candidate})


@login_required
def admission_decision_docx(request: HttpRequest, pk: int) -> HttpResponse:
    candidate = _candidate(request, pk)
    step_ = candidate.steps.filter(stage=Stage.ADMISSION_DECISION).order_by("-date").first()
    if step_ is None:
        raise Http404
    filename = f"quyet-dinh-ket-nap-{candidate.pk}.docx"
    return logged_download(
        request,
        documents.docx_response(documents.admission_decision(candidate, step_), filename),
        what=_("quyết định kết nạp"),
        org_path=candidate.org_path,
        filename=filename,
    )


# ---------------------------------------------------------------------------
# Recognition


def _probationary(request: HttpRequest, member_pk: int, action: str) -> Member:
    member: Member = scope.for_user(
        request.user, Member.objects.select_related("cell"), member_pk, action
    )
    return member


@login_required
def recognise(request: HttpRequest, member_pk: int) -> HttpResponse:
    user: Any = request.user
    member = _probationary(request, member_pk, scope.EDIT)
    form = RecognitionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        common = {
            "actor": user,
            "meeting_date": data["meeting_date"],
            "decided_by": data["decided_by"],
            "decision_number": data["decision_number"],
            "decision_date": data["decision_date"],
        }
        try:
            if data["outcome"] == RecognitionForm.REFUSE:
                services.refuse_recognition(member, reason=data["reason"], **common)
            else:
                services.recognise_member(member, **common)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("Đã ghi kết quả xét của %(name)s.") % {"name": member.full_name}
            )
            return redirect("members:detail", pk=member.pk)
    context = {
        "form": form,
        "member": member,
        "is_probationary": member.status == Status.PROBATIONARY and member.ceremony_date,
        "probation_end": rules.probation_end(member.ceremony_date)
        if member.ceremony_date
        else None,
        "recognition_due": (
            rules.recognition_due(member.ceremony_date) if member.ceremony_date else None
        ),
    }
    return render(request, "admissions/recognise.html", context)


@login_required
def recognition_decision_docx(request: HttpRequest, member_pk: int) -> HttpResponse:
    member = _probationary(request, member_pk, scope.VIEW)
    event = member.events.filter(kind="recognition", cancelled=False).order_by("-id").first()
    if event is None:
        raise Http404
    filename = f"quyet-dinh-cong-nhan-{member.pk}.docx"
    return logged_download(
        request,
        documents.docx_response(documents.recognition_decision(member, event), filename),
        what=_("quyết định công nhận đảng viên chính thức"),
        org_path=member.org_path,
        member=member,
        filename=filename,
    )


# ---------------------------------------------------------------------------
# Targets


def _year(request: HttpRequest) -> int:
    try:
        return min(2200, max(1900, int(request.GET.get("year", ""))))
    except ValueError:
        return date.today().year


def _root(request: HttpRequest) -> Organization | None:
    user: Any = request.user
    visible = Organization.objects.visible_to(user)
    org_id = request.GET.get("organization", "")
    if org_id:
        try:
            return visible.get(pk=int(org_id))
        except (ValueError, Organization.DoesNotExist) as exc:
            raise Http404 from exc
    tops = [g.organization_id for g in scope.grants(user) if g.role != "member"]
    query = visible.filter(pk__in=tops) if not user.is_superuser else visible
    return query.order_by("path").first()


@login_required
def targets(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    root, year = _root(request), _year(request)
    if request.method == "POST":
        return _save_target(request, root, year)
    cells = Organization.objects.cells().visible_to(user)
    rows = target_rows(root, year, cells.filter(scope.subtree_q("path", root.path))) if root else []
    editable = {c.pk for c in _editable_cells(user).filter(pk__in=[r.cell.pk for r in rows])}
    context = {
        "root": root,
        "year": year,
        "rows": rows,
        "editable": editable if _may_edit_targets(user) else set(),
        "total_target": sum(r.target or 0 for r in rows),
        "total_admitted": sum(r.admitted for r in rows),
    }
    return render(request, "admissions/targets.html", context)


def _may_edit_targets(user: Any) -> bool:
    # Targets are set by the committee's office (staff), not by the cells themselves.
    return bool(user.is_superuser) or any(g.role == "staff" for g in scope.grants(user))


def _save_target(request: HttpRequest, root: Organization | None, year: int) -> HttpResponse:
    user: Any = request.user
    form = TargetForm(request.POST)
    if not form.is_valid():
        for error in form.errors.values():
            messages.error(request, " ".join(str(e) for e in error))
        return redirect(request.get_full_path())
    cell = scope.for_user(user, Organization.objects.cells(), form.cleaned_data["cell"], scope.EDIT)
    try:
        # A page that showed no value to compare (an older page) sets it outright.
        shown = form.cleaned_data["shown"] if "shown" in request.POST else services.UNSEEN
        services.set_admission_target(
            cell, year, form.cleaned_data["target"], actor=user, shown=shown
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Đã lưu chỉ tiêu của %(cell)s.") % {"cell": cell.name})
    return redirect(request.get_full_path())


# ---------------------------------------------------------------------------
# Awareness courses


@login_required
def courses(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    rows = list(
        AwarenessCourse.objects.visible_to(user)
        .select_related("organization")
        .annotate(n=Count("candidates"))
        .order_by("-start_date", "id")[:LIST_LIMIT]
    )
    may_create = bool(user.is_superuser) or any(g.role == "staff" for g in scope.grants(user))
    return render(request, "admissions/courses.html", {"rows": rows, "may_create": may_create})


@login_required
def course_create(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    organizations = Organization.objects.editable_by(user).order_by("path")
    if not (user.is_superuser or any(g.role == "staff" for g in scope.grants(user))):
        raise PermissionDenied
    form = CourseForm(request.POST or None, organizations=organizations)
    if request.method == "POST" and form.is_valid():
        try:
            services.create_awareness_course(actor=user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã thêm lớp nhận thức về Đảng."))
            return redirect("admissions:courses")
    return render(request, "admissions/course_form.html", {"form": form})
