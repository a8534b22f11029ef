"""Campaigns (a committee's plan for the congresses of its subtree) and their guides.

A campaign belongs to an organisation for a term and a target level (the
cells' congresses, or the grassroots organisations'); ``parent`` is the plan
from above it implements, and its deadline cannot be later than that plan's.
A congress is covered by the campaign of the deepest organisation above it.
Campaigns and guides are kept by the committee staff only.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from dangvu.congresses import permissions
from dangvu.congresses.models import Campaign, Guide
from dangvu.congresses.services_base import Errors, check_day, check_term, check_text, fmt_day
from dangvu.core.services import add_error, raise_if, save_as
from dangvu.core.tree import ancestor_ids
from dangvu.members.choices import ACTIVE_STATUSES
from dangvu.members.models import Member
from dangvu.organizations.choices import Level
from dangvu.organizations.models import Organization

TARGET_LEVELS = (Level.CELL, Level.GRASSROOTS)
# The levels that may run a campaign for each target level.
CAMPAIGN_LEVELS: dict[str, frozenset[str]] = {
    Level.CELL: frozenset({Level.GRASSROOTS, Level.DISTRICT, Level.PROVINCE, Level.CENTRAL}),
    Level.GRASSROOTS: frozenset({Level.DISTRICT, Level.PROVINCE, Level.CENTRAL}),
}
# A convening notice is never required further ahead than this (the rule says 30).
MAX_NOTICE_WORKING_DAYS = 90


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
