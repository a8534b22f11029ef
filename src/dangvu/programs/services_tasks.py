"""The course of a task: progress, done (on time or late), not done, reopened, carried over.

Reported by the programme's keepers, the owning body's keepers or the
responsible member (``can_report``); a parent's progress is rolled up from its
sub-tasks after every change of one of them.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dangvu.core.services import add_error, raise_if, save_as
from dangvu.core.text import fmt_day
from dangvu.programs.choices import FINISHED_STATUSES, OPEN_STATUSES, TaskStatus
from dangvu.programs.models import Programme, Task
from dangvu.programs.periods import Deadline, completion_status
from dangvu.programs.services_base import (
    Errors,
    check_writable,
    clean_reason,
    clean_text,
    lock_task,
    next_order,
    parse_deadline_field,
    progress_value,
    require_edit,
    require_report,
    roll_up,
)

# ---------------------------------------------------------------------------
# Tasks: progress and outcome


@transaction.atomic
def report_progress(
    user: Any, task: Task, *, progress: int, note: str = "", evidence: str = ""
) -> Task:
    """The progress of an open task (0–100 %); a parent's progress is rolled up."""
    require_report(user, task)
    task = lock_task(task)
    errors: Errors = {}
    check_writable(task, errors)
    if task.sub_tasks.exists():
        add_error(
            errors, "progress", _("Tiến độ của nhiệm vụ có nhiệm vụ con tính từ các nhiệm vụ con.")
        )
    value = progress_value(progress, errors)
    note = clean_reason(note, "note", errors)
    evidence = clean_text(evidence, "evidence", 0, errors)
    raise_if(errors)
    task.progress = value
    task.status = TaskStatus.IN_PROGRESS
    if evidence:
        task.evidence = evidence
    task._change_reason = note  # type: ignore[attr-defined]
    save_as(task, user)
    roll_up(user, task.parent_id)
    return task


@transaction.atomic
def complete_task(
    user: Any, task: Task, *, completed_on: date, result_note: str = "", evidence: str = ""
) -> Task:
    """Done on the day given: on time or late by the deadline; a parent after its sub-tasks."""
    require_report(user, task)
    task = lock_task(task)
    errors: Errors = {}
    check_writable(task, errors)
    if not isinstance(completed_on, date):
        add_error(errors, "completed_on", _("Ghi ngày hoàn thành."))
    elif completed_on < task.programme.starts_on:
        add_error(
            errors,
            "completed_on",
            _("Ngày hoàn thành không được trước ngày bắt đầu kỳ (%(day)s).")
            % {"day": fmt_day(task.programme.starts_on)},
        )
    elif completed_on > timezone.localdate():
        add_error(errors, "completed_on", _("Ngày hoàn thành không được sau hôm nay."))
    unfinished = task.sub_tasks.exclude(status__in=[*FINISHED_STATUSES, TaskStatus.CARRIED_OVER])
    if unfinished.exists():
        add_error(errors, "status", _("Còn nhiệm vụ con chưa hoàn thành."))
    result_note = clean_text(result_note, "result_note", 0, errors)
    evidence = clean_text(evidence, "evidence", 0, errors)
    raise_if(errors)
    task.status = completion_status(task.deadline, completed_on)
    task.completed_on = completed_on
    task.progress = 100
    task.result_note = result_note or task.result_note
    task.evidence = evidence or task.evidence
    save_as(task, user)
    roll_up(user, task.parent_id)
    return task


@transaction.atomic
def mark_not_done(user: Any, task: Task, *, result_note: str) -> Task:
    """The period ended and the task was not done; why is required."""
    require_report(user, task)
    task = lock_task(task)
    errors: Errors = {}
    check_writable(task, errors)
    result_note = clean_text(
        result_note, "result_note", 0, errors, _("Ghi lý do không hoàn thành.")
    )
    raise_if(errors)
    task.status = TaskStatus.NOT_DONE
    task.completed_on = None
    task.result_note = result_note
    save_as(task, user)
    roll_up(user, task.parent_id)
    return task


