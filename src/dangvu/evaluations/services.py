"""Every write of the annual review goes through here (ARCHITECTURE.md, rule 1; issue 6).

A committee opens a period for its subtree (``open_period``), which writes one
evaluation per subject from the records at the period's end; the cascade —
``self_assess``, ``propose``, ``decide`` and their ``*_many`` forms, ``reopen``
— lives in ``services_steps``. Each deciding body then finalises its groups
under the quota (``finalize``; over the limit it needs a ``QuotaException``
first: ``services_quota``), and the period is closed when every group is.
Both modules are re-exported here, so callers use this one.
Discipline records feed the forced cases; commendations follow an excellent
ranking. Each function checks who acts (``PermissionDenied``), checks
everything else first and raises one Vietnamese ``ValidationError`` with
nothing written; all are atomic. Decisions recorded in
docs/decisions/0007-evaluations-cascade-and-quota.md.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from dangvu.core.scope import subtree_q
from dangvu.core.services import add_error, raise_if, save_as
from dangvu.core.tree import ancestor_ids, segment
from dangvu.evaluations import rules as rule_sets
from dangvu.evaluations.choices import (
    MEMBER_DISCIPLINE_FORMS,
    ORGANIZATION_DISCIPLINE_FORMS,
    PROBATIONARY_DISCIPLINE_FORMS,
    CommendationForm,
    Level,
    PeriodState,
    Rounding,
    Stage,
)
from dangvu.evaluations.models import Commendation, DisciplineRecord, Evaluation, EvaluationPeriod
from dangvu.evaluations.permissions import (
    can_manage_period,
    can_manage_subject,
    can_open_period,
    can_record_discipline,
)
from dangvu.evaluations.roster import SubjectRow, period_bounds, subjects_for
from dangvu.evaluations.services_common import (
    Errors,
    author,
    check_day,
    check_open,
    clean_text,
    finalized_groups,
    fmt_day,
    locked_message,
    require,
    save_with_reason,
    subject_word,
    today,
)
from dangvu.evaluations.services_quota import finalize as finalize
from dangvu.evaluations.services_quota import quota_refusal as quota_refusal
from dangvu.evaluations.services_quota import record_exception as record_exception
from dangvu.evaluations.services_quota import reopen_finalization as reopen_finalization
from dangvu.evaluations.services_quota import withdraw_exception as withdraw_exception
from dangvu.evaluations.services_steps import decide as decide
from dangvu.evaluations.services_steps import decide_many as decide_many
from dangvu.evaluations.services_steps import propose as propose
from dangvu.evaluations.services_steps import propose_many as propose_many
from dangvu.evaluations.services_steps import reopen as reopen
from dangvu.evaluations.services_steps import self_assess as self_assess
from dangvu.evaluations.services_steps import self_assess_many as self_assess_many
from dangvu.evaluations.summary import rate_text as rate_text
from dangvu.members.models import Member
from dangvu.organizations.choices import Level as OrgLevel
from dangvu.organizations.models import Organization

# The first period year the system has rules for (Quy định 132-QĐ/TW, 2018).
FIRST_YEAR = rule_sets.RULES_132.first_year
PERIOD_LEVELS = frozenset(
    {OrgLevel.GRASSROOTS, OrgLevel.DISTRICT, OrgLevel.PROVINCE, OrgLevel.CENTRAL}
)


# ---------------------------------------------------------------------------
# Periods


def _check_year(year: Any, quarter: Any, errors: Errors) -> rule_sets.RuleSet | None:
    if isinstance(year, bool) or not isinstance(year, int):
        add_error(errors, "year", _("Năm không hợp lệ."))
        return None
    if not FIRST_YEAR <= year <= today().year:
        add_error(
            errors,
            "year",
            _("Năm đánh giá phải từ %(first)s đến %(last)s.")
            % {"first": FIRST_YEAR, "last": today().year},
        )
        return None
    if isinstance(quarter, bool) or not isinstance(quarter, int) or not 0 <= quarter <= 4:
        add_error(errors, "quarter", _("Quý phải từ 1 đến 4 (0: cả năm)."))
        return None
    rules = rule_sets.rules_for(year)
    if quarter and not rules.allows_quarter:
        add_error(
            errors,
            "quarter",
            _(
                "%(rules)s không quy định đánh giá, xếp loại theo quý; "
                "theo quý chỉ từ năm %(first)s (%(new)s)."
            )
            % {
                "rules": rules.name,
                "first": rule_sets.RULES_366.first_year,
                "new": rule_sets.RULES_366.name,
            },
        )
    elif period_bounds(year, quarter)[0] > today():
        add_error(errors, "quarter", _("Quý %(q)s/%(y)s chưa bắt đầu.") % {"q": quarter, "y": year})
    return rules


def _check_organization(organization: Organization, start: date | None, errors: Errors) -> None:
    if organization.level not in PERIOD_LEVELS:
        add_error(
            errors,
            "organization",
            _(
                "Kỳ đánh giá mở cho đảng bộ cơ sở (chi bộ cơ sở) hoặc cấp trên, "
                "không mở cho chi bộ trực thuộc."
            ),
        )
    elif start is not None and organization.ended_on and organization.ended_on <= start:
        add_error(
            errors,
            "organization",
            _("%(org)s đã kết thúc hoạt động ngày %(day)s.")
            % {"org": organization.name, "day": fmt_day(organization.ended_on)},
        )


def _check_overlap(organization: Organization, year: int, quarter: int, errors: Errors) -> None:
    """No two periods of the same year and quarter over one subtree (one query)."""
    ids = ancestor_ids(organization.path)
    ancestors = ["".join(segment(pk) for pk in ids[:n]) for n in range(1, len(ids))]
    clash = (
        EvaluationPeriod.objects.filter(year=year, quarter=quarter)
        .filter(Q(org_path__in=ancestors) | subtree_q("org_path", organization.path))
        .select_related("organization")
        .first()
    )
    if clash is not None:
        add_error(
            errors,
            "organization",
            _("%(org)s đã có kỳ đánh giá %(label)s, trùng phạm vi với kỳ này.")
            % {"org": clash.organization.name, "label": clash.label},
        )


def _check_quota(rate: Any, rounding: Any, errors: Errors) -> tuple[Decimal, str]:
    try:
        value = Decimal(str(rate).replace(",", ".")) if rate is not None else rule_sets.quota_rate()
    except InvalidOperation:
        value = Decimal(-1)
    if (
        not value.is_finite()
        or not Decimal(0) < value <= Decimal(1)
        or value != value.quantize(Decimal("0.01"))
    ):
        add_error(
            errors,
            "quota_rate",
            _(
                "Tỷ lệ HTXSNV tối đa phải lớn hơn 0 và không quá 1 (100%), "
                "tối đa 2 chữ số thập phân."
            ),
        )
    chosen = rule_sets.quota_rounding() if rounding is None else rounding
    if chosen not in Rounding.values:
        add_error(errors, "quota_rounding", _("Cách làm tròn không hợp lệ."))
    return value, str(chosen)


@transaction.atomic
def open_period(
    user: Any,
    *,
    organization: Organization,
    year: int,
    quarter: int = 0,
    opened_on: date | None = None,
    plan_reference: str = "",
    note: str = "",
    quota_rate: Decimal | str | None = None,
    quota_rounding: str | None = None,
) -> EvaluationPeriod:
    """Open a period for ``organization``'s subtree and write one evaluation per subject."""
    require(can_open_period(user, organization), organization.name)
    errors: Errors = {}
    rules = _check_year(year, quarter, errors)
    start = period_bounds(year, quarter)[0] if rules else None
    _check_organization(organization, start, errors)
    if rules and not errors:
        _check_overlap(organization, year, quarter, errors)
    rate, rounding = _check_quota(quota_rate, quota_rounding, errors)
    day = check_day(opened_on or today(), "opened_on", errors)
    plan_reference = clean_text(plan_reference, "plan_reference", 255, errors)
    note = clean_text(note, "note", 5000, errors)
    raise_if(errors)
    assert rules is not None and day is not None
    period = EvaluationPeriod(
        organization=organization,
        org_path=organization.path,
        year=year,
        quarter=quarter,
        rules=rules.code,
        quota_rate=rate,
        quota_rounding=rounding,
        plan_reference=plan_reference,
        opened_on=day,
        opened_by=author(user),
        note=note,
    )
    save_as(period, user)
    _write_subjects(user, period, subjects_for(organization, year, quarter))
    return period


