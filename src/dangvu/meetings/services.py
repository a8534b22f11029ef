"""Every write of meetings goes through here (ARCHITECTURE.md, rule 1).

A meeting is planned (``create_meeting``), held (``record_attendance`` moves it
from planned to held), and closed when its minutes are approved
(``approve_minutes``); a closed or cancelled meeting takes no more writes.
Each function checks the user's edit right on the meeting's organisation
(``scope``: staff of the subtree, the cell's secretary), checks everything
first and raises one Vietnamese ``ValidationError`` with nothing written.
Attendance is written by ``services_attendance``, oversight assignments and
calendar tokens by ``services_oversight``; both are re-exported here, so
callers use ``meetings.services`` only. Rules chosen here are recorded in
docs/decisions/0006-meetings-attendance.md.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from dangvu.core import scope
from dangvu.core.files import check_upload
from dangvu.core.services import add_error, raise_if, save_as
from dangvu.core.text import fold
from dangvu.meetings.choices import (
    GuestKind,
    Kind,
    ReviewPeriod,
    Status,
    Topic,
)
from dangvu.meetings.models import (
    MEETING_EDIT_ROLES,
    Guest,
    Meeting,
    MeetingFile,
    Opinion,
    Resolution,
)
from dangvu.meetings.services_attendance import (
    check_held_by,
    check_open,
    fmt_day,
    today_or,
)
from dangvu.meetings.services_attendance import record_attendance as record_attendance
from dangvu.meetings.services_attendance import require_edit as require_edit
from dangvu.meetings.services_oversight import assign_oversight as assign_oversight
from dangvu.meetings.services_oversight import end_oversight as end_oversight
from dangvu.meetings.services_oversight import issue_calendar_token as issue_calendar_token
from dangvu.meetings.services_oversight import revoke_calendar_token as revoke_calendar_token
from dangvu.members.models import Member
from dangvu.organizations.models import Organization

Errors = dict[str, list[str]]

# The fields a meeting's form may set besides organisation, kind and date.
MEETING_FIELDS = (
    "topic",
    "topic_text",
    "review_period",
    "review_number",
    "title",
    "start_time",
    "place",
    "chair",
    "secretary",
    "agenda",
    "documents_studied",
    "opening",
    "content",
    "conclusion",
)
TEXT_LIMITS = {"topic_text": 255, "title": 255, "place": 255}
# Kinds held by cells only: they make the attendance rate and the compliance.
CELL_ONLY_KINDS = frozenset({Kind.REGULAR, Kind.THEMATIC})
# How many quarters / halves a year has, for a review conference's number.
REVIEW_NUMBERS: dict[str, int] = {ReviewPeriod.QUARTER: 4, ReviewPeriod.HALF_YEAR: 2}
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


# ---------------------------------------------------------------------------
# Access


def _require_edit_at(user: Any, organization: Organization) -> None:
    if not (
        getattr(user, "is_authenticated", False)
        and scope.can_in_subtree(user, MEETING_EDIT_ROLES, organization.path)
    ):
        raise PermissionDenied


# ---------------------------------------------------------------------------
# Planning and editing a meeting


def _clean_fields(fields: Mapping[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - set(MEETING_FIELDS)
    if unknown:
        raise ValueError(f"unknown meeting fields: {sorted(unknown)}")
    cleaned: dict[str, Any] = {}
    for name, value in fields.items():
        if isinstance(value, str):
            value = value.strip()
        if name in ("topic", "review_period") and value is None:
            value = ""
        cleaned[name] = value
    return cleaned


def _check_kind(values: dict[str, Any], organization: Organization, errors: Errors) -> None:
    kind = values["kind"]
    if kind not in Kind.values:
        add_error(errors, "kind", _("Loại cuộc họp không hợp lệ."))
        return
    if kind in CELL_ONLY_KINDS and not organization.is_member_unit:
        add_error(
            errors,
            "kind",
            _("Sinh hoạt thường kỳ và chuyên đề là của chi bộ; %(org)s không phải chi bộ.")
            % {"org": organization.name},
        )
    _check_topic(values, errors)
    _check_review(values, errors)


def _check_topic(values: dict[str, Any], errors: Errors) -> None:
    if values["kind"] != Kind.THEMATIC:
        values["topic"], values["topic_text"] = "", ""
        return
    topic = values.get("topic") or ""
    if topic not in Topic.values:
        add_error(errors, "topic", _("Sinh hoạt chuyên đề phải chọn chủ đề."))
    elif topic == Topic.OTHER and not values.get("topic_text"):
        add_error(errors, "topic_text", _("Ghi nội dung chủ đề sinh hoạt chuyên đề."))


def _check_review(values: dict[str, Any], errors: Errors) -> None:
    if values["kind"] != Kind.REVIEW:
        values["review_period"], values["review_number"] = "", None
        return
    period = values.get("review_period") or ""
    number = values.get("review_number")
    if period not in ReviewPeriod.values:
        add_error(errors, "review_period", _("Hội nghị sơ kết, tổng kết phải chọn kỳ."))
    elif period == ReviewPeriod.YEAR:
        values["review_number"] = None
    elif not isinstance(number, int) or not 1 <= number <= REVIEW_NUMBERS[period]:
        message = (
            _("Ghi quý từ 1 đến 4.")
            if period == ReviewPeriod.QUARTER
            else _("Ghi 1 (6 tháng đầu năm) hoặc 2 (6 tháng cuối năm).")
        )
        add_error(errors, "review_number", message)


def _check_date(values: dict[str, Any], organization: Organization, errors: Errors) -> None:
    day = values["date"]
    if not isinstance(day, date):
        add_error(errors, "date", _("Ngày không hợp lệ (dạng dd/mm/yyyy)."))
        return
    if organization.founded_on and day < organization.founded_on:
        add_error(
            errors,
            "date",
            _("Ngày họp trước ngày thành lập %(org)s (%(day)s).")
            % {"org": organization.name, "day": fmt_day(organization.founded_on)},
        )
    if organization.ended_on and day >= organization.ended_on:
        add_error(
            errors,
            "date",
            _("%(org)s đã kết thúc hoạt động từ ngày %(day)s.")
            % {"org": organization.name, "day": fmt_day(organization.ended_on)},
        )


def _check_texts(values: dict[str, Any], errors: Errors) -> None:
    for name, limit in TEXT_LIMITS.items():
        if len(values.get(name) or "") > limit:
            add_error(errors, name, _("Không được dài quá %(n)s ký tự.") % {"n": limit})
    for name in ("chair", "secretary"):
        person = values.get(name)
        if person is not None and not isinstance(person, Member):
            add_error(errors, name, _("Chọn một đảng viên."))


def _check_duplicate(
    values: dict[str, Any], organization: Organization, errors: Errors, pk: int | None
) -> None:
    """One regular meeting a month per cell; no twin of a meeting on the same day."""
    day, kind = values["date"], values["kind"]
    if errors or not isinstance(day, date):
        return
    others = Meeting.objects.filter(organization=organization, kind=kind).exclude(
        status=Status.CANCELLED
    )
    if pk is not None:
        others = others.exclude(pk=pk)
    if kind == Kind.REGULAR:
        clash = others.filter(date__year=day.year, date__month=day.month).first()
        if clash is not None:
            add_error(
                errors,
                "date",
                _("%(org)s đã có kỳ sinh hoạt thường kỳ tháng %(m)s/%(y)s (ngày %(day)s).")
                % {
                    "org": organization.name,
                    "m": day.month,
                    "y": day.year,
                    "day": fmt_day(clash.date),
                },
            )
    elif others.filter(date=day, topic=values.get("topic") or "").exists():
        add_error(
            errors, "date", _("Đã có cuộc họp cùng loại ngày %(day)s.") % {"day": fmt_day(day)}
        )


def default_title(values: Mapping[str, Any]) -> str:
    """The usual title of a meeting, e.g. "Sinh hoạt chi bộ thường kỳ tháng 3/2021"."""
    kind, day = values["kind"], values["date"]
    month = {"m": day.month, "y": day.year}
    if kind == Kind.REGULAR:
        return _("Sinh hoạt chi bộ thường kỳ tháng %(m)s/%(y)s") % month
    if kind == Kind.THEMATIC:
        topic = values.get("topic_text") or str(Topic(values["topic"]).label)
        return _("Sinh hoạt chuyên đề “%(topic)s” tháng %(m)s/%(y)s") % {**month, "topic": topic}
    if kind == Kind.REVIEW:
        return _review_title(values["review_period"], values.get("review_number"), day.year)
    label = Kind(kind).label
    return _("%(kind)s ngày %(day)s") % {"kind": label, "day": fmt_day(day)}


def _review_title(period: str, number: int | None, year: int) -> str:
    if period == ReviewPeriod.QUARTER and number:
        return _("Hội nghị sơ kết quý %(q)s năm %(y)s") % {"q": ROMAN[number], "y": year}
    if period == ReviewPeriod.HALF_YEAR:
        if number == 1:
            return _("Hội nghị sơ kết 6 tháng đầu năm %(y)s") % {"y": year}
        return _("Hội nghị sơ kết 6 tháng cuối năm %(y)s") % {"y": year}
    return _("Hội nghị tổng kết năm %(y)s") % {"y": year}


def _validate(values: dict[str, Any], organization: Organization, pk: int | None) -> None:
    errors: Errors = {}
    _check_date(values, organization, errors)
    _check_kind(values, organization, errors)
    _check_texts(values, errors)
    _check_duplicate(values, organization, errors, pk)
    raise_if(errors)


@transaction.atomic
def create_meeting(
    user: Any, *, organization: Organization, kind: str, date: date, **fields: Any
) -> Meeting:
    """Plan a meeting of ``organization`` (planned); the title defaults from kind and date."""
    _require_edit_at(user, organization)
    values = {"kind": kind, "date": date, **_clean_fields(fields)}
    _validate(values, organization, None)
    if not values.get("title"):
        values["title"] = default_title(values)
    meeting = Meeting(organization=organization, org_path=organization.path, **values)
    save_as(meeting, user)
    return meeting


@transaction.atomic
def update_meeting(user: Any, meeting: Meeting, **fields: Any) -> Meeting:
    """Change the plan or the minutes; kind and date are fixed once attendance is taken."""
    require_edit(user, meeting)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    new_kind = fields.pop("kind", meeting.kind)
    new_date = fields.pop("date", meeting.date)
    errors: Errors = {}
    check_open(meeting, errors)
    if meeting.attendance_taken and (new_kind != meeting.kind or new_date != meeting.date):
        add_error(errors, "date", _("Đã điểm danh: không đổi được loại và ngày họp."))
    raise_if(errors)
    current = {name: getattr(meeting, name) for name in MEETING_FIELDS}
    values = {**current, **_clean_fields(fields), "kind": new_kind, "date": new_date}
    _validate(values, meeting.organization, meeting.pk)
    if not values.get("title"):
        values["title"] = default_title(values)
    for name, value in values.items():
        setattr(meeting, name, value)
    save_as(meeting, user)
    return meeting


# ---------------------------------------------------------------------------
# Closing and cancelling


@transaction.atomic
def approve_minutes(user: Any, meeting: Meeting, on: date, *, today: date | None = None) -> Meeting:
    """Approve the minutes: the meeting is closed to further writes."""
    require_edit(user, meeting)
    meeting = Meeting.objects.select_for_update().select_related("organization").get(pk=meeting.pk)
    errors: Errors = {}
    if meeting.status != Status.HELD:
        add_error(errors, "status", _("Chỉ duyệt biên bản của kỳ họp đã họp."))
    elif meeting.organization.is_member_unit and not meeting.attendance_taken:
        add_error(errors, "status", _("Chưa điểm danh: chưa duyệt được biên bản."))
    if not isinstance(on, date) or on < meeting.date or on > today_or(today):
        add_error(
            errors,
            "approved_on",
            _("Ngày duyệt phải từ ngày họp %(day)s đến hôm nay.") % {"day": fmt_day(meeting.date)},
        )
    raise_if(errors)
    meeting.status = Status.APPROVED
    meeting.approved_on = on
    save_as(meeting, user)
    return meeting


@transaction.atomic
def mark_held(user: Any, meeting: Meeting, *, today: date | None = None) -> Meeting:
    """A meeting without a roster (a committee's briefing or conference) took place."""
    require_edit(user, meeting)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    errors: Errors = {}
    check_open(meeting, errors)
    check_held_by(meeting, today_or(today), errors)
    raise_if(errors)
    if meeting.status == Status.PLANNED:
        meeting.status = Status.HELD
        save_as(meeting, user)
    return meeting


@transaction.atomic
def cancel_meeting(user: Any, meeting: Meeting, reason: str) -> Meeting:
    """Cancel a planned meeting; the reason is kept in the meeting's history."""
    require_edit(user, meeting)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    reason = (reason or "").strip()
    errors: Errors = {}
    check_open(meeting, errors)
    if meeting.attendance_taken:
        add_error(errors, "status", _("Kỳ họp đã điểm danh: không hủy được."))
    if not reason:
        add_error(errors, "reason", _("Ghi lý do hủy."))
    elif len(reason) > 100:
        add_error(errors, "reason", _("Lý do không được dài quá 100 ký tự."))
    raise_if(errors)
    meeting.status = Status.CANCELLED
    meeting._change_reason = reason  # type: ignore[attr-defined]
    save_as(meeting, user)
    return meeting


def cancel_reason(meeting: Meeting) -> str:
    """Why a cancelled meeting was cancelled (from its history; one query)."""
    if meeting.status != Status.CANCELLED:
        return ""
    record = (
        meeting.history.filter(status=Status.CANCELLED)
        .order_by("history_date")
        .values_list("history_change_reason", flat=True)
        .first()
    )
    return record or ""


# ---------------------------------------------------------------------------
# Guests, opinions and resolutions (the minutes)


def _open_meeting(user: Any, meeting: Meeting) -> Meeting:
    require_edit(user, meeting)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    errors: Errors = {}
    check_open(meeting, errors)
    raise_if(errors)
    return meeting


def _required_text(value: Any, field: str, message: str, limit: int, errors: Errors) -> str:
    text = value.strip() if isinstance(value, str) else ""
    if not text:
        add_error(errors, field, message)
    elif limit and len(text) > limit:
        add_error(errors, field, _("Không được dài quá %(n)s ký tự.") % {"n": limit})
    return text


@transaction.atomic
def add_guest(
    user: Any,
    meeting: Meeting,
    *,
    kind: str,
    name: str = "",
    role: str = "",
    member: Member | None = None,
) -> Guest:
    """A committee member, a superior official or a non-member at the meeting."""
    meeting = _open_meeting(user, meeting)
    errors: Errors = {}
    if kind not in GuestKind.values:
        add_error(errors, "kind", _("Loại khách mời không hợp lệ."))
    if kind == GuestKind.NON_MEMBER and member is not None:
        add_error(errors, "member", _("Khách mời ngoài Đảng không gắn với đảng viên."))
    name = _required_text(
        name or (member.full_name if member else ""), "name", _("Ghi họ và tên."), 120, errors
    )
    role = (role or "").strip()
    if len(role) > 255:
        add_error(errors, "role", _("Không được dài quá %(n)s ký tự.") % {"n": 255})
    _check_guest_twice(meeting, name, member, errors)
    raise_if(errors)
    guest = Guest(
        meeting=meeting, org_path=meeting.org_path, kind=kind, name=name, role=role, member=member
    )
    save_as(guest, user)
    return guest


def _check_guest_twice(meeting: Meeting, name: str, member: Member | None, errors: Errors) -> None:
    if member is not None and meeting.attendance.filter(member=member).exists():
        add_error(errors, "member", _("Đảng viên này đã được điểm danh tại kỳ họp."))
    guests = meeting.guests.values_list("member_id", "name")
    folded = fold(name)
    for member_id, other in guests:
        if (member is not None and member_id == member.pk) or (
            member_id is None and member is None and fold(other) == folded
        ):
            add_error(
                errors, "name", _("%(name)s đã có trong danh sách khách mời.") % {"name": name}
            )
            return


def _next_order(queryset: Any) -> int:
    return int(queryset.aggregate(top=Max("order"))["top"] or 0) + 1


@transaction.atomic
def add_opinion(
    user: Any,
    meeting: Meeting,
    *,
    speaker_name: str = "",
    text: str,
    speaker: Member | None = None,
    today: date | None = None,
) -> Opinion:
    """An opinion given at the meeting, appended in the order spoken."""
    meeting = _open_meeting(user, meeting)
    errors: Errors = {}
    check_held_by(meeting, today_or(today), errors)
    speaker_name = _required_text(
        speaker_name or (speaker.full_name if speaker else ""),
        "speaker_name",
        _("Ghi người phát biểu."),
        255,
        errors,
    )
    text = _required_text(text, "text", _("Ghi nội dung ý kiến."), 0, errors)
    raise_if(errors)
    opinion = Opinion(
        meeting=meeting,
        org_path=meeting.org_path,
        order=_next_order(meeting.opinions),
        speaker=speaker,
        speaker_name=speaker_name,
        text=text,
    )
    save_as(opinion, user)
    return opinion


@transaction.atomic
def add_resolution(
    user: Any, meeting: Meeting, *, text: str, owner_name: str = "", due_on: date | None = None
) -> Resolution:
    """A decision of the meeting: who does what by when (rõ người, rõ việc, rõ thời gian)."""
    meeting = _open_meeting(user, meeting)
    errors: Errors = {}
    text = _required_text(text, "text", _("Ghi nội dung nghị quyết, kết luận."), 0, errors)
    owner_name = (owner_name or "").strip()
    if len(owner_name) > 255:
        add_error(errors, "owner_name", _("Không được dài quá %(n)s ký tự.") % {"n": 255})
    if due_on is not None and due_on < meeting.date:
        add_error(errors, "due_on", _("Thời hạn không được trước ngày họp."))
    raise_if(errors)
    resolution = Resolution(
        meeting=meeting,
        org_path=meeting.org_path,
        order=_next_order(meeting.resolutions),
        text=text,
        owner_name=owner_name,
        due_on=due_on,
    )
    save_as(resolution, user)
    return resolution


# The work-programme module registers here the function that makes a task of a
# resolution and returns the task's reference (e.g. "programs.task:42").
ResolutionHandler = Callable[[Any, Resolution], str]
RESOLUTION_HANDLERS: dict[str, ResolutionHandler] = {}


def register_resolution_handler(name: str, handler: ResolutionHandler) -> None:
    RESOLUTION_HANDLERS[name] = handler


def local_reference(resolution: Resolution) -> str:
    """The reference of a resolution handed off while no module takes tasks."""
    return f"meetings.resolution:{resolution.pk}"


@transaction.atomic
def hand_off_resolution(user: Any, resolution: Resolution) -> str:
    """Hand a resolution over as a task; returns the reference (the same when called again).

    A task needs an owner and a deadline (GLOSSARY.md, "rõ người, rõ việc, rõ
    thời gian"). With a registered handler (work programmes) the task is made
    there; until one exists the resolution is marked handed off with its own
    reference, for the handler to take over later (decision 0006).
    """
    resolution = (
        Resolution.objects.select_for_update().select_related("meeting").get(pk=resolution.pk)
    )
    require_edit(user, resolution.meeting)
    if resolution.handed_off_at is not None:
        return resolution.task_reference
    errors: Errors = {}
    if resolution.meeting.status not in (Status.HELD, Status.APPROVED):
        add_error(errors, "meeting", _("Chỉ giao việc từ kỳ họp đã họp."))
    if not resolution.owner_name:
        add_error(errors, "owner_name", _("Giao việc phải ghi người, bộ phận thực hiện."))
    if resolution.due_on is None:
        add_error(errors, "due_on", _("Giao việc phải ghi thời hạn."))
    raise_if(errors)
    handlers = list(RESOLUTION_HANDLERS.values())
    reference = handlers[-1](user, resolution) if handlers else local_reference(resolution)
    resolution.task_reference = reference[:120]
    resolution.handed_off_at = timezone.now()
    save_as(resolution, user)
    return resolution.task_reference


# ---------------------------------------------------------------------------
# Files attached to a meeting (added with the pages: helper B, issue 5)


@transaction.atomic
def attach_file(user: Any, meeting: Meeting, *, file: Any, title: str = "") -> MeetingFile:
    """Attach a document, a scan of the signed minutes or a photo to an open meeting."""
    meeting = _open_meeting(user, meeting)
    errors: Errors = {}
    name = check_upload(file, "file", errors)
    title = _required_text(title or name, "title", _("Ghi tên tài liệu."), 255, errors)
    raise_if(errors)
    attached = MeetingFile(meeting=meeting, org_path=meeting.org_path, title=title, file=file)
    save_as(attached, user)
    return attached
