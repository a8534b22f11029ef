from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    VIEWER = "viewer", _("Xem")
    MEMBER = "member", _("Đảng viên")
    CELL_SECRETARY = "cell_secretary", _("Bí thư chi bộ")
    STAFF = "staff", _("Cán bộ văn phòng")
    LEADER = "leader", _("Lãnh đạo cấp ủy")
