"""The annual reviews of the demo (issue 6, item 7), entered through ``evaluations.services``.

What is built, and why:

* **Bắc Bình 2021** (seed 003, Quy định 132-QĐ/TW), opened on the commune in
  November 2021, decided and finalised in January 2022: 3 cells excellent, 7
  good, 1 completed (10 of 11 good or better); of the members evaluated (the
  exempt are not), almost 90% completed or better and more than 19% excellent
  — counted back by the system from each member's decision. Both groups are
  over the quota (excellent ≤ 20% of good), so the commune records the
  written permission of Ban Thường vụ Huyện ủy Lập Thạch before finalising.
  Two members disciplined in 2021 are ranked "not completed" (the forced case);
  the members absent three times in a row at the end of 2021 too. Most
  self-assessments and proposals equal the decision; a few proposals are
  lowered by the committee. The commune itself is decided "good" by the district.
* **Tháp Mười 2021** (seed 004): a period on the district; 07 party
  organisations (grassroots organisations and cells) ranked excellent, each
  commended with a Giấy khen of Ban Thường vụ Huyện ủy Tháp Mười; every group
  with an excellent organisation has the exception its quota needs; members
  ranked within the quota.
* **Bắc Bình 2025** (Quy định 366-QĐ/TW, 100-point scores), opened on
  01/12/2025 and half-finished so the cascade can be tried in the browser:
  cells 02–11 self-assessed, proposed and decided, with their cells' own
  evaluations self-assessed and decided; in cell 01 (Chi bộ thôn Bình Sơn)
  every member self-assessed except one (the demo's plain member, "Chưa tự
  đánh giá"), nothing proposed or decided, the cell's own evaluation
  self-assessed; nothing finalised. Excellent scores are frequent enough that
  once cell 01 is proposed and decided as self-assessed, the members' group is
  over the quota whatever the missing member scores, so finalising without an
  exception is refused.

Every write is a service call (``open_period``, ``self_assess_many``,
``propose_many``, ``decide_many``, ``record_discipline``, ``record_exception``,
``finalize``, ``commend``, ``close_period``) as the demo administrator; the
many-at-once forms write a whole period in a few queries. Who is ranked what
is drawn by one seeded generator walking the members in a fixed order, so every
load ranks the same people. ``build_evaluations`` runs on every load and leaves
a period that is already there as it is.
"""

from __future__ import annotations

import math
from datetime import date
from decimal import Decimal

from dangvu.accounts.models import User
from dangvu.core.demo.evaluation_ranking import (
    BAC_BINH_2025_OPENED,
    BAC_BINH_DISCIPLINE_2021,
    LOWERED_NOTE,
    NOT_COMPLETED_NOTES,
    RAISED_PROPOSAL_NOTE,
    SEED,
    STREAK_NOTE,
    THAP_MUOI_CODE,
    Ranking,
    assign,
    committee_member_ids,
    day_between,
    entry,
    level_counts,
    within_quota_counts,
)
from dangvu.core.demo.evaluations_2025 import BacBinh2025
from dangvu.core.demo.lifecycle import BAC_BINH_CODE
from dangvu.core.demo.meetings import demo_writer
from dangvu.evaluations import services
from dangvu.evaluations.choices import (
    CommendationForm,
    Level,
    SubjectKind,
)
from dangvu.evaluations.models import Evaluation, EvaluationPeriod
from dangvu.meetings.rates import absence_streaks
from dangvu.members.choices import Status
from dangvu.organizations.models import Organization

# -- Bắc Bình 2021: the shares of seed 003 -------------------------------------------------
# "gần 90% đảng viên hoàn thành nhiệm vụ trở lên, trong đó trên 19% hoàn thành xuất sắc".
COMPLETED_OR_BETTER = (0.88, 0.889, 0.90)  # lowest, aimed at, highest
EXCELLENT_ABOVE = 0.19
COMPLETED_SHARE = 0.09
# Cells: three excellent, one completed (the one that missed a monthly meeting), the rest good.
BAC_BINH_CELLS_2021 = {"01": Level.EXCELLENT, "08": Level.EXCELLENT, "10": Level.EXCELLENT,
                       "03": Level.COMPLETED}  # fmt: skip
LOWERED_PROPOSALS = 6  # members the cell proposed excellent, ranked good by the committee
HUYEN_UY_LAP_THACH = "Ban Thường vụ Huyện ủy Lập Thạch"

