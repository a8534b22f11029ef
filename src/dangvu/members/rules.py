"""Registry rules with no Django import: ages, identifiers, dates.

Each constant names the regulation it comes from.
"""

from __future__ import annotations

import re
from datetime import date

# Điều lệ Đảng, Điều 1; Quy định 24-QĐ/TW, mục 1.1: from 18 full years, counted in months.
MIN_ADMISSION_AGE_MONTHS = 18 * 12

NATIONAL_ID_RE = re.compile(r"^\d{12}$")
CARD_NUMBER_RE = re.compile(r"^\d{8}$")
PHONE_RE = re.compile(r"^(\+84|0)\d{9,10}$")


def months_between(start: date, end: date) -> int:
    """Whole months from ``start`` to ``end`` (a birthday month counts when reached)."""
    months = (end.year - start.year) * 12 + (end.month - start.month)
    if end.day < start.day:
        months -= 1
    return months


def age_in_years(birth: date, on: date) -> int:
    return months_between(birth, on) // 12


def is_old_enough_for_admission(birth: date, on: date) -> bool:
    return months_between(birth, on) >= MIN_ADMISSION_AGE_MONTHS


def national_id_century_digit(gender: str, birth: date) -> int:
    """The 4th digit of a citizen ID (Thông tư 59/2021/TT-BCA, Điều 7).

    0/1 male/female born 1900–1999, 2/3 born 2000–2099, 4/5 2100–2199,
    8/9 (nothing) for 1800s: encodes century and gender.
    """
    century_code = {18: 8, 19: 0, 20: 2, 21: 4}.get(birth.year // 100)
    if century_code is None:
        raise ValueError("year out of range")
    if century_code == 8:
        return 8 if gender == "male" else 9
    return century_code + (0 if gender == "male" else 1)


def national_id_problem(value: str, gender: str | None, birth: date | None) -> str | None:
    """None when ``value`` is a plausible 12-digit citizen ID, else the reason (Vietnamese).

    The structure is fixed by Thông tư 59/2021/TT-BCA: 3 digits of the province
    of birth registration, 1 of gender and century, 2 of the birth year, 6 serial.
    """
    if not NATIONAL_ID_RE.match(value):
        return "Số CCCD phải gồm đúng 12 chữ số."
    if gender and birth:
        try:
            expected = national_id_century_digit(gender, birth)
        except ValueError:
            return None
        if int(value[3]) != expected or value[4:6] != f"{birth.year % 100:02d}":
            return "Số CCCD không khớp với giới tính và năm sinh."
    return None


def make_national_id(province_code: int, gender: str, birth: date, serial: int) -> str:
    """Build a well-formed citizen ID (for demo data and tests)."""
    digit = national_id_century_digit(gender, birth)
    return f"{province_code:03d}{digit}{birth.year % 100:02d}{serial % 1_000_000:06d}"


def card_number_problem(value: str) -> str | None:
    if not CARD_NUMBER_RE.match(value):
        return "Số thẻ đảng viên phải gồm đúng 8 chữ số."
    return None


def phone_problem(value: str) -> str | None:
    compact = value.replace(" ", "").replace(".", "")
    if not PHONE_RE.match(compact):
        return "Số điện thoại không hợp lệ (ví dụ 0912345678)."
    return None


def age_band(birth: date, on: date, limits: dict[str, tuple[int, int]]) -> str:
    years = age_in_years(birth, on)
    for band, (low, high) in limits.items():
        if low <= years <= high:
            return band
    raise ValueError("age out of every band")


def birth_range_for_age_band(on: date, low: int, high: int) -> tuple[date, date]:
    """Birth dates (inclusive bounds) of people aged ``low``..``high`` on ``on``."""
    latest = _years_before(on, low)
    earliest = date.fromordinal(_years_before(on, high + 1).toordinal() + 1)
    return earliest, latest


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year that has none.
        return day.replace(year=day.year - years, day=28)
