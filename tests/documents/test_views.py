"""The registry pages: scope on every page, issuing and registering, files, fixed query counts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from dangvu.documents.models import Document, DocumentFile
from dangvu.documents.services import attach_file
from dangvu.programs.models import Target
from dangvu.programs.services import add_task, create_programme
from tests.documents.helpers import issue, with_terms
from tests.fixtures.cast import Cast
from tests.generic import Endpoint, check_endpoint

pytestmark = pytest.mark.django_db
Login = Callable[[str], Client]


def _document(cast: Cast) -> Document:
    first = Document.objects.order_by("id").first()
    if first is None:
        with_terms(cast)
        first = issue(cast, date(2022, 4, 20), summary="về nhiệm vụ trọng tâm quý 2")
    return first


def _file(cast: Cast) -> str:
    document = _document(cast)
    attached = DocumentFile.objects.filter(document=document).first()
    if attached is None:
        upload = SimpleUploadedFile("ke-hoach.pdf", b"%PDF-1.4 test")
        attached = attach_file(cast.user("alice"), document, title="Bản ký", upload=upload)
    return f"/documents/{document.pk}/files/{attached.pk}/"


def _upload(cast: Cast) -> dict[str, object]:
    return {"title": "Phụ lục", "upload": SimpleUploadedFile("phu-luc.txt", "Phụ lục".encode())}


ENDPOINTS = [
    Endpoint(
        "list",
        lambda cast: f"/documents/?direction=outgoing&n={_document(cast).pk}",
        object_level=False,
        hidden_text="nhiệm vụ trọng tâm",
    ),
    Endpoint("detail", lambda cast: f"/documents/{_document(cast).pk}/"),
    Endpoint("docx", lambda cast: f"/documents/{_document(cast).pk}/docx/"),
    Endpoint("pdf", lambda cast: f"/documents/{_document(cast).pk}/pdf/"),
    Endpoint("file", _file),
    Endpoint(
        "upload",
        lambda cast: f"/documents/{_document(cast).pk}/files/",
        method="post",
        data=_upload,
        writes=True,
        ok_status=(302,),
    ),
    Endpoint("issue", lambda cast: "/documents/new/", writes=True, object_level=False),
    Endpoint("register", lambda cast: "/documents/incoming/", writes=True, object_level=False),
    Endpoint("templates", lambda cast: f"/documents/templates/?organization={cast.org('XA').pk}"),
    Endpoint(
        "template_edit",
        lambda cast: f"/documents/templates/{cast.org('XA').pk}/plan/",
        writes=True,
    ),
]


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=str)
def test_it_keeps_every_page_in_scope(endpoint: Endpoint, cast: Cast, login: Login) -> None:
    check_endpoint(endpoint, cast, login)


def _issue_data(cast: Cast, **change: object) -> dict[str, object]:
    return {
        "organization": cast.org("XA").pk,
        "kind": "resolution",
        "type_code": "",
        "issued_on": "20/04/2022",
        "summary": "về nhiệm vụ trọng tâm quý 2/2022",
        "body": "Nội dung.",
        "signer_title": "Bí thư",
        "signer_name": "Nguyễn Văn An",
        "recipients": "Các chi bộ",
        "confidentiality": "normal",
        "number": "",
        **change,
    }


def test_it_issues_a_document_and_shows_its_number(cast: Cast, login: Login) -> None:
    with_terms(cast)
    issue(cast, date(2021, 12, 27), number=9)
    response = login("alice").post("/documents/new/", _issue_data(cast), follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Số 10-NQ/ĐU" in page and "về nhiệm vụ trọng tâm quý 2/2022" in page
    assert Document.objects.get(number=10).type_code == "NQ"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"issued_on": "31/02/2022"}, "Ngày không hợp lệ"),
        ({"summary": ""}, "Trường này là bắt buộc."),
        ({"number": "9"}, "đã được cấp"),
        ({"number": "-3"}, "Số văn bản phải là số nguyên dương."),
        ({"issued_on": "01/01/2019"}, "Chưa có cấp ủy nhiệm kỳ nào"),
        ({"kind": "memo"}, "Chọn một giá trị trong danh sách."),
    ],
)
def test_it_refuses_bad_input_in_vietnamese_and_writes_nothing(
    change: dict[str, object], message: str, cast: Cast, login: Login
) -> None:
    with_terms(cast)
    issue(cast, date(2021, 12, 27), number=9)
    response = login("alice").post("/documents/new/", _issue_data(cast, **change))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Document.objects.count() == 1


def test_it_refuses_an_organisation_out_of_scope(cast: Cast, login: Login) -> None:
    with_terms(cast)
    response = login("eve").post("/documents/new/", _issue_data(cast))
    assert "Chọn một giá trị trong danh sách." in response.content.decode()
    assert not Document.objects.exists()


def test_it_prefills_the_issue_form_from_the_template(cast: Cast, login: Login) -> None:
    xa = cast.org("XA")
    page = login("alice").get("/documents/new/", {"organization": xa.pk, "kind": "plan"})
    text = page.content.decode()
    assert "I. MỤC ĐÍCH, YÊU CẦU" in text
    assert "Huyện ủy Thử Nghiệm (để báo cáo)," in text


def test_it_registers_an_incoming_document(cast: Cast, login: Login) -> None:
    data = {
        "organization": cast.org("XA").pk,
        "kind": "plan",
        "type_code": "KH",
        "number": "108",
        "issuer_code": "HU",
        "issuer_name": "Huyện ủy Thử Nghiệm",
        "issued_on": "10/04/2022",
        "received_on": "12/04/2022",
        "summary": "về tổ chức đại hội chi bộ",
        "confidentiality": "normal",
    }
    response = login("alice").post("/documents/incoming/", data, follow=True)
    assert "Đã vào sổ văn bản đến 108-KH/HU." in response.content.decode()
    data["received_on"] = "01/04/2022"
    response = login("alice").post("/documents/incoming/", data)
    assert "Ngày đến không được trước ngày ban hành." in response.content.decode()
    assert Document.objects.count() == 1


def test_it_attaches_a_file_and_serves_it_as_a_download(cast: Cast, login: Login) -> None:
    document = _document(cast)
    client = login("alice")
    client.post(f"/documents/{document.pk}/files/", _upload(cast))
    attached = DocumentFile.objects.get(document=document)
    response = client.get(f"/documents/{document.pk}/files/{attached.pk}/")
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content) == "Phụ lục".encode()  # type: ignore[attr-defined]


def test_it_refuses_a_file_of_another_type(cast: Cast, login: Login) -> None:
    document = _document(cast)
    upload = SimpleUploadedFile("virus.exe", b"MZ")
    response = login("alice").post(f"/documents/{document.pk}/files/", {"upload": upload})
    assert "Chỉ nhận tệp" in response.content.decode()
    assert not DocumentFile.objects.exists()


def test_it_lists_with_filters(cast: Cast, login: Login) -> None:
    _document(cast)
    issue(cast, date(2021, 12, 27), kind="plan", summary="chuyển đổi ruộng đất")
    client = login("alice")
    assert "chuyển đổi ruộng đất" in client.get("/documents/?search=ruong dat").content.decode()
    page = client.get("/documents/", {"year": "2022", "kind": "plan"}).content.decode()
    assert "chuyển đổi ruộng đất" not in page and "Không có văn bản nào." in page
    bad = client.get("/documents/", {"year": "abc", "direction": "sideways"})
    assert bad.status_code == 200 and "Không có văn bản nào." in bad.content.decode()


def test_it_lists_in_a_fixed_number_of_queries(cast: Cast, login: Login) -> None:
    _document(cast)
    client = login("alice")
    client.get("/documents/")
    for _n in range(5):
        issue(cast, date(2022, 5, 2), kind="notice")
    with CaptureQueriesContext(connection) as few:
        client.get("/documents/?page=2")
    with CaptureQueriesContext(connection) as many:
        assert "01-TB/ĐU" in client.get("/documents/").content.decode()
    assert len(many) == len(few)


def test_it_shows_the_detail_in_a_fixed_number_of_queries(cast: Cast, login: Login) -> None:
    document = _document(cast)
    client = login("alice")
    client.get(f"/documents/{document.pk}/")
    with CaptureQueriesContext(connection) as few:
        client.get(f"/documents/{document.pk}/")
    for n in range(3):
        attach_file(
            cast.user("alice"),
            document,
            title=f"Tệp {n}",
            upload=SimpleUploadedFile(f"t{n}.txt", b"x"),
        )
    with CaptureQueriesContext(connection) as many:
        assert "Tệp 2" in client.get(f"/documents/{document.pk}/").content.decode()
    assert len(many) == len(few)


def test_it_shows_the_programmes_tasks_and_targets_the_document_drives(
    cast: Cast, login: Login
) -> None:
    document = _document(cast)
    alice, xa = cast.user("alice"), cast.org("XA")
    programme = create_programme(alice, organization=xa, period="2022-Q2", document=document)
    add_task(
        alice,
        programme,
        title="Tổ chức hội nghị quán triệt",
        deadline="5/2022",
        owner_org=cast.org("XA-DONG"),
        documents=[document],
    )
    Target.objects.create(
        organization=xa,
        org_path=xa.path,
        year=2022,
        name="Dồn điền đổi thửa",
        planned=10,
        document=document,
    )
    page = login("lan").get(f"/documents/{document.pk}/").content.decode()
    assert "Chương trình công tác quý 2/2022" in page
    assert "Tổ chức hội nghị quán triệt" in page and "Dồn điền đổi thửa" in page


def test_it_names_the_document_once_in_the_breadcrumbs(cast: Cast, login: Login) -> None:
    document = _document(cast)
    page = login("alice").get(f"/documents/{document.pk}/").content.decode()
    crumbs = page.split('class="breadcrumbs"', 1)[1].split("</nav>", 1)[0]
    assert crumbs.count("01-NQ/ĐU") == 1
    assert "bắt đầu năm 2020" in page
