"""What the demo's annual reviews share: the seeded choices, the entries, the ranking walk.

See ``core/demo/evaluations.py`` for what is built and why.
"""

from __future__ import annotations

import math
import random
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from dangvu.accounts.models import User
from dangvu.evaluations import services
from dangvu.evaluations.choices import (
    LEVEL_ORDER,
    DisciplineForm,
    Level,
    Stage,
    SubjectKind,
)
from dangvu.evaluations.models import Evaluation, EvaluationPeriod
from dangvu.organizations.models import Organization, Position

SEED = 2006
THAP_MUOI_CODE = "DT-TM"
BAC_BINH_2025_OPENED = date(2025, 12, 1)
PLAIN_MEMBER_USERNAME = "bacbinh.member"

NOT_COMPLETED_NOTES = (
    "Không hoàn thành nhiệm vụ được chi bộ phân công trong năm.",
    "Nhiều lần không tham gia sinh hoạt chi bộ, không có lý do chính đáng.",
    "Chậm nộp đảng phí nhiều tháng, chi bộ đã nhắc nhở nhưng chưa khắc phục.",
    "Chưa gương mẫu chấp hành chủ trương của địa phương; chi bộ đã góp ý nhưng chưa sửa.",
)
STREAK_NOTE = "Vắng sinh hoạt chi bộ 3 kỳ liên tiếp không có lý do."
LOWERED_NOTE = "Đảng ủy xét, cân đối trong toàn Đảng bộ: xếp loại Hoàn thành tốt nhiệm vụ."
RAISED_PROPOSAL_NOTE = "Chi bộ đề nghị Hoàn thành xuất sắc nhiệm vụ."


@dataclass(frozen=True)
class Misconduct:
    """A discipline decision of the demo, on a member of a cell (seed-free, realistic)."""

    cell: str
    form: str
    decided_on: date
    authority: str
    number: str
    reason: str


BAC_BINH_DISCIPLINE_2021 = (
    Misconduct(
        "03",
        DisciplineForm.REPRIMAND,
        date(2021, 8, 24),
        "Chi bộ thôn Phú Hậu",
        "",
        "Vi phạm quy định về chính sách dân số, kế hoạch hóa gia đình (sinh con thứ ba).",
    ),
    Misconduct(
        "07",
        DisciplineForm.WARNING,
        date(2021, 10, 15),
        "Ủy ban Kiểm tra Đảng ủy xã Bắc Bình",
        "04-QĐ/UBKT",
        "Vi phạm quy định về quản lý đất đai: tự ý xây dựng công trình trên đất nông nghiệp.",
    ),
)


def day_between(start: date, end: date, rng: random.Random) -> date:
    return start + timedelta(days=rng.randrange((end - start).days + 1))


def level_counts(n: int, excellent: int, completed: int, not_completed: int) -> dict[str, int]:
    good = n - excellent - completed - not_completed
    return {
        Level.EXCELLENT: excellent,
        Level.GOOD: good,
        Level.COMPLETED: completed,
        Level.NOT_COMPLETED: not_completed,
    }


def within_quota_counts(n: int, rng: random.Random) -> dict[str, int]:
    """A realistic spread of ``n`` members whose excellent stay within 20% of the good."""
    not_completed = min(n // 40, 2)
    completed = round(n * rng.uniform(0.06, 0.10))
    rest = n - completed - not_completed
    good = math.ceil(rest / 1.2)
    return level_counts(n, rest - good, completed, not_completed)


def entry(e: Evaluation, level: str, on: date, note: str = "") -> dict[str, Any]:
    """One line of a ``*_many`` call under 132-QĐ/TW: a level, its date, a note."""
    return {"evaluation": e, "level": level, "on": on, "note": note}


def assign(
    rows: list[Evaluation], counts: dict[str, int], merit: Callable[[Evaluation], float]
) -> dict[int, str]:
    """Give the best ``counts[level]`` rows each level, best first (a stable order)."""
    ordered = sorted(rows, key=lambda e: (-merit(e), e.pk))
    levels: dict[int, str] = {}
    start = 0
    for level in LEVEL_ORDER:
        for evaluation in ordered[start : start + counts[level]]:
            levels[evaluation.pk] = level
        start += counts[level]
    return levels


class Ranking(ABC):
    """One demo period: opened, then every step entered in bulk as the demo administrator."""

    def __init__(self, user: User, organization: Organization, year: int, seed: int) -> None:
        self.user = user
        self.organization = organization
        self.year = year
        self.rng = random.Random(seed)
        self.period: EvaluationPeriod | None = None
        self.rows: list[Evaluation] = []

    @abstractmethod
    def build(self) -> None:
        """Open the period and enter its steps."""

    def open(self, opened_on: date, plan_reference: str, note: str = "") -> EvaluationPeriod:
        self.period = services.open_period(
            self.user,
            organization=self.organization,
            year=self.year,
            opened_on=opened_on,
            plan_reference=plan_reference,
            note=note,
        )
        self.reload()
        return self.period

    def reload(self) -> None:
        assert self.period is not None
        self.rows = list(
            Evaluation.objects.filter(period=self.period)
            .select_related("member", "subject_org", "unit", "deciding_org")
            .order_by("kind", "org_path", "member_id", "id")
        )

    def members(self) -> list[Evaluation]:
        return [
            e for e in self.rows if e.kind == SubjectKind.MEMBER and e.stage != Stage.NOT_EVALUATED
        ]

    def organizations(self) -> list[Evaluation]:
        return [e for e in self.rows if e.kind == SubjectKind.ORGANIZATION]

    def draws(self, rows: Iterable[Evaluation]) -> dict[int, float]:
        """One seeded draw per row, in the rows' fixed order."""
        return {e.pk: self.rng.random() for e in rows}

    def org(self, code: str) -> Evaluation:
        return next(e for e in self.organizations() if e.subject_org and e.subject_org.code == code)

    def bulk(self, action: Callable[..., int], entries: list[dict[str, Any]]) -> None:
        assert self.period is not None
        if entries:
            action(self.user, self.period, entries)

    def exception(self, deciding_org: Organization, kind: str, **document: Any) -> None:
        assert self.period is not None
        services.record_exception(
            self.user, self.period, deciding_org=deciding_org, kind=kind, **document
        )

    def finalize_all(self, on: date, numbers: dict[tuple[int, str], str]) -> None:
        """Finalise every group of the period (members first, then organisations)."""
        assert self.period is not None
        groups = sorted(
            {(e.deciding_org, e.kind) for e in self.rows},
            key=lambda group: (group[1] != SubjectKind.MEMBER, group[0].path),
        )
        for deciding_org, kind in groups:
            services.finalize(
                self.user,
                self.period,
                deciding_org=deciding_org,
                kind=kind,
                on=on,
                decision_number=numbers.get((deciding_org.pk, kind), ""),
            )

    def close(self, on: date) -> None:
        assert self.period is not None
        services.close_period(self.user, self.period, on=on)


def committee_member_ids(root: Organization) -> set[int]:
    """Members holding a position in a committee of the subtree (one query)."""
    return set(
        Position.objects.filter(
            committee__organization__path__startswith=root.path, end_date__isnull=True
        ).values_list("member_id", flat=True)
    )
