"""The programme tasks of the inbox (``core.deadlines`` provider; issue 8, item 4).

``program_task``: a task still open (not started, in progress) whose deadline
falls by the horizon, overdue ones included — "rõ người, rõ việc, rõ thời
gian". Shown to

* the member who answers for it (``Task.responsible``), on their own inbox;
* those who keep programmes (``PROGRAM_EDIT_ROLES``: staff, leaders, cell
  secretaries) at the programme's organisation or at the owning body's
  (``owner_path``: a cell secretary sees the tasks given to their cell).

A viewer's inbox stays empty: they read the programme, they do not chase it.
Tasks more than a year past their deadline are not reminded any more: the
review of their period has settled them (not done, carried over). One query
for the tasks (plus the user's roles, read once per request).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from dangvu.core import scope
from dangvu.core.deadlines import DeadlineItem
from dangvu.programs.choices import OPEN_STATUSES
from dangvu.programs.models import PROGRAM_EDIT_ROLES, Task

KIND = "program_task"
# An open task is reminded up to a year after its deadline.
LOOKBACK = timedelta(days=365)


def _paths_q(paths: list[str] | None) -> Q:
    """Tasks of a programme, or given to a body, in one of the subtrees."""
    return scope.subtrees_q("org_path", paths) | scope.subtrees_q("owner_path", paths)


def _whose(user: Any, root: Any) -> Q | None:
    """The tasks this user has to chase under ``root``; None when there are none."""
    paths = scope.role_subtrees(user, PROGRAM_EDIT_ROLES, root)
    member_id = getattr(user, "member_id", None)
    if paths == [] and not member_id:
        return None
    query = Q(pk__in=[]) if paths == [] else _paths_q(paths)
    if member_id:
        own = Q(responsible_id=member_id)
        if root is not None:
            own &= _paths_q([root.path])
        query |= own
    return query


def owner_name(task: Task) -> str:
    if task.owner_org is not None:
        return task.owner_org.name
    if task.owner_agency is not None:
        return task.owner_agency.name
    return ""


def items(user: Any, root: Any, today: date, horizon: date) -> list[DeadlineItem]:
    whose = _whose(user, root)
    if whose is None:
        return []
    tasks = (
        Task.objects.visible_to(user)
        .filter(whose)
        .filter(
            status__in=OPEN_STATUSES,
            deadline__lte=horizon,
            deadline__gte=today - LOOKBACK,
        )
        .select_related("owner_org", "owner_agency")
        .order_by("deadline", "pk")
    )
    return [
        DeadlineItem(
            kind=KIND,
            label=_("Nhiệm vụ chương trình công tác"),
            due_on=task.deadline,
            name=" — ".join(part for part in (task.title, owner_name(task)) if part),
            org_path=task.org_path,
            url=reverse("programs:task", args=[task.pk]),
            member_id=task.responsible_id,
        )
        for task in tasks
    ]
