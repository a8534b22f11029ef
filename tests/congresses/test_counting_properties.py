"""Properties of the count on random elections (hypothesis)."""

from __future__ import annotations

import unicodedata
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from dangvu.congresses.counting import count_json, list_problem, max_candidates, threshold

POOL = [
    "Nguyễn Văn An",
    "Trần Thị Bình",
    "Lê Văn Cường",
    "Phạm Thị Dung",
    "Hoàng Văn Em",
    "Đỗ Thị Giang",
    "Vũ Văn Hải",
    "Bùi Thị Khánh",
]


@st.composite
def elections(draw: Any) -> dict[str, Any]:
    """Small elections whose ballots concentrate enough to produce qualifiers and ties."""
    candidates = POOL[: draw(st.integers(1, len(POOL)))]
    kept = st.lists(st.sampled_from(candidates), unique=True, max_size=len(candidates))
    issued = st.sampled_from([True, True, True, False])
    # A few kinds of ballot, each cast many times: votes pile up, so people qualify and tie.
    kinds = draw(st.lists(st.fixed_dictionaries({"kept": kept, "issued": issued}), min_size=1))
    ballots = draw(st.lists(st.sampled_from(kinds), max_size=30))
    return {
        "seats": draw(st.integers(1, 6)),
        # Never fewer convened than ballots, so valid ballots never exceed the denominator.
        "denominator": draw(st.integers(max(1, len(ballots)), len(ballots) + 5)),
        "candidates": candidates,
        "ballots": ballots,
        "unreturned": draw(st.integers(0, 3)),
    }


@st.composite
def tallies(draw: Any) -> dict[str, Any]:
    """Tally sheets with votes on a few levels: many qualifiers and ties at the last seat."""
    candidates = POOL[: draw(st.integers(1, len(POOL)))]
    valid = draw(st.integers(0, 20))
    levels = draw(st.lists(st.integers(0, valid), min_size=1, max_size=3))
    votes = {name: draw(st.sampled_from(levels)) for name in candidates}
    # A valid ballot votes for at most ``seats`` people: enough seats for the votes drawn.
    fewest_seats = -(-sum(votes.values()) // valid) if valid else 1
    return {
        "seats": max(draw(st.integers(1, 6)), fewest_seats),
        "denominator": draw(st.integers(max(1, valid), valid + 5)),
        "candidates": candidates,
        "tally": votes,
        "valid_ballots": valid,
    }


ANY_COUNT = st.one_of(elections(), tallies())


@given(elections())
def test_it_never_gives_a_name_more_votes_than_valid_ballots(data: dict[str, Any]) -> None:
    result = count_json(data)
    assert all(0 <= n <= result["valid_ballots"] for n in result["votes"].values())
    assert set(result["votes"]) == set(data["candidates"])


@given(ANY_COUNT)
def test_it_never_elects_more_than_the_seats(data: dict[str, Any]) -> None:
    result = count_json(data)
    assert len(result["elected"]) <= data["seats"]
    assert not set(result["elected"]) & set(result["tied"])
    assert len(result["elected"]) + result["unfilled_seats"] == data["seats"]


@given(ANY_COUNT)
def test_it_elects_only_above_the_threshold_and_above_everyone_else(data: dict[str, Any]) -> None:
    result = count_json(data)
    votes = result["votes"]
    others = [votes[n] for n in data["candidates"] if n not in result["elected"]]
    assert all(votes[name] >= result["threshold"] for name in result["elected"])
    assert all(votes[name] > max(others, default=-1) for name in result["elected"])
    assert [votes[n] for n in result["elected"]] == sorted(
        (votes[n] for n in result["elected"]), reverse=True
    )


@given(ANY_COUNT)
def test_it_leaves_seats_unfilled_only_for_want_of_qualifiers_or_a_tie(
    data: dict[str, Any],
) -> None:
    result = count_json(data)
    if result["tied"]:
        assert len({result["votes"][n] for n in result["tied"]}) == 1
        assert len(result["tied"]) > result["unfilled_seats"] > 0
    elif result["unfilled_seats"]:
        assert result["qualified"] == result["elected"]
    else:
        assert len(result["elected"]) == data["seats"]


@given(elections())
def test_it_accounts_for_every_ballot_returned(data: dict[str, Any]) -> None:
    result = count_json(data)
    assert result["valid_ballots"] + result["invalid_ballots"] == result["ballots_returned"]
    assert result["ballots_returned"] == len(data["ballots"])
    assert sum(result["invalid_reasons"].values()) == result["invalid_ballots"]
    assert result["reconciliation"]["balanced"] is True


@given(elections(), st.randoms())
def test_it_does_not_depend_on_the_order_of_the_ballots(data: dict[str, Any], rnd: Any) -> None:
    shuffled = list(data["ballots"])
    rnd.shuffle(shuffled)
    assert count_json({**data, "ballots": shuffled}) == count_json(data)


@given(elections())
def test_it_gives_the_same_result_from_a_tally_sheet(data: dict[str, Any]) -> None:
    result = count_json(data)
    tally = {k: v for k, v in data.items() if k != "ballots"}
    tally.update(
        tally=result["votes"],
        valid_ballots=result["valid_ballots"],
        invalid_ballots=result["invalid_reasons"],
    )
    assert count_json(tally) == {**result, "counted_from": "tally"}


@given(elections())
def test_it_does_not_depend_on_how_names_are_encoded(data: dict[str, Any]) -> None:
    def decomposed(name: str) -> str:
        return " " + unicodedata.normalize("NFD", name).replace(" ", "  ")

    ballots = [{**b, "kept": [decomposed(n) for n in b["kept"]]} for b in data["ballots"]]
    assert count_json({**data, "ballots": ballots}) == count_json(data)


@given(st.integers(1, 10**6))
def test_it_puts_the_threshold_just_above_half(denominator: int) -> None:
    needed = threshold(denominator)
    assert 2 * needed > denominator >= 2 * (needed - 1)


@given(st.integers(1, 500), st.integers(1, 700))
def test_it_allows_at_most_thirty_percent_surplus(seats: int, candidates: int) -> None:
    allowed = list_problem(seats, candidates) == ""
    assert allowed is (candidates <= max_candidates(seats))
    assert seats <= max_candidates(seats) <= seats * 1.3 or seats in (3, 4)
