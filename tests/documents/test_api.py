"""The document registry API: scope on every endpoint, numbering through it, bad input."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from docx import Document as WordDocument

from dangvu.documents.models import Document, DocumentFile
from tests.documents.helpers import issue, pdf_text, with_terms
from tests.fixtures.cast import Cast
from tests.generic import Endpoint, check_endpoint

pytestmark = pytest.mark.django_db
Login = Callable[[str], Client]
URL = "/api/v1/documents/"


def _document(cast: Cast) -> Document:
    if not Document.objects.exists():
        with_terms(cast)
        issue(cast, date(2022, 4, 20), summary="về nhiệm vụ trọng tâm quý 2")
    first = Document.objects.order_by("id").first()
    assert first is not None
    return first


def _post(cast: Cast) -> dict[str, object]:
    _document(cast)
    return {
        "organization": cast.org("XA").pk,
        "type_code": "NQ",
        "issued_on": "2022-04-21",
        "summary": "về công tác cán bộ",
        "body": "Nội dung.",
    }


ENDPOINTS = [
    Endpoint(
        "list",
        lambda cast: URL + f"?organization={_document(cast).organization_id}",
        api=True,
        object_level=False,
        hidden_text="nhiệm vụ trọng tâm",
    ),
    Endpoint("detail", lambda cast: f"{URL}{_document(cast).pk}/", api=True),
    Endpoint("docx", lambda cast: f"{URL}{_document(cast).pk}/docx/", api=True),
    Endpoint("pdf", lambda cast: f"{URL}{_document(cast).pk}/pdf/", api=True),
    Endpoint(
        "create",
        lambda cast: URL,
        method="post",
        data=_post,
        writes=True,
        api=True,
        ok_status=(201,),
    ),
]


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=str)
def test_it_keeps_every_endpoint_in_scope(endpoint: Endpoint, cast: Cast, login: Login) -> None:
    check_endpoint(endpoint, cast, login)


def test_it_issues_the_next_number_through_the_api(cast: Cast, login: Login) -> None:
    with_terms(cast)
    issue(cast, date(2021, 12, 27), number=9)
    issue(cast, date(2022, 1, 10), number=15)
    response = login("alice").post(URL, _post(cast), content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["code"] == "16-NQ/ĐU"
    assert response.json()["number_line"] == "Số 16-NQ/ĐU"


def test_it_searches_without_accents(cast: Cast, login: Login) -> None:
    _document(cast)
    issue(cast, date(2022, 4, 20), kind="plan", summary="thực hiện chuyển đổi ruộng đất")
    rows = login("alice").get(URL, {"search": "ruong dat"}).json()["results"]
    assert [row["code"] for row in rows] == ["01-KH/ĐU"]
    rows = login("alice").get(URL, {"search": "01-NQ/ĐU"}).json()["results"]
    assert [row["summary"] for row in rows] == ["về nhiệm vụ trọng tâm quý 2"]
    rows = login("alice").get(URL, {"search": "nghi quyet"}).json()["results"]
    assert [row["code"] for row in rows] == ["01-NQ/ĐU"]


def test_it_lists_in_a_fixed_number_of_queries(cast: Cast, login: Login) -> None:
    _document(cast)
    client = login("alice")
    client.get(URL)
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    for _n in range(5):
        issue(cast, date(2022, 5, 2), kind="notice")
    with CaptureQueriesContext(connection) as many:
        assert client.get(URL).json()["count"] == 6
    assert len(many) == len(few)


def test_it_downloads_the_word_file(cast: Cast, login: Login) -> None:
    document = _document(cast)
    response = login("alice").get(f"{URL}{document.pk}/docx/")
    word = WordDocument(io.BytesIO(response.content))
    texts = [p.text for t in word.tables for c in t._cells for p in c.paragraphs]
    assert "Số 01-NQ/ĐU" in texts
    assert "Hòa An, ngày 20 tháng 4 năm 2022" in texts


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"type_code": "XYZ"}, "kind"),
        ({"issued_on": "20/04/2022"}, "issued_on"),
        ({"summary": ""}, "summary"),
        ({"organization": "abc"}, "organization"),
        ({"number": 0}, "number"),
        ({"number": 1}, "number"),
        ({"issued_on": "2019-01-01"}, "issued_on"),
        ({"direction": "incoming"}, "received_on"),
        ({"confidentiality": "x"}, "confidentiality"),
    ],
)
def test_it_answers_400_on_bad_input(
    change: dict[str, object], field: str, cast: Cast, login: Login
) -> None:
    data = {**_post(cast), **change}
    response = login("alice").post(URL, data, content_type="application/json")
    assert response.status_code == 400, response.content
    assert field in response.json()
    assert Document.objects.count() == 1


def test_it_registers_an_incoming_document(cast: Cast, login: Login) -> None:
    data = {
        **_post(cast),
        "direction": "incoming",
        "type_code": "KH",
        "number": 108,
        "issuer_code": "HU",
        "issuer_name": "Huyện ủy Thử Nghiệm",
        "received_on": "2022-04-25",
    }
    response = login("alice").post(URL, data, content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["code"] == "108-KH/HU"


def test_it_refuses_the_word_file_of_an_incoming_document(cast: Cast, login: Login) -> None:
    test_it_registers_an_incoming_document(cast, login)
    incoming = Document.objects.get(direction="incoming")
    assert login("alice").get(f"{URL}{incoming.pk}/docx/").status_code == 400


def test_it_downloads_the_pdf(cast: Cast, login: Login) -> None:
    document = _document(cast)
    response = login("alice").get(f"{URL}{document.pk}/pdf/")
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "Hòa An, ngày 20 tháng 4 năm 2022" in pdf_text(response.content)


def _attach(client: Client, document: Document, name: str = "ban-ky.pdf") -> Any:
    upload = SimpleUploadedFile(name, b"%PDF-1.4 scan")
    return client.post(f"{URL}{document.pk}/files/", {"title": "Bản ký", "upload": upload})


def test_it_keeps_the_file_upload_in_scope(cast: Cast, login: Login) -> None:
    document = _document(cast)
    assert _attach(Client(), document).status_code in (401, 403)
    assert _attach(login("eve"), document).status_code == 404
    assert _attach(login("dave"), document).status_code == 403
    assert not DocumentFile.objects.exists()
    response = _attach(login("alice"), document)
    assert response.status_code == 201, response.content
    assert response.json()["title"] == "Bản ký"


@pytest.mark.parametrize(
    ("name", "message"), [("virus.exe", "Chỉ nhận tệp"), ("", "Chọn một tệp để tải lên.")]
)
def test_it_refuses_a_bad_file_in_vietnamese(
    name: str, message: str, cast: Cast, login: Login
) -> None:
    document = _document(cast)
    client = login("alice")
    if name:
        response = _attach(client, document, name)
    else:
        response = client.post(f"{URL}{document.pk}/files/", {"title": "Không có tệp"})
    assert response.status_code == 400
    assert message in response.json()["upload"][0]
    assert not DocumentFile.objects.exists()
