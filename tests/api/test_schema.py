"""The OpenAPI schema and the offline documentation page."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.test import Client

from tests.fixtures.cast import Cast


def test_it_generates_a_valid_schema_without_warnings(tmp_path: Path) -> None:
    target = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    paths = yaml.safe_load(target.read_text())["paths"]
    assert "/api/v1/organizations/{id}/stats/" in paths
    assert set(paths["/api/v1/members/{id}/"]) == {"get", "patch"}


def test_it_serves_the_schema_as_yaml_and_json(cast: Cast) -> None:
    as_yaml = Client().get("/api/v1/schema/")
    assert as_yaml.status_code == 200
    assert yaml.safe_load(as_yaml.content)["openapi"].startswith("3.")
    as_json = Client().get("/api/v1/schema/", {"format": "json"})
    assert "/api/v1/members/" in as_json.json()["paths"]


def test_it_documents_the_stats_shape(cast: Cast) -> None:
    schema = Client().get("/api/v1/schema/", {"format": "json"}).json()
    stats = schema["components"]["schemas"]["OrganizationStats"]["properties"]
    assert {"organization", "as_of", "cells", "cells_by_kind", "cells_with_committee"} <= set(stats)
    assert {"members", "members_by_status"} <= set(stats)


def test_it_serves_the_docs_from_local_static_files(cast: Cast) -> None:
    response = Client().get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    urls = re.findall(r"""(?:src|href)=["']([^"']+)["']""", html)
    assert any("swagger-ui-bundle.js" in url for url in urls)
    assert all(url.startswith("/static/") for url in urls), urls
    assert all(finders.find(url.removeprefix("/static/")) for url in urls), urls
    assert "http://" not in html and "https://" not in html and "//cdn" not in html
