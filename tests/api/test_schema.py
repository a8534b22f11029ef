"""The OpenAPI schema and the offline documentation page."""

from __future__ import annotations

import re
from collections.abc import Callable
from html import unescape as html_unescape
from pathlib import Path

import yaml
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.test import Client

Login = Callable[[str], Client]


def test_it_generates_a_valid_schema_without_warnings(tmp_path: Path) -> None:
    target = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    paths = yaml.safe_load(target.read_text())["paths"]
    assert "/api/v1/organizations/{id}/stats/" in paths
    assert set(paths["/api/v1/members/{id}/"]) == {"get", "patch"}


def test_it_serves_the_schema_as_yaml_and_json(login: Login) -> None:
    as_yaml = login("alice").get("/api/v1/schema/")
    assert as_yaml.status_code == 200
    assert yaml.safe_load(as_yaml.content)["openapi"].startswith("3.")
    as_json = login("alice").get("/api/v1/schema/", {"format": "json"})
    assert "/api/v1/members/" in as_json.json()["paths"]


def test_it_documents_the_stats_shape(login: Login) -> None:
    schema = login("alice").get("/api/v1/schema/", {"format": "json"}).json()
    stats = schema["components"]["schemas"]["OrganizationStats"]["properties"]
    assert {"organization", "as_of", "cells", "cells_by_kind", "cells_with_committee"} <= set(stats)
    assert {"members", "members_by_status"} <= set(stats)


def test_it_serves_the_docs_from_local_static_files(login: Login) -> None:
    client = login("alice")
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    urls = re.findall(r"""(?:src|href)=["']([^"']+)["']""", html)
    assert any("swagger-ui-bundle.js" in url for url in urls)
    # The start-up script is the page's own second request, not inline code (the CSP).
    script = html_unescape(next(url for url in urls if url.startswith("/api/v1/docs/")))
    assert client.get(script)["Content-Type"].startswith("application/javascript")
    files = [url for url in urls if not url.startswith("/api/v1/docs/")]
    assert all(url.startswith("/static/") for url in files), urls
    assert all(finders.find(url.removeprefix("/static/")) for url in files), urls
    assert "http://" not in html and "https://" not in html and "//cdn" not in html
