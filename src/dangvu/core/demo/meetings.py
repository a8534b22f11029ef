"""The meetings of the demo (issue 5, item 9), entered through ``meetings.services``.

What is built, and why:

* Bắc Bình (seed 003): every cell's monthly meeting of 2021 and a thematic meeting
  each quarter on the four topics of the article, with per-member attendance drawn
  so that the year's rate, computed from the records, is close to 90% ("gần 90%");
  the weekly Monday briefing of each village cell's committee at the village
  cultural house for the last quarter before the article (05/01/2022); the
  commune's monthly briefing with the mass organisations and cell secretaries.
* Thanh Ba (seed 000): every cell's monthly and quarterly thematic meetings from
  January 2021 to the report of 29/03/2022.
* Both: the committee members assigned to the cells for the 2020–2025 term, some
  of them at those cells' meetings as guests; a few members with three unexcused
  absences in a row; a few cells that missed a month (one cancelled for COVID-19)
  and one cell that missed a quarter's thematic meeting, so compliance has gaps.
* Thường Xuân (seed 001): the review conference of 07/4/2022 with its 09 opinions,
  the conclusion of Phó Bí thư Hà Huy Hiền and its resolutions, minutes approved.

The cells' meetings and their attendance are drawn in ``meeting_cells.py``, the
words in ``meeting_texts.py``; this module adds the committees' meetings and
``plan_todays_meetings``, which runs on every load: each demo cell without a
monthly meeting in the current month gets one planned for today.
"""

from __future__ import annotations

import random
from datetime import date, time, timedelta

from dangvu.accounts.models import User
from dangvu.core.demo import meeting_texts as texts
from dangvu.core.demo.lifecycle import BAC_BINH_CODE, THANH_BA_CODE
from dangvu.core.demo.meeting_cells import (
    PERIODS,
    SEED,
    CellInfo,
    CellMeetings,
    cell_committee,
    cell_infos,
    months,
    place_for,
    start_for,
)
from dangvu.core.demo.plans import ROOT_CODES
from dangvu.core.demo.users import ADMIN_USERNAME
from dangvu.meetings import services
from dangvu.meetings.attendance import roster
from dangvu.meetings.choices import GuestKind, Kind, ReviewPeriod, Status
from dangvu.meetings.models import Meeting
from dangvu.members.models import Member
from dangvu.members.rules import age_in_years
from dangvu.organizations.models import Organization, Position

THUONG_XUAN_CODE = "TH-TX-TT"
# The Monday briefings kept: the last quarter before the article of 05/01/2022.
BRIEFINGS_FROM, BRIEFINGS_TO = date(2021, 10, 4), date(2022, 1, 3)


def demo_writer() -> User | None:
    """Meetings are entered as the demo administrator (the services check edit rights)."""
    users = User.objects.filter(is_superuser=True, is_active=True)
    return users.filter(username=ADMIN_USERNAME).first() or users.order_by("pk").first()


