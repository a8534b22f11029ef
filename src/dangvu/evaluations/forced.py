"""The cases where the rules force the ranking (RULES.md, Evaluation and ranking).

Checked when the deciding body decides (``services.decide``/``decide_many``):

* a member disciplined within the period (a record not cancelled, and not
  found and fixed by the member themselves) may only be ranked "not completed";
* so may an organisation disciplined itself (its leadership), one with more
  than 20 % of its direct subordinate organisations disciplined in the period,
  and one that met less than 50 % of its targets (Quy định 124-QĐ/TW, Điều 12;
  the same cases in 132-QĐ/TW and 366-QĐ/TW);
* under 366-QĐ/TW an organisation may be ranked excellent only with 100 % of
  its targets met, at least 30 % exceeded, and no subordinate organisation nor
  member of its committees disciplined in the period.

``facts_for`` reads what these need for any number of evaluations in at most
three queries; the checks themselves are pure.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext as _

from dangvu.evaluations.choices import DisciplineForm, Level, SubjectKind
from dangvu.evaluations.models import DisciplineRecord, Evaluation
from dangvu.evaluations.rules import RuleSet
from dangvu.organizations.models import Organization, Position

# Quy định 124-QĐ/TW, Điều 12: more than 20 % of the subordinate organisations disciplined.
SUBORDINATES_DISCIPLINED_SHARE = Decimal(20)
# Quy định 124-QĐ/TW, Điều 12: less than 50 % of the targets met.
TARGETS_MINIMUM = Decimal(50)
# Quy định 366-QĐ/TW: an excellent organisation met every target and exceeded 30 % of them.
EXCELLENT_TARGETS = Decimal(100)
EXCELLENT_EXCEEDED = Decimal(30)


@dataclass(frozen=True)
class Sanction:
    """One discipline record that counts, as the messages name it."""

    form: str
    decided_on: date
    subject: str

    def describe(self) -> str:
        return _("%(form)s ngày %(day)s") % {
            "form": DisciplineForm(self.form).label,
            "day": self.decided_on.strftime("%d/%m/%Y"),
        }


@dataclass
class Facts:
    """What the forced cases need about a batch of evaluations of one period."""

    members: dict[int, Sanction] = field(default_factory=dict)
    organizations: dict[int, Sanction] = field(default_factory=dict)
    children: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    committee: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))


def counting_records(start: date, end: date) -> Q:
    """Discipline decided within the period, not cancelled, not self-corrected."""
    return Q(decided_on__gte=start, decided_on__lte=end, cancelled=False, self_corrected=False)


def facts_for(evaluations: Iterable[Evaluation], start: date, end: date) -> Facts:
    """Read the discipline of the subjects, their subordinates and their committees."""
    facts = Facts()
    member_ids = {e.member_id for e in evaluations if e.kind == SubjectKind.MEMBER and e.member_id}
    org_ids = {e.subject_org_id for e in evaluations if e.subject_org_id}
    if org_ids:
        _read_children(facts, org_ids, end)
        _read_committees(facts, org_ids, end)
    people = member_ids | {m for ids in facts.committee.values() for m in ids}
    orgs = org_ids | {c for ids in facts.children.values() for c in ids}
    if people or orgs:
        _read_records(facts, people, orgs, start, end)
    return facts


def _read_children(facts: Facts, org_ids: set[int], end: date) -> None:
    rows = (
        Organization.objects.filter(parent_id__in=org_ids)
        .active_on(end)
        .order_by("path")
        .values_list("parent_id", "pk")
    )
    for parent_id, pk in rows:
        facts.children[parent_id].append(pk)


def _read_committees(facts: Facts, org_ids: set[int], end: date) -> None:
    """Members holding a position in a committee of the organisation on the period's last day."""
    rows = (
        Position.objects.filter(committee__organization_id__in=org_ids)
        .filter(Q(committee__elected_on__isnull=True) | Q(committee__elected_on__lte=end))
        .filter(Q(committee__ended_on__isnull=True) | Q(committee__ended_on__gt=end))
        .filter(Q(start_date__isnull=True) | Q(start_date__lte=end))
        .filter(Q(end_date__isnull=True) | Q(end_date__gt=end))
        .order_by("id")
        .values_list("committee__organization_id", "member_id")
    )
    for org_id, member_id in rows:
        if member_id not in facts.committee[org_id]:
            facts.committee[org_id].append(member_id)


