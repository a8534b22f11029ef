"""An outgoing document as a Word file in the official layout (Hướng dẫn 36-HD/VPTW).

The pieces are the shared ``dangvu.core.docx_layout``, as the minutes of
``meetings.documents`` use them: the two header blocks (the higher body, the
issuing body, “*”, the number line; “ĐẢNG CỘNG SẢN VIỆT NAM”, the place and
date in words), the kind in upper case and the summary, the body, the
signature block (“T/M BAN CHẤP HÀNH”, the title, the name) and “Nơi nhận:”.
The signature block and recipients come from ``boilerplate.signature_block``
(the document's own, the template's where it has none), so the PDF of
``documents.pdf`` prints the same.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from docx.enum.text import WD_ALIGN_PARAGRAPH

from dangvu.core.docx_layout import body, header, line, new_document, to_bytes
from dangvu.documents.boilerplate import signature_block
from dangvu.documents.models import Document


def _lines(text: str) -> list[str]:
    return [part.strip() for part in text.splitlines() if part.strip()]


def _title(word_document: Any, document: Document) -> None:
    line(word_document, "")
    line(word_document, document.get_kind_display().upper(), size=16, bold=True)
    line(word_document, document.summary, size=14, bold=True)
    line(word_document, "-----", size=14)


def _signature(word_document: Any, document: Document) -> None:
    block = signature_block(document)
    line(word_document, "")
    table = word_document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.paragraphs[0].text = right.paragraphs[0].text = ""
    line(left, _("Nơi nhận:"), size=12, bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    for recipient in block.recipients:
        line(left, "- " + recipient, size=12, align=WD_ALIGN_PARAGRAPH.LEFT)
    line(right, block.prefix, size=14, bold=True)
    if block.signer_title:
        line(right, block.signer_title.upper(), size=14, bold=True)
    for _blank in range(3):
        line(right, "")
    line(right, block.signer_name, size=14, bold=True)


def document_docx(document: Document) -> bytes:
    """The Word file of one outgoing document: reads its organisation and its template."""
    word_document = new_document()
    header(
        word_document,
        document.organization,
        document.number_line,
        document.issued_on,
        place=document.place or None,
    )
    _title(word_document, document)
    body(word_document, _lines(document.body))
    _signature(word_document, document)
    return to_bytes(word_document)
