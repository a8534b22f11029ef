"""Choices of the admission process (GLOSSARY.md, People)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    """The steps of admission, in the order they must be taken (Hướng dẫn 01-HD/TW, 3)."""

    PROPOSED = "proposed", _("Được giới thiệu, theo dõi")
    COURSE_SENT = "course_sent", _("Cử đi học lớp nhận thức về Đảng")
    COURSE_COMPLETED = "course_completed", _("Đã có giấy chứng nhận lớp nhận thức")
    FILE_PREPARED = "file_prepared", _("Hoàn thiện hồ sơ")
    CELL_RESOLUTION = "cell_resolution", _("Chi bộ ra nghị quyết đề nghị kết nạp")
    ADMISSION_DECISION = "admission_decision", _("Có quyết định kết nạp")
    CEREMONY_HELD = "ceremony_held", _("Đã tổ chức lễ kết nạp")
    WITHDRAWN = "withdrawn", _("Dừng xem xét")


# The order of the stages a candidate goes through (WITHDRAWN may end any of them).
STAGE_ORDER: tuple[str, ...] = (
    Stage.PROPOSED,
    Stage.COURSE_SENT,
    Stage.COURSE_COMPLETED,
    Stage.FILE_PREPARED,
    Stage.CELL_RESOLUTION,
    Stage.ADMISSION_DECISION,
    Stage.CEREMONY_HELD,
)
