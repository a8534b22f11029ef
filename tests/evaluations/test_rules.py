"""The rule sets by year, the 100-point thresholds and the quota, on their boundaries."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import override_settings
from hypothesis import given
from hypothesis import strategies as st

from dangvu.evaluations import rules
from dangvu.evaluations.choices import Level, Rounding
from dangvu.evaluations.forced import percent
from dangvu.evaluations.rules import RULES_124, RULES_132, RULES_366


@pytest.mark.parametrize(
    ("year", "code"),
    [
        (2018, "132"),
        (2021, "132"),
        (2022, "132"),
        (2023, "124"),
        (2024, "124"),
        (2025, "366"),
        (2026, "366"),
    ],
)
def test_it_chooses_the_rules_by_the_period_year(year: int, code: str) -> None:
    assert rules.rules_for(year).code == code
    assert rules.rules_by_code(code) is rules.rules_for(year)


def test_it_names_each_rule_set_and_its_source() -> None:
    assert RULES_132.name == "Quy định 132-QĐ/TW"
    assert RULES_124.name == "Quy định 124-QĐ/TW"
    assert RULES_366.name == "Quy định 366-QĐ/TW"
    assert all("Quy định" in r.source for r in rules.RULE_SETS)


def test_it_refuses_an_unknown_rule_code() -> None:
    with pytest.raises(KeyError):
        rules.rules_by_code("999")


def test_it_scores_only_under_366_and_allows_quarters_only_there() -> None:
    assert [r.scored for r in (RULES_132, RULES_124, RULES_366)] == [False, False, True]
    assert [r.allows_quarter for r in (RULES_132, RULES_124, RULES_366)] == [False, False, True]
    assert RULES_366.max_score == Decimal(100)
    with pytest.raises(ValueError, match="132-QĐ/TW"):
        rules.level_for_score(RULES_132, Decimal(95))


@pytest.mark.parametrize(
    ("score", "level"),
    [
        ("0", Level.NOT_COMPLETED),
        ("49.99", Level.NOT_COMPLETED),
        ("50", Level.COMPLETED),
        ("69.99", Level.COMPLETED),
        ("70", Level.GOOD),
        ("89.99", Level.GOOD),
        ("90", Level.EXCELLENT),
        ("100", Level.EXCELLENT),
    ],
)
def test_it_ranks_a_366_score_on_the_thresholds(score: str, level: Level) -> None:
    assert rules.level_for_score(RULES_366, Decimal(score)) == level


@given(st.decimals(min_value=0, max_value=100, places=2))
def test_it_ranks_every_score_by_the_highest_threshold_reached(score: Decimal) -> None:
    expected = next(level for lowest, level in RULES_366.thresholds if score >= lowest)
    assert rules.level_for_score(RULES_366, score) == expected


def test_it_excludes_new_members_from_124_on_but_not_under_132() -> None:
    assert RULES_132.min_months_since_admission is None
    assert RULES_124.min_months_since_admission == 6
    assert RULES_366.min_months_since_admission == 6


@pytest.mark.parametrize(
    ("good", "floor", "half_up", "ceiling"),
    [(0, 0, 0, 0), (4, 0, 1, 1), (5, 1, 1, 1), (12, 2, 2, 3), (13, 2, 3, 3), (200, 40, 40, 40)],
)
def test_it_limits_excellent_to_twenty_percent_of_good(
    good: int, floor: int, half_up: int, ceiling: int
) -> None:
    rate = Decimal("0.20")
    assert rules.quota_limit(good, rate) == floor
    assert rules.quota_limit(good, rate, Rounding.HALF_UP) == half_up
    assert rules.quota_limit(good, rate, Rounding.CEILING) == ceiling


@given(st.integers(min_value=0, max_value=100_000))
def test_it_keeps_floor_below_half_up_below_ceiling(good: int) -> None:
    rate = Decimal("0.20")
    low = rules.quota_limit(good, rate, Rounding.FLOOR)
    middle = rules.quota_limit(good, rate, Rounding.HALF_UP)
    high = rules.quota_limit(good, rate, Rounding.CEILING)
    assert low <= middle <= high <= low + 1
    assert low * 5 <= good < (low + 1) * 5


@override_settings(DANGVU_EVALUATION_QUOTA_RATE="0.25", DANGVU_EVALUATION_QUOTA_ROUNDING="ceiling")
def test_it_reads_the_quota_rate_and_rounding_from_the_settings() -> None:
    assert rules.quota_rate() == Decimal("0.25")
    assert rules.quota_rounding() == Rounding.CEILING


def test_it_writes_percentages_the_vietnamese_way() -> None:
    assert percent(Decimal("45.50")) == "45,5"
    assert percent(Decimal("100.00")) == "100"
    assert percent(Decimal("20")) == "20"
