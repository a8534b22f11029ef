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
from dangvu.congresses.models import Campaign, Congress, CongressDocument, Guide
from dangvu.congresses.services_base import (
    Errors,
    check_day,
    check_preparing,
    check_term,
    check_text,
    fmt_day,
    lock_congress,
)
from dangvu.congresses.services_committee import install_committee as install_committee
from dangvu.congresses.services_convened import convene as convene
from dangvu.congresses.services_convened import record_presence as record_presence
from dangvu.congresses.services_convened import set_exclusion as set_exclusion
from dangvu.congresses.services_elections import add_ballot as add_ballot
from dangvu.congresses.services_elections import correct_ballot as correct_ballot
from dangvu.congresses.services_elections import count_election as count_election
from dangvu.congresses.services_elections import create_election as create_election
from dangvu.congresses.services_elections import election_json as election_json
from dangvu.congresses.services_elections import enter_tally as enter_tally
from dangvu.congresses.services_elections import next_round as next_round
from dangvu.congresses.services_elections import remove_ballot as remove_ballot
from dangvu.congresses.services_elections import set_denominator as set_denominator
from dangvu.core import workdays
from dangvu.core.services import add_error, raise_if, save_as
from dangvu.core.tree import ancestor_ids
from dangvu.members.choices import ACTIVE_STATUSES
from dangvu.members.models import Member
from dangvu.organizations.choices import Level
from dangvu.organizations.models import Organization

