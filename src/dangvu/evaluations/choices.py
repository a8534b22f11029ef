"""Choices of the annual review (GLOSSARY.md, Evaluation; RULES.md, Evaluation and ranking)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    """The four quality levels, best first."""

    EXCELLENT = "excellent", _("Hoàn thành xuất sắc nhiệm vụ")
    GOOD = "good", _("Hoàn thành tốt nhiệm vụ")
    COMPLETED = "completed", _("Hoàn thành nhiệm vụ")
    NOT_COMPLETED = "not_completed", _("Không hoàn thành nhiệm vụ")


# Short forms used in tables and exports (the offices' own abbreviations).
LEVEL_SHORT = {
    Level.EXCELLENT: "HTXSNV",
    Level.GOOD: "HTTNV",
    Level.COMPLETED: "HTNV",
    Level.NOT_COMPLETED: "KHTNV",
}
LEVEL_ORDER = [Level.EXCELLENT, Level.GOOD, Level.COMPLETED, Level.NOT_COMPLETED]


class SubjectKind(models.TextChoices):
    MEMBER = "member", _("Đảng viên")
    ORGANIZATION = "organization", _("Tổ chức đảng")


class Stage(models.TextChoices):
    """Where one evaluation stands in the cascade."""

    PENDING = "pending", _("Chưa tự đánh giá")
    SELF_ASSESSED = "self_assessed", _("Đã tự đánh giá")
    PROPOSED = "proposed", _("Chi bộ đã đề xuất")
    DECIDED = "decided", _("Cấp ủy đã quyết định")
    NOT_EVALUATED = "not_evaluated", _("Không đánh giá, xếp loại")


class Step(models.TextChoices):
    SELF = "self", _("Tự đánh giá")
    PROPOSAL = "proposal", _("Đề xuất của chi bộ")
    DECISION = "decision", _("Quyết định xếp loại")


class PeriodState(models.TextChoices):
    OPEN = "open", _("Đang đánh giá")
    CLOSED = "closed", _("Đã kết thúc")


class Rounding(models.TextChoices):
    FLOOR = "floor", _("Làm tròn xuống")
    HALF_UP = "half_up", _("Làm tròn")
    CEILING = "ceiling", _("Làm tròn lên")


class DisciplineForm(models.TextChoices):
    """RULES.md, discipline: the forms for members and for organisations."""

    REPRIMAND = "reprimand", _("Khiển trách")
    WARNING = "warning", _("Cảnh cáo")
    DISMISSAL = "dismissal", _("Cách chức")
    EXPULSION = "expulsion", _("Khai trừ")
    DISSOLUTION = "dissolution", _("Giải tán")


MEMBER_DISCIPLINE_FORMS = frozenset({"reprimand", "warning", "dismissal", "expulsion"})
PROBATIONARY_DISCIPLINE_FORMS = frozenset({"reprimand", "warning"})
ORGANIZATION_DISCIPLINE_FORMS = frozenset({"reprimand", "warning", "dissolution"})


class CommendationForm(models.TextChoices):
    CERTIFICATE = "certificate", _("Giấy khen")
    MERIT = "merit", _("Bằng khen")
    FLAG = "flag", _("Cờ thi đua")
    OTHER = "other", _("Hình thức khác")
