"""The ranking rules in force for each period (RULES.md, Evaluation and ranking).

A period uses the rule set of the year it reviews: 2018–2022 under Quy định
132-QĐ/TW, 2023–2024 under Quy định 124-QĐ/TW, from the 2025 period under
Quy định 366-QĐ/TW (the 100-point score). Pure functions: data in, answer out.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings

from dangvu.evaluations.choices import Level, Rounding


@dataclass(frozen=True)
class Criterion:
    code: str
    label: str
    max_score: Decimal


@dataclass(frozen=True)
class RuleSet:
    code: str
    name: str  # "Quy định 132-QĐ/TW"
    source: str  # the full citation shown on pages and in the Word draft
    first_year: int  # the first period year the rules apply to
    scored: bool  # ranking by a 100-point score
    allows_quarter: bool
    # Members admitted less than this many months before the period ends are not
    # evaluated (None: no such exclusion in these rules).
    min_months_since_admission: int | None
    exclusions: tuple[str, ...]  # who is not evaluated, as the rules word it
    criteria: tuple[Criterion, ...] = ()
    # (lowest score, level), best first; used when ``scored``.
    thresholds: tuple[tuple[Decimal, Level], ...] = ()

    @property
    def max_score(self) -> Decimal:
        return sum((c.max_score for c in self.criteria), Decimal(0))


RULES_132 = RuleSet(
    code="132",
    name="Quy định 132-QĐ/TW",
    source=(
        "Quy định 132-QĐ/TW ngày 08/3/2018 của Bộ Chính trị; "
        "Hướng dẫn 21-HD/BTCTW ngày 18/10/2019 của Ban Tổ chức Trung ương"
    ),
    first_year=2018,
    scored=False,
    allows_quarter=False,
    min_months_since_admission=None,
    exclusions=(
        "Đảng viên được miễn công tác và sinh hoạt đảng",
        "Đảng viên bị đình chỉ sinh hoạt đảng",
    ),
)

RULES_124 = RuleSet(
    code="124",
    name="Quy định 124-QĐ/TW",
    source="Quy định 124-QĐ/TW ngày 04/10/2023 của Bộ Chính trị (Điều 5, Điều 12)",
    first_year=2023,
    scored=False,
    allows_quarter=False,
    min_months_since_admission=6,
    exclusions=(
        "Đảng viên được miễn công tác và sinh hoạt đảng",
        "Đảng viên bị đình chỉ sinh hoạt đảng",
        "Đảng viên mới kết nạp chưa đủ 6 tháng",
    ),
)

RULES_366 = RuleSet(
    code="366",
    name="Quy định 366-QĐ/TW",
    source=(
        "Quy định 366-QĐ/TW ngày 30/8/2025 của Bộ Chính trị; "
        "Hướng dẫn 43-HD/BTCTW ngày 31/10/2025 của Ban Tổ chức Trung ương"
    ),
    first_year=2025,
    scored=True,
    allows_quarter=True,
    # Unconfirmed: carried over from 124-QĐ/TW (a setting, RULES.md).
    min_months_since_admission=6,
    exclusions=(
        "Đảng viên được miễn công tác và sinh hoạt đảng",
        "Đảng viên bị đình chỉ sinh hoạt đảng",
        "Đảng viên mới kết nạp chưa đủ 6 tháng",
    ),
    criteria=(
        Criterion(
            "general",
            "Nhóm tiêu chí chung (phẩm chất chính trị, đạo đức, lối sống, trách nhiệm nêu gương; "
            "đổi mới, dám nghĩ, dám làm; tự phê bình và phê bình)",
            Decimal(30),
        ),
        Criterion("results", "Nhóm tiêu chí về kết quả thực hiện nhiệm vụ", Decimal(70)),
    ),
    thresholds=(
        (Decimal(90), Level.EXCELLENT),
        (Decimal(70), Level.GOOD),
        (Decimal(50), Level.COMPLETED),
        (Decimal(0), Level.NOT_COMPLETED),
    ),
)

RULE_SETS = (RULES_366, RULES_124, RULES_132)  # newest first


def rules_for(year: int) -> RuleSet:
    """The rule set for a period reviewing ``year`` (the rules in force for that review)."""
    for rules in RULE_SETS:
        if year >= rules.first_year:
            return rules
    return RULES_132


def rules_by_code(code: str) -> RuleSet:
    for rules in RULE_SETS:
        if rules.code == code:
            return rules
    raise KeyError(code)


def level_for_score(rules: RuleSet, score: Decimal) -> Level:
    """366-QĐ/TW: ≥ 90 excellent, 70 to < 90 good, 50 to < 70 completed, < 50 not completed."""
    if not rules.scored:
        raise ValueError(f"{rules.name} không xếp loại theo thang điểm.")
    for lowest, level in rules.thresholds:
        if score >= lowest:
            return level
    return Level.NOT_COMPLETED


def quota_rate() -> Decimal:
    return Decimal(str(getattr(settings, "DANGVU_EVALUATION_QUOTA_RATE", "0.20")))


def quota_rounding() -> str:
    return str(getattr(settings, "DANGVU_EVALUATION_QUOTA_ROUNDING", Rounding.FLOOR))


def quota_limit(good: int, rate: Decimal, rounding: str = Rounding.FLOOR) -> int:
    """How many may be ranked excellent when ``good`` are ranked good (RULES.md: quota).

    ``floor(0.2 × good)`` by default; the rounding is unconfirmed, so a setting.
    """
    exact = Decimal(good) * rate
    if rounding == Rounding.CEILING:
        return math.ceil(exact)
    if rounding == Rounding.HALF_UP:
        return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return math.floor(exact)
