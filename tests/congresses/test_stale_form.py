"""A congress plan saved from a page opened before someone else's change is refused
(issue 14, item 4)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django.test import Client
from django.urls import reverse

from dangvu.congresses import services
from tests.congresses.factories import planned_congress
from tests.fixtures.cast import Cast
from tests.stale_forms import check_stale_form, fresh


def test_it_refuses_a_plan_form_opened_before_another_change(
    cast: Cast, login: Callable[[str], Client]
) -> None:
    congress = planned_congress(cast)

    def theirs() -> None:
        row = fresh(congress)
        services.update_congress_plan(
            cast.user("alice"), row, planned_on=date(2025, 5, 27), place=row.place, kind=row.kind
        )

    check_stale_form(
        login("alice"),
        reverse("congresses:edit_plan", args=[congress.pk]),
        congress,
        page=reverse("congresses:detail", args=[congress.pk]),
        form_key="plan_form",
        mine={"place": "Hội trường Đảng ủy xã"},
        theirs=theirs,
        shows=["20/05/2025 → 27/05/2025"],
        saved=lambda row: (
            row.place == "Hội trường Đảng ủy xã" and row.planned_on == date(2025, 5, 27)
        ),
    )
