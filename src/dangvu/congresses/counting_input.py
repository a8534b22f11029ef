"""The input of a ballot count: its types, the JSON it is read from, and its checks.

``counting.py`` counts; this module says what may be counted and, when something
may not, which ballot, name or number is wrong, in Vietnamese (issue 7, item 4).
Like ``counting.py`` it imports nothing from Django: it is a pure function of its
input. The public names are re-exported by ``counting.py``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from dangvu.core.text import normalize_name


def _(message: str) -> str:
    """Marks an interface string (Vietnamese is the source language) without Django."""
    return message


# Far above any congress (the national congress convenes about 1,600 delegates);
# it bounds the input and keeps every number printable.
MAX_NUMBER = 1_000_000
MAX_TEXT = "1.000.000"

# Why a ballot is invalid (Quy chế bầu cử trong Đảng, 190-QĐ/TW, Điều 15 "Phiếu bầu cử",
# as 244-QĐ/TW Điều 17 before it; docs/decisions/0010-congress-readings.md).
NOT_ISSUED = "not_issued"
TOO_MANY = "too_many"
# Every name crossed out on a list with surplus: nobody is voted for.
CROSSED_ALL = "crossed_all"
# A one-name list (agree/disagree boxes) with both boxes ticked or neither.
ONE_NAME_UNMARKED = "one_name_unmarked"
# A list of several names without surplus with no name ticked in exactly one box: the text
# names "một người hoặc một số người" only, so this reading is a setting (valid by default).
NO_MARK = "no_mark"
INVALID_REASON_LABELS: dict[str, str] = {
    NOT_ISSUED: _("Phiếu không do Ban kiểm phiếu phát ra"),
    TOO_MANY: _("Phiếu bầu quá số lượng cần bầu"),
    CROSSED_ALL: _("Phiếu gạch tên tất cả những người trong danh sách bầu cử có số dư"),
    ONE_NAME_UNMARKED: _(
        "Phiếu bầu danh sách chỉ có một người, đánh dấu cả hai ô hoặc không đánh dấu ô nào"
    ),
    NO_MARK: _("Phiếu bầu danh sách không có số dư, không đánh dấu vào đúng một ô ở người nào"),
}

# The boxes of a ballot on a list without surplus; only "agree" is a vote.
AGREE = "agree"
DISAGREE = "disagree"
MARKS = (AGREE, DISAGREE, "both", "none")

FIELD_LABELS: dict[str, str] = {
    "seats": _("số lượng cần bầu"),
    "denominator": _("số đảng viên/đại biểu được triệu tập"),
    "candidates": _("danh sách bầu cử"),
    "ballots": _("các phiếu bầu"),
    "tally": _("bảng tổng hợp kết quả kiểm phiếu"),
    "valid_ballots": _("số phiếu hợp lệ"),
    "invalid_ballots": _("số phiếu không hợp lệ theo lý do"),
    "unreturned": _("số phiếu phát ra không thu về"),
    "issued_count": _("số phiếu phát ra"),
    "surplus_check": _("kiểm tra số dư"),
    "unmarked_ballot_valid": _(
        "phiếu không đánh dấu đúng một ô ở người nào (danh sách nhiều người không có số dư) "
        "là phiếu hợp lệ"
    ),
}
BALLOT_KEYS = ("kept", "marks", "issued")


class CountingError(ValueError):
    """Input the count cannot use; the message says in Vietnamese what is wrong."""


@dataclass(frozen=True)
class Ballot:
    """One ballot: the names left (strike-out) or the marks (list without surplus)."""

    kept: tuple[str, ...] | None = None
    marks: Mapping[str, str] | None = None
    issued: bool = True

    def voted_for(self) -> tuple[str, ...]:
        if self.marks is not None:
            return tuple(name for name, mark in self.marks.items() if mark == AGREE)
        return self.kept or ()

    def names(self) -> tuple[str, ...]:
        return tuple(self.marks) if self.marks is not None else self.kept or ()


@dataclass(frozen=True)
class Tally:
    """A tally sheet entered instead of single ballots."""

    votes: Mapping[str, int]
    valid_ballots: int
    invalid_ballots: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class CountRequest:
    """What is counted: exactly one of ``ballots`` and ``tally``."""

    seats: int
    denominator: int
    candidates: tuple[str, ...]
    ballots: tuple[Ballot, ...] | None = None
    tally: Tally | None = None
    unreturned: int = 0
    issued_count: int | None = None
    surplus_check: bool = True
    # See ``NO_MARK``: the reading of the case the text leaves open (setting
    # ``DANGVU_ELECTIONS_UNMARKED_BALLOT_VALID`` for stored elections).
    unmarked_ballot_valid: bool = True


def normalized(request: CountRequest) -> CountRequest:
    """The request with every name in its stored form, so equal names compare equal."""
    ballots = request.ballots
    if ballots is not None:
        ballots = tuple(
            replace(
                b,
                kept=None if b.kept is None else tuple(_name(n) for n in b.kept),
                marks=None if b.marks is None else _normalized_keys(b.marks, _ballot_where(i)),
            )
            for i, b in enumerate(ballots, 1)
        )
    tally = request.tally
    if tally is not None:
        tally = replace(tally, votes=_normalized_keys(tally.votes, _("Bảng tổng hợp")))
    candidates = tuple(_name(n) for n in request.candidates)
    return replace(request, candidates=candidates, ballots=ballots, tally=tally)


def _name(name: str) -> str:
    return normalize_name(name) if isinstance(name, str) else name


def _normalized_keys(mapping: Mapping[str, Any], where: str) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in mapping.items():
        name = _name(key)
        if name in result:
            raise CountingError(_twice(where, name))
        result[name] = value
    return result


# Checks of a request (also of one built in Python rather than parsed from JSON).


def check_request(request: CountRequest) -> None:
    """Raise ``CountingError`` for the first thing in ``request`` that cannot be counted."""
    _check_number("seats", request.seats, 1)
    _check_number("denominator", request.denominator, 1)
    _check_number("unreturned", request.unreturned, 0)
    if request.issued_count is not None:
        _check_number("issued_count", request.issued_count, 0)
    _check_candidates(request.candidates)
    if (request.ballots is None) == (request.tally is None):
        raise CountingError(_one_source_message(both=request.ballots is not None))
    known = frozenset(request.candidates)
    if request.tally is not None:
        _check_tally(request.tally, known, request.seats)
    for number, ballot in enumerate(request.ballots or (), 1):
        _check_ballot(number, ballot, known, marks_allowed=len(known) <= request.seats)


def _check_number(key: str, value: int, minimum: int) -> None:
    label = _field(key)
    if type(value) is not int:
        raise CountingError(_("%(field)s phải là một số nguyên.") % {"field": label})
    if value < minimum:
        raise CountingError(
            _("%(field)s phải từ %(minimum)s trở lên, không phải %(value)s.")
            % {"field": label, "minimum": minimum, "value": value}
        )
    if value > MAX_NUMBER:
        raise CountingError(
            _("%(field)s không được lớn hơn %(maximum)s.") % {"field": label, "maximum": MAX_TEXT}
        )


def _check_candidates(candidates: Sequence[str]) -> None:
    if not candidates:
        raise CountingError(_("Danh sách bầu cử (“candidates”) đang trống."))
    seen: set[str] = set()
    for position, name in enumerate(candidates, 1):
        _check_name(_("Danh sách bầu cử"), position, name)
        if name in seen:
            raise CountingError(_twice(_("Danh sách bầu cử"), name))
        seen.add(name)


def _check_name(where: str, position: int, name: Any) -> None:
    if not isinstance(name, str):
        raise CountingError(_not_text(where, position, name))
    if not name:
        raise CountingError(
            _("%(where)s: tên thứ %(position)s để trống.") % {"where": where, "position": position}
        )
    if not name.isprintable():
        raise CountingError(
            _("%(where)s: tên thứ %(position)s có ký tự không in được: %(value)s.")
            % {"where": where, "position": position, "value": show(name)}
        )


def _check_ballot(number: int, ballot: Ballot, known: frozenset[str], marks_allowed: bool) -> None:
    where = _ballot_where(number)
    if type(ballot.issued) is not bool:
        raise CountingError(_("%(where)s: “issued” phải là true hoặc false.") % {"where": where})
    if ballot.kept is not None and ballot.marks is not None:
        raise CountingError(
            _("%(where)s: có cả “kept” và “marks”; mỗi phiếu chỉ ghi theo một cách.")
            % {"where": where}
        )
    if ballot.kept is None and ballot.marks is None and ballot.issued:
        raise CountingError(
            _(
                "%(where)s: thiếu “kept” (các tên không bị gạch) hoặc “marks” "
                "(đồng ý/không đồng ý từng người)."
            )
            % {"where": where}
        )
    if ballot.marks is not None and not marks_allowed:
        raise CountingError(
            _(
                "%(where)s: “marks” (đồng ý/không đồng ý) chỉ dùng cho danh sách không có số dư "
                "(số người trong danh sách không nhiều hơn số lượng cần bầu); với danh sách có "
                "số dư, ghi “kept”."
            )
            % {"where": where}
        )
    _check_names_on(where, ballot.names(), known)
    for name, mark in (ballot.marks or {}).items():
        if mark not in MARKS:
            raise CountingError(
                _(
                    "%(where)s: dấu %(mark)s ở tên “%(name)s” không hợp lệ; dùng agree "
                    "(đồng ý), disagree (không đồng ý), both (đánh cả hai ô) hoặc none "
                    "(không đánh ô nào)."
                )
                % {"where": where, "mark": show(mark), "name": name}
            )


def _check_names_on(where: str, names: Iterable[str], known: frozenset[str]) -> None:
    seen: set[str] = set()
    for position, name in enumerate(names, 1):
        _check_name(where, position, name)
        if name not in known:
            raise CountingError(_unknown(where, name))
        if name in seen:
            raise CountingError(_twice(where, name))
        seen.add(name)


def _check_tally(tally: Tally, known: frozenset[str], seats: int) -> None:
    where = _("Bảng tổng hợp")
    _check_number("valid_ballots", tally.valid_ballots, 0)
    _check_names_on(where, tally.votes, known)
    for name, votes in tally.votes.items():
        _check_count(
            _("%(where)s: số phiếu của “%(name)s”") % {"where": where, "name": name}, votes
        )
        if votes > tally.valid_ballots:
            raise CountingError(
                _(
                    "%(where)s: “%(name)s” được %(votes)s phiếu, nhiều hơn số phiếu hợp lệ "
                    "(%(valid)s)."
                )
                % {"where": where, "name": name, "votes": votes, "valid": tally.valid_ballots}
            )
    _check_total(tally, seats)
    for reason, number in tally.invalid_ballots.items():
        if reason not in INVALID_REASON_LABELS:
            raise CountingError(_unknown_reason(reason))
        _check_count(_("Số phiếu không hợp lệ “%(reason)s”") % {"reason": reason}, number)


def _check_total(tally: Tally, seats: int) -> None:
    total = sum(tally.votes.values())
    if total > tally.valid_ballots * seats:
        raise CountingError(
            _(
                "Bảng tổng hợp: tổng số phiếu của các người trong danh sách (%(total)s) lớn hơn "
                "số phiếu hợp lệ nhân số lượng cần bầu (%(valid)s × %(seats)s = %(most)s)."
            )
            % {
                "total": total,
                "valid": tally.valid_ballots,
                "seats": seats,
                "most": tally.valid_ballots * seats,
            }
        )


def _check_count(label: str, value: Any) -> None:
    if type(value) is not int or not 0 <= value <= MAX_NUMBER:
        raise CountingError(
            _("%(label)s phải là một số nguyên từ 0 đến %(maximum)s, không phải %(value)s.")
            % {"label": label, "maximum": MAX_TEXT, "value": show(value)}
        )


# Messages.


def show(value: Any) -> str:
    """``value`` as it was written, short and always printable: text in quotes, else JSON."""
    if isinstance(value, str):
        text = value if len(value) <= 60 else value[:59] + "…"
        text = "“%s”" % text  # noqa: UP031 -- the translatable style.
    else:
        try:
            text = json.dumps(value, ensure_ascii=False)
        except (TypeError, ValueError):
            text = repr(value)
        text = text if len(text) <= 60 else text[:59] + "…"
    # A lone surrogate cannot be encoded: show its escape instead.
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _field(key: str) -> str:
    return "“%s” (%s)" % (key, FIELD_LABELS[key])  # noqa: UP031 -- the translatable style.


def _not_text(where: str, position: int, name: Any) -> str:
    return _("%(where)s: tên thứ %(position)s phải là một chuỗi ký tự, không phải %(value)s.") % {
        "where": where,
        "position": position,
        "value": show(name),
    }


def _ballot_where(number: int) -> str:
    return _("Phiếu số %(number)s") % {"number": number}


def _unknown(where: str, name: str) -> str:
    return _("%(where)s: “%(name)s” không có trong danh sách bầu cử.") % {
        "where": where,
        "name": name,
    }


def _twice(where: str, name: str) -> str:
    return _("%(where)s: “%(name)s” được ghi hai lần.") % {"where": where, "name": name}


def _unknown_reason(reason: Any) -> str:
    codes = "; ".join(f"{code} ({label})" for code, label in INVALID_REASON_LABELS.items())
    return _("Lý do phiếu không hợp lệ %(reason)s không có; dùng: %(codes)s.") % {
        "reason": show(reason),
        "codes": codes,
    }


def _one_source_message(both: bool) -> str:
    if both:
        return _(
            "Chỉ gửi một trong hai: “ballots” (từng phiếu bầu) hoặc “tally” (bảng tổng hợp "
            "kết quả kiểm phiếu), không gửi cả hai."
        )
    return _("Thiếu “ballots” (từng phiếu bầu) hoặc “tally” (bảng tổng hợp kết quả kiểm phiếu).")


# Parsing the JSON.


def parse_request(data: Any) -> CountRequest:
    """The request in ``data`` (parsed JSON); raises ``CountingError`` for a wrong shape or type."""
    if not isinstance(data, Mapping):
        raise CountingError(
            _(
                "Dữ liệu phải là một đối tượng JSON có “seats”, “denominator”, “candidates” "
                "và “ballots” (hoặc “tally”)."
            )
        )
    _check_keys(_("Dữ liệu"), data, FIELD_LABELS)
    tally = data.get("tally")
    if tally is None and ("valid_ballots" in data or "invalid_ballots" in data):
        raise CountingError(
            _("“valid_ballots” và “invalid_ballots” chỉ dùng cùng “tally” (bảng tổng hợp).")
        )
    ballots = data.get("ballots")
    return CountRequest(
        seats=_integer(data, "seats"),
        denominator=_integer(data, "denominator"),
        candidates=_parse_names(_("Danh sách bầu cử"), data.get("candidates"), "candidates"),
        ballots=None if ballots is None else _parse_ballots(ballots),
        tally=None if tally is None else _parse_tally(data, tally),
        unreturned=_integer(data, "unreturned", default=0),
        issued_count=_integer(data, "issued_count", default=None),
        surplus_check=_boolean(data, "surplus_check"),
        unmarked_ballot_valid=_boolean(data, "unmarked_ballot_valid"),
    )


def _check_keys(where: str, data: Mapping[Any, Any], allowed: Iterable[str]) -> None:
    allowed = tuple(allowed)
    for key in data:
        if key not in allowed:
            raise CountingError(
                _("%(where)s: không hiểu khóa %(key)s; các khóa được dùng: %(keys)s.")
                % {"where": where, "key": show(key), "keys": ", ".join(allowed)}
            )


def _integer(data: Mapping[str, Any], key: str, default: Any = ...) -> Any:
    value = data.get(key)
    if value is None:
        if default is not ...:
            return default
        raise CountingError(_("Thiếu %(field)s.") % {"field": _field(key)})
    return _as_integer(value, _field(key))


def _as_integer(value: Any, label: str) -> int:
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        value = int(value)
    if type(value) is not int:
        raise CountingError(
            _("%(field)s phải là một số nguyên (ví dụ 3), không phải %(value)s.")
            % {"field": label, "value": show(value)}
        )
    return value


def _boolean(data: Mapping[str, Any], key: str) -> bool:
    value = data.get(key, True)
    if type(value) is not bool:
        raise CountingError(
            _("%(field)s phải là true hoặc false, không phải %(value)s.")
            % {"field": _field(key), "value": show(value)}
        )
    return value


def _parse_names(where: str, value: Any, key: str) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise CountingError(
            _('%(where)s (“%(key)s”) phải là một danh sách tên, ví dụ ["Nguyễn Văn A"].')
            % {"where": where, "key": key}
        )
    return tuple(_parse_name(where, position, name) for position, name in enumerate(value, 1))


def _parse_name(where: str, position: int, name: Any) -> str:
    if not isinstance(name, str):
        raise CountingError(_not_text(where, position, name))
    name = normalize_name(name)
    _check_name(where, position, name)
    return name


def _parse_keys(where: str, value: Mapping[Any, Any]) -> dict[str, Any]:
    """``value`` with its names in the stored form; two keys with the same name are refused."""
    result: dict[str, Any] = {}
    for position, (key, item) in enumerate(value.items(), 1):
        name = _parse_name(where, position, key)
        if name in result:
            raise CountingError(_twice(where, name))
        result[name] = item
    return result


def _parse_ballots(value: Any) -> tuple[Ballot, ...]:
    if not isinstance(value, list):
        raise CountingError(
            _('“ballots” (%(label)s) phải là một danh sách phiếu, ví dụ [{"kept": ["…"]}].')
            % {"label": FIELD_LABELS["ballots"]}
        )
    return tuple(_parse_ballot(number, raw) for number, raw in enumerate(value, 1))


def _parse_ballot(number: int, raw: Any) -> Ballot:
    where = _ballot_where(number)
    if not isinstance(raw, Mapping):
        raise CountingError(
            _('%(where)s phải là một đối tượng JSON, ví dụ {"kept": ["Nguyễn Văn A"]}.')
            % {"where": where}
        )
    _check_keys(where, raw, BALLOT_KEYS)
    issued = raw.get("issued", True)
    if type(issued) is not bool:
        raise CountingError(
            _("%(where)s: “issued” phải là true hoặc false, không phải %(value)s.")
            % {"where": where, "value": show(issued)}
        )
    kept, marks = raw.get("kept"), raw.get("marks")
    return Ballot(
        kept=None if kept is None else _parse_names(where, kept, "kept"),
        marks=None if marks is None else _parse_marks(where, marks),
        issued=issued,
    )


def _parse_marks(where: str, value: Any) -> dict[str, str]:
    if not isinstance(value, Mapping):
        raise CountingError(
            _('%(where)s: “marks” phải là một đối tượng, ví dụ {"Nguyễn Văn A": "agree"}.')
            % {"where": where}
        )
    return _parse_keys(where, value)


def _parse_tally(data: Mapping[str, Any], value: Any) -> Tally:
    if not isinstance(value, Mapping):
        raise CountingError(
            _('“tally” (%(label)s) phải là một đối tượng, ví dụ {"Nguyễn Văn A": 20}.')
            % {"label": FIELD_LABELS["tally"]}
        )
    votes = {
        name: _as_integer(n, _("Bảng tổng hợp: số phiếu của “%(name)s”") % {"name": name})
        for name, n in _parse_keys(_("Bảng tổng hợp"), value).items()
    }
    invalid = data.get("invalid_ballots", {})
    if not isinstance(invalid, Mapping):
        raise CountingError(
            _('%(field)s phải là một đối tượng, ví dụ {"not_issued": 1, "crossed_all": 2}.')
            % {"field": _field("invalid_ballots")}
        )
    for reason in invalid:
        if reason not in INVALID_REASON_LABELS:
            raise CountingError(_unknown_reason(reason))
    return Tally(
        votes=votes,
        valid_ballots=_integer(data, "valid_ballots"),
        invalid_ballots={
            reason: _as_integer(n, _field("invalid_ballots")) for reason, n in invalid.items()
        },
    )
