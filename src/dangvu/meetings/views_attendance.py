"""Taking attendance: the page made for a phone, and the form it posts.

The same form serves a browser without script (radio buttons, a redirect after
saving) and ``attendance.js`` (``Accept: application/json``: an answer in JSON
that echoes the submission's idempotency key). Re-sending the same marks is
safe: ``services.record_attendance`` is an upsert per member.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from dangvu.core import scope
from dangvu.core.forms import add_service_errors
from dangvu.meetings import attendance, documents, services
from dangvu.meetings.forms import AttendanceForm, initial_marks
from dangvu.meetings.models import Attendance, Meeting
from dangvu.meetings.views import is_open, meeting_for


def _summary(meeting: Meeting) -> dict[str, Any]:
    return {
        "expected": meeting.expected_count,
        "present": meeting.present_count,
        "excused": meeting.excused_count,
        "absent": meeting.absent_count,
        "rate": documents.percent(meeting.attendance_rate),
    }


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _attendance_saved(request: HttpRequest, meeting: Meeting, key: Any) -> HttpResponse:
    summary = _summary(meeting)
    message = _("Đã điểm danh: %(present)s/%(expected)s có mặt (%(rate)s).") % summary
    url = reverse("meetings:detail", args=[meeting.pk])
    # Shown on the meeting's page, where both the script and a plain form land.
    messages.success(request, message)
    if _wants_json(request):
        return JsonResponse(
            {"ok": True, "key": str(key or ""), "message": message, "redirect": url, **summary}
        )
    return redirect(url)


def _attendance_refused(
    request: HttpRequest, meeting: Meeting, form: AttendanceForm
) -> HttpResponse:
    if _wants_json(request):
        errors = [str(e) for errs in form.errors.values() for e in errs]
        return JsonResponse({"ok": False, "errors": errors}, status=400)
    return _attendance_page(request, meeting, form)


def _attendance_page(request: HttpRequest, meeting: Meeting, form: AttendanceForm) -> HttpResponse:
    today = timezone.localdate()
    context = {
        "meeting": meeting,
        "form": form,
        "rows": [
            (row, form[f"state_{row.member.pk}"], form[f"reason_{row.member.pk}"])
            for row in form.rows
        ],
        "expected_total": sum(1 for row in form.rows if row.expected),
        "too_early": meeting.date > today,
        "closed": not is_open(meeting),
        "summary": _summary(meeting),
    }
    return render(request, "meetings/attendance.html", context)


@login_required
def take_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_for(request, pk, scope.EDIT)
    rows = attendance.roster(meeting.organization, meeting.date)
    if request.method != "POST":
        marks = initial_marks(Attendance.objects.filter(meeting=meeting))
        return _attendance_page(request, meeting, AttendanceForm(initial=marks, rows=rows))
    form = AttendanceForm(request.POST, rows=rows)
    if not form.is_valid():
        return _attendance_refused(request, meeting, form)
    try:
        meeting = services.record_attendance(request.user, meeting, form.entries())
    except ValidationError as exc:
        add_service_errors(form, exc)
        return _attendance_refused(request, meeting, form)
    return _attendance_saved(request, meeting, form.cleaned_data.get("key"))
