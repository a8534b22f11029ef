"""Bắc Bình 2025 under Quy định 366-QĐ/TW, half-finished (see ``core/demo/evaluations.py``)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from dangvu.accounts.models import User
from dangvu.core.demo.evaluation_ranking import (
    BAC_BINH_2025_OPENED,
    PLAIN_MEMBER_USERNAME,
    SEED,
    Ranking,
    assign,
    committee_member_ids,
    day_between,
    level_counts,
)
from dangvu.evaluations import services
from dangvu.evaluations.choices import (
    Level,
)
from dangvu.evaluations.models import Evaluation
from dangvu.members.choices import Status
from dangvu.members.models import Member
from dangvu.organizations.models import Organization

# -- Bắc Bình 2025: shares of the scored review ----------------------------------------
EXCELLENT_2025 = 0.25
COMPLETED_2025 = 0.08
NOT_COMPLETED_2025 = 2
# Cells 2025: (general, results, targets %, exceeded %, decided score); cell 01 is not decided.
CELLS_2025 = {
    "01": (28, 64, 100, 32, None),
    "02": (26, 58, 95, 12, 84),
    "03": (25, 56, 90, 8, 80),
    "04": (26, 59, 96, 15, 85),
    "05": (27, 60, 98, 20, 86),
    "06": (26, 57, 92, 10, 82),
    "07": (25, 55, 90, 6, 79),
    "08": (28, 63, 100, 34, 91),
    "09": (24, 54, 88, 5, 76),
    "10": (29, 64, 100, 40, 93),
    "11": (27, 61, 100, 18, 87),
}


# -- Bắc Bình 2025, half-finished -------------------------------------------------------------
@dataclass(frozen=True)
class Scores:
    general: int
    results: int

    @property
    def total(self) -> int:
        return self.general + self.results

    def criteria(self) -> dict[str, Decimal]:
        return {"general": Decimal(self.general), "results": Decimal(self.results)}


# The band of total scores of each level below excellent, and the range of the general group.
SCORE_BANDS: dict[str, tuple[int, int, tuple[int, int]]] = {
    Level.GOOD: (72, 88, (22, 28)),
    Level.COMPLETED: (55, 68, (18, 24)),
    Level.NOT_COMPLETED: (38, 48, (14, 20)),
}


def scores_for(level: str, rng: random.Random) -> Scores:
    """Criteria scores (general ≤ 30, results ≤ 70) whose sum falls in the level's band."""
    if level == Level.EXCELLENT:
        general = rng.randint(27, 30)
        return Scores(general, rng.randint(max(63, 90 - general), 70))
    low, high, general_range = SCORE_BANDS[level]
    total = rng.randint(low, high)
    general = rng.randint(*general_range)
    return Scores(general, total - general)


class BacBinh2025(Ranking):
    def __init__(self, user: User, commune: Organization) -> None:
        super().__init__(user, commune, 2025, SEED + 2)

    def build(self) -> None:
        self.open(
            BAC_BINH_2025_OPENED,
            "Hướng dẫn số 43-HD/BTCTW ngày 31/10/2025 của Ban Tổ chức Trung ương; "
            "Kế hoạch số 27-KH/ĐU ngày 25/11/2025 của Đảng ủy xã Bắc Bình",
        )
        self.rank_members()
        self.rank_cells()

    def pending_member(self, cell: list[Evaluation]) -> Evaluation:
        """The demo's plain member of cell 01, who can then self-assess in the browser."""
        user = User.objects.filter(username=PLAIN_MEMBER_USERNAME).select_related("member").first()
        member_ids = {e.member_id for e in cell}
        if user is not None and user.member_id in member_ids:
            return next(e for e in cell if e.member_id == user.member_id)
        plain = (
            Member.objects.filter(pk__in=member_ids, status=Status.FULL, positions__isnull=True)
            .order_by("id")
            .first()
        )
        return next(e for e in cell if plain is None or e.member_id == plain.pk)

    def rank_members(self) -> None:
        members = self.members()
        holders = committee_member_ids(self.organization)
        draws = self.draws(members)
        n = len(members)
        counts = level_counts(
            n, round(EXCELLENT_2025 * n), round(COMPLETED_2025 * n), NOT_COMPLETED_2025
        )
        levels = assign(
            members, counts, lambda e: draws[e.pk] + (0.3 if e.member_id in holders else 0)
        )
        first_cell = [e for e in members if e.unit.code == f"{self.organization.code}-01"]
        pending = self.pending_member(first_cell).pk
        in_first_cell = {e.pk for e in first_cell}
        selfs, proposals, decisions = [], [], []
        for e in members:
            if e.pk == pending:
                continue
            scores = scores_for(levels[e.pk], self.rng)
            selfs.append(
                {
                    "evaluation": e,
                    "criteria": scores.criteria(),
                    "on": day_between(date(2025, 12, 3), date(2025, 12, 10), self.rng),
                }
            )
            if e.pk in in_first_cell:
                continue
            proposed, note = scores.total, ""
            if self.rng.random() < 0.08:
                proposed -= self.rng.randint(1, 3)
                note = "Chi bộ điều chỉnh điểm nhóm tiêu chí về kết quả thực hiện nhiệm vụ."
            proposals.append(
                {
                    "evaluation": e,
                    "score": Decimal(proposed),
                    "on": date(2025, 12, 16),
                    "note": note,
                }
            )
            decisions.append(
                {"evaluation": e, "score": Decimal(proposed), "on": date(2025, 12, 23)}
            )
        self.bulk(services.self_assess_many, selfs)
        self.bulk(services.propose_many, proposals)
        self.bulk(services.decide_many, decisions)

    def rank_cells(self) -> None:
        decisions = []
        for e in self.organizations():
            assert e.subject_org is not None
            if e.subject_org.level != "cell":
                continue
            general, results, targets, exceeded, decided = CELLS_2025[e.subject_org.code[-2:]]
            services.self_assess(
                self.user,
                e,
                criteria=Scores(general, results).criteria(),
                on=date(2025, 12, 12),
                targets_percent=Decimal(targets),
                exceeded_percent=Decimal(exceeded),
                note="Chi bộ tự đánh giá, chấm điểm tại hội nghị kiểm điểm cuối năm.",
            )
            if decided is not None:
                decisions.append(
                    {"evaluation": e, "score": Decimal(decided), "on": date(2025, 12, 23)}
                )
        self.bulk(services.decide_many, decisions)