def _evaluation_for(period: EvaluationPeriod, row: SubjectRow) -> Evaluation:
    return Evaluation(
        period=period,
        kind=row.kind,
        member=row.member,
        subject_org=row.organization,
        unit=row.unit,
        org_path=row.unit.path,
        deciding_org=row.deciding_org,
        stage=Stage.PENDING if row.evaluated else Stage.NOT_EVALUATED,
        not_evaluated_reason=row.reason,
    )


def _write_subjects(user: Any, period: EvaluationPeriod, rows: list[SubjectRow]) -> int:
    """One insert (and one for the history) per batch, whatever the number of subjects."""
    objs = [_evaluation_for(period, row) for row in rows]
    if objs:
        bulk_create_with_history(objs, Evaluation, default_user=author(user))
    return len(objs)


@transaction.atomic
def refresh_subjects(user: Any, period: EvaluationPeriod) -> int:
    """Add the subjects that appeared in the records since the period was opened (idempotent)."""
    require(can_manage_period(user, period), period.label)
    errors: Errors = {}
    check_open(period, errors)
    raise_if(errors)
    existing = Evaluation.objects.filter(period=period).values_list("member_id", "subject_org_id")
    members = {m for m, _o in existing if m}
    orgs = {o for _m, o in existing if o}
    rows = [
        row
        for row in subjects_for(period.organization, period.year, period.quarter)
        if (row.member is not None and row.member.pk not in members)
        or (row.organization is not None and row.organization.pk not in orgs)
    ]
    return _write_subjects(user, period, rows)


