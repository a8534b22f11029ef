"""Report pages of meetings: attendance rates, cells that missed a meeting, oversight.

Each page is about one organisation in the user's scope (``?organization=<id>``,
else the top of the scope) and reads a fixed number of grouped queries
(``meetings.rates``, ``meetings.compliance``), whatever the size of the subtree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from itertools import groupby
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet, Subquery
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dangvu.core import scope
from dangvu.core.forms import add_service_errors
from dangvu.core.tree import ancestor_ids
from dangvu.meetings import compliance, services
from dangvu.meetings import rates as rates_
from dangvu.meetings.choices import CELL_MEETING_KINDS
from dangvu.meetings.forms import EndOversightForm, OversightForm
from dangvu.meetings.models import Attendance, Guest, Meeting, OversightAssignment
from dangvu.meetings.views import CHOICES_LIMIT, organization_choices, pick_root
from dangvu.members.models import Member
from dangvu.organizations.choices import Body
from dangvu.organizations.models import Organization, Position

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
# Who may read the names of members flagged for absences: not a plain member.
STREAK_READERS = frozenset({"viewer", "cell_secretary", "staff", "leader"})
GAPS_SHOWN = 500
ASSIGNMENTS_SHOWN = 500
YEARS_BACK = 6


def _year(request: HttpRequest, today: date) -> int:
    try:
        return min(today.year + 1, max(1945, int(request.GET.get("year", ""))))
    except (ValueError, OverflowError):
        return today.year


def _years(today: date) -> list[int]:
    return list(range(today.year, today.year - YEARS_BACK, -1))


def _period_label(period: str, key: int) -> str:
    if period == "month":
        return _("Tháng %(m)s") % {"m": key}
    if period == "quarter":
        return _("Quý %(q)s") % {"q": ROMAN[key]}
    return _("Năm %(y)s") % {"y": key}


def _base(request: HttpRequest) -> dict[str, Any]:
    today = timezone.localdate()
    return {
        "root": pick_root(request),
        "today": today,
        "year": _year(request, today),
        "years": _years(today),
        "organizations": organization_choices(request.user),
    }


# ---------------------------------------------------------------------------
# Attendance rates


@login_required
def rates(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    context = _base(request)
    period = request.GET.get("period", "month")
    period = period if period in rates_.PERIODS else "month"
    context["period"] = period
    root, year, today = context["root"], context["year"], context["today"]
    if root is not None:
        start, end = date(year, 1, 1), date(year, 12, 31)
        by_period = rates_.rates_by_period(root, year, period)
        by_child = rates_.rates_by_child(root, start, end)
        children = Organization.objects.visible_to(user).filter(parent=root).order_by("path")
        sees_names = scope.can_in_subtree(user, STREAK_READERS, root.path)
        context.update(
            {
                "overall": rates_.subtree_rate(root, start, end),
                "periods": [(_period_label(period, k), r) for k, r in by_period.items()],
                "children": [(c, by_child.get(c.pk, rates_.Rate())) for c in children],
                "streaks": rates_.absence_streaks(root, min(today, end)) if sees_names else None,
            }
        )
    return render(request, "meetings/rates.html", context)


# ---------------------------------------------------------------------------
# Cells that missed a meeting


def _quarter(request: HttpRequest) -> int | None:
    value = request.GET.get("quarter", "")
    return int(value) if value in ("1", "2", "3", "4") else None


@login_required
def compliance_page(request: HttpRequest) -> HttpResponse:
    context = _base(request)
    quarter = _quarter(request)
    root, year = context["root"], context["year"]
    if quarter:
        period = compliance.quarter_period(year, quarter)
        start, end = period.start, period.end
    else:
        start, end = date(year, 1, 1), date(year, 12, 31)
    context.update({"quarter": quarter, "quarters": [(q, ROMAN[q]) for q in range(1, 5)]})
    if root is not None:
        gaps = compliance.missing_meetings(root, start, end)
        context.update(
            {
                "gaps": gaps[:GAPS_SHOWN],
                "gaps_total": len(gaps),
                "cells_missing": len({g.cell.pk for g in gaps}),
                "regular_missing": sum(1 for g in gaps if g.kind == "regular"),
                "thematic_missing": sum(1 for g in gaps if g.kind == "thematic"),
            }
        )
    return render(request, "meetings/compliance.html", context)


# ---------------------------------------------------------------------------
# Oversight assignments


@dataclass
class AssignmentRow:
    """One assignment and its year: the cell's regular and thematic meetings, those attended."""

    assignment: OversightAssignment
    held: int
    attended: int


