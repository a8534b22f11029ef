"""The generic scope test (STYLE.md, rule 3): one description per page or endpoint.

Each app's tests list its ``Endpoint``s and run ``check_endpoint`` on each, which
proves, with the cast:

* anonymous: a page redirects to the login page, the API answers 401/403;
* out of scope (``eve``, staff of the other commune): 404 for an object's page,
  and the object's ``hidden_text`` absent from a list;
* read-only (``dave``, viewer of Hòa An): 403 for a write, 200 for a read;
* ``sensitive=True`` (a model with a sensitivity rule): ``dave`` and ``bob`` (cell
  secretary) get what the outsider gets;
* happy path (``alice``, staff of Hòa An): 200 (or the given status).

Objects are taken from Hòa An (XA); ``url`` receives the cast to build them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.test import Client

from tests.fixtures.cast import Cast


@dataclass
class Endpoint:
    name: str
    url: Callable[[Cast], str]
    method: str = "get"
    data: Callable[[Cast], dict[str, Any]] | None = None
    writes: bool = False
    api: bool = False
    object_level: bool = True
    hidden_text: str | None = None
    ok_status: tuple[int, ...] = (200,)
    extra: dict[str, Any] = field(default_factory=dict)
    # A read of a model with a sensitivity rule (scope.is_sensitive_model): the
    # viewer and the cell secretary get what the outsider gets (404, or a list
    # without ``hidden_text``) instead of a 200 with the row.
    sensitive: bool = False

    def __str__(self) -> str:
        return self.name


def _call(client: Client, endpoint: Endpoint, cast: Cast) -> Any:
    url = endpoint.url(cast)
    data = endpoint.data(cast) if endpoint.data else None
    if endpoint.method == "get":
        return client.get(url, data)
    if endpoint.api:
        return getattr(client, endpoint.method)(url, data, content_type="application/json")
    return getattr(client, endpoint.method)(url, data)


def check_endpoint(endpoint: Endpoint, cast: Cast, login: Callable[[str], Client]) -> None:
    anonymous = _call(Client(), endpoint, cast)
    if endpoint.api:
        assert anonymous.status_code in (401, 403), endpoint
    else:
        assert anonymous.status_code == 302, endpoint
        assert "/accounts/login/" in anonymous["Location"], endpoint

    outsider = _call(login("eve"), endpoint, cast)
    if endpoint.object_level:
        assert outsider.status_code == 404, (endpoint, outsider.status_code)
    elif endpoint.hidden_text:
        assert endpoint.hidden_text not in outsider.content.decode(), endpoint

    if endpoint.sensitive:
        for username in ("dave", "bob"):
            _assert_hidden(_call(login(username), endpoint, cast), endpoint, username)
    else:
        reader = _call(login("dave"), endpoint, cast)
        if endpoint.writes:
            assert reader.status_code == 403, (endpoint, reader.status_code)
        else:
            assert reader.status_code in endpoint.ok_status, (endpoint, reader.status_code)

    happy = _call(login("alice"), endpoint, cast)
    assert happy.status_code in endpoint.ok_status, (endpoint, happy.status_code)


def _assert_hidden(response: Any, endpoint: Endpoint, username: str) -> None:
    if endpoint.object_level:
        assert response.status_code == 404, (endpoint, username, response.status_code)
    else:
        assert response.status_code in endpoint.ok_status, (endpoint, username)
        assert endpoint.hidden_text, endpoint
        assert endpoint.hidden_text not in response.content.decode(), (endpoint, username)
