"""A secret document cited by a programme, a task, a target or a review stays secret there.

The registry hides a document above “Thường” from a viewer (``test_confidentiality``);
these tests follow the links: staff (alice) and the leader (lan) see the document's
number and summary wherever it is cited, a viewer (dave) and a cell secretary (bob)
see neither — not on a page, not in an API field, not in the Word draft, not in the
inbox, not in a search — nor any sign that a document was left out. Meetings and
congresses link no registry document (their texts and files are their own).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx import Document as WordDocument

from dangvu.core import deadlines as inbox
from dangvu.documents import access, services
from dangvu.documents.models import Document
from dangvu.programs import services as programs
from dangvu.programs import services_reviews
from dangvu.programs.models import Programme, Review, Target, Task
from tests.fixtures.cast import Cast

pytestmark = pytest.mark.django_db
Login = Callable[[str], Client]

CODE = "77-NQ/TU"
SUMMARY = "bảo vệ chính trị nội bộ"
NORMAL_CODE = "108-KH/HU"
# What would betray that a document was left out (a placeholder, a count, its level).
HINTS = ("văn bản mật", "văn bản ẩn", "(ẩn)", "không được xem", "hidden document", "confidential")


def _incoming(
    cast: Cast, org: str, number: int, summary: str, level: str, **extra: Any
) -> Document:
    values: dict[str, Any] = {
        "kind": "resolution",
        "type_code": "NQ",
        "issuer_code": "TU",
        "issuer_name": "Tỉnh ủy Thử Nghiệm",
        "issued_on": date(2022, 1, 5),
        "received_on": date(2022, 1, 6),
        **extra,
    }
    return services.register_incoming(
        cast.user("alice" if org.startswith("XA") else "eve"),
        organization=cast.org(org),
        number=number,
        summary=summary,
        confidentiality=level,
        **values,
    )


@pytest.fixture
def secret(cast: Cast) -> Document:
    """Nghị quyết 77-NQ/TU, “Mật”, entered in the book of Đảng bộ xã Hòa An (XA)."""
    return _incoming(cast, "XA", 77, f"về công tác {SUMMARY} năm 2022", "secret")


@pytest.fixture
def normal(cast: Cast) -> Document:
    """Kế hoạch 108-KH/HU, “Thường”, in the same book."""
    return _incoming(
        cast,
        "XA",
        108,
        "về tổ chức đại hội chi bộ",
        "normal",
        kind="plan",
        type_code="KH",
        issuer_code="HU",
    )


@pytest.fixture
def programme(cast: Cast, secret: Document) -> Programme:
    """XA's programme of quý 1/2022, carrying out the secret resolution."""
    return programs.create_programme(
        cast.user("alice"), organization=cast.org("XA"), period="2022-Q1", document=secret
    )


@pytest.fixture
def task(cast: Cast, programme: Programme, secret: Document, normal: Document) -> Task:
    """A task given to cell XA-DONG (bob's), linking both documents; bob's member answers."""
    return programs.add_task(
        cast.user("alice"),
        programme,
        title="Quán triệt nghị quyết trong chi bộ",
        deadline="31/3/2022",
        owner_org=cast.org("XA-DONG"),
        responsible=cast.member("Trần Thị Bích"),
        documents=[secret, normal],
    )


@pytest.fixture
def target(cast: Cast, secret: Document) -> Target:
    return programs.add_target(
        cast.user("alice"),
        organization=cast.org("XA"),
        year=2022,
        name="Dồn điền đổi thửa",
        unit="ha",
        planned=Decimal(10),
        document=secret,
    )


@pytest.fixture
def review(cast: Cast, programme: Programme, task: Task) -> Review:
    return services_reviews.open_review(
        cast.user("alice"), programme, held_on=date(2022, 4, 7), opinions_count=9
    )


def _pages(cast: Cast, programme: Programme, task: Task, review: Review) -> list[str]:
    xa = cast.org("XA").pk
    return [
        reverse("programs:list"),
        reverse("programs:detail", args=[programme.pk]),
        reverse("programs:task", args=[task.pk]),
        reverse("programs:targets") + f"?organization={xa}&year=2022",
        reverse("programs:review", args=[review.pk]),
        reverse("programs:body_org", args=[cast.org("XA-DONG").pk]),
        reverse("programs:person", args=[cast.member("Trần Thị Bích").pk]),
    ]


def _api(programme: Programme, task: Task, review: Review) -> list[str]:
    return [
        "/api/v1/programs/",
        f"/api/v1/programs/{programme.pk}/",
        "/api/v1/tasks/",
        f"/api/v1/tasks/{task.pk}/",
        "/api/v1/targets/?year=2022",
        "/api/v1/reviews/",
        f"/api/v1/reviews/{review.pk}/",
    ]


