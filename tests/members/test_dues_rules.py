"""The dues rules (members/dues_rules.py): pure, exhaustive, across the 02/2026 change."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dangvu.members import dues_rules as r


def test_it_uses_the_2010_rule_before_february_2026() -> None:
    assert r.rules_for(date(2026, 1, 31)).name == "342-QĐ/TW"
    assert r.rules_for(date(2011, 6, 1)).name == "342-QĐ/TW"


def test_it_uses_the_2026_rule_from_february_2026() -> None:
    assert r.rules_for(date(2026, 2, 1)).name == "01-QĐ/TW"
    assert r.rules_for(date(2026, 2, 28)).name == "01-QĐ/TW"
    assert r.rules_for(date(2030, 12, 1)).name == "01-QĐ/TW"


def test_it_refuses_a_month_with_no_rule() -> None:
    with pytest.raises(ValueError):
        r.rules_for(date(2020, 1, 1), [r.RULES_01_2026])


def test_it_takes_one_percent_of_the_insured_salary() -> None:
    assert r.monthly_amount(r.INSURED_SALARY, 6_000_000, date(2026, 3, 1), 10) == 60_000
    assert r.monthly_amount(r.INSURED_SALARY, 6_000_000, date(2025, 3, 1), 10) == 60_000


def test_it_takes_half_a_percent_of_the_pension() -> None:
    assert r.monthly_amount(r.PENSION, 5_000_000, date(2026, 3, 1), 40) == 25_000


def test_it_charges_students_five_thousand_from_february_2026() -> None:
    assert r.monthly_amount(r.STUDENT, 0, date(2026, 1, 1), 1) == 2_000
    assert r.monthly_amount(r.STUDENT, 0, date(2026, 2, 1), 1) == 5_000


def test_it_charges_other_members_the_configured_amount() -> None:
    assert r.monthly_amount(r.OTHER, 0, date(2026, 5, 1), 5) == r.RULES_01_2026.other_amount
    assert r.monthly_amount(r.OTHER, 0, date(2024, 5, 1), 5) == r.RULES_342.other_amount


def test_it_rounds_to_the_nearest_thousand_halves_up() -> None:
    month = date(2026, 3, 1)
    assert r.monthly_amount(r.INSURED_SALARY, 4_549_000, month, 1) == 45_000
    assert r.monthly_amount(r.INSURED_SALARY, 4_550_000, month, 1) == 46_000
    assert r.monthly_amount(r.PENSION, 4_900_000, month, 1) == 25_000


def test_it_exempts_fifty_years_of_party_age_only_from_2026() -> None:
    assert r.monthly_amount(r.PENSION, 5_000_000, date(2026, 3, 1), 50) == 0
    assert r.monthly_amount(r.PENSION, 5_000_000, date(2026, 3, 1), 49) == 25_000
    assert r.monthly_amount(r.PENSION, 5_000_000, date(2026, 1, 1), 55) == 25_000


def test_it_judges_the_party_age_on_the_day_before_the_month() -> None:
    assert r.party_age_day(date(2026, 3, 1)) == date(2026, 2, 28)
    assert r.party_age_day(date(2024, 3, 15)) == date(2024, 2, 29)
    assert r.party_age_day(date(2026, 1, 1)) == date(2025, 12, 31)


def test_it_applies_reductions_before_rounding() -> None:
    month = date(2026, 4, 1)
    assert r.monthly_amount(r.INSURED_SALARY, 6_000_000, month, 5, 30) == 42_000
    assert r.monthly_amount(r.INSURED_SALARY, 6_000_000, month, 5, 50) == 30_000
    assert r.monthly_amount(r.INSURED_SALARY, 6_000_000, month, 5, 70) == 18_000
    assert r.monthly_amount(r.INSURED_SALARY, 6_000_000, month, 5, 100) == 0


def test_it_refuses_an_unknown_category_or_percent() -> None:
    with pytest.raises(ValueError):
        r.monthly_amount("farmer", 0, date(2026, 4, 1), 5)
    with pytest.raises(ValueError):
        r.monthly_amount(r.STUDENT, 0, date(2026, 4, 1), 5, 120)


def test_it_overrides_figures_from_the_setting() -> None:
    rule_sets = r.rule_sets_from({"01-QĐ/TW": {"other_amount": 10_000, "pension_rate": "0.01"}})
    assert r.monthly_amount(r.OTHER, 0, date(2026, 6, 1), 1, rule_sets=rule_sets) == 10_000
    assert rule_sets[1].pension_rate == Decimal("0.01")
    with pytest.raises(ValueError):
        r.rule_sets_from({"99-QĐ/TW": {}})
    with pytest.raises(ValueError):
        r.rule_sets_from({"01-QĐ/TW": {"colour": 1}})


def test_it_counts_months_across_year_ends_and_leap_days() -> None:
    assert r.add_months(date(2025, 12, 1), 1) == date(2026, 1, 1)
    assert r.add_months(date(2026, 1, 1), -1) == date(2025, 12, 1)
    assert r.month_end(date(2024, 2, 10)) == date(2024, 2, 29)
    assert r.month_end(date(2026, 2, 1)) == date(2026, 2, 28)
    assert r.months_between(date(2025, 11, 30), date(2026, 2, 1)) == [
        date(2025, 11, 1),
        date(2025, 12, 1),
        date(2026, 1, 1),
        date(2026, 2, 1),
    ]


def test_it_limits_reductions_to_twelve_months_and_known_rates() -> None:
    assert r.reduction_problem(50, date(2026, 1, 1), date(2026, 12, 1)) is None
    assert r.reduction_problem(50, date(2026, 1, 1), date(2027, 1, 1)) == "too_long"
    assert r.reduction_problem(40, date(2026, 1, 1), date(2026, 3, 1)) == "percent"
    assert r.reduction_problem(30, date(2026, 3, 1), date(2026, 1, 1)) == "order"


def test_it_finds_overlapping_periods() -> None:
    jan_mar = (date(2026, 1, 1), date(2026, 3, 1))
    assert r.periods_overlap(jan_mar, (date(2026, 3, 1), date(2026, 5, 1)))
    assert not r.periods_overlap(jan_mar, (date(2026, 4, 1), date(2026, 5, 1)))


def test_it_lists_unpaid_months_in_order() -> None:
    expected = r.months_between(date(2026, 1, 1), date(2026, 5, 1))
    paid = [date(2026, 2, 1), date(2026, 4, 15)]
    assert r.unpaid_months(expected, paid) == [date(2026, 1, 1), date(2026, 3, 1), date(2026, 5, 1)]


def test_it_proposes_removal_at_three_unpaid_months_in_a_year() -> None:
    unpaid = [date(2025, 12, 1), date(2026, 1, 1), date(2026, 3, 1)]
    assert not r.removal_proposed(unpaid, 2026)
    assert r.removal_proposed([*unpaid, date(2026, 7, 1)], 2026)
    assert r.removal_due_on([*unpaid, date(2026, 7, 1)], 2026) == date(2026, 7, 31)
    assert r.removal_due_on(unpaid, 2026) is None


@given(
    st.sampled_from(r.CATEGORIES),
    st.integers(min_value=0, max_value=200_000_000),
    st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31)),
    st.integers(min_value=0, max_value=49),
    st.sampled_from((0, 30, 50, 70)),
)
def test_it_always_gives_whole_thousands_never_more_than_unreduced(
    category: str, base: int, month: date, party_age: int, percent: int
) -> None:
    amount = r.monthly_amount(category, base, month, party_age, percent)
    assert amount % 1000 == 0 and amount >= 0
    assert amount <= r.monthly_amount(category, base, month, party_age) + 500
