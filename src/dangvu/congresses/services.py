"""Every write of congresses goes through here (ARCHITECTURE.md, rule 1; issue 7).

A committee plans the congresses of its subtree for a term (``create_campaign``,
``assign_guide``); each cell's congress is planned (``plan_congress``), walks the
dated steps of ``choices.STEP_ORDER`` (``record_step``), gets its convened list
from the records of the congress day (``convene``, ``set_exclusion``,
``record_presence``), is held (``hold_congress``), elects its bodies
(``services_elections``), installs the new committee (``install_committee``) and
has its results approved by the level above (``approve_congress``).

Each function checks the user's right first (``permissions``: ``PermissionDenied``),
then everything else, and raises one Vietnamese ``ValidationError`` with nothing
written; each is atomic and records the user in the history. The convened list,
the elections and the committee are written by their own modules and re-exported
here, so callers use ``congresses.services`` only.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from dangvu.congresses import permissions
from dangvu.congresses.choices import STEP_ORDER, CongressKind, DocumentKind, Status, Step
from dangvu.congresses.models import Congress, CongressDocument
from dangvu.congresses.services_ballots import add_ballot as add_ballot
from dangvu.congresses.services_ballots import correct_ballot as correct_ballot
from dangvu.congresses.services_ballots import enter_tally as enter_tally
from dangvu.congresses.services_ballots import remove_ballot as remove_ballot
from dangvu.congresses.services_base import (
    Errors,
    check_day,
    check_preparing,
    check_term,
    check_text,
    fmt_day,
    lock_congress,
)
from dangvu.congresses.services_campaigns import assign_guide as assign_guide
from dangvu.congresses.services_campaigns import create_campaign as create_campaign
from dangvu.congresses.services_campaigns import nearest_campaign as nearest_campaign
from dangvu.congresses.services_campaigns import target_level_of as target_level_of
from dangvu.congresses.services_committee import install_committee as install_committee
from dangvu.congresses.services_convened import convene as convene
from dangvu.congresses.services_convened import record_presence as record_presence
from dangvu.congresses.services_convened import set_exclusion as set_exclusion
from dangvu.congresses.services_delegates import add_delegate as add_delegate
from dangvu.congresses.services_delegates import replace_delegate as replace_delegate
from dangvu.congresses.services_elections import count_election as count_election
from dangvu.congresses.services_elections import create_election as create_election
from dangvu.congresses.services_elections import election_json as election_json
from dangvu.congresses.services_elections import next_round as next_round
from dangvu.congresses.services_elections import set_denominator as set_denominator
from dangvu.core import workdays
from dangvu.core.files import check_upload
from dangvu.core.services import add_error, raise_if, save_as
from dangvu.organizations.choices import Level
from dangvu.organizations.models import Organization

__all__ = [
    "STEP_FIELDS",
    "add_ballot",
    "add_delegate",
    "add_document",
    "approve_congress",
    "assign_guide",
    "cancel_congress",
    "convene",
    "correct_ballot",
    "count_election",
    "create_campaign",
    "create_election",
    "earliest_congress_day",
    "election_json",
    "enter_tally",
    "hold_congress",
    "install_committee",
    "nearest_campaign",
    "next_round",
    "plan_congress",
    "record_presence",
    "record_step",
    "remove_ballot",
    "replace_delegate",
    "set_denominator",
    "set_exclusion",
    "target_level_of",
    "update_congress_plan",
]

# The column holding the date of each step.
STEP_FIELDS: dict[str, str] = {
    Step.PREPARATION: "preparation_on",
    Step.POLITICAL_REPORT: "political_report_on",
    Step.PERSONNEL_PLAN: "personnel_plan_on",
    Step.CONVENING_NOTICE: "convening_notice_on",
    Step.HELD: "held_on",
    Step.APPROVED: "approved_on",
}
# Steps recorded by ``record_step``; holding and approving have their own services.
PLAIN_STEPS = (Step.PREPARATION, Step.POLITICAL_REPORT, Step.PERSONNEL_PLAN, Step.CONVENING_NOTICE)


# ---------------------------------------------------------------------------
# Planning a congress and its steps


def _check_plan(
    organization: Organization, planned_on: date | None, kind: str, errors: Errors
) -> date | None:
    """The organisation, the kind and the planned day (returned when it is a valid day)."""
    if organization.level not in (Level.CELL, Level.GRASSROOTS):
        add_error(errors, "cell", _("Chỉ lập kế hoạch đại hội cho chi bộ hoặc đảng bộ cơ sở."))
    if kind not in CongressKind.values:
        add_error(errors, "kind", _("Hình thức đại hội không hợp lệ."))
    elif kind == CongressKind.DELEGATES and organization.level == Level.CELL:
        add_error(errors, "kind", _("Chi bộ tổ chức đại hội đảng viên, không phải đại biểu."))
    day = None if planned_on is None else check_day(planned_on, "planned_on", errors, past=False)
    if day and organization.ended_on and day >= organization.ended_on:
        add_error(
            errors,
            "planned_on",
            _("%(org)s đã kết thúc hoạt động từ ngày %(day)s.")
            % {"org": organization.name, "day": fmt_day(organization.ended_on)},
        )
    return day


@transaction.atomic
def plan_congress(
    user: Any,
    *,
    cell: Organization,
    term_start: int,
    term_end: int,
    planned_on: date | None = None,
    kind: str = "all_members",
    place: str = "",
) -> Congress:
    """Plan one organisation's congress for a term, under the nearest campaign of the term."""
    permissions.require_plan(user, cell)
    errors: Errors = {}
    check_term(term_start, term_end, errors)
    place = check_text(place, "place", errors, limit=255)
    _check_plan(cell, planned_on, kind, errors)
    raise_if(errors)
    campaign = nearest_campaign(cell, term_start)
    if campaign is not None and campaign.term_end != term_end:
        add_error(
            errors,
            "term_end",
            _("Kế hoạch %(plan)s là của nhiệm kỳ %(term)s.")
            % {"plan": campaign.code, "term": f"{campaign.term_start}–{campaign.term_end}"},
        )
    active = Congress.objects.filter(organization=cell, term_start=term_start).exclude(
        status=Status.CANCELLED
    )
    if active.exists():
        add_error(
            errors,
            "term_start",
            _("%(org)s đã có đại hội nhiệm kỳ %(start)s–%(end)s.")
            % {"org": cell.name, "start": term_start, "end": term_end},
        )
    raise_if(errors)
    congress = Congress(
        campaign=campaign,
        organization=cell,
        org_path=cell.path,
        term_start=term_start,
        term_end=term_end,
        kind=kind,
        planned_on=planned_on,
        place=place,
    )
    save_as(congress, user)
    return congress


