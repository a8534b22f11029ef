"""The template of each kind of document: the built-in default, or the organisation's own.

Hướng dẫn 36-HD/VPTW (RULES.md): the signature block starts with the body on
whose behalf the document is signed — “T/M BAN CHẤP HÀNH” for what the
executive committee decides (resolutions, decisions, rules, directives,
conclusions, statutes), “T/M ĐẢNG ỦY” for the committee's plans, reports,
notices, letters and guidance, “T/M BAN THƯỜNG VỤ” above the grassroots,
“T/M CHI ỦY” for a cell. Staff may change any of it per kind
(``DocumentTemplate``); the issue form starts from it, and a document without
its own signature block or recipients is rendered with the template's.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from dangvu.core.docx_layout import committee_name
from dangvu.documents.choices import DocumentKind
from dangvu.documents.models import Document, DocumentTemplate
from dangvu.organizations.models import Organization

# What the executive committee itself decides: signed on behalf of the committee.
COMMITTEE_KINDS = frozenset(
    {
        DocumentKind.RESOLUTION,
        DocumentKind.DECISION,
        DocumentKind.REGULATION,
        DocumentKind.DIRECTIVE,
        DocumentKind.CONCLUSION,
        DocumentKind.STATUTE,
    }
)

_SKELETONS: dict[str, str] = {
    DocumentKind.RESOLUTION: (
        "I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ\nII. MỤC TIÊU, NHIỆM VỤ VÀ GIẢI PHÁP\nIII. TỔ CHỨC THỰC HIỆN"
    ),
    DocumentKind.DECISION: (
        "Điều 1. \nĐiều 2. \nĐiều 3. Các đồng chí … chịu trách nhiệm thi hành Quyết định này."
    ),
    DocumentKind.REGULATION: "Chương I. QUY ĐỊNH CHUNG\nChương II. QUY ĐỊNH CỤ THỂ",
    DocumentKind.DIRECTIVE: "I. TÌNH HÌNH\nII. NHIỆM VỤ, GIẢI PHÁP\nIII. TỔ CHỨC THỰC HIỆN",
    DocumentKind.CONCLUSION: "I. ĐÁNH GIÁ\nII. KẾT LUẬN, CHỈ ĐẠO",
    DocumentKind.GUIDANCE: "I. MỤC ĐÍCH, YÊU CẦU\nII. NỘI DUNG HƯỚNG DẪN\nIII. TỔ CHỨC THỰC HIỆN",
    DocumentKind.PLAN: (
        "I. MỤC ĐÍCH, YÊU CẦU\nII. NỘI DUNG, NHIỆM VỤ\nIII. THỜI GIAN\nIV. TỔ CHỨC THỰC HIỆN"
    ),
    DocumentKind.REPORT: (
        "I. KẾT QUẢ THỰC HIỆN\nII. HẠN CHẾ, NGUYÊN NHÂN\nIII. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI"
    ),
    DocumentKind.NOTICE: "",
    DocumentKind.OFFICIAL_LETTER: "Kính gửi: \n",
    DocumentKind.STATUTE: "Chương I. QUY ĐỊNH CHUNG\nChương II. NHIỆM VỤ, QUYỀN HẠN",
    DocumentKind.PROGRAMME: "I. MỤC TIÊU\nII. NHIỆM VỤ TRỌNG TÂM\nIII. TỔ CHỨC THỰC HIỆN",
}


@dataclass(frozen=True)
class TemplateValues:
    """What a template gives a document; ``stored`` is False for the built-in default."""

    kind: str
    signature_prefix: str
    signer_title: str
    recipients: str
    body: str
    stored: bool = False

    @property
    def kind_label(self) -> str:
        return str(DocumentKind(self.kind).label)


def default_prefix(organization: Organization, kind: str) -> str:
    if organization.is_member_unit and organization.level == "cell":
        return _("T/M CHI ỦY")
    if kind in COMMITTEE_KINDS:
        return _("T/M BAN CHẤP HÀNH")
    if organization.level in ("grassroots", "cell"):
        return _("T/M ĐẢNG ỦY")
    return _("T/M BAN THƯỜNG VỤ")


def default_recipients(organization: Organization) -> str:
    lines = []
    if organization.parent is not None:
        lines.append(_("%(above)s (để báo cáo),") % {"above": committee_name(organization.parent)})
    if organization.level != "cell":
        lines.append(_("Các chi bộ trực thuộc (để thực hiện),"))
    lines.append(_("Lưu Văn phòng."))
    return "\n".join(lines)


def default_template(organization: Organization, kind: str) -> TemplateValues:
    return TemplateValues(
        kind=kind,
        signature_prefix=default_prefix(organization, kind),
        signer_title=_("Bí thư"),
        recipients=default_recipients(organization),
        body=_SKELETONS.get(kind, ""),
    )


def _values(stored: DocumentTemplate) -> TemplateValues:
    return TemplateValues(
        kind=stored.kind,
        signature_prefix=stored.signature_prefix,
        signer_title=stored.signer_title,
        recipients=stored.recipients,
        body=stored.body,
        stored=True,
    )


def template_for(organization: Organization, kind: str) -> TemplateValues:
    """The organisation's template of ``kind``, or the default (which names the body above)."""
    stored = DocumentTemplate.objects.filter(organization=organization, kind=kind).first()
    return _values(stored) if stored else default_template(organization, kind)


def templates_of(organization: Organization) -> list[TemplateValues]:
    """Every kind, in the order of the kinds, each stored or default.

    Two queries: the templates, and the organisation above (the defaults' recipients).
    """
    stored = {t.kind: t for t in DocumentTemplate.objects.filter(organization=organization)}
    return [
        _values(stored[kind]) if kind in stored else default_template(organization, kind)
        for kind in DocumentKind.values
    ]


@dataclass(frozen=True)
class SignatureBlock:
    """The signature block and recipients a rendering prints."""

    prefix: str
    signer_title: str
    signer_name: str
    recipients: list[str]


def signature_block(document: Document) -> SignatureBlock:
    """The document's own title and recipients, the template's where the document has none."""
    template = template_for(document.organization, document.kind)
    recipients = document.recipients or template.recipients
    return SignatureBlock(
        prefix=template.signature_prefix,
        signer_title=document.signer_title or template.signer_title,
        signer_name=document.signer_name,
        recipients=[part.strip() for part in recipients.splitlines() if part.strip()],
    )