@transaction.atomic
def close_period(user: Any, period: EvaluationPeriod, on: date | None = None) -> EvaluationPeriod:
    """End the period once every group with evaluated subjects is finalised."""
    require(can_manage_period(user, period), period.label)
    errors: Errors = {}
    check_open(period, errors)
    day = check_day(on or today(), "on", errors, earliest=period.opened_on)
    groups = (
        Evaluation.objects.filter(period=period)
        .exclude(stage=Stage.NOT_EVALUATED)
        .values_list("deciding_org_id", "deciding_org__name", "kind")
        .distinct()
        .order_by("deciding_org__path", "kind")
    )
    done = finalized_groups(period)
    missing = [
        f"{name} ({subject_word(kind)})"
        for org_id, name, kind in groups
        if (org_id, kind) not in done
    ]
    if missing:
        add_error(
            errors,
            "period",
            _("Chưa chốt kết quả xếp loại: %(groups)s.") % {"groups": "; ".join(missing)},
        )
    raise_if(errors)
    period.state = PeriodState.CLOSED
    period.closed_on = day
    save_as(period, user)
    return period


# ---------------------------------------------------------------------------
# Who is evaluated


@transaction.atomic
def exclude(user: Any, evaluation: Evaluation, reason: str) -> Evaluation:
    """Mark a subject not evaluated (e.g. "Đình chỉ sinh hoạt đảng"); its steps are kept."""
    require(can_manage_subject(user, evaluation), evaluation.subject_name)
    errors: Errors = {}
    check_open(evaluation.period, errors)
    reason = clean_text(reason, "reason", 255, errors, required=_("Nêu lý do không đánh giá."))
    if evaluation.stage == Stage.NOT_EVALUATED:
        add_error(
            errors,
            "stage",
            _("%(name)s đã ở diện không đánh giá.") % {"name": evaluation.subject_name},
        )
    elif evaluation.stage == Stage.DECIDED:
        add_error(
            errors,
            "stage",
            _("%(name)s đã có quyết định xếp loại; mở lại quyết định trước.")
            % {"name": evaluation.subject_name},
        )
    raise_if(errors)
    evaluation.stage = Stage.NOT_EVALUATED
    evaluation.not_evaluated_reason = reason
    save_with_reason(evaluation, user, reason)
    return evaluation


def _stage_from_steps(evaluation: Evaluation) -> str:
    if evaluation.proposed_level:
        return Stage.PROPOSED
    if evaluation.self_level:
        return Stage.SELF_ASSESSED
    return Stage.PENDING


@transaction.atomic
def include(user: Any, evaluation: Evaluation) -> Evaluation:
    """Evaluate a subject again; it resumes at the step it had reached."""
    require(can_manage_subject(user, evaluation), evaluation.subject_name)
    errors: Errors = {}
    check_open(evaluation.period, errors)
    if evaluation.stage != Stage.NOT_EVALUATED:
        add_error(
            errors,
            "stage",
            _("%(name)s đang thuộc diện đánh giá.") % {"name": evaluation.subject_name},
        )
    elif (evaluation.deciding_org_id, evaluation.kind) in finalized_groups(evaluation.period):
        add_error(errors, "stage", locked_message(evaluation))
    raise_if(errors)
    evaluation.stage = _stage_from_steps(evaluation)
    evaluation.not_evaluated_reason = ""
    save_as(evaluation, user)
    return evaluation


