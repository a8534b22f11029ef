"""The calendar: upcoming meetings of the user, and their iCalendar feed behind a token.

The feed needs no login — a phone calendar cannot log in — so the token in its
URL is the secret: unknown or revoked is 404, and the feed shows exactly what
the token's user may see (``Meeting.objects.visible_to``), from a month back to
a year ahead (issue 5, calendar).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dangvu.accounts.entry import may_enter
from dangvu.meetings import calendar, services
from dangvu.meetings.choices import Status
from dangvu.meetings.models import CalendarToken, Meeting

UPCOMING_SHOWN = 50
FEED_PAST_DAYS = 31
FEED_FUTURE_DAYS = 366
# A feed larger than this is of no use on a phone; the nearest meetings are kept.
FEED_LIMIT = 2000


def _current_token(user: Any) -> CalendarToken | None:
    return CalendarToken.objects.filter(user=user, revoked_at__isnull=True).first()


@login_required
def calendar_page(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    today = timezone.localdate()
    upcoming = (
        Meeting.objects.visible_to(user)
        .filter(date__gte=today)
        .select_related("organization")
        .order_by("date", "start_time", "id")[:UPCOMING_SHOWN]
    )
    token = _current_token(user)
    feed_url = (
        request.build_absolute_uri(reverse("meetings:calendar_feed", args=[token.token]))
        if token
        else ""
    )
    context = {
        "upcoming": list(upcoming),
        "token": token,
        "feed_url": feed_url,
        # webcal:// makes a phone open its calendar app and subscribe to the feed.
        "webcal_url": "webcal" + feed_url[feed_url.index(":") :] if feed_url else "",
        "today": today,
    }
    return render(request, "meetings/calendar.html", context)


@login_required
@require_POST
def calendar_token(request: HttpRequest) -> HttpResponse:
    services.issue_calendar_token(request.user)
    messages.success(request, _("Đã tạo đường dẫn lịch mới; đường dẫn cũ không còn dùng được."))
    return redirect("meetings:calendar")


@login_required
@require_POST
def calendar_revoke(request: HttpRequest) -> HttpResponse:
    token = _current_token(request.user)
    if token is not None:
        services.revoke_calendar_token(request.user, token)
        messages.success(request, _("Đã thu hồi đường dẫn lịch."))
    return redirect("meetings:calendar")


def _event(request: HttpRequest, meeting: Meeting) -> calendar.Event:
    return calendar.Event(
        uid=calendar.meeting_uid(meeting.pk),
        day=meeting.date,
        start=meeting.start_time,
        summary=f"{meeting} — {meeting.organization.name}",
        location=meeting.place,
        description="\n".join(filter(None, [meeting.get_kind_display(), meeting.agenda])),
        url=request.build_absolute_uri(reverse("meetings:detail", args=[meeting.pk])),
        cancelled=meeting.status == Status.CANCELLED,
    )


def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    found = (
        CalendarToken.objects.select_related("user")
        .filter(token=token, revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    # A demo account's feed is closed outside demo mode like its other ways in.
    if found is None or not may_enter(found.user):
        raise Http404
    today = timezone.localdate()
    meetings = (
        Meeting.objects.visible_to(found.user)
        .filter(
            date__gte=today - timedelta(days=FEED_PAST_DAYS),
            date__lte=today + timedelta(days=FEED_FUTURE_DAYS),
        )
        .select_related("organization")
        .order_by("date", "id")[:FEED_LIMIT]
    )
    text = calendar.render(
        [_event(request, m) for m in meetings],
        name=_("Lịch sinh hoạt đảng"),
        stamp=timezone.now(),
    )
    response = HttpResponse(text.encode("utf-8"), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="lich-sinh-hoat.ics"'
    return response
