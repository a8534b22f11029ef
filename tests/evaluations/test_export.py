"""The .xlsx ranking list of a period: layout, rows by scope, one unit, the quota, the log."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from dangvu.core.models import AccessLog
from dangvu.evaluations import services
from dangvu.evaluations.choices import Level, SubjectKind
from dangvu.evaluations.exporting import level_with_score
from dangvu.evaluations.models import EvaluationPeriod
from tests.evaluations.helpers import make_period, member_row, org_row, propose, walk
from tests.fixtures.cast import Cast
from tests.generic import Endpoint, check_endpoint

Login = Callable[[str], Client]
AN, BICH, CUONG, DUNG, HUNG = (
    "Nguyễn Văn An",
    "Trần Thị Bích",
    "Lê Văn Cường",
    "Phạm Thị Dung",
    "Đỗ Văn Hùng",
)
HEADER_ROW = 8


def _period(c: Cast, year: int = 2024) -> EvaluationPeriod:
    found = EvaluationPeriod.objects.filter(organization__code="XA", year=year).first()
    return found or make_period(c, year=year)


def _url(period: EvaluationPeriod, **query: Any) -> str:
    url = reverse("evaluations:export", args=[period.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def _sheets(content: bytes) -> dict[str, list[tuple[Any, ...]]]:
    workbook = load_workbook(io.BytesIO(content))
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in workbook.worksheets}


def _table(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """The data rows under the header (the totals line after a blank row is left out)."""
    body = []
    for row in rows[HEADER_ROW:]:
        if row[0] is None:
            break
        body.append(row)
    return body


ENDPOINTS = [
    Endpoint("export", lambda c: _url(_period(c))),
    Endpoint("export of a cell", lambda c: _url(_period(c), unit=c.org("XA-DONG").pk)),
]


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=str)
def test_it_applies_the_scope_rule(endpoint: Endpoint, cast: Cast, login: Login) -> None:
    check_endpoint(endpoint, cast, login)


def test_it_writes_the_title_block_and_the_headers(cast: Cast, login: Login) -> None:
    response = login("alice").get(_url(_period(cast)))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "xep-loai-2024-dang-bo-xa-hoa-an.xlsx" in response["Content-Disposition"]
    sheets = _sheets(response.content)
    assert list(sheets) == ["Đảng viên", "Tổ chức đảng", "Tỷ lệ HTXSNV"]
    members = sheets["Đảng viên"]
    assert members[0][0] == "HUYỆN ỦY THỬ NGHIỆM" and members[1][0] == "ĐẢNG ỦY XÃ HÒA AN"
    assert members[4][0] == "DANH SÁCH ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG ĐẢNG VIÊN NĂM 2024"
    assert members[5][0].startswith("(Theo Quy định 124-QĐ/TW")
    assert members[HEADER_ROW - 1][:4] == ("STT", "Họ và tên", "Ngày sinh", "Chi bộ")


def test_it_writes_one_row_per_member_with_the_three_steps(cast: Cast, login: Login) -> None:
    period = _period(cast)
    walk(cast, member_row(period, AN), Level.EXCELLENT)
    services.self_assess(cast.user("alice"), member_row(period, BICH), level=Level.GOOD)
    propose(cast, member_row(period, BICH), Level.COMPLETED)
    rows = _table(_sheets(login("alice").get(_url(period)).content)["Đảng viên"])
    by_name = {row[1]: row for row in rows}
    assert [row[0] for row in rows] == [1, 2, 3, 4]
    assert by_name[AN][2] == datetime(1970, 3, 2)
    assert by_name[AN][3:7] == ("Chi bộ thôn Đông", "HTXSNV", "HTXSNV", "HTXSNV")
    assert by_name[BICH][4:7] == ("HTTNV", "HTNV", None)


def test_it_writes_the_totals_under_the_members(cast: Cast, login: Login) -> None:
    period = _period(cast)
    walk(cast, member_row(period, AN), Level.EXCELLENT)
    rows = _sheets(login("alice").get(_url(period)).content)["Đảng viên"]
    totals = rows[HEADER_ROW + 4 + 1][1]
    assert totals == (
        "Tổng số 4 đảng viên: HTXSNV 1, HTTNV 0, HTNV 0, KHTNV 0; chưa xếp loại 3; "
        "không đánh giá, xếp loại 0."
    )


def test_it_writes_scores_and_the_reason_not_evaluated(cast: Cast, login: Login) -> None:
    period = _period(cast, 2025)
    walk(cast, member_row(period, AN), Level.EXCELLENT)
    services.exclude(cast.user("alice"), member_row(period, HUNG), "Đình chỉ sinh hoạt đảng")
    rows = _table(_sheets(login("alice").get(_url(period)).content)["Đảng viên"])
    by_name = {row[1]: row for row in rows}
    assert by_name[AN][6] == "HTXSNV (92,50)"
    assert by_name[HUNG][7] == "Đình chỉ sinh hoạt đảng"


def test_it_writes_the_organisations_on_the_second_sheet(cast: Cast, login: Login) -> None:
    period = _period(cast)
    walk(cast, org_row(period, "XA-TH"), Level.GOOD)
    sheet = _sheets(login("alice").get(_url(period)).content)["Tổ chức đảng"]
    assert sheet[4][0] == "DANH SÁCH ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG TỔ CHỨC ĐẢNG NĂM 2024"
    rows = {row[1]: row for row in _table(sheet)}
    assert set(rows) == {"Đảng bộ xã Hòa An", "Chi bộ thôn Đông", "Chi bộ Trường Tiểu học Hòa An"}
    assert rows["Chi bộ Trường Tiểu học Hòa An"][6] == "HTTNV"
    assert rows["Đảng bộ xã Hòa An"][2] == "Huyện ủy Thử Nghiệm"


def test_it_lists_the_quota_with_the_exception(cast: Cast, login: Login) -> None:
    period = _period(cast)
    walk(cast, member_row(period, AN), Level.EXCELLENT)
    services.record_exception(
        cast.user("alice"),
        period,
        deciding_org=cast.org("XA"),
        kind=SubjectKind.MEMBER,
        authority="Huyện ủy Thử Nghiệm",
        number="15-CV/HU",
        decided_on=date(2024, 12, 20),
        reason="Đơn vị tiêu biểu",
        allowed=2,
    )
    sheet = _sheets(login("alice").get(_url(period)).content)["Tỷ lệ HTXSNV"]
    rows = {(row[1], row[2]): row for row in _table(sheet)}
    row = rows[("Đảng bộ xã Hòa An", "Đảng viên")]
    assert row[3:10] == (1, 0, 0, 0, 3, 0, 1)
    assert row[10] == (
        "Văn bản số 15-CV/HU ngày 20/12/2024 của Huyện ủy Thử Nghiệm: Đơn vị tiêu biểu "
        "(được phép 2)"
    )


def test_it_exports_only_the_rows_a_cell_secretary_sees(cast: Cast, login: Login) -> None:
    sheets = _sheets(login("bob").get(_url(_period(cast))).content)
    assert {row[1] for row in _table(sheets["Đảng viên"])} == {AN, BICH, CUONG}
    assert {row[1] for row in _table(sheets["Tổ chức đảng"])} == {"Chi bộ thôn Đông"}
    assert _table(sheets["Tỷ lệ HTXSNV"]) == []


def test_it_exports_one_unit(cast: Cast, login: Login) -> None:
    period = _period(cast)
    response = login("alice").get(_url(period, unit=cast.org("XA-TH").pk))
    sheets = _sheets(response.content)
    assert sheets["Đảng viên"][1][0] == "CHI BỘ TRƯỜNG TIỂU HỌC HÒA AN"
    assert [row[1] for row in _table(sheets["Đảng viên"])] == [DUNG]


def test_it_refuses_a_bad_or_foreign_unit(cast: Cast, login: Login) -> None:
    period, alice = _period(cast), login("alice")
    response = alice.get(_url(period, unit="abc"))
    assert response.status_code == 400 and "unit" in response.content.decode()
    assert alice.get(_url(period, unit=cast.org("XB-BAC").pk)).status_code == 404
    assert alice.get(_url(period, unit=10**30)).status_code == 400


def test_it_logs_the_export(cast: Cast, login: Login) -> None:
    period = _period(cast)
    login("dave").get(_url(period))
    log = AccessLog.objects.get(action=AccessLog.Action.EXPORT)
    assert log.user == cast.user("dave") and log.org_path == cast.org("XA").path
    assert log.detail == (
        "Xuất Excel kết quả xếp loại Năm 2024 của Đảng bộ xã Hòa An: 4 đảng viên, 3 tổ chức đảng"
    )


def test_it_exports_in_a_fixed_number_of_queries(cast: Cast, login: Login) -> None:
    period, alice = _period(cast), login("alice")
    counts = []
    for code in ("XA-TH", "XA-DONG"):
        with CaptureQueriesContext(connection) as queries:
            assert alice.get(_url(period, unit=cast.org(code).pk)).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


@pytest.mark.parametrize(
    ("level", "score", "text"),
    [("", None, ""), ("good", None, "HTTNV"), ("excellent", "90.5", "HTXSNV (90,50)")],
)
def test_it_writes_a_level_with_its_score(level: str, score: str | None, text: str) -> None:
    assert level_with_score(level, Decimal(score) if score else None) == text
