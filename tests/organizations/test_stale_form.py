"""An organisation's edit page opened before someone else's change is refused (issue 14, item 4)."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client
from django.urls import reverse

from dangvu.organizations.services import update_organization
from tests.fixtures.cast import Cast
from tests.stale_forms import check_stale_form, fresh


def test_it_refuses_an_organization_form_opened_before_another_change(
    cast: Cast, login: Callable[[str], Client]
) -> None:
    dong = cast.org("XA-DONG")
    check_stale_form(
        login("alice"),
        reverse("organizations:edit", args=[dong.code]),
        dong,
        mine={"short_name": "Thôn Đông"},
        theirs=lambda: update_organization(
            fresh(dong), actor=cast.user("alice"), note="Sáp nhập thôn Tây vào năm 2025"
        ),
        shows=["Ghi chú: — → Sáp nhập thôn Tây vào năm 2025"],
        saved=lambda row: row.short_name == "Thôn Đông" and row.note.startswith("Sáp nhập"),
    )
