"""The generic scope check (tests/generic.py) on every /api/v1/ endpoint."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from tests.fixtures.cast import Cast
from tests.generic import Endpoint, check_endpoint


def _org(code: str) -> Callable[[Cast], str]:
    return lambda cast: f"/api/v1/organizations/{cast.org(code).pk}/"


def _member(name: str) -> Callable[[Cast], str]:
    return lambda cast: f"/api/v1/members/{cast.member(name).pk}/"


ENDPOINTS = [
    Endpoint(
        "organization list",
        lambda cast: "/api/v1/organizations/",
        api=True,
        object_level=False,
        hidden_text="Hòa An",
    ),
    Endpoint("organization detail", _org("XA"), api=True),
    Endpoint("organization stats", lambda c: _org("XA")(c) + "stats/", api=True),
    Endpoint(
        "organization create",
        lambda cast: "/api/v1/organizations/",
        method="post",
        data=lambda cast: {
            "code": "XA-NAM",
            "name": "Chi bộ thôn Nam",
            "level": "cell",
            "kind": "residential",
            "parent": cast.org("XA").pk,
        },
        writes=True,
        api=True,
        object_level=False,
        hidden_text="Hòa An",
        ok_status=(201,),
    ),
    Endpoint(
        "organization update",
        _org("XA-DONG"),
        method="patch",
        data=lambda cast: {"short_name": "Thôn Đông"},
        writes=True,
        api=True,
    ),
    Endpoint(
        "member list",
        lambda cast: "/api/v1/members/",
        api=True,
        object_level=False,
        hidden_text="Nguyễn Văn An",
    ),
    Endpoint("member detail", _member("Nguyễn Văn An"), api=True),
    Endpoint(
        "member create",
        lambda cast: "/api/v1/members/",
        method="post",
        data=lambda cast: {
            "full_name": "Vũ Thị Hoa",
            "gender": "female",
            "birth_date": "1992-04-05",
            "ceremony_date": "2020-03-03",
            "cell": cast.org("XA-DONG").pk,
        },
        writes=True,
        api=True,
        object_level=False,
        hidden_text="Vũ Thị Hoa",
        ok_status=(201,),
    ),
    Endpoint(
        "member update",
        _member("Nguyễn Văn An"),
        method="patch",
        data=lambda cast: {"occupation": "Nông dân"},
        writes=True,
        api=True,
    ),
]


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=str)
def test_it_applies_the_scope_rule(
    endpoint: Endpoint, cast: Cast, login: Callable[[str], Client]
) -> None:
    check_endpoint(endpoint, cast, login)
