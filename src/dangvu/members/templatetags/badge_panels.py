"""The badge panel of the member profile: party age, badges held, the next one due.

Three queries whatever the member's history (badges, events, transfers); the
"Ghi nhận huy hiệu" button leads to the award form in one click (staff).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django import template
from django.template.loader import render_to_string

from dangvu.core import scope
from dangvu.members.badges import badge_summary
from dangvu.members.choices import ACTIVE_STATUSES
from dangvu.members.models import Member

register = template.Library()


@register.simple_tag(takes_context=True)
def badge_panel(context: Any, member: Member) -> str:
    request = context["request"]
    today = date.today()
    may_record = member.status in ACTIVE_STATUSES and scope.can(request.user, scope.EDIT, member)
    return render_to_string(
        "members/panels/badges.html",
        {
            "member": member,
            "summary": badge_summary(member, today),
            "today": today,
            "may_record": may_record,
        },
        request=request,
    )
