"""Party dues (đảng phí): the services that write them and the readers of who owes what.

Rules are in ``members/dues_rules.py``; this module applies them to the registry.
Decisions written down here (and in docs/huong-dan-su-dung.md, "Đảng phí"):

* **Who is expected to pay in a cell for a month**: members with a permanent
  placement in that cell during the month. A member who moves during a month
  pays that month where they were first placed in it (the letter of transfer
  records dues paid "to the end of the month"); a temporary placement does not
  move the dues (the brief of issue 3: dues follow the permanent placement).
  Exempt-from-activity members (miễn sinh hoạt) still pay: Quy định 01-QĐ/TW
  exempts only by party age (≥ 50 years) and by a reduction of 100%.
* **Unpaid months** are counted from the month of the member's first dues
  profile (căn cứ đóng đảng phí): before it the office kept dues on paper, and
  counting those months would propose everyone for removal. Months with an
  amount of 0 (50 years of party age, exemption) are never unpaid. The current
  month counts: its deadline (the end of the month) shows in the inbox before
  it passes.
* Payments may be written by ``staff`` and by the cell's ``cell_secretary``;
  profiles and reductions by ``staff`` only (``may_record_payments``,
  ``may_manage_dues``). Views and the API check these; the services validate.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dangvu.core import scope
from dangvu.core.deadlines import DeadlineItem
from dangvu.core.services import add_error, raise_if, save_as
from dangvu.members import dues_rules as rules
from dangvu.members.choices import ACTIVE_STATUSES, PlacementKind
from dangvu.members.models import (
    DuesPayment,
    DuesProfile,
    DuesReduction,
    Member,
    MembershipEvent,
    Placement,
    Transfer,
)
from dangvu.members.models.dues import DuesCategory
from dangvu.members.party_age import Gap, admission_start, events_and_transfers, party_age
from dangvu.organizations.models import Organization

PAYMENT_ROLES = frozenset({"staff", "cell_secretary"})
DEADLINE_KIND = "dues_unpaid"
# Amounts beyond this are typing errors (1% of a salary of 10 billion đồng a month).
MAX_AMOUNT = 100_000_000


def rule_sets() -> tuple[rules.RuleSet, ...]:
    """The rule sets with the figures of the ``DANGVU_DUES_RULES`` setting applied."""
    return rules.rule_sets_from(getattr(settings, "DANGVU_DUES_RULES", {}))


def may_record_payments(user: Any, cell: Organization) -> bool:
    return scope.can_in_subtree(user, PAYMENT_ROLES, cell.path)


def may_manage_dues(user: Any, member: Member) -> bool:
    return scope.can(user, scope.EDIT, member)


def _month_label(month: date) -> str:
    return month.strftime("%m/%Y")


# ---------------------------------------------------------------------------
# What a member owes


@dataclass
class DuesFacts:
    """What the dues of one member depend on: profiles, reductions, admission and gaps."""

    member: Member
    profiles: list[DuesProfile] = field(default_factory=list)
    reductions: list[DuesReduction] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)

    def profile_for(self, month: date) -> DuesProfile | None:
        """The profile in force for ``month``: the latest starting in that month or before."""
        last_day = rules.month_end(month)
        found = [p for p in self.profiles if p.valid_from <= last_day]
        return found[-1] if found else None

    def reduction_for(self, month: date) -> DuesReduction | None:
        start = rules.month_start(month)
        return next((r for r in self.reductions if r.start_month <= start <= r.end_month), None)

    def party_age_years(self, month: date) -> int | None:
        start = admission_start(self.member)
        if start is None:
            return None
        on = rules.party_age_day(month)
        return party_age(start, self.gaps, on).years if on >= start else 0

    def due(self, month: date, rule_sets: Sequence[rules.RuleSet]) -> int | None:
        """The amount owed for ``month`` (đồng); None when no profile says how much."""
        profile = self.profile_for(month)
        if profile is None:
            return None
        reduction = self.reduction_for(month)
        return rules.monthly_amount(
            profile.category,
            profile.base_amount,
            rules.month_start(month),
            self.party_age_years(month),
            reduction.percent if reduction else 0,
            rule_sets,
        )

    def tracked_from(self) -> date | None:
        """The first month counted for unpaid dues: the month of the first profile."""
        return rules.month_start(self.profiles[0].valid_from) if self.profiles else None


def load_facts(members: Iterable[Member]) -> dict[int, DuesFacts]:
    """The dues facts of many members in four queries."""
    facts = {member.pk: DuesFacts(member) for member in members}
    ids = list(facts)
    for profile in DuesProfile.objects.filter(member_id__in=ids).order_by("valid_from", "id"):
        facts[profile.member_id].profiles.append(profile)
    for reduction in DuesReduction.objects.filter(member_id__in=ids).order_by("start_month"):
        facts[reduction.member_id].reductions.append(reduction)
    for member_id, gaps in events_and_transfers(ids, MembershipEvent, Transfer).items():
        facts[member_id].gaps = gaps
    return facts


# ---------------------------------------------------------------------------
# Where a member pays each month


def _overlapping(first: date, last: date) -> Q:
    """Permanent placements in force on some day from ``first`` to ``last``."""
    return Q(kind=PlacementKind.PERMANENT, start_date__lte=last) & (
        Q(end_date__isnull=True) | Q(end_date__gt=first)
    )


def _paying_placements(
    placements: Iterable[Placement], months: Sequence[date]
) -> dict[tuple[int, date], Placement]:
    """For each (member, month): the placement where the member pays that month.

    The earliest placement in force during the month wins (a member who moves
    pays the month of the move at the cell they leave).
    """
    chosen: dict[tuple[int, date], Placement] = {}
    for placement in sorted(placements, key=lambda p: (p.start_date, p.pk)):
        for month in months:
            last = rules.month_end(month)
            ends = placement.end_date
            if placement.start_date <= last and (ends is None or ends > month):
                chosen.setdefault((placement.member_id, month), placement)
    return chosen


def _placements_of_members_in(
    cells_q: Q, first: date, last: date, members_q: Q | None = None
) -> QuerySet[Placement]:
    """Every permanent placement (first..last) of the members placed where ``cells_q`` says."""
    present = Placement.objects.filter(cells_q & _overlapping(first, last))
    if members_q is not None:
        present = present.filter(members_q)
    return Placement.objects.filter(
        _overlapping(first, last), member_id__in=present.values("member_id")
    ).select_related("member", "cell")


# ---------------------------------------------------------------------------
# The sheet of a cell for a month


@dataclass
class SheetRow:
    """One member on a cell's dues sheet for a month."""

    member: Member
    due: int | None  # None: no dues profile yet
    profile: DuesProfile | None
    reduction: DuesReduction | None
    payment: DuesPayment | None

    @property
    def paid(self) -> bool:
        return self.payment is not None

    @property
    def exempt(self) -> bool:
        return self.due == 0