# -- Tháp Mười 2021: the 07 organisations excellent and commended (seed 004) -------------
THAP_MUOI_EXCELLENT = ("DT-TM-MA", "DT-TM-YT", "DT-TM-MA-05", "DT-TM-MH-01", "DT-TM-TX-05",
                       "DT-TM-TL-04", "DT-TM-CQ-02")  # fmt: skip
THAP_MUOI_COMPLETED = ("DT-TM-TL-02", "DT-TM-TX-04")
HUYEN_UY_THAP_MUOI = "Ban Thường vụ Huyện ủy Tháp Mười"
TINH_UY_DONG_THAP = "Ban Thường vụ Tỉnh ủy Đồng Tháp"
COMMENDATION_NUMBER = "1250-QĐ/HU"
COMMENDATION_DAY = date(2022, 1, 10)


def bac_binh_2021_counts(n: int) -> dict[str, int]:
    """Seed 003's shares as whole numbers of ``n`` members evaluated."""
    low, aim, high = COMPLETED_OR_BETTER
    better = min(max(round(aim * n), math.ceil(low * n)), math.floor(high * n))
    excellent = math.floor(EXCELLENT_ABOVE * n) + 2
    return level_counts(n, excellent, round(COMPLETED_SHARE * n), n - better)


# -- Bắc Bình 2021 ----------------------------------------------------------------------------
class BacBinh2021(Ranking):
    def __init__(self, user: User, commune: Organization) -> None:
        super().__init__(user, commune, 2021, SEED)

    def build(self) -> None:
        self.open(
            date(2021, 11, 15),
            "Hướng dẫn số 21-HD/BTCTW ngày 18/10/2019 của Ban Tổ chức Trung ương; "
            "Kế hoạch số 58-KH/ĐU ngày 12/11/2021 của Đảng ủy xã Bắc Bình",
        )
        disciplined = self.discipline()
        self.rank_members(disciplined)
        self.rank_cells()
        self.rank_commune()
        self.permissions()
        self.finalize_all(
            date(2022, 1, 12),
            {
                (self.organization.pk, SubjectKind.MEMBER): "165-QĐ/ĐU",
                (self.organization.pk, SubjectKind.ORGANIZATION): "166-QĐ/ĐU",
            },
        )
        self.close(date(2022, 1, 20))

    def discipline(self) -> set[int]:
        """Two members disciplined in 2021: full members without a position, one per cell."""
        holders = committee_member_ids(self.organization)
        by_cell: dict[str, list[Evaluation]] = {}
        for e in self.members():
            by_cell.setdefault(e.unit.code[-2:], []).append(e)
        chosen: set[int] = set()
        for case in BAC_BINH_DISCIPLINE_2021:
            candidates = [
                e
                for e in by_cell[case.cell]
                if e.member and e.member.status == Status.FULL and e.member_id not in holders
            ]
            evaluation = self.rng.choice(candidates)
            assert evaluation.member is not None
            services.record_discipline(
                self.user,
                member=evaluation.member,
                form=case.form,
                decided_on=case.decided_on,
                authority=case.authority,
                decision_number=case.number,
                reason=case.reason,
            )
            chosen.add(evaluation.pk)
        return chosen

    def rank_members(self, disciplined: set[int]) -> None:
        members = self.members()
        holders = committee_member_ids(self.organization)
        streaks = {s.member.pk for s in absence_streaks(self.organization, date(2021, 12, 31))}
        cell_bonus = {Level.EXCELLENT: 0.2, Level.GOOD: 0.0, Level.COMPLETED: -0.2}
        draws = self.draws(members)

        def merit(e: Evaluation) -> float:
            if e.pk in disciplined or e.member_id in streaks:
                return -10.0
            cell_level = BAC_BINH_CELLS_2021.get(e.unit.code[-2:], Level.GOOD)
            return draws[e.pk] + cell_bonus[cell_level] + (0.35 if e.member_id in holders else 0)

        levels = assign(members, bac_binh_2021_counts(len(members)), merit)
        goods = sorted(
            (e for e in members if levels[e.pk] == Level.GOOD), key=lambda e: (-merit(e), e.pk)
        )
        lowered = {e.pk for e in goods[:LOWERED_PROPOSALS]}
        notes = iter(NOT_COMPLETED_NOTES * len(members))
        selfs, proposals, decisions = [], [], []
        for e in members:
            decided = levels[e.pk]
            proposed = Level.EXCELLENT if e.pk in lowered else decided
            own = Level.COMPLETED if decided == Level.NOT_COMPLETED else proposed
            selfs.append(
                entry(e, own, day_between(date(2021, 12, 1), date(2021, 12, 10), self.rng))
            )
            note = RAISED_PROPOSAL_NOTE if e.pk in lowered else ""
            if decided == Level.NOT_COMPLETED and e.pk not in disciplined:
                note = STREAK_NOTE if e.member_id in streaks else next(notes)
            proposals.append(
                entry(
                    e, proposed, day_between(date(2021, 12, 14), date(2021, 12, 20), self.rng), note
                )
            )
            decisions.append(
                entry(e, decided, date(2022, 1, 6), LOWERED_NOTE if e.pk in lowered else "")
            )
        self.bulk(services.self_assess_many, selfs)
        self.bulk(services.propose_many, proposals)
        self.bulk(services.decide_many, decisions)

    def rank_cells(self) -> None:
        cells = [e for e in self.organizations() if e.subject_org and e.subject_org.level == "cell"]
        targets = {Level.EXCELLENT: 100, Level.GOOD: 95, Level.COMPLETED: 82}
        decisions = []
        for e in cells:
            level = BAC_BINH_CELLS_2021.get(e.subject_org.code[-2:], Level.GOOD)  # type: ignore[union-attr]
            services.self_assess(
                self.user,
                e,
                level=level,
                on=date(2021, 12, 22),
                targets_percent=Decimal(targets[level]),
                note="Chi bộ tự kiểm điểm, tự xếp loại tại hội nghị chi bộ cuối năm.",
            )
            note = "Không sinh hoạt chi bộ tháng 8/2021." if level == Level.COMPLETED else ""
            decisions.append(entry(e, level, date(2022, 1, 6), note))
        self.bulk(services.decide_many, decisions)

    def rank_commune(self) -> None:
        commune = self.org(self.organization.code)
        services.self_assess(
            self.user,
            commune,
            level=Level.EXCELLENT,
            on=date(2021, 12, 28),
            targets_percent=Decimal(100),
            exceeded_percent=Decimal(25),
            note="Đảng bộ hoàn thành toàn bộ chỉ tiêu Nghị quyết năm 2021.",
        )
        services.decide(
            self.user,
            commune,
            level=Level.GOOD,
            on=date(2022, 1, 10),
            note="Huyện ủy Lập Thạch xếp loại Hoàn thành tốt nhiệm vụ.",
        )

    def permissions(self) -> None:
        """The district's written permission to exceed the quota, for both groups."""
        for kind, what in ((SubjectKind.MEMBER, "đảng viên"), (SubjectKind.ORGANIZATION, "chi bộ")):
            self.exception(
                self.organization,
                kind,
                authority=HUYEN_UY_LAP_THACH,
                number="412-CV/HU",
                decided_on=date(2022, 1, 5),
                reason=(
                    f"Đảng bộ xã Bắc Bình hoàn thành xuất sắc các chỉ tiêu năm 2021 (xây dựng nông "
                    f"thôn mới, phát triển đảng viên, tỷ lệ sinh hoạt gần 90%); đồng ý số {what} "
                    f"xếp loại Hoàn thành xuất sắc nhiệm vụ vượt tỷ lệ 20%."
                ),
            )


