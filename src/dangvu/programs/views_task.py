"""The page of one task and its actions: edit, progress, complete, not done, reopen,
carry over, evidence files.

Reporting (progress, completion, not done, reopening) is open to whoever
``services.can_report`` allows — the programme's office, the owning body's, the
responsible member; the structure (editing, carrying over, files) to the
programme's office. Each form posts to its own address; when the form or the
service refuses, the page comes back with that form bound and its errors.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dangvu.core import files, scope
from dangvu.core.forms import add_service_errors, carry_version, form_status, save_unless_stale
from dangvu.core.history import history_entries
from dangvu.documents import access
from dangvu.programs import services
from dangvu.programs.choices import FINISHED_STATUSES, OPEN_STATUSES, TaskStatus
from dangvu.programs.forms import (
    CarryOverForm,
    CompleteForm,
    NotDoneForm,
    ProgressForm,
    ReopenForm,
    TaskFileForm,
    task_initial,
)
from dangvu.programs.models import Task, TaskFile
from dangvu.programs.views import body_url, later_programmes, task_for, task_form, task_row

TASK_HISTORY_FIELDS = (
    "title",
    "status",
    "progress",
    "deadline",
    "deadline_precision",
    "owner_org",
    "owner_agency",
    "responsible",
    "completed_on",
    "result_note",
    "evidence",
    "is_key",
    "weight",
)
REOPENABLE = frozenset({*FINISHED_STATUSES, TaskStatus.NOT_DONE})
CARRIABLE = frozenset({*OPEN_STATUSES, TaskStatus.NOT_DONE})


def _permissions(user: Any, task: Task, has_children: bool) -> dict[str, bool]:
    structure = scope.can(user, scope.EDIT, task.programme)
    report = services.can_report(user, task)
    is_open = task.status in OPEN_STATUSES
    return {
        "may_edit": structure and is_open,
        "may_progress": report and is_open and not has_children,
        "may_complete": report and is_open,
        "may_not_done": report and is_open,
        "may_reopen": report and task.status in REOPENABLE,
        "may_carry": structure and task.status in CARRIABLE,
        "may_file": structure,
    }


def _forms(user: Any, task: Task, allowed: dict[str, bool]) -> dict[str, forms.Form]:
    today = timezone.localdate()
    found: dict[str, forms.Form] = {
        "progress_form": ProgressForm(initial={"progress": task.progress}),
        "complete_form": CompleteForm(initial={"completed_on": today}),
        "not_done_form": NotDoneForm(),
        "reopen_form": ReopenForm(),
        "file_form": TaskFileForm(),
    }
    if allowed["may_edit"]:
        found["edit_form"] = carry_version(
            task_form(task.programme, user, task=task, initial=task_initial(task), prefix="edit"),
            task,
        )
    if allowed["may_carry"]:
        found["carry_form"] = CarryOverForm(programmes=later_programmes(task.programme))
    return found


def task_context(
    request: HttpRequest, task: Task, bound: dict[str, forms.Form] | None = None
) -> dict[str, Any]:
    user: Any = request.user
    today = timezone.localdate()
    children = list(
        task.sub_tasks.select_related("owner_org", "owner_agency", "responsible").order_by(
            "order", "id"
        )
    )
    allowed = _permissions(user, task, bool(children))
    carried_to = Task.objects.filter(carried_from=task).select_related("programme").first()
    context: dict[str, Any] = {
        "task": task,
        "row": task_row(task, today),
        "programme": task.programme,
        "sees_programme": scope.can(user, scope.VIEW, task.programme),
        "body_url": body_url(task),
        "children": [task_row(child, today) for child in children],
        "collaborators": [
            *task.collaborator_orgs.order_by("path"),
            *task.collaborator_agencies.order_by("org_path", "name"),
        ],
        "documents": list(
            task.documents.filter(access.visible_q(user)).order_by(*access.LINK_ORDER)
        ),
        "files": list(TaskFile.objects.filter(task=task).order_by("uploaded_at", "id")),
        "carried_to": carried_to,
        "carried_from_text": _carried_from_text(task),
        "history": history_entries(task, fields=TASK_HISTORY_FIELDS),
        **allowed,
        **_forms(user, task, allowed),
    }
    context.update(bound or {})
    return context


def _carried_from_text(task: Task) -> str:
    if task.carried_from is None:
        return ""
    return str(task.carried_from.programme.title)


@login_required
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    task = task_for(request, pk)
    return render(request, "programs/task.html", task_context(request, task))


# ---------------------------------------------------------------------------
# Actions


def _task_action(
    request: HttpRequest,
    pk: int,
    name: str,
    *,
    allowed: Callable[[Any, Task], bool],
    make: Callable[[Task], forms.Form],
    act: Callable[[Task, Any], Any],
    done: Callable[[Any], str],
) -> HttpResponse:
    """Check ``allowed`` (403), bind, run ``act``; on error the task page with the form.

    ``done`` words the success from what ``act`` returned; when that is a task (a
    carried-over copy) its page is shown next, else this task's.
    """
    user: Any = request.user
    task = task_for(request, pk)
    if not allowed(user, task):
        raise PermissionDenied
    form = make(task)
    if form.is_valid():
        try:
            result = act(task, form)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, done(result))
            shown = result if isinstance(result, Task) else task
            return redirect("programs:task", pk=shown.pk)
    context = task_context(request, task, {name: form})
    context["failed"] = name
    return render(request, "programs/task.html", context, status=form_status(form))


def _structure(user: Any, task: Task) -> bool:
    return scope.can(user, scope.EDIT, task.programme)


@login_required
@require_POST
def edit_task(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    return _task_action(
        request, pk, "edit_form", allowed=_structure,
        make=lambda task: carry_version(task_form(
            task.programme, user, request.POST, task=task, prefix="edit"
        ), task),
        act=lambda task, form: save_unless_stale(
            form, task, lambda: services.update_task(user, task, **form.service_fields())
        ),
        done=lambda _result: _("Đã lưu nhiệm vụ."),
    )  # fmt: skip


@login_required
@require_POST
def report_progress(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    return _task_action(
        request, pk, "progress_form", allowed=services.can_report,
        make=lambda _task: ProgressForm(request.POST),
        act=lambda task, form: services.report_progress(user, task, **form.cleaned_data),
        done=lambda _result: _("Đã cập nhật tiến độ."),
    )  # fmt: skip


@login_required
@require_POST
def complete(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    return _task_action(
        request, pk, "complete_form", allowed=services.can_report,
        make=lambda _task: CompleteForm(request.POST),
        act=lambda task, form: services.complete_task(user, task, **form.cleaned_data),
        done=lambda _result: _("Đã ghi nhận hoàn thành nhiệm vụ."),
    )  # fmt: skip


@login_required
@require_POST
def not_done(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    return _task_action(
        request, pk, "not_done_form", allowed=services.can_report,
        make=lambda _task: NotDoneForm(request.POST),
        act=lambda task, form: services.mark_not_done(user, task, **form.cleaned_data),
        done=lambda _result: _("Đã ghi nhận nhiệm vụ không hoàn thành."),
    )  # fmt: skip


@login_required
@require_POST
def reopen(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    return _task_action(
        request, pk, "reopen_form", allowed=services.can_report,
        make=lambda _task: ReopenForm(request.POST),
        act=lambda task, form: services.reopen_task(user, task, **form.cleaned_data),
        done=lambda _result: _("Đã mở lại nhiệm vụ."),
    )  # fmt: skip


@login_required
@require_POST
def carry_over(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    return _task_action(
        request, pk, "carry_form", allowed=_structure,
        make=lambda task: CarryOverForm(request.POST, programmes=later_programmes(task.programme)),
        act=lambda task, form: services.carry_over(user, task, **form.cleaned_data),
        done=lambda new: _("Đã chuyển nhiệm vụ sang %(title)s.") % {"title": new.programme.title},
    )  # fmt: skip


@login_required
@require_POST
def add_file(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    return _task_action(
        request, pk, "file_form", allowed=_structure,
        make=lambda _task: TaskFileForm(request.POST, request.FILES),
        act=lambda task, form: services.add_task_file(user, task, **form.cleaned_data),
        done=lambda _result: _("Đã thêm tệp minh chứng."),
    )  # fmt: skip


@login_required
def download_file(request: HttpRequest, pk: int, file_pk: int) -> FileResponse:
    task = task_for(request, pk)
    return files.download(TaskFile.objects.filter(task=task, pk=file_pk).first())
