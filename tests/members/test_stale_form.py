"""A member's edit page opened before someone else's change is refused (issue 14, item 4)."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client
from django.urls import reverse

from dangvu.members.services import update_member
from tests.fixtures.cast import Cast
from tests.stale_forms import check_stale_form, fresh


def test_it_refuses_a_member_form_opened_before_another_change(
    cast: Cast, login: Callable[[str], Client]
) -> None:
    an = cast.member("Nguyễn Văn An")
    check_stale_form(
        login("alice"),
        reverse("members:edit", args=[an.pk]),
        an,
        mine={"birth_place": "Xã Hòa An"},
        theirs=lambda: update_member(
            fresh(an), actor=cast.user("lan"), changes={"home_town": "Nghệ An"}
        ),
        shows=["Quê quán: — → Nghệ An"],
        saved=lambda row: row.birth_place == "Xã Hòa An" and row.home_town == "Nghệ An",
    )
