"""Inputs shared by the counting tests: the example of issue 7 and small builders."""

from __future__ import annotations

from typing import Any

import pytest

from dangvu.congresses.counting import CountingError, count_json

A, B, C, D = "Nguyễn Văn A", "Trần Thị B", "Lê Văn C", "Phạm Thị D"
NAMES = [A, B, C, D]

# Issue 7, item 4, word for word.
EXAMPLE: dict[str, Any] = {
    "seats": 3,
    "denominator": 25,
    "candidates": NAMES,
    "ballots": [
        {"kept": [A, B, C]},
        {"kept": [A], "issued": True},
        {"kept": [A, B, C, D]},
        {"issued": False, "kept": [D]},
    ],
}


def kept(*names: str, issued: bool = True) -> dict[str, Any]:
    return {"kept": list(names), "issued": issued}


def ballots_data(
    ballots: list[dict[str, Any]], seats: int = 3, denominator: int = 25, **extra: Any
) -> dict[str, Any]:
    data = {"seats": seats, "denominator": denominator, "candidates": NAMES, "ballots": ballots}
    return {**data, **extra}


def tally_data(
    votes: dict[str, int], valid: int, seats: int = 3, denominator: int = 25, **extra: Any
) -> dict[str, Any]:
    data = {"seats": seats, "denominator": denominator, "candidates": NAMES}
    return {**data, "tally": votes, "valid_ballots": valid, **extra}


def by_ballots(ballots: list[dict[str, Any]], **options: Any) -> dict[str, Any]:
    return count_json(ballots_data(ballots, **options))


def by_tally(votes: dict[str, int], valid: int, **options: Any) -> dict[str, Any]:
    return count_json(tally_data(votes, valid, **options))


def error_of(data: Any) -> str:
    """The message ``count_json`` refuses ``data`` with."""
    with pytest.raises(CountingError) as info:
        count_json(data)
    return str(info.value)
