"""The lifecycle API's writes: ``POST /api/v1/transfers/`` with each placement kind."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client

from dangvu.members.choices import PlacementKind
from dangvu.members.models import Transfer
from tests.fixtures.cast import Cast

Login = Callable[[str], Client]


def letter(cast: Cast, kind: str) -> dict[str, Any]:
    moved_on = date.today() - timedelta(days=3)
    data: dict[str, Any] = {
        "member": cast.member("Nguyễn Văn An").pk,
        "kind": kind,
        "to_cell": cast.org("XA-TH").pk,
        "moved_on": moved_on.isoformat(),
    }
    if kind == PlacementKind.TEMPORARY:
        data["until"] = (moved_on + timedelta(days=90)).isoformat()
    return data


@pytest.mark.parametrize("kind", PlacementKind.values)
def test_it_issues_a_letter_of_every_kind(kind: str, cast: Cast, login: Login) -> None:
    # The serializer used to check the kind against the decisions' list, refusing
    # every placement kind (found by the schema fuzzing).
    response = login("alice").post(
        "/api/v1/transfers/", letter(cast, kind), content_type="application/json"
    )
    assert response.status_code == 201, response.json()
    assert response.json()["kind"] == kind
    assert Transfer.objects.get().kind == kind


def test_it_refuses_an_unknown_kind(cast: Cast, login: Login) -> None:
    response = login("alice").post(
        "/api/v1/transfers/", letter(cast, "exemption"), content_type="application/json"
    )
    assert response.status_code == 400 and "kind" in response.json()
    assert not Transfer.objects.exists()