def _word_text(content: bytes) -> str:
    word = WordDocument(io.BytesIO(content))
    texts = [p.text for p in word.paragraphs]
    for table in word.tables:
        texts.extend(cell.text for row in table.rows for cell in row.cells)
    for section in word.sections:
        texts.extend(p.text for p in section.header.paragraphs)
    return "\n".join(texts)


def _assert_hidden(text: str, where: str) -> None:
    assert CODE not in text, where
    assert SUMMARY not in text, where
    assert "77-NQ" not in text, where
    lowered = text.lower()
    assert [hint for hint in HINTS if hint in lowered] == [], where


# ---------------------------------------------------------------------------
# The one rule, in both forms


def test_it_answers_one_object_as_the_queryset_does(cast: Cast, secret: Document) -> None:
    documents = [
        secret,
        _incoming(cast, "XA", 5, "thường của xã", "normal"),
        _incoming(cast, "XA-DONG", 6, "tối mật của chi bộ", "top_secret"),
        _incoming(cast, "XB", 7, "mật của xã Bình Minh", "secret"),
        _incoming(cast, "XB", 8, "thường của xã Bình Minh", "normal"),
    ]
    for username in ("alice", "lan", "dave", "bob", "charlie", "eve", "root"):
        user = cast.user(username)
        seen = set(
            Document.objects.visible_to(user)
            .filter(pk__in=[d.pk for d in documents])
            .values_list("pk", flat=True)
        )
        assert {d.pk for d in documents if access.may_see(user, d)} == seen, username


def test_it_lets_staff_leaders_and_superusers_see_the_secret(cast: Cast, secret: Document) -> None:
    seen = {name: access.may_see(cast.user(name), secret) for name in ("alice", "lan", "root")}
    assert seen == {"alice": True, "lan": True, "root": True}
    hidden = {name: access.may_see(cast.user(name), secret) for name in ("dave", "bob", "eve")}
    assert hidden == {"dave": False, "bob": False, "eve": False}


# ---------------------------------------------------------------------------
# Pages


@pytest.mark.parametrize("username", ["dave", "bob"])
def test_it_leaves_the_secret_out_of_every_programme_page(
    username: str,
    cast: Cast,
    login: Login,
    programme: Programme,
    task: Task,
    target: Target,
    review: Review,
) -> None:
    client = login(username)
    for url in _pages(cast, programme, task, review):
        response = client.get(url)
        if response.status_code == 404:
            continue  # out of the user's scope altogether
        assert response.status_code == 200, url
        _assert_hidden(response.content.decode(), url)


def test_it_shows_the_viewer_the_normal_document_of_the_same_task(login: Login, task: Task) -> None:
    html = login("dave").get(reverse("programs:task", args=[task.pk])).content.decode()
    assert NORMAL_CODE in html
    assert "đại hội chi bộ" in html


def test_it_shows_staff_the_secret_wherever_it_is_cited(
    cast: Cast, login: Login, programme: Programme, task: Task, target: Target
) -> None:
    client = login("alice")
    xa = cast.org("XA").pk
    for url in (
        reverse("programs:detail", args=[programme.pk]),
        reverse("programs:task", args=[task.pk]),
        reverse("programs:targets") + f"?organization={xa}&year=2022",
    ):
        assert CODE in client.get(url).content.decode(), url
    assert SUMMARY in client.get(reverse("programs:task", args=[task.pk])).content.decode()


# ---------------------------------------------------------------------------
# API


@pytest.mark.parametrize("username", ["dave", "bob"])
def test_it_leaves_the_secret_out_of_every_nested_api_field(
    username: str,
    login: Login,
    programme: Programme,
    task: Task,
    target: Target,
    review: Review,
) -> None:
    client = login(username)
    for url in _api(programme, task, review):
        response = client.get(url)
        if response.status_code == 404:
            continue
        assert response.status_code == 200, url
        _assert_hidden(response.content.decode(), url)


def test_it_nests_only_what_the_viewer_may_see(
    login: Login, programme: Programme, task: Task, target: Target
) -> None:
    client = login("dave")
    assert client.get(f"/api/v1/programs/{programme.pk}/").json()["document"] is None
    codes = [d["code"] for d in client.get(f"/api/v1/tasks/{task.pk}/").json()["documents"]]
    assert codes == [NORMAL_CODE]
    rows = client.get("/api/v1/targets/?year=2022").json()["results"]
    assert [row["document"] for row in rows] == [None]


