"""The official layout of party documents in Word, shared by every app that writes one.

Layout of RULES.md, "Official documents" (Hướng dẫn 36-HD/VPTW, 03/4/2018): A4,
Times New Roman; top left the higher body (upper case, 14), the issuing body
(upper case, 14, bold), "*" and the number; top right "ĐẢNG CỘNG SẢN VIỆT NAM"
(upper case, 15, bold) with a rule under it, then the place and date in
italics; then the document type, the summary, the body and the signature block.
Decisions (admissions) and minutes (meetings) are built from these pieces.
"""

from __future__ import annotations

import io
import re
from datetime import date
from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

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


def new_document() -> Any:
    """An empty A4 document with the margins and the font of the official layout."""
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


# Characters XML 1.0 cannot hold (C0 controls but tab, newline and carriage return;
# lone surrogates; U+FFFE, U+FFFF): python-docx refuses the whole document for one.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """``text`` without the characters a Word file cannot hold (typed or pasted controls)."""
    return _NOT_XML.sub("", text)


def line(
    container: Any,
    text: str,
    *,
    size: int = 14,
    bold: bool = False,
    italic: bool = False,
    align: Any = WD_ALIGN_PARAGRAPH.CENTER,
) -> Any:
    """One paragraph of one run, in the document's font."""
    paragraph = container.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(0)
    run = paragraph.add_run(xml_safe(text))
    run.font.name, run.font.size, run.bold, run.italic = FONT, Pt(size), bold, italic
    return paragraph


def rule_under(paragraph: Any) -> None:
    """A short rule under a heading, drawn as the paragraph's bottom border."""
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def header(
    document: Any,
    issuer: Organization,
    number: str | None,
    day: date,
    *,
    place: str | None = None,
) -> None:
    """The two header blocks; ``number=None`` leaves out the number line (minutes)."""
    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.width, right.width = Cm(7.5), Cm(9)
    left.paragraphs[0].text = ""
    higher = committee_name(issuer.parent) if issuer.parent else ""
    line(left, higher.upper(), size=14)
    line(left, committee_name(issuer).upper(), size=14, bold=True)
    line(left, "*", size=14)
    if number is not None:
        line(left, numbered(number), size=14)
    rule_under(line(right, "ĐẢNG CỘNG SẢN VIỆT NAM", size=15, bold=True))
    line(right, "")
    line(right, date_line(place or place_of(issuer), day), size=14, italic=True)


def body(document: Any, lines: list[str]) -> None:
    """Justified paragraphs with a first-line indent, as in the official body text."""
    for text in lines:
        paragraph = line(document, text, size=14, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
        paragraph.paragraph_format.first_line_indent = Cm(1)
        paragraph.paragraph_format.space_after = Pt(6)


def to_bytes(document: Any) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def docx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=DOCX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
