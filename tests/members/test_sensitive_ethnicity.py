"""Ethnicity is a sensitive field of the profile, like religion (issue 14, items 6 and 7).

The statistics hide the breakdown by ethnicity from a viewer; the profile must
not give it back one member at a time. Nguyễn Văn An is recorded as "Chăm":
``dave`` (viewer) and ``bob`` (cell secretary) read it nowhere — the page, its
history, the API profile, the .xlsx export — while ``alice`` (staff) and ``lan``
(leader) do.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from dangvu.members.exporting import export_members
from dangvu.members.models import SENSITIVE_FIELDS, Member
from dangvu.members.services import update_member
from tests.fixtures.cast import Cast
from tests.members.spreadsheets import sheet_rows
from tests.openapi import assert_conforms

Login = Callable[[str], Client]
AN = "Nguyễn Văn An"
MINORITY = "Chăm"
HIDDEN_FROM = ("dave", "bob")
SHOWN_TO = ("alice", "lan")
ROLES = [(u, False) for u in HIDDEN_FROM] + [(u, True) for u in SHOWN_TO]


@pytest.fixture
def an(cast: Cast) -> Member:
    return update_member(cast.member(AN), actor=cast.user("alice"), changes={"ethnicity": MINORITY})


def test_it_counts_ethnicity_among_the_sensitive_fields() -> None:
    assert "ethnicity" in SENSITIVE_FIELDS and "religion" in SENSITIVE_FIELDS


@pytest.mark.parametrize(("username", "sees"), ROLES)
def test_it_shows_ethnicity_on_the_profile_page_only_to_staff_and_leaders(
    an: Member, login: Login, username: str, sees: bool
) -> None:
    page = login(username).get(reverse("members:detail", args=[an.pk])).content.decode()
    # The value and its change in the history alike.
    assert (MINORITY in page) is sees


@pytest.mark.parametrize(("username", "sees"), ROLES)
def test_it_gives_ethnicity_in_the_api_only_to_staff_and_leaders(
    an: Member, login: Login, username: str, sees: bool
) -> None:
    response = login(username).get(f"/api/v1/members/{an.pk}/")
    assert response.status_code == 200
    assert_conforms(response, "/api/v1/members/{id}/")  # the key is optional in the schema
    body = response.json()
    assert ("ethnicity" in body) is sees
    assert (body.get("ethnicity") == MINORITY) is sees


@pytest.mark.parametrize(("username", "sees"), [("dave", False), ("alice", True)])
def test_it_exports_the_ethnicity_column_only_to_staff_and_leaders(
    an: Member, cast: Cast, username: str, sees: bool
) -> None:
    user = cast.user(username)
    rows = sheet_rows(export_members(Member.objects.visible_to(user), user=user))
    assert ("Dân tộc" in rows[0]) is sees
    assert any(MINORITY in row for row in rows[1:]) is sees