# ---------------------------------------------------------------------------
# Discipline and commendations


def _check_discipline_form(
    member: Member | None, form: Any, decided_on: Any, errors: Errors
) -> None:
    if member is None:
        allowed = ORGANIZATION_DISCIPLINE_FORMS
    elif member.official_date is None or (
        isinstance(decided_on, date) and member.official_date > decided_on
    ):
        # Quy định 24-QĐ/TW: a probationary member is only reprimanded or warned.
        allowed = PROBATIONARY_DISCIPLINE_FORMS
    else:
        allowed = MEMBER_DISCIPLINE_FORMS
    if form not in allowed:
        add_error(errors, "form", _("Hình thức kỷ luật không áp dụng cho đối tượng này."))


@transaction.atomic
def record_discipline(
    user: Any,
    *,
    member: Member | None = None,
    organization: Organization | None = None,
    form: str,
    decided_on: date,
    authority: str,
    decision_number: str = "",
    reason: str = "",
    self_corrected: bool = False,
) -> DisciplineRecord:
    """Record a discipline decision on a member or an organisation (what the ranking reads).

    The record does not change the member's status: an expulsion ends the
    membership through ``members.decisions.expel_member``.
    """
    if (member is None) == (organization is None):
        raise ValueError("record_discipline takes a member or an organization")
    path = member.org_path if member is not None else organization.path  # type: ignore[union-attr]
    require(can_record_discipline(user, path), str(member or organization))
    errors: Errors = {}
    _check_discipline_form(member, form, decided_on, errors)
    day = check_day(decided_on, "decided_on", errors)
    joined = member.ceremony_date if member is not None else None
    if day and joined and day < joined:
        add_error(
            errors,
            "decided_on",
            _("Ngày không được trước ngày vào Đảng %(day)s.") % {"day": fmt_day(joined)},
        )
    authority = clean_text(
        authority, "authority", 255, errors, required=_("Ghi cấp quyết định kỷ luật.")
    )
    decision_number = clean_text(decision_number, "decision_number", 60, errors)
    reason = clean_text(reason, "reason", 5000, errors)
    raise_if(errors)
    record = DisciplineRecord(
        member=member,
        organization=organization,
        org_path=path,
        form=form,
        decided_on=decided_on,
        authority=authority,
        decision_number=decision_number,
        reason=reason,
        self_corrected=bool(self_corrected),
    )
    save_as(record, user)
    return record


@transaction.atomic
def commend(
    user: Any,
    evaluation: Evaluation,
    *,
    form: str,
    authority: str,
    decided_on: date,
    decision_number: str = "",
    note: str = "",
) -> Commendation:
    """Record a commendation; only a subject decided excellent may be commended (RULES.md)."""
    require(can_manage_subject(user, evaluation), evaluation.subject_name)
    errors: Errors = {}
    if evaluation.stage != Stage.DECIDED or evaluation.decided_level != Level.EXCELLENT:
        add_error(
            errors,
            "evaluation",
            _(
                "%(name)s không được xếp loại %(level)s: chỉ đối tượng xếp loại %(level)s "
                "mới được đề nghị khen thưởng."
            )
            % {"name": evaluation.subject_name, "level": Level.EXCELLENT.label},
        )
    if form not in CommendationForm.values:
        add_error(errors, "form", _("Hình thức khen thưởng không hợp lệ."))
    check_day(decided_on, "decided_on", errors, earliest=evaluation.decided_on)
    authority = clean_text(authority, "authority", 255, errors, required=_("Ghi cấp khen thưởng."))
    decision_number = clean_text(decision_number, "decision_number", 60, errors)
    note = clean_text(note, "note", 255, errors)
    raise_if(errors)
    commendation = Commendation(
        evaluation=evaluation,
        org_path=evaluation.org_path,
        form=form,
        authority=authority,
        decision_number=decision_number,
        decided_on=decided_on,
        note=note,
        recorded_by=author(user),
    )
    save_as(commendation, user)
    return commendation
