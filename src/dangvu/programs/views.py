"""Programme pages: the list, a new programme, one programme with its tasks by body.

Thin views (STYLE.md): every read starts from ``visible_to``/``for_user``, every
write goes through ``programs.services``, and the templates only display. The
task page is in ``views_task``, the pages per body and person and the targets in
``views_body``, the review in ``views_review``; the helpers they share are here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dangvu.core import scope
from dangvu.core.forms import add_service_errors
from dangvu.core.paging import bounded_page, page_number
from dangvu.documents.models import Document
from dangvu.members.choices import ACTIVE_STATUSES
from dangvu.members.models import Member
from dangvu.organizations.models import Agency, Organization, Position
from dangvu.programs import figures as figures_module
from dangvu.programs import periods, services
from dangvu.programs.choices import FINISHED_STATUSES, OPEN_STATUSES, TaskStatus
from dangvu.programs.forms import (
    BodyChoices,
    PeopleChoices,
    ProgrammeFilterForm,
    ProgrammeForm,
    ReviewForm,
    TaskForm,
)
from dangvu.programs.models import PROGRAM_EDIT_ROLES, Programme, Review, Task

PROGRAMMES_PAGE = 50
CHOICES_LIMIT = 300
MEMBER_CHOICES_LIMIT = 1000
DOCUMENT_CHOICES_LIMIT = 200
STATUS_BADGES = {
    TaskStatus.NOT_STARTED: "badge-muted",
    TaskStatus.IN_PROGRESS: "badge-info",
    TaskStatus.DONE: "badge-success",
    TaskStatus.DONE_LATE: "badge-warning",
    TaskStatus.NOT_DONE: "badge-danger",
    TaskStatus.CARRIED_OVER: "badge-muted",
}


# ---------------------------------------------------------------------------
# Shared helpers


def programme_for(request: HttpRequest, pk: int, action: str = scope.VIEW) -> Programme:
    queryset = Programme.objects.select_related("organization", "document")
    programme: Programme = scope.for_user(request.user, queryset, pk, action)
    return programme


def task_for(request: HttpRequest, pk: int, action: str = scope.VIEW) -> Task:
    queryset = Task.objects.select_related(
        "programme__organization",
        "owner_org",
        "owner_agency",
        "responsible",
        "parent",
        "carried_from__programme",
        "resolution",
    )
    task: Task = scope.for_user(request.user, queryset, pk, action)
    return task


def edit_roots(user: Any) -> list[str] | None:
    """The subtrees where the user may write programmes (None: everywhere)."""
    return scope.role_subtrees(user, PROGRAM_EDIT_ROLES)


def may_create(user: Any) -> bool:
    roots = edit_roots(user)
    return roots is None or bool(roots)


@dataclass
class TaskRow:
    """A task as the lists show it: the deadline in words, overdue or not, its sub-tasks."""

    task: Task
    deadline_text: str
    overdue: bool
    due_soon: bool
    badge: str
    children: list[TaskRow] = field(default_factory=list)

    @property
    def body_name(self) -> str:
        return body_name(self.task)


def body_name(task: Task) -> str:
    if task.owner_org_id:
        return str(task.owner_org.name)  # type: ignore[union-attr]
    if task.owner_agency_id:
        return str(task.owner_agency.name)  # type: ignore[union-attr]
    return _("Chưa giao")


def task_row(task: Task, today: date) -> TaskRow:
    return TaskRow(
        task=task,
        deadline_text=periods.deadline_text(task.deadline, task.deadline_precision),
        overdue=periods.is_overdue(task.status, task.deadline, today),
        due_soon=periods.due_soon(task.status, task.deadline, today),
        badge=STATUS_BADGES.get(task.status, "badge-muted"),  # type: ignore[call-overload]
    )


@dataclass
class BodyGroup:
    """The tasks of one owning body in a programme."""

    name: str
    url: str
    rows: list[TaskRow]


def body_url(task: Task) -> str:
    if task.owner_org_id:
        return reverse("programs:body_org", args=[task.owner_org_id])
    if task.owner_agency_id:
        return reverse("programs:body_agency", args=[task.owner_agency_id])
    return ""


def grouped_by_body(tasks: Sequence[Task], today: date) -> list[BodyGroup]:
    """Top-level tasks grouped by their owning body (first seen first), sub-tasks nested."""
    rows = {task.pk: task_row(task, today) for task in tasks}
    groups: dict[str, BodyGroup] = {}
    for task in tasks:
        row = rows[task.pk]
        if task.parent_id and task.parent_id in rows:
            rows[task.parent_id].children.append(row)
            continue
        key = f"org:{task.owner_org_id}" if task.owner_org_id else f"agency:{task.owner_agency_id}"
        group = groups.setdefault(key, BodyGroup(body_name(task), body_url(task), []))
        group.rows.append(row)
    return list(groups.values())


def body_choices(programme: Programme) -> BodyChoices:
    """The party organisations of the programme's subtree and their agencies: 2 queries."""
    path = programme.org_path
    organizations = Organization.objects.filter(
        scope.subtree_q("path", path), ended_on__isnull=True
    ).order_by("path")[:CHOICES_LIMIT]
    agencies = Agency.objects.filter(scope.subtree_q("org_path", path)).order_by(
        "org_path", "name"
    )[:CHOICES_LIMIT]
    return BodyChoices(organizations, agencies)


