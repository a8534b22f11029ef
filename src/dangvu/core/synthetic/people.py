"""Member rows of the synthetic Party, drawn fast from one seeded generator.

No Django import: rows are plain tuples in the order of ``MEMBER_FIELDS``,
with ``search_text`` and ``sort_key`` computed exactly as ``Member.save`` does.
Every member is at least 18 at the admission decision (Điều lệ Đảng, Điều 1);
probationary members were admitted within the last year, exempt members long
ago; national IDs follow Thông tư 59/2021/TT-BCA with a serial per province
code, gender and birth year (from 500,000, clear of the demo's), and card
numbers are 8 digits from 90,000,001.
"""

from __future__ import annotations

import random
from bisect import bisect
from datetime import date, timedelta
from itertools import accumulate
from typing import Any

from dangvu.core.demo.people import FEMALE_GIVEN, FEMALE_MIDDLE, MALE_GIVEN, MALE_MIDDLE
from dangvu.core.synthetic.data import (
    ETHNIC_SURNAMES,
    ETHNICITIES,
    NORTH_SURNAMES,
    OCCUPATIONS_BY_KIND,
    PROVINCES,
    RELIGIONS,
    SOUTH_SURNAMES,
    VILLAGE_OCCUPATIONS,
    VILLAGE_QUALIFICATION,
    VILLAGE_THEORY,
    WORKING_QUALIFICATION,
    WORKING_THEORY,
    Province,
)
from dangvu.core.text import fold, name_sort_key
from dangvu.members.rules import make_national_id

MEMBER_FIELDS = (
    "id", "full_name", "search_text", "sort_key", "gender", "birth_date", "birth_place",
    "home_town", "ethnicity", "religion", "national_id", "phone", "address",
    "education_level", "qualification", "political_theory", "occupation", "card_number",
    "profile_number", "admission_decision_date", "admission_decision_number", "ceremony_date",
    "official_date", "exempt_from", "status", "status_date", "cell_id", "org_path",
)  # fmt: skip
WORKING_KINDS = frozenset(OCCUPATIONS_BY_KIND)
NATIONAL_ID_SERIAL_START = 500_000
CARD_NUMBER_START = 90_000_000
PROBATIONARY_SHARE = 0.025
EXEMPT_SHARE = 0.03
TEMPORARY_SHARE = 0.01
PHONE_PREFIXES = ("91", "94", "98", "97", "96", "86", "88", "35", "36", "37", "38", "39", "83")
SOUTHERN_REGIONS = frozenset({"south", "mekong", "plateau"})


class Table:
    """A weighted choice drawn with one ``random()`` and a bisection."""

    def __init__(self, pairs: Any) -> None:
        self.values = [p[0] for p in pairs]
        self.cumulative = list(accumulate(p[1] for p in pairs))
        self.total = self.cumulative[-1]

    def pick(self, rng: random.Random) -> Any:
        return self.values[bisect(self.cumulative, rng.random() * self.total)]


def _year_table(first: int, last: int, slope: float) -> Table:
    """Admission years, more in recent decades (the living stock of each intake)."""
    return Table([(year, 1 + slope * (year - first)) for year in range(first, last + 1)])


