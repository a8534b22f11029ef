"""A synthetic national Party for benchmarks: ``dangvu generate_national``.

34 provinces (the units after the 2025 merger, codes ``N01`` … ``N34``) under one
central node (``TW``, so national figures are one organisation's), their
grassroots organisations directly under them, cells of 5–60 members and
members with realistic profiles, loaded in batches without the services (COPY
on PostgreSQL, ``executemany`` on SQLite, one transaction per batch). The same seed and
reference date give the same rows. Generated rows have no history records and
no membership events. Members hold the badges they reached (a few missing, so
some are due), and every cell has a year of regular and thematic meetings with
per-member attendance (``synthetic/meetings.py``); rankings are not generated.
"""

from __future__ import annotations

import hashlib
import importlib
import random
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from tqdm import tqdm

from dangvu.core.synthetic import loader
from dangvu.core.synthetic import meetings as synthetic_meetings
from dangvu.core.synthetic.data import PROVINCES
from dangvu.core.synthetic.people import MEMBER_FIELDS, TEMPORARY_SHARE, MemberFactory
from dangvu.core.synthetic.tree import apportion, plan_province
from dangvu.core.text import fold
from dangvu.core.tree import segment
from dangvu.meetings.models import Attendance, Meeting
from dangvu.members.badge_rules import MILESTONES, next_award_date
from dangvu.members.models import BadgeAward, Member, Placement
from dangvu.members.party_age import add_months
from dangvu.organizations.models import Committee, Organization, Position

ORG_FIELDS = (
    "id", "code", "name", "short_name", "search_text", "level", "kind", "is_cell", "parent_id",
    "path",
)  # fmt: skip
COMMITTEE_FIELDS = (
    "id", "organization_id", "org_path", "body", "term_start", "term_end", "elected_on",
)  # fmt: skip
POSITION_FIELDS = ("id", "committee_id", "org_path", "member_id", "role", "start_date")
PLACEMENT_FIELDS = ("id", "member_id", "cell_id", "org_path", "kind", "start_date")
BADGE_FIELDS = ("id", "member_id", "org_path", "milestone", "award_date", "decided_by")
# Badges already awarded when due; the rest (and those due at the next award date) are due.
BADGE_RECORDED_SHARE = 0.99
TERM = (2025, 2030)
# The top of the generated tree: the provinces' parent, so national figures are one node's.
CENTRAL_CODE = "TW"
CENTRAL_NAME = "Đảng Cộng sản Việt Nam"
CENTRAL_SHORT_NAME = "Trung ương"
COMMITTEE_MIN_MEMBERS = 9  # a cell of nine or more members elects a chi ủy
DEFER_INDEXES_FROM = 100_000  # members: from here PostgreSQL indexes are built after the load


class GenerationRefused(Exception):
    """The database already holds generated national data, or the request is invalid."""


def province_code(index: int) -> str:
    return f"N{index + 1:02d}"


@dataclass
class Result:
    provinces: int = 0
    grassroots: int = 0
    cells: int = 0  # where members belong: cells and grassroots that are cells
    members: int = 0
    placements: int = 0
    temporary: int = 0
    committees: int = 0
    positions: int = 0
    badges: int = 0
    meetings: int = 0
    attendance: int = 0
    seconds: float = 0.0
    write_seconds: float = 0.0  # inside the inserts (COPY / executemany)
    finish_seconds: float = 0.0  # sequences, ANALYZE and the tallies after the load
    digest: str = ""
    tallies_rebuilt: bool = False
    counts_by_table: dict[str, int] = field(default_factory=dict)


class _Buffers:
    def __init__(self) -> None:
        self.orgs: list[tuple[Any, ...]] = []
        self.members: list[tuple[Any, ...]] = []
        self.placements: list[tuple[Any, ...]] = []
        self.committees: list[tuple[Any, ...]] = []
        self.positions: list[tuple[Any, ...]] = []
        self.badges: list[tuple[Any, ...]] = []
        self.meetings: list[tuple[Any, ...]] = []
        self.attendance: list[tuple[Any, ...]] = []

    def clear(self) -> None:
        for rows in vars(self).values():
            rows.clear()


def _tallies_rebuild() -> Callable[[], Any] | None:
    try:
        module = importlib.import_module("dangvu.reports.tallies")
    except ImportError:
        return None
    rebuild = getattr(module, "rebuild", None)
    return rebuild if callable(rebuild) else None


