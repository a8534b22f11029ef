"""Dated decisions on a member's standing: exemption, removal, expulsion, leaving, death.

Each decision is one service (ARCHITECTURE.md, rule 1): atomic, checked first
with Vietnamese messages and nothing written on error, and recorded as a
``MembershipEvent`` with the deciding body, its number and date. Decisions that
end a membership set the status, close the open placements on the effective
date and keep everything else (rule 4: nothing is deleted).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from dangvu.core.services import add_error, raise_if, save_as
from dangvu.members.choices import ACTIVE_STATUSES, Status
from dangvu.members.models import Member, MembershipEvent

Kind = MembershipEvent.Kind
Errors = dict[str, list[str]]

# The status each ending decision leaves the member in.
ENDING_STATUS: dict[str, str] = {
    Kind.REMOVAL: Status.REMOVED,
    Kind.EXPULSION: Status.EXPELLED,
    Kind.LEAVING: Status.LEFT,
    Kind.DEATH: Status.DECEASED,
}


@dataclass(frozen=True)
class Decision:
    """What every decision carries: the date it takes effect and who decided it."""

    effective_date: date
    decided_by: str = ""
    decision_number: str = ""
    decision_date: date | None = None
    reason: str = ""


def _check_dates(member: Member, decision: Decision, errors: Errors, today: date) -> None:
    """No decision in the future, none before the member joined the Party."""
    effective = decision.effective_date
    if effective > today:
        add_error(errors, "effective_date", _("Ngày hiệu lực không được sau ngày hôm nay."))
    if decision.decision_date and decision.decision_date > today:
        add_error(errors, "decision_date", _("Ngày quyết định không được sau ngày hôm nay."))
    joined = member.admission_decision_date or member.ceremony_date
    if joined and effective < joined:
        add_error(
            errors,
            "effective_date",
            _("Ngày hiệu lực không được trước ngày kết nạp %(day)s.")
            % {"day": joined.strftime("%d/%m/%Y")},
        )


def _check_active(member: Member, errors: Errors) -> None:
    if member.status not in ACTIVE_STATUSES:
        add_error(
            errors,
            "status",
            _("Đảng viên đã ra khỏi danh sách (%(status)s); không thể ghi quyết định này.")
            % {"status": member.get_status_display()},
        )


def record_event(
    member: Member, kind: str, decision: Decision, actor: Any, *, org_path: str | None = None
) -> MembershipEvent:
    """Write one ``MembershipEvent``: the one writer of events (decisions, transfers, admission).

    ``org_path`` is where the event happened (a transfer's two ends differ); by
    default the member's current organisation.
    """
    event = MembershipEvent(
        member=member,
        org_path=member.org_path if org_path is None else org_path,
        kind=kind,
        effective_date=decision.effective_date,
        reason=decision.reason.strip()[:500],
        decided_by=decision.decided_by.strip()[:255],
        decision_number=decision.decision_number.strip()[:60],
        decision_date=decision.decision_date,
    )
    save_as(event, actor)
    return event


def _decision(
    effective_date: date,
    decided_by: str,
    decision_number: str,
    decision_date: date | None,
    reason: str,
) -> Decision:
    return Decision(effective_date, decided_by or "", decision_number or "", decision_date, reason)


# ---------------------------------------------------------------------------
# Exemption (miễn công tác và sinh hoạt đảng)


@transaction.atomic
def exempt_member(
    member: Member,
    *,
    actor: Any,
    effective_date: date,
    decided_by: str = "",
    decision_number: str = "",
    decision_date: date | None = None,
    reason: str = "",
    today: date | None = None,
) -> MembershipEvent:
    """Exempt a full member from work and activities (old age, poor health).

    Decided by the cell on the member's application (Điều lệ Đảng; Quy định
    24-QĐ/TW, 5.2): full members only. The member stays in the cell, in its
    headcount (as exempt) and keeps badges, but is not evaluated.
    """
    decision = _decision(effective_date, decided_by, decision_number, decision_date, reason)
    errors: Errors = {}
    if member.status != Status.FULL:
        add_error(
            errors,
            "status",
            _("Chỉ đảng viên chính thức đang sinh hoạt mới được miễn công tác và sinh hoạt."),
        )
    _check_dates(member, decision, errors, today or date.today())
    if member.official_date and effective_date < member.official_date:
        add_error(
            errors, "effective_date", _("Ngày miễn sinh hoạt không được trước ngày chính thức.")
        )
    raise_if(errors)
    member.status = Status.EXEMPT
    member.exempt_from = effective_date
    member.status_date = effective_date
    save_as(member, actor)
    return record_event(member, Kind.EXEMPTION, decision, actor)


@transaction.atomic
def end_exemption(
    member: Member,
    *,
    actor: Any,
    effective_date: date,
    decided_by: str = "",
    decision_number: str = "",
    decision_date: date | None = None,
    reason: str = "",
    today: date | None = None,
) -> MembershipEvent:
    """The member takes up work and activities again (thôi miễn sinh hoạt)."""
    decision = _decision(effective_date, decided_by, decision_number, decision_date, reason)
    errors: Errors = {}
    if member.status != Status.EXEMPT:
        add_error(errors, "status", _("Đảng viên không đang được miễn công tác và sinh hoạt."))
    _check_dates(member, decision, errors, today or date.today())
    if member.exempt_from and effective_date <= member.exempt_from:
        add_error(
            errors,
            "effective_date",
            _("Ngày thôi miễn phải sau ngày bắt đầu miễn sinh hoạt %(day)s.")
            % {"day": member.exempt_from.strftime("%d/%m/%Y")},
        )
    raise_if(errors)
    member.status = Status.FULL
    member.exempt_from = None
    member.status_date = effective_date
    save_as(member, actor)
    return record_event(member, Kind.EXEMPTION_ENDED, decision, actor)


# ---------------------------------------------------------------------------
# Decisions that end a membership


def _close_placements(member: Member, day: date, actor: Any) -> None:
    for placement in member.placements.filter(end_date__isnull=True):
        placement.end_date = day
        save_as(placement, actor)


def _check_placements(member: Member, day: date, errors: Errors) -> None:
    if member.placements.filter(end_date__isnull=True, start_date__gte=day).exists():
        add_error(
            errors,
            "effective_date",
            _("Ngày hiệu lực phải sau ngày bắt đầu sinh hoạt tại chi bộ hiện tại."),
        )


def _end_membership(
    member: Member, kind: str, decision: Decision, actor: Any, errors: Errors, today: date
) -> MembershipEvent:
    _check_active(member, errors)
    _check_dates(member, decision, errors, today)
    _check_placements(member, decision.effective_date, errors)
    raise_if(errors)
    _close_placements(member, decision.effective_date, actor)
    member.status = ENDING_STATUS[kind]
    member.status_date = decision.effective_date
    save_as(member, actor)
    return record_event(member, kind, decision, actor)


@transaction.atomic
def remove_member(
    member: Member,
    *,
    actor: Any,
    effective_date: date,
    decided_by: str = "",
    decision_number: str = "",
    decision_date: date | None = None,
    reason: str = "",
    today: date | None = None,
) -> MembershipEvent:
    """Strike the member off the list (xóa tên); probationary members too.

    Grounds include three months of unpaid dues in a year and quitting
    activities (Quy định 24-QĐ/TW, 8; RULES.md "Members").
    """
    decision = _decision(effective_date, decided_by, decision_number, decision_date, reason)
    return _end_membership(member, Kind.REMOVAL, decision, actor, {}, today or date.today())


@transaction.atomic
def expel_member(
    member: Member,
    *,
    actor: Any,
    effective_date: date,
    decided_by: str = "",
    decision_number: str = "",
    decision_date: date | None = None,
    reason: str = "",
    today: date | None = None,
) -> MembershipEvent:
    """Expulsion (khai trừ), the heaviest discipline of a full member.

    A probationary member is disciplined only by reprimand or warning
    (Quy định 69-QĐ/TW; RULES.md "Discipline"): their file ends by removal.
    """
    decision = _decision(effective_date, decided_by, decision_number, decision_date, reason)
    errors: Errors = {}
    if member.status == Status.PROBATIONARY:
        add_error(
            errors,
            "status",
            _(
                "Đảng viên dự bị chỉ bị kỷ luật khiển trách hoặc cảnh cáo, không bị khai trừ; "
                "dùng quyết định xóa tên."
            ),
        )
    return _end_membership(member, Kind.EXPULSION, decision, actor, errors, today or date.today())


@transaction.atomic
def record_leaving(
    member: Member,
    *,
    actor: Any,
    effective_date: date,
    decided_by: str = "",
    decision_number: str = "",
    decision_date: date | None = None,
    reason: str = "",
    today: date | None = None,
) -> MembershipEvent:
    """The member leaves the Party on their own request (ra khỏi Đảng)."""
    decision = _decision(effective_date, decided_by, decision_number, decision_date, reason)
    return _end_membership(member, Kind.LEAVING, decision, actor, {}, today or date.today())


@transaction.atomic
def record_death(
    member: Member,
    *,
    actor: Any,
    effective_date: date,
    decided_by: str = "",
    decision_number: str = "",
    decision_date: date | None = None,
    reason: str = "",
    today: date | None = None,
) -> MembershipEvent:
    """The member died (từ trần); ``effective_date`` is the day of death."""
    decision = _decision(effective_date, decided_by, decision_number, decision_date, reason)
    return _end_membership(member, Kind.DEATH, decision, actor, {}, today or date.today())


# ---------------------------------------------------------------------------
# Lost contact: the member stays on the list, but the period counts outside the Party.


def is_out_of_contact(member: Member) -> bool:
    """Whether the last (not cancelled) contact event says the member is out of contact."""
    last = (
        member.events.filter(cancelled=False, kind__in=[Kind.LOST_CONTACT, Kind.CONTACT_RESTORED])
        .order_by("-effective_date", "-id")
        .values_list("kind", flat=True)
        .first()
    )
    return last == Kind.LOST_CONTACT


@transaction.atomic
def record_lost_contact(
    member: Member,
    *,
    actor: Any,
    effective_date: date,
    decided_by: str = "",
    decision_number: str = "",
    decision_date: date | None = None,
    reason: str = "",
    today: date | None = None,
) -> MembershipEvent:
    """The member no longer attends and cannot be reached (party age stops counting)."""
    decision = _decision(effective_date, decided_by, decision_number, decision_date, reason)
    errors: Errors = {}
    _check_active(member, errors)
    _check_dates(member, decision, errors, today or date.today())
    if is_out_of_contact(member):
        add_error(errors, "status", _("Đảng viên đã được ghi là mất liên lạc."))
    raise_if(errors)
    return record_event(member, Kind.LOST_CONTACT, decision, actor)


@transaction.atomic
def restore_contact(
    member: Member,
    *,
    actor: Any,
    effective_date: date,
    decided_by: str = "",
    decision_number: str = "",
    decision_date: date | None = None,
    reason: str = "",
    today: date | None = None,
) -> MembershipEvent:
    """The member attends again after a period out of contact."""
    decision = _decision(effective_date, decided_by, decision_number, decision_date, reason)
    errors: Errors = {}
    _check_active(member, errors)
    _check_dates(member, decision, errors, today or date.today())
    lost = (
        member.events.filter(cancelled=False, kind=Kind.LOST_CONTACT)
        .order_by("-effective_date", "-id")
        .first()
    )
    if not is_out_of_contact(member) or lost is None:
        add_error(errors, "status", _("Đảng viên không ở tình trạng mất liên lạc."))
    elif effective_date <= lost.effective_date:
        add_error(
            errors,
            "effective_date",
            _("Ngày sinh hoạt trở lại phải sau ngày mất liên lạc %(day)s.")
            % {"day": lost.effective_date.strftime("%d/%m/%Y")},
        )
    raise_if(errors)
    return record_event(member, Kind.CONTACT_RESTORED, decision, actor)


# The decisions the pages and the API dispatch to, by event kind.
DECISIONS: dict[str, Any] = {
    Kind.EXEMPTION: exempt_member,
    Kind.EXEMPTION_ENDED: end_exemption,
    Kind.REMOVAL: remove_member,
    Kind.EXPULSION: expel_member,
    Kind.LEAVING: record_leaving,
    Kind.DEATH: record_death,
    Kind.LOST_CONTACT: record_lost_contact,
    Kind.CONTACT_RESTORED: restore_contact,
}
