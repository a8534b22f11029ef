"""The cell congresses of 2022–2025 in the demo (issue 7, item 6), through ``congresses.services``.

What is built, and why:

* **An Thanh** (seed 002, article of 04/8/2022): the commune's plan for its cell
  congresses, due 07/8/2022, a member of the Đảng ủy guiding each cell. The
  three agency cells Chi bộ Cơ quan, Chi bộ Trường Mầm non and Chi bộ Trường
  Tiểu học held theirs on 29/7, 30/7 and 02/8/2022 with complete records; the
  other five (the four village cells and Chi bộ Trường THCS) planned theirs for
  05–07/8/2022 and have every step up to the convening notice and their
  convened list. As of 04/8/2022 the progress reads 8 cells, 3 held, all agency
  ("3 chi bộ khối cơ quan đã được tổ chức đại hội").
* **Thường Xuân** (seed 001): Kế hoạch 108-KH/HU of 06/4/2022 of Huyện ủy
  Thường Xuân and Kế hoạch 43-KH/ĐU of 14/3/2022 of the town, which carries it
  out (parent), both due at the end of May 2022; the town's fourteen cells held
  their congresses from 20/4 to 26/5/2022. At Chi bộ khu phố Hưng Long the
  deputy secretary falls short of the threshold (more than half of the full
  members convened) and is not elected.
* **Thanh Ba** (seed 000): nothing. Its cells have no congress for 2022–2025,
  so one can be run from scratch in the browser (``thanhba.staff`` plans one
  for Chi bộ Khu 1, PT-TB-TT-01, whose secretary is ``thanhba.secretary``).

A held congress has every record an office keeps: the dated steps; the
political report, the personnel plan and the resolution (as text); the convened
list computed from the records of the day, with the exempt members absent and,
in the larger cells, one member excused for the whole day (both left out of the
denominator) and one absent without an accepted reason (counted); presence; the
elections counted — the chi ủy (3 seats, 3 or 4 candidates; a cell with fewer
than 9 full members elects only its secretary), then the secretary and the
deputy among the chi ủy just elected, the chi ủy's ballots entered one by one
at An Thanh and at Thường Xuân's Chi bộ Cơ quan (one of them invalid: too many
names kept), tally sheets elsewhere; the new committee installed the same day
(the 2020–2022 one ended); the approval of the Ban Thường vụ Đảng ủy.

No delegates are elected: these are the mid-term congresses of the cells; the
delegates to the congress of the Đảng bộ are elected at the cell congresses
before it (2020, 2025). Everything is written as the demo administrator; a
campaign already there is left as it is, so a second load writes nothing.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from dangvu.accounts.models import User
from dangvu.congresses import services
from dangvu.congresses.choices import DocumentKind, ElectionKind, Exclusion
from dangvu.congresses.counting import threshold
from dangvu.congresses.models import Campaign, Congress, Convened, Election
from dangvu.core.demo import congress_texts as texts
from dangvu.core.demo.meeting_cells import cell_committee, place_for
from dangvu.core.demo.meetings import demo_writer
from dangvu.members.models import Member
from dangvu.members.rules import age_in_years
from dangvu.organizations.models import Organization, Position

SEED = "congresses-2022"
TERM = (2022, 2025)
# build.py: a cell with 9 members or more elects a chi ủy of three.
FULL_COMMITTEE_SIZE = 9
COMMITTEE_SEATS = 3
# Days before the congress of each step (a cell's usual calendar).
STEP_DAYS = {
    "preparation": 28,
    "political_report": 21,
    "personnel_plan": 18,
    "convening_notice": 10,
}
# Cells from this size have one member excused for the whole day; from the next, one absent.
EXCUSED_FROM, ABSENT_FROM = 20, 28


@dataclass(frozen=True)
class CongressPlan:
    suffix: str  # the cell's code suffix
    day: date  # the congress day, held or planned
    held: bool = True
    approved_on: date | None = None  # default: a week after the congress
    ballots: bool = False  # the chi ủy's ballots entered one by one (else the tally sheet)
    deputy_short: bool = False  # the deputy falls short of the threshold


@dataclass(frozen=True)
class CampaignPlan:
    code: str
    title: str
    starts_on: date
    due_on: date
    plan_number: str = ""
    plan_date: date | None = None
    parent_code: str = ""  # the organisation whose campaign this one carries out
    approver: str = ""
    first_decision: int = 1
    congresses: tuple[CongressPlan, ...] = ()


AN_THANH = CampaignPlan(
    code="HD-TK-AT",
    title="Kế hoạch tổ chức đại hội chi bộ trực thuộc nhiệm kỳ 2022–2025",
    starts_on=date(2022, 6, 20),
    due_on=date(2022, 8, 7),
    approver="Ban Thường vụ Đảng ủy xã An Thanh",
    first_decision=112,
    congresses=(
        CongressPlan("05", date(2022, 7, 29), approved_on=date(2022, 8, 3), ballots=True),
        CongressPlan("06", date(2022, 7, 30), approved_on=date(2022, 8, 3), ballots=True),
        CongressPlan("07", date(2022, 8, 2), approved_on=date(2022, 8, 5), ballots=True),
        CongressPlan("01", date(2022, 8, 5), held=False),
        CongressPlan("08", date(2022, 8, 5), held=False),
        CongressPlan("02", date(2022, 8, 6), held=False),
        CongressPlan("03", date(2022, 8, 6), held=False),
        CongressPlan("04", date(2022, 8, 7), held=False),
    ),
)
THUONG_XUAN_DISTRICT = CampaignPlan(
    code="TH-TX",
    title="Kế hoạch tổ chức Đại hội chi bộ trực thuộc đảng bộ cơ sở nhiệm kỳ 2022–2025",
    starts_on=date(2022, 4, 6),
    due_on=date(2022, 5, 31),
    plan_number="108-KH/HU",
    plan_date=date(2022, 4, 6),
)
_TX_DAYS = (
    (20, 4), (21, 4), (22, 4), (25, 4), (26, 4), (27, 4), (28, 4),
    (10, 5), (12, 5), (13, 5), (17, 5), (19, 5), (24, 5), (26, 5),
)  # fmt: skip
THUONG_XUAN = CampaignPlan(
    code="TH-TX-TT",
    title="Kế hoạch Đại hội kiện toàn cấp ủy, chi bộ nhiệm kỳ 2022–2025",
    starts_on=date(2022, 3, 21),
    due_on=date(2022, 5, 31),
    plan_number="43-KH/ĐU",
    plan_date=date(2022, 3, 14),
    parent_code="TH-TX",
    approver="Ban Thường vụ Đảng ủy thị trấn Thường Xuân",
    first_decision=156,
    congresses=tuple(
        CongressPlan(f"{i:02d}", date(2022, month, day), ballots=i == 8, deputy_short=i == 3)
        for i, (day, month) in enumerate(_TX_DAYS, start=1)
    ),
)
CAMPAIGNS = (THUONG_XUAN_DISTRICT, THUONG_XUAN, AN_THANH)


def build_congresses(user: User | None = None) -> int:
    """Build the campaigns (and their congresses) not there yet; how many were built."""
    user = user or demo_writer()
    if user is None:
        return 0
    built = 0
    for plan in CAMPAIGNS:
        org = Organization.objects.filter(code=plan.code).first()
        if org is None or Campaign.objects.filter(organization=org, term_start=TERM[0]).exists():
            continue
        CampaignBuilder(user, org, plan).build()
        built += 1
    return built


class CampaignBuilder:
    """One committee's plan, its guides and the congresses of its cells."""

    def __init__(self, user: User, org: Organization, plan: CampaignPlan) -> None:
        self.user, self.org, self.plan = user, org, plan
        self.rng = random.Random(f"{SEED}-{plan.code}")

    def build(self) -> Campaign:
        plan = self.plan
        parent = (
            Campaign.objects.get(organization__code=plan.parent_code, term_start=TERM[0])
            if plan.parent_code
            else None
        )
        campaign = services.create_campaign(
            self.user,
            organization=self.org,
            term_start=TERM[0],
            term_end=TERM[1],
            title=plan.title,
            due_on=plan.due_on,
            plan_number=plan.plan_number,
            plan_date=plan.plan_date,
            parent=parent,
            starts_on=plan.starts_on,
        )
        guides = self._executive()
        decision = plan.first_decision
        for i, congress_plan in enumerate(plan.congresses):
            cell = Organization.objects.get(code=f"{self.org.code}-{congress_plan.suffix}")
            self._guide(campaign, cell, guides, i)
            builder = CellCongress(self.user, self.rng, cell, congress_plan)
            builder.build(f"{decision}-QĐ/ĐU", plan.approver)
            decision += congress_plan.held
        return campaign

    def _executive(self) -> list[Member]:
        """The members of the Đảng ủy (BCH), secretary first: who guides the cells."""
        return [
            p.member
            for p in Position.objects.filter(
                committee__organization=self.org,
                committee__body="executive",
                end_date__isnull=True,
            )
            .select_related("member")
            .order_by("id")
        ]

    def _guide(self, campaign: Campaign, cell: Organization, guides: list[Member], i: int) -> None:
        """A committee member from another cell guides this one (BTV's assignment)."""
        others = [m for m in guides if not m.org_path.startswith(cell.path)]
        if others:
            services.assign_guide(
                self.user,
                campaign,
                cell=cell,
                member=others[i % len(others)],
                assigned_on=self.plan.starts_on,
            )


