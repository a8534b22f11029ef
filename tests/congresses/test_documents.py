"""The counting minutes and the election report as Word: the official layout, the figures."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from docx import Document

from dangvu.congresses import services
from dangvu.congresses.documents import report_number
from dangvu.congresses.models import Congress, Election
from dangvu.core.text import percent_text as percent
from tests.congresses.factories import AN, BICH, CONGRESS_DAY, CUONG, DECISION, ready_congress
from tests.fixtures.cast import Cast

Login = Callable[[str], Client]
BOARD = "Lê Văn Cường, Nguyễn Văn An"


def _texts(content: bytes) -> list[str]:
    document = Document(io.BytesIO(content))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for cell in table._cells:
            texts.extend(p.text for p in cell.paragraphs)
    return texts


def _rows(content: bytes) -> list[list[str]]:
    document = Document(io.BytesIO(content))
    return [[cell.text for cell in row.cells] for t in document.tables for row in t.rows]


def _counted(cast: Cast) -> Election:
    """Held with everyone present; the chi ủy: An 3, Bích 2, Cường 1, one foreign ballot."""
    alice = cast.user("alice")
    congress = ready_congress(cast)
    everyone = [cast.member(name).pk for name in (AN, BICH, CUONG)]
    congress = services.record_presence(alice, congress, everyone)
    congress = services.hold_congress(alice, congress, held_on=CONGRESS_DAY, chair=BICH)
    election = services.create_election(
        alice,
        congress,
        kind="committee",
        seats=3,
        candidates=[cast.member(name) for name in (AN, BICH, CUONG)],
        counting_board=BOARD,
        list_decision=DECISION,
    )
    for kept in ([AN, BICH, CUONG], [AN, BICH], [AN]):
        services.add_ballot(alice, election, kept=kept)
    services.add_ballot(alice, election, kept=[CUONG], issued=False)
    return services.count_election(alice, election, on=CONGRESS_DAY, issued_count=4)


def _minutes(login: Login, election: Election) -> bytes:
    response = login("alice").get(reverse("congresses:minutes_docx", args=[election.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="bien-ban-kiem-phieu')
    return bytes(response.content)


def _report(login: Login, congress: Congress, number: str = "") -> bytes:
    url = reverse("congresses:result_docx", args=[congress.pk])
    response = login("alice").get(url, {"number": number})
    assert response.status_code == 200
    return bytes(response.content)


@pytest.mark.parametrize(("value", "text"), [(None, "—"), (66.666, "66,67%"), (100, "100,00%")])
def test_it_writes_a_percentage_the_vietnamese_way(value: float | None, text: str) -> None:
    assert percent(value) == text


def test_it_writes_the_board_header_of_the_counting_minutes(cast: Cast, login: Login) -> None:
    texts = _texts(_minutes(login, _counted(cast)))
    assert "ĐẢNG ỦY XÃ HÒA AN" in texts and "ĐẠI HỘI CHI BỘ THÔN ĐÔNG" in texts
    assert "NHIỆM KỲ 2025–2030" in texts and "BAN KIỂM PHIẾU" in texts
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in texts
    assert "Hòa An, ngày 20 tháng 5 năm 2025" in texts
    assert "BIÊN BẢN KIỂM PHIẾU" in texts and "Bầu chi ủy (cấp ủy), lần 1" in texts


def test_it_writes_the_ballot_figures_of_the_count(cast: Cast, login: Login) -> None:
    texts = _texts(_minutes(login, _counted(cast)))
    assert f"Ban kiểm phiếu gồm các đồng chí: {BOARD}." in texts
    assert "Số lượng cần bầu: 3." in texts
    assert "Số phiếu phát ra: 4." in texts and "Số phiếu thu về: 4." in texts
    assert "Số phiếu hợp lệ: 3." in texts
    assert "Số phiếu không hợp lệ: 1, trong đó: Phiếu không do Ban kiểm phiếu phát ra: 1." in texts


def test_it_writes_the_votes_against_the_denominator(cast: Cast, login: Login) -> None:
    content = _minutes(login, _counted(cast))
    rows = _rows(content)
    assert ["1", AN, "3", "100,00%"] in rows
    assert ["2", BICH, "2", "66,67%"] in rows and ["3", CUONG, "1", "33,33%"] in rows
    texts = "\n".join(_texts(content))
    assert "từ 2 phiếu trở lên (số triệu tập: 3)" in texts
    assert "1. Đồng chí Nguyễn Văn An: 3 phiếu, đạt 100,00%." in texts
    assert "Còn thiếu 1 người trúng cử" in texts


def test_it_leaves_the_signatures_to_the_board(cast: Cast, login: Login) -> None:
    texts = _texts(_minutes(login, _counted(cast)))
    assert "TRƯỞNG BAN KIỂM PHIẾU" in texts and "CÁC THÀNH VIÊN" in texts
    assert CUONG in texts and AN in texts


def test_it_gives_no_minutes_before_the_count(cast: Cast, login: Login) -> None:
    election = _counted(cast)
    Election.objects.filter(pk=election.pk).update(status="open")
    url = reverse("congresses:minutes_docx", args=[election.pk])
    assert login("alice").get(url).status_code == 404


def test_it_writes_the_report_number_and_date_line(cast: Cast, login: Login) -> None:
    congress = _counted(cast).congress
    texts = _texts(_report(login, congress, "05-BC/CB"))
    assert "ĐẢNG ỦY XÃ HÒA AN" in texts and "CHI BỘ THÔN ĐÔNG" in texts
    assert "Số 05-BC/CB" in texts and "Hòa An, ngày 20 tháng 5 năm 2025" in texts
    assert "BÁO CÁO" in texts
    assert "Kết quả bầu cử tại Đại hội Chi bộ thôn Đông nhiệm kỳ 2025–2030" in texts


def test_it_leaves_a_blank_number_to_write_by_hand(cast: Cast, login: Login) -> None:
    congress = _counted(cast).congress
    assert report_number(congress.organization, "") in _texts(_report(login, congress))
    assert report_number(congress.organization, " 7-BC/CB ") == "Số 7-BC/CB"
    assert report_number(congress.organization, "").endswith("-BC/CB")


def test_it_reports_each_election_with_its_elected(cast: Cast, login: Login) -> None:
    congress = _counted(cast).congress
    content = _report(login, congress)
    texts = "\n".join(_texts(content))
    assert "1. Bầu chi ủy (cấp ủy), lần 1" in texts
    assert "số đảng viên chính thức được triệu tập: 3" in texts.lower()
    assert "số phiếu trúng cử: từ 2 phiếu trở lên" in texts
    rows = _rows(content)
    assert ["1", AN, "3", "100,00%"] in rows and ["2", BICH, "2", "66,67%"] in rows
    assert not any(CUONG in row for row in rows)
    assert "Kính đề nghị Đảng ủy xã Hòa An xem xét, chuẩn y kết quả bầu cử." in texts
