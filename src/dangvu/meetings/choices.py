"""Choices of meetings (GLOSSARY.md, Meetings; RULES.md, cell meetings)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    REGULAR = "regular", _("Sinh hoạt thường kỳ")
    THEMATIC = "thematic", _("Sinh hoạt chuyên đề")
    BRIEFING = "briefing", _("Giao ban")
    REVIEW = "review_conference", _("Hội nghị sơ kết, tổng kết")
    EXTRAORDINARY = "extraordinary", _("Sinh hoạt bất thường")


# The kinds whose attendance counts in a cell's attendance rate and compliance.
CELL_MEETING_KINDS = (Kind.REGULAR, Kind.THEMATIC)


class Topic(models.TextChoices):
    """Topics of thematic meetings named in the seeds; anything else is ``other`` + text."""

    NEW_RURAL = "new_rural", _("Xây dựng nông thôn mới")
    SECURITY = "security", _("An ninh trật tự")
    HEALTH_INSURANCE = "health_insurance", _("Bảo hiểm y tế")
    FOOD_SAFETY = "food_safety", _("An toàn thực phẩm")
    OTHER = "other", _("Chủ đề khác")


class ReviewPeriod(models.TextChoices):
    QUARTER = "quarter", _("Quý")
    HALF_YEAR = "half_year", _("6 tháng")
    YEAR = "year", _("Năm")


class Status(models.TextChoices):
    PLANNED = "planned", _("Dự kiến")
    HELD = "held", _("Đã họp")
    APPROVED = "approved", _("Đã duyệt biên bản")
    CANCELLED = "cancelled", _("Hủy")


class AttendanceState(models.TextChoices):
    PRESENT = "present", _("Có mặt")
    EXCUSED = "excused", _("Vắng có lý do")
    ABSENT = "absent", _("Vắng không lý do")


class GuestKind(models.TextChoices):
    OVERSEER = "overseer", _("Cấp ủy viên dự, chỉ đạo")
    SUPERIOR = "superior", _("Đại biểu cấp trên")
    NON_MEMBER = "non_member", _("Khách mời ngoài Đảng")
