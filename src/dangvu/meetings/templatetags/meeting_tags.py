"""Meetings in other pages: the "Sinh hoạt đảng" cards of an organisation and of a member.

Each panel reads a fixed number of grouped queries whatever the size of the
subtree (``meetings.rates``, ``meetings.compliance``): the organisation card
four, the member card two.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django import template
from django.template.loader import render_to_string
from django.utils import timezone

from dangvu.meetings import compliance, rates
from dangvu.meetings.choices import Kind
from dangvu.meetings.documents import percent as _percent
from dangvu.meetings.models import Attendance
from dangvu.members.models import Member
from dangvu.organizations.models import Organization

register = template.Library()
LAST_MEETINGS = 5
GAPS_SHOWN = 10


@register.filter
def percent(rate: float | None) -> str:
    """0.889 → “88,9%”; “—” when there is no rate."""
    return _percent(rate)


@register.filter
def lines(value: str) -> list[str]:
    """The non-empty lines of a text (agenda items, documents studied)."""
    return [line.strip() for line in (value or "").splitlines() if line.strip()]


# The site-wide badge colours of each attendance state (the panels live on other pages).
STATE_BADGES = {"present": "badge-success", "excused": "badge-warning", "absent": "badge-danger"}


@register.filter
def state_badge(state: str) -> str:
    return STATE_BADGES.get(state, "badge-muted")


@register.simple_tag(takes_context=True)
def meetings_panel(context: Any, organization: Organization) -> str:
    """This year's rate, meetings held, and the cells without their monthly meeting."""
    today = timezone.localdate()
    month = today.replace(day=1)
    last_month = (month - timedelta(days=1)).replace(day=1)
    this_month_end = compliance.month_end(today.year, today.month)
    missed, missed_shown = compliance.cells_without_meeting(
        organization, compliance.Period(Kind.REGULAR, last_month, month - timedelta(days=1)),
        GAPS_SHOWN,
    )  # fmt: skip
    not_yet, not_yet_shown = compliance.cells_without_meeting(
        organization, compliance.Period(Kind.REGULAR, month, this_month_end), GAPS_SHOWN
    )
    figures = rates.year_figures(organization, today.year)  # as the statistics give them
    return render_to_string(
        "meetings/panels/organization.html",
        {
            "organization": organization,
            "year": today.year,
            "rate": figures["attendance_rate"],
            "regular_held": figures["meetings_held"][Kind.REGULAR],
            "thematic_held": figures["meetings_held"][Kind.THEMATIC],
            "last_month": last_month,
            "month": month,
            "missed_last_month": missed_shown,
            "missed_count": missed,
            "not_yet_this_month": not_yet_shown,
            "not_yet_count": not_yet,
        },
        request=context.get("request"),
    )


@register.simple_tag(takes_context=True)
def member_meetings_panel(context: Any, member: Member) -> str:
    """The member's own attendance rate this year and their last meetings."""
    request = context.get("request")
    user = getattr(request, "user", None)
    today = timezone.localdate()
    last = (
        Attendance.objects.visible_to(user)
        .filter(member=member)
        .select_related("meeting")
        .order_by("-meeting_date", "-id")[:LAST_MEETINGS]
    )
    return render_to_string(
        "meetings/panels/member.html",
        {
            "member": member,
            "year": today.year,
            "rate": rates.member_rate(member, date(today.year, 1, 1), today),
            "last": list(last),
        },
        request=request,
    )
