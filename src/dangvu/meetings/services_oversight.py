"""Oversight assignments and calendar feed tokens (re-exported by ``meetings.services``)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dangvu.core import scope
from dangvu.core.services import add_error, raise_if, save_as
from dangvu.core.tree import ancestor_ids
from dangvu.meetings.models import (
    CalendarToken,
    OversightAssignment,
)
from dangvu.members.choices import ACTIVE_STATUSES
from dangvu.members.models import Member
from dangvu.organizations.choices import Body
from dangvu.organizations.models import Committee, Organization, Position

Errors = dict[str, list[str]]


def _fmt(day: date) -> str:
    return day.strftime("%d/%m/%Y")


# ---------------------------------------------------------------------------
# Oversight assignments


def _committee_positions(member: Member, cell: Organization, day: date) -> Any:
    """The member's positions on a BCH/BTV above the cell on ``day``."""
    ancestors = ancestor_ids(cell.path)[:-1]
    return (
        Position.objects.filter(
            member=member,
            committee__organization_id__in=ancestors,
            committee__body__in=[Body.EXECUTIVE, Body.STANDING],
        )
        .exclude(end_date__lte=day)
        .exclude(committee__ended_on__lte=day)
    )


def _check_assignment(
    member: Member,
    cell: Organization,
    start_date: date,
    end_date: date | None,
    committee: Committee | None,
    errors: Errors,
) -> None:
    if not cell.is_member_unit:
        add_error(errors, "cell", _("Chỉ phân công dự sinh hoạt tại chi bộ."))
    if member.status not in ACTIVE_STATUSES:
        add_error(errors, "member", _("Đảng viên không còn sinh hoạt."))
    if end_date is not None and end_date <= start_date:
        add_error(errors, "end_date", _("Ngày kết thúc phải sau ngày bắt đầu."))
    positions = _committee_positions(member, cell, start_date)
    if committee is not None:
        positions = positions.filter(committee=committee)
    if not positions.exists():
        add_error(
            errors,
            "member",
            _(
                "%(name)s không phải cấp ủy viên (Ban Chấp hành, Ban Thường vụ) "
                "cấp trên của %(cell)s."
            )
            % {"name": member.full_name, "cell": cell.name},
        )
    overlapping = OversightAssignment.objects.filter(member=member, cell=cell).exclude(
        end_date__lte=start_date
    )
    if end_date is not None:
        overlapping = overlapping.filter(start_date__lt=end_date)
    if overlapping.exists():
        add_error(errors, "start_date", _("Đã có phân công trùng thời gian cho chi bộ này."))


@transaction.atomic
def assign_oversight(
    user: Any,
    *,
    member: Member,
    cell: Organization,
    start_date: date,
    end_date: date | None = None,
    committee: Committee | None = None,
    note: str = "",
) -> OversightAssignment:
    """Assign a committee member to attend and guide a cell's meetings."""
    if not scope.can_in_subtree(user, scope.DEFAULT_EDIT_ROLES, cell.path):
        raise PermissionDenied
    errors: Errors = {}
    _check_assignment(member, cell, start_date, end_date, committee, errors)
    note = (note or "").strip()
    if len(note) > 255:
        add_error(errors, "note", _("Không được dài quá %(n)s ký tự.") % {"n": 255})
    raise_if(errors)
    assignment = OversightAssignment(
        member=member,
        cell=cell,
        org_path=cell.path,
        committee=committee,
        start_date=start_date,
        end_date=end_date,
        note=note,
    )
    save_as(assignment, user)
    return assignment


@transaction.atomic
def end_oversight(
    user: Any, assignment: OversightAssignment, end_date: date
) -> OversightAssignment:
    """The assignment ends on ``end_date`` (the first day it no longer holds)."""
    if not scope.can(user, scope.EDIT, assignment):
        raise PermissionDenied
    errors: Errors = {}
    if assignment.end_date is not None:
        add_error(
            errors,
            "end_date",
            _("Phân công đã kết thúc ngày %(day)s.") % {"day": _fmt(assignment.end_date)},
        )
    elif end_date <= assignment.start_date:
        add_error(errors, "end_date", _("Ngày kết thúc phải sau ngày bắt đầu."))
    raise_if(errors)
    assignment.end_date = end_date
    save_as(assignment, user)
    return assignment


# ---------------------------------------------------------------------------
# Calendar feed tokens


@transaction.atomic
def issue_calendar_token(user: Any) -> CalendarToken:
    """A new secret feed URL for the user; the earlier ones stop working."""
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied
    now = timezone.now()
    for token in CalendarToken.objects.filter(user=user, revoked_at__isnull=True):
        token.revoked_at = now
        save_as(token, user)
    token = CalendarToken(user=user)
    save_as(token, user)
    return token


@transaction.atomic
def revoke_calendar_token(user: Any, token: CalendarToken) -> None:
    """Stop a feed: only its owner (or a superuser) may."""
    if not getattr(user, "is_authenticated", False) or (
        token.user_id != user.pk and not user.is_superuser
    ):
        raise PermissionDenied
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        save_as(token, user)
