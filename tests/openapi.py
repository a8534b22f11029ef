"""Check an API answer against the OpenAPI schema, as the schema fuzzing does.

``scripts/test-schema.sh`` runs schemathesis over the live demo; these helpers
let an app's tests pin one finding down with the cast: the answer of a Django
test client must conform to the response schema of its operation.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import requests
import schemathesis
from django.test import Client
from drf_spectacular.generators import SchemaGenerator
from schemathesis.core.transport import Response


@cache
def _schema() -> Any:
    raw = SchemaGenerator().get_schema(request=None, public=True)
    # Through JSON: lazy translations and other objects become plain values.
    return schemathesis.openapi.from_dict(_plain(raw))


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


def assert_conforms(response: Any, path: str, method: str = "GET") -> None:
    """The Django ``response`` to ``method path`` (a path template of the schema)."""
    answer = Response(
        status_code=response.status_code,
        headers={key.lower(): [value] for key, value in response.items()},
        content=response.content,
        request=requests.Request(method, f"http://testserver{path}").prepare(),
        elapsed=0.0,
        verify=True,
    )
    _schema()[path][method.upper()].validate_response(answer)


def get_conforming(client: Client, url: str, path: str, **params: Any) -> Any:
    """GET ``url``, check the answer against ``path``'s schema and return its JSON."""
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    assert_conforms(response, path)
    return response.json()
