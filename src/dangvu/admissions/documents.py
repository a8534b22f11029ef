"""Word output of the admission and recognition decisions in the official layout.

Layout of RULES.md, "Official documents" (Hướng dẫn 36-HD/VPTW, 03/4/2018): A4,
Times New Roman; top left the higher body (upper case, 14), the issuing body
(upper case, 14, bold), "*" and the number; top right "ĐẢNG CỘNG SẢN VIỆT NAM"
(upper case, 15, bold) with a rule under it, then the place and date in
italics; then the document type, the summary, the body, the signature block and
"Nơi nhận".
"""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from dangvu.admissions.models import Candidate, CandidateStep
from dangvu.admissions.rules import probation_end
from dangvu.members.models import Member, MembershipEvent
from dangvu.organizations.models import Organization

FONT = "Times New Roman"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# The words an organisation's name starts with, left out of the place name.
PLACE_PREFIXES = (
    "Đảng bộ xã ",
    "Đảng bộ phường ",
    "Đảng bộ thị trấn ",
    "Đảng bộ ",
    "Chi bộ ",
)


def date_line(place: str, day: date) -> str:
    """“Hòa An, ngày 05 tháng 02 năm 2018”: days below 10 and months 1, 2 with a zero."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return _("%(place)s, ngày %(day)s tháng %(month)s năm %(year)s") % {
        "place": place,
        "day": f"{day.day:02d}",
        "month": month,
        "year": day.year,
    }


def place_of(organization: Organization) -> str:
    for prefix in PLACE_PREFIXES:
        if organization.name.startswith(prefix):
            return organization.name[len(prefix) :]
    return organization.name


def committee_name(organization: Organization) -> str:
    """The committee that issues for an organisation: “Đảng bộ xã X” → “Đảng ủy xã X”."""
    if organization.name.startswith("Đảng bộ"):
        return "Đảng ủy" + organization.name[len("Đảng bộ") :]
    return organization.name


def numbered(number: str) -> str:
    number = number.strip()
    if not number:
        return "Số      -QĐ/ĐU"
    return number if number.lower().startswith("số") else "Số " + number


# ---------------------------------------------------------------------------
# Building blocks


def _new_document() -> Any:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin = section.bottom_margin = Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(14)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    return document


def _line(
    container: Any,
    text: str,
    *,
    size: int = 14,
    bold: bool = False,
    italic: bool = False,
    align: Any = WD_ALIGN_PARAGRAPH.CENTER,
) -> Any:
    paragraph = container.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(0)
    run = paragraph.add_run(text)
    run.font.name, run.font.size, run.bold, run.italic = FONT, Pt(size), bold, italic
    return paragraph


def _rule_under(paragraph: Any) -> None:
    """A short rule under a heading, drawn as the paragraph's bottom border."""
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def _header(document: Any, issuer: Organization, number: str, day: date) -> None:
    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.width, right.width = Cm(7.5), Cm(9)
    left.paragraphs[0].text = ""
    higher = committee_name(issuer.parent) if issuer.parent else ""
    _line(left, higher.upper(), size=14)
    _line(left, committee_name(issuer).upper(), size=14, bold=True)
    _line(left, "*", size=14)
    _line(left, numbered(number), size=14)
    _rule_under(_line(right, "ĐẢNG CỘNG SẢN VIỆT NAM", size=15, bold=True))
    _line(right, "")
    _line(right, date_line(place_of(issuer), day), size=14, italic=True)


def _title(document: Any, summary: str) -> None:
    _line(document, "")
    _line(document, _("QUYẾT ĐỊNH"), size=16, bold=True)
    _line(document, summary, size=14, bold=True)
    _line(document, "-----", size=14)