class CommitteeMeetings:
    """The meetings of committees rather than of all members: briefings, a conference."""

    def __init__(self, user: User, rng: random.Random) -> None:
        self.user = user
        self.rng = rng

    def build(self) -> None:
        bac_binh = Organization.objects.get(code=BAC_BINH_CODE)
        self.monday_briefings(cell_infos(bac_binh))
        self.commune_briefings(bac_binh)
        self.review_conference(Organization.objects.get(code=THUONG_XUAN_CODE))

    # -- briefings ------------------------------------------------------------------------
    def monday_briefings(self, cells: list[CellInfo]) -> None:
        """Each Monday the village cell's committee meets and receives citizens (seed 003).

        Kept: the Mondays of the last quarter before the article, for the nine village
        cells; who attended (the chi ủy) is written in the minutes, not marked one by
        one, since a briefing is not a meeting of all members.
        """
        villages = [info for info in cells if info.org.kind == "residential"]
        monday = BRIEFINGS_FROM
        while monday <= BRIEFINGS_TO:
            for info in villages:
                self.monday_briefing(info, monday)
            monday += timedelta(days=7)

    def monday_briefing(self, info: CellInfo, monday: date) -> None:
        names = ", ".join(
            f"{m.full_name} ({title})"
            for m, title in zip(
                info.committee, ("Bí thư", "Phó Bí thư", "Chi ủy viên"), strict=False
            )
        )
        work = self.rng.sample(texts.BRIEFING_WORK, 2)
        received = self.rng.choice((0, 1, 1, 2))
        issues = self.rng.sample(texts.CITIZEN_ISSUES, received)
        citizens = (
            f"Tiếp {received} lượt công dân: " + "; ".join(issues) + "."
            if received
            else "Không có công dân đến."
        )
        meeting = services.create_meeting(
            self.user,
            organization=info.org,
            kind=Kind.BRIEFING,
            date=monday,
            title=f"Giao ban chi ủy, tiếp công dân ngày {monday:%d/%m/%Y}",
            start_time=time(7, 30),
            place=place_for(info.org),
            chair=info.chair,
            content=f"Thành phần: {names}.\nGiao ban: {' '.join(work)}\n{citizens}",
        )
        services.mark_held(self.user, meeting)

    def commune_briefings(self, commune: Organization) -> None:
        """The commune's monthly briefing with the mass organisations and the cell secretaries."""
        secretary = (
            Position.objects.filter(
                committee__organization=commune, committee__body="executive", role="secretary"
            )
            .select_related("member")
            .get()
            .member
        )
        cells = commune.children.filter(level="cell").count()
        for year, month in months(*PERIODS[commune.code]):
            day = date(year, month, 25)
            while day.weekday() >= 5:
                day -= timedelta(days=1)
            meeting = services.create_meeting(
                self.user,
                organization=commune,
                kind=Kind.BRIEFING,
                date=day,
                title=f"Giao ban Đảng ủy, các ngành, đoàn thể, bí thư chi bộ tháng {month}/{year}",
                start_time=time(8, 0),
                place="Hội trường Đảng ủy xã Bắc Bình",
                chair=secretary,
                content=texts.COMMUNE_BRIEFING_CONTENT.format(cells=cells, month=f"{month}/{year}"),
            )
            services.mark_held(self.user, meeting)
            services.approve_minutes(self.user, meeting, day)

    # -- Thường Xuân's review conference (seed 001) ------------------------------------
    def review_conference(self, town: Organization) -> None:
        chairs = {
            m.full_name: m
            for m in Member.objects.filter(
                org_path__startswith=town.path, full_name__in=["Lương Thị Thanh", "Hà Huy Hiền"]
            )
        }
        people = ConferencePeople(town)
        meeting = services.create_meeting(
            self.user,
            organization=town,
            kind=Kind.REVIEW,
            date=texts.CONFERENCE_DAY,
            review_period=ReviewPeriod.QUARTER,
            review_number=1,
            title=texts.CONFERENCE_TITLE,
            start_time=time(8, 0),
            place=texts.CONFERENCE_PLACE,
            chair=chairs["Lương Thị Thanh"],
            secretary=people.clerk,
            agenda=texts.CONFERENCE_AGENDA,
            documents_studied=texts.CONFERENCE_DOCUMENTS,
            opening=texts.CONFERENCE_OPENING,
            content=texts.CONFERENCE_CONTENT,
            conclusion=texts.CONFERENCE_CONCLUSION,
        )
        name, role = texts.CONFERENCE_GUEST
        services.add_guest(self.user, meeting, kind=GuestKind.SUPERIOR, name=name, role=role)
        for suffix, role, text in texts.CONFERENCE_OPINIONS:
            speaker = people.speaker(suffix, role)
            services.add_opinion(
                self.user,
                meeting,
                speaker=speaker,
                speaker_name=f"Đồng chí {speaker.full_name}, {role}",
                text=text,
            )
        for text, owner, due in texts.CONFERENCE_RESOLUTIONS:
            services.add_resolution(self.user, meeting, text=text, owner_name=owner, due_on=due)
        services.mark_held(self.user, meeting)
        services.approve_minutes(self.user, meeting, texts.CONFERENCE_DAY)


