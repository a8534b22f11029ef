"""Meeting pages: the list, this month of a cell, the form, the meeting and its actions.

Thin views (STYLE.md): every read starts from ``visible_to``/``for_user``, every
write goes through ``meetings.services``, and the templates only display. The
attendance page is in ``views_attendance``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet, Subquery
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dangvu.core import files, scope
from dangvu.core.docx_layout import docx_response
from dangvu.core.downloads import logged_download
from dangvu.core.forms import (
    add_service_errors,
    carry_version,
    form_status,
    unchanged_since_opened,
)
from dangvu.core.paging import COUNT_LIMIT, MAX_PAGE, PAGE_SIZE, BoundedPage, bounded_page
from dangvu.meetings import documents, services
from dangvu.meetings.choices import AttendanceState, Kind, Status
from dangvu.meetings.forms import (
    ApproveForm,
    CancelForm,
    FileForm,
    GuestForm,
    MeetingFilterForm,
    MeetingForm,
    OpinionForm,
    ResolutionForm,
)
from dangvu.meetings.models import MEETING_EDIT_ROLES, Attendance, Meeting, MeetingFile
from dangvu.members.models import Member
from dangvu.organizations.models import Organization

# Choices longer than this are useless in a select; the page asks to narrow down.
CHOICES_LIMIT = 300
MEMBER_CHOICES_LIMIT = 1000
UPCOMING_SHOWN = 5


# ---------------------------------------------------------------------------
# Shared helpers


def month_start(day: date) -> date:
    return day.replace(day=1)


def month_end(day: date) -> date:
    following = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return following - timedelta(days=1)


def editable_q(user: Any, field: str) -> Q:
    """Rows under an organisation where the user may plan and record meetings."""
    if user.is_superuser:
        return Q()
    query = Q(pk__in=[])
    for grant in scope.grants(user):
        if grant.role in MEETING_EDIT_ROLES:
            query |= scope.subtree_q(field, grant.path)
    return query


def may_edit_somewhere(user: Any) -> bool:
    return bool(user.is_superuser) or any(g.role in MEETING_EDIT_ROLES for g in scope.grants(user))


def editable_organizations(user: Any) -> QuerySet[Organization]:
    return Organization.objects.filter(editable_q(user, "path"), ended_on__isnull=True).order_by(
        "path"
    )


def pick_root(request: HttpRequest) -> Organization | None:
    """The organisation a report is about: ``?organization=<id>``, else the top of the scope."""
    user: Any = request.user
    visible = Organization.objects.visible_to(user)
    org_id = request.GET.get("organization", "")
    if org_id:
        try:
            return visible.get(pk=int(org_id))
        except (ValueError, OverflowError, Organization.DoesNotExist) as exc:
            raise Http404 from exc
    if user.is_superuser:
        return visible.order_by("path").first()
    tops = [g.organization_id for g in scope.grants(user)]
    return visible.filter(pk__in=tops).order_by("path").first()


def organization_choices(user: Any) -> list[Organization]:
    """The organisations a report may be about: the non-cell ones in scope, bounded."""
    return list(
        Organization.objects.visible_to(user)
        .exclude(Q(level="cell") | Q(level="grassroots", is_cell=True))
        .only("pk", "name", "path")
        .order_by("path")[:CHOICES_LIMIT]
    )


def meeting_for(request: HttpRequest, pk: int, action: str = scope.VIEW) -> Meeting:
    queryset = Meeting.objects.select_related("organization__parent", "chair", "secretary")
    meeting: Meeting = scope.for_user(request.user, queryset, pk, action)
    return meeting


def _members_for(user: Any, organization: Organization) -> QuerySet[Member]:
    """Who may chair or record a meeting of ``organization``: its active members, bounded."""
    members = Member.objects.active().filter(
        scope.visibility_q(user, Member), scope.subtree_q("org_path", organization.path)
    )
    first = members.name_ordered().values("pk")[:MEMBER_CHOICES_LIMIT]
    return Member.objects.filter(pk__in=Subquery(first)).name_ordered()


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError, OverflowError):
        return None


# ---------------------------------------------------------------------------
# The list


def _list_page(meetings: QuerySet[Meeting], number: int) -> BoundedPage:
    return bounded_page(meetings, number, PAGE_SIZE, COUNT_LIMIT)


def _filtered(meetings: QuerySet[Meeting], data: dict[str, Any]) -> QuerySet[Meeting]:
    if data.get("kind"):
        meetings = meetings.filter(kind=data["kind"])
    if data.get("status"):
        meetings = meetings.filter(status=data["status"])
    if data.get("month"):
        meetings = meetings.filter(date__gte=data["month"], date__lte=month_end(data["month"]))
    return meetings


@login_required
def meeting_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    root = pick_root(request) if request.GET.get("organization") else None
    meetings: QuerySet[Meeting] = Meeting.objects.visible_to(user)
    if root is not None:
        meetings = meetings.filter(scope.subtree_q("org_path", root.path))
    form = MeetingFilterForm(request.GET)
    valid = form.is_valid()
    meetings = _filtered(meetings, form.cleaned_data) if valid else Meeting.objects.none()
    meetings = meetings.select_related("organization").order_by("-date", "-id")
    page = min(MAX_PAGE, max(1, _int(request.GET.get("page")) or 1))
    context = {
        "page": _list_page(meetings, page),
        "form": form,
        "root": root,
        "organizations": organization_choices(user),
        "may_create": may_edit_somewhere(user),
    }
    return render(request, "meetings/list.html", context)


# ---------------------------------------------------------------------------
# This month of a cell


def _own_cell(request: HttpRequest) -> Organization | None:
    """The cell the page is about: ``?cell=<code>``, the secretary's cell, the member's cell."""
    user: Any = request.user
    cells = Organization.objects.cells().visible_to(user).select_related("parent")
    code = request.GET.get("cell", "")
    if code:
        found = cells.filter(code=code).first()
        if found is None:
            raise Http404
        return found
    secretary_of = [g.organization_id for g in scope.grants(user) if g.role == "cell_secretary"]
    if secretary_of:
        return cells.filter(pk__in=secretary_of).order_by("path").first()
    if user.member_id:
        return cells.filter(members__pk=user.member_id).first()
    return None


@login_required
def this_month(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    today = timezone.localdate()
    cell = _own_cell(request)
    context: dict[str, Any] = {"cell": cell, "today": today, "month": month_start(today)}
    if cell is None:
        # Staff of a committee hold no cell of their own: their page is the list.
        return redirect("meetings:list")
    meetings = Meeting.objects.filter(organization=cell).select_related("organization")
    this = list(meetings.filter(date__gte=month_start(today), date__lte=month_end(today)))
    this.sort(key=lambda m: (m.date, m.pk))
    upcoming = meetings.filter(date__gt=month_end(today)).order_by("date", "id")
    may_edit = scope.can_in_subtree(user, MEETING_EDIT_ROLES, cell.path)
    has_regular = any(m.kind == Kind.REGULAR and m.status != Status.CANCELLED for m in this)
    context.update(
        {
            "meetings": this,
            "upcoming": list(upcoming[:UPCOMING_SHOWN]),
            "may_edit": may_edit,
            "open_states": (Status.PLANNED, Status.HELD),
            "offer_regular": may_edit and not has_regular,
        }
    )
    return render(request, "meetings/this_month.html", context)


# ---------------------------------------------------------------------------
# Creating and editing


def _create_target(request: HttpRequest, organizations: QuerySet[Organization]) -> Any:
    """The organisation the form is for: posted, or ``?organization=<code>``, or the only one."""
    posted = _int(request.POST.get("organization")) if request.method == "POST" else None
    if posted is not None:
        return organizations.filter(pk=posted).first()
    code = request.GET.get("organization", "")
    if code:
        return organizations.filter(code=code).first()
    only = list(organizations[:2])
    return only[0] if len(only) == 1 else None


def _create_initial(request: HttpRequest, target: Organization | None) -> dict[str, Any]:
    kind = request.GET.get("kind", "")
    initial: dict[str, Any] = {"organization": target, "kind": kind or Kind.REGULAR}
    if request.GET.get("date"):
        initial["date"] = request.GET["date"]
    return initial


@login_required
def create(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if not may_edit_somewhere(user):
        raise PermissionDenied
    organizations = editable_organizations(user)
    target = _create_target(request, organizations)
    members = _members_for(user, target) if target else Member.objects.none()
    choices = organizations.filter(pk__in=Subquery(organizations.values("pk")[:CHOICES_LIMIT]))
    if request.method == "POST":
        form = MeetingForm(request.POST, organizations=choices, members=members)
        if form.is_valid():
            fields = form.meeting_fields()
            try:
                meeting = services.create_meeting(
                    user,
                    organization=form.cleaned_data["organization"],
                    kind=fields.pop("kind"),
                    date=fields.pop("date"),
                    **fields,
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Đã lập kỳ họp “%(title)s”.") % {"title": meeting})
                return redirect("meetings:detail", pk=meeting.pk)
    else:
        initial = _create_initial(request, target)
        form = MeetingForm(initial=initial, organizations=choices, members=members)
    context = {"form": form, "meeting": None, "target": target}
    return render(request, "meetings/form.html", context)


@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    meeting = meeting_for(request, pk, scope.EDIT)
    members = _members_for(user, meeting.organization)
    if request.method == "POST":
        form = MeetingForm(request.POST, organizations=None, members=members)
        carry_version(form, meeting)
        if form.is_valid():
            try:
                with unchanged_since_opened(form, meeting):
                    services.update_meeting(user, meeting, **form.meeting_fields())
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Đã lưu kỳ họp."))
                return redirect("meetings:detail", pk=meeting.pk)
    else:
        initial = {name: getattr(meeting, name) for name in MeetingForm.base_fields}
        form = MeetingForm(initial=initial, organizations=None, members=members)
        carry_version(form, meeting)
    context = {"form": form, "meeting": meeting, "target": meeting.organization}
    return render(request, "meetings/form.html", context, status=form_status(form))


# ---------------------------------------------------------------------------
# The meeting


def is_open(meeting: Meeting) -> bool:
    return meeting.status not in (Status.APPROVED, Status.CANCELLED)


def _detail_context(request: HttpRequest, meeting: Meeting) -> dict[str, Any]:
    user: Any = request.user
    may_edit = scope.can(user, scope.EDIT, meeting)
    open_ = is_open(meeting)
    today = timezone.localdate()
    rows = Attendance.objects.visible_to(user).filter(meeting=meeting).select_related("member")
    rows = rows.order_by("member__sort_key", "member__birth_date", "id")
    writable = may_edit and open_
    return {
        "meeting": meeting,
        "rows": list(rows),
        "guests": list(meeting.guests.all()),
        "opinions": list(meeting.opinions.all()),
        "resolutions": list(meeting.resolutions.all()),
        "files": list(meeting.files.all()),
        "cancel_reason": services.cancel_reason(meeting),
        "may_edit": writable,
        "may_take_attendance": writable
        and meeting.date <= today
        and meeting.organization.is_member_unit,
        "may_mark_held": writable
        and meeting.status == Status.PLANNED
        and meeting.date <= today
        and not meeting.organization.is_member_unit,
        "may_approve": may_edit and meeting.status == Status.HELD,
        "may_hand_off": may_edit,
        "may_cancel": writable and not meeting.attendance_taken,
        "approve_form": ApproveForm(initial={"approved_on": today}),
        "cancel_form": CancelForm(),
        "guest_form": GuestForm(),
        "opinion_form": OpinionForm(),
        "resolution_form": ResolutionForm(),
        "file_form": FileForm(),
        "states": AttendanceState,
    }


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_for(request, pk)
    return render(request, "meetings/detail.html", _detail_context(request, meeting))


def _done(request: HttpRequest, meeting: Meeting, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect("meetings:detail", pk=meeting.pk)


def _refused(request: HttpRequest, meeting: Meeting, errors: list[str]) -> HttpResponse:
    for error in errors:
        messages.error(request, error)
    return redirect("meetings:detail", pk=meeting.pk)


def _form_errors(form: Any) -> list[str]:
    return [str(e) for errors in form.errors.values() for e in errors]


def _form_action(
    request: HttpRequest,
    pk: int,
    form_class: type[forms.Form] | None,
    act: Callable[[Meeting, dict[str, Any]], Any],
    done: Callable[[Any], str],
) -> HttpResponse:
    """A write on a meeting from its page: the form, the service, a message, back to it."""
    meeting = meeting_for(request, pk, scope.EDIT)
    data: dict[str, Any] = {}
    if form_class is not None:
        form = form_class(request.POST, request.FILES)
        if not form.is_valid():
            return _refused(request, meeting, _form_errors(form))
        data = form.cleaned_data
    try:
        outcome = act(meeting, data)
    except ValidationError as exc:
        return _refused(request, meeting, exc.messages)
    return _done(request, meeting, done(outcome))


@login_required
@require_POST
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    return _form_action(
        request, pk, ApproveForm,
        lambda meeting, data: services.approve_minutes(request.user, meeting, data["approved_on"]),
        lambda _outcome: _("Đã duyệt biên bản; kỳ họp đã khóa."),
    )  # fmt: skip


@login_required
@require_POST
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    return _form_action(
        request, pk, CancelForm,
        lambda meeting, data: services.cancel_meeting(request.user, meeting, data["reason"]),
        lambda _outcome: _("Đã hủy kỳ họp."),
    )  # fmt: skip


@login_required
@require_POST
def mark_held(request: HttpRequest, pk: int) -> HttpResponse:
    return _form_action(
        request, pk, None,
        lambda meeting, _data: services.mark_held(request.user, meeting),
        lambda _outcome: _("Đã ghi nhận kỳ họp đã diễn ra."),
    )  # fmt: skip


@login_required
@require_POST
def add_guest(request: HttpRequest, pk: int) -> HttpResponse:
    return _form_action(
        request, pk, GuestForm,
        lambda meeting, data: services.add_guest(request.user, meeting, **data),
        lambda guest: _("Đã thêm khách mời %(name)s.") % {"name": guest.name},
    )  # fmt: skip


@login_required
@require_POST
def add_opinion(request: HttpRequest, pk: int) -> HttpResponse:
    return _form_action(
        request, pk, OpinionForm,
        lambda meeting, data: services.add_opinion(request.user, meeting, **data),
        lambda _outcome: _("Đã ghi ý kiến."),
    )  # fmt: skip


@login_required
@require_POST
def add_resolution(request: HttpRequest, pk: int) -> HttpResponse:
    return _form_action(
        request, pk, ResolutionForm,
        lambda meeting, data: services.add_resolution(request.user, meeting, **data),
        lambda _outcome: _("Đã ghi nghị quyết, kết luận."),
    )  # fmt: skip


@login_required
@require_POST
def hand_off(request: HttpRequest, pk: int, resolution_pk: int) -> HttpResponse:
    meeting = meeting_for(request, pk, scope.EDIT)
    resolution = meeting.resolutions.filter(pk=resolution_pk).first()
    if resolution is None:
        raise Http404
    try:
        reference = services.hand_off_resolution(request.user, resolution)
    except ValidationError as exc:
        return _refused(request, meeting, exc.messages)
    return _done(request, meeting, _("Đã giao việc: %(ref)s.") % {"ref": reference})


@login_required
@require_POST
def upload_file(request: HttpRequest, pk: int) -> HttpResponse:
    return _form_action(
        request, pk, FileForm,
        lambda meeting, data: services.attach_file(request.user, meeting, **data),
        lambda attached: _("Đã tải lên “%(title)s”.") % {"title": attached.title},
    )  # fmt: skip


@login_required
def download_file(request: HttpRequest, pk: int, file_pk: int) -> FileResponse:
    meeting = meeting_for(request, pk)
    return files.download(MeetingFile.objects.filter(meeting=meeting, pk=file_pk).first())


@login_required
def minutes_docx(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_for(request, pk)
    filename = documents.filename(meeting)
    return logged_download(
        request,
        docx_response(documents.minutes(meeting), filename),
        what=_("biên bản sinh hoạt"),
        org_path=meeting.org_path,
        organization=meeting.organization,
        filename=filename,
    )