def generate(
    members: int,
    seed: int,
    *,
    as_of: date | None = None,
    provinces: int = len(PROVINCES),
    batch: int = 50_000,
    dry_run: bool = False,
    progress: bool = True,
    defer_indexes: bool | None = None,
    meeting_months: int = 12,
) -> Result:
    """Generate and load a party of ``members`` members; see the module docstring."""
    if not 1 <= provinces <= len(PROVINCES):
        raise GenerationRefused(_("Số tỉnh phải từ 1 đến %(n)d.") % {"n": len(PROVINCES)})
    if members < 5 * provinces:
        raise GenerationRefused(
            _("Cần ít nhất %(n)d đảng viên (5 cho mỗi tỉnh).") % {"n": 5 * provinces}
        )
    if batch < 1:
        raise GenerationRefused(_("Kích thước lô phải là số dương."))
    if not 0 <= meeting_months <= 120:
        raise GenerationRefused(_("Số tháng sinh hoạt phải từ 0 đến 120."))
    codes = [province_code(i) for i in range(provinces)]
    taken = list(
        Organization.objects.filter(code__in=[CENTRAL_CODE, *codes]).values_list("code", flat=True)
    )
    if taken and not dry_run:
        raise GenerationRefused(
            _(
                "Cơ sở dữ liệu đã có dữ liệu toàn quốc sinh tự động (mã %(codes)s); "
                "không sinh thêm. Hãy dùng một cơ sở dữ liệu trống."
            )
            % {"codes": ", ".join(sorted(taken)[:3])}
        )
    started = time.monotonic()
    as_of = as_of or timezone.localdate()
    rng = random.Random(seed)
    factory = MemberFactory(rng, as_of)
    now = timezone.now()
    writers = {
        "orgs": loader.TableWriter(Organization, ORG_FIELDS),
        "members": loader.TableWriter(
            Member, MEMBER_FIELDS, {"created_at": now, "updated_at": now}
        ),
        "placements": loader.TableWriter(Placement, PLACEMENT_FIELDS),
        "committees": loader.TableWriter(Committee, COMMITTEE_FIELDS),
        "positions": loader.TableWriter(Position, POSITION_FIELDS),
        "badges": loader.TableWriter(BadgeAward, BADGE_FIELDS),
        "meetings": loader.TableWriter(
            Meeting, synthetic_meetings.MEETING_FIELDS, {"created_at": now}
        ),
        "attendance": loader.TableWriter(Attendance, synthetic_meetings.ATTENDANCE_FIELDS),
    }
    ids = {
        "orgs": loader.max_id(Organization),
        "members": loader.max_id(Member),
        "placements": loader.max_id(Placement),
        "committees": loader.max_id(Committee),
        "positions": loader.max_id(Position),
        "badges": loader.max_id(BadgeAward),
        "meetings": loader.max_id(Meeting),
        "attendance": loader.max_id(Attendance),
    }
    result = Result(provinces=provinces)
    buffers = _Buffers()
    digest = hashlib.sha256()
    elected_on = min(date(TERM[0], 5, 15), as_of)

    def next_id(table: str) -> int:
        ids[table] += 1
        return ids[table]

    def flush() -> None:
        if not dry_run:
            began = time.monotonic()
            with transaction.atomic():
                writers["orgs"].write(buffers.orgs)
                writers["members"].write(buffers.members)
                writers["placements"].write(buffers.placements)
                writers["committees"].write(buffers.committees)
                writers["positions"].write(buffers.positions)
                writers["badges"].write(buffers.badges)
                writers["meetings"].write(buffers.meetings)
                writers["attendance"].write(buffers.attendance)
            result.write_seconds += time.monotonic() - began
        buffers.clear()

    def committee(org_id: int, path: str, body: str, roles: list[tuple[str, int]]) -> None:
        pk = next_id("committees")
        buffers.committees.append((pk, org_id, path, body, TERM[0], TERM[1], elected_on))
        result.committees += 1
        for role, member_id in roles:
            buffers.positions.append((next_id("positions"), pk, path, member_id, role, elected_on))
            result.positions += 1

    badge_rng = random.Random(seed + 1)  # its own stream: the members stay as they were

    def badges(member_id: int, path: str, admitted: date, province_name: str) -> None:
        """The badges a member received at the award date after each milestone."""
        for milestone in MILESTONES:
            reached = add_months(admitted, 12 * milestone)
            if reached >= as_of:
                return
            awarded = next_award_date(reached)
            if awarded < as_of and badge_rng.random() < BADGE_RECORDED_SHARE:
                buffers.badges.append(
                    (next_id("badges"), member_id, path, milestone, awarded, province_name)
                )
                result.badges += 1

    meeting_rng = random.Random(seed + 2)
    months = synthetic_meetings.months_before(as_of, meeting_months)

    def org_row(pk: int, code: str, name: str, short: str, level: str, kind: str,
                is_cell: bool, parent: int | None, path: str) -> None:  # fmt: skip
        search_text = fold(f"{name} {short} {code}")
        buffers.orgs.append(
            (pk, code, name, short, search_text, level, kind, is_cell, parent, path)
        )

    sizes = apportion(members, [p.weight for p in PROVINCES[:provinces]])
    bar = tqdm(total=members, unit=" đv", file=sys.stderr, disable=not progress, smoothing=0.1)
    if not dry_run:
        loader.tune_sqlite_for_load()
    # One transaction per batch: SQLite's statement journals (the search triggers) slow
    # down as one huge transaction grows, and PostgreSQL's deferred FK checks pile up.
    if defer_indexes is None:
        defer_indexes = members >= DEFER_INDEXES_FROM
    deferred = loader.indexes_built_after(
        [w.table for w in writers.values()], defer_indexes and not dry_run
    )
    try:
        with deferred:
            central_pk = next_id("orgs")
            central_path = segment(central_pk)
            org_row(central_pk, CENTRAL_CODE, CENTRAL_NAME, CENTRAL_SHORT_NAME, "central", "",
                    False, None, central_path)  # fmt: skip
            for index, (province, size) in enumerate(zip(PROVINCES, sizes, strict=False)):
                code = codes[index]
                province_pk = next_id("orgs")
                province_path = central_path + segment(province_pk)
                org_row(province_pk, code, province.committee_name, province.name, "province", "",
                        False, central_pk, province_path)  # fmt: skip
                plans = plan_province(rng, code, size, province.city, province.name)
                units: list[tuple[int, str]] = []
                held: dict[int, synthetic_meetings.Unit] = {}
                for plan in plans:
                    plan.pk = next_id("orgs")
                    plan.path = province_path + segment(plan.pk)
                    org_row(plan.pk, plan.code, plan.name, plan.short_name, "grassroots", plan.kind,
                            plan.is_cell, province_pk, plan.path)  # fmt: skip
                    if plan.is_cell:
                        units.append((plan.pk, plan.path))
                        held[plan.pk] = synthetic_meetings.Unit(plan.pk, plan.path)
                    for cell in plan.cells:
                        cell.pk = next_id("orgs")
                        cell.path = plan.path + segment(cell.pk)
                        org_row(cell.pk, cell.code, cell.name, "", "cell", cell.kind,
                                False, plan.pk, cell.path)  # fmt: skip
                        units.append((cell.pk, cell.path))
                        held[cell.pk] = synthetic_meetings.Unit(cell.pk, cell.path)
                result.grassroots += len(plans)
                result.cells += len(units)
                for plan in plans:
                    cells = [plan] if plan.is_cell else plan.cells
                    first_member = 0
                    for unit in cells:
                        address = f"{unit.name}, {plan.short_name}, {province.name}"
                        kind = (
                            unit.kind
                            if unit is not plan
                            else ("agency" if plan.kind in ("commune", "ward") else plan.kind)
                        )
                        unit_first = ids["members"] + 1
                        first_member = first_member or unit_first
                        for _n in range(unit.members):
                            pk = next_id("members")
                            row = factory.member(pk, province, unit.pk, unit.path, kind, address)
                            buffers.members.append(row)
                            buffers.placements.append(
                                (
                                    next_id("placements"),
                                    pk,
                                    unit.pk,
                                    unit.path,
                                    "permanent",
                                    row[21],
                                )
                            )
                            digest.update(f"{row[1]}|{row[5].isoformat()}|{unit.code}\n".encode())
                            badges(pk, unit.path, row[19], province.committee_name)
                            person = synthetic_meetings.Person(
                                pk, row[24], row[21], row[23],
                                habit=synthetic_meetings.habit(meeting_rng),
                            )  # fmt: skip
                            held[unit.pk].people.append(person)
                            if rng.random() < TEMPORARY_SHARE and len(units) > 1:
                                host_pk, host_path = units[int(rng.random() * len(units))]
                                if host_pk != unit.pk:
                                    start = as_of.toordinal() - 30 - int(rng.random() * 300)
                                    buffers.placements.append(
                                        (next_id("placements"), pk, host_pk, host_path, "temporary",
                                         date.fromordinal(start))
                                    )  # fmt: skip
                                    result.temporary += 1
                                    person.away_from = date.fromordinal(start)
                                    held[host_pk].hosted.append((person, person.away_from))
                        if unit.members >= COMMITTEE_MIN_MEMBERS:
                            roles = [
                                ("secretary", unit_first),
                                ("deputy_secretary", unit_first + 1),
                            ]
                            committee(unit.pk, unit.path, "cell_committee", roles)
                        bar.update(unit.members)
                        result.members += unit.members
                    if not plan.is_cell:
                        committee(plan.pk, plan.path, "executive", [("secretary", first_member)])
                    if len(buffers.members) >= batch:
                        flush()
                for cell_unit in held.values():
                    before = len(buffers.meetings), len(buffers.attendance)
                    synthetic_meetings.write_unit(
                        cell_unit, months, meeting_rng, next_id,
                        buffers.meetings, buffers.attendance,
                    )  # fmt: skip
                    result.meetings += len(buffers.meetings) - before[0]
                    result.attendance += len(buffers.attendance) - before[1]
                    if len(buffers.attendance) >= 10 * batch:
                        flush()
            flush()
    finally:
        bar.close()
        if not dry_run:
            loader.restore_sqlite_settings()
    result.placements = result.members + result.temporary
    finishing = time.monotonic()
    if not dry_run:
        tables = [w.table for w in writers.values()]
        loader.reset_sequences(tables)
        loader.analyze(tables)
        rebuild = _tallies_rebuild()
        if rebuild is not None:
            rebuild()
            result.tallies_rebuilt = True
    result.finish_seconds = time.monotonic() - finishing
    result.digest = digest.hexdigest()
    result.seconds = time.monotonic() - started
    return result
