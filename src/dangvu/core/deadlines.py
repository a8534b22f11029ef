"""The deadline inbox ("Việc cần làm"): what is due in a user's scope, soonest first.

Each app that has deadlines provides a function ``items(user, root, today,
horizon) -> Iterable[DeadlineItem]`` listed in ``PROVIDERS``. A provider reads
only rows visible to ``user`` (``visible_to``), within ``root``'s subtree when
a root is given, due on or before ``horizon`` (overdue ones included), with a
fixed number of queries. The inbox page, the API and the tests use ``collect``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from importlib import import_module
from typing import Any

from django.utils.translation import gettext_lazy as _

PROVIDERS: tuple[str, ...] = (
    "dangvu.admissions.deadlines.items",
    "dangvu.members.transfers.deadline_items",
    "dangvu.members.badges.deadline_items",
    "dangvu.members.dues.deadline_items",
    "dangvu.meetings.deadlines.items",
    "dangvu.congresses.deadlines.items",
    "dangvu.programs.deadlines.items",
)


@dataclass(frozen=True)
class DeadlineItem:
    """One thing due: what, for whom, by when, and where to act on it."""

    kind: str
    label: str
    due_on: date
    name: str
    org_path: str
    url: str
    member_id: int | None = None
    candidate_id: int | None = None

    def overdue_on(self, today: date) -> bool:
        return self.due_on < today

    def days_overdue(self, today: date) -> int:
        """How many days past due on ``today`` (0 when not overdue)."""
        return max(0, (today - self.due_on).days)


Provider = Callable[[Any, Any, date, date], Iterable[DeadlineItem]]


def providers() -> list[Provider]:
    """The providers of ``PROVIDERS``; an app whose provider module is absent provides none."""
    loaded = []
    for dotted in PROVIDERS:
        module_name, _dot, attribute = dotted.rpartition(".")
        try:
            module = import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name is None or not f"{module_name}.".startswith(f"{exc.name}."):
                raise  # a module the provider imports is missing: a real error
            continue
        loaded.append(getattr(module, attribute))
    return loaded


def collect(user: Any, root: Any, today: date, horizon: date) -> list[DeadlineItem]:
    """Every item due by ``horizon`` in the user's scope (under ``root``), soonest first."""
    items = [item for provider in providers() for item in provider(user, root, today, horizon)]
    return sorted(items, key=lambda item: (item.due_on, item.kind, item.name))


# The horizons the inbox offers (days from today); overdue items are always shown.
HORIZONS: tuple[int, ...] = (30, 60, 90)
DEFAULT_HORIZON = 60

# Titles of the groups of the inbox; a kind not listed takes its first item's label.
KIND_TITLES: dict[str, Any] = {
    "ceremony_due": _("Lễ kết nạp phải tổ chức"),
    "certificate_expiring": _("Giấy chứng nhận lớp nhận thức sắp hết hạn"),
    "probation_ending": _("Sắp hết thời gian dự bị"),
    "recognition_due": _("Xét công nhận đảng viên chính thức"),
    "recognition_overdue": _("Quá hạn xét công nhận chính thức"),
    "transfer_letter": _("Giấy giới thiệu sinh hoạt đảng chưa nộp"),
    "transfer_start": _("Chưa sinh hoạt tại nơi chuyển đến"),
    "transfer_temporary_ending": _("Sinh hoạt tạm thời sắp hết hạn"),
    "badge_due": _("Huy hiệu Đảng đến đợt trao"),
    "dues_unpaid": _("Chưa đóng đảng phí"),
    "program_task": _("Nhiệm vụ chương trình công tác đến hạn, quá hạn"),
}


@dataclass(frozen=True)
class InboxRow:
    """An item as the inbox shows it on ``today``."""

    item: DeadlineItem
    days_overdue: int

    @property
    def overdue(self) -> bool:
        return self.days_overdue > 0


# Rows a page shows of each kind: a preview of every kind, or a page of one kind.
GROUP_PREVIEW = 20
KIND_PAGE = 100


@dataclass
class InboxGroup:
    """The rows of one kind, soonest first, and the slice of them a page shows."""

    kind: str
    title: str
    rows: list[InboxRow] = field(default_factory=list)
    offset: int = 0
    limit: int | None = None

    @property
    def overdue(self) -> int:
        return sum(1 for row in self.rows if row.overdue)

    @property
    def shown(self) -> list[InboxRow]:
        end = None if self.limit is None else self.offset + self.limit
        return self.rows[self.offset : end]

    @property
    def last_shown(self) -> int:
        """The position (from 1) of the last row shown."""
        return self.offset + len(self.shown)

    @property
    def before(self) -> int:
        """Rows of this kind on earlier pages."""
        return min(self.offset, len(self.rows))

    @property
    def after(self) -> int:
        """Rows of this kind not shown after the slice (on later pages, or "see all")."""
        return max(0, len(self.rows) - self.offset - len(self.shown))


@dataclass
class Inbox:
    """What a user has to do by ``horizon``: the groups shown and the counts of every kind."""

    today: date
    horizon: date
    rows: list[InboxRow]
    groups: list[InboxGroup]
    counts: list[InboxGroup]

    @property
    def overdue(self) -> int:
        return sum(1 for row in self.rows if row.overdue)


def kind_title(kind: str, first: DeadlineItem | None = None) -> str:
    if kind in KIND_TITLES:
        return str(KIND_TITLES[kind])
    return first.label if first is not None else kind


def group_by_kind(rows: list[InboxRow]) -> list[InboxGroup]:
    """Groups in the order of their soonest row (``rows`` are sorted already)."""
    groups: dict[str, InboxGroup] = {}
    for row in rows:
        group = groups.get(row.item.kind)
        if group is None:
            group = InboxGroup(row.item.kind, kind_title(row.item.kind, row.item))
            groups[row.item.kind] = group
        group.rows.append(row)
    return list(groups.values())


def inbox(
    user: Any,
    root: Any,
    today: date,
    horizon_days: int = DEFAULT_HORIZON,
    kind: str = "",
    page: int = 1,
) -> Inbox:
    """The user's inbox under ``root`` (all their scope when None), optionally one kind.

    Every kind shows its first ``GROUP_PREVIEW`` rows; one kind is shown by pages
    of ``KIND_PAGE`` rows (``page`` from 1), so a province's inbox stays a page.
    """
    horizon = today + timedelta(days=horizon_days)
    every = [
        InboxRow(item, item.days_overdue(today)) for item in collect(user, root, today, horizon)
    ]
    rows = [row for row in every if row.item.kind == kind] if kind else every
    groups = group_by_kind(rows)
    for group in groups:
        if kind:
            group.offset, group.limit = (max(page, 1) - 1) * KIND_PAGE, KIND_PAGE
        else:
            group.limit = GROUP_PREVIEW
    return Inbox(
        today=today,
        horizon=horizon,
        rows=rows,
        groups=groups,
        counts=group_by_kind(every),
    )
