"""Realistic Vietnamese people for the demo data, drawn from one seeded generator.

Names, dates and profiles follow what a commune's register looks like: common
surnames, ``Văn``/``Thị`` and the other usual middle names, admissions spread
over six decades (more in recent years), working-age members in the cells of
offices and schools, retired members in the villages, and every member at
least 18 at admission (Điều lệ Đảng, Điều 1).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from dangvu.core.text import fold
from dangvu.members.rules import make_national_id

# The demo is a picture of the end of 2022: nothing in it is dated later.
DEMO_END = date(2022, 12, 31)

NORTH_SURNAMES = (
    ("Nguyễn", 36),
    ("Trần", 11),
    ("Lê", 9),
    ("Phạm", 7),
    ("Hoàng", 5),
    ("Vũ", 4),
    ("Đỗ", 4),
    ("Bùi", 4),
    ("Đặng", 3),
    ("Ngô", 3),
    ("Đinh", 2),
    ("Dương", 2),
    ("Hà", 2),
    ("Phan", 2),
    ("Lương", 1),
    ("Tạ", 1),
    ("Cao", 1),
    ("Kiều", 1),
)
# The Thái and Mường families of western Thanh Hóa.
HIGHLAND_SURNAMES = (("Lương", 6), ("Hà", 6), ("Lò", 3), ("Vi", 2), ("Cầm", 2), ("Quách", 1))
SOUTH_SURNAMES = (
    ("Nguyễn", 34),
    ("Trần", 10),
    ("Lê", 9),
    ("Huỳnh", 7),
    ("Võ", 7),
    ("Phan", 5),
    ("Phạm", 4),
    ("Đặng", 3),
    ("Trương", 3),
    ("Bùi", 2),
    ("Đỗ", 2),
    ("Lâm", 2),
    ("Dương", 2),
    ("Hồ", 2),
    ("Ngô", 2),
)
MALE_MIDDLE = (
    ("Văn", 45),
    ("Đức", 8),
    ("Ngọc", 5),
    ("Minh", 6),
    ("Quang", 5),
    ("Hữu", 5),
    ("Công", 4),
    ("Xuân", 4),
    ("Thanh", 4),
    ("Mạnh", 3),
    ("Đình", 4),
    ("Trọng", 3),
    ("Huy", 2),
)
FEMALE_MIDDLE = (
    ("Thị", 60),
    ("Ngọc", 6),
    ("Thu", 5),
    ("Thanh", 5),
    ("Minh", 3),
    ("Kim", 4),
    ("Hồng", 4),
    ("Thúy", 3),
    ("Phương", 2),
)
# fmt: off
MALE_GIVEN = (
    "Hùng", "Dũng", "Cường", "Tuấn", "Minh", "Hải", "Long", "Nam", "Sơn", "Thắng", "Quân",
    "Trung", "Bình", "Hòa", "Phong", "Thành", "Hưng", "Khoa", "Tâm", "Việt", "Đức", "Hiếu",
    "Toàn", "Lâm", "Huy", "Tùng", "Kiên", "Lợi", "Phúc", "Thịnh", "Quang", "Tiến", "Chiến",
    "Hậu", "Nghĩa", "Vinh", "Định", "Khánh", "Thuận", "Đạt", "Tài", "Lộc", "Quý", "Trường",
    "Hoàng", "Giang", "Hiệp",
)
FEMALE_GIVEN = (
    "Lan", "Hương", "Hoa", "Mai", "Hà", "Thu", "Linh", "Nga", "Hằng", "Huyền", "Thảo", "Trang",
    "Yến", "Nhung", "Loan", "Oanh", "Phương", "Dung", "Hạnh", "Ngọc", "Vân", "Tuyết", "Liên",
    "Thủy", "Hồng", "Quyên", "Giang", "Anh", "Chi", "Xuân", "Thơm", "Lý", "Duyên", "Hiền",
)
# fmt: on

# Provinces of birth registration: name and the 3-digit code of the citizen ID
# (Thông tư 59/2021/TT-BCA, Phụ lục: mã tỉnh nơi đăng ký khai sinh).
PROVINCE_CODES = {
    "Phú Thọ": 25,
    "Vĩnh Phúc": 26,
    "Hải Dương": 30,
    "Thanh Hóa": 38,
    "Đồng Tháp": 87,
    "Hà Nội": 1,
    "Thái Bình": 34,
    "Nam Định": 36,
    "Nghệ An": 40,
    "Tiền Giang": 82,
    "An Giang": 89,
}

PHONE_PREFIXES = ("91", "94", "98", "97", "96", "86", "88", "35", "36", "37", "38", "39", "83")

WORKING_KINDS = frozenset({"agency", "school", "enterprise", "police", "military"})
OCCUPATIONS_BY_KIND = {
    "agency": "Cán bộ, công chức",
    "school": "Giáo viên",
    "enterprise": "Công nhân viên",
    "police": "Công an",
    "military": "Cán bộ quân sự",
}
VILLAGE_OCCUPATIONS = (
    ("Nông dân", 40),
    ("Kinh doanh", 12),
    ("Lao động tự do", 12),
    ("Công nhân", 10),
    ("Cán bộ không chuyên trách", 8),
    ("Giáo viên", 4),
)


@dataclass(frozen=True)
class Locality:
    """Where a grassroots organisation is: used for addresses and places of birth."""

    commune: str  # "thị trấn Thanh Ba"
    district: str  # "huyện Thanh Ba"
    province: str  # "Phú Thọ"
    neighbours: tuple[str, ...]  # other communes of the district
    region: str = "north"  # north, highland or south: which surnames are common

    def place(self, commune: str | None = None) -> str:
        return f"{commune or self.commune}, {self.district}, tỉnh {self.province}"


def add_years(day: date, years: int) -> date:
    """The same day ``years`` later (the demo never uses a 29 February)."""
    return day.replace(year=day.year + years)


def random_day(rng: random.Random, start: date, end: date) -> date:
    """A day in [start, end], never after the 28th so years can be added safely."""
    span = (end - start).days
    day = start + timedelta(days=rng.randint(0, max(span, 0)))
    return day.replace(day=min(day.day, 28))


def _weighted(rng: random.Random, pairs: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


class PeopleFactory:
    """Makes member profiles (the ``data`` of ``create_member``) from one generator.

    National IDs and card numbers come from counters, so they are unique in the
    whole demo; a name and birth date pair is never drawn twice, and the names
    of the people the articles name are kept for them.
    """

    def __init__(self, rng: random.Random, reserved_names: tuple[str, ...] = ()) -> None:
        self.rng = rng
        self.serial = 100_000
        self.card_serial = 0
        self.decision_number = 0
        self.reserved = {fold(name) for name in reserved_names}
        self.seen: set[tuple[str, date]] = set()

    # -- names -----------------------------------------------------------
    def name(self, gender: str, region: str) -> str:
        rng = self.rng
        surnames = {"south": SOUTH_SURNAMES, "north": NORTH_SURNAMES}.get(region)
        if surnames is None:
            surnames = HIGHLAND_SURNAMES if rng.random() < 0.45 else NORTH_SURNAMES
        surname = _weighted(rng, surnames)
        if gender == "male":
            middle, given = _weighted(rng, MALE_MIDDLE), rng.choice(MALE_GIVEN)
        else:
            middle, given = _weighted(rng, FEMALE_MIDDLE), rng.choice(FEMALE_GIVEN)
        if middle == given:
            middle = "Văn" if gender == "male" else "Thị"
        return f"{surname} {middle} {given}"

    def _unique_name(self, gender: str, region: str, birth: date) -> str:
        while True:
            full_name = self.name(gender, region)
            key = (fold(full_name), birth)
            if fold(full_name) not in self.reserved and key not in self.seen:
                self.seen.add(key)
                return full_name

    # -- dates -----------------------------------------------------------
    def _ceremony_year(self, floor: int) -> int:
        years = list(range(floor, 2021))
        weights = [1 + (year - 1960) / 12 for year in years]
        return self.rng.choices(years, weights=weights)[0]

    def _working_dates(self, floor: int) -> tuple[date, date]:
        rng = self.rng
        birth_year = rng.randint(1963, 1996)
        latest_age = min(45, 2020 - birth_year)
        age = rng.randint(min(22, latest_age), latest_age)
        year = max(birth_year + age, floor)
        ceremony = random_day(rng, date(year, 1, 1), date(year, 12, 28))
        return self._birth_for(ceremony, year - birth_year), ceremony

    def _village_dates(self, floor: int) -> tuple[date, date]:
        year = self._ceremony_year(floor)
        oldest = 42 if year >= 1980 else 30
        age = round(self.rng.triangular(18.5, oldest, 24))
        ceremony = random_day(self.rng, date(year, 1, 1), date(year, 12, 28))
        return self._birth_for(ceremony, age), ceremony

    def _birth_for(self, ceremony: date, age: int) -> date:
        """Born ``age`` years (and two months to a year) before the ceremony.

        The admission decision comes at most 25 days before the ceremony, so
        the member is at least ``age`` years and a month old at the decision.
        """
        return random_day(
            self.rng, add_years(ceremony, -age - 1), add_years(ceremony, -age) - timedelta(days=60)
        )

    # -- one profile -----------------------------------------------------
    def profile(
        self,
        *,
        where: Locality,
        area: str,
        kind: str,
        floor: int,
        occupation: str = "",
        admitted: date | None = None,
        gender: str | None = None,
    ) -> dict[str, Any]:
        """A member of a cell of ``kind``; ``admitted`` fixes the ceremony date."""
        rng = self.rng
        gender = gender or ("male" if rng.random() < 0.58 else "female")
        working = kind in WORKING_KINDS
        if admitted is not None:
            birth, ceremony = self._birth_for(admitted, rng.randint(19, 34)), admitted
        elif working:
            birth, ceremony = self._working_dates(floor)
        else:
            birth, ceremony = self._village_dates(floor)
        full_name = self._unique_name(gender, where.region, birth)
        return self.complete(
            full_name=full_name,
            gender=gender,
            birth=birth,
            ceremony=ceremony,
            where=where,
            area=area,
            working=working,
            occupation=occupation or self._occupation(kind, birth),
        )

    def complete(
        self,
        *,
        full_name: str,
        gender: str,
        birth: date,
        ceremony: date,
        where: Locality,
        area: str,
        working: bool,
        occupation: str,
    ) -> dict[str, Any]:
        """Every other field of a profile, for a person whose name and dates are known."""
        rng = self.rng
        born_in = self._birth_province(where)
        self.serial += 1
        self.card_serial += 1
        self.decision_number += 1
        decision = ceremony - timedelta(days=rng.randint(5, 25))
        official = add_years(ceremony, 1)
        birth_place = where.place() if born_in == where.province else f"tỉnh {born_in}"
        if born_in == where.province and rng.random() < 0.3:
            birth_place = where.place(rng.choice(where.neighbours))
        return {
            "full_name": full_name,
            "gender": gender,
            "birth_date": birth,
            "birth_place": birth_place,
            "home_town": birth_place,
            "ethnicity": self._ethnicity(where),
            "religion": self._religion(where),
            "national_id": make_national_id(PROVINCE_CODES[born_in], gender, birth, self.serial),
            "phone": self._phone() if rng.random() < 0.75 else "",
            "address": f"{area}, {where.place()}",
            "education_level": self._education(birth),
            "qualification": self._qualification(working),
            "political_theory": self._political_theory(working),
            "occupation": occupation,
            "card_number": f"{PROVINCE_CODES[where.province]:02d}{self.card_serial:06d}",
            "profile_number": f"LL-{self.card_serial:05d}",
            "admission_decision_date": decision,
            "admission_decision_number": f"{self.decision_number % 900 + 10}-QĐ/HU",
            "ceremony_date": ceremony,
            "official_date": official if official <= DEMO_END else None,
        }

    # -- the rest of the profile -----------------------------------------
    def _birth_province(self, where: Locality) -> str:
        if self.rng.random() < 0.93:
            return where.province
        return self.rng.choice([p for p in PROVINCE_CODES if p != where.province])

    def _occupation(self, kind: str, birth: date) -> str:
        if kind in OCCUPATIONS_BY_KIND:
            return OCCUPATIONS_BY_KIND[kind]
        if birth.year <= 1962:
            return "Hưu trí" if self.rng.random() < 0.7 else "Nông dân"
        return _weighted(self.rng, VILLAGE_OCCUPATIONS)

    def _ethnicity(self, where: Locality) -> str:
        roll = self.rng.random()
        if where.region == "highland":
            return "Kinh" if roll < 0.5 else ("Thái" if roll < 0.85 else "Mường")
        if where.region == "south" and roll < 0.02:
            return "Khmer"
        return "Kinh"

    def _religion(self, where: Locality) -> str:
        roll = self.rng.random()
        if where.region == "south" and roll < 0.06:
            return "Phật giáo Hòa Hảo"
        if roll < 0.03:
            return "Phật giáo"
        if roll < 0.04:
            return "Công giáo"
        return "Không"

    def _phone(self) -> str:
        return f"0{self.rng.choice(PHONE_PREFIXES)}{self.rng.randint(0, 9_999_999):07d}"

    def _education(self, birth: date) -> str:
        if birth.year >= 1975:
            return "12/12"
        return self.rng.choice(("10/10", "10/10", "7/10", "12/12"))

    def _qualification(self, working: bool) -> str:
        if working:
            return _weighted(
                self.rng,
                (("university", 60), ("college", 15), ("master", 12), ("intermediate", 13)),
            )
        return _weighted(
            self.rng,
            (
                ("none", 50),
                ("elementary", 10),
                ("intermediate", 20),
                ("college", 5),
                ("university", 15),
            ),
        )

    def _political_theory(self, working: bool) -> str:
        if working:
            return _weighted(
                self.rng,
                (("elementary", 45), ("intermediate", 45), ("advanced", 7), ("bachelor", 3)),
            )
        return _weighted(self.rng, (("none", 30), ("elementary", 60), ("intermediate", 10)))
