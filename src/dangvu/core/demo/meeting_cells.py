"""The cells' meetings of the demo: monthly and thematic, attendance per member, oversight.

Bắc Bình's eleven cells meet every month of 2021 and on the four topics of seed 003
each quarter; Thanh Ba's ten cells from January 2021 to the report of 29/03/2022. A
BCH member from another cell is assigned to each cell for the 2020–2025 term and
attends some of its meetings as a guest. Everything goes through ``meetings.services``.

Attendance comes from one seeded generator, so every load is identical. The number
present at each meeting is steered by what the commune still owes its target (error
diffusion), so the year's rate lands on the target (Bắc Bình 89%, "gần 90%") whatever
the rosters are; the target of each meeting moves with the season and the cell, so
months and cells differ. Who is absent is drawn with weights (the elderly and those
working away miss more), with a Vietnamese reason for most; only the members chosen
in ``STREAK_CELLS`` reach three unexcused absences in a row.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from typing import Any

from django.db.models import Count

from dangvu.accounts.models import User
from dangvu.core.demo import meeting_texts as texts
from dangvu.core.demo.lifecycle import BAC_BINH_CODE, THANH_BA_CODE
from dangvu.meetings import services
from dangvu.meetings.attendance import RosterRow, roster
from dangvu.meetings.choices import AttendanceState, GuestKind, Kind, Topic
from dangvu.meetings.models import Meeting
from dangvu.members.models import Member
from dangvu.members.rules import age_in_years
from dangvu.organizations.models import Committee, Organization, Position

SEED = 2021
# Bắc Bình reported "gần 90%" for 2021; Thanh Ba, a town whose members work away
# more, a little lower. Both are computed back from the records (tests/demo).
RATE_TARGETS = {BAC_BINH_CODE: 0.89, THANH_BA_CODE: 0.86}
PERIODS = {
    BAC_BINH_CODE: (date(2021, 1, 1), date(2021, 12, 31)),
    THANH_BA_CODE: (date(2021, 1, 1), date(2022, 3, 29)),
}
SEED_TOPICS = (Topic.NEW_RURAL, Topic.SECURITY, Topic.HEALTH_INSURANCE, Topic.FOOD_SAFETY)
# Share of the absent who sent a reason; the rest are unexcused.
EXCUSED_SHARE = 0.8
# Cells that did not meet a month: (cell code, year, month) -> cancellation reason, or
# "" when nothing was entered at all.
MISSED_MONTHS = {
    ("VP-LT-BB-03", 2021, 8): "",
    ("VP-LT-BB-07", 2021, 5): "Tạm hoãn do dịch COVID-19 trên địa bàn tỉnh",
    ("PT-TB-TT-07", 2021, 9): "",
    ("PT-TB-TT-02", 2022, 2): "Tạm hoãn do nhiều đảng viên là F0, F1 (dịch COVID-19)",
}
# The school cell broke up for the summer without its thematic meeting of Q3/2021.
MISSED_THEMATIC = {("VP-LT-BB-11", 2021, 3)}
# Members absent without reason at their cell's last three meetings (flagged).
STREAK_CELLS = ("VP-LT-BB-02", "VP-LT-BB-06", "VP-LT-BB-09", "PT-TB-TT-03", "PT-TB-TT-07")
STREAK_LENGTH = 3
OVERSEER_AT_REGULAR, OVERSEER_AT_THEMATIC = 0.35, 0.8
# The season moves attendance: the days before Tết, the rice harvest and the COVID-19
# outbreaks (Vĩnh Phúc in May 2021, the wave after Tết 2022) keep members away.
SEASON = {
    (2021, 1): 0.01,
    (2021, 2): -0.04,
    (2021, 3): 0.01,
    (2021, 4): 0.01,
    (2021, 5): -0.03,
    (2021, 6): -0.02,
    (2021, 7): 0.01,
    (2021, 9): 0.02,
    (2021, 10): 0.01,
    (2021, 11): 0.01,
    (2022, 2): -0.04,
    (2022, 3): -0.02,
}
POSITION_TITLES = {
    "secretary": "Bí thư Đảng ủy",
    "deputy_secretary": "Phó Bí thư Đảng ủy",
    "member": "Đảng ủy viên",
}


@dataclass(frozen=True)
class Slot:
    """A meeting a cell holds: its kind, day, topic, and whether it was cancelled."""

    day: date
    kind: str
    topic: str = ""
    topic_text: str = ""
    cancelled: str = ""


@dataclass
class Ledger:
    """What one commune still owes its target: Σ expected × the meeting's own target − present.

    Each meeting's target is the year's, moved by the season and the cell's habit
    (the moves average to zero), so months and cells differ while the year lands on
    the target.
    """

    owed: float = 0.0

    def want(self, expected: int, target: float) -> int:
        return round(self.owed + expected * target)

    def record(self, expected: int, target: float, present: int) -> None:
        self.owed += expected * target - present


@dataclass
class CellInfo:
    """A cell with who chairs and records its meetings, and its overseer once assigned."""

    org: Organization
    chair: Member | None
    clerk: Member | None
    committee: list[Member] = field(default_factory=list)
    overseer: tuple[Member, str] | None = None


def quarter_last_day(day: date) -> date:
    month = (day.month - 1) // 3 * 3 + 3
    return date(day.year + month // 12, month % 12 + 1, 1) - timedelta(days=1)


def months(start: date, end: date) -> Iterator[tuple[int, int]]:
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        yield year, month
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def place_for(org: Organization) -> str:
    """Where a cell meets: the cultural house of its village or quarter, else its office."""
    if org.kind == "residential":
        area = org.name.removeprefix("Chi bộ ")
        return f"Nhà văn hóa {area}"
    if org.kind == "school":
        return "Phòng họp hội đồng nhà trường"
    return "Phòng họp cơ quan"


def start_for(org: Organization) -> time:
    return time(7, 30) if org.kind == "residential" else time(14, 0)


def cell_committee(org: Organization) -> list[Member]:
    """The cell's chi ủy, secretary first (chair), then deputy and member (clerk)."""
    order = {"secretary": 0, "deputy_secretary": 1, "member": 2}
    positions = Position.objects.filter(
        committee__organization=org, committee__body="cell_committee", end_date__isnull=True
    ).select_related("member")
    return [p.member for p in sorted(positions, key=lambda p: (order.get(p.role, 3), p.pk))]