@dataclass
class Cast:
    """Who does what at one congress, chosen among the members convened."""

    candidates: list[Member]  # the chi ủy's list, the three to elect first (or the secretary)
    secretary: Member
    deputy: Member | None
    board: list[Member]  # the counting board
    chair: list[Member]
    clerk: Member


class CellCongress:
    """One cell's congress: planned and prepared, and when ``plan.held``, held to approval."""

    def __init__(
        self, user: User, rng: random.Random, cell: Organization, plan: CongressPlan
    ) -> None:
        self.user, self.rng, self.cell, self.plan = user, rng, cell, plan
        self.old = cell_committee(cell)  # the chi ủy 2020–2022, secretary first

    def build(self, decision: str, approver: str) -> Congress:
        day = self.plan.day
        congress = services.plan_congress(
            self.user,
            cell=self.cell,
            term_start=TERM[0],
            term_end=TERM[1],
            planned_on=day,
            place=place_for(self.cell),
        )
        services.convene(self.user, congress, day)
        rows = list(
            Convened.objects.filter(congress=congress).select_related("member").order_by("id")
        )
        cast = self._cast(rows)
        self._prepare(congress, rows, cast)
        if not self.plan.held:
            return congress
        congress = self._hold(congress, rows, cast)
        results = self._elect(congress, cast)
        services.install_committee(self.user, congress, on=day)
        self._document(congress, DocumentKind.RESOLUTION, day, self._resolution(congress, results))
        approved_on = self.plan.approved_on or day + timedelta(days=7)
        return services.approve_congress(
            self.user, congress, on=approved_on, number=decision, approved_by=approver
        )

    # -- who is who -------------------------------------------------------------------------
    def _eligible(self, rows: list[Convened]) -> list[Member]:
        """Full members who may stand: not excluded, of working age, still in the cell today."""
        day = self.plan.day
        return [
            row.member
            for row in rows
            if row.full_member
            and not row.exclusion
            and row.member.is_active
            and row.member.exempt_from is None
            and row.member.org_path.startswith(self.cell.path)
            and 25 <= age_in_years(row.member.birth_date, day) <= 62
        ]

    def _cast(self, rows: list[Convened]) -> Cast:
        """The outgoing chi ủy stands again when it can; others are drawn from the eligible."""
        eligible = self._eligible(rows)
        pool = [m for m in self.rng.sample(eligible, len(eligible)) if m not in self.old]
        chosen: list[Member] = []
        for member in [m for m in self.old if m in eligible] + pool:
            # Two namesakes on one list would be told apart by birth year: avoid it.
            if all(m.full_name != member.full_name for m in chosen):
                chosen.append(member)
        full = sum(1 for row in rows if row.full_member)
        if full >= FULL_COMMITTEE_SIZE and len(chosen) >= COMMITTEE_SEATS:
            surplus = len(chosen) > COMMITTEE_SEATS and self.rng.random() < 0.75
            candidates, deputy = chosen[: COMMITTEE_SEATS + surplus], chosen[1]
        else:
            candidates, deputy = chosen[:1], None
        rest = [m for m in eligible if m not in candidates]
        return Cast(
            candidates=candidates,
            secretary=chosen[0],
            deputy=deputy,
            board=rest[:3] or candidates[-1:],
            chair=[m for m in (chosen[0], deputy) if m is not None],
            clerk=(rest or chosen)[-1],
        )

    # -- before the day -------------------------------------------------------------------
    def _prepare(self, congress: Congress, rows: list[Convened], cast: Cast) -> None:
        day = self.plan.day
        for step, days in STEP_DAYS.items():
            on = day - timedelta(days=days)
            congress = services.record_step(self.user, congress, step, on)
            if step == "political_report":
                self._document(congress, DocumentKind.POLITICAL_REPORT, on, self._report(rows))
            elif step == "personnel_plan":
                self._document(congress, DocumentKind.PERSONNEL_PLAN, on, self._personnel(cast))

    def _document(self, congress: Congress, kind: str, on: date, text: str) -> None:
        title = f"{DocumentKind(kind).label} {self.cell.name} nhiệm kỳ {texts.TERM_TEXT}"
        services.add_document(self.user, congress, kind=kind, title=title, on=on, text=text)

    def _report(self, rows: list[Convened]) -> str:
        exempt = sum(1 for row in rows if row.exclusion == Exclusion.EXEMPT_ABSENT)
        full = sum(1 for row in rows if row.full_member)
        return texts.political_report(self.cell.name, self.cell.kind, len(rows), full, exempt)

    def _personnel(self, cast: Cast) -> str:
        deputy = cast.deputy.full_name if cast.deputy else ""
        names = [m.full_name for m in cast.candidates]
        return texts.personnel_plan(self.cell.name, names, cast.secretary.full_name, deputy)

    # -- the day ----------------------------------------------------------------------------
    def _hold(self, congress: Congress, rows: list[Convened], cast: Cast) -> Congress:
        """Exclusions with their reasons, presence, then the congress is held."""
        standing = set(cast.candidates) | set(cast.board) | {cast.clerk}
        others = [r for r in rows if r.full_member and not r.exclusion and r.member not in standing]
        away: list[Convened] = []
        if len(rows) >= EXCUSED_FROM and others:
            excused = others.pop(self.rng.randrange(len(others)))
            reason = self.rng.choice(texts.EXCUSED_REASONS)
            services.set_exclusion(self.user, excused, Exclusion.EXCUSED_ABSENT, reason)
            away.append(excused)
        if len(rows) >= ABSENT_FROM and others:
            away.append(others.pop(self.rng.randrange(len(others))))
        exempt = [r for r in rows if r.exclusion == Exclusion.EXEMPT_ABSENT]
        coming = exempt[:1] if len(exempt) >= 2 else []  # an exempt member who still comes
        present = [r.member_id for r in rows if r not in away and (not r.exclusion or r in coming)]
        services.record_presence(self.user, congress, present)
        return services.hold_congress(
            self.user,
            congress,
            held_on=self.plan.day,
            chair=", ".join(f"đồng chí {m.full_name}" for m in cast.chair).capitalize(),
            secretary=f"Đồng chí {cast.clerk.full_name}",
        )

    def _elect(self, congress: Congress, cast: Cast) -> list[str]:
        """The chi ủy (if any), the secretary and the deputy; the lines of the resolution."""
        congress = Congress.objects.get(pk=congress.pk)
        voters, need = congress.present_count, threshold(congress.denominator)
        board = "Ban kiểm phiếu: " + ", ".join(
            f"đồng chí {m.full_name}" + (" (Trưởng ban)" if i == 0 else "")
            for i, m in enumerate(cast.board)
        )
        lines = []
        if cast.deputy is not None:
            election = self._election(congress, ElectionKind.COMMITTEE, cast.candidates, board)
            votes = committee_votes(self.rng, voters, len(cast.candidates), need)
            by_member = {m.pk: n for m, n in zip(cast.candidates, votes, strict=True)}
            self._enter(election, by_member, voters, by_ballots=self.plan.ballots)
            lines.append(self._line(election, "Chi ủy gồm"))
        elections = [(ElectionKind.SECRETARY, cast.secretary, "Bí thư Chi bộ")]
        if cast.deputy is not None:
            elections.append((ElectionKind.DEPUTY, cast.deputy, "Phó Bí thư Chi bộ"))
        for kind, member, title in elections:
            election = self._election(congress, kind, [member], board)
            short = kind == ElectionKind.DEPUTY and self.plan.deputy_short
            n = need - 2 - self.rng.randint(0, 2) if short else voters - self.rng.randint(0, 1)
            self._enter(election, {member.pk: max(n, 0)}, voters, by_ballots=False)
            lines.append(self._line(election, title))
        return lines

    def _election(
        self, congress: Congress, kind: str, members: list[Member], board: str
    ) -> Election:
        """An election with its list in ballot order (Vietnamese name order)."""
        seats = COMMITTEE_SEATS if kind == ElectionKind.COMMITTEE else 1
        listed = sorted(members, key=lambda m: (m.sort_key, m.pk))
        # A committee list without surplus goes ahead on the congress's decision (Điều 14).
        decision = (
            "Đại hội biểu quyết 100% tán thành danh sách không có số dư: chi bộ ít đảng viên, "
            "không có thêm người đủ tiêu chuẩn."
            if kind == ElectionKind.COMMITTEE and len(listed) <= seats
            else ""
        )
        return services.create_election(
            self.user,
            congress,
            kind=kind,
            seats=seats,
            candidates=listed,
            counting_board=board,
            list_decision=decision,
        )

    def _enter(
        self, election: Election, votes: dict[int, int], voters: int, *, by_ballots: bool
    ) -> None:
        """The votes of each member, entered as ballots or as a tally sheet, then counted."""
        rows = list(election.candidates.order_by("position").values_list("member_id", "name"))
        names = [name for _, name in rows]
        counts = [votes[member_id] for member_id, _ in rows]
        if by_ballots:
            invalid = len(names) > election.seats  # one ballot keeps every name: too many
            valid = voters - invalid
            kept = strike_out_ballots(names, [min(n, valid) for n in counts], valid)
            for ballot in kept + ([names] if invalid else []):
                services.add_ballot(self.user, election, kept=ballot)
        else:
            tally = dict(zip(names, counts, strict=True))
            services.enter_tally(self.user, election, votes=tally, valid=voters, invalid={})
        services.count_election(self.user, election, on=self.plan.day, issued_count=voters)

    def _line(self, election: Election, title: str) -> str:
        election.refresh_from_db()
        result = election.result
        denominator = result["denominator"]
        done = [
            f"đồng chí {name} ({result['votes'][name]}/{denominator} phiếu, "
            f"{result['percent'][name]:.2f}%)"
            for name in result["elected"]
        ]
        if done:
            return f"{title}: " + ", ".join(done)
        name = result["candidates"][0]
        return (
            f"{title}: đồng chí {name} được {result['votes'][name]}/{denominator} phiếu, không "
            "quá một nửa số đảng viên chính thức được triệu tập nên không trúng cử; Chi ủy đề "
            "nghị bầu bổ sung tại kỳ sinh hoạt gần nhất"
        )

    def _resolution(self, congress: Congress, results: list[str]) -> str:
        congress = Congress.objects.get(pk=congress.pk)
        return texts.resolution(
            self.cell.name,
            self.cell.kind,
            self.plan.day,
            congress.present_count,
            congress.convened_count,
            results,
        )


