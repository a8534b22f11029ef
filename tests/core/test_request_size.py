"""A request body announced above DANGVU_MAX_REQUEST_BYTES is refused with 413
before anything reads it: pages in Vietnamese, JSON under /api/."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client, override_settings
from django.urls import reverse

from dangvu.members.models import Member
from tests.fixtures.cast import Cast

TOO_LARGE = str(2 * 1024 * 1024)


@override_settings(DANGVU_MAX_REQUEST_BYTES=1024 * 1024)
def test_it_refuses_a_page_upload_larger_than_the_ceiling(
    cast: Cast, login: Callable[[str], Client]
) -> None:
    before = Member.objects.count()
    response = login("alice").post(
        reverse("members:import"), {"dry_run": "on"}, CONTENT_LENGTH=TOO_LARGE
    )
    assert response.status_code == 413
    page = response.content.decode()
    assert "lớn hơn 1 MB" in page
    assert 'lang="vi"' in page
    assert Member.objects.count() == before


@override_settings(DANGVU_MAX_REQUEST_BYTES=1024 * 1024)
def test_it_answers_json_under_the_api(cast: Cast, login: Callable[[str], Client]) -> None:
    response = login("alice").post(
        "/api/v1/members/", {}, content_type="application/json", CONTENT_LENGTH=TOO_LARGE
    )
    assert response.status_code == 413
    assert "lớn hơn 1 MB" in response.json()["detail"]


@override_settings(DANGVU_MAX_REQUEST_BYTES=1024 * 1024)
def test_it_lets_a_request_under_the_ceiling_through(
    cast: Cast, login: Callable[[str], Client]
) -> None:
    response = login("alice").get(reverse("members:import"))
    assert response.status_code == 200