__all__ = [
    "STEP_FIELDS",
    "add_ballot",
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
TARGET_LEVELS = (Level.CELL, Level.GRASSROOTS)
# The levels that may run a campaign for each target level.
CAMPAIGN_LEVELS: dict[str, frozenset[str]] = {
    Level.CELL: frozenset({Level.GRASSROOTS, Level.DISTRICT, Level.PROVINCE, Level.CENTRAL}),
    Level.GRASSROOTS: frozenset({Level.DISTRICT, Level.PROVINCE, Level.CENTRAL}),
}
# A convening notice is never required further ahead than this (the rule says 30).
MAX_NOTICE_WORKING_DAYS = 90
# Documents, spreadsheets, scans and photos; served back only as downloads.
FILE_EXTENSIONS = frozenset(
    {"pdf", "doc", "docx", "odt", "rtf", "txt", "xls", "xlsx", "ods", "jpg", "jpeg", "png"}
)
FILE_MAX_BYTES = 20 * 1024 * 1024


# ---------------------------------------------------------------------------
# Campaigns


def target_level_of(organization: Organization) -> str:
    """The campaign level that covers ``organization``'s congress."""
    return Level.CELL if organization.level == Level.CELL else Level.GRASSROOTS


def nearest_campaign(organization: Organization, term_start: int) -> Campaign | None:
    """The campaign of the term at the deepest organisation above ``organization``."""
    return (
        Campaign.objects.filter(
            organization_id__in=ancestor_ids(organization.path),
            term_start=term_start,
            target_level=target_level_of(organization),
        )
        .order_by("-org_path")
        .first()
    )


def _check_campaign_org(organization: Organization, target_level: str, errors: Errors) -> None:
    if target_level not in TARGET_LEVELS:
        add_error(errors, "target_level", _("Cấp đại hội phải là chi bộ hoặc đảng bộ cơ sở."))
        return
    if organization.ended_on:
        add_error(errors, "organization", _("Tổ chức đã kết thúc hoạt động."))
    if organization.level not in CAMPAIGN_LEVELS[target_level] or organization.is_cell:
        message = (
            _("Kế hoạch đại hội chi bộ do đảng ủy cơ sở hoặc cấp trên ban hành.")
            if target_level == Level.CELL
            else _("Kế hoạch đại hội đảng bộ cơ sở do cấp huyện hoặc cấp trên ban hành.")
        )
        add_error(errors, "organization", message)


def _check_parent(
    parent: Campaign | None,
    organization: Organization,
    values: dict[str, Any],
    errors: Errors,
) -> None:
    """The plan from above: at an organisation strictly above, same term and level, later due."""
    if parent is None:
        return
    if not (organization.path.startswith(parent.org_path) and organization.path != parent.org_path):
        add_error(errors, "parent", _("Kế hoạch cấp trên phải của một cấp ủy cấp trên."))
    elif (parent.term_start, parent.term_end, parent.target_level) != (
        values["term_start"],
        values["term_end"],
        values["target_level"],
    ):
        add_error(errors, "parent", _("Kế hoạch cấp trên phải cùng nhiệm kỳ và cùng cấp đại hội."))
    due_on = values["due_on"]
    if isinstance(due_on, date) and due_on > parent.due_on:
        add_error(
            errors,
            "due_on",
            _("Hạn hoàn thành không được sau hạn của kế hoạch cấp trên (%(day)s).")
            % {"day": fmt_day(parent.due_on)},
        )


def _check_campaign_dates(values: dict[str, Any], errors: Errors) -> None:
    due_on = check_day(values["due_on"], "due_on", errors, past=False)
    starts_on = values["starts_on"]
    starts_ok = starts_on is not None and check_day(starts_on, "starts_on", errors, past=False)
    if starts_ok and due_on and starts_on > due_on:
        add_error(errors, "starts_on", _("Ngày bắt đầu không được sau hạn hoàn thành."))
    plan_date = values["plan_date"]
    plan_ok = plan_date is not None and check_day(plan_date, "plan_date", errors)
    if plan_ok and due_on and plan_date > due_on:
        add_error(errors, "plan_date", _("Ngày kế hoạch không được sau hạn hoàn thành."))
    days = values["notice_working_days"]
    if type(days) is not int or not 0 <= days <= MAX_NOTICE_WORKING_DAYS:
        add_error(
            errors,
            "notice_working_days",
            _("Số ngày làm việc phải từ 0 đến %(n)s.") % {"n": MAX_NOTICE_WORKING_DAYS},
        )


@transaction.atomic
def create_campaign(
    user: Any,
    *,
    organization: Organization,
    term_start: int,
    term_end: int,
    title: str,
    due_on: date,
    target_level: str = "cell",
    plan_number: str = "",
    plan_date: date | None = None,
    parent: Campaign | None = None,
    starts_on: date | None = None,
    notice_working_days: int = 0,
    note: str = "",
) -> Campaign:
    """A committee's plan for the congresses of its subtree for a term (Kế hoạch 43-KH/ĐU)."""
    permissions.require_campaign_edit(user, organization)
    errors: Errors = {}
    values = {
        "term_start": term_start,
        "term_end": term_end,
        "target_level": target_level,
        "due_on": due_on,
        "starts_on": starts_on,
        "plan_date": plan_date,
        "notice_working_days": notice_working_days,
    }
    title = check_text(title, "title", errors, limit=255, required=_("Ghi tên kế hoạch."))
    plan_number = check_text(plan_number, "plan_number", errors, limit=40)
    note = check_text(note, "note", errors, limit=5000)
    check_term(term_start, term_end, errors)
    _check_campaign_org(organization, target_level, errors)
    _check_campaign_dates(values, errors)
    _check_parent(parent, organization, values, errors)
    if (
        not errors
        and Campaign.objects.filter(
            organization=organization, term_start=term_start, target_level=target_level
        ).exists()
    ):
        add_error(
            errors,
            "term_start",
            _("%(org)s đã có kế hoạch đại hội nhiệm kỳ %(start)s–%(end)s.")
            % {"org": organization.name, "start": term_start, "end": term_end},
        )
    raise_if(errors)
    campaign = Campaign(
        organization=organization,
        org_path=organization.path,
        term_start=term_start,
        term_end=term_end,
        target_level=target_level,
        title=title,
        plan_number=plan_number,
        plan_date=plan_date,
        parent=parent,
        starts_on=starts_on,
        due_on=due_on,
        notice_working_days=notice_working_days,
        note=note,
    )
    save_as(campaign, user)
    return campaign


@transaction.atomic
def assign_guide(
    user: Any, campaign: Campaign, *, cell: Organization, member: Member, assigned_on: date
) -> Guide:
    """Put a committee member in charge of guiding one cell's congress."""
    permissions.require_campaign_edit(user, campaign)
    errors: Errors = {}
    check_day(assigned_on, "assigned_on", errors)
    covered = cell.path.startswith(campaign.org_path) and cell.path != campaign.org_path
    if not covered or target_level_of(cell) != campaign.target_level or not cell.is_member_unit:
        add_error(errors, "cell", _("Chi bộ không thuộc phạm vi của kế hoạch này."))
    if member.status not in ACTIVE_STATUSES:
        add_error(errors, "member", _("Đảng viên không còn sinh hoạt."))
    elif not member.org_path.startswith(campaign.org_path):
        add_error(
            errors,
            "member",
            _("Người phụ trách phải là đảng viên của %(org)s.") % {"org": campaign.organization},
        )
    if not errors and Guide.objects.filter(campaign=campaign, organization=cell, member=member):
        add_error(errors, "member", _("Đảng viên này đã được phân công phụ trách chi bộ."))
    raise_if(errors)
    guide = Guide(
        campaign=campaign,
        organization=cell,
        org_path=cell.path,
        member=member,
        assigned_on=assigned_on,
    )
    save_as(guide, user)
    return guide


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
        _check_file(file, errors)
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


def _check_file(file: Any, errors: Errors) -> None:
    name = str(getattr(file, "name", "") or "")
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in FILE_EXTENSIONS:
        add_error(
            errors,
            "file",
            _("Chỉ nhận tệp %(types)s.") % {"types": ", ".join(sorted(FILE_EXTENSIONS))},
        )
    if (getattr(file, "size", 0) or 0) > FILE_MAX_BYTES:
        add_error(errors, "file", _("Tệp lớn hơn 20 MB."))


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
) -> Congress:
    """The congress met on ``held_on`` with the convened list of that day."""
    permissions.require_congress_edit(user, congress)
    congress = lock_congress(congress)
    errors: Errors = {}
    check_preparing(congress, errors)
    place = check_text(place, "place", errors, limit=255) or congress.place
    chair = check_text(chair, "chair", errors, limit=500)
    secretary = check_text(secretary, "secretary", errors, limit=255)
    day = check_day(held_on, "held_on", errors)
    raise_if(errors)
    assert day is not None
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