@transaction.atomic
def update_congress_plan(
    user: Any, congress: Congress, *, planned_on: date | None, place: str = "", kind: str = ""
) -> Congress:
    """Move the planned day, the place or the kind before the congress is held."""
    permissions.require_congress_edit(user, congress)
    congress = lock_congress(congress)
    errors: Errors = {}
    check_preparing(congress, errors)
    place = check_text(place, "place", errors, limit=255)
    kind = kind or congress.kind
    day = _check_plan(congress.organization, planned_on, kind, errors)
    if day is not None and congress.convening_notice_on:
        _check_notice(congress, congress.convening_notice_on, day, "planned_on", errors)
    if planned_on != congress.planned_on and congress.convened.exists():
        # The list is of the day it was computed for: ``convene(day=…)`` moves both together.
        add_error(
            errors,
            "planned_on",
            _(
                "Đã lập danh sách triệu tập: đổi ngày đại hội bằng cách lập lại danh sách "
                "cho ngày mới."
            ),
        )
    raise_if(errors)
    congress.planned_on, congress.place, congress.kind = planned_on, place, kind
    save_as(congress, user)
    return congress


def earliest_congress_day(congress: Congress, notice_on: date) -> date | None:
    """With a notice on ``notice_on``, the first day the congress may meet (None: no rule)."""
    days = congress.campaign.notice_working_days if congress.campaign else 0
    if not days:
        return None
    return workdays.add_working_days(notice_on, days)


