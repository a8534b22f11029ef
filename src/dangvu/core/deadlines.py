"""The deadline inbox ("Việc cần làm"): what is due in a user's scope, soonest first.

Each app that has deadlines provides a function ``items(user, root, today,
horizon) -> Iterable[DeadlineItem]`` listed in ``PROVIDERS``. A provider reads
only rows visible to ``user`` (``visible_to``), within ``root``'s subtree when
a root is given, due on or before ``horizon`` (overdue ones included), with a
fixed number of queries. The inbox page, the API and the tests use ``collect``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from importlib import import_module
from typing import Any

PROVIDERS: tuple[str, ...] = (
    "dangvu.admissions.deadlines.items",
    "dangvu.members.transfers.deadline_items",
    "dangvu.members.badges.deadline_items",
    "dangvu.members.dues.deadline_items",
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


Provider = Callable[[Any, Any, date, date], Iterable[DeadlineItem]]


def providers() -> list[Provider]:
    loaded = []
    for dotted in PROVIDERS:
        module_name, _, attribute = dotted.rpartition(".")
        loaded.append(getattr(import_module(module_name), attribute))
    return loaded


def collect(user: Any, root: Any, today: date, horizon: date) -> list[DeadlineItem]:
    """Every item due by ``horizon`` in the user's scope (under ``root``), soonest first."""
    items = [item for provider in providers() for item in provider(user, root, today, horizon)]
    return sorted(items, key=lambda item: (item.due_on, item.kind, item.name))