@transaction.atomic
def reopen_task(user: Any, task: Task, *, reason: str) -> Task:
    """Back to in progress (a finished or not-done task); the reason is in the history."""
    require_report(user, task)
    task = lock_task(task)
    errors: Errors = {}
    if task.status == TaskStatus.CARRIED_OVER:
        add_error(errors, "status", _("Nhiệm vụ đã chuyển sang kỳ sau: không mở lại được."))
    elif task.status in OPEN_STATUSES:
        add_error(errors, "status", _("Nhiệm vụ đang thực hiện."))
    if task.parent is not None and task.parent.status not in OPEN_STATUSES:
        add_error(errors, "status", _("Nhiệm vụ cha đã kết thúc: mở lại nhiệm vụ cha trước."))
    reason = clean_reason(reason, "reason", errors, _("Ghi lý do mở lại."))
    raise_if(errors)
    task.status = TaskStatus.IN_PROGRESS
    task.completed_on = None
    task._change_reason = reason  # type: ignore[attr-defined]
    save_as(task, user)
    roll_up(user, task.parent_id)
    return task


@transaction.atomic
def carry_over(
    user: Any,
    task: Task,
    *,
    to_programme: Programme,
    deadline: str | Deadline | date | None = None,
    reason: str = "",
) -> Task:
    """Move an unfinished task to a later programme of the same organisation.

    The old task becomes "carried over" and keeps its history; the new one
    points back to it (``carried_from``) with the same owner, people and
    documents and its progress so far. Sub-tasks go with their parent.
    """
    require_edit(user, task.org_path)
    require_edit(user, to_programme.org_path)
    task = lock_task(task)
    errors: Errors = {}
    if task.status not in OPEN_STATUSES and task.status != TaskStatus.NOT_DONE:
        add_error(errors, "status", _("Chỉ chuyển kỳ sau nhiệm vụ chưa hoàn thành."))
    if task.parent_id is not None:
        add_error(errors, "status", _("Chuyển cả nhiệm vụ cha sang kỳ sau."))
    if to_programme.organization_id != task.programme.organization_id:
        add_error(errors, "to_programme", _("Chỉ chuyển sang chương trình của cùng tổ chức."))
    elif to_programme.starts_on <= task.programme.starts_on:
        add_error(errors, "to_programme", _("Chỉ chuyển sang chương trình của kỳ sau."))
    new_deadline = parse_deadline_field(deadline, errors) if deadline else None
    if new_deadline is not None and new_deadline.day < to_programme.starts_on:
        add_error(errors, "deadline", _("Thời hạn mới phải trong kỳ sau."))
    reason = clean_reason(reason, "reason", errors)
    raise_if(errors)
    new = _copy_task(user, task, to_programme, new_deadline, None)
    for child in task.sub_tasks.filter(status__in=OPEN_STATUSES):
        _copy_task(user, child, to_programme, new_deadline, new)
        _mark_carried(user, child, reason)
    _mark_carried(user, task, reason)
    if new.sub_tasks.exists():
        roll_up(user, new.pk)
        new.refresh_from_db()
    return new


def _mark_carried(user: Any, task: Task, reason: str) -> None:
    task.status = TaskStatus.CARRIED_OVER
    task._change_reason = reason  # type: ignore[attr-defined]
    save_as(task, user)


def _carried_deadline(task: Task, programme: Programme, given: Deadline | None) -> Deadline:
    """The deadline given, else the old one when it falls in the new period, else its end."""
    if given is not None:
        return given
    if task.deadline >= programme.starts_on:
        return Deadline(task.deadline, task.deadline_precision)
    return Deadline(programme.ends_on, programme.period_kind)


def _copy_task(
    user: Any, task: Task, programme: Programme, given: Deadline | None, parent: Task | None
) -> Task:
    deadline = _carried_deadline(task, programme, given)
    new = Task(
        programme=programme,
        org_path=programme.org_path,
        owner_path=task.owner_path,
        parent=parent,
        order=next_order(Task.objects.filter(programme=programme, parent=parent)),
        title=task.title,
        description=task.description,
        is_key=task.is_key,
        owner_org_id=task.owner_org_id,
        owner_agency_id=task.owner_agency_id,
        responsible_id=task.responsible_id,
        deadline=deadline.day,
        deadline_precision=str(deadline.precision),
        weight=task.weight,
        status=TaskStatus.IN_PROGRESS if task.progress else TaskStatus.NOT_STARTED,
        progress=task.progress,
        evidence=task.evidence,
        carried_from=task,
    )
    save_as(new, user)
    new.collaborator_orgs.set(task.collaborator_orgs.all())
    new.collaborator_agencies.set(task.collaborator_agencies.all())
    new.documents.set(task.documents.all())
    return new