def _check_notice(
    congress: Congress, notice_on: date, congress_day: date, field: str, errors: Errors
) -> None:
    """The convening notice at least N working days before the congress (the campaign's N)."""
    earliest = earliest_congress_day(congress, notice_on)
    if earliest is None or congress_day >= earliest:
        return
    assert congress.campaign is not None
    add_error(
        errors,
        field,
        _(
            "Thông báo triệu tập phải trước ngày đại hội ít nhất %(n)s ngày làm việc: với "
            "thông báo ngày %(notice)s, đại hội sớm nhất ngày %(earliest)s (không phải "
            "%(day)s)."
        )
        % {
            "n": congress.campaign.notice_working_days,
            "notice": fmt_day(notice_on),
            "earliest": fmt_day(earliest),
            "day": fmt_day(congress_day),
        },
    )


def check_step_order(congress: Congress, step: str, on: date, errors: Errors) -> None:
    """The previous step recorded, and ``on`` between its date and the next step's date."""
    index = STEP_ORDER.index(Step(step))
    if index > 0:
        previous = STEP_ORDER[index - 1]
        before = getattr(congress, STEP_FIELDS[previous])
        if before is None:
            add_error(
                errors,
                "step",
                _("Chưa ghi bước trước: “%(previous)s”.") % {"previous": previous.label},
            )
        elif on < before:
            add_error(
                errors,
                "on",
                _("Ngày không được trước ngày của bước “%(previous)s” (%(day)s).")
                % {"previous": previous.label, "day": fmt_day(before)},
            )
    if index + 1 < len(STEP_ORDER):
        following = STEP_ORDER[index + 1]
        after = getattr(congress, STEP_FIELDS[following])
        if after is not None and on > after:
            add_error(
                errors,
                "on",
                _("Ngày không được sau ngày của bước “%(next)s” (%(day)s).")
                % {"next": following.label, "day": fmt_day(after)},
            )


@transaction.atomic
def record_step(user: Any, congress: Congress, step: str, on: date) -> Congress:
    """Record (or correct) the date of a preparation step, in the order of ``STEP_ORDER``."""
    permissions.require_congress_edit(user, congress)
    congress = lock_congress(congress)
    errors: Errors = {}
    if step not in PLAIN_STEPS:
        add_error(
            errors,
            "step",
            _("Bước không hợp lệ; đại hội và chuẩn y kết quả được ghi bằng chức năng riêng."),
        )
        raise_if(errors)
    check_preparing(congress, errors)
    day = check_day(on, "on", errors)
    raise_if(errors)
    assert day is not None
    check_step_order(congress, step, day, errors)
    if step == Step.CONVENING_NOTICE and congress.planned_on:
        _check_notice(congress, day, congress.planned_on, "on", errors)
    raise_if(errors)
    setattr(congress, STEP_FIELDS[step], day)
    save_as(congress, user)
    return congress


@transaction.atomic
def add_document(
    user: Any,
    congress: Congress,
    *,
    kind: str,
    title: str,
    on: date,
    file: Any = None,
    text: str = "",
) -> CongressDocument:
    """Add a congress document (political report, personnel plan, resolution …) as file or text."""
    permissions.require_congress_edit(user, congress)
    congress = lock_congress(congress)
    errors: Errors = {}
    if congress.status == Status.CANCELLED:
        add_error(errors, "status", _("Đại hội đã hủy."))
    if kind not in DocumentKind.values:
        add_error(errors, "kind", _("Loại tài liệu không hợp lệ."))
    title = check_text(title, "title", errors, limit=255, required=_("Ghi tên tài liệu."))
    text = check_text(text, "text", errors, limit=200_000)
    check_day(on, "on", errors)
    if file:
        check_upload(file, "file", errors)
    elif not text:
        add_error(errors, "file", _("Tải lên tệp hoặc nhập nội dung tài liệu."))
    raise_if(errors)
    document = CongressDocument(
        congress=congress,
        org_path=congress.org_path,
        kind=kind,
        title=title,
        text=text,
        added_on=on,
    )
    if file:
        document.file = file
    save_as(document, user)
    return document


# ---------------------------------------------------------------------------
# Holding, approving, cancelling