# -- Tháp Mười 2021 ---------------------------------------------------------------------------
class ThapMuoi2021(Ranking):
    def __init__(self, user: User, district: Organization) -> None:
        super().__init__(user, district, 2021, SEED + 1)

    def build(self) -> None:
        self.open(
            date(2021, 11, 22),
            "Hướng dẫn số 21-HD/BTCTW ngày 18/10/2019 của Ban Tổ chức Trung ương; "
            "Kế hoạch số 96-KH/HU ngày 15/11/2021 của Huyện ủy Tháp Mười",
        )
        self.rank_members()
        self.rank_organizations()
        self.permissions()
        self.finalize_all(date(2022, 1, 7), {})
        self.commend()
        self.close(date(2022, 1, 14))

    def rank_members(self) -> None:
        holders = committee_member_ids(self.organization)
        groups: dict[int, list[Evaluation]] = {}
        for e in self.members():
            groups.setdefault(e.deciding_org_id, []).append(e)
        selfs, proposals, decisions = [], [], []
        for rows in groups.values():
            draws = self.draws(rows)
            levels = assign(
                rows,
                within_quota_counts(len(rows), self.rng),
                lambda e: draws[e.pk] + (0.3 if e.member_id in holders else 0),  # noqa: B023
            )
            for e in rows:
                level = levels[e.pk]
                own = Level.COMPLETED if level == Level.NOT_COMPLETED else level
                note = NOT_COMPLETED_NOTES[0] if level == Level.NOT_COMPLETED else ""
                selfs.append(
                    entry(e, own, day_between(date(2021, 12, 1), date(2021, 12, 8), self.rng))
                )
                proposals.append(entry(e, level, date(2021, 12, 15), note))
                decisions.append(entry(e, level, date(2021, 12, 29)))
        self.bulk(services.self_assess_many, selfs)
        self.bulk(services.propose_many, proposals)
        self.bulk(services.decide_many, decisions)

    def level_of(self, code: str) -> str:
        if code in THAP_MUOI_EXCELLENT:
            return Level.EXCELLENT
        return Level.COMPLETED if code in THAP_MUOI_COMPLETED else Level.GOOD

    def rank_organizations(self) -> None:
        targets: dict[str, tuple[int, int]] = {
            Level.EXCELLENT: (100, 32),
            Level.GOOD: (96, 10),
            Level.COMPLETED: (85, 0),
        }
        decisions = []
        for e in self.organizations():
            assert e.subject_org is not None
            level = self.level_of(e.subject_org.code)
            done, exceeded = targets[level]
            services.self_assess(
                self.user,
                e,
                level=level,
                on=date(2021, 12, 20),
                targets_percent=Decimal(done),
                exceeded_percent=Decimal(exceeded),
            )
            grassroots = e.deciding_org_id == self.organization.pk
            decisions.append(
                entry(e, level, date(2022, 1, 6) if grassroots else date(2021, 12, 29))
            )
        self.bulk(services.decide_many, decisions)

    def permissions(self) -> None:
        """Each group with an excellent organisation is over its quota (0 or 1): an exception."""
        groups: dict[int, list[Evaluation]] = {}
        for e in self.organizations():
            groups.setdefault(e.deciding_org_id, []).append(e)
        for rows in groups.values():
            deciding_org = rows[0].deciding_org
            excellent = [e for e in rows if self.level_of(e.subject_org.code) == Level.EXCELLENT]  # type: ignore[union-attr]
            if not excellent:
                continue
            district = deciding_org.pk == self.organization.pk
            names = ", ".join(e.subject_org.name for e in excellent)  # type: ignore[union-attr]
            self.exception(
                deciding_org,
                SubjectKind.ORGANIZATION,
                authority=TINH_UY_DONG_THAP if district else HUYEN_UY_THAP_MUOI,
                number="1785-CV/TU" if district else "845-CV/HU",
                decided_on=date(2022, 1, 5) if district else date(2021, 12, 27),
                reason=f"Thành tích nổi bật năm 2021, dẫn đầu phong trào thi đua: {names}.",
                allowed=len(excellent),
            )

    def commend(self) -> None:
        self.reload()  # the decisions were written on fresh rows
        for code in THAP_MUOI_EXCELLENT:
            services.commend(
                self.user,
                self.org(code),
                form=CommendationForm.CERTIFICATE,
                authority=HUYEN_UY_THAP_MUOI,
                decided_on=COMMENDATION_DAY,
                decision_number=COMMENDATION_NUMBER,
                note="Tổ chức đảng Hoàn thành xuất sắc nhiệm vụ năm 2021.",
            )


