"""Party badges: who is due at an award date, recording an award, the inbox items.

Readers work on the members a user sees in an organisation's subtree, with a
fixed number of queries: the members (pre-filtered in SQL by an admission date
at least 30 years before the award date and by the badges held, since gaps only
lower party age), the badges they hold, and the events and transfers that give their gaps.

Exempt members are listed (they keep their badges, RULES.md); members who
left, were removed, expelled or died are not. A member who missed the award
date on which a badge became due stays due until the award is recorded, so an
inbox item's ``due_on`` is that first award date: overdue when it has passed.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Case, Exists, IntegerField, OuterRef, Value, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext as _

from dangvu.core.deadlines import DeadlineItem
from dangvu.core.scope import subtree_q
from dangvu.core.services import add_error, raise_if, save_as
from dangvu.members import badge_rules
from dangvu.members.choices import ACTIVE_STATUSES, Status
from dangvu.members.models import BadgeAward, Member, MembershipEvent, Transfer
from dangvu.members.party_age import (
    PartyAge,
    add_months,
    admission_start,
    date_reaching,
    events_and_transfers,
    membership_gaps,
    party_age,
)
from dangvu.organizations.models import Organization

DEADLINE_KIND = "badge_due"


@dataclass(frozen=True)
class DueBadge:
    """A member due a badge at an award date, and the first award date it was due."""

    member: Member
    milestone: int
    award_date: date
    first_due_on: date
    party_age: PartyAge


@dataclass(frozen=True)
class BadgeSummary:
    """The badge section of a member's profile."""

    held: list[BadgeAward]
    party_age: PartyAge | None
    next_milestone: int | None
    next_due_on: date | None


def cash_multiples() -> dict[int, Decimal]:
    """The cash award table: the setting DANGVU_BADGE_CASH_MULTIPLES, or the defaults."""
    configured = getattr(settings, "DANGVU_BADGE_CASH_MULTIPLES", None)
    return dict(configured) if configured else dict(badge_rules.DEFAULT_CASH_MULTIPLES)


def first_due_on(start: date, gaps: list[tuple[date, date]], milestone: int) -> date | None:
    """The first award date on which the party age reaches ``milestone``."""
    reached = date_reaching(start, gaps, milestone)
    return badge_rules.next_award_date(reached) if reached else None


# ---------------------------------------------------------------------------
# Readers


def candidates(user: Any, root: Organization | None, award_date: date) -> Any:
    """Active members (exempt included) the user sees who may be due a badge at ``award_date``.

    In SQL: admitted at least 30 years before, and not already holding a badge
    of the highest milestone their admission date gives (gaps only lower party
    age, so this keeps every member the exact check in Python can find due).
    """
    members = Member.objects.visible_to(user).filter(status__in=ACTIVE_STATUSES)
    if root is not None:
        members = members.filter(subtree_q("org_path", root.path))
    admitted = Coalesce("admission_decision_date", "ceremony_date")
    # The highest milestone the admission date gives (gaps only lower it): one CASE,
    # then one anti-join on the badges (the (member, milestone) unique index).
    nominal = Case(
        *[
            When(admitted_on__lte=add_months(award_date, -12 * milestone), then=Value(milestone))
            for milestone in reversed(badge_rules.MILESTONES)
        ],
        default=Value(None),
        output_field=IntegerField(),
    )
    held = BadgeAward.objects.filter(member=OuterRef("pk"), milestone__gte=OuterRef("nominal"))
    return (
        members.alias(admitted_on=admitted)
        .filter(admitted_on__lte=add_months(award_date, -12 * badge_rules.MILESTONES[0]))
        .alias(nominal=nominal)
        .filter(~Exists(held))
        .select_related("cell")
    )


def held_badges(member_ids: Any) -> dict[int, list[int]]:
    held: dict[int, list[int]] = defaultdict(list)
    rows = BadgeAward.objects.filter(member_id__in=member_ids).values_list("member_id", "milestone")
    for member_id, milestone in rows:
        held[member_id].append(milestone)
    return held


def due_badges(user: Any, root: Organization | None, award_date: date) -> list[DueBadge]:
    """Members due a badge at ``award_date`` in ``root``'s subtree (four queries)."""
    members = list(candidates(user, root, award_date))
    ids = [member.pk for member in members]
    held = held_badges(ids) if ids else {}
    gaps = events_and_transfers(ids, MembershipEvent, Transfer) if ids else {}
    due: list[DueBadge] = []
    for member in members:
        start = admission_start(member)
        if start is None:
            continue
        member_gaps = gaps.get(member.pk, [])
        age = party_age(start, member_gaps, award_date)
        milestone = badge_rules.due_milestone(age.years, held.get(member.pk, []))
        if milestone is None:
            continue
        first = first_due_on(start, member_gaps, milestone) or award_date
        due.append(DueBadge(member, milestone, award_date, min(first, award_date), age))
    due.sort(key=lambda row: (-row.milestone, row.member.cell.path, row.member.sort_key))
    return due