def _body(document: Any, lines: list[str]) -> None:
    for text in lines:
        paragraph = _line(document, text, size=14, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
        paragraph.paragraph_format.first_line_indent = Cm(1)
        paragraph.paragraph_format.space_after = Pt(6)


def _signature(document: Any, recipients: list[str]) -> None:
    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.paragraphs[0].text = ""
    _line(left, _("Nơi nhận:"), size=12, bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    for recipient in recipients:
        _line(left, "- " + recipient, size=12, align=WD_ALIGN_PARAGRAPH.LEFT)
    _line(right, _("T/M BAN THƯỜNG VỤ"), size=14, bold=True)
    _line(right, _("BÍ THƯ"), size=14, bold=True)


def _bytes(document: Any) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _issuer(cell: Organization) -> Organization:
    """The grassroots committee above a cell (a grassroots cell issues for itself)."""
    return cell.parent if cell.parent and cell.level == "cell" else cell


# ---------------------------------------------------------------------------
# The two decisions


def admission_decision(candidate: Candidate, step: CandidateStep) -> bytes:
    """Quyết định kết nạp đảng viên (Quy định 24-QĐ/TW, 3.3)."""
    issuer = _issuer(candidate.cell)
    document = _new_document()
    _header(document, issuer, step.document_number, step.date)
    _title(document, _("về việc kết nạp đảng viên"))
    born = candidate.birth_date.strftime("%d/%m/%Y")
    _body(
        document,
        [
            _("- Căn cứ Điều lệ Đảng Cộng sản Việt Nam;"),
            _("- Căn cứ Quy định, Hướng dẫn thi hành Điều lệ Đảng của Ban Chấp hành Trung ương;"),
            _("- Xét đề nghị của %(cell)s và của Ban Tổ chức,") % {"cell": candidate.cell.name},
            _("BAN THƯỜNG VỤ %(issuer)s QUYẾT ĐỊNH") % {"issuer": committee_name(issuer).upper()},
            _(
                "Điều 1. Kết nạp quần chúng %(name)s, sinh ngày %(born)s, quê quán %(home)s, "
                "vào Đảng Cộng sản Việt Nam."
            )
            % {"name": candidate.full_name, "born": born, "home": candidate.home_town or "…"},
            _(
                "Điều 2. Thời gian dự bị 12 tháng kể từ ngày chi bộ tổ chức lễ kết nạp. "
                "Lễ kết nạp tổ chức trong thời hạn 30 ngày làm việc kể từ ngày nhận quyết định."
            ),
            _("Điều 3. %(cell)s và đồng chí %(name)s thi hành quyết định này.")
            % {"cell": candidate.cell.name, "name": candidate.full_name},
        ],
    )
    _signature(document, [_("Như Điều 3,"), _("Lưu hồ sơ đảng viên.")])
    return _bytes(document)


def recognition_decision(member: Member, event: MembershipEvent) -> bytes:
    """Quyết định công nhận đảng viên chính thức (Điều lệ Đảng, Điều 5)."""
    issuer = _issuer(member.cell)
    document = _new_document()
    _header(document, issuer, event.decision_number, event.decision_date or event.effective_date)
    _title(document, _("công nhận đảng viên chính thức"))
    official = event.effective_date
    ceremony = member.ceremony_date or official
    _body(
        document,
        [
            _("- Căn cứ Điều lệ Đảng Cộng sản Việt Nam;"),
            _("- Căn cứ Quy định, Hướng dẫn thi hành Điều lệ Đảng của Ban Chấp hành Trung ương;"),
            _("- Xét đề nghị của %(cell)s,") % {"cell": member.cell.name},
            _("BAN THƯỜNG VỤ %(issuer)s QUYẾT ĐỊNH") % {"issuer": committee_name(issuer).upper()},
            _(
                "Điều 1. Công nhận đồng chí %(name)s, sinh ngày %(born)s, kết nạp vào Đảng "
                "ngày %(ceremony)s, là đảng viên chính thức kể từ ngày %(official)s."
            )
            % {
                "name": member.full_name,
                "born": member.birth_date.strftime("%d/%m/%Y"),
                "ceremony": ceremony.strftime("%d/%m/%Y"),
                "official": (official or probation_end(ceremony)).strftime("%d/%m/%Y"),
            },
            _("Điều 2. %(cell)s và đồng chí %(name)s thi hành quyết định này.")
            % {"cell": member.cell.name, "name": member.full_name},
        ],
    )
    _signature(document, [_("Như Điều 2,"), _("Lưu hồ sơ đảng viên.")])
    return _bytes(document)


def docx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=DOCX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
