"""Bad input to the count: each case is refused with a message naming what is wrong."""

from __future__ import annotations

from typing import Any

import pytest

from dangvu.congresses.counting import count_json, parse_request
from tests.congresses.helpers import EXAMPLE, A, B, ballots_data, error_of, kept, tally_data


def _example(**changes: Any) -> dict[str, Any]:
    return {**EXAMPLE, **changes}


BAD_INPUT: list[tuple[str, Any, str]] = [
    (
        "not an object",
        [EXAMPLE],
        "Dữ liệu phải là một đối tượng JSON có “seats”, “denominator”, “candidates” và "
        "“ballots” (hoặc “tally”).",
    ),
    (
        "unknown key",
        _example(seat=3),
        "Dữ liệu: không hiểu khóa “seat”; các khóa được dùng: seats, denominator, candidates, "
        "ballots, tally, valid_ballots, invalid_ballots, unreturned, issued_count, surplus_check, "
        "unmarked_ballot_valid.",
    ),
    (
        "seats as text",
        _example(seats="3"),
        "“seats” (số lượng cần bầu) phải là một số nguyên (ví dụ 3), không phải “3”.",
    ),
    (
        "seats as a boolean",
        _example(seats=True),
        "“seats” (số lượng cần bầu) phải là một số nguyên (ví dụ 3), không phải true.",
    ),
    (
        "seats as a fraction",
        _example(seats=2.5),
        "“seats” (số lượng cần bầu) phải là một số nguyên (ví dụ 3), không phải 2.5.",
    ),
    (
        "seats zero",
        _example(seats=0),
        "“seats” (số lượng cần bầu) phải từ 1 trở lên, không phải 0.",
    ),
    (
        "denominator zero",
        _example(denominator=0),
        "“denominator” (số đảng viên/đại biểu được triệu tập) phải từ 1 trở lên, không phải 0.",
    ),
    (
        "denominator huge",
        _example(denominator=10**12),
        "“denominator” (số đảng viên/đại biểu được triệu tập) không được lớn hơn 1.000.000.",
    ),
    (
        "denominator missing",
        {k: v for k, v in EXAMPLE.items() if k != "denominator"},
        "Thiếu “denominator” (số đảng viên/đại biểu được triệu tập).",
    ),
    ("empty list", _example(candidates=[]), "Danh sách bầu cử (“candidates”) đang trống."),
    (
        "list not a list",
        _example(candidates="Nguyễn Văn A"),
        'Danh sách bầu cử (“candidates”) phải là một danh sách tên, ví dụ ["Nguyễn Văn A"].',
    ),
    (
        "candidate twice",
        _example(candidates=[A, B, f" {A}"]),
        "Danh sách bầu cử: “Nguyễn Văn A” được ghi hai lần.",
    ),
    (
        "candidate not text",
        _example(candidates=[A, 7]),
        "Danh sách bầu cử: tên thứ 2 phải là một chuỗi ký tự, không phải 7.",
    ),
    ("blank candidate", _example(candidates=[A, "  "]), "Danh sách bầu cử: tên thứ 2 để trống."),
    (
        "ballots missing",
        {k: v for k, v in EXAMPLE.items() if k != "ballots"},
        "Thiếu “ballots” (từng phiếu bầu) hoặc “tally” (bảng tổng hợp kết quả kiểm phiếu).",
    ),
    (
        "ballots not a list",
        _example(ballots={"kept": [A]}),
        '“ballots” (các phiếu bầu) phải là một danh sách phiếu, ví dụ [{"kept": ["…"]}].',
    ),
    (
        "ballot not an object",
        _example(ballots=[kept(A), [A]]),
        'Phiếu số 2 phải là một đối tượng JSON, ví dụ {"kept": ["Nguyễn Văn A"]}.',
    ),
    (
        "unknown name",
        _example(ballots=[kept(A), kept(B), kept(A, "Nguyễn Văn E")]),
        "Phiếu số 3: “Nguyễn Văn E” không có trong danh sách bầu cử.",
    ),
    (
        "name twice",
        _example(ballots=[kept(A, B, A)]),
        "Phiếu số 1: “Nguyễn Văn A” được ghi hai lần.",
    ),
    (
        "issued as text",
        _example(ballots=[{"kept": [A], "issued": "yes"}]),
        "Phiếu số 1: “issued” phải là true hoặc false, không phải “yes”.",
    ),
    (
        "unknown ballot key",
        _example(ballots=[{"keep": [A]}]),
        "Phiếu số 1: không hiểu khóa “keep”; các khóa được dùng: kept, marks, issued.",
    ),
    (
        "issued ballot without names",
        _example(ballots=[{"issued": True}]),
        "Phiếu số 1: thiếu “kept” (các tên không bị gạch) hoặc “marks” (đồng ý/không đồng ý "
        "từng người).",
    ),
    (
        "kept and marks",
        _example(seats=4, ballots=[{"kept": [A], "marks": {A: "agree"}}]),
        "Phiếu số 1: có cả “kept” và “marks”; mỗi phiếu chỉ ghi theo một cách.",
    ),
    (
        "marks on a list with surplus",
        _example(ballots=[{"marks": {A: "agree"}}]),
        "Phiếu số 1: “marks” (đồng ý/không đồng ý) chỉ dùng cho danh sách không có số dư (số "
        "người trong danh sách không nhiều hơn số lượng cần bầu); với danh sách có số dư, ghi "
        "“kept”.",
    ),
    (
        "unknown mark",
        _example(seats=4, ballots=[{"marks": {A: "yes"}}]),
        "Phiếu số 1: dấu “yes” ở tên “Nguyễn Văn A” không hợp lệ; dùng agree (đồng ý), "
        "disagree (không đồng ý), both (đánh cả hai ô) hoặc none (không đánh ô nào).",
    ),
    (
        "more valid ballots than convened",
        _example(denominator=2, ballots=[kept(A)] * 3),
        "Số phiếu hợp lệ (3) lớn hơn số đại biểu/đảng viên được triệu tập (2).",
    ),
    (
        "ballots and tally",
        _example(tally={A: 1}, valid_ballots=1),
        "Chỉ gửi một trong hai: “ballots” (từng phiếu bầu) hoặc “tally” (bảng tổng hợp kết quả "
        "kiểm phiếu), không gửi cả hai.",
    ),
    (
        "valid_ballots without tally",
        _example(valid_ballots=2),
        "“valid_ballots” và “invalid_ballots” chỉ dùng cùng “tally” (bảng tổng hợp).",
    ),
    (
        "tally without valid_ballots",
        {**tally_data({A: 1}, valid=1), "valid_ballots": None},
        "Thiếu “valid_ballots” (số phiếu hợp lệ).",
    ),
    (
        "tally unknown name",
        tally_data({"Nguyễn Văn E": 1}, valid=1),
        "Bảng tổng hợp: “Nguyễn Văn E” không có trong danh sách bầu cử.",
    ),
    (
        "tally negative",
        tally_data({A: -1}, valid=1),
        "Bảng tổng hợp: số phiếu của “Nguyễn Văn A” phải là một số nguyên từ 0 đến "
        "1.000.000, không phải -1.",
    ),
    (
        "tally unknown reason",
        tally_data({A: 1}, valid=1, invalid_ballots={"blank": 1}),
        "Lý do phiếu không hợp lệ “blank” không có; dùng: not_issued (Phiếu không do Ban kiểm "
        "phiếu phát ra); too_many (Phiếu bầu quá số lượng cần bầu); crossed_all (Phiếu gạch "
        "tên tất cả những người trong danh sách bầu cử có số dư); one_name_unmarked (Phiếu bầu "
        "danh sách chỉ có một người, đánh dấu cả hai ô hoặc không đánh dấu ô nào); no_mark "
        "(Phiếu bầu danh sách không có số dư, không đánh dấu vào đúng một ô ở người nào).",
    ),
    (
        "negative unreturned",
        ballots_data([kept(A)], unreturned=-1),
        "“unreturned” (số phiếu phát ra không thu về) phải từ 0 trở lên, không phải -1.",
    ),
    (
        "surplus_check as text",
        ballots_data([kept(A)], surplus_check="no"),
        "“surplus_check” (kiểm tra số dư) phải là true hoặc false, không phải “no”.",
    ),
]


