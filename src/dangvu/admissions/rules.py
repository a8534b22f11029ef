"""The dates and limits of admission, with no Django import (STYLE.md, rule 5).

Sources (RULES.md, "Members — admission, probation, party age"): Quy định
24-QĐ/TW (2021) on the Party Statute, and Hướng dẫn 01-HD/TW (2021). Working
days come from ``dangvu.core.workdays`` (a maintained Vietnamese calendar).
"""

from __future__ import annotations

from datetime import date

from dangvu.admissions.choices import STAGE_ORDER, Stage
from dangvu.core.workdays import add_working_days
from dangvu.members.rules import months_between

# Điều lệ Đảng, Điều 1; Quy định 24-QĐ/TW, 1.1: from 18 to 60 years, counted in months.
MIN_AGE_MONTHS = 18 * 12
MAX_AGE_MONTHS = 60 * 12
# Hướng dẫn 01-HD/TW, 3.2: the awareness course certificate is valid 60 months
# (unconfirmed in RULES.md: the setting DANGVU_COURSE_CERTIFICATE_VALID_MONTHS overrides it).
CERTIFICATE_VALID_MONTHS = 60
# Quy định 24-QĐ/TW, 3.3: the ceremony within 30 working days of the admission decision.
CEREMONY_WORKING_DAYS = 30
# Điều lệ Đảng, Điều 5; Quy định 24-QĐ/TW, 4: 12 months of probation from the ceremony.
PROBATION_MONTHS = 12
# Quy định 24-QĐ/TW, 4.2: the cell considers recognition within 30 working days after it.
RECOGNITION_WORKING_DAYS = 30


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day when it has none (31/01 + 1)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        if candidate <= day.day:
            try:
                return date(year, month, candidate)
            except ValueError:
                continue
    raise AssertionError("unreachable: every month has 28 days")


def age_months(birth: date, on: date) -> int:
    """Whole months of age on ``on`` (Quy định 24-QĐ/TW, 1.1 counts age in months)."""
    return months_between(birth, on)


def is_under_age(birth: date, on: date) -> bool:
    return age_months(birth, on) < MIN_AGE_MONTHS


def is_over_age(birth: date, on: date) -> bool:
    """Over 60 counted in months: 60 years and one month or more."""
    return age_months(birth, on) > MAX_AGE_MONTHS


def certificate_expires(certificate: date, valid_months: int = CERTIFICATE_VALID_MONTHS) -> date:
    """The last day the awareness course certificate is still valid."""
    return date.fromordinal(add_months(certificate, valid_months).toordinal() - 1)


def certificate_valid_on(
    certificate: date, on: date, valid_months: int = CERTIFICATE_VALID_MONTHS
) -> bool:
    return certificate <= on <= certificate_expires(certificate, valid_months)


def ceremony_due(decision: date) -> date:
    """The last day for the admission ceremony (30 working days after the decision)."""
    return add_working_days(decision, CEREMONY_WORKING_DAYS)


def probation_end(ceremony: date) -> date:
    """The day the 12 months of probation end: the same date a year later (29/02 → 28/02)."""
    return add_months(ceremony, PROBATION_MONTHS)


def recognition_due(ceremony: date) -> date:
    """The last day for the cell to consider recognition (30 working days after the end)."""
    return add_working_days(probation_end(ceremony), RECOGNITION_WORKING_DAYS)


def official_date(ceremony: date) -> date:
    """A recognised member is full from the day the 12 months end, whatever the meeting date."""
    return probation_end(ceremony)


def next_stage(current: str) -> str | None:
    """The one stage that may follow ``current`` (None at the end or once withdrawn)."""
    if current not in STAGE_ORDER:
        return None
    index = STAGE_ORDER.index(current)
    return STAGE_ORDER[index + 1] if index + 1 < len(STAGE_ORDER) else None


def may_move(current: str, target: str) -> bool:
    """One step forward at a time; withdrawal from any stage before the ceremony."""
    if target == Stage.WITHDRAWN:
        return current in STAGE_ORDER and current != Stage.CEREMONY_HELD
    return next_stage(current) == target
