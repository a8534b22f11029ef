"""Quota exceptions and finalising a group under the quota (issue 6, item 4).

Re-exported by ``evaluations.services`` (the contract). A *group* is a deciding
body and a kind of subject (its members, or the organisations it decides).
Finalising counts the group's decisions, computes the limit (``rules.quota_limit``
with the period's rate and rounding) and, when more are ranked excellent than
the limit, needs an active ``QuotaException`` allowing it; the counts, the
limit and the exception are stored, and the group's decisions are locked until
the same body reopens the finalisation with a reason.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext as _

from dangvu.core.services import add_error, raise_if, save_as
from dangvu.evaluations import rules as rule_sets
from dangvu.evaluations.choices import Level, Stage, SubjectKind
from dangvu.evaluations.models import Evaluation, EvaluationPeriod, Finalization, QuotaException
from dangvu.evaluations.permissions import can_decide_group
from dangvu.evaluations.roster import period_bounds
from dangvu.evaluations.services_common import (
    Errors,
    author,
    check_day,
    check_open,
    clean_text,
    finalized_groups,
    require,
    save_with_reason,
    subject_word,
    today,
)
from dangvu.evaluations.summary import rate_text
from dangvu.organizations.models import Organization

# ---------------------------------------------------------------------------
# Quota exceptions and finalising a group


def _check_group(
    period: EvaluationPeriod, deciding_org: Organization, kind: Any, errors: Errors
) -> bool:
    if kind not in SubjectKind.values:
        add_error(errors, "kind", _("Đối tượng không hợp lệ."))
        return False
    if not Evaluation.objects.filter(period=period, deciding_org=deciding_org, kind=kind).exists():
        add_error(
            errors,
            "deciding_org",
            _("%(org)s không quyết định xếp loại %(subjects)s nào trong kỳ %(label)s.")
            % {"org": deciding_org.name, "subjects": subject_word(kind), "label": period.label},
        )
        return False
    return True


@transaction.atomic
def record_exception(
    user: Any,
    period: EvaluationPeriod,
    *,
    deciding_org: Organization,
    kind: str,
    authority: str,
    number: str,
    decided_on: date,
    reason: str,
    allowed: int | None = None,
) -> QuotaException:
    """Record the competent level's document allowing more excellent rankings than the quota."""
    require(can_decide_group(user, deciding_org), deciding_org.name)
    errors: Errors = {}
    check_open(period, errors)
    authority = clean_text(
        authority, "authority", 255, errors, required=_("Ghi cấp có thẩm quyền.")
    )
    number = clean_text(number, "number", 60, errors, required=_("Ghi số văn bản."))
    reason = clean_text(reason, "reason", 5000, errors, required=_("Ghi lý do."))
    check_day(decided_on, "decided_on", errors)
    if allowed is not None and (
        isinstance(allowed, bool) or not isinstance(allowed, int) or allowed < 0
    ):
        add_error(errors, "allowed", _("Số HTXSNV được phép phải là số nguyên không âm."))
    if _check_group(period, deciding_org, kind, errors) and _active_exception(
        period, deciding_org, kind
    ):
        add_error(
            errors,
            "number",
            _("%(org)s đã có văn bản cho phép vượt tỷ lệ; thu hồi văn bản đó trước.")
            % {"org": deciding_org.name},
        )
    raise_if(errors)
    exception = QuotaException(
        period=period,
        deciding_org=deciding_org,
        org_path=deciding_org.path,
        kind=kind,
        authority=authority,
        number=number,
        decided_on=decided_on,
        reason=reason,
        allowed=allowed,
        recorded_by=author(user),
    )
    save_as(exception, user)
    return exception


def _active_exception(
    period: EvaluationPeriod, deciding_org: Organization, kind: str
) -> QuotaException | None:
    return QuotaException.objects.filter(
        period=period, deciding_org=deciding_org, kind=kind, withdrawn=False
    ).first()


@transaction.atomic
def withdraw_exception(user: Any, exception: QuotaException, reason: str) -> QuotaException:
    """Withdraw a recorded exception (not while a finalised result rests on it)."""
    require(can_decide_group(user, exception.deciding_org_id), exception.number)
    errors: Errors = {}
    check_open(exception.period, errors)
    reason = clean_text(reason, "reason", 500, errors, required=_("Nêu lý do thu hồi."))
    if exception.withdrawn:
        add_error(
            errors, "exception", _("Văn bản %(n)s đã được thu hồi.") % {"n": exception.number}
        )
    elif Finalization.objects.filter(exception=exception, active=True).exists():
        add_error(
            errors,
            "exception",
            _("Kết quả đã chốt dựa trên văn bản %(n)s; mở lại việc chốt trước.")
            % {"n": exception.number},
        )
    raise_if(errors)
    exception.withdrawn = True
    save_with_reason(exception, user, reason)
    return exception