def cell_infos(commune: Organization) -> list[CellInfo]:
    """The commune's cells with their chi ủy, in code order."""
    infos = []
    for org in commune.children.filter(level="cell").order_by("code"):
        committee = cell_committee(org)
        chair = committee[0] if committee else None
        clerk = committee[1] if len(committee) > 1 else None
        infos.append(CellInfo(org, chair, clerk, committee))
    return infos


class CellMeetings:
    """Builds the meetings of one commune's cells; one generator for the whole demo."""

    def __init__(self, user: User, rng: random.Random) -> None:
        self.user = user
        self.rng = rng
        self.weights: dict[int, float] = {}
        self.habits: dict[int, str] = {}
        self.unexcused_run: dict[int, int] = {}

    def build(self, commune: Organization) -> None:
        cells = cell_infos(commune)
        self.assign_overseers(commune, cells)
        self.cell_meetings(commune, cells)

    # -- oversight ---------------------------------------------------------------
    def assign_overseers(self, commune: Organization, cells: list[CellInfo]) -> None:
        """Each cell gets one BCH member from another cell, for the 2020–2025 term."""
        executive = Committee.objects.get(organization=commune, body="executive")
        positions = list(
            Position.objects.filter(committee=executive, end_date__isnull=True)
            .select_related("member")
            .order_by("member__cell__code", "pk")
        )
        free = list(positions)
        for info in cells:
            position = next(p for p in free if p.member.cell_id != info.org.pk)
            free.remove(position)
            services.assign_oversight(
                self.user,
                member=position.member,
                cell=info.org,
                start_date=executive.elected_on or date(2020, 7, 15),
                committee=executive,
                note="Phân công cấp ủy viên phụ trách chi bộ, nhiệm kỳ 2020 – 2025",
            )
            info.overseer = (position.member, POSITION_TITLES.get(position.role, "Đảng ủy viên"))

    # -- the cells' monthly and thematic meetings -----------------------------------
    def schedule(self, info: CellInfo, start: date, end: date, town: bool) -> list[Slot]:
        code = info.org.code
        usual = self.rng.randint(3, 9)
        slots = []
        for year, month in months(start, end):
            day = date(year, month, usual)
            if day > end:
                continue
            reason = MISSED_MONTHS.get((code, year, month))
            if reason != "":
                slots.append(Slot(day, Kind.REGULAR, cancelled=reason or ""))
            quarter = (month - 1) // 3 + 1
            if month % 3 == 2 and (code, year, quarter) not in MISSED_THEMATIC:
                slots.append(self.thematic_slot(info, date(year, month, 16 + usual), town))
        return sorted(slots, key=lambda s: s.day)

    def thematic_slot(self, info: CellInfo, day: date, town: bool) -> Slot:
        index = int(info.org.code[-2:]) + (day.year * 12 + day.month) // 3
        if town:
            topic, text = texts.TOWN_TOPICS[index % len(texts.TOWN_TOPICS)]
            return Slot(day, Kind.THEMATIC, topic, text)
        return Slot(day, Kind.THEMATIC, SEED_TOPICS[index % len(SEED_TOPICS)])

    def cell_meetings(self, commune: Organization, cells: list[CellInfo]) -> None:
        start, end = PERIODS[commune.code]
        town = commune.code == THANH_BA_CODE
        plans = [(info, slot) for info in cells for slot in self.schedule(info, start, end, town)]
        streaks = self.streak_members(cells, plans)
        targets = self.targets(commune, cells, plans)
        ledger = Ledger()
        for info, slot in sorted(plans, key=lambda p: (p[1].day, p[0].org.code)):
            forced = {m for m, days in streaks.items() if slot.day in days}
            target = targets.get((info.org.pk, slot.day), 0.0)
            self.hold(info, slot, forced, ledger, target)

    def targets(
        self, commune: Organization, cells: list[CellInfo], plans: list[tuple[CellInfo, Slot]]
    ) -> dict[tuple[int, date], float]:
        """Each meeting's target: the year's, moved by the month and by the cell's habit
        (workplaces attend better), the moves centred on zero over the members expected."""
        sizes = dict(
            Member.objects.filter(cell__parent=commune)
            .values_list("cell")
            .annotate(n=Count("id"))
            .values_list("cell", "n")
        )
        habit = {
            info.org.pk: self.rng.uniform(-0.025, 0.025) + (info.org.kind != "residential") * 0.02
            for info in cells
        }
        moves = {
            (info.org.pk, slot.day): SEASON.get((slot.day.year, slot.day.month), 0.0)
            + habit[info.org.pk]
            for info, slot in plans
            if not slot.cancelled
        }
        weights = {key: sizes.get(key[0], 0) for key in moves}
        mean = sum(moves[k] * weights[k] for k in moves) / max(sum(weights.values()), 1)
        return {key: RATE_TARGETS[commune.code] + move - mean for key, move in moves.items()}

    def streak_members(
        self, cells: list[CellInfo], plans: list[tuple[CellInfo, Slot]]
    ) -> dict[int, set[date]]:
        """One member in each STREAK_CELLS cell misses its last three meetings unexcused."""
        chosen: dict[int, set[date]] = {}
        for info in cells:
            if info.org.code not in STREAK_CELLS:
                continue
            held = [s.day for i, s in plans if i is info and not s.cancelled]
            days = set(held[-STREAK_LENGTH:])
            first = min(days)
            keep = {m.pk for m in info.committee}
            rows = [r for r in roster(info.org, first) if r.expected and r.member.pk not in keep]
            younger = [r.member for r in rows if age_in_years(r.member.birth_date, first) < 55]
            chosen[self.rng.choice(younger).pk] = days
        return chosen

    def hold(
        self, info: CellInfo, slot: Slot, forced: set[int], ledger: Ledger, target: float
    ) -> None:
        meeting = services.create_meeting(
            self.user,
            organization=info.org,
            kind=slot.kind,
            date=slot.day,
            topic=slot.topic,
            topic_text=slot.topic_text,
            start_time=start_for(info.org),
            place=place_for(info.org),
            chair=info.chair,
            secretary=info.clerk,
            **self.minutes(info, slot),
        )
        if slot.cancelled:
            services.cancel_meeting(self.user, meeting, slot.cancelled)
            return
        rows = roster(info.org, slot.day)
        keep = {m.pk for m in (info.chair, info.clerk) if m is not None}
        entries = self.marks(info.org.kind, slot, rows, forced, keep, (ledger, target))
        services.record_attendance(self.user, meeting, entries)
        self.invite_overseer(info, slot, meeting)
        if slot.kind == Kind.THEMATIC:
            self.thematic_resolution(meeting, slot)
        services.approve_minutes(self.user, meeting, slot.day)

    def minutes(self, info: CellInfo, slot: Slot) -> dict[str, str]:
        if slot.kind == Kind.REGULAR:
            return {
                "agenda": texts.regular_agenda(slot.day),
                "documents_studied": texts.documents_for(slot.day),
                "content": texts.regular_content(info.org.name, slot.day),
                "conclusion": "Chi bộ thống nhất nhiệm vụ tháng tới; giao chi ủy phân công, "
                "đôn đốc đảng viên thực hiện.",
            }
        content, _task = self.thematic_text(slot)
        return {
            "agenda": "Báo cáo chuyên đề\nThảo luận\nKết luận, phân công thực hiện",
            "content": content,
            "conclusion": "Chi bộ thống nhất nội dung chuyên đề và phân công đảng viên thực hiện.",
        }

    def thematic_text(self, slot: Slot) -> tuple[str, str]:
        if slot.topic in texts.THEMATIC_CONTENT:
            return texts.THEMATIC_CONTENT[Topic(slot.topic)]
        content, task = texts.OTHER_CONTENT
        return content.format(topic=slot.topic_text), task

    def thematic_resolution(self, meeting: Meeting, slot: Slot) -> None:
        _content, task = self.thematic_text(slot)
        quarter_end = quarter_last_day(slot.day)
        services.add_resolution(
            self.user, meeting, text=task, owner_name="Đảng viên trong chi bộ", due_on=quarter_end
        )

    def invite_overseer(self, info: CellInfo, slot: Slot, meeting: Meeting) -> None:
        share = OVERSEER_AT_THEMATIC if slot.kind == Kind.THEMATIC else OVERSEER_AT_REGULAR
        if info.overseer is None or self.rng.random() >= share:
            return
        member, title = info.overseer
        services.add_guest(
            self.user,
            meeting,
            kind=GuestKind.OVERSEER,
            member=member,
            role=f"{title}, phụ trách chi bộ",
        )

    # -- who came, who did not, and why -------------------------------------------------
    def marks(
        self,
        kind: str,
        slot: Slot,
        rows: list[RosterRow],
        forced: set[int],
        keep: set[int],
        steering: tuple[Ledger, float],
    ) -> list[dict[str, Any]]:
        expected = [r.member for r in rows if r.expected]
        forced = {m.pk for m in expected if m.pk in forced}
        n = len(expected)
        ledger, target = steering
        want = ledger.want(n, target) + self.rng.choice((-1, 0, 0, 1))
        present = max(min(want, n - len(forced)), n - n // 4, 0)
        pool = [m for m in expected if m.pk not in forced and m.pk not in keep]
        absent = set(forced) | self.pick_absent(pool, n - present - len(forced))
        ledger.record(n, target, n - len(absent))
        entries = [self.mark(m, kind, slot.day, m.pk in absent, m.pk in forced) for m in expected]
        entries += self.exempt_visitors(rows, slot.day)
        return entries

    def pick_absent(self, pool: list[Member], count: int) -> set[int]:
        """Weighted sampling without replacement (Efraimidis–Spirakis): the frail and
        those working away miss more often."""
        if count <= 0:
            return set()
        keyed = sorted(pool, key=lambda m: self.rng.random() ** (1 / self.weight(m)), reverse=True)
        return {m.pk for m in keyed[:count]}

    def weight(self, member: Member) -> float:
        if member.pk not in self.weights:
            age = age_in_years(member.birth_date, date(2021, 6, 30))
            base = 3.0 if age >= 70 else 1.8 if age >= 60 else 1.0
            if age < 50 and self.rng.random() < 0.15:
                self.habits[member.pk] = "Đi làm ăn xa"
                base *= 3
            self.weights[member.pk] = base * self.rng.uniform(0.3, 1.7)
        return self.weights[member.pk]

    def mark(
        self, member: Member, kind: str, day: date, absent: bool, forced: bool
    ) -> dict[str, Any]:
        if not absent:
            self.unexcused_run[member.pk] = 0
            return {"member": member, "state": AttendanceState.PRESENT}
        run = self.unexcused_run.get(member.pk, 0)
        # Only the chosen few reach three unexcused absences in a row.
        if forced or (run < STREAK_LENGTH - 1 and self.rng.random() >= EXCUSED_SHARE):
            self.unexcused_run[member.pk] = run + 1
            return {"member": member, "state": AttendanceState.ABSENT}
        self.unexcused_run[member.pk] = 0
        reason = self.reason(member, kind, day)
        return {"member": member, "state": AttendanceState.EXCUSED, "reason": reason}

    def reason(self, member: Member, kind: str, day: date) -> str:
        if member.pk in self.habits and self.rng.random() < 0.6:
            return self.habits[member.pk]
        if day >= texts.COVID_FROM and self.rng.random() < 0.12:
            return texts.COVID_REASON
        age = age_in_years(member.birth_date, day)
        if age >= 60:
            choices = texts.ELDER_REASONS
        elif kind == "residential":
            choices = texts.VILLAGE_REASONS
        else:
            choices = texts.WORKING_REASONS
        if self.rng.random() < 0.3:
            choices = texts.COMMON_REASONS
        return self.rng.choice(choices)

    def exempt_visitors(self, rows: list[RosterRow], day: date) -> list[dict[str, Any]]:
        """Exempt members are not expected, but a few come all the same."""
        return [
            {"member": r.member, "state": AttendanceState.PRESENT}
            for r in rows
            if not r.expected
            and r.member.exempt_from is not None
            and r.member.exempt_from <= day
            and self.rng.random() < 0.1
        ]
