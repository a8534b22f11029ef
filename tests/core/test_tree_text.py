"""Property tests for the Vietnamese folding, the name sort key and the tree path."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from dangvu.core.text import fold, name_sort_key
from dangvu.core.tree import (
    SEGMENT_WIDTH,
    ancestor_ids,
    ancestor_paths,
    child_path,
    segment,
    subtree_bounds,
)

# Every letter of the Vietnamese alphabet with each of the five tones, both cases.
_BASES = "aăâeêioôơuưy"
_TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
_VOWELS = [unicodedata.normalize("NFC", b + t) for b in _BASES for t in _TONES]
VIETNAMESE_LETTERS = sorted(
    {*_VOWELS, *(v.upper() for v in _VOWELS), *"bcdđghklmnpqrstvx", *"BCDĐGHKLMNPQRSTVX"}
)
letters = st.sampled_from(VIETNAMESE_LETTERS)
words = st.text(letters, min_size=1, max_size=7)
vietnamese_text = st.lists(
    st.one_of(words, st.sampled_from([" ", "  ", "\t", "-", "."])), max_size=8
).map("".join)
names = st.lists(words, min_size=1, max_size=4).map(" ".join)

MAX_ID = 10**SEGMENT_WIDTH - 2  # the bound adds one to the last id
ids = st.integers(min_value=1, max_value=MAX_ID)
paths = st.lists(ids, min_size=1, max_size=5).map(lambda xs: "".join(segment(x) for x in xs))


@given(st.one_of(vietnamese_text, st.text()))
def test_it_folds_idempotently(text: str) -> None:
    assert fold(fold(text)) == fold(text)


@given(vietnamese_text)
def test_it_folds_vietnamese_letters_to_lowercase_ascii(text: str) -> None:
    folded = fold(text)
    assert folded.isascii()
    assert folded == folded.lower()
    assert "  " not in folded and folded == folded.strip()


@given(vietnamese_text)
def test_it_folds_upper_and_lower_case_alike(text: str) -> None:
    assert fold(text.upper()) == fold(text.lower()) == fold(text)


def test_it_folds_the_d_with_stroke() -> None:
    assert fold("ĐỖ") == "do"
    assert fold("Đỗ Văn  Tuấn") == "do van tuan"
    assert fold("Nguyễn Văn Khai") == "nguyen van khai"


@given(names)
def test_it_sorts_by_the_given_name_first(name: str) -> None:
    parts = fold(name).split(" ")
    key = name_sort_key(name)
    assert key.split(" ")[0] == parts[-1]
    assert sorted(key.split(" ")) == sorted(parts)
    assert name_sort_key(fold(name)) == key


@given(names, names, words, words)
def test_it_orders_by_given_name_before_surname(a: str, b: str, x: str, y: str) -> None:
    first, second = f"{a} {x}", f"{b} {y}"
    if fold(x) < fold(y):
        assert name_sort_key(first) < name_sort_key(second)


def test_it_sorts_vietnamese_names_as_people_expect() -> None:
    people = ["Nguyễn Văn Khai", "Đỗ Văn Tuấn", "Trần Thị Bích", "Lê Văn An"]
    assert sorted(people, key=name_sort_key) == [
        "Lê Văn An",
        "Trần Thị Bích",
        "Nguyễn Văn Khai",
        "Đỗ Văn Tuấn",
    ]


@given(paths, ids)
def test_a_child_path_is_inside_the_subtree(path: str, pk: int) -> None:
    low, high = subtree_bounds(path)
    assert low <= path < high
    assert low <= child_path(path, pk) < high
    assert low <= child_path(child_path(path, pk), pk) < high


@given(paths, ids)
def test_a_sibling_is_outside_the_subtree(path: str, pk: int) -> None:
    *parents, last = ancestor_ids(path)
    if pk == last:
        return
    sibling = "".join(segment(x) for x in parents) + segment(pk)
    low, high = subtree_bounds(path)
    assert not low <= sibling < high
    assert not low <= child_path(sibling, 1) < high


@given(paths, paths)
def test_the_bounds_hold_exactly_the_descendants(path: str, other: str) -> None:
    low, high = subtree_bounds(path)
    assert (low <= other < high) == other.startswith(path)


@given(paths, st.integers(min_value=0, max_value=4), st.lists(ids, max_size=3))
def test_the_bounds_hold_exactly_the_descendants_of_a_shared_prefix(
    path: str, keep: int, tail: list[int]
) -> None:
    """Paths that share part of ``path``: the near misses a random pair rarely hits."""
    kept = ancestor_ids(path)[:keep]
    other = "".join(segment(x) for x in [*kept, *tail]) or segment(1)
    low, high = subtree_bounds(path)
    assert (low <= other < high) == other.startswith(path)


@given(st.lists(ids, min_size=1, max_size=6))
def test_the_path_keeps_its_ids(xs: list[int]) -> None:
    path = "".join(segment(x) for x in xs)
    assert ancestor_ids(path) == xs


def test_it_lists_the_paths_above_a_node_from_the_root() -> None:
    path = segment(1) + segment(7) + segment(42)
    assert ancestor_paths(path) == [segment(1), segment(1) + segment(7)]
    assert ancestor_paths(segment(1)) == []
