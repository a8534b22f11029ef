"""The tasks of one body (a party organisation or an agency) and of one person, and the
targets (chỉ tiêu) of an organisation for a year.

"Rõ người, rõ việc, rõ thời gian": a body's office and a responsible member
each see, in one list, what they were given in every programme, by when and
how far it has gone.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dangvu.core import scope
from dangvu.core.forms import add_service_errors
from dangvu.core.paging import bounded_page, page_number
from dangvu.members.models import Member
from dangvu.organizations.models import Agency, Organization
from dangvu.programs import services, targets
from dangvu.programs.choices import OPEN_STATUSES, TargetSource
from dangvu.programs.forms import RefreshForm, TargetFilterForm, TargetForm, TargetValueForm
from dangvu.programs.models import PROGRAM_EDIT_ROLES, Target, Task
from dangvu.programs.views import CHOICES_LIMIT, task_row

TASKS_PAGE = 100
MIN_YEAR, MAX_YEAR = 1930, 2200


def _task_page(request: HttpRequest, tasks: QuerySet[Task]) -> dict[str, Any]:
    """One page of a body's or a person's tasks, latest programmes first: 2 queries."""
    today = timezone.localdate()
    ordered = tasks.select_related("programme").order_by(
        "-programme__starts_on", "programme_id", "order", "id"
    )
    page = bounded_page(ordered, page_number(request), TASKS_PAGE)
    rows = [task_row(task, today) for task in page.rows]
    return {
        "page": page,
        "rows": rows,
        "open_count": sum(1 for row in rows if row.task.status in OPEN_STATUSES),
        "overdue_count": sum(1 for row in rows if row.overdue),
    }


@login_required
def body_org(request: HttpRequest, pk: int) -> HttpResponse:
    organization: Organization = scope.for_user(
        request.user, Organization.objects.select_related("parent"), pk
    )
    tasks = services.tasks_for_body(request.user, organization=organization)
    context = {
        "title": organization.name,
        "kind_label": _("Tổ chức đảng chủ trì"),
        "show_body": False,
        **_task_page(request, tasks),
    }
    return render(request, "programs/tasks_of.html", context)


@login_required
def body_agency(request: HttpRequest, pk: int) -> HttpResponse:
    agency: Agency = scope.for_user(request.user, Agency.objects.select_related("organization"), pk)
    tasks = services.tasks_for_body(request.user, agency=agency)
    context = {
        "title": agency.name,
        "kind_label": agency.get_kind_display(),
        "subtitle": agency.organization.name,
        "show_body": False,
        **_task_page(request, tasks),
    }
    return render(request, "programs/tasks_of.html", context)


@login_required
def person(request: HttpRequest, member_id: int) -> HttpResponse:
    member: Member = scope.for_user(request.user, Member.objects.select_related("cell"), member_id)
    tasks = services.tasks_for_person(request.user, member)
    context = {
        "title": member.full_name,
        "kind_label": _("Người chịu trách nhiệm"),
        "subtitle": member.cell.name if member.cell_id else "",
        "show_body": True,
        "member": member,
        **_task_page(request, tasks),
    }
    return render(request, "programs/tasks_of.html", context)


# ---------------------------------------------------------------------------
# Targets


def _target_organizations(user: Any) -> list[Organization]:
    """The user's own organisations and those with targets the user sees: 1 query."""
    own = {g.organization_id for g in scope.grants(user) if g.role != "member"}
    with_targets = Target.objects.visible_to(user).values("organization_id")
    found = Organization.objects.filter(pk__in=own) | Organization.objects.filter(
        pk__in=with_targets
    )
    return list(found.order_by("path")[:CHOICES_LIMIT])


def _number(text: str | None, low: int, high: int) -> int | None:
    """A whole number from the address (``?year=``, ``?organization=``), None if not one."""
    try:
        value = int(text or "")
    except ValueError:
        return None
    return value if low <= value <= high else None


def _choice(request: HttpRequest) -> tuple[TargetFilterForm, Organization | None, int]:
    """The organisation and year asked for (404 out of scope), else the user's first, this year."""
    user: Any = request.user
    organizations = _target_organizations(user)
    year = _number(request.GET.get("year"), MIN_YEAR, MAX_YEAR) or timezone.localdate().year
    pk = _number(request.GET.get("organization"), 1, 2**63 - 1)
    if pk is None and organizations:
        pk = organizations[0].pk
    organization: Organization | None = None
    if pk is not None:
        organization = scope.for_user(user, Organization.objects.all(), pk)
        if organization not in organizations:
            organizations.insert(0, organization)
    initial = {"organization": pk, "year": year}
    return TargetFilterForm(initial=initial, organizations=organizations), organization, year


