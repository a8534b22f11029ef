"""What every evaluation service shares: access, state and date checks, and reading values.

``services``, ``services_steps`` and ``services_quota`` use these; callers use
``evaluations.services`` only.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from dangvu.core.services import add_error, save_as
from dangvu.core.text import fmt_day
from dangvu.evaluations import forced
from dangvu.evaluations.choices import Level, PeriodState, SubjectKind
from dangvu.evaluations.models import Evaluation, EvaluationPeriod, Finalization
from dangvu.evaluations.rules import RuleSet, level_for_score, rules_by_code

Errors = dict[str, list[str]]
SCORE_LIMIT = Decimal(100)
PERCENT_LIMIT = Decimal(100)
TWO_PLACES = Decimal("0.01")

# ---------------------------------------------------------------------------
# Shared checks (services.py uses them too)


def author(user: Any) -> Any:
    """The user to store as who did it (``None`` for an anonymous caller)."""
    return user if getattr(user, "is_authenticated", False) else None


def today() -> date:
    return timezone.localdate()


def require(allowed: bool, what: str = "") -> None:
    """``PermissionDenied`` (403) unless ``allowed``; ``what`` names the subject."""
    if not allowed:
        if what:
            raise PermissionDenied(
                _("Bạn không có quyền thực hiện việc này với %(what)s.") % {"what": what}
            )
        raise PermissionDenied(_("Bạn không có quyền thực hiện việc này."))


def check_open(period: EvaluationPeriod, errors: Errors) -> None:
    if period.state != PeriodState.OPEN:
        add_error(
            errors, "period", _("Kỳ đánh giá %(label)s đã kết thúc.") % {"label": period.label}
        )


def subject_word(kind: str) -> str:
    return _("đảng viên") if kind == SubjectKind.MEMBER else _("tổ chức đảng")


def clean_text(value: Any, field: str, limit: int, errors: Errors, *, required: str = "") -> str:
    """A stripped string of at most ``limit`` characters; ``required`` is the message when empty."""
    text = value.strip() if isinstance(value, str) else ("" if value is None else None)
    if text is None:
        add_error(errors, field, _("Nội dung không hợp lệ."))
        return ""
    if required and not text:
        add_error(errors, field, required)
    elif len(text) > limit:
        add_error(errors, field, _("Tối đa %(n)s ký tự.") % {"n": limit})
    return text


def check_day(
    value: Any, field: str, errors: Errors, *, earliest: date | None = None
) -> date | None:
    """A date not after today and not before ``earliest``; ``None`` on error."""
    if not isinstance(value, date) or isinstance(value, datetime):
        add_error(errors, field, _("Ngày không hợp lệ (dạng dd/mm/yyyy)."))
        return None
    if value > today():
        add_error(errors, field, _("Ngày không được sau ngày hôm nay."))
        return None
    if earliest is not None and value < earliest:
        add_error(
            errors, field, _("Ngày không được trước ngày %(day)s.") % {"day": fmt_day(earliest)}
        )
        return None
    return value


def save_with_reason(obj: Model, user: Any, reason: str) -> None:
    """Save with ``reason`` as the history's change reason, for this save only."""
    obj._change_reason = reason  # type: ignore[attr-defined]
    try:
        save_as(obj, user)
    finally:
        del obj._change_reason  # type: ignore[attr-defined]


def finalized_groups(period: EvaluationPeriod) -> set[tuple[int, str]]:
    """The (deciding body, kind) groups of the period whose results are finalised (one query)."""
    rows = Finalization.objects.filter(period=period, active=True).values_list(
        "deciding_org_id", "kind"
    )
    return set(rows)


def locked_message(evaluation: Evaluation) -> str:
    return _(
        "%(name)s: kết quả xếp loại của nhóm này đã chốt; "
        "mở lại việc chốt (nêu lý do) trước khi sửa."
    ) % {"name": evaluation.subject_name}


def rules_of(period: EvaluationPeriod) -> RuleSet:
    return rules_by_code(period.rules)


# ---------------------------------------------------------------------------
# Parsing the values of a step