def dues_sheet(cell: Organization, month: date) -> list[SheetRow]:
    """The members who pay in ``cell`` for ``month``, with the amount due and the payment.

    Six queries whatever the size of the cell.
    """
    month = rules.month_start(month)
    last = rules.month_end(month)
    placements = list(_placements_of_members_in(Q(cell=cell), month, last))
    paying = _paying_placements(placements, [month])
    members = {p.member_id: p.member for (_id, _m), p in paying.items() if p.cell_id == cell.pk}
    facts = load_facts(members.values())
    payments = {
        p.member_id: p for p in DuesPayment.objects.filter(member_id__in=list(members), month=month)
    }
    sets = rule_sets()
    rows = [
        SheetRow(
            member=member,
            due=facts[member.pk].due(month, sets),
            profile=facts[member.pk].profile_for(month),
            reduction=facts[member.pk].reduction_for(month),
            payment=payments.get(member.pk),
        )
        for member in members.values()
    ]
    return sorted(rows, key=lambda row: (row.member.sort_key, row.member.birth_date))


# ---------------------------------------------------------------------------
# Members with unpaid months


@dataclass
class UnpaidRow:
    """A member and the months of a year they have not paid (counted months only)."""

    member: Member
    cell: Organization
    months: list[date]

    @property
    def removal_due_on(self) -> date | None:
        return rules.removal_due_on(self.months, self.months[0].year) if self.months else None


def members_with_unpaid_months(
    user: Any,
    root: Organization | None,
    year: int,
    *,
    minimum: int = rules.UNPAID_MONTHS_FOR_REMOVAL,
    as_of: date | None = None,
) -> list[UnpaidRow]:
    """Members in the user's scope (under ``root``) with ``minimum`` or more unpaid months.

    Months of ``year`` up to the month of ``as_of`` (today) count; six queries.
    """
    as_of = as_of or date.today()
    months = rules.months_between(date(year, 1, 1), min(date(year, 12, 1), as_of))
    if date(year, 1, 1) > as_of:
        return []
    first, last = months[0], rules.month_end(months[-1])
    in_scope = scope.visibility_q(user, Placement)
    if root is not None:
        in_scope &= scope.subtree_q("org_path", root.path)
    placements = list(
        _placements_of_members_in(in_scope, first, last, _may_owe(first, months, minimum))
    )
    paying = _paying_placements(placements, months)
    members = {p.member_id: p.member for p in paying.values()}
    facts = load_facts(members.values())
    paid: dict[int, set[date]] = defaultdict(set)
    paid_rows = DuesPayment.objects.filter(
        member_id__in=list(members), month__gte=first, month__lte=months[-1]
    ).values_list("member_id", "month")
    for member_id, month in paid_rows:
        paid[member_id].add(month)
    sets = rule_sets()
    rows = []
    for member_id, member in members.items():
        unpaid = _unpaid_of(facts[member_id], paying, months, paid[member_id], sets)
        if len(unpaid) >= minimum:
            cell = paying[(member_id, unpaid[-1])].cell
            rows.append(UnpaidRow(member=member, cell=cell, months=unpaid))
    return sorted(rows, key=lambda row: (row.cell.path, row.member.sort_key))


