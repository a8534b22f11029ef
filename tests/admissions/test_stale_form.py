"""A candidate's edit page opened before someone else's change is refused (issue 14, item 4)."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client
from django.urls import reverse

from dangvu.admissions.services import update_candidate
from tests.admissions.helpers import propose
from tests.fixtures.cast import Cast
from tests.stale_forms import check_stale_form, fresh


def test_it_refuses_a_candidate_form_opened_before_another_change(
    cast: Cast, login: Callable[[str], Client]
) -> None:
    khang = propose(cast)
    check_stale_form(
        login("alice"),
        reverse("admissions:edit", args=[khang.pk]),
        khang,
        mine={"home_town": "Nghệ An"},
        theirs=lambda: update_candidate(
            fresh(khang), actor=cast.user("alice"), changes={"occupation": "Giáo viên"}
        ),
        shows=["Nghề nghiệp: Nông dân → Giáo viên"],
        saved=lambda row: row.home_town == "Nghệ An" and row.occupation == "Giáo viên",
    )
