"""Badge pages: members due at an award date, and recording an award.

Thin views (STYLE.md): find the object for this user (404 out of scope, 403 when
the role may not write), call ``members.badges``, render.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from dangvu.core import scope
from dangvu.core.forms import DATE_INPUT_FORMATS
from dangvu.members import badge_rules, badges
from dangvu.members.badge_forms import BadgeAwardForm
from dangvu.members.models import Member
from dangvu.organizations.models import Organization

# Roles that read the list of badges due (a plain member reads only their own profile).
READER_ROLES = frozenset({"viewer", "cell_secretary", "staff", "leader"})
AWARD_DATES_OFFERED = 4


def parse_day(raw: str) -> date | None:
    for pattern in DATE_INPUT_FORMATS:
        try:
            day = datetime.strptime(raw.strip(), pattern).date()
        except ValueError:
            continue
        return day if day.year >= 1900 else None
    return None


def root_for(request: HttpRequest) -> Organization | None:
    """The organisation asked for (404 if unknown or out of scope, 403 if not a reader)."""
    raw = request.GET.get("organization", "")
    if not raw:
        return None
    try:
        pk = int(raw)
    except ValueError as exc:
        raise Http404 from exc
    root = Organization.objects.visible_to(request.user).filter(pk=pk).first()
    if root is None:
        raise Http404
    if not scope.can_in_subtree(request.user, READER_ROLES, root.path):
        raise PermissionDenied
    return root


def award_date_for(request: HttpRequest, today: date) -> tuple[date, str | None]:
    """The award date asked for, or the next one with a message when it is not a date."""
    default = badge_rules.next_award_date(today)
    raw = request.GET.get("other_date", "").strip() or request.GET.get("award_date", "").strip()
    if not raw:
        return default, None
    day = parse_day(raw)
    if day is None:
        return default, _(
            "Ngày trao không hợp lệ (nhập theo dạng dd/mm/yyyy); đang xem ngày %(day)s."
        ) % {"day": default.strftime("%d/%m/%Y")}
    return day, None


def may_record(user: Any, root: Organization | None) -> bool:
    """Whether to show the record buttons (the form checks each member again)."""
    if root is not None:
        return scope.can_in_subtree(user, scope.DEFAULT_EDIT_ROLES, root.path)
    return user.is_superuser or any(g.role in scope.DEFAULT_EDIT_ROLES for g in scope.grants(user))


@login_required
def due(request: HttpRequest) -> HttpResponse:
    """Members of an organisation's subtree due a badge at an award date."""
    user: Any = request.user
    root = root_for(request)
    today = date.today()
    award_date, problem = award_date_for(request, today)
    if problem:
        messages.warning(request, problem)
    context = {
        "rows": badges.due_badges(user, root, award_date),
        "root": root,
        "award_date": award_date,
        "is_award_date": badge_rules.is_award_date(award_date),
        "offered": badge_rules.next_award_dates(today, AWARD_DATES_OFFERED),
        "may_record": may_record(user, root),
    }
    return render(request, "members/badges/due.html", context)


def _milestone(request: HttpRequest) -> int | None:
    raw = request.GET.get("milestone", "")
    return int(raw) if raw.isdigit() and int(raw) in badge_rules.MILESTONES else None


@login_required
def create(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a badge awarded to a member (staff), through ``record_badge_award``."""
    member = scope.for_user(
        request.user, Member.objects.select_related("cell"), pk, action=scope.EDIT
    )
    initial = {
        "milestone": _milestone(request),
        "award_date": badge_rules.next_award_date(date.today()),
    }
    form = BadgeAwardForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            award = badges.record_badge_award(member, actor=request.user, **form.service_kwargs())
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(
                request,
                _("Đã ghi nhận Huy hiệu %(milestone)s năm tuổi Đảng.")
                % {"milestone": award.milestone},
            )
            return redirect("members:detail", pk=member.pk)
    title = _("Ghi nhận huy hiệu Đảng")
    return render(
        request, "members/member_action_form.html", {"form": form, "member": member, "title": title}
    )
