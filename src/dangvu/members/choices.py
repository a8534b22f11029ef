"""Choices of the member registry (GLOSSARY.md, People)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Gender(models.TextChoices):
    MALE = "male", _("Nam")
    FEMALE = "female", _("Nữ")


class Status(models.TextChoices):
    PROBATIONARY = "probationary", _("Dự bị")
    FULL = "full", _("Chính thức")
    EXEMPT = "exempt", _("Miễn công tác và sinh hoạt")
    TRANSFERRED_OUT = "transferred_out", _("Đã chuyển đi")
    REMOVED = "removed", _("Xóa tên")
    EXPELLED = "expelled", _("Khai trừ")
    LEFT = "left", _("Ra khỏi Đảng")
    DECEASED = "deceased", _("Từ trần")


# Members still in the party organisation that keeps their file.
ACTIVE_STATUSES = frozenset({Status.PROBATIONARY, Status.FULL, Status.EXEMPT})


class PlacementKind(models.TextChoices):
    PERMANENT = "permanent", _("Chính thức")
    TEMPORARY = "temporary", _("Tạm thời")


class Qualification(models.TextChoices):
    NONE = "none", _("Chưa qua đào tạo")
    ELEMENTARY = "elementary", _("Sơ cấp")
    INTERMEDIATE = "intermediate", _("Trung cấp")
    COLLEGE = "college", _("Cao đẳng")
    UNIVERSITY = "university", _("Đại học")
    MASTER = "master", _("Thạc sĩ")
    DOCTOR = "doctor", _("Tiến sĩ")


class PoliticalTheory(models.TextChoices):
    NONE = "none", _("Chưa qua đào tạo")
    ELEMENTARY = "elementary", _("Sơ cấp")
    INTERMEDIATE = "intermediate", _("Trung cấp")
    ADVANCED = "advanced", _("Cao cấp")
    BACHELOR = "bachelor", _("Cử nhân")


class AgeBand(models.TextChoices):
    UNDER_30 = "under_30", _("Dưới 30 tuổi")
    FROM_30_TO_45 = "30_45", _("Từ 30 đến 45 tuổi")
    FROM_46_TO_60 = "46_60", _("Từ 46 đến 60 tuổi")
    OVER_60 = "over_60", _("Trên 60 tuổi")


# (lowest age, highest age) inclusive, in whole years on the reference date.
AGE_BAND_LIMITS: dict[str, tuple[int, int]] = {
    AgeBand.UNDER_30: (0, 29),
    AgeBand.FROM_30_TO_45: (30, 45),
    AgeBand.FROM_46_TO_60: (46, 60),
    AgeBand.OVER_60: (61, 200),
}