def targets_context(
    request: HttpRequest, organization: Organization | None, year: int, bound: dict[str, Any]
) -> dict[str, Any]:
    user: Any = request.user
    may_edit = organization is not None and scope.can_in_subtree(
        user, PROGRAM_EDIT_ROLES, organization.path
    )
    found: list[Target] = []
    if organization is not None:
        found = list(
            Target.objects.visible_to(user)
            .filter(organization=organization, year=year)
            .select_related("document")
            .order_by("order", "id")
        )
    rows = targets.target_rows(found)
    value_forms = {
        row.target.pk: bound.get(f"value-{row.target.pk}")
        or TargetValueForm(
            auto_id=f"id_v{row.target.pk}_%s", initial={"measured_on": timezone.localdate()}
        )
        for row in rows
        if row.target.source == TargetSource.MANUAL
    }
    return {
        "organization": organization,
        "year": year,
        "rows": [(row, value_forms.get(row.target.pk)) for row in rows],
        "may_edit": may_edit,
        "target_form": bound.get("target_form") or TargetForm(),
        "refresh_form": bound.get("refresh_form")
        or RefreshForm(initial={"as_of": timezone.localdate()}),
        "has_computed": any(row.target.source != TargetSource.MANUAL for row in rows),
        "failed": bound.get("failed", ""),
    }


@login_required
def target_list(request: HttpRequest) -> HttpResponse:
    form, organization, year = _choice(request)
    context = {"filter_form": form, **targets_context(request, organization, year, {})}
    return render(request, "programs/targets.html", context)


def _targets_url(organization: Organization, year: int) -> str:
    query = urlencode({"organization": organization.pk, "year": year})
    return f"{reverse('programs:targets')}?{query}"


def _edit_choice(request: HttpRequest) -> tuple[TargetFilterForm, Organization, int]:
    form, organization, year = _choice(request)
    if organization is None:
        raise Http404
    if not scope.can_in_subtree(request.user, PROGRAM_EDIT_ROLES, organization.path):
        raise PermissionDenied
    return form, organization, year


def _again(
    request: HttpRequest,
    filter_form: TargetFilterForm,
    organization: Organization,
    year: int,
    bound: dict[str, Any],
) -> HttpResponse:
    context = {"filter_form": filter_form, **targets_context(request, organization, year, bound)}
    return render(request, "programs/targets.html", context)


@login_required
@require_POST
def add_target(request: HttpRequest) -> HttpResponse:
    filter_form, organization, year = _edit_choice(request)
    form = TargetForm(request.POST)
    if form.is_valid():
        try:
            services.add_target(
                request.user, organization=organization, year=year, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã thêm chỉ tiêu."))
            return redirect(_targets_url(organization, year))
    bound = {"target_form": form, "failed": "target_form"}
    return _again(request, filter_form, organization, year, bound)


@login_required
@require_POST
def record_value(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    target: Target = scope.for_user(user, Target.objects.select_related("organization"), pk)
    organization, year = target.organization, target.year
    if not scope.can_in_subtree(user, PROGRAM_EDIT_ROLES, organization.path):
        raise PermissionDenied
    form = TargetValueForm(request.POST, auto_id=f"id_v{target.pk}_%s")
    if form.is_valid():
        try:
            services.record_target_value(user, target, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã ghi kết quả thực hiện “%(name)s”.") % {"name": target})
            return redirect(_targets_url(organization, year))
    filter_form = TargetFilterForm(
        initial={"organization": organization.pk, "year": year}, organizations=[organization]
    )
    bound = {f"value-{target.pk}": form, "failed": f"value-{target.pk}"}
    return _again(request, filter_form, organization, year, bound)


@login_required
@require_POST
def refresh(request: HttpRequest) -> HttpResponse:
    filter_form, organization, year = _edit_choice(request)
    form = RefreshForm(request.POST)
    if form.is_valid():
        try:
            values = services.refresh_computed(
                request.user, organization, year, as_of=form.cleaned_data["as_of"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("Đã tính lại %(n)s chỉ tiêu từ dữ liệu.") % {"n": len(values)}
            )
            return redirect(_targets_url(organization, year))
    bound = {"refresh_form": form, "failed": "refresh_form"}
    return _again(request, filter_form, organization, year, bound)
