"""The party tree of one synthetic province, with no Django import.

Since 01/7/2025 there is no district level: grassroots organisations sit
directly under the province. About 6.4 % of them are communes and wards (3,321
commune-level units for some 52,000 grassroots nationally), large (~860
members on average); the rest are agency and enterprise organisations of ~55
members, a good share of them "chi bộ cơ sở" (``is_cell``). Cells have 5 to 60
members, ~18.7 on average (≈ 300,000 cells at 5.6 million members).
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field

from dangvu.core.synthetic.data import AGENCY_UNITS, ENTERPRISE_UNITS, PLACE_WORDS

MEMBERS_PER_GRASSROOTS = 108  # 5.6 million members / 52,000 grassroots
COMMUNE_SHARE = 0.064  # 3,321 commune-level units / 52,000 grassroots
COMMUNE_WEIGHT = 8.0  # a commune's membership relative to the national mean
OTHER_WEIGHT = (1 - COMMUNE_SHARE * COMMUNE_WEIGHT) / (1 - COMMUNE_SHARE)
MEMBERS_PER_CELL = 17  # target of the split; is_cell grassroots lift the mean to ~18.7
CELL_MIN, CELL_MAX = 5, 60


@dataclass
class CellPlan:
    code: str
    name: str
    kind: str
    members: int
    pk: int = 0
    path: str = ""


@dataclass
class GrassrootsPlan:
    code: str
    name: str
    short_name: str
    kind: str
    members: int
    is_cell: bool = False
    cells: list[CellPlan] = field(default_factory=list)
    pk: int = 0
    path: str = ""


def apportion(total: int, weights: list[float]) -> list[int]:
    """``total`` split in proportion to ``weights`` (largest remainder), summing exactly."""
    whole = sum(weights)
    shares = [total * w / whole for w in weights]
    counts = [math.floor(s) for s in shares]
    order = sorted(range(len(weights)), key=lambda i: counts[i] - shares[i])
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return counts


def split_cells(rng: random.Random, members: int) -> list[int]:
    """Sizes of the cells of a grassroots organisation: each 5..60, summing to ``members``."""
    low = math.ceil(members / CELL_MAX)
    high = max(1, members // CELL_MIN)
    count = min(max(round(members / MEMBERS_PER_CELL), low, 2), high)
    sizes = [CELL_MIN] * count
    rest = members - CELL_MIN * count
    weights = [rng.expovariate(1.0) + 0.15 for _ in range(count)]
    for i, extra in enumerate(apportion(rest, weights)):
        sizes[i] += extra
    overflow = 0
    for i, size in enumerate(sizes):
        if size > CELL_MAX:
            overflow += size - CELL_MAX
            sizes[i] = CELL_MAX
    i = 0
    while overflow:
        if sizes[i] < CELL_MAX:
            room = min(CELL_MAX - sizes[i], overflow)
            sizes[i] += room
            overflow -= room
        i = (i + 1) % count
    return sizes


def place_name(rng: random.Random) -> str:
    first = rng.choice(PLACE_WORDS)
    second = rng.choice(PLACE_WORDS)
    return f"{first} {second}" if first != second else first


COMMUNE_CELL_KINDS = (
    ("residential", 0.80), ("school", 0.08), ("police", 0.04), ("military", 0.04),
    ("agency", 0.04),
)  # fmt: skip


def _commune_cell(rng: random.Random, ward: bool, number: int) -> tuple[str, str]:
    roll = rng.random()
    kind = COMMUNE_CELL_KINDS[-1][0]
    for candidate, share in COMMUNE_CELL_KINDS:
        if roll < share:
            kind = candidate
            break
        roll -= share
    if kind == "residential":
        if ward:
            return kind, f"Chi bộ Khu phố {number}"
        return kind, f"Chi bộ thôn {place_name(rng)}"
    where = "phường" if ward else "xã"
    return kind, {
        "school": f"Chi bộ Trường Tiểu học {place_name(rng)}",
        "police": f"Chi bộ Công an {where}",
        "military": f"Chi bộ Quân sự {where}",
        "agency": "Chi bộ Cơ quan Đảng, Mặt trận và đoàn thể",
    }[kind]


def plan_province(
    rng: random.Random, code: str, members: int, city: bool, province_name: str
) -> list[GrassrootsPlan]:
    """The grassroots organisations and cells of a province of ``members`` members."""
    count = max(1, round(members / MEMBERS_PER_GRASSROOTS))
    count = max(1, min(count, members // CELL_MIN))
    communes = max(1, round(count * COMMUNE_SHARE))
    kinds: list[str] = []
    for i in range(count):
        if i < communes:
            kinds.append("ward" if rng.random() < (0.55 if city else 0.15) else "commune")
        else:
            kinds.append("agency" if rng.random() < 0.65 else "enterprise")
    weights = [
        (COMMUNE_WEIGHT if kind in ("commune", "ward") else OTHER_WEIGHT) * rng.uniform(0.4, 1.6)
        for kind in kinds
    ]
    sizes = apportion(members - CELL_MIN * count, weights)
    plans: list[GrassrootsPlan] = []
    for number, (kind, extra) in enumerate(zip(kinds, sizes, strict=True), start=1):
        size = CELL_MIN + extra
        gr_code = f"{code}-{number:05d}"
        if kind in ("commune", "ward"):
            short = f"{'phường' if kind == 'ward' else 'xã'} {place_name(rng)}"
            unit_kinds: tuple[str, ...] = ()
        elif kind == "agency":
            unit = rng.choice(AGENCY_UNITS)
            short = (
                unit
                if unit.startswith(("Văn phòng", "Ban", "Sở", "Thanh tra"))
                else (f"{unit} {place_name(rng)}")
            )
            unit_kinds = ("school",) if "Trường" in unit else ("agency",)
            if unit == "Công an":
                unit_kinds = ("police",)
            elif unit == "Bộ Chỉ huy Quân sự":
                unit_kinds = ("military",)
        else:
            short = f"{rng.choice(ENTERPRISE_UNITS)} {place_name(rng)}"
            unit_kinds = ("enterprise",)
        is_cell = size < 10 or (
            kind in ("agency", "enterprise") and size <= 45 and rng.random() < 0.55
        )
        plan = GrassrootsPlan(
            code=gr_code,
            name=f"{'Chi bộ' if is_cell else 'Đảng bộ'} {short}",
            short_name=short,
            kind=kind,
            members=size,
            is_cell=is_cell,
        )
        if not is_cell:
            ward = kind == "ward"
            for cell_number, cell_size in enumerate(split_cells(rng, size), start=1):
                if unit_kinds:
                    cell_kind = unit_kinds[0]
                    cell_name = (
                        f"Chi bộ {('Phòng', 'Tổ', 'Bộ phận')[cell_number % 3]} {cell_number}"
                    )
                else:
                    cell_kind, cell_name = _commune_cell(rng, ward, cell_number)
                plan.cells.append(
                    CellPlan(f"{gr_code}-{cell_number:03d}", cell_name, cell_kind, cell_size)
                )
        plans.append(plan)
    return plans
