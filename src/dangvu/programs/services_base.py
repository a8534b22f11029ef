"""What the programme services share: who may write, the small checks, the roll-up."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Max
from django.utils.translation import gettext as _

from dangvu.core import scope
from dangvu.core.services import add_error, save_as
from dangvu.documents.models import Document
from dangvu.programs.choices import OPEN_STATUSES, TaskStatus
from dangvu.programs.models import PROGRAM_EDIT_ROLES, Programme, Task
from dangvu.programs.periods import Deadline, Period, parse_deadline, parse_period, rolled_progress

Errors = dict[str, list[str]]
REASON_LIMIT = 100  # The history's change reason holds 100 characters.


# ---------------------------------------------------------------------------
# Access


def can_edit_at(user: Any, path: str) -> bool:
    """Whether the user keeps programmes at ``path`` (staff, leader, cell secretary above it)."""
    return bool(
        getattr(user, "is_authenticated", False)
        and path
        and scope.can_in_subtree(user, PROGRAM_EDIT_ROLES, path)
    )


def can_edit_programme(user: Any, programme: Programme) -> bool:
    return can_edit_at(user, programme.org_path)


def can_report(user: Any, task: Task) -> bool:
    """Who reports progress, completes, marks not done or reopens a task.

    The programme's keepers, the keepers of the owning body (a cell secretary
    for a task given to the cell in the commune's programme), and the
    responsible member themselves.
    """
    if not getattr(user, "is_authenticated", False):
        return False
    if can_edit_at(user, task.org_path) or can_edit_at(user, task.owner_path):
        return True
    return bool(user.member_id) and user.member_id == task.responsible_id


def require_edit(user: Any, path: str) -> None:
    if not can_edit_at(user, path):
        raise PermissionDenied


def require_report(user: Any, task: Task) -> None:
    if not can_report(user, task):
        raise PermissionDenied


# ---------------------------------------------------------------------------
# Small checks


def clean_text(value: Any, field: str, limit: int, errors: Errors, required: str = "") -> str:
    text = value.strip() if isinstance(value, str) else ""
    if required and not text:
        add_error(errors, field, required)
    elif limit and len(text) > limit:
        add_error(errors, field, _("Không được dài quá %(n)s ký tự.") % {"n": limit})
    return text


def clean_reason(value: Any, field: str, errors: Errors, required: str = "") -> str:
    return clean_text(value, field, REASON_LIMIT, errors, required)


def parse_period_field(value: Any, errors: Errors) -> Period | None:
    if isinstance(value, Period):
        return value
    try:
        return parse_period(str(value or ""))
    except ValueError as exc:
        add_error(errors, "period", str(exc))
        return None


def parse_deadline_field(value: Any, errors: Errors) -> Deadline | None:
    if isinstance(value, Deadline):
        return value
    if isinstance(value, date):
        return Deadline(value)
    try:
        return parse_deadline(str(value or ""))
    except ValueError as exc:
        add_error(errors, "deadline", str(exc))
        return None


def visible_documents(user: Any, documents: Iterable[Document], errors: Errors) -> list[Document]:
    wanted = [d for d in documents if d is not None]
    if not wanted:
        return []
    seen = set(
        Document.objects.visible_to(user)
        .filter(pk__in=[d.pk for d in wanted])
        .values_list("pk", flat=True)
    )
    if len(seen) < len({d.pk for d in wanted}):
        add_error(errors, "documents", _("Có văn bản không thuộc phạm vi được xem."))
    return wanted


def next_order(queryset: Any) -> int:
    return int(queryset.aggregate(top=Max("order"))["top"] or 0) + 1


def inside(path: str, root: str) -> bool:
    return bool(path) and path.startswith(root)


def check_writable(task: Task, errors: Errors) -> None:
    if task.status == TaskStatus.CARRIED_OVER:
        add_error(errors, "status", _("Nhiệm vụ đã chuyển sang kỳ sau."))
    elif task.status not in OPEN_STATUSES:
        add_error(
            errors,
            "status",
            _("Nhiệm vụ đã kết thúc (%(status)s): mở lại trước khi sửa.")
            % {"status": task.get_status_display()},
        )


def lock_task(task: Task) -> Task:
    return Task.objects.select_for_update().select_related("programme").get(pk=task.pk)


def roll_up(user: Any, parent_id: int | None) -> None:
    """Recompute a parent's progress from its sub-tasks (carried-over ones left out)."""
    if parent_id is None:
        return
    parent = Task.objects.select_for_update().get(pk=parent_id)
    children = parent.sub_tasks.exclude(status=TaskStatus.CARRIED_OVER).values_list(
        "weight", "progress"
    )
    progress = rolled_progress(children)
    if parent.status not in OPEN_STATUSES or progress == parent.progress:
        return
    parent.progress = progress
    if progress > 0:
        parent.status = TaskStatus.IN_PROGRESS
    save_as(parent, user)


def progress_value(value: Any, errors: Errors) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
        add_error(errors, "progress", _("Tiến độ là số nguyên từ 0 đến 100."))
        return 0
    return value
