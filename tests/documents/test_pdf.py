"""The PDF of an outgoing document: the same layout as the Word file, Vietnamese text intact."""

from __future__ import annotations

from datetime import date

import pytest

from dangvu.documents.pdf import document_pdf
from tests.documents.helpers import issue, pdf_text, with_terms
from tests.fixtures.cast import Cast

pytestmark = pytest.mark.django_db


def test_it_renders_the_header_number_and_date_line(cast: Cast) -> None:
    with_terms(cast)
    issue(cast, date(2021, 12, 27), number=15)
    content = document_pdf(issue(cast, date(2022, 4, 20)))
    assert content.startswith(b"%PDF")
    text = pdf_text(content)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text and "ĐẢNG ỦY XÃ HÒA AN" in text
    assert "Số 16-NQ/ĐU" in text
    assert "Hòa An, ngày 20 tháng 4 năm 2022" in text
