"""Why a ranking was forced names a discipline: read like the discipline records (issue 14, 7).

Lê Văn Cường (charlie) is disciplined in 2025 and ranked "not completed";
``forced_reason`` says "đảng viên bị kỷ luật cảnh cáo …". The level is the
ranking, public to the organisation; the reason is for ``alice`` (staff),
``lan`` (leader), charlie himself and a superuser, never for ``dave``
(viewer) or ``bob`` (cell secretary): not in the API (the key is absent), the
pages, the page's history, the .xlsx export or the Word draft of the decision.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from dangvu.evaluations import services
from dangvu.evaluations.choices import Level, SubjectKind
from dangvu.evaluations.models import Evaluation
from tests.evaluations.helpers import assess, decide, make_period, member_row, propose
from tests.fixtures.cast import Cast
from tests.openapi import assert_conforms

Login = Callable[[str], Client]
CUONG = "Lê Văn Cường"
REASON = "bị kỷ luật cảnh cáo"
HIDDEN_FROM = ("dave", "bob")
SHOWN_TO = ("alice", "lan", "charlie", "root")


@pytest.fixture
def forced(cast: Cast) -> Evaluation:
    services.record_discipline(
        cast.user("alice"),
        member=cast.member(CUONG),
        form="warning",
        decided_on=date(2025, 5, 12),
        authority="Ủy ban Kiểm tra Đảng ủy xã Hòa An",
    )
    row = member_row(make_period(cast), CUONG)
    assess(cast, row, Level.GOOD)
    propose(cast, row, Level.GOOD)
    decided = decide(cast, member_row(row.period, CUONG), Level.NOT_COMPLETED)
    assert REASON in decided.forced_reason
    return decided


def _api(
    client: Client, evaluation: Evaluation
) -> tuple[dict[str, object], list[dict[str, object]]]:
    detail = client.get(f"/api/v1/evaluations/{evaluation.pk}/")
    listed = client.get("/api/v1/evaluations/", {"period": evaluation.period_id, "kind": "member"})
    assert detail.status_code == 200 and listed.status_code == 200
    # With or without the reason, the answers are what the schema says (the key is optional).
    assert_conforms(detail, "/api/v1/evaluations/{id}/")
    assert_conforms(listed, "/api/v1/evaluations/")
    rows = [row for row in listed.json()["results"] if row["id"] == evaluation.pk]
    return detail.json(), rows


def _pages(evaluation: Evaluation) -> list[str]:
    return [
        reverse("evaluations:item", args=[evaluation.pk]),
        reverse("evaluations:unit", args=[evaluation.period_id, evaluation.unit_id]),
    ]


def _xlsx_text(content: bytes) -> str:
    workbook = load_workbook(io.BytesIO(content), read_only=True)
    return " ".join(
        str(value)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    )


def _docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for cell in table._cells:
            texts.extend(p.text for p in cell.paragraphs)
    return " ".join(texts)


@pytest.mark.parametrize("username", HIDDEN_FROM)
def test_it_leaves_the_reason_out_of_the_api_for_other_roles(
    forced: Evaluation, login: Login, username: str
) -> None:
    detail, rows = _api(login(username), forced)
    assert "forced_reason" not in detail
    assert detail["decided_level"] == Level.NOT_COMPLETED  # the ranking itself stays
    assert rows and all("forced_reason" not in row for row in rows)


@pytest.mark.parametrize("username", SHOWN_TO)
def test_it_gives_the_reason_to_the_roles_that_read_discipline(
    forced: Evaluation, login: Login, username: str
) -> None:
    detail, rows = _api(login(username), forced)
    assert REASON in str(detail["forced_reason"])
    assert rows and REASON in str(rows[0]["forced_reason"])


def test_it_answers_the_deciding_step_with_the_reason(cast: Cast, login: Login) -> None:
    """A step's answer is read with the request's user, so the committee still gets it."""
    services.record_discipline(
        cast.user("alice"),
        member=cast.member(CUONG),
        form="warning",
        decided_on=date(2025, 5, 12),
        authority="Ủy ban Kiểm tra Đảng ủy xã Hòa An",
    )
    row = member_row(make_period(cast), CUONG)
    assess(cast, row, Level.GOOD)
    propose(cast, row, Level.GOOD)
    answer = login("alice").post(
        f"/api/v1/evaluations/{row.pk}/decide/",
        {"score": "40"},
        content_type="application/json",
    )
    assert answer.status_code == 200, answer.content
    assert REASON in answer.json()["forced_reason"]


@pytest.mark.parametrize("username", HIDDEN_FROM)
def test_it_hides_the_reason_on_the_pages(forced: Evaluation, login: Login, username: str) -> None:
    client = login(username)
    for url in _pages(forced):
        response = client.get(url)
        assert response.status_code == 200, url
        assert REASON not in response.content.decode(), (url, username)


@pytest.mark.parametrize("username", SHOWN_TO)
def test_it_shows_the_reason_on_the_item_page(
    forced: Evaluation, login: Login, username: str
) -> None:
    page = login(username).get(reverse("evaluations:item", args=[forced.pk]))
    assert REASON in page.content.decode()


@pytest.mark.parametrize(("username", "sees"), [("dave", False), ("bob", False), ("alice", True)])
def test_it_writes_the_reason_in_the_export_only_for_the_committee(
    forced: Evaluation, login: Login, username: str, sees: bool
) -> None:
    response = login(username).get(reverse("evaluations:export", args=[forced.period_id]))
    assert response.status_code == 200
    text = _xlsx_text(response.content)
    assert CUONG in text
    assert (REASON in text) is sees


@pytest.mark.parametrize(("username", "sees"), [("dave", False), ("lan", True), ("alice", True)])
def test_it_writes_the_reason_in_the_word_draft_only_for_the_committee(
    cast: Cast, forced: Evaluation, login: Login, username: str, sees: bool
) -> None:
    url = reverse("evaluations:decision-docx", args=[forced.period_id])
    response = login(username).get(url, {"org": cast.org("XA").pk, "kind": SubjectKind.MEMBER})
    assert response.status_code == 200
    text = _docx_text(response.content)
    assert CUONG in text
    assert (REASON in text) is sees