class MemberFactory:
    def __init__(self, rng: random.Random, as_of: date) -> None:
        self.rng = rng
        self.as_of = as_of
        self.as_of_ord = as_of.toordinal()
        self.serials: dict[tuple[int, str, int], int] = {}
        self.card = CARD_NUMBER_START
        self.decision = 0
        self.names: dict[str, tuple[str, str]] = {}
        year = as_of.year
        self.full_years = _year_table(year - 76, year - 2, 0.12)
        self.working_years = _year_table(year - 40, year - 2, 0.08)
        self.exempt_years = _year_table(year - 70, year - 32, 0.1)
        self.surnames = {"north": Table(NORTH_SURNAMES), "south": Table(SOUTH_SURNAMES)}
        self.ethnic_surnames = {k: Table(v) for k, v in ETHNIC_SURNAMES.items()}
        self.ethnicities = {k: Table(v) for k, v in ETHNICITIES.items()}
        self.religions = {k: Table(v) for k, v in RELIGIONS.items()}
        self.male_middle, self.female_middle = Table(MALE_MIDDLE), Table(FEMALE_MIDDLE)
        self.occupations = Table(VILLAGE_OCCUPATIONS)
        self.qualification = (Table(VILLAGE_QUALIFICATION), Table(WORKING_QUALIFICATION))
        self.theory = (Table(VILLAGE_THEORY), Table(WORKING_THEORY))
        self.all_id_codes = [code for p in PROVINCES for code in p.id_codes]

    def _folded(self, full_name: str) -> tuple[str, str]:
        cached = self.names.get(full_name)
        if cached is None:
            cached = self.names[full_name] = (fold(full_name), name_sort_key(full_name))
        return cached

    def _name(self, gender: str, region: str, ethnicity: str) -> str:
        rng = self.rng
        table = self.ethnic_surnames.get(ethnicity)
        if table is None:
            table = self.surnames["south" if region in SOUTHERN_REGIONS else "north"]
        surname = table.pick(rng)
        if gender == "male":
            middle, given = (
                self.male_middle.pick(rng),
                MALE_GIVEN[int(rng.random() * len(MALE_GIVEN))],
            )
        else:
            middle, given = (
                self.female_middle.pick(rng),
                FEMALE_GIVEN[int(rng.random() * len(FEMALE_GIVEN))],
            )
        if middle == given:
            middle = "Văn" if gender == "male" else "Thị"
        return f"{surname} {middle} {given}"

    def _dates(self, status: str, working: bool) -> tuple[int, int]:
        """(ceremony, birth) ordinals for a member of ``status``."""
        rng = self.rng
        as_of = self.as_of
        if status == "probationary":
            ceremony = self.as_of_ord - 10 - int(rng.random() * 350)
            year = date.fromordinal(ceremony).year
        else:
            years = (
                self.exempt_years
                if status == "exempt"
                else (self.working_years if working else self.full_years)
            )
            year = years.pick(rng)
            ceremony = date(year, 1, 1).toordinal() + int(rng.random() * 364)
            ceremony = min(ceremony, self.as_of_ord - 370)
        oldest_birth_year = as_of.year - (60 if working and status != "exempt" else 95)
        ceiling = max(18.3, min(year - oldest_birth_year, 45.0))
        age = rng.triangular(18.3, ceiling, min(24.0, ceiling))
        return ceremony, ceremony - int(age * 365.2425)

    def member(
        self, pk: int, province: Province, cell_id: int, cell_path: str, kind: str, address: str
    ) -> tuple[Any, ...]:
        rng = self.rng
        roll = rng.random()
        status = (
            "probationary"
            if roll < PROBATIONARY_SHARE
            else ("exempt" if roll < PROBATIONARY_SHARE + EXEMPT_SHARE else "full")
        )
        working = kind in WORKING_KINDS
        gender = "female" if rng.random() < (0.45 if working else 0.33) else "male"
        region = province.region
        ethnicity = self.ethnicities[region].pick(rng)
        full_name = self._name(gender, region, ethnicity)
        ceremony_ord, birth_ord = self._dates(status, working)
        birth, ceremony = date.fromordinal(birth_ord), date.fromordinal(ceremony_ord)
        official = exempt_from = None
        status_date = ceremony
        if status != "probationary":
            official = status_date = ceremony + timedelta(days=365)
        if status == "exempt" and official is not None:
            # From 60 years of age, ten years after the official date, 01/01/2000 at the earliest.
            start = max(birth_ord + 21_930, official.toordinal() + 3_650, 730_120)
            start = min(start, self.as_of_ord - 30)
            exempt_from = status_date = date.fromordinal(
                start + int(rng.random() * max(self.as_of_ord - 30 - start, 1))
            )
        # Birth registration: mostly in the province, else anywhere.
        if rng.random() < 0.93:
            codes = province.id_codes
            id_code = codes[int(rng.random() * len(codes))]
            birth_place = f"tỉnh {province.name}" if not province.city else province.name
        else:
            id_code = self.all_id_codes[int(rng.random() * len(self.all_id_codes))]
            birth_place = "tỉnh khác"
        key = (id_code, gender, birth.year)
        serial = self.serials.get(key, NATIONAL_ID_SERIAL_START) + 1
        if serial > 999_999:
            raise ValueError("national ID serials exhausted")
        self.serials[key] = serial
        self.card += 1
        self.decision += 1
        card = str(self.card)
        profile = f"LL-{card}"
        folded, sort_key = self._folded(full_name)
        if working:
            occupation = OCCUPATIONS_BY_KIND[kind]
        elif as_of_age(birth_ord, self.as_of_ord) >= 62:
            occupation = "Hưu trí"
        else:
            occupation = self.occupations.pick(rng)
        phone = ""
        if rng.random() < 0.75:
            phone = f"0{PHONE_PREFIXES[int(rng.random() * 13)]}{int(rng.random() * 10_000_000):07d}"
        education = (
            "12/12"
            if birth.year >= 1975
            else ("10/10", "10/10", "7/10", "12/12")[int(rng.random() * 4)]
        )
        return (
            pk,
            full_name,
            f"{folded} {card} ll-{card}",
            sort_key,
            gender,
            birth,
            birth_place,
            birth_place,
            ethnicity,
            self.religions[region].pick(rng),
            make_national_id(id_code, gender, birth, serial),
            phone,
            address,
            education,
            self.qualification[working].pick(rng),
            self.theory[working].pick(rng),
            occupation,
            card,
            profile,
            ceremony - timedelta(days=5 + int(rng.random() * 20)),
            f"{self.decision % 9000 + 1}-QĐ/ĐU",
            ceremony,
            official,
            exempt_from,
            status,
            status_date,
            cell_id,
            cell_path,
        )


def as_of_age(birth_ord: int, as_of_ord: int) -> float:
    return (as_of_ord - birth_ord) / 365.2425