class ConferencePeople:
    """Who speaks for whom at Thường Xuân's conference, chosen among the town's members.

    A cell's opinion is given by its secretary; the office cell (Chi bộ Cơ quan) holds the
    town's cadres: its BCH member chairs the UBND, its youngest leads the Youth Union,
    the next youngest keeps the minutes, the eldest speak for the HĐND, MTTQ and Hội
    Nông dân.
    """

    def __init__(self, town: Organization) -> None:
        self.town = town
        office = Organization.objects.get(code=f"{town.code}-08")
        day = texts.CONFERENCE_DAY
        holders = set(
            Position.objects.filter(committee__organization=town).values_list("member", flat=True)
        )
        self.board = [
            p.member
            for p in Position.objects.filter(
                committee__organization=town,
                committee__body="executive",
                role="member",
                member__cell=office,
            ).select_related("member")
        ]
        pool = [
            r.member
            for r in roster(office, day)
            if r.expected
            and r.member.pk not in holders
            and 25 <= age_in_years(r.member.birth_date, day) <= 58
        ]
        pool.sort(key=lambda m: (m.birth_date, m.pk), reverse=True)
        self.youngest, self.clerk = pool[0], pool[1]
        self.elders = pool[2:][::-1]

    def speaker(self, suffix: str, role: str) -> Member:
        if suffix != "08":
            cell = Organization.objects.get(code=f"{self.town.code}-{suffix}")
            return cell_committee(cell)[0]
        if role.startswith("Chủ tịch UBND") and self.board:
            return self.board[0]
        if role.startswith("Bí thư Đoàn"):
            return self.youngest
        return self.elders.pop(0)


# -- every load: this month's meeting, planned for today ----------------------------------
def plan_todays_meetings(today: date, user: User | None = None) -> int:
    """Plan today's monthly meeting in every demo cell that has none this month.

    Runs on every ``load_demo``: a second load the same month writes nothing; a load in
    a later month plans that month's meeting, and the earlier planned one stays as it
    was (not held), as it would in an office that did not enter it.
    """
    user = user or demo_writer()
    if user is None:
        return 0
    roots = Organization.objects.filter(code__in=ROOT_CODES)
    cells = [
        org
        for root in roots
        for org in Organization.objects.filter(path__startswith=root.path).order_by("code")
        if org.is_member_unit and (org.ended_on is None or org.ended_on > today)
    ]
    planned = set(
        Meeting.objects.filter(
            organization__in=cells,
            kind=Kind.REGULAR,
            date__year=today.year,
            date__month=today.month,
        )
        .exclude(status=Status.CANCELLED)
        .values_list("organization_id", flat=True)
    )
    count = 0
    for org in cells:
        if org.pk in planned:
            continue
        committee = cell_committee(org)
        services.create_meeting(
            user,
            organization=org,
            kind=Kind.REGULAR,
            date=today,
            start_time=start_for(org),
            place=place_for(org),
            chair=committee[0] if committee else None,
            secretary=committee[1] if len(committee) > 1 else None,
            agenda=texts.regular_agenda(today),
            documents_studied=texts.documents_for(today),
        )
        count += 1
    return count


def build_meetings() -> None:
    """The meetings of 2021 and early 2022, built once with the rest of the demo."""
    user = demo_writer()
    if user is None:
        return
    rng = random.Random(SEED)
    cells = CellMeetings(user, rng)
    for code in (BAC_BINH_CODE, THANH_BA_CODE):
        cells.build(Organization.objects.get(code=code))
    CommitteeMeetings(user, rng).build()
