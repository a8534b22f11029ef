"""The figures of a review: tasks done, done late, not done, overdue, by body and by person.

"Hội nghị đã đánh giá kết quả 34 nhiệm vụ …": only top-level tasks count (a
sub-task is part of its parent's result). One query; the result goes to JSON
(``as_dict``) to be frozen in ``Review.figures`` when the review is closed.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from dangvu.core.text import fold, name_sort_key
from dangvu.programs.choices import TaskStatus
from dangvu.programs.models import Programme, Task
from dangvu.programs.periods import is_overdue

OPEN = frozenset({TaskStatus.NOT_STARTED, TaskStatus.IN_PROGRESS})


@dataclass
class BodyRow:
    """The counts of one owning body ("org"/"agency") or one responsible person ("member")."""

    name: str
    kind: str
    id: int | None
    total: int = 0
    done: int = 0
    done_late: int = 0
    not_done: int = 0
    carried_over: int = 0
    open: int = 0
    overdue: int = 0

    @property
    def finished(self) -> int:
        return self.done + self.done_late

    def count(self, status: str, overdue: bool) -> None:
        self.total += 1
        if status in OPEN:
            self.open += 1
        elif status in (
            TaskStatus.DONE,
            TaskStatus.DONE_LATE,
            TaskStatus.NOT_DONE,
            TaskStatus.CARRIED_OVER,
        ):
            setattr(self, str(status), getattr(self, str(status)) + 1)
        self.overdue += int(overdue)


@dataclass
class ReviewFigures:
    """What a review reports about its programme's tasks as of one day."""

    as_of: date
    total: int = 0
    key: int = 0
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TaskStatus.values, 0))
    overdue: int = 0
    by_body: list[BodyRow] = field(default_factory=list)
    by_person: list[BodyRow] = field(default_factory=list)

    @property
    def done(self) -> int:
        return self.counts.get(TaskStatus.DONE, 0)

    @property
    def done_late(self) -> int:
        return self.counts.get(TaskStatus.DONE_LATE, 0)

    @property
    def not_done(self) -> int:
        return self.counts.get(TaskStatus.NOT_DONE, 0)

    @property
    def carried_over(self) -> int:
        return self.counts.get(TaskStatus.CARRIED_OVER, 0)

    @property
    def open(self) -> int:
        return sum(self.counts.get(status, 0) for status in OPEN)

    @property
    def finished(self) -> int:
        return self.done + self.done_late

    @property
    def finished_share(self) -> float | None:
        """Per cent of the tasks finished (on time or late); ``None`` without tasks."""
        return round(100 * self.finished / self.total, 2) if self.total else None

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["as_of"] = self.as_of.isoformat()
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ReviewFigures:
        counts = dict.fromkeys(TaskStatus.values, 0)
        counts.update({str(k): int(v) for k, v in data.get("counts", {}).items()})
        return cls(
            as_of=date.fromisoformat(data["as_of"]),
            total=int(data.get("total", 0)),
            key=int(data.get("key", 0)),
            counts=counts,
            overdue=int(data.get("overdue", 0)),
            by_body=[BodyRow(**row) for row in data.get("by_body", [])],
            by_person=[BodyRow(**row) for row in data.get("by_person", [])],
        )


def _body_key(row: Task) -> tuple[str, int | None, str]:
    if row.owner_org is not None:
        return "org", row.owner_org_id, row.owner_org.name
    if row.owner_agency is not None:
        return "agency", row.owner_agency_id, row.owner_agency.name
    return "org", None, _("Chưa giao")


def _person_key(row: Task) -> tuple[str, int | None, str]:
    if row.responsible is not None:
        return "member", row.responsible_id, row.responsible.full_name
    return "member", None, _("Chưa phân công")


def review_figures(programme: Programme, as_of: date) -> ReviewFigures:
    """Count the programme's top-level tasks as of ``as_of`` (one query)."""
    tasks = Task.objects.filter(programme=programme, parent__isnull=True).select_related(
        "owner_org", "owner_agency", "responsible"
    )
    figures = ReviewFigures(as_of=as_of)
    bodies: dict[tuple[str, int | None], BodyRow] = {}
    people: dict[tuple[str, int | None], BodyRow] = {}
    for task in tasks:
        overdue = is_overdue(task.status, task.deadline, as_of)
        figures.total += 1
        figures.key += int(task.is_key)
        figures.counts[task.status] = figures.counts.get(task.status, 0) + 1
        figures.overdue += int(overdue)
        for rows, (kind, pk, name) in ((bodies, _body_key(task)), (people, _person_key(task))):
            row = rows.setdefault((kind, pk), BodyRow(name=name, kind=kind, id=pk))
            row.count(task.status, overdue)
    figures.by_body = sorted(bodies.values(), key=lambda r: (r.kind != "org", fold(r.name)))
    figures.by_person = sorted(people.values(), key=lambda r: (r.id is None, name_sort_key(r.name)))
    return figures
