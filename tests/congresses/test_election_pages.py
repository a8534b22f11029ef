"""The election page: ballots one by one, the tally sheet, the count, the next round.

The scope of every action is proved in ``test_pages.py`` (``ENDPOINTS``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dangvu.congresses import services
from dangvu.congresses.counting import INVALID_REASON_LABELS
from dangvu.congresses.models import Ballot, Election
from tests.congresses.factories import AN, BICH, CUONG
from tests.congresses.pages import DUNG, Scene, scene
from tests.fixtures.cast import Cast

Login = Callable[[str], Client]


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


def _url(election: Election, name: str = "election", *rest: int) -> str:
    return reverse(f"congresses:{name}", args=[election.pk, *rest])


def _body(response: Any) -> str:
    return str(response.content.decode())


def _numbers(election: Election) -> list[tuple[int, bool, list[str] | None]]:
    rows = Ballot.objects.filter(election=election).order_by("number")
    return [(b.number, b.issued, b.kept) for b in rows]


def test_it_enters_a_ballot_and_shows_the_running_count(cast: Cast, login: Login) -> None:
    found = scene(cast)
    response = login("bob").post(_url(found.committee, "add_ballot"), {"kept": [CUONG, AN]})
    assert response["Location"].endswith("#ballot")
    assert _numbers(found.committee)[-1] == (3, True, [AN, CUONG])
    body = _body(login("bob").get(_url(found.committee)))
    assert "Nhập phiếu số 4" in body and "3 phiếu đã nhập" in body
    assert f'data-votes="{AN}">3<' in body and f'data-votes="{CUONG}">2<' in body


def test_it_records_a_ballot_not_issued_by_the_board(cast: Cast, login: Login) -> None:
    found = scene(cast)
    data = {"kept": [AN], "not_issued": "on"}
    login("alice").post(_url(found.committee, "add_ballot"), data)
    assert _numbers(found.committee)[-1] == (3, False, [AN])
    body = _body(login("alice").get(_url(found.committee)))
    assert "Phiếu hợp lệ: 2; không hợp lệ: 1." in body


def test_it_refuses_an_unknown_name_on_a_ballot(cast: Cast, login: Login) -> None:
    found = scene(cast)
    response = login("alice").post(_url(found.committee, "add_ballot"), {"kept": ["Ai Đó"]})
    assert response.status_code == 200
    assert "Tên “Ai Đó” không có trong danh sách bầu cử." in _body(response)
    assert len(_numbers(found.committee)) == 2


def test_it_removes_only_the_last_ballot(cast: Cast, login: Login) -> None:
    found = scene(cast)
    first, last = Ballot.objects.filter(election=found.committee).order_by("number")
    alice = login("alice")
    response = alice.post(_url(found.committee, "remove_ballot", first.pk), follow=True)
    assert "Chỉ xóa được phiếu nhập sau cùng (phiếu số 2)" in _body(response)
    alice.post(_url(found.committee, "remove_ballot", last.pk))
    assert [number for number, _i, _k in _numbers(found.committee)] == [1]


def test_it_enters_a_tally_sheet_instead_of_ballots(cast: Cast, login: Login) -> None:
    found = scene(cast)
    data = {"valid": 1, "votes_1": 1, "invalid_not_issued": 1}
    assert login("alice").post(_url(found.delegates, "tally"), data).status_code == 302
    found.delegates.refresh_from_db()
    assert found.delegates.tally == {
        "votes": {DUNG: 1},
        "valid_ballots": 1,
        "invalid_ballots": {**dict.fromkeys(INVALID_REASON_LABELS, 0), "not_issued": 1},
    }
    assert "Nhập phiếu số" not in _body(login("alice").get(_url(found.delegates)))


def test_it_refuses_a_tally_with_more_votes_than_valid_ballots(cast: Cast, login: Login) -> None:
    found = scene(cast)
    response = login("alice").post(_url(found.delegates, "tally"), {"valid": 0, "votes_1": 1})
    assert response.status_code == 200
    assert "alert-error" in _body(response)
    found.delegates.refresh_from_db()
    assert found.delegates.tally == {}


def test_it_refuses_a_tally_that_is_not_a_number(cast: Cast, login: Login) -> None:
    found = scene(cast)
    response = login("alice").post(_url(found.delegates, "tally"), {"valid": "-1", "votes_1": "x"})
    body = _body(response)
    assert "Ghi một số nguyên từ 0 đến 1.000.000." in body
    found.delegates.refresh_from_db()
    assert found.delegates.tally == {}


def _count(login: Login, found: Scene, **data: Any) -> Any:
    values = {"on": "20/05/2025", "unreturned": 0, **data}
    return login("alice").post(_url(found.committee, "count"), values)


def test_it_counts_and_shows_the_result(cast: Cast, login: Login) -> None:
    found = scene(cast)
    response = _count(login, found, issued_count=3, unreturned=1)
    assert response["Location"].endswith("#result")
    found.committee.refresh_from_db()
    assert found.committee.result["elected"] == [AN, BICH]
    body = _body(login("dave").get(_url(found.committee)))
    assert "Còn thiếu 1 người trúng cử" in body and "66,67%" in body
    assert "từ 2 phiếu (quá một nửa của 3)" in body and "Kiểm phiếu</button>" not in body
    assert "Biên bản kiểm phiếu (Word)" in body and "Bầu lần 2" not in body


def test_it_flags_a_reconciliation_that_does_not_balance(cast: Cast, login: Login) -> None:
    found = scene(cast)
    _count(login, found, issued_count=5)
    body = _body(login("alice").get(_url(found.committee)))
    assert "Không khớp với số phát ra" in body


def test_it_refuses_a_count_before_the_congress_day(cast: Cast, login: Login) -> None:
    found = scene(cast)
    response = _count(login, found, on="01/01/2025")
    assert "Ngày kiểm phiếu không được trước ngày đại hội (20/05/2025)." in _body(response)
    found.committee.refresh_from_db()
    assert found.committee.status == "open" and found.committee.result == {}


def test_it_opens_the_next_round_among_the_chosen_names(cast: Cast, login: Login) -> None:
    found = scene(cast)
    assert "Bầu lần 2" in _body(login("alice").get(_url(found.unfilled)))
    response = login("alice").post(_url(found.unfilled, "next_round"), {"names": [CUONG]})
    second = Election.objects.get(congress=found.prepared, kind="delegates", round=2)
    assert response["Location"] == _url(second)
    assert list(second.candidates.values_list("name", flat=True)) == [CUONG]
    assert second.seats == 2


def test_it_refuses_a_next_round_without_names_when_nobody_is_tied(
    cast: Cast, login: Login
) -> None:
    found = scene(cast)
    response = login("alice").post(_url(found.unfilled, "next_round"), {})
    assert "Không có người bằng phiếu" in _body(response)
    assert not Election.objects.filter(round=2).exists()


def test_it_corrects_the_denominator_with_a_reason(cast: Cast, login: Login) -> None:
    found = scene(cast)
    url = _url(found.delegates, "denominator")
    assert "Lý do sửa" in _body(login("alice").post(url, {"denominator": 1, "reason": ""}))
    login("alice").post(url, {"denominator": 2, "reason": "Đối chiếu lại danh sách"})
    found.delegates.refresh_from_db()
    assert found.delegates.denominator == 2
    # Once a ballot is entered the denominator stays as it is.
    assert "Sửa số triệu tập" not in _body(login("alice").get(_url(found.committee)))


def test_it_shows_no_entry_form_to_a_reader(cast: Cast, login: Login) -> None:
    found = scene(cast)
    body = _body(login("dave").get(_url(found.committee)))
    assert "Kết quả tạm tính" in body
    assert "Nhập phiếu" not in body and "Kiểm phiếu</button>" not in body


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_it_reads_the_election_in_a_fixed_number_of_queries(cast: Cast, login: Login) -> None:
    found = scene(cast)
    alice, url = login("alice"), _url(found.committee)
    small = _queries(alice, url)
    for _number in range(12):
        services.add_ballot(cast.user("alice"), found.committee, kept=[BICH, CUONG])
    assert _queries(alice, url) == small


def test_it_lists_the_invalid_ballots_by_reason(cast: Cast, login: Login) -> None:
    found = scene(cast)
    login("alice").post(_url(found.committee, "add_ballot"), {"kept": [AN], "not_issued": "on"})
    _count(login, found)
    body = _body(login("alice").get(_url(found.committee)))
    assert '<dd data-figure="invalid">1 <span class="muted small">' in body
    assert "(phiếu không do ban kiểm phiếu phát ra: 1)" in body