def _held_meetings(cell_ids: set[int], start: date, end: date) -> list[tuple[int, int, date]]:
    return list(
        Meeting.objects.filter(
            organization_id__in=cell_ids,
            date__gte=start,
            date__lte=end,
            status__in=compliance.HELD_STATUSES,
            kind__in=CELL_MEETING_KINDS,
        ).values_list("pk", "organization_id", "date")
    )


def _attended(meeting_ids: list[int], member_ids: set[int]) -> set[tuple[int, int]]:
    """(meeting, member) for overseers present: as a guest, or marked present."""
    guests = Guest.objects.filter(meeting_id__in=meeting_ids, member_id__in=member_ids)
    present = Attendance.objects.filter(
        meeting_id__in=meeting_ids, member_id__in=member_ids, state="present"
    )
    return set(guests.values_list("meeting_id", "member_id")) | set(
        present.values_list("meeting_id", "member_id")
    )


def _assignment_rows(
    assignments: list[OversightAssignment], start: date, end: date
) -> list[AssignmentRow]:
    held = _held_meetings({a.cell_id for a in assignments}, start, end)
    attended = _attended([pk for pk, _c, _d in held], {a.member_id for a in assignments})
    rows = []
    for a in assignments:
        mine = [
            pk
            for pk, cell_id, day in held
            if cell_id == a.cell_id
            and a.start_date <= day
            and (a.end_date is None or day < a.end_date)
        ]
        rows.append(AssignmentRow(a, len(mine), sum((pk, a.member_id) in attended for pk in mine)))
    return rows


def _overseers(user: Any, root: Organization) -> QuerySet[Member]:
    """Members of a BCH/BTV at ``root`` or above it: who may be assigned to its cells."""
    positions = Position.objects.filter(
        committee__organization_id__in=ancestor_ids(root.path),
        committee__body__in=[Body.EXECUTIVE, Body.STANDING],
        committee__ended_on__isnull=True,
        end_date__isnull=True,
    )
    return Member.objects.filter(
        scope.visibility_q(user, Member), pk__in=Subquery(positions.values("member_id"))
    ).name_ordered()


def _oversight_form(user: Any, root: Organization, data: Any = None) -> OversightForm | None:
    if not scope.can_in_subtree(user, scope.DEFAULT_EDIT_ROLES, root.path):
        return None
    cells = Organization.objects.cells().subtree(root).filter(ended_on__isnull=True)
    bounded = cells.filter(pk__in=Subquery(cells.order_by("path").values("pk")[:CHOICES_LIMIT]))
    return OversightForm(data, members=_overseers(user, root), cells=bounded.order_by("path"))


@login_required
def oversight(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    context = _base(request)
    root, year = context["root"], context["year"]
    form = _oversight_form(user, root) if root else None
    if request.method == "POST":
        if root is None or form is None:
            raise PermissionDenied
        form = _oversight_form(user, root, request.POST)
        if form is not None and form.is_valid():
            try:
                services.assign_oversight(user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Đã phân công dự sinh hoạt."))
                return redirect(request.get_full_path())
    context["form"] = form
    if root is not None:
        start, end = date(year, 1, 1), date(year, 12, 31)
        assignments = list(
            OversightAssignment.objects.visible_to(user)
            .filter(scope.subtree_q("org_path", root.path), start_date__lte=end)
            .filter(Q(end_date__isnull=True) | Q(end_date__gt=start))
            .select_related("member", "cell")
            .order_by("member__sort_key", "member_id", "cell__path", "start_date")[
                :ASSIGNMENTS_SHOWN
            ]
        )
        rows = _assignment_rows(assignments, start, end)
        context["groups"] = [
            (member, list(items))
            for member, items in groupby(rows, key=lambda r: r.assignment.member)
        ]
        context["may_end"] = form is not None
    return render(request, "meetings/oversight.html", context)


@login_required
@require_POST
def end_oversight(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    assignment = scope.for_user(
        user, OversightAssignment.objects.select_related("cell"), pk, scope.EDIT
    )
    form = EndOversightForm(request.POST)
    if form.is_valid():
        try:
            services.end_oversight(user, assignment, form.cleaned_data["end_date"])
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Đã kết thúc phân công."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    root = request.POST.get("organization", "")
    query = f"?organization={root}" if root.isdigit() else ""
    return redirect(reverse("meetings:oversight") + query)