# -- every load -------------------------------------------------------------------------------
DEMO_PERIODS: tuple[tuple[str, int, type[BacBinh2021 | ThapMuoi2021 | BacBinh2025]], ...] = (
    (BAC_BINH_CODE, 2021, BacBinh2021),
    (THAP_MUOI_CODE, 2021, ThapMuoi2021),
    (BAC_BINH_CODE, 2025, BacBinh2025),
)


def build_evaluations(today: date, user: User | None = None) -> int:
    """Open and fill the demo periods that are not there yet; the number built.

    A second load writes nothing: a period already opened (by the demo or by
    someone trying the demo) is left as it is. The 2025 period needs a day on or
    after its opening (01/12/2025).
    """
    user = user or demo_writer()
    if user is None:
        return 0
    orgs = {
        o.code: o for o in Organization.objects.filter(code__in={c for c, _y, _b in DEMO_PERIODS})
    }
    # Any period of the year on the same branch (ours, or one opened above or below it).
    present = list(
        EvaluationPeriod.objects.filter(year__in={y for _c, y, _b in DEMO_PERIODS}).values_list(
            "org_path", "year"
        )
    )
    built = 0
    for code, year, builder in DEMO_PERIODS:
        org = orgs.get(code)
        if org is None or any(
            y == year and (org.path.startswith(path) or path.startswith(org.path))
            for path, y in present
        ):
            continue
        if year == BAC_BINH_2025_OPENED.year and today < BAC_BINH_2025_OPENED:
            continue
        builder(user, orgs[code]).build()
        built += 1
    return built
