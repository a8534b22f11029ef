"""A document not “Thường” is read only by staff and leaders of its subtree, everywhere."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from django.test import Client

from dangvu.documents import services
from dangvu.documents.models import Document
from tests.documents.helpers import issue, with_terms
from tests.fixtures.cast import Cast

pytestmark = pytest.mark.django_db
Login = Callable[[str], Client]


def _incoming(cast: Cast, summary: str, confidentiality: str) -> Document:
    """A document in the book of bob's cell (XA-DONG), entered by alice (staff of XA)."""
    return services.register_incoming(
        cast.user("alice"),
        organization=cast.org("XA-DONG"),
        kind="official_letter",
        type_code="CV",
        number=12,
        issuer_code="ĐU",
        issuer_name="Đảng ủy xã Hòa An",
        issued_on=date(2022, 4, 20),
        received_on=date(2022, 4, 21),
        summary=summary,
        confidentiality=confidentiality,
    )


@pytest.fixture
def secret(cast: Cast) -> Document:
    _incoming(cast, "về lịch sinh hoạt tháng 5", "normal")
    return _incoming(cast, "về công tác bảo vệ chính trị nội bộ", "secret")


@pytest.mark.parametrize(("username", "sees"), [("alice", True), ("lan", True), ("root", True)])
def test_it_shows_a_secret_document_to_staff_and_leaders(
    username: str, sees: bool, secret: Document, cast: Cast
) -> None:
    assert Document.objects.visible_to(cast.user(username)).filter(pk=secret.pk).exists() is sees


@pytest.mark.parametrize("username", ["dave", "bob", "charlie", "eve"])
def test_it_hides_a_secret_document_from_the_others(
    username: str, secret: Document, cast: Cast
) -> None:
    visible = Document.objects.visible_to(cast.user(username))
    assert not visible.filter(pk=secret.pk).exists()


def test_it_still_shows_the_cell_secretary_the_normal_ones(secret: Document, cast: Cast) -> None:
    summaries = set(Document.objects.visible_to(cast.user("bob")).values_list("summary", flat=True))
    assert summaries == {"về lịch sinh hoạt tháng 5"}


@pytest.mark.parametrize("username", ["dave", "bob"])
def test_it_hides_it_on_every_page_and_endpoint(
    username: str, secret: Document, login: Login
) -> None:
    client = login(username)
    for url in (f"/documents/{secret.pk}/", f"/api/v1/documents/{secret.pk}/"):
        assert client.get(url).status_code == 404, url
    for url in ("/documents/?search=chinh tri", "/api/v1/documents/?search=chinh tri"):
        assert "bảo vệ chính trị" not in client.get(url).content.decode(), url
    assert "lịch sinh hoạt" in client.get("/documents/").content.decode()


def test_it_shows_it_to_staff_on_every_page_and_endpoint(secret: Document, login: Login) -> None:
    client = login("alice")
    assert client.get(f"/documents/{secret.pk}/").status_code == 200
    assert client.get(f"/api/v1/documents/{secret.pk}/").json()["confidentiality"] == "secret"
    rows = client.get("/api/v1/documents/?search=chinh tri").json()["results"]
    assert [row["code"] for row in rows] == ["12-CV/ĐU"]
    assert "bảo vệ chính trị" in client.get("/documents/?search=chinh tri").content.decode()


def test_it_hides_the_word_and_pdf_of_a_secret_outgoing_document(cast: Cast, login: Login) -> None:
    with_terms(cast)
    document = issue(cast, date(2022, 4, 20), confidentiality="top_secret")
    for suffix in ("docx/", "pdf/"):
        assert login("dave").get(f"/documents/{document.pk}/{suffix}").status_code == 404
        assert login("dave").get(f"/api/v1/documents/{document.pk}/{suffix}").status_code == 404
        assert login("lan").get(f"/documents/{document.pk}/{suffix}").status_code == 200
