"""Transfers of party activity (chuyển sinh hoạt đảng), and their deadlines.

A transfer is issued at home (the introduction letter), presented at the
destination, and completed when the member starts there. Permanent transfers
move the member's permanent placement; a temporary one adds a temporary
placement at the host, and the member stays counted at home (Quy định
24-QĐ/TW, 9.4; ``organizations/stats.py`` counts permanent placements only).
Either end may be outside this database. Every step is one atomic service;
nothing is deleted (a mistaken transfer is cancelled).
"""

from __future__ import annotations

from calendar import monthrange
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from dangvu.core.deadlines import DeadlineItem
from dangvu.core.scope import subtree_q
from dangvu.core.services import add_error, raise_if, save_as
from dangvu.core.workdays import add_working_days
from dangvu.members.choices import ACTIVE_STATUSES, PlacementKind, Status
from dangvu.members.decisions import Decision, record_event
from dangvu.members.models import Member, MembershipEvent, Transfer
from dangvu.members.services import create_member, place_member
from dangvu.organizations.models import Organization

State = Transfer.State
Kind = MembershipEvent.Kind
Errors = dict[str, list[str]]

# Quy định 24-QĐ/TW, 9.2: the letter is presented within 30 working days of its
# date, and activity starts at the destination within 60 working days of the move.
LETTER_WORKING_DAYS = 30
START_WORKING_DAYS = 60
# Quy định 24-QĐ/TW, 9.3: a temporary transfer is for a stay of 3 months to under
# one year; for study, up to 2 years (RULES.md, "Members — transfers").
TEMPORARY_MIN_MONTHS = 3
TEMPORARY_MAX_MONTHS = 12
STUDY_MAX_MONTHS = 24
OPEN_STATES = (State.ISSUED, State.PRESENTED)


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (the month's last day when it has no such day)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, monthrange(year, month)[1]))


def letter_due(transfer: Transfer) -> date:
    return add_working_days(transfer.letter_date or transfer.moved_on, LETTER_WORKING_DAYS)


def start_due(transfer: Transfer) -> date:
    return add_working_days(transfer.moved_on, START_WORKING_DAYS)


def _fmt(day: date) -> str:
    return day.strftime("%d/%m/%Y")


# ---------------------------------------------------------------------------
# Issuing at home


def _check_destination(
    member: Member, kind: str, to_cell: Organization | None, to_external: str, errors: Errors
) -> None:
    if bool(to_cell) == bool(to_external):
        add_error(
            errors,
            "to_cell",
            _("Chọn chi bộ chuyển đến, hoặc ghi tên tổ chức đảng ngoài hệ thống (chỉ một)."),
        )
    elif to_cell is not None:
        if not to_cell.is_member_unit or to_cell.ended_on:
            add_error(errors, "to_cell", _("Nơi chuyển đến phải là chi bộ đang hoạt động."))
        elif to_cell.pk == member.cell_id:
            add_error(errors, "to_cell", _("Đảng viên đang sinh hoạt tại chi bộ này."))
    if kind not in PlacementKind.values:
        add_error(errors, "kind", _("Hình thức chuyển sinh hoạt không hợp lệ."))


def _check_stay(
    kind: str, moved_on: date, until: date | None, for_study: bool, errors: Errors
) -> None:
    if kind != PlacementKind.TEMPORARY:
        return
    if until is None:
        add_error(errors, "until", _("Chuyển sinh hoạt tạm thời phải ghi ngày hết hạn."))
        return
    longest = STUDY_MAX_MONTHS if for_study else TEMPORARY_MAX_MONTHS
    if until < add_months(moved_on, TEMPORARY_MIN_MONTHS):
        add_error(errors, "until", _("Sinh hoạt tạm thời phải từ 3 tháng trở lên."))
    elif for_study and until > add_months(moved_on, longest):
        add_error(errors, "until", _("Sinh hoạt tạm thời để đi học không quá 2 năm."))
    elif not for_study and until >= add_months(moved_on, longest):
        add_error(
            errors,
            "until",
            _("Sinh hoạt tạm thời phải dưới 1 năm (đi học: đến 2 năm, đánh dấu “đi học”)."),
        )


def _check_issue(
    member: Member, moved_on: date, letter_date: date | None, today: date, errors: Errors
) -> None:
    if member.status not in ACTIVE_STATUSES:
        add_error(errors, "member", _("Đảng viên không còn sinh hoạt; không thể chuyển."))
    if letter_date and letter_date > today:
        add_error(errors, "letter_date", _("Ngày giấy giới thiệu không được sau ngày hôm nay."))
    joined = member.ceremony_date or member.admission_decision_date
    if joined and moved_on < joined:
        add_error(errors, "moved_on", _("Ngày chuyển không được trước ngày vào Đảng."))
    if (
        Transfer.objects.filter(member=member)
        .filter(Q(state__in=OPEN_STATES) | Q(state=State.COMPLETED, kind=PlacementKind.TEMPORARY))
        .exists()
    ):
        add_error(errors, "member", _("Đảng viên đang có một lần chuyển sinh hoạt chưa kết thúc."))


@transaction.atomic
def issue_transfer(
    member: Member,
    *,
    actor: Any,
    kind: str = PlacementKind.PERMANENT,
    to_cell: Organization | None = None,
    to_external: str = "",
    moved_on: date,
    letter_number: str = "",
    letter_date: date | None = None,
    until: date | None = None,
    for_study: bool = False,
    reason: str = "",
    today: date | None = None,
) -> Transfer:
    """Issue the introduction letter at home; nothing moves until the member starts."""
    to_external = (to_external or "").strip()
    errors: Errors = {}
    _check_destination(member, kind, to_cell, to_external, errors)
    _check_stay(kind, moved_on, until, for_study, errors)
    _check_issue(member, moved_on, letter_date, today or date.today(), errors)
    raise_if(errors)
    transfer = Transfer(
        member=member,
        kind=kind,
        from_cell_id=member.cell_id,
        from_path=member.org_path,
        to_cell=to_cell,
        to_external=to_external[:255],
        to_path=to_cell.path if to_cell else "",
        letter_number=(letter_number or "").strip()[:60],
        letter_date=letter_date,
        moved_on=moved_on,
        until=until if kind == PlacementKind.TEMPORARY else None,
        reason=(reason or "").strip()[:500],
    )
    save_as(transfer, actor)
    return transfer


# ---------------------------------------------------------------------------
# Steps at the destination


def _check_step_day(day: date, after: date, field: str, today: date, errors: Errors) -> None:
    if day > today:
        add_error(errors, field, _("Ngày không được sau ngày hôm nay."))
    if day < after:
        add_error(errors, field, _("Ngày không được trước ngày %(day)s.") % {"day": _fmt(after)})


@transaction.atomic
def present_letter(
    transfer: Transfer, *, actor: Any, presented_on: date, today: date | None = None
) -> Transfer:
    """The member presented the letter at the destination."""
    errors: Errors = {}
    if transfer.state != State.ISSUED:
        add_error(errors, "state", _("Giấy giới thiệu đã được nộp hoặc lần chuyển đã kết thúc."))
    after = transfer.letter_date or transfer.moved_on
    _check_step_day(presented_on, after, "presented_on", today or date.today(), errors)
    raise_if(errors)
    transfer.presented_on = presented_on
    transfer.state = State.PRESENTED
    save_as(transfer, actor)
    return transfer


def _event(member: Member, kind: str, path: str, day: date, transfer: Transfer, actor: Any) -> None:
    decision = Decision(
        effective_date=day,
        decided_by=transfer.decided_by,
        decision_number=transfer.letter_number or transfer.decision_number,
        decision_date=transfer.letter_date,
        reason=transfer.reason,
    )
    record_event(member, kind, decision, actor, org_path=path)


def _start_permanent(transfer: Transfer, started_on: date, actor: Any) -> None:
    member = transfer.member
    home = member.org_path
    if transfer.to_cell is not None:
        place_member(member, transfer.to_cell, actor=actor, start_date=started_on)
        _event(member, Kind.TRANSFER_OUT, home, started_on, transfer, actor)
        _event(member, Kind.TRANSFER_IN, member.org_path, started_on, transfer, actor)
        return
    # Leaving this database: the member's file goes with them on the day they move.
    for placement in member.placements.filter(end_date__isnull=True):
        placement.end_date = transfer.moved_on
        save_as(placement, actor)
    member.status = Status.TRANSFERRED_OUT
    member.status_date = transfer.moved_on
    save_as(member, actor)
    _event(member, Kind.TRANSFER_OUT, home, transfer.moved_on, transfer, actor)


@transaction.atomic
def start_at_destination(
    transfer: Transfer, *, actor: Any, started_on: date, today: date | None = None
) -> Transfer:
    """The member started activity at the destination: the placements follow."""
    errors: Errors = {}
    if transfer.state not in OPEN_STATES:
        add_error(errors, "state", _("Lần chuyển sinh hoạt này đã kết thúc."))
    _check_step_day(started_on, transfer.moved_on, "started_on", today or date.today(), errors)
    if transfer.member.status not in ACTIVE_STATUSES:
        add_error(errors, "member", _("Đảng viên không còn sinh hoạt."))
    open_home = transfer.member.placements.filter(end_date__isnull=True, kind=transfer.kind)
    if open_home.filter(start_date__gte=started_on).exists() or (
        transfer.to_cell is None
        and transfer.member.placements.filter(
            end_date__isnull=True, start_date__gte=transfer.moved_on
        ).exists()
    ):
        add_error(errors, "started_on", _("Ngày phải sau ngày bắt đầu sinh hoạt hiện tại."))
    raise_if(errors)
    if transfer.kind == PlacementKind.PERMANENT:
        _start_permanent(transfer, started_on, actor)
    elif transfer.to_cell is not None:
        place_member(
            transfer.member,
            transfer.to_cell,
            actor=actor,
            start_date=started_on,
            kind=PlacementKind.TEMPORARY,
            note=transfer.reason[:255],
        )
    transfer.presented_on = transfer.presented_on or started_on
    transfer.started_on = started_on
    transfer.state = State.COMPLETED
    save_as(transfer, actor)
    return transfer


@transaction.atomic
def return_from_temporary(
    transfer: Transfer, *, actor: Any, returned_on: date, today: date | None = None
) -> Transfer:
    """The temporary stay is over: the host placement ends, the member is home."""
    errors: Errors = {}
    if transfer.kind != PlacementKind.TEMPORARY or transfer.state == State.RETURNED:
        add_error(errors, "state", _("Đây không phải lần chuyển tạm thời đang diễn ra."))
    elif transfer.state != State.COMPLETED:
        add_error(errors, "state", _("Đảng viên chưa bắt đầu sinh hoạt tạm thời ở nơi đến."))
    after = transfer.started_on or transfer.moved_on
    _check_step_day(
        returned_on, after + timedelta(days=1), "returned_on", today or date.today(), errors
    )
    raise_if(errors)
    for placement in transfer.member.placements.filter(
        end_date__isnull=True, kind=PlacementKind.TEMPORARY
    ):
        placement.end_date = returned_on
        save_as(placement, actor)
    transfer.state = State.RETURNED
    save_as(transfer, actor)
    return transfer


@transaction.atomic
def cancel_transfer(transfer: Transfer, *, actor: Any, reason: str = "") -> Transfer:
    """Cancel a letter not yet used (kept, marked cancelled)."""
    if transfer.state not in OPEN_STATES:
        raise_if({"state": [_("Chỉ hủy được lần chuyển chưa bắt đầu sinh hoạt ở nơi đến.")]})
    transfer.state = State.CANCELLED
    if reason:
        transfer.reason = (f"{transfer.reason} — {reason.strip()}" if transfer.reason else reason)[
            :500
        ]
    save_as(transfer, actor)
    return transfer


# ---------------------------------------------------------------------------
# Receiving from an organisation outside this database


@transaction.atomic
def receive_from_outside(
    *,
    actor: Any,
    cell: Organization,
    data: dict[str, Any],
    from_external: str,
    letter_number: str = "",
    letter_date: date | None = None,
    moved_on: date,
    presented_on: date | None = None,
    started_on: date,
    reason: str = "",
    today: date | None = None,
) -> Transfer:
    """A member arrives with their file: created here with their history, placed from the start."""
    today = today or date.today()
    errors: Errors = {}
    if not (from_external or "").strip():
        add_error(errors, "from_external", _("Ghi tên tổ chức đảng chuyển đi."))
    _check_step_day(started_on, moved_on, "started_on", today, errors)
    if presented_on:
        _check_step_day(presented_on, letter_date or moved_on, "presented_on", today, errors)
    if letter_date and letter_date > today:
        add_error(errors, "letter_date", _("Ngày giấy giới thiệu không được sau ngày hôm nay."))
    raise_if(errors)
    member = create_member(actor=actor, cell=cell, data=data, placed_on=started_on, today=today)
    transfer = Transfer(
        member=member,
        kind=PlacementKind.PERMANENT,
        from_external=from_external.strip()[:255],
        to_cell=cell,
        to_path=cell.path,
        letter_number=(letter_number or "").strip()[:60],
        letter_date=letter_date,
        moved_on=moved_on,
        presented_on=presented_on or started_on,
        started_on=started_on,
        state=State.COMPLETED,
        reason=(reason or "").strip()[:500],
    )
    save_as(transfer, actor)
    _event(member, Kind.TRANSFER_IN, cell.path, started_on, transfer, actor)
    return transfer


# ---------------------------------------------------------------------------
# The deadline inbox


def _deadline_rows(user: Any, root: Organization | None, horizon: date) -> Any:
    """Open transfers visible to the user (from either end) that may fall due by ``horizon``.

    Every due date is at least 30 calendar days after the letter or the move,
    so the database can leave out the later ones before Python counts working days.
    """
    pending = Q(state__in=OPEN_STATES, kind=PlacementKind.PERMANENT, moved_on__lte=horizon)
    away = Q(
        kind=PlacementKind.TEMPORARY,
        state__in=[*OPEN_STATES, State.COMPLETED],
        until__lte=horizon,
    )
    rows = Transfer.objects.visible_to(user).filter(pending | away)
    if root is not None:
        rows = rows.filter(subtree_q("from_path", root.path) | subtree_q("to_path", root.path))
    return rows.select_related("member").order_by("moved_on", "id")


def _item(transfer: Transfer, kind: str, label: str, due_on: date, step: str) -> DeadlineItem:
    return DeadlineItem(
        kind=kind,
        label=label,
        due_on=due_on,
        name=transfer.member.full_name,
        org_path=transfer.to_path or transfer.from_path,
        url=reverse(f"members:transfer_{step}", args=[transfer.pk]),
        member_id=transfer.member_id,
    )


def transfer_deadlines(transfer: Transfer) -> list[DeadlineItem]:
    """What is still due on one transfer (the letter, the start, the return)."""
    items: list[DeadlineItem] = []
    if transfer.kind == PlacementKind.TEMPORARY:
        if transfer.until and transfer.state in (*OPEN_STATES, State.COMPLETED):
            label = _("Hết hạn sinh hoạt tạm thời, trở về nơi sinh hoạt chính thức")
            step = "return" if transfer.state == State.COMPLETED else "start"
            items.append(_item(transfer, "temporary_return_due", label, transfer.until, step))
        return items
    if transfer.state == State.ISSUED:
        label = _("Nộp giấy giới thiệu chuyển sinh hoạt (30 ngày làm việc)")
        items.append(_item(transfer, "transfer_letter_due", label, letter_due(transfer), "present"))
    if transfer.state in OPEN_STATES:
        label = _("Bắt đầu sinh hoạt tại nơi chuyển đến (60 ngày làm việc)")
        items.append(_item(transfer, "transfer_start_due", label, start_due(transfer), "start"))
    return items


def deadline_items(
    user: Any, root: Organization | None, today: date, horizon: date
) -> list[DeadlineItem]:
    """Transfer letters and starts outstanding, temporary stays ending (one query)."""
    return [
        item
        for transfer in _deadline_rows(user, root, horizon)
        for item in transfer_deadlines(transfer)
        if item.due_on <= horizon
    ]
