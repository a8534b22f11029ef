"""A task or a review edited from a page opened before someone else's change is refused
(issue 14, item 4)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django.test import Client
from django.urls import reverse

from dangvu.programs import services, services_reviews
from dangvu.programs.models import Programme, Task
from tests.fixtures.cast import Cast
from tests.stale_forms import check_stale_form, fresh


def test_it_refuses_a_task_form_opened_before_another_change(
    cast: Cast, login: Callable[[str], Client], task_xa: Task
) -> None:
    check_stale_form(
        login("alice"),
        reverse("programs:task_edit", args=[task_xa.pk]),
        task_xa,
        page=reverse("programs:task", args=[task_xa.pk]),
        form_key="edit_form",
        mine={"edit-title": "Xây dựng kế hoạch kiểm tra năm 2022"},
        theirs=lambda: services.update_task(cast.user("alice"), fresh(task_xa), is_key=False),
        shows=["Nhiệm vụ trọng tâm: Có → Không"],
        saved=lambda row: row.title == "Xây dựng kế hoạch kiểm tra năm 2022" and not row.is_key,
    )


def test_it_refuses_a_review_form_opened_before_another_change(
    cast: Cast, login: Callable[[str], Client], programme_q1: Programme
) -> None:
    review = services_reviews.open_review(
        cast.user("alice"), programme_q1, held_on=date(2022, 4, 7)
    )
    check_stale_form(
        login("alice"),
        reverse("programs:review_edit", args=[review.pk]),
        review,
        page=reverse("programs:review", args=[review.pk]),
        form_key="review_form",
        mine={"summary": "Hoàn thành cơ bản các nhiệm vụ quý 1"},
        theirs=lambda: services_reviews.update_review(
            cast.user("alice"), fresh(review), opinions_count=12
        ),
        shows=["→ 12"],
        saved=lambda row: row.summary.startswith("Hoàn thành") and row.opinions_count == 12,
    )
