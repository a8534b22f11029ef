"""The Word file of an outgoing document opens and carries the official header."""

from __future__ import annotations

import io
from datetime import date

import pytest
from docx import Document as WordDocument

from dangvu.documents.rendering import document_docx
from tests.documents.helpers import issue, with_terms
from tests.fixtures.cast import Cast

pytestmark = pytest.mark.django_db


def _texts(content: bytes) -> list[str]:
    word = WordDocument(io.BytesIO(content))
    cells = [p.text for t in word.tables for c in t._cells for p in c.paragraphs]
    return cells + [p.text for p in word.paragraphs]


def test_it_renders_the_header_number_and_date_line(cast: Cast) -> None:
    with_terms(cast)
    issue(cast, date(2021, 12, 27), number=15)
    texts = _texts(document_docx(issue(cast, date(2022, 4, 20))))
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in texts
    assert "ĐẢNG ỦY XÃ HÒA AN" in texts and "HUYỆN ỦY THỬ NGHIỆM" in texts
    assert "Số 16-NQ/ĐU" in texts and "*" in texts
    assert "Hòa An, ngày 20 tháng 4 năm 2022" in texts


def test_it_writes_leading_zeros_for_early_days_and_months(cast: Cast) -> None:
    with_terms(cast)
    texts = _texts(document_docx(issue(cast, date(2022, 2, 5))))
    assert "Hòa An, ngày 05 tháng 02 năm 2022" in texts


def test_it_renders_the_kind_summary_body_signature_and_recipients(cast: Cast) -> None:
    with_terms(cast)
    document = issue(
        cast,
        date(2022, 4, 20),
        body="Đoạn một.\n\nĐoạn hai.",
        signer_name="Nguyễn Văn An",
        signer_title="Bí thư",
        recipients="Huyện ủy Thử Nghiệm\nCác chi bộ trực thuộc\nLưu Văn phòng",
    )
    texts = _texts(document_docx(document))
    assert "NGHỊ QUYẾT" in texts and "về nhiệm vụ năm 2022" in texts
    assert "Đoạn một." in texts and "Đoạn hai." in texts
    assert {"T/M BAN CHẤP HÀNH", "BÍ THƯ", "Nguyễn Văn An", "Nơi nhận:"} <= set(texts)
    assert "- Các chi bộ trực thuộc" in texts