def _may_owe(first: date, months: Sequence[date], minimum: int) -> Q:
    """Placements of members who can have ``minimum`` unpaid months (an SQL pre-filter).

    Only a member with a dues profile is tracked, and unpaid months are at most
    the months without a payment: a member who paid more than
    ``len(months) - minimum`` of them cannot qualify. The exact count stays in Python.
    """
    tracked = DuesProfile.objects.filter(valid_from__lte=rules.month_end(months[-1]))
    paid_enough = (
        DuesPayment.objects.filter(month__gte=first, month__lte=months[-1])
        .values("member_id")
        .annotate(paid=Count("month", distinct=True))
        .filter(paid__gt=len(months) - minimum)
        .values("member_id")
    )
    return Q(member_id__in=tracked.values("member_id")) & ~Q(member_id__in=paid_enough)


def _unpaid_of(
    facts: DuesFacts,
    paying: dict[tuple[int, date], Placement],
    months: Sequence[date],
    paid: set[date],
    sets: Sequence[rules.RuleSet],
) -> list[date]:
    start = facts.tracked_from()
    if start is None:
        return []
    expected = [
        month
        for month in months
        if month >= start and (facts.member.pk, month) in paying and facts.due(month, sets) != 0
    ]
    return rules.unpaid_months(expected, paid)


def deadline_items(
    user: Any, root: Organization | None, today: date, horizon: date
) -> list[DeadlineItem]:
    """Members with three unpaid months this year: removal is due at the third month's end."""
    items = []
    for row in members_with_unpaid_months(user, root, today.year, as_of=today):
        due_on = row.removal_due_on
        if due_on is None or due_on > horizon:
            continue
        items.append(
            DeadlineItem(
                kind=DEADLINE_KIND,
                label=_("Không đóng đảng phí %(count)s tháng trong năm: %(months)s")
                % {
                    "count": len(row.months),
                    "months": ", ".join(_month_label(m) for m in row.months),
                },
                due_on=due_on,
                name=row.member.full_name,
                org_path=row.cell.path,
                url=reverse("members:detail", args=[row.member.pk]),
                member_id=row.member.pk,
            )
        )
    return items


# ---------------------------------------------------------------------------
# Writes


def _check_active(member: Member, errors: dict[str, list[str]]) -> None:
    if member.status not in ACTIVE_STATUSES:
        add_error(
            errors,
            "member",
            _("Đảng viên %(name)s không còn sinh hoạt đảng.") % {"name": member.full_name},
        )


@transaction.atomic
def set_dues_profile(
    member: Member, *, actor: Any, category: str, base_amount: int | None, valid_from: date
) -> DuesProfile:
    """Record the member's dues category and base from ``valid_from``.

    A second profile on the same day corrects the first (the row is updated).
    """
    errors: dict[str, list[str]] = {}
    _check_active(member, errors)
    if category not in DuesCategory.values:
        add_error(errors, "category", _("Đối tượng đóng đảng phí không hợp lệ."))
    base = base_amount or 0
    if not isinstance(base, int) or base < 0 or base > MAX_AMOUNT * 100:
        add_error(errors, "base_amount", _("Mức lương làm căn cứ không hợp lệ."))
    elif category in (DuesCategory.INSURED_SALARY, DuesCategory.PENSION) and base == 0:
        add_error(
            errors,
            "base_amount",
            _("Cần nhập tiền lương đóng bảo hiểm xã hội hoặc mức lương hưu."),
        )
    if not isinstance(valid_from, date):
        add_error(errors, "valid_from", _("Ngày áp dụng không hợp lệ."))
    raise_if(errors)
    profile = DuesProfile.objects.filter(member=member, valid_from=valid_from).first()
    profile = profile or DuesProfile(member=member, valid_from=valid_from)
    profile.category = category
    profile.base_amount = base
    profile.org_path = member.org_path
    save_as(profile, actor)
    return profile


_REDUCTION_PROBLEMS = {
    "percent": ("percent", gettext_lazy("Mức giảm phải là 30%, 50%, 70% hoặc miễn (100%).")),
    "order": ("end_month", gettext_lazy("Tháng kết thúc không được trước tháng bắt đầu.")),
    "too_long": ("end_month", gettext_lazy("Mỗi lần giảm, miễn đảng phí không quá 12 tháng.")),
}


