"""Choices of congresses and elections (GLOSSARY.md; RULES.md, Elections)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CongressKind(models.TextChoices):
    ALL_MEMBERS = "all_members", _("Đại hội đảng viên")
    DELEGATES = "delegates", _("Đại hội đại biểu")


class Step(models.TextChoices):
    """The steps every congress of a campaign goes through, in order."""

    PREPARATION = "preparation", _("Họp chuẩn bị đại hội")
    POLITICAL_REPORT = "political_report", _("Dự thảo báo cáo chính trị")
    PERSONNEL_PLAN = "personnel_plan", _("Phương án nhân sự")
    CONVENING_NOTICE = "convening_notice", _("Thông báo triệu tập đại hội")
    HELD = "held", _("Tổ chức đại hội")
    APPROVED = "approved", _("Cấp trên chuẩn y kết quả bầu cử")


STEP_ORDER = [
    Step.PREPARATION,
    Step.POLITICAL_REPORT,
    Step.PERSONNEL_PLAN,
    Step.CONVENING_NOTICE,
    Step.HELD,
    Step.APPROVED,
]


class Status(models.TextChoices):
    PREPARING = "preparing", _("Đang chuẩn bị")
    HELD = "held", _("Đã tổ chức")
    APPROVED = "approved", _("Đã chuẩn y")
    CANCELLED = "cancelled", _("Đã hủy")


class Exclusion(models.TextChoices):
    """Who is left out of the denominator (RULES.md, Elections; Quy định 190-QĐ/TW)."""

    TEMPORARILY_AWAY = "temporarily_away", _("Đang sinh hoạt tạm thời ở đảng bộ khác")
    EXEMPT_ABSENT = "exempt_absent", _("Được miễn công tác và sinh hoạt, vắng mặt")
    SUSPENDED = "suspended", _("Đang bị đình chỉ sinh hoạt đảng")
    DETAINED = "detained", _("Đang bị tạm giam, tạm giữ")
    EXCUSED_ABSENT = "excused_absent", _("Vắng mặt cả buổi có lý do được đại hội chấp nhận")
    # At a congress of delegates (Quy chế bầu cử; 244-QĐ/TW Điều 32.3): an ex officio
    # delegate (member of the convening committee) or an official delegate with no
    # alternate standing in, absent for the whole congress.
    DELEGATE_ABSENT = (
        "delegate_absent",
        _("Vắng mặt suốt đại hội, không có đại biểu dự khuyết thay thế"),
    )


# The exclusions of each kind of congress (docs/decisions/0010-congress-readings.md).
MEMBER_EXCLUSIONS = frozenset(
    {
        Exclusion.TEMPORARILY_AWAY,
        Exclusion.EXEMPT_ABSENT,
        Exclusion.SUSPENDED,
        Exclusion.DETAINED,
        Exclusion.EXCUSED_ABSENT,
    }
)
DELEGATE_EXCLUSIONS = frozenset({Exclusion.DELEGATE_ABSENT})


class DelegateRole(models.TextChoices):
    OFFICIAL = "official", _("Đại biểu chính thức")
    ALTERNATE = "alternate", _("Đại biểu dự khuyết")


class DelegateSource(models.TextChoices):
    ELECTED = "elected", _("Do đại hội cấp dưới bầu")
    DESIGNATED = "designated", _("Được cấp ủy cấp trên chỉ định")
    EX_OFFICIO = "ex_officio", _("Đương nhiên (cấp ủy viên cấp triệu tập đại hội)")


class ElectionKind(models.TextChoices):
    COMMITTEE = "committee", _("Bầu chi ủy (cấp ủy)")
    SECRETARY = "secretary", _("Bầu bí thư")
    DEPUTY = "deputy", _("Bầu phó bí thư")
    DELEGATES = "delegates", _("Bầu đại biểu dự đại hội cấp trên")


class ElectionStatus(models.TextChoices):
    OPEN = "open", _("Đang kiểm phiếu")
    COUNTED = "counted", _("Đã kiểm phiếu")
    CANCELLED = "cancelled", _("Đã hủy")


class DocumentKind(models.TextChoices):
    POLITICAL_REPORT = "political_report", _("Báo cáo chính trị")
    PERSONNEL_PLAN = "personnel_plan", _("Phương án nhân sự")
    RESOLUTION = "resolution", _("Nghị quyết đại hội")
    MINUTES = "minutes", _("Biên bản đại hội")
    OTHER = "other", _("Tài liệu khác")
