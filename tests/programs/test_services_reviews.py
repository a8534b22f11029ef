"""The review of a programme: opening, notes, closing (frozen figures) and reopening."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from dangvu.programs import services
from dangvu.programs.models import Programme, Review, ReviewNote, Task
from dangvu.programs.services_reviews import (
    add_review_note,
    close_review,
    current_figures,
    open_review,
    reopen_review,
    update_review,
    update_review_note,
)
from tests.fixtures.cast import Cast


@pytest.fixture
def review(cast: Cast, programme_q1: Programme, task_xa: Task, task_dong: Task) -> Review:
    return open_review(cast.user("alice"), programme_q1, held_on=date(2022, 4, 7))


def test_it_opens_one_review_per_programme(cast: Cast, review: Review) -> None:
    assert (review.org_path, review.closed_on, review.figures) == (
        review.programme.org_path,
        None,
        {},
    )
    with pytest.raises(ValidationError) as caught:
        open_review(cast.user("alice"), review.programme, held_on=date(2022, 4, 8))
    assert "programme" in caught.value.message_dict
    assert Review.objects.count() == 1


def test_it_refuses_a_bad_review_writing_nothing(cast: Cast, programme_q1: Programme) -> None:
    other = services.create_programme(
        cast.user("alice"), organization=cast.org("XA-DONG"), period="2022-Q2"
    )
    with pytest.raises(ValidationError) as caught:
        open_review(
            cast.user("alice"),
            programme_q1,
            held_on=date(2021, 12, 1),
            next_programme=other,
            opinions_count=-1,
        )
    assert set(caught.value.message_dict) == {"held_on", "next_programme", "opinions_count"}
    assert not Review.objects.exists()


def test_it_lets_only_the_programmes_keepers_open_a_review(
    cast: Cast, programme_q1: Programme
) -> None:
    for username in ("bob", "dave", "eve"):
        with pytest.raises(PermissionDenied):
            open_review(cast.user(username), programme_q1, held_on=date(2022, 4, 7))


def test_it_adds_notes_in_order_per_kind(cast: Cast, review: Review) -> None:
    alice = cast.user("alice")
    first = add_review_note(alice, review, kind="shortcoming", text="Tiến độ dồn điền chậm")
    second = add_review_note(alice, review, kind="shortcoming", text="Thu ngân sách thấp")
    cause = add_review_note(alice, review, kind="cause", text="Thời tiết")
    assert (first.order, second.order, cause.order) == (1, 2, 1)
    with pytest.raises(ValidationError) as caught:
        add_review_note(alice, review, kind="other", text=" ")
    assert set(caught.value.message_dict) == {"kind", "text"}
    assert update_review_note(alice, first, text="Dồn điền chậm").text == "Dồn điền chậm"


def test_it_freezes_the_figures_when_closed(cast: Cast, review: Review, task_xa: Task) -> None:
    alice = cast.user("alice")
    services.complete_task(alice, task_xa, completed_on=date(2022, 2, 20))
    closed = close_review(alice, review, closed_on=date(2022, 4, 8))
    assert closed.figures["total"] == 2
    services.reopen_task(alice, task_xa, reason="Sửa lại")
    frozen = current_figures(Review.objects.get(pk=review.pk))
    assert (frozen.done, frozen.open, frozen.overdue) == (1, 1, 1)
    with pytest.raises(ValidationError, match="đã chốt số liệu"):
        add_review_note(alice, closed, kind="cause", text="Muộn")
    with pytest.raises(ValidationError, match="đã chốt số liệu"):
        update_review(alice, closed, summary="Đổi")


def test_it_computes_the_figures_of_an_open_review_as_of_its_day(
    cast: Cast, review: Review, django_assert_num_queries: Any
) -> None:
    with django_assert_num_queries(1):
        figures = current_figures(review)
    assert (figures.as_of, figures.total, figures.overdue) == (date(2022, 4, 7), 2, 2)


def test_it_reopens_a_closed_review_with_a_reason(cast: Cast, review: Review) -> None:
    alice = cast.user("alice")
    with pytest.raises(ValidationError, match="chưa chốt"):
        reopen_review(alice, review, reason="Sai số")
    close_review(alice, review, closed_on=date(2022, 4, 7))
    reopened = reopen_review(alice, review, reason="Sai số liệu")
    assert (reopened.closed_on, reopened.figures) == (None, {})
    assert reopened.history.first().history_change_reason == "Sai số liệu"


def test_it_updates_an_open_review(cast: Cast, review: Review) -> None:
    alice = cast.user("alice")
    following = services.create_programme(alice, organization=cast.org("XA"), period="2022-Q2")
    updated = update_review(
        alice, review, next_programme=following, opinions_count=9, summary="Tốt"
    )
    assert (updated.next_programme, updated.opinions_count) == (following, 9)
    assert ReviewNote.objects.count() == 0