def people_choices(programme: Programme, current: Any = None) -> PeopleChoices:
    """Committee members of the subtree first, then its other members (bounded): 2 queries."""
    path = programme.org_path
    positions = (
        Position.objects.filter(scope.subtree_q("org_path", path), end_date__isnull=True)
        .select_related("member")
        .order_by("member__sort_key", "member_id")
    )
    committee: dict[int, Member] = {}
    for position in positions:
        committee.setdefault(position.member_id, position.member)
    others = list(
        Member.objects.filter(
            scope.subtree_q("org_path", path), status__in=ACTIVE_STATUSES
        ).order_by("sort_key", "id")[:MEMBER_CHOICES_LIMIT]
    )
    if current is not None and current.pk not in committee:
        others.append(current)
    return PeopleChoices(list(committee.values()), others)


def document_choices(user: Any) -> list[Document]:
    """The latest documents the user can see, to link to a programme or a task: 1 query."""
    return list(
        Document.objects.visible_to(user).order_by("-issued_on", "-id")[:DOCUMENT_CHOICES_LIMIT]
    )


def task_form(
    programme: Programme, user: Any, data: Any = None, *, task: Task | None = None, **kwargs: Any
) -> TaskForm:
    parents = [
        t
        for t in programme.tasks.filter(parent__isnull=True).order_by("order", "id")
        if task is None or t.pk != task.pk
    ]
    return TaskForm(
        data,
        bodies=body_choices(programme),
        people=people_choices(programme, task.responsible if task else None),
        parents=parents,
        documents=document_choices(user),
        **kwargs,
    )


def later_programmes(programme: Programme) -> list[Programme]:
    return list(
        Programme.objects.filter(
            organization_id=programme.organization_id, starts_on__gt=programme.starts_on
        ).order_by("starts_on", "ends_on")[:CHOICES_LIMIT]
    )


# ---------------------------------------------------------------------------
# The list


def _filter_organizations(user: Any) -> list[Organization]:
    """The organisations that have programmes the user can see: 1 query."""
    ids = Programme.objects.visible_to(user).values("organization_id")
    return list(Organization.objects.filter(pk__in=ids).order_by("path")[:CHOICES_LIMIT])


def _with_counts(programmes: QuerySet[Programme], today: date) -> QuerySet[Programme]:
    top = Q(tasks__parent__isnull=True)
    return programmes.annotate(
        task_count=Count("tasks", filter=top),
        key_count=Count("tasks", filter=top & Q(tasks__is_key=True)),
        finished_count=Count("tasks", filter=top & Q(tasks__status__in=FINISHED_STATUSES)),
        overdue_count=Count(
            "tasks",
            filter=top & Q(tasks__status__in=OPEN_STATUSES, tasks__deadline__lt=today),
        ),
    )


@login_required
def programme_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    today = timezone.localdate()
    form = ProgrammeFilterForm(request.GET or None, organizations=_filter_organizations(user))
    programmes: Any = Programme.objects.visible_to(user).select_related("organization")
    if form.is_bound and form.is_valid():
        if form.cleaned_data["organization"]:
            programmes = programmes.filter(organization_id=form.cleaned_data["organization"])
        period = form.cleaned_data["period"]
        if period:
            programmes = programmes.filter(
                starts_on__gte=period.starts_on, ends_on__lte=period.ends_on
            )
    elif form.is_bound:
        programmes = programmes.none()
    programmes = _with_counts(programmes, today).order_by("-starts_on", "ends_on", "org_path")
    context = {
        "form": form,
        "page": bounded_page(programmes, page_number(request), PROGRAMMES_PAGE),
        "may_create": may_create(user),
    }
    return render(request, "programs/list.html", context)