def committee_votes(rng: random.Random, voters: int, candidates: int, need: int) -> list[int]:
    """Votes of a chi ủy list: the first three elected, a fourth (if any) below ``need``.

    The fourth's votes come from the others' (a ballot keeps at most three names),
    so the three keep at least ``need`` and the total never exceeds 3 × voters.
    """
    surplus = candidates - COMMITTEE_SEATS
    extra = min(rng.randint(max(1, voters // 6), max(1, voters // 3)), need - 1) if surplus else 0
    deficits = [extra // COMMITTEE_SEATS + rng.randint(0, 2) for _ in range(COMMITTEE_SEATS)]
    deficits[-1] += max(0, extra - sum(deficits))
    votes = [voters - d for d in deficits]
    if min(votes) < need:  # a small cell: everyone keeps the three
        votes, extra = [voters] * COMMITTEE_SEATS, 0
    order = rng.sample(range(COMMITTEE_SEATS), COMMITTEE_SEATS)
    return [votes[i] for i in order] + [extra] * surplus


def strike_out_ballots(names: list[str], votes: list[int], ballots: int) -> list[list[str]]:
    """``ballots`` strike-out ballots giving each name its votes (the names kept).

    Each name's votes go to consecutive ballots, continuing where the previous
    name stopped, so no ballot keeps two names more than another: with votes
    adding up to at most seats × ballots, none keeps more than the seats.
    """
    kept: list[list[str]] = [[] for _ in range(ballots)]
    cursor = 0
    for name, n in zip(names, votes, strict=True):
        for i in range(n):
            kept[(cursor + i) % ballots].append(name)
        cursor = (cursor + n) % ballots
    order = {name: i for i, name in enumerate(names)}
    return [sorted(ballot, key=order.__getitem__) for ballot in kept]
