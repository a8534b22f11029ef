"""Kinds of party documents, their default type codes, directions and secrecy levels.

Hướng dẫn 36-HD/VPTW (03/4/2018): the type code is stored apart from the type
name, because one type has been coded two ways (Quy định: "QĐi" and "QĐ").
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentKind(models.TextChoices):
    RESOLUTION = "resolution", _("Nghị quyết")
    DECISION = "decision", _("Quyết định")
    REGULATION = "regulation", _("Quy định")
    DIRECTIVE = "directive", _("Chỉ thị")
    CONCLUSION = "conclusion", _("Kết luận")
    GUIDANCE = "guidance", _("Hướng dẫn")
    PLAN = "plan", _("Kế hoạch")
    REPORT = "report", _("Báo cáo")
    NOTICE = "notice", _("Thông báo")
    OFFICIAL_LETTER = "official_letter", _("Công văn")
    STATUTE = "statute", _("Quy chế")
    PROGRAMME = "programme", _("Chương trình")


# The type code each kind takes unless the document says otherwise (RULES.md).
DEFAULT_TYPE_CODES: dict[str, str] = {
    DocumentKind.RESOLUTION: "NQ",
    DocumentKind.DECISION: "QĐ",
    DocumentKind.REGULATION: "QĐi",
    DocumentKind.DIRECTIVE: "CT",
    DocumentKind.CONCLUSION: "KL",
    DocumentKind.GUIDANCE: "HD",
    DocumentKind.PLAN: "KH",
    DocumentKind.REPORT: "BC",
    DocumentKind.NOTICE: "TB",
    DocumentKind.OFFICIAL_LETTER: "CV",
    DocumentKind.STATUTE: "QC",
    DocumentKind.PROGRAMME: "CTr",
}
KIND_OF_TYPE_CODE: dict[str, str] = {code: kind for kind, code in DEFAULT_TYPE_CODES.items()}


class Direction(models.TextChoices):
    OUTGOING = "outgoing", _("Văn bản đi")
    INCOMING = "incoming", _("Văn bản đến")


class Confidentiality(models.TextChoices):
    NORMAL = "normal", _("Thường")
    SECRET = "secret", _("Mật")
    TOP_SECRET = "top_secret", _("Tối mật")
    ABSOLUTE = "absolute", _("Tuyệt mật")


# The issuer code of an organisation's own documents, by its level (RULES.md).
ISSUER_CODE_OF_LEVEL: dict[str, str] = {
    "central": "TW",
    "province": "TU",
    "district": "HU",
    "grassroots": "ĐU",
    "cell": "CB",
}