@pytest.mark.parametrize(
    ("data", "message"), [c[1:] for c in BAD_INPUT], ids=[c[0] for c in BAD_INPUT]
)
def test_it_refuses_bad_input_with_a_message(data: Any, message: str) -> None:
    assert error_of(data) == message


@pytest.mark.parametrize(
    "name", ["\ud800", "Nguyễn\x00Văn A", "A" * 500], ids=["surrogate", "nul", "long"]
)
def test_it_shows_odd_input_printably(name: str) -> None:
    message = error_of(ballots_data([kept(A)], **{name: 1}))
    message.encode("utf-8")  # A message that cannot be encoded would make the API fail.
    assert len(message) < 300


def test_it_refuses_unprintable_names() -> None:
    assert error_of(ballots_data([kept(A, "\ud800")])) == (
        "Phiếu số 1: tên thứ 2 có ký tự không in được: “\\ud800”."
    )


def test_it_reads_a_whole_float_as_an_integer() -> None:
    assert parse_request(_example(seats=3.0)).seats == 3
    assert count_json(_example(seats=3.0)) == count_json(EXAMPLE)


def test_it_refuses_names_equal_after_normalising_in_a_tally() -> None:
    assert error_of(tally_data({A: 1, f"{A} ": 1}, valid=1)) == (
        "Bảng tổng hợp: “Nguyễn Văn A” được ghi hai lần."
    )
