"""Periods, deadline precisions, task statuses and target kinds of work programmes."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PeriodKind(models.TextChoices):
    YEAR = "year", _("Năm")
    HALF = "half", _("6 tháng")
    QUARTER = "quarter", _("Quý")
    MONTH = "month", _("Tháng")


class Precision(models.TextChoices):
    """How a deadline was given; the stored date is the last day of that span."""

    DAY = "day", _("Ngày")
    MONTH = "month", _("Tháng")
    QUARTER = "quarter", _("Quý")
    HALF = "half", _("6 tháng")
    YEAR = "year", _("Năm")


class TaskStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Chưa triển khai")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    DONE = "done", _("Hoàn thành")
    DONE_LATE = "done_late", _("Hoàn thành chậm")
    NOT_DONE = "not_done", _("Không hoàn thành")
    CARRIED_OVER = "carried_over", _("Chuyển kỳ sau")


# Statuses of a task still to be worked on (overdue when past its deadline).
OPEN_STATUSES = frozenset({TaskStatus.NOT_STARTED, TaskStatus.IN_PROGRESS})
FINISHED_STATUSES = frozenset({TaskStatus.DONE, TaskStatus.DONE_LATE})


class Comparison(models.TextChoices):
    """Whether a target is met by reaching the planned value or by staying under it."""

    AT_LEAST = "at_least", _("Đạt khi không thấp hơn kế hoạch")
    AT_MOST = "at_most", _("Đạt khi không vượt kế hoạch")


class TargetSource(models.TextChoices):
    """Where the actual value comes from: typed in, or computed from dangvu's records."""

    MANUAL = "manual", _("Nhập tay")
    ADMISSIONS = "admissions", _("Số đảng viên kết nạp (từ hồ sơ kết nạp)")
    ATTENDANCE = "attendance", _("Tỷ lệ dự sinh hoạt chi bộ (%)")
    EXCELLENT_MEMBERS = "excellent_members", _("Tỷ lệ đảng viên hoàn thành xuất sắc (%)")
    GOOD_ORGANIZATIONS = (
        "good_organizations",
        _("Tỷ lệ tổ chức đảng hoàn thành tốt nhiệm vụ trở lên (%)"),
    )


class NoteKind(models.TextChoices):
    ACHIEVEMENT = "achievement", _("Kết quả đạt được")
    SHORTCOMING = "shortcoming", _("Hạn chế, yếu kém")
    CAUSE = "cause", _("Nguyên nhân")
    DIRECTION = "direction", _("Phương hướng, giải pháp")
