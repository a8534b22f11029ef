"""Party badge rules (Huy hiệu Đảng), with no database access.

Source (RULES.md, "Badges"): Quy định 24-QĐ/TW (2021), mục 12 and Hướng dẫn
01-HD/TW (2021), as summarised at
<https://thuvienphapluat.vn/hoi-dap-phap-luat/55C58-hd-se-duoc-xet-tang-huy-hieu-dang-vao-nhung-nam-nao.html>.

A member is due badge N at the first award date on which their party age is at
least N years. A member who was not awarded on that date stays due at the next
award dates until the award is recorded; the badge due is the highest milestone
reached, and none is due once that milestone or a higher one is held.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

# Quy định 24-QĐ/TW, 12.1: badges for 30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90 years.
MILESTONES: tuple[int, ...] = (30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90)

# Quy định 24-QĐ/TW, 12.2: awarded on 3/2, 19/5, 2/9 and 7/11 each year.
AWARD_DAYS: tuple[tuple[int, int], ...] = ((2, 3), (5, 19), (9, 2), (11, 7))

# Hướng dẫn 01-HD/TW, 12: a seriously ill member may be awarded up to 12 months
# early for the 30–65 year badges and up to 24 months early for 70–90.
EARLY_MONTHS_UNTIL_65 = 12
EARLY_MONTHS_FROM_70 = 24

# Cash award as a multiple of the base salary (RULES.md; Quy định 24-QĐ/TW, 12.3).
# The 45, 85 and 90 year multiples are unconfirmed, so they have no default; the
# services read the table from the Django setting DANGVU_BADGE_CASH_MULTIPLES,
# with these defaults.
DEFAULT_CASH_MULTIPLES: dict[int, Decimal] = {
    30: Decimal("1.5"),
    40: Decimal("2"),
    50: Decimal("3"),
    55: Decimal("3.5"),
    60: Decimal("5"),
    65: Decimal("6"),
    70: Decimal("8"),
    75: Decimal("10"),
    80: Decimal("15"),
}


def award_dates_of_year(year: int) -> list[date]:
    return [date(year, month, day) for month, day in AWARD_DAYS]


def next_award_date(on: date) -> date:
    """The first award date on or after ``on``."""
    return next_award_dates(on, 1)[0]


def next_award_dates(on: date, count: int) -> list[date]:
    """The ``count`` award dates from ``on`` (included)."""
    dates: list[date] = []
    year = on.year
    while len(dates) < count:
        dates += [day for day in award_dates_of_year(year) if day >= on][: count - len(dates)]
        year += 1
    return dates


def is_award_date(day: date) -> bool:
    return (day.month, day.day) in AWARD_DAYS


def reached_milestone(party_age_years: int) -> int | None:
    """The highest milestone a party age of ``party_age_years`` full years has reached."""
    reached = [milestone for milestone in MILESTONES if milestone <= party_age_years]
    return reached[-1] if reached else None


def due_milestone(party_age_years: int, held: Iterable[int]) -> int | None:
    """The badge due at an award date with this party age, None if none or already held."""
    milestone = reached_milestone(party_age_years)
    if milestone is None or any(badge >= milestone for badge in held):
        return None
    return milestone


def next_milestone(party_age_years: int, held: Iterable[int]) -> int | None:
    """The badge a member is due now, or else the next one they will reach; None after 90."""
    due = due_milestone(party_age_years, held)
    if due is not None:
        return due
    floor = max([*held, party_age_years])
    later = [milestone for milestone in MILESTONES if milestone > floor]
    return later[0] if later else None


def early_months_allowed(milestone: int) -> int:
    """How many months early a seriously ill member may receive ``milestone``."""
    return EARLY_MONTHS_UNTIL_65 if milestone <= 65 else EARLY_MONTHS_FROM_70


def early_allowed(milestone: int, party_age_months: int) -> bool:
    """True if a party age of ``party_age_months`` is within the early window of ``milestone``."""
    if milestone not in MILESTONES:
        return False
    return party_age_months >= milestone * 12 - early_months_allowed(milestone)


def cash_multiple(milestone: int, multiples: dict[int, Decimal] | None = None) -> Decimal | None:
    """The cash award for ``milestone`` as a multiple of the base salary."""
    table = DEFAULT_CASH_MULTIPLES if multiples is None else multiples
    value = table.get(milestone)
    return Decimal(str(value)) if value is not None else None
