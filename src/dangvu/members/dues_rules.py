"""Party dues (đảng phí) as pure rules: no Django import, tested directly.

Sources (RULES.md, "Dues"):

* Quy định 01-QĐ/TW of 03/02/2026 on party dues, applied from the month it was
  signed (02/2026): members with compulsory social insurance pay 1% of the
  previous month's insured salary, pensioners 0.5% of the pension, pupils and
  students 5,000 đ a month; members with 50 years of party age or more are
  exempt; a cell may reduce dues by 30, 50 or 70% (or exempt) for up to 12
  months at a time; three months unpaid in a year without reason → the cell
  proposes removal (xóa tên).
* Quy định 342-QĐ/TW of 28/12/2010 before that: 1% of the salary, 0.5% of the
  pension; the amount for pupils, students and other members is **unconfirmed**
  here (2,000 đ a month, the floor quoted for "other members").

Every figure marked unconfirmed can be overridden by the Django setting
``DANGVU_DUES_RULES`` (read in ``members/dues.py``), e.g.
``{"01-QĐ/TW": {"other_amount": 10000}, "342-QĐ/TW": {"student_amount": 3000}}``.

Decisions written down here (docs/huong-dan-su-dung.md, "Đảng phí", says the same):

* Amounts are rounded to the nearest 1,000 đ, halves up (``rounding``, a
  setting, **unconfirmed**): offices collect in cash and the cell's sheet is
  kept in thousands.
* The exemption by party age applies from the month **after** the member
  reaches 50 years: dues of a month are owed by who the member was when the
  month began, so ``party_age_years`` is the age on the last day of the month
  before (``party_age_day``).
* A reduction is applied to the computed amount before rounding; 100% is an
  exemption.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

INSURED_SALARY = "insured_salary"
PENSION = "pension"
STUDENT = "student"
OTHER = "other"
CATEGORIES = (INSURED_SALARY, PENSION, STUDENT, OTHER)

# Quy định 01-QĐ/TW (2026): a reduction of 30, 50 or 70%, or an exemption (100%).
REDUCTION_PERCENTS = (30, 50, 70, 100)
# Quy định 01-QĐ/TW (2026): a reduction is granted for at most 12 months at a time.
MAX_REDUCTION_MONTHS = 12
# Quy định 01-QĐ/TW (2026): three months unpaid in a year without reason → removal proposed.
UNPAID_MONTHS_FOR_REMOVAL = 3


@dataclass(frozen=True)
class RuleSet:
    """The dues rule in force from ``valid_from`` (the first day of a month)."""

    name: str
    valid_from: date
    insured_rate: Decimal  # share of the previous month's insured salary
    pension_rate: Decimal  # share of the pension
    student_amount: int  # đồng a month
    other_amount: int  # đồng a month
    exemption_party_age: int | None  # years of party age that exempt, None: no such rule
    rounding: int = 1000  # đồng; unconfirmed, see the module docstring

    def with_overrides(self, overrides: Mapping[str, Any]) -> RuleSet:
        """This rule with some figures replaced (the ``DANGVU_DUES_RULES`` setting)."""
        known = {"insured_rate", "pension_rate", "student_amount", "other_amount"}
        known |= {"exemption_party_age", "rounding"}
        unknown = set(overrides) - known
        if unknown:
            raise ValueError(f"unknown dues rule fields: {sorted(unknown)}")
        values = dict(overrides)
        for field in ("insured_rate", "pension_rate"):
            if field in values:
                values[field] = Decimal(str(values[field]))
        return replace(self, **values)


RULES_342 = RuleSet(
    name="342-QĐ/TW",
    # Quy định 342-QĐ/TW of 28/12/2010; in force for every month this registry keeps.
    valid_from=date(1900, 1, 1),
    insured_rate=Decimal("0.01"),  # 342-QĐ/TW: 1% of the monthly salary
    pension_rate=Decimal("0.005"),  # 342-QĐ/TW: 0.5% of the pension
    student_amount=2000,  # unconfirmed (RULES.md): the floor quoted for other members
    other_amount=2000,  # unconfirmed (RULES.md)
    exemption_party_age=None,  # unconfirmed: no exemption by party age before 01-QĐ/TW
)
RULES_01_2026 = RuleSet(
    name="01-QĐ/TW",
    # Quy định 01-QĐ/TW of 03/02/2026, applied to the dues of 02/2026 onwards.
    valid_from=date(2026, 2, 1),
    insured_rate=Decimal("0.01"),  # 01-QĐ/TW: 1% of the previous month's insured salary
    pension_rate=Decimal("0.005"),  # 01-QĐ/TW: 0.5% of the pension
    student_amount=5000,  # 01-QĐ/TW: 5,000 đ a month
    other_amount=5000,  # unconfirmed (RULES.md): a setting
    exemption_party_age=50,  # 01-QĐ/TW: 50 years of party age or more
)
DEFAULT_RULE_SETS: tuple[RuleSet, ...] = (RULES_342, RULES_01_2026)


def rule_sets_from(overrides: Mapping[str, Mapping[str, Any]]) -> tuple[RuleSet, ...]:
    """The default rule sets with the figures of ``overrides`` (by rule name) applied."""
    unknown = set(overrides) - {rules.name for rules in DEFAULT_RULE_SETS}
    if unknown:
        raise ValueError(f"unknown dues rule sets: {sorted(unknown)}")
    return tuple(rules.with_overrides(overrides.get(rules.name, {})) for rules in DEFAULT_RULE_SETS)


# ---------------------------------------------------------------------------
# Months


def month_start(day: date) -> date:
    return day.replace(day=1)


def add_months(month: date, count: int) -> date:
    index = month.year * 12 + month.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


def month_end(month: date) -> date:
    return add_months(month_start(month), 1) - timedelta(days=1)


def months_between(first: date, last: date) -> list[date]:
    """The first days of every month from ``first``'s month to ``last``'s, inclusive."""
    months, current, stop = [], month_start(first), month_start(last)
    while current <= stop:
        months.append(current)
        current = add_months(current, 1)
    return months


def party_age_day(month: date) -> date:
    """The day whose party age decides the exemption of ``month``: the last day before it."""
    return month_start(month) - timedelta(days=1)


# ---------------------------------------------------------------------------
# Amounts


def rules_for(month: date, rule_sets: Sequence[RuleSet] = DEFAULT_RULE_SETS) -> RuleSet:
    """The rule in force for ``month``: the latest whose ``valid_from`` is not after it."""
    start = month_start(month)
    in_force = [rules for rules in rule_sets if rules.valid_from <= start]
    if not in_force:
        raise ValueError(f"no dues rule in force for {start:%m/%Y}")
    return max(in_force, key=lambda rules: rules.valid_from)


def _round(amount: Decimal, step: int) -> int:
    if step <= 1:
        return int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    units = (amount / step).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return int(units) * step


def full_amount(category: str, base_amount: int, rules: RuleSet) -> Decimal:
    """The amount before reductions and rounding."""
    if category == INSURED_SALARY:
        return Decimal(base_amount) * rules.insured_rate
    if category == PENSION:
        return Decimal(base_amount) * rules.pension_rate
    if category == STUDENT:
        return Decimal(rules.student_amount)
    if category == OTHER:
        return Decimal(rules.other_amount)
    raise ValueError(f"unknown dues category: {category}")


def is_exempt_by_party_age(party_age_years: int | None, rules: RuleSet) -> bool:
    limit = rules.exemption_party_age
    return limit is not None and party_age_years is not None and party_age_years >= limit


def monthly_amount(
    category: str,
    base_amount: int,
    month: date,
    party_age_years: int | None,
    reduction_percent: int = 0,
    rule_sets: Sequence[RuleSet] = DEFAULT_RULE_SETS,
) -> int:
    """The dues (đồng) of ``month`` by the rule in force for that month.

    ``party_age_years`` is the party age on ``party_age_day(month)``;
    ``reduction_percent`` the reduction granted for that month (0 if none).
    """
    if not 0 <= reduction_percent <= 100:
        raise ValueError(f"reduction out of range: {reduction_percent}")
    rules = rules_for(month, rule_sets)
    if is_exempt_by_party_age(party_age_years, rules) or reduction_percent == 100:
        return 0
    amount = full_amount(category, base_amount, rules) * (100 - reduction_percent) / 100
    return _round(amount, rules.rounding)


# ---------------------------------------------------------------------------
# Reductions


def reduction_months(start_month: date, end_month: date) -> int:
    return (end_month.year - start_month.year) * 12 + end_month.month - start_month.month + 1


def reduction_problem(percent: int, start_month: date, end_month: date) -> str | None:
    """Why a reduction cannot be granted (an English key; the service words it), or None."""
    if percent not in REDUCTION_PERCENTS:
        return "percent"
    if end_month < start_month:
        return "order"
    if reduction_months(start_month, end_month) > MAX_REDUCTION_MONTHS:
        return "too_long"
    return None


def periods_overlap(a: tuple[date, date], b: tuple[date, date]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


# ---------------------------------------------------------------------------
# Unpaid months and removal


def unpaid_months(expected_months: Iterable[date], paid_months: Iterable[date]) -> list[date]:
    """The expected months (first days) with no payment, in order."""
    paid = {month_start(m) for m in paid_months}
    return sorted({month_start(m) for m in expected_months} - paid)


def removal_proposed(unpaid: Iterable[date], year: int) -> bool:
    """Three unpaid months in ``year`` (without reason) → the cell proposes removal."""
    return sum(1 for month in set(unpaid) if month.year == year) >= UNPAID_MONTHS_FOR_REMOVAL


def removal_due_on(unpaid: Iterable[date], year: int) -> date | None:
    """The last day of the third unpaid month of ``year``: when removal becomes due."""
    months = sorted(month for month in set(unpaid) if month.year == year)
    if len(months) < UNPAID_MONTHS_FOR_REMOVAL:
        return None
    return month_end(months[UNPAID_MONTHS_FOR_REMOVAL - 1])
