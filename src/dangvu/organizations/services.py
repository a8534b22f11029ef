"""Every write to the party tree: create, change, move, end; committees, positions."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from dangvu.core.services import add_error, raise_if, save_as
from dangvu.core.tree import child_path
from dangvu.core.versioning import lock, save_changed, stored
from dangvu.organizations.choices import (
    ALLOWED_PARENT_LEVELS,
    CELL_KINDS,
    GRASSROOTS_KINDS,
    Body,
    Level,
    PositionRole,
)
from dangvu.organizations.models import Agency, Committee, Organization, Position

EDITABLE_FIELDS = ("name", "short_name", "kind", "is_cell", "founded_on", "ended_on", "note")


def _check_organization(org: Organization, errors: dict[str, list[str]]) -> None:
    if not org.code or not org.code.strip():
        add_error(errors, "code", _("Thiếu mã tổ chức."))
    if not org.name or not org.name.strip():
        add_error(errors, "name", _("Thiếu tên tổ chức."))
    if org.level not in Level.values:
        add_error(errors, "level", _("Cấp tổ chức không hợp lệ."))
        return
    parent_level = org.parent.level if org.parent else None
    allowed = ALLOWED_PARENT_LEVELS[org.level]
    if parent_level is None and None not in allowed:
        add_error(errors, "parent", _("Tổ chức cấp này phải có tổ chức cấp trên."))
    elif parent_level is not None and parent_level not in allowed:
        add_error(errors, "parent", _("Tổ chức cấp trên không đúng cấp."))
    if org.parent and org.parent.is_cell:
        add_error(errors, "parent", _("Chi bộ cơ sở không có chi bộ trực thuộc."))
    if org.level == Level.CELL and org.kind not in CELL_KINDS:
        add_error(errors, "kind", _("Chi bộ phải có loại hình (thôn, cơ quan, trường học …)."))
    if org.level == Level.GRASSROOTS and org.kind not in GRASSROOTS_KINDS:
        add_error(errors, "kind", _("Đảng bộ cơ sở phải có loại hình (xã, phường, thị trấn …)."))
    if org.level in (Level.CENTRAL, Level.PROVINCE, Level.DISTRICT) and org.kind:
        add_error(errors, "kind", _("Cấp Trung ương, tỉnh, huyện không có loại hình."))
    if org.is_cell and org.level != Level.GRASSROOTS:
        add_error(errors, "is_cell", _("Chỉ tổ chức cơ sở đảng mới có thể là chi bộ cơ sở."))
    if org.founded_on and org.ended_on and org.ended_on <= org.founded_on:
        add_error(errors, "ended_on", _("Ngày kết thúc phải sau ngày thành lập."))


@transaction.atomic
def create_organization(
    *,
    actor: Any,
    code: str,
    name: str,
    level: str,
    parent: Organization | None = None,
    kind: str = "",
    is_cell: bool = False,
    short_name: str = "",
    founded_on: date | None = None,
    note: str = "",
) -> Organization:
    org = Organization(
        code=code.strip(),
        name=name.strip(),
        level=level,
        parent=parent,
        kind=kind,
        is_cell=is_cell,
        short_name=short_name.strip(),
        founded_on=founded_on,
        note=note,
    )
    errors: dict[str, list[str]] = {}
    _check_organization(org, errors)
    if org.code and Organization.objects.filter(code=org.code).exists():
        add_error(errors, "code", _("Mã tổ chức “%(code)s” đã có.") % {"code": org.code})
    raise_if(errors)
    org.path = ""
    save_as(org, actor)
    org.path = child_path(parent.path if parent else "", org.pk)
    save_as(org, actor, update_fields=["path"])
    return org


@transaction.atomic
def update_organization(org: Organization, *, actor: Any, **changes: Any) -> Organization:
    """Change the editable fields; the code, level and place in the tree stay."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    # Only the fields that change are written, on the row re-read under a lock.
    lock(org)
    before = stored(org)
    for field, value in changes.items():
        setattr(org, field, value.strip() if isinstance(value, str) else value)
    errors: dict[str, list[str]] = {}
    _check_organization(org, errors)
    if org.ended_on is None and org.parent and org.parent.ended_on:
        add_error(errors, "ended_on", _("Tổ chức cấp trên đã kết thúc hoạt động."))
    raise_if(errors)
    save_changed(org, actor, before)
    return org


@transaction.atomic
def create_committee(
    organization: Organization,
    *,
    actor: Any,
    body: str,
    term_start: int,
    term_end: int,
    elected_on: date | None = None,
) -> Committee:
    errors: dict[str, list[str]] = {}
    if body == Body.CELL_COMMITTEE and not organization.is_member_unit:
        add_error(errors, "body", _("Chi ủy chỉ có ở chi bộ."))
    if body in (Body.EXECUTIVE, Body.STANDING) and organization.level == Level.CELL:
        add_error(errors, "body", _("Chi bộ trực thuộc không có Ban Chấp hành, Ban Thường vụ."))
    if term_end < term_start:
        add_error(errors, "term_end", _("Năm kết thúc nhiệm kỳ phải sau năm bắt đầu."))
    if Committee.objects.filter(
        organization=organization, body=body, term_start=term_start
    ).exists():
        add_error(errors, "term_start", _("Cấp ủy nhiệm kỳ này đã có."))
    raise_if(errors)
    committee = Committee(
        organization=organization,
        org_path=organization.path,
        body=body,
        term_start=term_start,
        term_end=term_end,
        elected_on=elected_on,
    )
    save_as(committee, actor)
    return committee


@transaction.atomic
def appoint_position(
    committee: Committee,
    member: Any,
    *,
    actor: Any,
    role: str = PositionRole.MEMBER,
    start_date: date | None = None,
    title: str = "",
) -> Position:
    """Put a member in a committee position (secretary is unique at any one time)."""
    errors: dict[str, list[str]] = {}
    if not member.is_active:
        add_error(errors, "member", _("Đảng viên không còn sinh hoạt."))
    if not member.org_path.startswith(committee.org_path):
        add_error(errors, "member", _("Đảng viên không thuộc tổ chức của cấp ủy."))
    if role == PositionRole.SECRETARY:
        current = committee.positions.filter(role=role, end_date__isnull=True)
        if current.exists():
            add_error(errors, "role", _("Cấp ủy đã có bí thư; hãy kết thúc chức vụ cũ trước."))
    raise_if(errors)
    position = Position(
        committee=committee,
        org_path=committee.org_path,
        member=member,
        role=role,
        start_date=start_date or committee.elected_on,
        title=title,
    )
    save_as(position, actor)
    return position


@transaction.atomic
def end_position(position: Position, *, actor: Any, end_date: date) -> Position:
    if position.start_date and end_date <= position.start_date:
        raise_if({"end_date": [_("Ngày kết thúc phải sau ngày bắt đầu.")]})
    position.end_date = end_date
    save_as(position, actor)
    return position


@transaction.atomic
def create_agency(
    organization: Organization, *, actor: Any, name: str, kind: str, short_name: str = ""
) -> Agency:
    if not name.strip():
        raise_if({"name": [_("Thiếu tên cơ quan, đoàn thể.")]})
    agency = Agency(
        organization=organization,
        org_path=organization.path,
        name=name.strip(),
        short_name=short_name.strip(),
        kind=kind,
    )
    save_as(agency, actor)
    return agency


def current_committee(organization: Organization, body: str, on: date) -> Committee | None:
    return (
        Committee.objects.filter(organization=organization, body=body, elected_on__lte=on)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=on))
        .order_by("-term_start")
        .first()
    )
