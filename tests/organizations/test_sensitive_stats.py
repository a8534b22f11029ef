"""Breakdowns by religion and ethnicity only for staff and leaders (issue 14, item 6).

The keys are absent (not empty) for a viewer, a cell secretary and a plain
member, today (tallies), on a past day (placements) and with a year, in the
API, on the pages and in ``dangvu stats --user``; ``dangvu stats`` without
``--user`` runs as the operator and prints them.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from dangvu.members.services import update_member
from dangvu.organizations.stats import SENSITIVE_KEYS, stats_for
from tests.fixtures.cast import Cast

Login = Callable[[str], Client]
QUERIES: list[dict[str, Any]] = [{}, {"as_of": "2024-03-01"}, {"year": 2024}]
HIDDEN_FROM = ("dave", "bob", "charlie")
DAY = date(2024, 3, 1)
SHOWN_TO = ("alice", "lan", "root")


@pytest.fixture
def believer(cast: Cast) -> None:
    """One member of Chi bộ thôn Đông with a religion and an ethnicity to count."""
    an = cast.member("Nguyễn Văn An")
    update_member(an, actor=None, changes={"religion": "Phật giáo", "ethnicity": "Tày"})


def _api(login: Login, username: str, cast: Cast, query: dict[str, Any]) -> dict[str, Any]:
    response = login(username).get(f"/api/v1/organizations/{cast.org('XA-DONG').pk}/stats/", query)
    assert response.status_code == 200, (username, response.status_code)
    return dict(response.json())


def test_it_names_religion_and_ethnicity_as_sensitive() -> None:
    assert {"members_by_religion", "members_by_ethnicity"} <= SENSITIVE_KEYS


@pytest.mark.parametrize("query", QUERIES, ids=["today", "as_of", "year"])
def test_it_leaves_the_keys_out_of_the_api_for_other_roles(
    cast: Cast, login: Login, believer: None, query: dict[str, Any]
) -> None:
    for username in HIDDEN_FROM:
        body = _api(login, username, cast, query)
        assert not SENSITIVE_KEYS & set(body), username
        assert "Phật giáo" not in json.dumps(body, ensure_ascii=False), username
        assert body["members"] >= 1


@pytest.mark.parametrize("query", QUERIES, ids=["today", "as_of", "year"])
def test_it_gives_the_keys_to_staff_and_leaders(
    cast: Cast, login: Login, believer: None, query: dict[str, Any]
) -> None:
    for username in SHOWN_TO:
        body = _api(login, username, cast, query)
        assert set(body) >= SENSITIVE_KEYS, username
    assert _api(login, "alice", cast, {})["members_by_religion"]["Phật giáo"] == 1


def test_it_follows_the_role_at_the_organisation_not_anywhere(cast: Cast) -> None:
    # eve is staff, but of Bình Minh: on Hòa An (were she let in) she reads no breakdown.
    assert not SENSITIVE_KEYS & set(stats_for(cast.user("eve"), cast.org("XA"), DAY))
    assert set(stats_for(cast.user("eve"), cast.org("XB"), DAY)) >= SENSITIVE_KEYS


def test_it_leaves_the_keys_out_of_the_pages(cast: Cast, login: Login, believer: None) -> None:
    url = reverse("organizations:detail", args=["XA-DONG"])
    for username in ("dave", "bob"):
        page = login(username).get(url)
        assert page.status_code == 200
        assert not SENSITIVE_KEYS & set(page.context["stats"]), username
        home = login(username).get("/")
        for card in home.context["cards"]:
            assert card.stats is None or not SENSITIVE_KEYS & set(card.stats), username
    page = login("alice").get(url)
    assert set(page.context["stats"]) >= SENSITIVE_KEYS


def _cli(*args: str) -> dict[str, Any]:
    out = StringIO()
    call_command("stats", "XA-DONG", "--json", *args, stdout=out)
    return dict(json.loads(out.getvalue()))


@pytest.mark.parametrize("args", [(), ("--as-of", "2024-03-01"), ("--year", "2024")])
def test_it_leaves_the_keys_out_of_the_command_for_a_user(
    cast: Cast, believer: None, args: tuple[str, ...]
) -> None:
    for username in HIDDEN_FROM:
        assert not SENSITIVE_KEYS & set(_cli("--user", username, *args)), username
    assert set(_cli("--user", "alice", *args)) >= SENSITIVE_KEYS
    # No --user: the operator of the server, who reads the database anyway.
    assert set(_cli(*args)) >= SENSITIVE_KEYS
