"""An outgoing document as a PDF in the official layout, the same page as its Word file.

Hướng dẫn 36-HD/VPTW (RULES.md): A4, margins 20 mm top and bottom, 30 mm left,
15 mm right; top left the higher body (upper case, 14), the issuing body (upper
case, 14, bold), “*” and the number; top right “ĐẢNG CỘNG SẢN VIỆT NAM” (15,
bold) with a rule under it and the place and date in italics; the kind (16,
bold) and the summary (14, bold); the body justified with a first-line indent;
the signature block on the right and “Nơi nhận:” on the left.

The font is Liberation Serif 2.1 (Times New Roman's metrics, every Vietnamese
glyph, SIL Open Font License), shipped in ``fonts/`` so that a new machine
needs nothing installed; fpdf2 embeds the glyphs used.
"""

from __future__ import annotations

from pathlib import Path

from django.http import HttpResponse
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import Align, XPos, YPos

from dangvu.core.docx_layout import committee_name, date_line, numbered, place_of
from dangvu.documents.boilerplate import signature_block
from dangvu.documents.models import Document

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FAMILY = "LiberationSerif"
_FONT_FILES = {"": "Regular", "B": "Bold", "I": "Italic", "BI": "BoldItalic"}
PDF_TYPE = "application/pdf"

_LEFT, _RIGHT, _TOP, _BOTTOM = 30.0, 15.0, 20.0, 20.0
_LEFT_BLOCK = 72.0  # the issuing body's block, from the left margin
_RIGHT_BLOCK = 93.0  # “ĐẢNG CỘNG SẢN VIỆT NAM” and the date line, up to the right margin
_LINE = 6.5  # mm between the lines of 14-point text
_SMALL_LINE = 5.5  # mm between the lines of 12-point text


def _new_pdf(document: Document) -> FPDF:
    pdf = FPDF(orientation="portrait", unit="mm", format="A4")
    pdf.set_margins(_LEFT, _TOP, _RIGHT)
    pdf.set_auto_page_break(auto=True, margin=_BOTTOM)
    for style, name in _FONT_FILES.items():
        pdf.add_font(FAMILY, style, str(FONT_DIR / f"LiberationSerif-{name}.ttf"))
    pdf.set_title(f"{document.number_line} {document.summary}")
    pdf.set_creator("dangvu")
    pdf.add_page()
    return pdf


def _centred(
    pdf: FPDF, text: str, x: float, width: float, *, size: int, style: str = "", height: float = 0
) -> None:
    """One centred block of text in the column from ``x``, ``width`` wide, wrapped if long."""
    pdf.set_font(FAMILY, style, size)
    pdf.set_x(x)
    pdf.multi_cell(
        width,
        height or _LINE,
        text,
        align=Align.C,
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )


def _header(pdf: FPDF, document: Document) -> None:
    organization = document.organization
    higher = committee_name(organization.parent) if organization.parent else ""
    right_x = pdf.w - _RIGHT - _RIGHT_BLOCK
    pdf.set_y(_TOP)
    _centred(pdf, higher.upper(), _LEFT, _LEFT_BLOCK, size=14)
    _centred(pdf, committee_name(organization).upper(), _LEFT, _LEFT_BLOCK, size=14, style="B")
    _centred(pdf, "*", _LEFT, _LEFT_BLOCK, size=14)
    _centred(pdf, numbered(document.number_line), _LEFT, _LEFT_BLOCK, size=14)
    left_bottom = pdf.get_y()
    pdf.set_y(_TOP)
    _centred(pdf, "ĐẢNG CỘNG SẢN VIỆT NAM", right_x, _RIGHT_BLOCK, size=15, style="B")
    middle = right_x + _RIGHT_BLOCK / 2
    pdf.set_line_width(0.3)
    pdf.line(middle - 33, pdf.get_y() + 0.5, middle + 33, pdf.get_y() + 0.5)
    pdf.set_y(pdf.get_y() + _LINE)
    place = document.place or place_of(organization)
    _centred(pdf, date_line(place, document.issued_on), right_x, _RIGHT_BLOCK, size=14, style="I")
    pdf.set_y(max(left_bottom, pdf.get_y()) + _LINE)


def _title(pdf: FPDF, document: Document) -> None:
    width = pdf.w - _LEFT - _RIGHT
    _centred(pdf, document.get_kind_display().upper(), _LEFT, width, size=16, style="B", height=8)
    _centred(pdf, document.summary, _LEFT, width, size=14, style="B")
    _centred(pdf, "-----", _LEFT, width, size=14)
    pdf.ln(_LINE / 2)


def _body(pdf: FPDF, document: Document) -> None:
    paragraphs = [part.strip() for part in document.body.splitlines() if part.strip()]
    if not paragraphs:
        return
    pdf.set_font(FAMILY, "", 14)
    with pdf.text_columns(text_align=Align.J, line_height=1.15) as columns:
        for text in paragraphs:
            with columns.paragraph(first_line_indent=10, bottom_margin=2) as paragraph:
                paragraph.write(text)


def _signature(pdf: FPDF, document: Document) -> None:
    block = signature_block(document)
    recipients_height = _SMALL_LINE * (len(block.recipients) + 1)
    signature_height = _LINE * 6
    pdf.ln(_LINE / 2)
    if pdf.get_y() + max(recipients_height, signature_height) > pdf.h - _BOTTOM:
        pdf.add_page()
    top = pdf.get_y()
    pdf.set_font(FAMILY, "BI", 12)
    pdf.set_x(_LEFT)
    pdf.cell(_LEFT_BLOCK, _SMALL_LINE, _("Nơi nhận:"), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FAMILY, "", 12)
    for recipient in block.recipients:
        pdf.set_x(_LEFT)
        pdf.multi_cell(
            _LEFT_BLOCK, _SMALL_LINE, "- " + recipient, new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )
    bottom = pdf.get_y()
    right_x = pdf.w - _RIGHT - _RIGHT_BLOCK
    pdf.set_y(top)
    _centred(pdf, block.prefix, right_x, _RIGHT_BLOCK, size=14, style="B")
    if block.signer_title:
        _centred(pdf, block.signer_title.upper(), right_x, _RIGHT_BLOCK, size=14, style="B")
    pdf.set_y(pdf.get_y() + 3 * _LINE)
    if block.signer_name:
        _centred(pdf, block.signer_name, right_x, _RIGHT_BLOCK, size=14, style="B")
    pdf.set_y(max(bottom, pdf.get_y()))


def document_pdf(document: Document) -> bytes:
    """The PDF of one outgoing document: reads its organisation and its template."""
    pdf = _new_pdf(document)
    _header(pdf, document)
    _title(pdf, document)
    _body(pdf, document)
    _signature(pdf, document)
    return bytes(pdf.output())


def pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=PDF_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
