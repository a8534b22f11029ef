"""Meetings of cells and committees, attendance per member, minutes, oversight.

A ``Meeting`` belongs to one organisation (a cell's monthly meeting, a
commune committee's briefing or review conference). ``Attendance`` holds one
row per member per meeting (unique): the expected members are computed from
placements on the meeting date (``meetings.attendance.expected_members``);
members who attend without being expected get a row with ``expected=False``.
The meeting keeps the four counts of its attendance (``expected_count`` …),
written by ``meetings.services.record_attendance`` only, so rates over a
subtree and a period are one grouped query on ``meetings_meeting``.
"""

from __future__ import annotations

import secrets
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from dangvu.core.models import ScopedQuerySet
from dangvu.meetings.choices import AttendanceState, GuestKind, Kind, ReviewPeriod, Status, Topic

# Cell secretaries keep their cell's meetings; staff keep every meeting of their subtree.
MEETING_EDIT_ROLES = frozenset({"staff", "cell_secretary"})


class Meeting(models.Model):
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("tổ chức"),
        on_delete=models.PROTECT,
        related_name="meetings",
    )
    org_path = models.CharField(_("đường dẫn tổ chức"), max_length=255, editable=False)
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices, default=Kind.REGULAR)
    topic = models.CharField(_("chủ đề"), max_length=20, choices=Topic.choices, blank=True)
    topic_text = models.CharField(_("chủ đề (nội dung)"), max_length=255, blank=True)
    review_period = models.CharField(
        _("kỳ sơ kết"), max_length=20, choices=ReviewPeriod.choices, blank=True
    )
    review_number = models.PositiveSmallIntegerField(
        _("quý / nửa năm"), null=True, blank=True, help_text=_("1–4 cho quý, 1–2 cho 6 tháng")
    )
    title = models.CharField(_("tiêu đề"), max_length=255, blank=True)
    date = models.DateField(_("ngày họp"))
    start_time = models.TimeField(_("giờ bắt đầu"), null=True, blank=True)
    place = models.CharField(_("địa điểm"), max_length=255, blank=True)
    chair = models.ForeignKey(
        "members.Member",
        verbose_name=_("chủ trì"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meetings_chaired",
    )
    secretary = models.ForeignKey(
        "members.Member",
        verbose_name=_("thư ký"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meetings_recorded",
    )
    agenda = models.TextField(_("chương trình (mỗi dòng một nội dung)"), blank=True)
    documents_studied = models.TextField(_("văn bản quán triệt (mỗi dòng một văn bản)"), blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    # Minutes (biên bản): computed attendance is added when rendered.
    opening = models.TextField(_("khai mạc"), blank=True)
    content = models.TextField(_("nội dung"), blank=True)
    conclusion = models.TextField(_("kết luận"), blank=True)
    approved_on = models.DateField(_("ngày duyệt biên bản"), null=True, blank=True)
    # Written only by services.record_attendance (the counts of the rows below).
    expected_count = models.PositiveIntegerField(_("số phải dự"), default=0, editable=False)
    present_count = models.PositiveIntegerField(_("số có mặt"), default=0, editable=False)
    excused_count = models.PositiveIntegerField(_("số vắng có lý do"), default=0, editable=False)
    absent_count = models.PositiveIntegerField(_("số vắng không lý do"), default=0, editable=False)
    attendance_taken = models.BooleanField(_("đã điểm danh"), default=False, editable=False)
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    scope_path_field: ClassVar[str] = "org_path"
    scope_edit_roles: ClassVar[frozenset[str]] = MEETING_EDIT_ROLES

    class Meta:
        verbose_name = _("cuộc họp")
        verbose_name_plural = _("cuộc họp")
        ordering = ["-date", "-id"]
        indexes = [
            models.Index(fields=["org_path", "date"], name="meeting_scope_date"),
            models.Index(fields=["organization", "date"], name="meeting_org_date"),
        ]

    def __str__(self) -> str:
        return self.title or f"{self.get_kind_display()} {self.date:%d/%m/%Y}"

    @property
    def attended_count(self) -> int:
        """Present among the expected (the numerator of the attendance rate)."""
        return self.present_count

    @property
    def attendance_rate(self) -> float | None:
        """present ÷ expected, or None before attendance is taken."""
        if not self.attendance_taken or not self.expected_count:
            return None
        return self.present_count / self.expected_count


class Attendance(models.Model):
    """One member at one meeting: present, excused (with a reason) or absent."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("cuộc họp"), on_delete=models.PROTECT, related_name="attendance"
    )
    member = models.ForeignKey(
        "members.Member",
        verbose_name=_("đảng viên"),
        on_delete=models.PROTECT,
        related_name="attendance",
    )
    org_path = models.CharField(_("đường dẫn tổ chức"), max_length=255, editable=False)
    expected = models.BooleanField(_("phải dự"), default=True)
    state = models.CharField(_("tình trạng"), max_length=10, choices=AttendanceState.choices)
    reason = models.CharField(_("lý do vắng"), max_length=255, blank=True)
    meeting_date = models.DateField(_("ngày họp"), editable=False)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    scope_path_field: ClassVar[str] = "org_path"
    scope_member_field: ClassVar[str] = "member_id"
    scope_edit_roles: ClassVar[frozenset[str]] = MEETING_EDIT_ROLES

    class Meta:
        verbose_name = _("điểm danh")
        verbose_name_plural = _("điểm danh")
        ordering = ["meeting", "member__sort_key", "id"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="attendance_once"),
            models.CheckConstraint(
                condition=~Q(state=AttendanceState.EXCUSED) | ~Q(reason=""),
                name="attendance_excused_has_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["member", "meeting_date"], name="attendance_member_date"),
            # Absences of a subtree (the streaks of the inbox) without reading the presences.
            models.Index(
                fields=["state", "org_path", "meeting_date"], name="attendance_state_scope"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} — {self.get_state_display()}"


class Guest(models.Model):
    """Someone at a meeting who is not one of its members."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("cuộc họp"), on_delete=models.PROTECT, related_name="guests"
    )
    org_path = models.CharField(_("đường dẫn tổ chức"), max_length=255, editable=False)
    kind = models.CharField(_("loại khách"), max_length=20, choices=GuestKind.choices)
    member = models.ForeignKey(
        "members.Member",
        verbose_name=_("đảng viên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meetings_as_guest",
    )
    name = models.CharField(_("họ và tên"), max_length=120)
    role = models.CharField(_("chức vụ"), max_length=255, blank=True)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    scope_path_field: ClassVar[str] = "org_path"
    scope_edit_roles: ClassVar[frozenset[str]] = MEETING_EDIT_ROLES

    class Meta:
        verbose_name = _("khách mời")
        verbose_name_plural = _("khách mời")
        ordering = ["meeting", "id"]

    def __str__(self) -> str:
        return self.name


class Opinion(models.Model):
    """An opinion given at the meeting (ý kiến phát biểu), in the order spoken."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("cuộc họp"), on_delete=models.PROTECT, related_name="opinions"
    )
    org_path = models.CharField(_("đường dẫn tổ chức"), max_length=255, editable=False)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    speaker = models.ForeignKey(
        "members.Member",
        verbose_name=_("người phát biểu (đảng viên)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="opinions",
    )
    speaker_name = models.CharField(_("người phát biểu"), max_length=255)
    text = models.TextField(_("nội dung"))

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    scope_path_field: ClassVar[str] = "org_path"
    scope_edit_roles: ClassVar[frozenset[str]] = MEETING_EDIT_ROLES

    class Meta:
        verbose_name = _("ý kiến")
        verbose_name_plural = _("ý kiến")
        ordering = ["meeting", "order", "id"]

    def __str__(self) -> str:
        return f"{self.speaker_name}: {self.text[:40]}"


class Resolution(models.Model):
    """A decision of the meeting (nghị quyết, kết luận giao việc); may become a task."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("cuộc họp"), on_delete=models.PROTECT, related_name="resolutions"
    )
    org_path = models.CharField(_("đường dẫn tổ chức"), max_length=255, editable=False)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    text = models.TextField(_("nội dung"))
    owner_name = models.CharField(_("người / bộ phận thực hiện"), max_length=255, blank=True)
    due_on = models.DateField(_("thời hạn"), null=True, blank=True)
    # Set by services.hand_off_resolution when a task is made from it (work programmes).
    task_reference = models.CharField(_("nhiệm vụ đã giao"), max_length=120, blank=True)
    handed_off_at = models.DateTimeField(_("ngày giao việc"), null=True, blank=True)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    scope_path_field: ClassVar[str] = "org_path"
    scope_edit_roles: ClassVar[frozenset[str]] = MEETING_EDIT_ROLES

    class Meta:
        verbose_name = _("nghị quyết, kết luận")
        verbose_name_plural = _("nghị quyết, kết luận")
        ordering = ["meeting", "order", "id"]

    def __str__(self) -> str:
        return self.text[:60]


class MeetingFile(models.Model):
    """A file attached to a meeting (tài liệu, biên bản ký, ảnh)."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("cuộc họp"), on_delete=models.PROTECT, related_name="files"
    )
    org_path = models.CharField(_("đường dẫn tổ chức"), max_length=255, editable=False)
    title = models.CharField(_("tên tài liệu"), max_length=255)
    file = models.FileField(_("tệp"), upload_to="meetings/%Y/%m/")
    uploaded_at = models.DateTimeField(_("ngày tải lên"), auto_now_add=True)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    scope_path_field: ClassVar[str] = "org_path"
    scope_edit_roles: ClassVar[frozenset[str]] = MEETING_EDIT_ROLES

    class Meta:
        verbose_name = _("tài liệu cuộc họp")
        verbose_name_plural = _("tài liệu cuộc họp")
        ordering = ["meeting", "id"]

    def __str__(self) -> str:
        return self.title


class OversightAssignment(models.Model):
    """A committee member assigned to attend and guide a cell (phân công dự sinh hoạt)."""

    member = models.ForeignKey(
        "members.Member",
        verbose_name=_("cấp ủy viên"),
        on_delete=models.PROTECT,
        related_name="oversight_assignments",
    )
    cell = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("chi bộ"),
        on_delete=models.PROTECT,
        related_name="oversight_assignments",
    )
    org_path = models.CharField(_("đường dẫn tổ chức"), max_length=255, editable=False)
    committee = models.ForeignKey(
        "organizations.Committee",
        verbose_name=_("cấp ủy (nhiệm kỳ)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="oversight_assignments",
    )
    start_date = models.DateField(_("từ ngày"))
    end_date = models.DateField(_("đến ngày"), null=True, blank=True)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    scope_path_field: ClassVar[str] = "org_path"

    class Meta:
        verbose_name = _("phân công dự sinh hoạt")
        verbose_name_plural = _("phân công dự sinh hoạt")
        ordering = ["cell", "start_date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gt=models.F("start_date")),
                name="oversight_dates_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} — {self.cell}"


def new_calendar_token() -> str:
    return secrets.token_urlsafe(24)


class CalendarToken(models.Model):
    """The secret of a user's iCalendar feed URL; revoking it stops the feed."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng"),
        on_delete=models.PROTECT,
        related_name="calendar_tokens",
    )
    token = models.CharField(_("mã"), max_length=64, unique=True, default=new_calendar_token)
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("ngày thu hồi"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("lịch iCalendar")
        verbose_name_plural = _("lịch iCalendar")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.user} ({'thu hồi' if self.revoked_at else 'đang dùng'})"
