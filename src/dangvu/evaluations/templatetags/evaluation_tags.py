"""Rankings in the pages: levels and scores as the offices write them, and the member panel.

The panel on the member profile ("Xếp loại chất lượng") reads one query: the
member's latest evaluations that the reader may see.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.template.loader import render_to_string

from dangvu.evaluations.choices import LEVEL_SHORT, Level, Stage
from dangvu.evaluations.forms import format_score
from dangvu.evaluations.models import Evaluation
from dangvu.evaluations.permissions import sees_forced_reason
from dangvu.members.models import Member

register = template.Library()
PANEL_ROWS = 6
STAGE_BADGES = {
    Stage.PENDING: "badge-warning",
    Stage.SELF_ASSESSED: "badge-info",
    Stage.PROPOSED: "badge-info",
    Stage.DECIDED: "badge-success",
    Stage.NOT_EVALUATED: "badge-muted",
}


@register.filter
def level_short(level: str) -> str:
    """“excellent” → “HTXSNV”; empty for no level."""
    return LEVEL_SHORT.get(level, "") if level else ""  # type: ignore[call-overload]


@register.filter
def level_label(level: str) -> str:
    return str(Level(level).label) if level in Level.values else ""


@register.filter
def score(value: Decimal | None) -> str:
    """93.00 → “93”, 85.50 → “85,5”, nothing → “”."""
    return format_score(value)


@register.filter
def stage_badge(stage: str) -> str:
    return STAGE_BADGES.get(stage, "badge-muted")  # type: ignore[call-overload]


@register.filter
def stage_label(stage: str) -> str:
    return str(Stage(stage).label) if stage in Stage.values else ""


@register.simple_tag(takes_context=True)
def member_evaluations_panel(context: Any, member: Member) -> str:
    """The member's latest rankings (decided, or where the cascade stands)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    rows = (
        Evaluation.objects.visible_to(user)
        .filter(member=member)
        .select_related("period")
        .order_by("-period__year", "-period__quarter", "-id")[:PANEL_ROWS]
    )
    return render_to_string(
        "evaluations/panels/member.html", {"member": member, "rows": list(rows)}, request=request
    )


@register.filter
def forced_reason_for(evaluation: Evaluation, user: Any) -> str:
    """Why the rules forced the ranking, for a reader of discipline; "" for the others."""
    return evaluation.forced_reason if sees_forced_reason(user, evaluation) else ""


@register.filter
def share_percent(value: float | None) -> str:
    """0.1923 → “19,23%”; “—” when nobody was evaluated."""
    if value is None:
        return "—"
    return f"{value * 100:.2f}".replace(".", ",") + "%"


@register.filter
def criterion_short(label: str) -> str:
    """“Nhóm tiêu chí chung (phẩm chất …)” → “Nhóm tiêu chí chung”: a table header."""
    return str(label).split(" (", 1)[0]
