"""Build the demo tree through the services, exactly as an office would enter it.

Every row is written by ``create_organization``, ``create_member``,
``exempt_member``, ``place_member``, ``create_committee``, ``appoint_position``
and ``create_agency``, so the demo passes the same validation as real data and
its history shows how it was entered.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from dangvu.core.demo.people import DEMO_END, PeopleFactory, add_years, random_day
from dangvu.core.demo.plans import RESERVED_NAMES, CellPlan, GrassrootsPlan, ProvincePlan
from dangvu.members.decisions import exempt_member
from dangvu.members.models import Member
from dangvu.members.rules import age_in_years
from dangvu.members.services import create_member, place_member
from dangvu.organizations.models import Committee, Organization
from dangvu.organizations.services import (
    appoint_position,
    create_agency,
    create_committee,
    create_organization,
)

SEED = 2022
# Exemption for old age (Quy định 24-QĐ/TW, 5.2): the demo exempts some members from 70.
EXEMPTION_AGE = 70
EXEMPTION_SHARE = 0.45
CELL_TERM = (2020, 2022)
GRASSROOTS_TERM = (2020, 2025)
# A cell with at least 9 full members elects a chi ủy of three (secretary, deputy, member).
FULL_COMMITTEE_SIZE = 9
TRANSFERS_PER_GRASSROOTS = 3


@dataclass
class Unit:
    """A cell being built: its organisation, its plan and the members in it."""

    org: Organization
    plan: CellPlan
    members: list[Member] = field(default_factory=list)


class DemoBuilder:
    """Walks the plans; one seeded generator makes every choice, so runs are identical."""

    def __init__(self, actor: Any = None) -> None:
        self.actor = actor
        self.rng = random.Random(SEED)
        self.people = PeopleFactory(self.rng, RESERVED_NAMES)
        self.reserved = set(RESERVED_NAMES)

    def build(self, provinces: tuple[ProvincePlan, ...]) -> None:
        for plan in provinces:
            self.build_province(plan)

    def build_province(self, plan: ProvincePlan) -> None:
        province = self._org(plan.code, plan.name, "province")
        district = self._org(plan.district_code, plan.district_name, "district", parent=province)
        units: dict[str, Unit] = {}
        for grassroots in plan.grassroots:
            units.update((u.org.code, u) for u in self.build_grassroots(grassroots, district))
        if plan.temporary_stay:
            home, host = plan.temporary_stay
            self._temporary_stay(units[home], units[host])

    def _org(self, code: str, name: str, level: str, **kwargs: Any) -> Organization:
        return create_organization(actor=self.actor, code=code, name=name, level=level, **kwargs)

    # -- a grassroots organisation -----------------------------------------
    def build_grassroots(self, plan: GrassrootsPlan, district: Organization) -> list[Unit]:
        code = f"{district.code}-{plan.suffix}"
        org = self._org(
            code,
            plan.name,
            "grassroots",
            parent=district,
            kind=plan.kind,
            is_cell=plan.is_cell,
            founded_on=plan.founded,
        )
        if plan.is_cell:
            units = [Unit(org, plan.cells[0])]
        else:
            units = [Unit(self._cell(org, plan, cell), cell) for cell in plan.cells]
        areas = [u.plan.area for u in units if u.plan.kind == "residential"] or ["Khóm 1"]
        for unit in units:
            self._populate(unit, plan, areas)
        self._exempt_the_eldest(units)
        self._move_some(units)
        for unit in units:
            self._cell_committee(unit)
        if not plan.is_cell:
            self._executive(org, plan, units)
        for name, short_name, kind in plan.agencies:
            create_agency(org, actor=self.actor, name=name, kind=kind, short_name=short_name)
        return units

    def _cell(self, parent: Organization, plan: GrassrootsPlan, cell: CellPlan) -> Organization:
        founded = max(
            plan.founded, random_day(self.rng, date(cell.founded, 1, 1), date(cell.founded, 12, 28))
        )
        return self._org(
            f"{parent.code}-{cell.suffix}",
            cell.name,
            "cell",
            parent=parent,
            kind=cell.kind,
            founded_on=founded,
        )

    # -- members -------------------------------------------------------------
    def _populate(self, unit: Unit, plan: GrassrootsPlan, areas: list[str]) -> None:
        cell, where = unit.plan, plan.where
        working = cell.kind != "residential"
        profiles = [
            self.people.complete(
                full_name=p.full_name,
                gender=p.gender,
                birth=p.birth_date,
                ceremony=p.ceremony_date,
                where=where,
                area=self.rng.choice(areas),
                working=True,
                occupation=p.occupation,
            )
            for p in plan.leaders
            if p.cell == cell.suffix
        ]
        fixed = [day for day, n in cell.admitted for _ in range(n)]
        for day in [*fixed, *[None] * (cell.size - len(profiles) - len(fixed))]:
            profiles.append(
                self.people.profile(
                    where=where,
                    area=self.rng.choice(areas) if working else cell.area,
                    kind=cell.kind,
                    floor=max(1960, cell.founded + 1),
                    occupation=cell.occupation,
                    admitted=day,
                )
            )
        profiles.sort(key=lambda data: (data["ceremony_date"], data["full_name"]))
        for data in profiles:
            unit.members.append(
                create_member(actor=self.actor, cell=unit.org, data=data, today=DEMO_END)
            )

    def _exempt_the_eldest(self, units: list[Unit]) -> None:
        last_day = date(DEMO_END.year - 1, 12, 28)
        for unit in units:
            for member in unit.members:
                if member.official_date is None or self.rng.random() >= EXEMPTION_SHARE:
                    continue
                start = max(member.official_date, add_years(member.birth_date, EXEMPTION_AGE))
                if start > last_day:
                    continue
                exempt_member(
                    member,
                    actor=self.actor,
                    effective_date=random_day(self.rng, start, last_day),
                    decided_by=unit.org.name,
                    reason="Tuổi cao, sức yếu",
                    today=DEMO_END,
                )

    def _move_some(self, units: list[Unit]) -> None:
        """A few members moved house within the commune: a permanent transfer between cells."""
        villages = [u for u in units if u.plan.kind == "residential"]
        if len(villages) < 2:
            return
        moved: set[int] = set()
        for _ in range(TRANSFERS_PER_GRASSROOTS):
            source, target = self.rng.sample(villages, 2)
            movers = [
                (m, m.ceremony_date)
                for m in source.members
                if m.ceremony_date and m.ceremony_date.year < 2005 and m.pk not in moved
            ]
            if not movers:
                continue
            member, ceremony = self.rng.choice(movers)
            place_member(
                member,
                target.org,
                actor=self.actor,
                start_date=random_day(self.rng, add_years(ceremony, 3), date(2019, 12, 28)),
                note="Chuyển nơi cư trú trong địa bàn",
            )
            moved.add(member.pk)
            source.members.remove(member)
            target.members.append(member)

    def _temporary_stay(self, home: Unit, host: Unit) -> None:
        """A member working a year in another commune: counted at home, not at the host."""
        member = self._eligible(home.members, date(2022, 2, 15))[0]
        place_member(
            member,
            host.org,
            actor=self.actor,
            start_date=date(2022, 2, 15),
            kind="temporary",
            note="Chuyển sinh hoạt tạm thời: biệt phái công tác có thời hạn",
        )

    # -- committees ------------------------------------------------------------
    def _eligible(self, members: list[Member], on: date) -> list[Member]:
        """Full members of working age, not exempt and not already named by an article."""
        found = [
            m
            for m in members
            if m.official_date
            and m.official_date <= on
            and m.exempt_from is None
            and m.full_name not in self.reserved
            and 25 <= age_in_years(m.birth_date, on) <= 62
        ]
        return self.rng.sample(found, len(found))

    def _cell_committee(self, unit: Unit) -> None:
        elected = random_day(self.rng, date(2020, 3, 2), date(2020, 5, 28))
        committee = create_committee(
            unit.org,
            actor=self.actor,
            body="cell_committee",
            term_start=CELL_TERM[0],
            term_end=CELL_TERM[1],
            elected_on=elected,
        )
        candidates = self._eligible(unit.members, elected)
        roles = ["secretary"]
        if len(unit.members) >= FULL_COMMITTEE_SIZE:
            roles += ["deputy_secretary", "member"]
        for role, member in zip(roles, candidates, strict=False):
            appoint_position(committee, member, actor=self.actor, role=role)

    def _executive(self, org: Organization, plan: GrassrootsPlan, units: list[Unit]) -> None:
        """The BCH and BTV 2020–2025: the named leaders, a few office cadres, cell secretaries."""
        elected = plan.committee_elected
        by_name = {m.full_name: m for u in units for m in u.members}
        cell_secretaries = list(
            Member.objects.filter(
                positions__committee__organization__in=[u.org for u in units],
                positions__role="secretary",
            ).order_by("org_path", "id")
        )
        offices = [m for u in units if u.plan.kind != "residential" for m in u.members]
        spare = [m for m in self._eligible(offices, elected) if m not in cell_secretaries]
        leaders = [(by_name[p.full_name], p.role, p.title) for p in plan.leaders]
        if not any(role == "secretary" for _, role, _ in leaders):
            leaders.insert(0, (spare.pop(), "secretary", ""))
        if plan.generated_deputy_title:
            leaders.append((spare.pop(), "deputy_secretary", plan.generated_deputy_title))
        chosen = {member for member, _, _ in leaders}
        ordinary = [m for m in [*cell_secretaries, *spare] if m not in chosen]
        ordinary = ordinary[: plan.executive_size - len(leaders)]
        executive = self._committee(org, "executive", elected)
        standing = self._committee(org, "standing", elected)
        for member, role, title in leaders:
            appoint_position(executive, member, actor=self.actor, role=role, title=title)
            appoint_position(standing, member, actor=self.actor, role=role, title=title)
        standing_size = 5 if plan.executive_size >= 13 else 3
        for i, member in enumerate(ordinary):
            appoint_position(executive, member, actor=self.actor)
            if i < standing_size - len(leaders):
                appoint_position(standing, member, actor=self.actor)

    def _committee(self, org: Organization, body: str, elected: date) -> Committee:
        return create_committee(
            org,
            actor=self.actor,
            body=body,
            term_start=GRASSROOTS_TERM[0],
            term_end=GRASSROOTS_TERM[1],
            elected_on=elected,
        )
