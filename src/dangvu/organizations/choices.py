"""Choices of the party tree (GLOSSARY.md, Organisation)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    CENTRAL = "central", _("Trung ương")
    PROVINCE = "province", _("Tỉnh ủy / Thành ủy")
    DISTRICT = "district", _("Huyện ủy / Quận ủy / Thị ủy")
    GRASSROOTS = "grassroots", _("Đảng bộ cơ sở")
    CELL = "cell", _("Chi bộ")


class Kind(models.TextChoices):
    # Kinds of cells.
    RESIDENTIAL = "residential", _("Chi bộ thôn, khu phố")
    AGENCY = "agency", _("Cơ quan")
    SCHOOL = "school", _("Trường học")
    ENTERPRISE = "enterprise", _("Doanh nghiệp")
    POLICE = "police", _("Công an")
    MILITARY = "military", _("Quân sự")
    # Kinds of grassroots organisations (agency and enterprise are shared).
    COMMUNE = "commune", _("Xã")
    WARD = "ward", _("Phường")
    TOWN = "town", _("Thị trấn")


CELL_KINDS = frozenset({"residential", "agency", "school", "enterprise", "police", "military"})
GRASSROOTS_KINDS = frozenset({"commune", "ward", "town", "agency", "enterprise"})

# Which level may sit under which: depth is not fixed (after 01/7/2025 the
# district level is gone and communes sit directly under the province).
# The levels a parent may have; None: the organisation may be at the top of the tree
# (a deployment for one province starts at the province, the whole Party at the centre).
ALLOWED_PARENT_LEVELS: dict[str, frozenset[str | None]] = {
    "central": frozenset({None}),
    "province": frozenset({None, "central"}),
    "district": frozenset({"province"}),
    "grassroots": frozenset({"province", "district"}),
    "cell": frozenset({"grassroots"}),
}


class Body(models.TextChoices):
    EXECUTIVE = "executive", _("Ban Chấp hành")
    STANDING = "standing", _("Ban Thường vụ")
    CELL_COMMITTEE = "cell_committee", _("Chi ủy")


class PositionRole(models.TextChoices):
    SECRETARY = "secretary", _("Bí thư")
    DEPUTY_SECRETARY = "deputy_secretary", _("Phó Bí thư")
    MEMBER = "member", _("Ủy viên")


class AgencyKind(models.TextChoices):
    PEOPLES_COUNCIL = "peoples_council", _("Hội đồng nhân dân")
    PEOPLES_COMMITTEE = "peoples_committee", _("Ủy ban nhân dân")
    FATHERLAND_FRONT = "fatherland_front", _("Mặt trận Tổ quốc")
    MASS_ORGANIZATION = "mass_organization", _("Đoàn thể")
    SCHOOL = "school", _("Trường học")
    HEALTH_STATION = "health_station", _("Trạm y tế")
    POLICE = "police", _("Công an")
    OTHER = "other", _("Cơ quan, đơn vị khác")
