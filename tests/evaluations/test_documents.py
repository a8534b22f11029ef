"""The Word draft of the decision on rankings: header, title, grounds, figures, articles."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from docx import Document

from dangvu.core.docx_layout import date_line
from dangvu.core.models import AccessLog
from dangvu.evaluations import services
from dangvu.evaluations.choices import Level, SubjectKind
from dangvu.evaluations.documents import ranking_decision_docx
from dangvu.evaluations.models import EvaluationPeriod
from tests.evaluations.helpers import make_period, member_row, org_row, walk
from tests.fixtures.cast import Cast
from tests.generic import Endpoint, check_endpoint

Login = Callable[[str], Client]
AN, BICH, CUONG, DUNG = "Nguyễn Văn An", "Trần Thị Bích", "Lê Văn Cường", "Phạm Thị Dung"


def _period(c: Cast, year: int = 2024) -> EvaluationPeriod:
    found = EvaluationPeriod.objects.filter(organization__code="XA", year=year).first()
    return found or make_period(c, year=year)


def _ranked(c: Cast) -> EvaluationPeriod:
    """2024: An excellent, Bích and Cường good, Dung completed."""
    period = _period(c)
    levels = {AN: Level.EXCELLENT, BICH: Level.GOOD, CUONG: Level.GOOD, DUNG: Level.COMPLETED}
    for name, level in levels.items():
        walk(c, member_row(period, name), level)
    return period


def _url(period: EvaluationPeriod, **query: Any) -> str:
    url = reverse("evaluations:decision-docx", args=[period.pk])
    return url + "?" + "&".join(f"{k}={v}" for k, v in query.items())


def _texts(content: bytes) -> list[str]:
    document = Document(io.BytesIO(content))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for cell in table._cells:
            texts.extend(p.text for p in cell.paragraphs)
    return texts


def _members_draft(c: Cast) -> list[str]:
    return _texts(
        ranking_decision_docx(_ranked(c), c.org("XA"), SubjectKind.MEMBER, user=c.user("alice"))
    )


ENDPOINTS = [
    Endpoint(
        "decision draft", lambda c: _url(_period(c), org=c.org("XA").pk, kind=SubjectKind.MEMBER)
    ),
]


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=str)
def test_it_applies_the_scope_rule(endpoint: Endpoint, cast: Cast, login: Login) -> None:
    check_endpoint(endpoint, cast, login)


def test_it_writes_the_header_blocks_with_a_blank_number(cast: Cast) -> None:
    texts = _members_draft(cast)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in texts
    assert "HUYỆN ỦY THỬ NGHIỆM" in texts and "ĐẢNG ỦY XÃ HÒA AN" in texts
    assert "*" in texts and "Số      -QĐ/ĐU" in texts
    assert date_line("Hòa An", timezone.localdate()) in texts


def test_it_writes_the_title(cast: Cast) -> None:
    texts = _members_draft(cast)
    assert "QUYẾT ĐỊNH" in texts
    assert "công nhận kết quả đánh giá, xếp loại chất lượng đảng viên năm 2024" in texts
    assert "BAN THƯỜNG VỤ ĐẢNG ỦY XÃ HÒA AN" in texts


def test_it_cites_the_charter_and_the_rules_of_the_year(cast: Cast) -> None:
    texts = _members_draft(cast)
    assert "- Căn cứ Điều lệ Đảng Cộng sản Việt Nam;" in texts
    assert any(t.startswith("- Căn cứ Quy định 124-QĐ/TW ngày 04/10/2023") for t in texts)


def test_it_writes_the_figures_of_article_one(cast: Cast) -> None:
    texts = _members_draft(cast)
    assert any(t.startswith("Điều 1.") and "tổng số 4 đảng viên" in t for t in texts)
    assert "- Hoàn thành xuất sắc nhiệm vụ: 1 đồng chí (chiếm 25,00%);" in texts
    assert "- Hoàn thành tốt nhiệm vụ: 2 đồng chí (chiếm 50,00%);" in texts
    assert "- Không hoàn thành nhiệm vụ: 0 đồng chí (chiếm 0,00%)." in texts


def test_it_lists_the_members_per_level(cast: Cast) -> None:
    texts = _members_draft(cast)
    assert "1. Hoàn thành xuất sắc nhiệm vụ (1 đồng chí)" in texts
    assert "2. Hoàn thành tốt nhiệm vụ (2 đồng chí)" in texts
    assert "3. Hoàn thành nhiệm vụ (1 đồng chí)" in texts
    assert AN in texts and DUNG in texts and "Chi bộ Trường Tiểu học Hòa An" in texts


def test_it_makes_execution_article_two_without_an_exception(cast: Cast) -> None:
    texts = _members_draft(cast)
    assert any(t.startswith("Điều 2. Văn phòng, Ban Tổ chức Đảng ủy xã Hòa An") for t in texts)
    assert "- Như Điều 2," in texts and "- Huyện ủy Thử Nghiệm (để báo cáo)," in texts
    assert "T/M BAN THƯỜNG VỤ" in texts and "BÍ THƯ" in texts and "Nơi nhận:" in texts


def test_it_writes_the_quota_exception_as_article_two(cast: Cast) -> None:
    period = _ranked(cast)
    services.record_exception(
        cast.user("alice"),
        period,
        deciding_org=cast.org("XA"),
        kind=SubjectKind.MEMBER,
        authority="Huyện ủy Thử Nghiệm",
        number="15-CV/HU",
        decided_on=date(2024, 12, 20),
        reason="Đơn vị tiêu biểu",
    )
    texts = _texts(
        ranking_decision_docx(period, cast.org("XA"), SubjectKind.MEMBER, user=cast.user("alice"))
    )
    assert (
        "Điều 2. Số đảng viên xếp loại Hoàn thành xuất sắc nhiệm vụ là 1, vượt giới hạn 0 "
        "(20% của 2 đảng viên Hoàn thành tốt nhiệm vụ), theo văn bản số 15-CV/HU ngày "
        "20/12/2024 của Huyện ủy Thử Nghiệm cho phép vượt tỷ lệ: Đơn vị tiêu biểu."
    ) in texts
    assert any(t.startswith("Điều 3. ") for t in texts) and "- Như Điều 3," in texts


def test_it_takes_the_number_and_date_of_the_finalization(cast: Cast) -> None:
    period = _period(cast)
    for name in (AN, BICH, CUONG, DUNG):
        walk(cast, member_row(period, name), Level.GOOD)
    today = timezone.localdate()
    services.finalize(
        cast.user("alice"),
        period,
        deciding_org=cast.org("XA"),
        kind=SubjectKind.MEMBER,
        on=today,
        decision_number="Số 45-QĐ/ĐU",
    )
    texts = _texts(
        ranking_decision_docx(period, cast.org("XA"), SubjectKind.MEMBER, user=cast.user("alice"))
    )
    assert "Số 45-QĐ/ĐU" in texts and date_line("Hòa An", today) in texts


def test_it_drafts_the_district_decision_on_its_communes(cast: Cast, login: Login) -> None:
    period = _period(cast)
    walk(cast, org_row(period, "XA"), Level.GOOD, user="root")
    response = login("root").get(_url(period, org=cast.org("H01").pk, kind="organization"))
    assert response.status_code == 200
    texts = _texts(response.content)
    assert "TỈNH ỦY THỬ NGHIỆM" in texts and "HUYỆN ỦY THỬ NGHIỆM" in texts
    assert "Số      -QĐ/HU" in texts
    assert "công nhận kết quả đánh giá, xếp loại chất lượng tổ chức đảng năm 2024" in texts
    assert "- Hoàn thành tốt nhiệm vụ: 1 tổ chức (chiếm 100,00%);" in texts


def test_it_hides_a_deciding_body_out_of_scope(cast: Cast, login: Login) -> None:
    period = _period(cast)
    response = login("alice").get(_url(period, org=cast.org("H01").pk, kind="organization"))
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ({}, 400),
        ({"org": "abc", "kind": "member"}, 400),
        ({"org": "XA", "kind": "nonsense"}, 400),
        ({"org": "XA-DONG", "kind": "member"}, 404),
    ],
)
def test_it_refuses_bad_parameters(
    cast: Cast, login: Login, query: dict[str, str], status: int
) -> None:
    if query.get("org") in ("XA", "XA-DONG"):
        query = {**query, "org": str(cast.org(query["org"]).pk)}
    response = login("alice").get(_url(_period(cast), **query))
    assert response.status_code == status


def test_it_logs_the_draft(cast: Cast, login: Login) -> None:
    period = _period(cast)
    login("lan").get(_url(period, org=cast.org("XA").pk, kind="member"))
    log = AccessLog.objects.get(action=AccessLog.Action.EXPORT)
    assert log.user == cast.user("lan") and log.organization == cast.org("XA")
    assert "Năm 2024 của Đảng bộ xã Hòa An" in log.detail
