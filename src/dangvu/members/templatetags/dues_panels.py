"""The dues panel of the member profile: basis, amount now, reductions, the last 12 months.

Five queries whatever the member's history (profiles, reductions, the two
party-age readers, payments); the placements come from the profile page's
context when it has them. The buttons lead to the forms in one click.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django import template
from django.template.loader import render_to_string

from dangvu.members import dues
from dangvu.members import dues_rules as rules
from dangvu.members.choices import PlacementKind
from dangvu.members.models import DuesPayment, Member, Placement

register = template.Library()
MONTHS_SHOWN = 12


@dataclass
class MonthState:
    """One month on the panel: what was due and whether it was paid."""

    month: date
    due: int | None
    payment: DuesPayment | None
    state: str  # paid, unpaid, exempt, untracked


def _placed(placements: list[Placement], month: date) -> bool:
    last = rules.month_end(month)
    return any(
        p.kind == PlacementKind.PERMANENT
        and p.start_date <= last
        and (p.end_date is None or p.end_date > month)
        for p in placements
    )


def _state(facts: dues.DuesFacts, month: date, due: int | None, placed: bool, paid: bool) -> str:
    if paid:
        return "paid"
    tracked = facts.tracked_from()
    if not placed or tracked is None or month < tracked:
        return "untracked"
    return "exempt" if due == 0 else "unpaid"


def month_states(
    member: Member, placements: list[Placement], today: date
) -> tuple[dues.DuesFacts, list[MonthState]]:
    facts = dues.load_facts([member])[member.pk]
    current = rules.month_start(today)
    months = rules.months_between(rules.add_months(current, 1 - MONTHS_SHOWN), current)
    payments = {p.month: p for p in DuesPayment.objects.filter(member=member, month__gte=months[0])}
    sets = dues.rule_sets()
    states = []
    for month in reversed(months):
        due = facts.due(month, sets)
        placed = _placed(placements, month)
        state = _state(facts, month, due, placed, month in payments)
        states.append(MonthState(month, due, payments.get(month), state))
    return facts, states


@register.simple_tag(takes_context=True)
def dues_panel(context: Any, member: Member) -> str:
    user = context["request"].user
    today = date.today()
    placements = context.get("placements")
    if placements is None:
        placements = list(member.placements.all())
    facts, states = month_states(member, list(placements), today)
    return render_to_string(
        "members/panels/dues.html",
        {
            "member": member,
            "profile": facts.profile_for(today),
            "due_now": states[0].due,
            "reductions": facts.reductions,
            "states": states,
            "unpaid_count": sum(1 for s in states if s.state == "unpaid"),
            "may_manage": dues.may_manage_dues(user, member),
            "may_collect": dues.may_record_payments(user, member.cell),
        },
        request=context["request"],
    )