def test_it_nests_the_secret_for_staff(
    login: Login, programme: Programme, task: Task, target: Target
) -> None:
    client = login("alice")
    assert client.get(f"/api/v1/programs/{programme.pk}/").json()["document"]["code"] == CODE
    documents = client.get(f"/api/v1/tasks/{task.pk}/").json()["documents"]
    assert sorted(d["code"] for d in documents) == [NORMAL_CODE, CODE]
    assert SUMMARY in documents[[d["code"] for d in documents].index(CODE)]["summary"]
    rows = client.get("/api/v1/targets/?year=2022").json()["results"]
    assert [row["document"]["code"] for row in rows] == [CODE]


def test_it_answers_the_creator_of_a_programme_with_its_document(
    cast: Cast, login: Login, secret: Document
) -> None:
    body = {"organization": cast.org("XA").pk, "period": "2022-Q2", "document": secret.pk}
    response = login("alice").post("/api/v1/programs/", body, content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["document"]["code"] == CODE


def test_it_lists_programmes_in_the_same_queries_however_many_cite_documents(
    cast: Cast, login: Login, secret: Document, normal: Document
) -> None:
    client = login("dave")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/api/v1/programs/").status_code == 200
        return len(captured)

    alice, xa = cast.user("alice"), cast.org("XA")
    programs.create_programme(alice, organization=xa, period="2022-Q1", document=secret)
    one = queries()
    programs.create_programme(alice, organization=xa, period="2022-Q2", document=normal)
    programs.create_programme(alice, organization=xa, period="2022-Q3", document=secret)
    assert queries() == one


def test_it_keeps_the_links_a_writer_cannot_see(
    cast: Cast, login: Login, secret: Document, normal: Document
) -> None:
    """bob keeps his cell's programme; alice linked two of the commune's documents to a task.

    He cannot see them (neither is in his cell's book), so he cannot remove them.
    """
    alice, cell = cast.user("alice"), cast.org("XA-DONG")
    programme = programs.create_programme(alice, organization=cell, period="2022-Q1")
    task = programs.add_task(
        alice, programme, title="Học tập nghị quyết", deadline="31/3/2022", owner_org=cell,
        documents=[secret, normal],
    )  # fmt: skip
    own = _incoming(cast, "XA-DONG", 9, "về sinh hoạt chuyên đề của chi bộ", "normal")
    page = login("bob").get(reverse("programs:task", args=[task.pk])).content.decode()
    assert 'name="edit-documents"' in page  # his edit form offers his cell's book only
    assert own.code in page
    _assert_hidden(page, "bob's edit form")
    assert NORMAL_CODE not in page  # the commune's book is not his either
    response = login("bob").patch(
        f"/api/v1/tasks/{task.pk}/", {"documents": []}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    _assert_hidden(response.content.decode(), "PATCH answer")
    assert set(task.documents.all()) == {secret, normal}
    login("alice").patch(
        f"/api/v1/tasks/{task.pk}/", {"documents": []}, content_type="application/json"
    )
    assert list(task.documents.all()) == []


# ---------------------------------------------------------------------------
# The Word draft of the review


@pytest.mark.parametrize(
    "url", [lambda r: f"/programs/reviews/{r.pk}/docx/", lambda r: f"/api/v1/reviews/{r.pk}/docx/"]
)
def test_it_cites_the_secret_in_the_draft_only_for_staff(
    url: Callable[[Review], str], login: Login, review: Review
) -> None:
    viewer = login("dave").get(url(review))
    assert viewer.status_code == 200
    text = _word_text(viewer.content)
    _assert_hidden(text, "draft")
    assert "Ngày 07/4/2022" in text or "07/4/2022" in text  # the rest of the opening is there
    staff = _word_text(login("alice").get(url(review)).content)
    assert CODE in staff
    assert SUMMARY in staff


# ---------------------------------------------------------------------------
# The inbox and search


def test_it_keeps_the_secret_out_of_the_inbox(cast: Cast, task: Task) -> None:
    for username in ("bob", "alice"):
        items = inbox.collect(cast.user(username), None, date(2022, 3, 1), date(2022, 4, 30))
        assert [item.url for item in items if item.kind == "program_task"], username
        for item in items:
            _assert_hidden(f"{item.label} {item.name} {item.url}", username)


@pytest.mark.parametrize("username", ["dave", "bob"])
def test_it_finds_no_secret_by_its_number_or_summary(
    username: str, login: Login, task: Task
) -> None:
    client = login(username)
    for text in ("77", "NQ/TU", "bao ve chinh tri"):  # the page repeats the query: not the code
        for url in ("/documents/", "/api/v1/documents/", "/api/v1/tasks/", "/programs/"):
            _assert_hidden(client.get(url, {"search": text}).content.decode(), url)
    staff = login("alice").get("/api/v1/documents/", {"search": "bao ve chinh tri"}).json()
    assert [row["code"] for row in staff["results"]] == [CODE]
