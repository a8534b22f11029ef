"""Files attached to a document: types and size as a meeting's, staff only, with history."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from dangvu.documents import services
from dangvu.documents.models import Document, DocumentFile
from tests.documents.helpers import issue, with_terms
from tests.fixtures.cast import Cast

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(cast: Cast) -> Document:
    with_terms(cast)
    return issue(cast, date(2022, 4, 20))


def test_it_attaches_a_file_named_after_the_upload(cast: Cast, document: Document) -> None:
    upload = SimpleUploadedFile("Phu-luc-01.xlsx", b"PK")
    attached = services.attach_file(cast.user("alice"), document, title=" ", upload=upload)
    assert attached.title == "Phu-luc-01.xlsx"
    assert attached.org_path == document.org_path
    assert attached.history.get().history_user == cast.user("alice")


@pytest.mark.parametrize(
    ("name", "size", "message"),
    [
        ("script.js", 10, "Chỉ nhận tệp doc, docx"),
        ("khong-duoi", 10, "Chỉ nhận tệp"),
        ("scan.pdf", 20 * 1024 * 1024 + 1, "Tệp lớn hơn 20 MB."),
    ],
)
def test_it_refuses_a_bad_file_and_writes_nothing(
    name: str, size: int, message: str, cast: Cast, document: Document
) -> None:
    upload = SimpleUploadedFile(name, b"x")
    upload.size = size
    with pytest.raises(ValidationError) as error:
        services.attach_file(cast.user("alice"), document, title="Tệp", upload=upload)
    assert message in error.value.message_dict["upload"][0]
    assert not DocumentFile.objects.exists()


def test_it_lets_only_staff_attach(cast: Cast, document: Document) -> None:
    for username in ("dave", "lan", "bob", "eve"):
        with pytest.raises(PermissionDenied):
            services.attach_file(
                cast.user(username), document, title="", upload=SimpleUploadedFile("a.pdf", b"x")
            )
    assert not DocumentFile.objects.exists()