def badge_summary(member: Member, today: date) -> BadgeSummary:
    """Badges held, party age today, and the next badge and its award date (three queries)."""
    held = list(member.badges.all())
    start = admission_start(member)
    if start is None:
        return BadgeSummary(held, None, None, None)
    gaps = membership_gaps(member)
    age = party_age(start, gaps, today)
    milestones = [badge.milestone for badge in held]
    upcoming = badge_rules.next_milestone(age.years, milestones)
    due_on = first_due_on(start, gaps, upcoming) if upcoming else None
    return BadgeSummary(held, age, upcoming, due_on)


def deadline_items(
    user: Any, root: Organization | None, today: date, horizon: date
) -> list[DeadlineItem]:
    """Members due a badge at the next award date; due since an earlier one when missed."""
    items = []
    for row in due_badges(user, root, badge_rules.next_award_date(today)):
        if row.first_due_on > horizon:
            continue
        items.append(
            DeadlineItem(
                kind=DEADLINE_KIND,
                label=_("Đến hạn Huy hiệu %(milestone)s năm tuổi Đảng")
                % {"milestone": row.milestone},
                due_on=row.first_due_on,
                name=row.member.full_name,
                org_path=row.member.org_path,
                url=reverse("members:detail", args=[row.member.pk]),
                member_id=row.member.pk,
            )
        )
    return items


# ---------------------------------------------------------------------------
# Writes


def _check_member(member: Member, errors: dict[str, list[str]]) -> None:
    if member.status == Status.DECEASED:
        add_error(
            errors,
            "member",
            _("Đảng viên đã từ trần; việc truy tặng huy hiệu chưa được hỗ trợ trong hệ thống."),
        )
    elif member.status not in ACTIVE_STATUSES:
        add_error(
            errors,
            "member",
            _("Đảng viên %(name)s không còn sinh hoạt đảng (%(status)s).")
            % {"name": member.full_name, "status": member.get_status_display()},
        )


def _check_due(
    member: Member,
    milestone: int,
    award_date: date,
    early: bool,
    early_reason: str,
    errors: dict[str, list[str]],
) -> bool:
    """Whether the badge is early; adds an error when it is not yet due and not allowed early."""
    start = admission_start(member)
    if start is None:
        add_error(errors, "milestone", _("Đảng viên chưa có ngày quyết định kết nạp."))
        return False
    age = party_age(start, membership_gaps(member), award_date)
    if age.years >= milestone:
        return False
    months = age.years * 12 + age.months
    if not early:
        add_error(
            errors,
            "milestone",
            _(
                "Chưa đủ %(milestone)s năm tuổi Đảng vào ngày trao "
                "(mới %(years)s năm %(months)s tháng)."
            )
            % {"milestone": milestone, "years": age.years, "months": age.months},
        )
    elif not badge_rules.early_allowed(milestone, months):
        add_error(
            errors,
            "early",
            _("Chỉ được trao sớm tối đa %(months)s tháng cho Huy hiệu %(milestone)s năm.")
            % {"months": badge_rules.early_months_allowed(milestone), "milestone": milestone},
        )
    elif not early_reason.strip():
        add_error(errors, "early_reason", _("Trao sớm phải ghi rõ lý do (ốm đau hiểm nghèo)."))
    return True


@transaction.atomic
def record_badge_award(
    member: Member,
    *,
    actor: Any,
    milestone: int,
    award_date: date,
    decision_number: str,
    decided_by: str = "",
    badge_number: str = "",
    decision_date: date | None = None,
    early: bool = False,
    early_reason: str = "",
) -> BadgeAward:
    """Record a badge awarded to ``member`` (Quy định 24-QĐ/TW, 12); nothing written on error."""
    member = Member.objects.select_for_update().get(pk=member.pk)
    errors: dict[str, list[str]] = {}
    _check_member(member, errors)
    if milestone not in badge_rules.MILESTONES:
        add_error(
            errors, "milestone", _("Mốc huy hiệu không hợp lệ: %(value)s.") % {"value": milestone}
        )
    elif BadgeAward.objects.filter(member=member, milestone=milestone).exists():
        add_error(
            errors,
            "milestone",
            _("Đảng viên đã có Huy hiệu %(milestone)s năm tuổi Đảng.") % {"milestone": milestone},
        )
    if not decision_number.strip():
        add_error(errors, "decision_number", _("Vui lòng nhập số quyết định tặng huy hiệu."))
    if decision_date and decision_date > award_date:
        add_error(errors, "decision_date", _("Ngày quyết định không được sau ngày trao."))
    is_early = False
    if not errors:
        is_early = _check_due(member, milestone, award_date, early, early_reason, errors)
    raise_if(errors)
    award = BadgeAward(
        member=member,
        org_path=member.org_path,
        milestone=milestone,
        award_date=award_date,
        badge_number=badge_number.strip()[:40],
        decision_number=decision_number.strip()[:60],
        decided_by=decided_by.strip()[:255],
        decision_date=decision_date,
        early=is_early,
        early_reason=early_reason.strip()[:255] if is_early else "",
    )
    save_as(award, actor)
    return award
