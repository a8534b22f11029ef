"""The cascade on one evaluation: self-assessment, the cell's proposal, the decision.

Re-exported by ``evaluations.services`` (the contract); callers use that module.
Each step checks who acts (``permissions.can_take``: ``PermissionDenied``), the
order of the steps, the values the period's rules take (a level under
132/124-QĐ/TW, a score under 366-QĐ/TW) and the forced cases at decision
(``forced.py``), then writes. The ``*_many`` forms check every entry first and
write all of them at once — a fixed number of queries whatever their number —
or none. Self-assessments and proposals may be re-entered until the next step
is taken; a decision is changed only by reopening it, with a reason.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from dangvu.core.services import add_error, raise_if
from dangvu.evaluations import forced
from dangvu.evaluations.choices import Level, Stage, Step, SubjectKind
from dangvu.evaluations.models import Evaluation, EvaluationPeriod
from dangvu.evaluations.permissions import can_take
from dangvu.evaluations.roster import period_bounds
from dangvu.evaluations.rules import RuleSet
from dangvu.evaluations.services_common import (
    Errors,
    check_day,
    check_open,
    clean_text,
    criteria_scores,
    finalized_groups,
    level_and_score,
    locked_message,
    percent_value,
    require,
    rules_of,
    save_with_reason,
    today,
)

# The fields each step writes (bulk updates name them).
STEP_FIELDS: dict[str, tuple[str, ...]] = {
    Step.SELF: (
        "self_level",
        "self_score",
        "self_criteria",
        "self_note",
        "self_on",
        "self_by",
        "targets_percent",
        "exceeded_percent",
    ),
    Step.PROPOSAL: (
        "proposed_level",
        "proposed_score",
        "proposal_note",
        "proposed_on",
        "proposed_by",
    ),
    Step.DECISION: (
        "decided_level",
        "decided_score",
        "decision_note",
        "decided_on",
        "decided_by",
        "forced_reason",
    ),
}
# The stage a step leads to.
STAGE_AFTER: dict[str, str] = {
    Step.SELF: Stage.SELF_ASSESSED,
    Step.PROPOSAL: Stage.PROPOSED,
    Step.DECISION: Stage.DECIDED,
}
# The prefix of a step's date and author fields, and its note field.
STEP_PREFIX: dict[str, tuple[str, str]] = {
    Step.SELF: ("self", "self_note"),
    Step.PROPOSAL: ("proposed", "proposal_note"),
    Step.DECISION: ("decided", "decision_note"),
}


# ---------------------------------------------------------------------------
# The order of the steps


def _order_problem(evaluation: Evaluation, step: str) -> str:
    """Why ``step`` cannot be taken now ("" when it can)."""
    stage, name = evaluation.stage, evaluation.subject_name
    if step == Step.PROPOSAL and evaluation.kind == SubjectKind.ORGANIZATION:
        return _("%(name)s: tổ chức đảng không qua bước chi bộ đề xuất.") % {"name": name}
    if stage == Stage.NOT_EVALUATED:
        return _("%(name)s không thuộc diện đánh giá, xếp loại (%(reason)s).") % {
            "name": name,
            "reason": evaluation.not_evaluated_reason,
        }
    if stage == Stage.DECIDED:
        return _(
            "%(name)s: cấp ủy đã quyết định xếp loại; mở lại quyết định (nêu lý do) trước khi sửa."
        ) % {"name": name}
    if step == Step.SELF and stage == Stage.PROPOSED:
        return _("%(name)s: chi bộ đã đề xuất; mở lại đề xuất trước khi sửa tự đánh giá.") % {
            "name": name
        }
    if step != Step.SELF and stage == Stage.PENDING:
        return _("%(name)s chưa tự đánh giá.") % {"name": name}
    if step == Step.DECISION and evaluation.kind == SubjectKind.MEMBER and stage != Stage.PROPOSED:
        return _("%(name)s: chi bộ chưa đề xuất.") % {"name": name}
    return ""


def _previous_day(evaluation: Evaluation, step: str, period_start: date) -> date:
    """A step is dated no earlier than the step before it (and the period's first day)."""
    if step == Step.SELF:
        return period_start
    if step == Step.PROPOSAL:
        return evaluation.self_on or period_start
    return evaluation.proposed_on or evaluation.self_on or period_start


# ---------------------------------------------------------------------------
# Planning one step on one evaluation: the new values, or the errors


@dataclass
class Context:
    """What every entry of a batch shares: the period, its rules, the groups already finalised."""

    user: Any
    period: EvaluationPeriod
    rules: RuleSet
    start: date
    end: date
    locked: set[tuple[int, str]]
    facts: forced.Facts | None = None


def make_context(user: Any, period: EvaluationPeriod, step: str) -> Context:
    start, end = period_bounds(period.year, period.quarter)
    locked = finalized_groups(period) if step == Step.DECISION else set()
    return Context(user, period, rules_of(period), start, end, locked)


def plan(
    context: Context, evaluation: Evaluation, step: str, data: Mapping[str, Any]
) -> tuple[dict[str, Any], Errors]:
    """The values ``step`` writes on ``evaluation`` from ``data``, or the errors."""
    errors: Errors = {}
    problem = _order_problem(evaluation, step)
    if problem:
        add_error(errors, "stage", problem)
        return {}, errors
    if step == Step.DECISION and (evaluation.deciding_org_id, evaluation.kind) in context.locked:
        add_error(errors, "stage", locked_message(evaluation))
        return {}, errors
    day = check_day(
        data.get("on") or today(),
        "on",
        errors,
        earliest=_previous_day(evaluation, step, context.start),
    )
    note = clean_text(data.get("note"), "note", 5000, errors)
    values = _PLANNERS[step](context, evaluation, data, errors)
    if errors:
        return {}, errors
    prefix, note_field = STEP_PREFIX[step]
    values.update(
        {
            note_field: note,
            f"{prefix}_on": day,
            f"{prefix}_by": context.user,
            "stage": STAGE_AFTER[step],
        }
    )
    return values, errors


def _plan_self(
    context: Context, evaluation: Evaluation, data: Mapping[str, Any], errors: Errors
) -> dict[str, Any]:
    level, score, criteria = criteria_scores(
        context.rules, data.get("criteria"), data.get("level"), errors
    )
    targets = percent_value(data.get("targets_percent"), "targets_percent", errors)
    exceeded = percent_value(data.get("exceeded_percent"), "exceeded_percent", errors)
    if evaluation.kind == SubjectKind.MEMBER and (targets is not None or exceeded is not None):
        add_error(
            errors, "targets_percent", _("Chỉ tổ chức đảng mới nhập tỷ lệ chỉ tiêu, nhiệm vụ.")
        )
    return {
        "self_level": level,
        "self_score": score,
        "self_criteria": criteria,
        "targets_percent": targets,
        "exceeded_percent": exceeded,
    }


def _plan_proposal(
    context: Context, evaluation: Evaluation, data: Mapping[str, Any], errors: Errors
) -> dict[str, Any]:
    level, score = level_and_score(context.rules, data.get("level"), data.get("score"), errors)
    return {"proposed_level": level, "proposed_score": score}


def _plan_decision(
    context: Context, evaluation: Evaluation, data: Mapping[str, Any], errors: Errors
) -> dict[str, Any]:
    level, score = level_and_score(context.rules, data.get("level"), data.get("score"), errors)
    if errors:
        return {}
    facts = context.facts or forced.facts_for([evaluation], context.start, context.end)
    reason = forced.forced_reason(evaluation, facts, context.rules)
    if reason and level != Level.NOT_COMPLETED:
        add_error(
            errors,
            "level",
            _("%(name)s — %(reason)s: chỉ được xếp loại %(level)s.")
            % {
                "name": evaluation.subject_name,
                "reason": reason,
                "level": Level.NOT_COMPLETED.label,
            },
        )
    elif level == Level.EXCELLENT:
        problems = forced.excellent_problems(evaluation, facts, context.rules)
        if problems:
            add_error(
                errors,
                "level",
                _("%(name)s — %(refusal)s")
                % {
                    "name": evaluation.subject_name,
                    "refusal": forced.excellent_refusal(problems, context.rules),
                },
            )
    return {"decided_level": level, "decided_score": score, "forced_reason": reason}


Planner = Callable[["Context", Evaluation, Mapping[str, Any], Errors], dict[str, Any]]
_PLANNERS: dict[str, Planner] = {
    Step.SELF: _plan_self,
    Step.PROPOSAL: _plan_proposal,
    Step.DECISION: _plan_decision,
}


# ---------------------------------------------------------------------------
# Writing


def write(user: Any, changes: list[tuple[Evaluation, dict[str, Any]]], step: str) -> None:
    """Apply the planned values and write them with their history: two queries per batch."""
    for evaluation, values in changes:
        for field, value in values.items():
            setattr(evaluation, field, value)
        # The author of this write, and no reason left over from an earlier save of the object.
        evaluation._history_user = user if getattr(user, "is_authenticated", False) else None  # type: ignore[attr-defined]
        evaluation.__dict__.pop("_change_reason", None)
    rows = [evaluation for evaluation, _values in changes]
    if not rows:
        return
    fields = [*STEP_FIELDS[step], "stage"]
    # A value every row shares (the date, the author, the stage …) is one plain UPDATE;
    # only the values that differ go through bulk_update's CASE, whose SQL grows with
    # rows × fields. Three queries per batch, whatever the number of rows.
    first = rows[0]
    same = {
        field: getattr(first, field)
        for field in fields
        if all(getattr(row, field) == getattr(first, field) for row in rows)
    }
    varying = [field for field in fields if field not in same]
    if same:
        Evaluation.objects.filter(pk__in=[row.pk for row in rows]).update(**same)
    if varying:
        Evaluation.objects.bulk_update(rows, varying, batch_size=500)
    Evaluation.history.bulk_history_create(
        rows,
        update=True,
        default_change_reason=None,
        default_user=user if getattr(user, "is_authenticated", False) else None,
    )


def check_may_take(user: Any, evaluation: Evaluation, step: str) -> None:
    """403 unless the user may take ``step``; an organisation's proposal is a data error instead."""
    if step == Step.PROPOSAL and evaluation.kind == SubjectKind.ORGANIZATION:
        return  # refused by ``plan`` with its reason
    require(can_take(user, evaluation, step), evaluation.subject_name)


def _take(user: Any, evaluation: Evaluation, step: str, data: Mapping[str, Any]) -> Evaluation:
    check_may_take(user, evaluation, step)
    period = evaluation.period
    errors: Errors = {}
    check_open(period, errors)
    raise_if(errors)
    values, errors = plan(make_context(user, period, step), evaluation, step, data)
    raise_if(errors)
    write(user, [(evaluation, values)], step)
    return evaluation


@transaction.atomic
def self_assess(
    user: Any,
    evaluation: Evaluation,
    *,
    level: str | None = None,
    criteria: Mapping[str, Any] | None = None,
    note: str = "",
    on: date | None = None,
    targets_percent: Decimal | None = None,
    exceeded_percent: Decimal | None = None,
) -> Evaluation:
    """The member's (or the organisation's) self-assessment: a level, or criteria scores (366)."""
    data = {
        "level": level,
        "criteria": criteria,
        "note": note,
        "on": on,
        "targets_percent": targets_percent,
        "exceeded_percent": exceeded_percent,
    }
    return _take(user, evaluation, Step.SELF, data)


@transaction.atomic
def propose(
    user: Any,
    evaluation: Evaluation,
    *,
    level: str | None = None,
    score: Any = None,
    note: str = "",
    on: date | None = None,
) -> Evaluation:
    """The cell's proposal for one of its members (after the self-assessment)."""
    data = {"level": level, "score": score, "note": note, "on": on}
    return _take(user, evaluation, Step.PROPOSAL, data)


@transaction.atomic
def decide(
    user: Any,
    evaluation: Evaluation,
    *,
    level: str | None = None,
    score: Any = None,
    note: str = "",
    on: date | None = None,
) -> Evaluation:
    """The deciding body's ranking, with the forced cases and the 366 excellence conditions."""
    data = {"level": level, "score": score, "note": note, "on": on}
    return _take(user, evaluation, Step.DECISION, data)


# ---------------------------------------------------------------------------
# Many at once


def _evaluation_id(value: Any) -> int | None:
    if isinstance(value, Evaluation):
        return value.pk
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _read_entries(entries: Iterable[Any]) -> tuple[list[tuple[int, Mapping[str, Any]]], list[str]]:
    """(evaluation id, entry) for each readable entry, and the problems of the others."""
    parsed: list[tuple[int, Mapping[str, Any]]] = []
    problems: list[str] = []
    seen: dict[int, int] = {}
    for index, entry in enumerate(entries, start=1):
        pk = _evaluation_id(entry.get("evaluation")) if isinstance(entry, Mapping) else None
        if pk is None:
            problems.append(_("Dòng %(n)s: không đọc được đối tượng đánh giá.") % {"n": index})
        elif pk in seen:
            problems.append(_("Dòng %(n)s: trùng với dòng %(m)s.") % {"n": index, "m": seen[pk]})
        else:
            seen[pk] = index
            parsed.append((pk, entry))
    return parsed, problems


def _flatten(errors: Errors) -> list[str]:
    return [message for messages in errors.values() for message in messages]


def _with_name(evaluation: Evaluation, message: str) -> str:
    name = evaluation.subject_name
    return message if message.startswith(name) else f"{name}: {message}"


def take_many(user: Any, period: EvaluationPeriod, entries: Iterable[Any], step: str) -> int:
    """Check every entry, then write them all at once; nothing written on any error."""
    parsed, problems = _read_entries(entries)
    by_id = {
        e.pk: e
        for e in Evaluation.objects.filter(
            period=period, pk__in=[pk for pk, _e in parsed]
        ).select_related("member", "subject_org")
    }
    for pk, _entry in parsed:
        if pk not in by_id:
            problems.append(
                _("Không có đánh giá số %(pk)s trong kỳ %(label)s.")
                % {"pk": pk, "label": period.label}
            )
    for evaluation in by_id.values():
        check_may_take(user, evaluation, step)
    errors: Errors = {}
    check_open(period, errors)
    if errors:
        raise_if(errors)
    context = make_context(user, period, step)
    if step == Step.DECISION:
        context.facts = forced.facts_for(by_id.values(), context.start, context.end)
    changes = []
    for pk, entry in parsed:
        if pk not in by_id:
            continue
        values, entry_errors = plan(context, by_id[pk], step, entry)
        problems += [_with_name(by_id[pk], m) for m in _flatten(entry_errors)]
        changes.append((by_id[pk], values))
    if problems:
        raise ValidationError({"entries": problems})
    if changes:
        write(user, changes, step)
    return len(changes)


@transaction.atomic
def self_assess_many(
    user: Any, period: EvaluationPeriod, entries: Iterable[Mapping[str, Any]]
) -> int:
    """Self-assessments entered from paper: ``{"evaluation", "level" | "criteria", "note"}``."""
    return take_many(user, period, entries, Step.SELF)


@transaction.atomic
def propose_many(user: Any, period: EvaluationPeriod, entries: Iterable[Mapping[str, Any]]) -> int:
    """A cell's proposals for many members: ``{"evaluation", "level" | "score", "note"}``."""
    return take_many(user, period, entries, Step.PROPOSAL)


@transaction.atomic
def decide_many(user: Any, period: EvaluationPeriod, entries: Iterable[Mapping[str, Any]]) -> int:
    """The deciding body's rankings for many subjects, all or nothing."""
    return take_many(user, period, entries, Step.DECISION)


# ---------------------------------------------------------------------------
# Reopening the latest step


LATEST_STEP: dict[str, str] = {
    Stage.SELF_ASSESSED: Step.SELF,
    Stage.PROPOSED: Step.PROPOSAL,
    Stage.DECIDED: Step.DECISION,
}
CLEARED: dict[str, dict[str, Any]] = {
    Step.SELF: {
        "self_level": "",
        "self_score": None,
        "self_criteria": {},
        "self_note": "",
        "self_on": None,
        "self_by": None,
        "targets_percent": None,
        "exceeded_percent": None,
    },
    Step.PROPOSAL: {
        "proposed_level": "",
        "proposed_score": None,
        "proposal_note": "",
        "proposed_on": None,
        "proposed_by": None,
    },
    Step.DECISION: {
        "decided_level": "",
        "decided_score": None,
        "decision_note": "",
        "decided_on": None,
        "decided_by": None,
        "forced_reason": "",
    },
}


def stage_before(evaluation: Evaluation, step: str) -> str:
    if step == Step.SELF:
        return Stage.PENDING
    if step == Step.PROPOSAL or evaluation.kind == SubjectKind.ORGANIZATION:
        return Stage.SELF_ASSESSED
    return Stage.PROPOSED


@transaction.atomic
def reopen(user: Any, evaluation: Evaluation, step: str, reason: str) -> Evaluation:
    """Reopen the latest step taken, by who may take it, with a reason kept in the history."""
    if step not in Step.values:
        raise ValidationError({"step": [_("Bước không hợp lệ.")]})
    require(can_take(user, evaluation, step), evaluation.subject_name)
    errors: Errors = {}
    check_open(evaluation.period, errors)
    reason = clean_text(reason, "reason", 500, errors, required=_("Nêu lý do mở lại."))
    latest = LATEST_STEP.get(evaluation.stage)
    if latest is None:
        add_error(
            errors,
            "step",
            _("%(name)s chưa có bước nào để mở lại.") % {"name": evaluation.subject_name},
        )
    elif latest != step:
        add_error(
            errors,
            "step",
            _("Chỉ mở lại được bước gần nhất (%(step)s).") % {"step": Step(latest).label},
        )
    elif step == Step.DECISION and (
        evaluation.deciding_org_id,
        evaluation.kind,
    ) in finalized_groups(evaluation.period):
        add_error(errors, "step", locked_message(evaluation))
    raise_if(errors)
    for field, value in CLEARED[step].items():
        setattr(evaluation, field, value)
    evaluation.stage = stage_before(evaluation, step)
    evaluation.reopen_reason = reason
    save_with_reason(evaluation, user, reason)
    return evaluation