# ---------------------------------------------------------------------------
# A new programme


def _programme_form(user: Any, data: Any = None) -> ProgrammeForm:
    roots = edit_roots(user)
    organizations = Organization.objects.filter(
        scope.subtrees_q("path", roots), ended_on__isnull=True
    ).order_by("path")[:CHOICES_LIMIT]
    initial = {"organization": organizations[0].pk} if roots and len(roots) == 1 else {}
    return ProgrammeForm(
        data,
        organizations=list(organizations),
        documents=document_choices(user),
        initial=initial,
    )


@login_required
def programme_create(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if not may_create(user):
        raise PermissionDenied
    form = _programme_form(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            programme = services.create_programme(user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã lập %(title)s.") % {"title": programme.title})
            return redirect("programs:detail", pk=programme.pk)
    return render(request, "programs/programme_form.html", {"form": form})


# ---------------------------------------------------------------------------
# One programme


def _review_of(programme: Programme) -> Review | None:
    return Review.objects.filter(programme=programme).first()


def detail_context(
    request: HttpRequest, programme: Programme, bound: dict[str, forms.Form] | None = None
) -> dict[str, Any]:
    user: Any = request.user
    today = timezone.localdate()
    tasks = list(
        Task.objects.visible_to(user)
        .filter(programme=programme)
        .select_related("owner_org", "owner_agency", "responsible")
        .order_by("order", "id")
    )
    may_edit = scope.can(user, scope.EDIT, programme)
    review = _review_of(programme)
    context: dict[str, Any] = {
        "programme": programme,
        "groups": grouped_by_body(tasks, today),
        "figures": figures_module.review_figures(programme, today),
        "review": review,
        "may_edit": may_edit,
        "today": today,
    }
    if may_edit:
        context["task_form"] = task_form(programme, user)
        if review is None:
            context["review_form"] = review_form(programme, initial={"held_on": today})
    context.update(bound or {})
    return context


def review_form(programme: Programme, data: Any = None, **kwargs: Any) -> ReviewForm:
    from dangvu.meetings.models import Meeting

    meetings = Meeting.objects.filter(
        organization_id=programme.organization_id, date__gte=programme.starts_on
    ).order_by("-date")[:CHOICES_LIMIT]
    return ReviewForm(
        data, meetings=list(meetings), programmes=later_programmes(programme), **kwargs
    )


@login_required
def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    programme = programme_for(request, pk)
    return render(request, "programs/detail.html", detail_context(request, programme))


def _programme_action(
    request: HttpRequest,
    pk: int,
    name: str,
    make: Callable[[Programme], forms.Form],
    act: Callable[[Programme, Any], Any],
    done: Callable[[Any], tuple[str, str]],
) -> HttpResponse:
    """Bind the form, run ``act``; on error the programme page with the form's errors."""
    programme = programme_for(request, pk, scope.EDIT)
    form = make(programme)
    if form.is_valid():
        try:
            outcome = act(programme, form)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            message, url = done(outcome)
            messages.success(request, message)
            return redirect(url)
    context = detail_context(request, programme, {name: form})
    context["failed"] = name
    return render(request, "programs/detail.html", context)


@login_required
@require_POST
def add_task(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    return _programme_action(
        request, pk, "task_form",
        lambda programme: task_form(programme, user, request.POST),
        lambda programme, form: services.add_task(user, programme, **form.service_fields()),
        lambda task: (
            _("Đã thêm nhiệm vụ “%(title)s”.") % {"title": task.title},
            reverse("programs:detail", args=[task.programme_id]) + f"#task-{task.pk}",
        ),
    )  # fmt: skip


@login_required
@require_POST
def review_create(request: HttpRequest, pk: int) -> HttpResponse:
    from dangvu.programs import services_reviews

    user: Any = request.user
    return _programme_action(
        request, pk, "review_form",
        lambda programme: review_form(programme, request.POST),
        lambda programme, form: services_reviews.open_review(
            user, programme, **form.cleaned_data
        ),
        lambda review: (
            _("Đã mở sơ kết chương trình."),
            reverse("programs:review", args=[review.pk]),
        ),
    )  # fmt: skip