def parse_decimal(value: Any, limit: Decimal) -> Decimal | None:
    """A number from 0 to ``limit`` with at most two decimals; ``None`` if it is not one."""
    if isinstance(value, bool) or value is None or value == "":
        return None
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        return None
    if not number.is_finite() or number < 0 or number > limit:
        return None
    if number != number.quantize(TWO_PLACES):
        return None
    return number.quantize(TWO_PLACES)


def score_value(
    value: Any, field: str, errors: Errors, limit: Decimal = SCORE_LIMIT
) -> Decimal | None:
    number = parse_decimal(value, limit)
    if number is None:
        add_error(
            errors,
            field,
            _("Điểm phải là số từ 0 đến %(max)s, tối đa 2 chữ số thập phân.")
            % {"max": forced.percent(limit)},
        )
    return number


def level_value(value: Any, errors: Errors) -> str:
    if value in (None, ""):
        add_error(errors, "level", _("Chọn mức xếp loại."))
        return ""
    if value not in Level.values:
        add_error(errors, "level", _("Mức xếp loại không hợp lệ."))
        return ""
    return str(value)


def level_and_score(
    rules: RuleSet, level: Any, score: Any, errors: Errors
) -> tuple[str, Decimal | None]:
    """A level under 132/124-QĐ/TW; a score, and the level it gives, under 366-QĐ/TW."""
    if not rules.scored:
        if score not in (None, ""):
            add_error(
                errors,
                "score",
                _("%(rules)s xếp loại theo mức, không chấm điểm.") % {"rules": rules.name},
            )
        return level_value(level, errors), None
    if score in (None, ""):
        add_error(
            errors,
            "score",
            _("%(rules)s xếp loại theo thang điểm 100: nhập điểm.") % {"rules": rules.name},
        )
        return "", None
    number = score_value(score, "score", errors)
    if number is None:
        return "", None
    return scored_level(rules, number, level, errors), number


def scored_level(rules: RuleSet, number: Decimal, level: Any, errors: Errors) -> str:
    computed = level_for_score(rules, number)
    if level not in (None, "") and level != computed:
        add_error(
            errors,
            "level",
            _("%(score)s điểm là mức %(level)s (%(rules)s).")
            % {"score": forced.percent(number), "level": computed.label, "rules": rules.name},
        )
    return str(computed)


def criteria_scores(
    rules: RuleSet, criteria: Any, level: Any, errors: Errors
) -> tuple[str, Decimal | None, dict[str, str]]:
    """Under 366-QĐ/TW the self-assessment scores each group of criteria; the score is their sum."""
    if not rules.scored:
        if criteria:
            add_error(
                errors,
                "criteria",
                _("%(rules)s xếp loại theo mức, không chấm điểm.") % {"rules": rules.name},
            )
        return level_value(level, errors), None, {}
    if not isinstance(criteria, Mapping) or not criteria:
        add_error(
            errors,
            "criteria",
            _("%(rules)s: chấm điểm từng nhóm tiêu chí.") % {"rules": rules.name},
        )
        return "", None, {}
    unknown = set(criteria) - {c.code for c in rules.criteria}
    if unknown:
        add_error(
            errors,
            "criteria",
            _("Nhóm tiêu chí không có trong quy định: %(codes)s.")
            % {"codes": ", ".join(sorted(map(str, unknown)))},
        )
    scores: dict[str, str] = {}
    total = Decimal(0)
    for criterion in rules.criteria:
        number = score_value(criteria.get(criterion.code), "criteria", errors, criterion.max_score)
        if number is not None:
            scores[criterion.code] = str(number)
            total += number
    if "criteria" in errors:
        return "", None, {}
    return scored_level(rules, total, level, errors), total, scores


def percent_value(value: Any, field: str, errors: Errors) -> Decimal | None:
    if value in (None, ""):
        return None
    number = parse_decimal(value, PERCENT_LIMIT)
    if number is None:
        add_error(errors, field, _("Tỷ lệ phải là số từ 0 đến 100."))
    return number
