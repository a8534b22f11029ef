"""A meeting's edit page opened before someone else's change is refused (issue 14, item 4)."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client
from django.urls import reverse

from dangvu.meetings.services import update_meeting
from tests.fixtures.cast import Cast
from tests.meetings.helpers import meeting
from tests.stale_forms import check_stale_form, fresh


def test_it_refuses_a_meeting_form_opened_before_another_change(
    cast: Cast, login: Callable[[str], Client]
) -> None:
    planned = meeting(cast, place="Nhà văn hóa thôn Đông")
    check_stale_form(
        login("alice"),
        reverse("meetings:edit", args=[planned.pk]),
        planned,
        mine={"title": "Sinh hoạt chi bộ tháng 3"},
        theirs=lambda: update_meeting(cast.user("alice"), fresh(planned), place="Trụ sở UBND xã"),
        shows=["Địa điểm: Nhà văn hóa thôn Đông → Trụ sở UBND xã"],
        saved=lambda row: row.title == "Sinh hoạt chi bộ tháng 3" and row.place == "Trụ sở UBND xã",
    )