def _group_counts(
    period: EvaluationPeriod, deciding_org: Organization, kind: str
) -> tuple[dict[str, int], int]:
    """Decided counts by level, and how many evaluated subjects still wait for a decision."""
    rows = (
        Evaluation.objects.filter(period=period, deciding_org=deciding_org, kind=kind)
        .exclude(stage=Stage.NOT_EVALUATED)
        .values_list("stage", "decided_level")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts = dict.fromkeys(Level.values, 0)
    pending = 0
    for stage, level, n in rows:
        if stage == Stage.DECIDED and level in counts:
            counts[level] += n
        else:
            pending += n
    return counts, pending


def quota_refusal(
    organization: Organization, kind: str, excellent: int, good: int, limit: int, rate: Decimal
) -> str:
    """The reason finalising is refused over the quota, as the brief words it."""
    return _(
        "%(org)s: %(excellent)s %(subjects)s xếp loại %(level_x)s, vượt giới hạn %(limit)s "
        "(%(rate)s của %(good)s %(subjects)s %(level_g)s). Cần ghi nhận văn bản cho phép vượt "
        "tỷ lệ của cấp có thẩm quyền (cấp, số, ngày, lý do) trước khi chốt."
    ) % {
        "org": organization.name,
        "excellent": excellent,
        "subjects": subject_word(kind),
        "level_x": Level.EXCELLENT.label,
        "limit": limit,
        "rate": rate_text(rate),
        "good": good,
        "level_g": Level.GOOD.label,
    }


def _quota_problem(
    period: EvaluationPeriod,
    deciding_org: Organization,
    kind: str,
    counts: dict[str, int],
    limit: int,
) -> tuple[str, QuotaException | None]:
    excellent = counts[Level.EXCELLENT]
    if excellent <= limit:
        return "", None
    exception = _active_exception(period, deciding_org, kind)
    if exception is None:
        refusal = quota_refusal(
            deciding_org, kind, excellent, counts[Level.GOOD], limit, period.quota_rate
        )
        return refusal, None
    if exception.allowed is not None and exception.allowed < excellent:
        return _(
            "%(org)s: %(excellent)s %(subjects)s xếp loại %(level)s, "
            "nhiều hơn %(allowed)s theo văn bản %(n)s."
        ) % {
            "org": deciding_org.name,
            "excellent": excellent,
            "subjects": subject_word(kind),
            "level": Level.EXCELLENT.label,
            "allowed": exception.allowed,
            "n": exception.number,
        }, None
    return "", exception


@transaction.atomic
def finalize(
    user: Any,
    period: EvaluationPeriod,
    *,
    deciding_org: Organization,
    kind: str,
    on: date | None = None,
    decision_number: str = "",
) -> Finalization:
    """Close the rankings of one group under the quota; its decisions are then locked."""
    require(can_decide_group(user, deciding_org), deciding_org.name)
    errors: Errors = {}
    check_open(period, errors)
    day = check_day(
        on or today(), "on", errors, earliest=period_bounds(period.year, period.quarter)[0]
    )
    decision_number = clean_text(decision_number, "decision_number", 60, errors)
    group_ok = not errors and _check_group(period, deciding_org, kind, errors)
    if group_ok and (deciding_org.pk, kind) in finalized_groups(period):
        add_error(
            errors,
            "kind",
            _("%(org)s đã chốt kết quả xếp loại %(subjects)s.")
            % {"org": deciding_org.name, "subjects": subject_word(kind)},
        )
    raise_if(errors)
    counts, pending = _group_counts(period, deciding_org, kind)
    limit = rule_sets.quota_limit(counts[Level.GOOD], period.quota_rate, period.quota_rounding)
    if pending:
        add_error(
            errors,
            "kind",
            _("%(org)s: còn %(n)s %(subjects)s chưa có quyết định xếp loại.")
            % {"org": deciding_org.name, "n": pending, "subjects": subject_word(kind)},
        )
    elif not any(counts.values()):
        add_error(
            errors,
            "kind",
            _("%(org)s: không có %(subjects)s nào được đánh giá.")
            % {"org": deciding_org.name, "subjects": subject_word(kind)},
        )
    raise_if(errors)
    problem, exception = _quota_problem(period, deciding_org, kind, counts, limit)
    if problem:
        add_error(errors, "kind", problem)
    raise_if(errors)
    assert day is not None
    finalization = Finalization(
        period=period,
        deciding_org=deciding_org,
        org_path=deciding_org.path,
        kind=kind,
        finalized_on=day,
        finalized_by=author(user),
        decision_number=decision_number,
        excellent=counts[Level.EXCELLENT],
        good=counts[Level.GOOD],
        completed=counts[Level.COMPLETED],
        not_completed=counts[Level.NOT_COMPLETED],
        limit=limit,
        exception=exception,
    )
    save_as(finalization, user)
    return finalization


@transaction.atomic
def reopen_finalization(
    user: Any, finalization: Finalization, reason: str, on: date | None = None
) -> Finalization:
    """The body that finalised a group reopens it (with a reason) to change its decisions."""
    require(can_decide_group(user, finalization.deciding_org_id), str(finalization))
    errors: Errors = {}
    check_open(finalization.period, errors)
    reason = clean_text(reason, "reason", 500, errors, required=_("Nêu lý do mở lại."))
    day = check_day(on or today(), "on", errors, earliest=finalization.finalized_on)
    if not finalization.active:
        add_error(errors, "finalization", _("Việc chốt này đã được mở lại."))
    raise_if(errors)
    finalization.active = False
    finalization.reopened_on = day
    finalization.reopen_reason = reason
    save_with_reason(finalization, user, reason)
    return finalization
