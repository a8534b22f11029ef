"""The lifecycle panel of the member profile: status, last decision, open transfers, actions.

Two queries whatever the member's history: the last decision and the open
transfers. Every action is one click to its form (issue 3: "every action
possible from the member page in two clicks").
"""

from __future__ import annotations

from typing import Any

from django import template
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse

from dangvu.core import scope
from dangvu.members.choices import ACTIVE_STATUSES, PlacementKind, Status
from dangvu.members.models import Member, MembershipEvent, Transfer
from dangvu.members.transfers import OPEN_STATES, transfer_deadlines

register = template.Library()
Kind = MembershipEvent.Kind


def _recognise_url(member: Member) -> str:
    """The admissions page that recognises a probationary member, when it exists."""
    try:
        return reverse("admissions:recognise", args=[member.pk])
    except NoReverseMatch:
        return ""


def _actions(member: Member) -> list[tuple[str, str]]:
    if member.status not in ACTIVE_STATUSES:
        return []
    kinds = [Kind.REMOVAL, Kind.LEAVING, Kind.DEATH]
    if member.status == Status.FULL:
        kinds = [Kind.EXEMPTION, Kind.REMOVAL, Kind.EXPULSION, Kind.LEAVING, Kind.DEATH]
    elif member.status == Status.EXEMPT:
        kinds = [Kind.EXEMPTION_ENDED, Kind.REMOVAL, Kind.EXPULSION, Kind.LEAVING, Kind.DEATH]
    return [
        (str(Kind(kind).label), reverse("members:decision", args=[member.pk, kind]))
        for kind in kinds
    ]


@register.simple_tag(takes_context=True)
def lifecycle_panel(context: Any, member: Member) -> str:
    user = context["request"].user
    last = (
        member.events.filter(cancelled=False)
        .exclude(kind__in=[Kind.TRANSFER_IN, Kind.TRANSFER_OUT])
        .order_by("-effective_date", "-id")
        .first()
    )
    open_transfers = list(
        Transfer.objects.filter(member=member)
        .filter(Q(state__in=OPEN_STATES) | Q(state="completed", kind=PlacementKind.TEMPORARY))
        .select_related("from_cell", "to_cell")
    )
    may_edit = scope.can(user, scope.EDIT, member)
    probationary = member.status == Status.PROBATIONARY
    panel = {
        "member": member,
        "last": last,
        "transfers": [(t, transfer_deadlines(t)) for t in open_transfers],
        "may_edit": may_edit,
        "actions": _actions(member) if may_edit else [],
        "recognise_url": _recognise_url(member) if probationary and may_edit else "",
    }
    return render_to_string("members/panels/lifecycle.html", panel, request=context["request"])