@transaction.atomic
def grant_reduction(
    member: Member,
    *,
    actor: Any,
    percent: int,
    start_month: date,
    end_month: date,
    reason: str,
    decided_by: str = "",
    decision_number: str = "",
    decision_date: date | None = None,
    today: date | None = None,
) -> DuesReduction:
    """Reduce (30/50/70%) or exempt (100%) the member's dues for up to 12 months."""
    today = today or date.today()
    errors: dict[str, list[str]] = {}
    _check_active(member, errors)
    start, end = rules.month_start(start_month), rules.month_start(end_month)
    problem = rules.reduction_problem(percent, start, end)
    if problem:
        field_name, message = _REDUCTION_PROBLEMS[problem]
        add_error(errors, field_name, str(message))
    if not (reason or "").strip():
        add_error(errors, "reason", _("Cần ghi lý do giảm, miễn đảng phí."))
    if decision_date and decision_date > today:
        add_error(errors, "decision_date", _("Ngày quyết định không được sau ngày hôm nay."))
    if not problem:
        _check_overlap(member, start, end, errors)
    raise_if(errors)
    reduction = DuesReduction(
        member=member,
        org_path=member.org_path,
        percent=percent,
        start_month=start,
        end_month=end,
        reason=reason.strip(),
        decided_by=decided_by,
        decision_number=decision_number,
        decision_date=decision_date,
    )
    save_as(reduction, actor)
    return reduction


def _check_overlap(member: Member, start: date, end: date, errors: dict[str, list[str]]) -> None:
    clash = DuesReduction.objects.filter(
        member=member, start_month__lte=end, end_month__gte=start
    ).first()
    if clash:
        add_error(
            errors,
            "start_month",
            _("Trùng thời gian với lần giảm, miễn từ %(start)s đến %(end)s.")
            % {"start": _month_label(clash.start_month), "end": _month_label(clash.end_month)},
        )


@transaction.atomic
def record_payments(
    cell: Organization,
    month: date,
    *,
    actor: Any,
    payments: Sequence[tuple[Member, int | None]],
    paid_on: date | None = None,
    today: date | None = None,
) -> list[DuesPayment]:
    """Record a cell's dues of ``month`` at once; ``None`` as an amount means what is due.

    Refuses (writing nothing) a future month or payment date, a member who does
    not pay in this cell that month, a month already paid, a bad amount.
    """
    today = today or date.today()
    month = rules.month_start(month)
    paid_on = paid_on or today
    errors: dict[str, list[str]] = {}
    if month > rules.month_start(today):
        add_error(errors, "month", _("Chưa đến tháng %(month)s.") % {"month": _month_label(month)})
    if paid_on > today:
        add_error(errors, "paid_on", _("Ngày nộp không được sau ngày hôm nay."))
    if not payments:
        add_error(errors, "payments", _("Chưa chọn đảng viên nào đã nộp."))
    raise_if(errors)
    sheet = {row.member.pk: row for row in dues_sheet(cell, month)}
    amounts = _checked_amounts(cell, month, sheet, payments, errors)
    raise_if(errors)
    created = []
    collector = actor if getattr(actor, "is_authenticated", False) else None
    for member_id, amount in amounts.items():
        payment = DuesPayment(
            member=sheet[member_id].member,
            org_path=cell.path,
            month=month,
            amount=amount,
            paid_on=paid_on,
            collected_by=collector,
        )
        save_as(payment, actor)
        created.append(payment)
    return created


def _checked_amounts(
    cell: Organization,
    month: date,
    sheet: dict[int, SheetRow],
    payments: Sequence[tuple[Member, int | None]],
    errors: dict[str, list[str]],
) -> dict[int, int]:
    amounts: dict[int, int] = {}
    for member, amount in payments:
        values = {"name": member.full_name, "month": _month_label(month), "cell": cell.name}
        row = sheet.get(member.pk)
        problem = _payment_problem(row, member.pk in amounts, amount)
        if problem:
            add_error(errors, "payments", problem % values)
        elif row is not None:
            amounts[member.pk] = amount if amount is not None else row.due or 0
    return amounts


def _payment_problem(row: SheetRow | None, repeated: bool, amount: int | None) -> str | None:
    if row is None:
        return _("%(name)s không sinh hoạt tại %(cell)s trong tháng %(month)s.")
    if repeated or row.paid:
        return _("%(name)s đã nộp đảng phí tháng %(month)s.")
    if row.exempt:
        return _("%(name)s được miễn đảng phí tháng %(month)s.")
    if amount is None and row.due is None:
        return _("%(name)s chưa có căn cứ đóng đảng phí: nhập số tiền đã nộp.")
    if amount is not None and (not isinstance(amount, int) or not 0 < amount <= MAX_AMOUNT):
        return _("Số tiền của %(name)s không hợp lệ.")
    return None