@transaction.atomic
def hold_congress(
    user: Any,
    congress: Congress,
    *,
    held_on: date,
    place: str = "",
    chair: str = "",
    secretary: str = "",
    closed_on: date | None = None,
    first_meeting_on: date | None = None,
) -> Congress:
    """The congress met on ``held_on`` with the convened list of that day.

    ``closed_on`` is the closing day of a congress of several days, and
    ``first_meeting_on`` the new committee's first meeting when it is held
    during the congress: together they say on which day the old committee's
    term ends (Hướng dẫn 36-HD/VPTW; documents.numbering.term_starts_on).
    """
    permissions.require_congress_edit(user, congress)
    congress = lock_congress(congress)
    errors: Errors = {}
    check_preparing(congress, errors)
    place = check_text(place, "place", errors, limit=255) or congress.place
    chair = check_text(chair, "chair", errors, limit=500)
    secretary = check_text(secretary, "secretary", errors, limit=255)
    day = check_day(held_on, "held_on", errors)
    closing = None if closed_on is None else check_day(closed_on, "closed_on", errors)
    meeting = (
        None
        if first_meeting_on is None
        else check_day(first_meeting_on, "first_meeting_on", errors)
    )
    raise_if(errors)
    assert day is not None
    if closing is not None and closing < day:
        add_error(errors, "closed_on", _("Ngày bế mạc không được trước ngày khai mạc đại hội."))
    if meeting is not None and not day <= meeting <= (closing or day):
        add_error(
            errors,
            "first_meeting_on",
            _("Hội nghị cấp ủy lần thứ nhất chỉ ghi khi họp trong thời gian đại hội."),
        )
    check_step_order(congress, Step.HELD, day, errors)
    if congress.convening_notice_on:
        _check_notice(congress, congress.convening_notice_on, day, "held_on", errors)
    if not congress.convened.exists():
        add_error(errors, "convened", _("Chưa lập danh sách đảng viên được triệu tập."))
    elif congress.planned_on != day:
        add_error(
            errors,
            "held_on",
            _(
                "Danh sách triệu tập được lập theo ngày %(day)s; đại hội họp ngày khác thì lập "
                "lại danh sách cho ngày đại hội trước."
            )
            % {"day": fmt_day(congress.planned_on) if congress.planned_on else "—"},
        )
    raise_if(errors)
    congress.status = Status.HELD
    congress.held_on = day
    congress.closed_on = closing if closing != day else None
    congress.first_meeting_on = meeting
    congress.place, congress.chair, congress.secretary = place, chair, secretary
    save_as(congress, user)
    return congress


@transaction.atomic
def approve_congress(
    user: Any, congress: Congress, *, on: date, number: str, approved_by: str
) -> Congress:
    """The level above approves the results (quyết định chuẩn y): the last step."""
    permissions.require_approve(user, congress)
    congress = lock_congress(congress)
    errors: Errors = {}
    if congress.status != Status.HELD:
        add_error(errors, "status", _("Chỉ chuẩn y kết quả của đại hội đã tổ chức."))
    number = check_text(number, "number", errors, limit=60, required=_("Ghi số quyết định."))
    approved_by = check_text(
        approved_by, "approved_by", errors, limit=255, required=_("Ghi cấp ủy chuẩn y.")
    )
    day = check_day(on, "on", errors)
    if day is not None and congress.status == Status.HELD:
        check_step_order(congress, Step.APPROVED, day, errors)
    raise_if(errors)
    congress.status = Status.APPROVED
    congress.approved_on, congress.approval_number, congress.approved_by = day, number, approved_by
    save_as(congress, user)
    return congress


@transaction.atomic
def cancel_congress(user: Any, congress: Congress, reason: str) -> Congress:
    """Cancel a congress not yet held (the record stays; another may be planned)."""
    from dangvu.congresses.services_elections import cancel_open_elections

    permissions.require_congress_edit(user, congress)
    congress = lock_congress(congress)
    errors: Errors = {}
    check_preparing(congress, errors)
    reason = check_text(reason, "reason", errors, limit=255, required=_("Ghi lý do hủy."))
    raise_if(errors)
    congress.status = Status.CANCELLED
    congress.cancelled_reason = reason
    save_as(congress, user)
    cancel_open_elections(user, congress)
    return congress
