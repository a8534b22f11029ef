"""The home page and the access log."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from dangvu.accounts.choices import Role
from dangvu.core import deadlines, scope
from dangvu.core.forms import AccessLogFilterForm
from dangvu.core.models import AccessLog
from dangvu.members.models import Member
from dangvu.organizations.models import Organization
from dangvu.organizations.stats import stats_for

# The home page shows the numbers of at most this many organisations.
HOME_ROOTS_LIMIT = 12
ACCESS_LOG_PAGE_SIZE = 50
# A page number past this is a typo or a probe; the database must not see it.
MAX_PAGE = 100_000
LOG_READER_ROLES = frozenset({"staff", "leader"})


@dataclass
class RootCard:
    """One organisation where the user holds a role, with its headline numbers."""

    organization: Organization
    roles: list[str]
    stats: dict[str, Any] | None


def _role_roots(user: Any) -> dict[int, list[str]]:
    """The organisations where the user holds a role, with the role labels held there."""
    labels = dict(Role.choices)
    roots: dict[int, list[str]] = {}
    for grant in scope.grants(user):
        roots.setdefault(grant.organization_id, []).append(str(labels.get(grant.role, grant.role)))
    return roots


def _root_cards(user: Any, today: date) -> list[RootCard]:
    roots = _role_roots(user)
    if roots:
        orgs = Organization.objects.filter(pk__in=list(roots)[:HOME_ROOTS_LIMIT])
    elif user.is_superuser:
        orgs = Organization.objects.filter(parent__isnull=True)[:HOME_ROOTS_LIMIT]
    else:
        return []
    with_numbers = {g.organization_id for g in scope.grants(user) if g.role != "member"}
    cards = []
    for org in orgs:
        stats = stats_for(user, org, today) if org.pk in with_numbers or not roots else None
        cards.append(RootCard(org, roots.get(org.pk, []), stats))
    return cards


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    today = timezone.localdate()
    own: Member | None = None
    if user.member_id:
        own = Member.objects.select_related("cell").filter(pk=user.member_id).first()
    cards = _root_cards(user, today)
    # The "Việc cần làm" card: what is due in the next days, for those who act on it.
    todo = deadlines.inbox(user, None, today) if any(card.stats for card in cards) else None
    context = {"cards": cards, "own": own, "today": today, "todo": todo}
    return render(request, "core/home.html", context)


def _reads_access_log(user: Any) -> bool:
    return bool(user.is_superuser) or any(
        grant.role in LOG_READER_ROLES for grant in scope.grants(user)
    )


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _filtered_log(user: Any, form: AccessLogFilterForm) -> Any:
    rows = AccessLog.objects.visible_to(user).select_related("user", "member", "organization")
    if not form.is_valid():
        return rows
    data = form.cleaned_data
    if data.get("date_from"):
        rows = rows.filter(at__gte=_day_start(data["date_from"]))
    if data.get("date_to"):
        rows = rows.filter(at__lt=_day_start(data["date_to"] + timedelta(days=1)))
    if data.get("action"):
        rows = rows.filter(action=data["action"])
    return rows


def _page_number(request: HttpRequest) -> int:
    try:
        return min(max(1, int(request.GET.get("page", "1"))), MAX_PAGE)
    except ValueError:
        return 1


@login_required
def access_log(request: HttpRequest) -> HttpResponse:
    """Reads of profiles and exports in the user's subtree (staff and leaders only).

    The page fetches one row more than it shows to know whether a next page
    exists, so the log is never counted in full.
    """
    if not _reads_access_log(request.user):
        raise PermissionDenied
    form = AccessLogFilterForm(request.GET or None)
    number = _page_number(request)
    offset = (number - 1) * ACCESS_LOG_PAGE_SIZE
    rows = list(_filtered_log(request.user, form)[offset : offset + ACCESS_LOG_PAGE_SIZE + 1])
    context = {
        "form": form,
        "rows": rows[:ACCESS_LOG_PAGE_SIZE],
        "page_number": number,
        "has_next": len(rows) > ACCESS_LOG_PAGE_SIZE,
        "has_previous": number > 1,
    }
    return render(request, "core/access_log.html", context)
