"""Templates per kind: built-in defaults, staff edits, the form and the renderings using them."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from docx import Document as WordDocument

from dangvu.documents import boilerplate, services
from dangvu.documents.models import DocumentTemplate
from dangvu.documents.pdf import document_pdf
from dangvu.documents.rendering import document_docx
from tests.documents.helpers import issue, pdf_text, with_terms
from tests.fixtures.cast import Cast

pytestmark = pytest.mark.django_db
Login = Callable[[str], Client]


def _word_texts(content: bytes) -> list[str]:
    word = WordDocument(io.BytesIO(content))
    return [p.text for t in word.tables for c in t._cells for p in c.paragraphs]


def test_it_defaults_the_signature_line_per_kind_and_body(cast: Cast) -> None:
    xa, cell = cast.org("XA"), cast.org("XA-DONG")
    assert boilerplate.template_for(xa, "resolution").signature_prefix == "T/M BAN CHẤP HÀNH"
    assert boilerplate.template_for(xa, "report").signature_prefix == "T/M ĐẢNG ỦY"
    assert boilerplate.template_for(cell, "resolution").signature_prefix == "T/M CHI ỦY"
    assert boilerplate.template_for(xa.parent, "plan").signature_prefix == "T/M BAN THƯỜNG VỤ"


def test_it_saves_and_changes_a_template(cast: Cast) -> None:
    xa, alice = cast.org("XA"), cast.user("alice")
    services.save_template(alice, organization=xa, kind="plan", signature_prefix="T/M ĐẢNG ỦY")
    services.save_template(
        alice,
        organization=xa,
        kind="plan",
        signature_prefix="T/M BAN THƯỜNG VỤ",
        body="I. MỤC ĐÍCH",
    )
    saved = boilerplate.template_for(xa, "plan")
    assert (saved.stored, saved.signature_prefix, saved.body) == (
        True,
        "T/M BAN THƯỜNG VỤ",
        "I. MỤC ĐÍCH",
    )
    assert DocumentTemplate.objects.count() == 1
    assert DocumentTemplate.objects.get().history.count() == 2


@pytest.mark.parametrize(
    ("change", "field"),
    [({"signature_prefix": "  "}, "signature_prefix"), ({"kind": "memo"}, "kind"),
     ({"signer_title": "x" * 121}, "signer_title")],
)  # fmt: skip
def test_it_refuses_a_bad_template_and_writes_nothing(
    change: dict[str, str], field: str, cast: Cast
) -> None:
    data = {"kind": "plan", "signature_prefix": "T/M ĐẢNG ỦY", **change}
    with pytest.raises(ValidationError) as error:
        services.save_template(cast.user("alice"), organization=cast.org("XA"), **data)
    assert field in error.value.message_dict
    assert not DocumentTemplate.objects.exists()


def test_it_lets_only_staff_edit_a_template(cast: Cast) -> None:
    for username in ("dave", "lan", "eve"):
        with pytest.raises(PermissionDenied):
            services.save_template(
                cast.user(username),
                organization=cast.org("XA"),
                kind="plan",
                signature_prefix="T/M",
            )


def test_it_renders_the_templates_signature_block_when_the_document_has_none(
    cast: Cast,
) -> None:
    with_terms(cast)
    services.save_template(
        cast.user("alice"),
        organization=cast.org("XA"),
        kind="report",
        signature_prefix="T/M ĐẢNG ỦY",
        signer_title="Phó Bí thư",
        recipients="Huyện ủy Thử Nghiệm\nLưu Văn phòng",
    )
    document = issue(cast, date(2022, 4, 7), kind="report", signer_name="Hà Huy Hiền")
    texts = _word_texts(document_docx(document))
    assert {"T/M ĐẢNG ỦY", "PHÓ BÍ THƯ", "Hà Huy Hiền", "- Lưu Văn phòng"} <= set(texts)
    text = pdf_text(document_pdf(document))
    assert "T/M ĐẢNG ỦY" in text and "PHÓ BÍ THƯ" in text and "- Lưu Văn phòng" in text


def test_it_keeps_the_documents_own_title_and_recipients(cast: Cast) -> None:
    with_terms(cast)
    document = issue(
        cast, date(2022, 4, 7), kind="report", signer_title="Bí thư", recipients="Các chi bộ"
    )
    texts = _word_texts(document_docx(document))
    assert "BÍ THƯ" in texts and "- Các chi bộ" in texts and "- Lưu Văn phòng." not in texts


def test_it_edits_a_template_through_the_page(cast: Cast, login: Login) -> None:
    xa = cast.org("XA")
    url = f"/documents/templates/{xa.pk}/notice/"
    data = {"signature_prefix": "T/L BAN THƯỜNG VỤ", "signer_title": "Chánh Văn phòng"}
    response = login("alice").post(url, data, follow=True)
    assert "Đã lưu mẫu thông báo." in response.content.decode()
    assert "T/L BAN THƯỜNG VỤ" in response.content.decode()
    page = login("alice").get("/documents/new/", {"organization": xa.pk, "kind": "notice"})
    assert "Chánh Văn phòng" in page.content.decode()


def test_it_refuses_a_blank_signature_line_on_the_page(cast: Cast, login: Login) -> None:
    url = f"/documents/templates/{cast.org('XA').pk}/notice/"
    response = login("alice").post(url, {"signature_prefix": "", "signer_title": "x"})
    assert "Trường này là bắt buộc." in response.content.decode()
    assert login("alice").get(f"/documents/templates/{cast.org('XA').pk}/memo/").status_code == 404
    assert not DocumentTemplate.objects.exists()


def test_it_lists_every_kind_in_two_queries(
    cast: Cast, django_assert_num_queries: Callable[[int], object]
) -> None:
    xa = cast.org("XA")
    services.save_template(cast.user("alice"), organization=xa, kind="plan", signature_prefix="X")
    with django_assert_num_queries(2):  # type: ignore[attr-defined]  # the templates, the parent
        rows = boilerplate.templates_of(xa)
    assert len(rows) == 12 and [r.stored for r in rows].count(True) == 1
