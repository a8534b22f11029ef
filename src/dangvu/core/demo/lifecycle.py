"""The lifecycle part of the demo, through the lifecycle services, relative to today.

The registry is built as of 31/12/2022 (``build.py``); this part adds what an
office would have entered since, so that the inbox ("Việc cần làm") has real
items on the day the demo is loaded, while the figures of the articles stay
true on 31/12/2022 and today (every member added after 2022 is balanced by a
dated death):

* Bắc Bình: a 2021 admission target of one for each village cell, and ten
  candidates sent to the Party awareness course in 2021;
* probationers recognised when their 12 months ended, badges awarded at the
  award dates already past, so the inbox shows only what is really pending;
* Thanh Ba: two probations ending in the coming weeks and a recognition
  overdue, a temporary transfer between two of its cells in progress, and the
  dues of Khu 1 for this year with three members three months behind.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from dangvu.accounts.models import User
from dangvu.admissions.choices import Stage
from dangvu.admissions.rules import add_months
from dangvu.admissions.services import (
    advance_candidate,
    propose_candidate,
    recognise_member,
    set_admission_target,
)
from dangvu.core.demo.people import PeopleFactory
from dangvu.core.demo.plans import BAC_BINH, RESERVED_NAMES, THANH_BA
from dangvu.members import badge_rules, badges, dues
from dangvu.members.choices import Status
from dangvu.members.decisions import record_death
from dangvu.members.models import Member
from dangvu.members.rules import make_national_id
from dangvu.members.services import create_member
from dangvu.members.transfers import issue_transfer
from dangvu.organizations.models import Organization

SEED = 2023
BAC_BINH_CODE = "VP-LT-BB"
THANH_BA_CODE = "PT-TB-TT"
SENT_TO_COURSE_2021 = 10
# Months since the ceremony of the Thanh Ba probationers added for the inbox.
PROBATION_MONTHS_AGO = (11, 11, 13)
DUES_CELL = "PT-TB-TT-01"
DUES_BEHIND = 3


class LifecycleDemo:
    def __init__(self, today: date, actor: Any = None) -> None:
        self.today = today
        self.actor = actor
        self.rng = random.Random(SEED)
        self.people = PeopleFactory(self.rng, RESERVED_NAMES)
        self.admin = User.objects.filter(is_superuser=True).order_by("pk").first()

    def build(self) -> None:
        bac_binh = Organization.objects.get(code=BAC_BINH_CODE)
        thanh_ba = Organization.objects.get(code=THANH_BA_CODE)
        self.targets(bac_binh)
        self.sent_to_course(bac_binh)
        self.recognise_past_probations()
        self.probations(thanh_ba)
        self.award_past_badges()
        self.transfer_in_progress(thanh_ba)
        self.dues(Organization.objects.get(code=DUES_CELL))

    def villages(self, org: Organization) -> list[Organization]:
        return list(org.children.filter(kind="residential").order_by("code"))

    def targets(self, bac_binh: Organization) -> None:
        for cell in self.villages(bac_binh):
            set_admission_target(cell, 2021, 1, actor=self.actor)

    def sent_to_course(self, bac_binh: Organization) -> None:
        villages = self.villages(bac_binh)
        for i in range(SENT_TO_COURSE_2021):
            cell = villages[i % len(villages)]
            profile = self.people.profile(
                where=BAC_BINH.where,
                area=cell.name.removeprefix("Chi bộ thôn "),
                kind="residential",
                floor=1990,
                occupation="Nông dân",
                admitted=None,
            )
            data = {
                key: profile[key]
                for key in ("full_name", "gender", "birth_date", "ethnicity", "address")
                if key in profile
            }
            data["birth_date"] = date(1995 + i, 3, 1 + i)
            proposed = date(2021, 1 + i, 5)
            candidate = propose_candidate(
                actor=self.actor, cell=cell, data=data, proposed_on=proposed, today=self.today
            )
            advance_candidate(
                candidate,
                actor=self.actor,
                stage=Stage.COURSE_SENT,
                date=proposed + timedelta(days=20),
                decided_by=cell.parent.name if cell.parent else "",
                document_number=f"{10 + i}-QĐ/ĐU",
                today=self.today,
            )

    def recognise_past_probations(self) -> None:
        """Probationers whose 12 months ended before today were recognised then."""
        for member in Member.objects.filter(
            status=Status.PROBATIONARY, ceremony_date__isnull=False
        ):
            assert member.ceremony_date is not None
            end = add_months(member.ceremony_date, 12)
            meeting = end + timedelta(days=10)
            if meeting > self.today - timedelta(days=30):
                continue
            recognise_member(
                member,
                actor=self.actor,
                meeting_date=meeting,
                decided_by=member.cell.parent.name if member.cell.parent else member.cell.name,
                decision_number=f"{member.pk}-QĐ/ĐU",
                decision_date=meeting + timedelta(days=7),
                today=self.today,
            )

    def probations(self, thanh_ba: Organization) -> None:
        """Two probations end soon, one recognition is overdue; each balanced by a death."""
        villages = self.villages(thanh_ba)
        for i, months in enumerate(PROBATION_MONTHS_AGO):
            cell = villages[i]
            ceremony = add_months(self.today, -months) - timedelta(days=3 * i)
            eldest = (
                Member.objects.filter(cell=cell, status__in=[Status.FULL, Status.EXEMPT])
                .order_by("birth_date")
                .first()
            )
            assert eldest is not None
            record_death(
                eldest,
                actor=self.actor,
                effective_date=ceremony - timedelta(days=40),
                decided_by=cell.name,
                today=self.today,
            )
            profile = self.people.profile(
                where=THANH_BA.where,
                area=cell.name.removeprefix("Chi bộ "),
                kind="residential",
                floor=1990,
                occupation="Kinh doanh",
                admitted=ceremony,
            )
            # Serials of their own keep the card number and the id unique.
            profile.update(official_date=None, card_number=f"9900{i:04d}")
            profile["national_id"] = make_national_id(
                25, profile["gender"], profile["birth_date"], 990_001 + i
            )
            create_member(actor=self.actor, cell=cell, data=profile, today=self.today)

    def award_past_badges(self) -> None:
        """Badges due at an award date already past were awarded on that day."""
        if self.admin is None:
            return
        last = badge_rules.next_award_date(self.today) - timedelta(days=1)
        for row in badges.due_badges(self.admin, None, badge_rules.next_award_date(self.today)):
            award = badge_rules.next_award_date(row.first_due_on)
            if award > last:
                continue
            badges.record_badge_award(
                row.member,
                actor=self.actor,
                milestone=row.milestone,
                award_date=award,
                decision_number=f"{row.member.pk}-QĐ/TU",
                decided_by="Tỉnh ủy",
            )

    def transfer_in_progress(self, thanh_ba: Organization) -> None:
        """A member of Khu 2 moves to Khu 3 for a while; the letter is not presented yet."""
        home, host = self.villages(thanh_ba)[1:3]
        member = (
            Member.objects.filter(cell=home, status=Status.FULL, exempt_from__isnull=True)
            .order_by("-birth_date")
            .first()
        )
        assert member is not None
        moved = self.today - timedelta(days=20)
        issue_transfer(
            member,
            actor=self.actor,
            kind="temporary",
            to_cell=host,
            moved_on=moved,
            letter_number="25-GGT/ĐU",
            letter_date=moved,
            until=add_months(moved, 6),
            reason="Làm việc có thời hạn tại khu khác",
            today=self.today,
        )

    def dues(self, cell: Organization) -> None:
        """Khu 1 pays this year's dues monthly; three members are three months behind."""
        members = list(
            Member.objects.filter(cell=cell, status__in=[Status.FULL, Status.PROBATIONARY])
            .exclude(exempt_from__isnull=False)
            .order_by("pk")
        )
        first = date(self.today.year, 1, 1)
        for member in members:
            dues.set_dues_profile(
                member, actor=self.actor, category="other", base_amount=None, valid_from=first
            )
        behind = {m.pk for m in members[-DUES_BEHIND:]}
        month = first
        last = date(self.today.year, self.today.month, 1)
        while month < last:
            months_left = (last.year - month.year) * 12 + last.month - month.month
            owing = {row.member.pk for row in dues.dues_sheet(cell, month) if not row.exempt}
            payers = [
                m
                for m in members
                if m.pk in owing and (m.pk not in behind or months_left > DUES_BEHIND)
            ]
            dues.record_payments(
                cell,
                month,
                actor=self.actor,
                payments=[(m, None) for m in payers],
                paid_on=month + timedelta(days=14),
                today=self.today,
            )
            month = add_months(month, 1)


def build_lifecycle(today: date, actor: Any = None) -> None:
    LifecycleDemo(today, actor).build()