def _read_records(facts: Facts, people: set[int], orgs: set[int], start: date, end: date) -> None:
    rows = (
        DisciplineRecord.objects.filter(counting_records(start, end))
        .filter(Q(member_id__in=people) | Q(organization_id__in=orgs))
        .order_by("decided_on", "id")
        .values_list("member_id", "organization_id", "form", "decided_on", "member__full_name")
    )
    for member_id, org_id, form, decided_on, name in rows:
        if member_id is not None:
            facts.members.setdefault(member_id, Sanction(form, decided_on, name or ""))
        else:
            facts.organizations.setdefault(org_id, Sanction(form, decided_on, ""))


def forced_reason(evaluation: Evaluation, facts: Facts, rules: RuleSet) -> str:
    """Why the rules allow only "not completed" for this subject ("" when they do not)."""
    if evaluation.kind == SubjectKind.MEMBER:
        sanction = facts.members.get(evaluation.member_id or 0)
        if sanction is None:
            return ""
        return _("%(rules)s: đảng viên bị kỷ luật %(what)s trong kỳ đánh giá") % {
            "rules": rules.name,
            "what": sanction.describe().lower(),
        }
    return _organization_forced(evaluation, facts, rules)


def _organization_forced(evaluation: Evaluation, facts: Facts, rules: RuleSet) -> str:
    org_id = evaluation.subject_org_id or 0
    own = facts.organizations.get(org_id)
    if own is not None:
        return _("%(rules)s: tổ chức bị kỷ luật %(what)s trong kỳ đánh giá") % {
            "rules": rules.name,
            "what": own.describe().lower(),
        }
    children = facts.children.get(org_id, [])
    disciplined = sum(1 for child in children if child in facts.organizations)
    if children and disciplined * 100 > SUBORDINATES_DISCIPLINED_SHARE * len(children):
        return _(
            "%(rules)s: %(n)s/%(total)s tổ chức trực thuộc bị kỷ luật trong kỳ đánh giá (hơn 20%%)"
        ) % {"rules": rules.name, "n": disciplined, "total": len(children)}
    targets = evaluation.targets_percent
    if targets is not None and targets < TARGETS_MINIMUM:
        return _("%(rules)s: chỉ hoàn thành %(p)s%% chỉ tiêu, nhiệm vụ (dưới 50%%)") % {
            "rules": rules.name,
            "p": percent(targets),
        }
    return ""


def excellent_problems(evaluation: Evaluation, facts: Facts, rules: RuleSet) -> list[str]:
    """Under 366-QĐ/TW, what keeps an organisation from being ranked excellent."""
    if not rules.scored or evaluation.kind != SubjectKind.ORGANIZATION:
        return []
    problems = []
    targets, exceeded = evaluation.targets_percent, evaluation.exceeded_percent
    if targets is None or targets < EXCELLENT_TARGETS:
        problems.append(
            _("hoàn thành 100%% chỉ tiêu, nhiệm vụ (đang có %(p)s)") % {"p": _shown(targets)}
        )
    if exceeded is None or exceeded < EXCELLENT_EXCEEDED:
        problems.append(
            _("có ít nhất 30%% chỉ tiêu vượt (đang có %(p)s)") % {"p": _shown(exceeded)}
        )
    org_id = evaluation.subject_org_id or 0
    if any(child in facts.organizations for child in facts.children.get(org_id, [])):
        problems.append(_("không có tổ chức trực thuộc bị kỷ luật trong kỳ"))
    names = [
        facts.members[m].subject for m in facts.committee.get(org_id, []) if m in facts.members
    ]
    if names:
        problems.append(
            _("không có cấp ủy viên bị kỷ luật trong kỳ (%(names)s)") % {"names": ", ".join(names)}
        )
    return problems


def excellent_refusal(problems: list[str], rules: RuleSet) -> str:
    return _("%(rules)s: tổ chức xếp loại %(level)s phải %(problems)s.") % {
        "rules": rules.name,
        "level": Level.EXCELLENT.label,
        "problems": "; ".join(problems),
    }


def percent(value: Decimal) -> str:
    """A percentage the Vietnamese way: ``45``, ``45,5``."""
    text = format(value.normalize(), "f")
    return text.replace(".", ",")


def _shown(value: Decimal | None) -> str:
    return _("chưa nhập") if value is None else percent(value) + "%"
