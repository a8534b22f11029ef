"""Delegates of a congress of delegates: official and alternate, where from, who stands in.

Quy chế bầu cử trong Đảng (190-QĐ/TW) and its guidance (Hướng dẫn 04-HD/TW,
31/12/2024: "triệu tập hoặc không triệu tập đại biểu thay thế"): the delegates
of a congress of delegates are elected by the congresses below it (officials and
alternates), designated by the committee above, or ex officio (the members of the
convening committee). An alternate may stand in for an official delegate who
cannot come, with the reason. The convened list (``services_convened.convene``)
is then the official delegates not replaced and the alternates standing in; the
denominator is that list less the delegates absent for the whole congress
(``Exclusion.DELEGATE_ABSENT``; 244-QĐ/TW Điều 32.3, kept by 190-QĐ/TW).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from dangvu.congresses.choices import CongressKind, DelegateRole, DelegateSource, Status
from dangvu.congresses.models import Congress, Delegate
from dangvu.congresses.permissions import require_congress_edit
from dangvu.congresses.services_base import (
    Errors,
    check_preparing,
    check_text,
    fmt_day,
    lock_congress,
    today,
)
from dangvu.core.services import add_error, raise_if, save_as
from dangvu.members.choices import PlacementKind
from dangvu.members.models import Member, Placement


def _check_delegates_congress(congress: Congress, errors: Errors) -> None:
    check_preparing(congress, errors)
    if congress.kind != CongressKind.DELEGATES:
        add_error(
            errors,
            "kind",
            _("Chỉ đại hội đại biểu mới có danh sách đại biểu chính thức và dự khuyết."),
        )


def _check_member(congress: Congress, member: Any, errors: Errors) -> None:
    """A member of the đảng bộ on the congress day (the planned day, else today).

    Read from the dated placements, as the convened list is
    (``services_convened.called_in_subtree``): a permanent placement covering the
    day in a cell of the subtree. A member who left before the day, or joins after
    it, or is only hosted there temporarily (his đảng bộ is the one at home), is not
    a member of this đảng bộ and cannot be its delegate.
    """
    if not isinstance(member, Member):
        add_error(errors, "member", _("Chọn một đảng viên."))
        return
    day = congress.planned_on or today()
    placed = (
        Placement.objects.on(day)
        .filter(
            member=member,
            kind=PlacementKind.PERMANENT,
            cell__path__startswith=congress.org_path,
        )
        .exists()
    )
    if not placed:
        add_error(
            errors,
            "member",
            _("Ngày %(day)s %(name)s không sinh hoạt trong %(org)s.")
            % {"day": fmt_day(day), "name": member.full_name, "org": congress.organization.name},
        )
    elif congress.delegates.filter(member=member).exists():
        add_error(
            errors,
            "member",
            _("%(name)s đã có trong danh sách đại biểu.") % {"name": member.full_name},
        )


def _check_elected_at(congress: Congress, elected_at: Congress | None, errors: Errors) -> None:
    """The lower congress that elected the delegate: below this one, held, not cancelled."""
    if elected_at is None:
        return
    below = elected_at.org_path.startswith(congress.org_path) and elected_at.pk != congress.pk
    if not below or elected_at.org_path == congress.org_path:
        add_error(
            errors,
            "elected_at",
            _("Đại biểu được bầu tại đại hội của một tổ chức trực thuộc %(org)s.")
            % {"org": congress.organization.name},
        )
    elif elected_at.status not in (Status.HELD, Status.APPROVED):
        add_error(errors, "elected_at", _("Đại hội bầu đại biểu này chưa tổ chức."))


@transaction.atomic
def add_delegate(
    user: Any,
    congress: Congress,
    *,
    member: Member,
    role: str,
    source: str,
    elected_at: Congress | None = None,
    note: str = "",
) -> Delegate:
    """Record one delegate (official or alternate) before the congress is held."""
    require_congress_edit(user, congress)
    congress = lock_congress(congress)
    errors: Errors = {}
    _check_delegates_congress(congress, errors)
    if role not in DelegateRole.values:
        add_error(errors, "role", _("Loại đại biểu không hợp lệ."))
    if source not in DelegateSource.values:
        add_error(errors, "source", _("Tư cách đại biểu không hợp lệ."))
    elif source == DelegateSource.ELECTED and elected_at is None:
        add_error(errors, "elected_at", _("Ghi đại hội cấp dưới đã bầu đại biểu này."))
    elif source != DelegateSource.ELECTED and elected_at is not None:
        add_error(errors, "elected_at", _("Chỉ đại biểu do đại hội cấp dưới bầu mới ghi nơi bầu."))
    if role == DelegateRole.ALTERNATE and source != DelegateSource.ELECTED:
        add_error(errors, "source", _("Đại biểu dự khuyết do đại hội cấp dưới bầu."))
    note = check_text(note, "note", errors, limit=255)
    _check_member(congress, member, errors)
    _check_elected_at(congress, elected_at, errors)
    raise_if(errors)
    delegate = Delegate(
        congress=congress,
        org_path=congress.org_path,
        member=member,
        role=role,
        source=source,
        elected_at=elected_at,
        note=note,
    )
    save_as(delegate, user)
    return delegate


@transaction.atomic
def replace_delegate(
    user: Any, delegate: Delegate, *, alternate: Delegate, reason: str
) -> Delegate:
    """An alternate stands in for an official delegate, with the reason, before the congress."""
    require_congress_edit(user, delegate.congress)
    congress = lock_congress(delegate.congress)
    delegate = Delegate.objects.select_related("member").get(pk=delegate.pk)
    alternate = Delegate.objects.select_related("member").get(pk=alternate.pk)
    errors: Errors = {}
    _check_delegates_congress(congress, errors)
    reason = check_text(reason, "reason", errors, limit=255, required=_("Ghi lý do thay thế."))
    if delegate.role != DelegateRole.OFFICIAL or alternate.role != DelegateRole.ALTERNATE:
        add_error(
            errors,
            "alternate",
            _("Đại biểu dự khuyết thay cho một đại biểu chính thức."),
        )
    elif alternate.congress_id != congress.pk:
        add_error(errors, "alternate", _("Đại biểu dự khuyết không thuộc đại hội này."))
    elif delegate.source == DelegateSource.EX_OFFICIO:
        add_error(
            errors,
            "alternate",
            _("Đại biểu đương nhiên (cấp ủy viên cấp triệu tập) không có người thay thế."),
        )
    elif Delegate.objects.filter(replaces=delegate).exists() or alternate.replaces_id:
        add_error(errors, "alternate", _("Đại biểu này đã có người thay thế."))
    raise_if(errors)
    alternate.replaces, alternate.replaced_reason = delegate, reason
    save_as(alternate, user)
    return alternate


def delegates_called(congress: Congress) -> list[tuple[Member, str]]:
    """``(member, note)`` of every delegate convened: officials not replaced, stand-ins."""
    rows = list(congress.delegates.select_related("member", "replaces__member"))
    replaced = {row.replaces_id for row in rows if row.replaces_id}
    called: list[tuple[Member, str]] = []
    for row in rows:
        if row.role == DelegateRole.OFFICIAL and row.pk not in replaced:
            called.append((row.member, ""))
        elif row.role == DelegateRole.ALTERNATE and row.replaces is not None:
            note = _("Thay đại biểu %(name)s") % {"name": row.replaces.member.full_name}
            called.append((row.member, note))
    return sorted(called, key=lambda item: (item[0].sort_key, item[0].birth_date, item[0].pk))
