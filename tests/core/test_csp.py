"""The Content-Security-Policy: on every page, and no template needs an inline
exception (issue 14, item 9); the API schema and docs behind login outside demo."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.test import Client, override_settings

import dangvu

PACKAGE = Path(dangvu.__file__).resolve().parent
TEMPLATES = sorted(p for p in PACKAGE.rglob("templates/**/*.html"))

# <script> without src (inline code; a JSON data block would also be caught: there is none).
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<style\b|\sstyle\s*=", re.IGNORECASE)
HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
JS_URL = re.compile(r"javascript:", re.IGNORECASE)


def _directives(response: Any) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return {
        part.split(" ", 1)[0]: part.split(" ", 1)[1] if " " in part else ""
        for part in (p.strip() for p in header.split(";"))
        if part
    }


def test_it_finds_the_templates() -> None:
    assert len(TEMPLATES) > 50
    assert any(p.name == "base.html" for p in TEMPLATES)


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_it_has_no_inline_script_style_or_handler_in_a_template(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    for pattern in (INLINE_SCRIPT, INLINE_STYLE, HANDLER, JS_URL):
        found = pattern.search(text)
        assert found is None, f"{path.name}: {found.group(0) if found else ''}"


@pytest.mark.parametrize(
    "url",
    ["/", "/members/", "/core-does-not-exist/", "/deadlines/", "/evaluations/", "/programs/"],
)
def test_it_sends_a_strict_policy_with_every_page(login: Any, url: str) -> None:
    response = login("alice").get(url)
    policy = _directives(response)
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"
    assert "unsafe" not in response["Content-Security-Policy"]


def test_it_sends_the_policy_with_the_login_page(db: Any) -> None:
    assert _directives(Client().get("/accounts/login/"))["script-src"] == "'self'"


def test_it_serves_the_api_docs_under_the_same_policy(login: Any) -> None:
    response = login("alice").get("/api/v1/docs/")
    assert response.status_code == 200
    assert "unsafe" not in response["Content-Security-Policy"]
    body = response.content.decode()
    assert INLINE_SCRIPT.search(body) is None and INLINE_STYLE.search(body) is None


@override_settings(DEMO_MODE=False)
def test_it_hides_the_schema_from_a_visitor_outside_demo(db: Any) -> None:
    assert Client().get("/api/v1/schema/").status_code == 401
    docs = Client().get("/api/v1/docs/")
    assert docs.status_code == 302 and docs["Location"].startswith("/accounts/login/")
    assert Client().get("/api/v1/docs/", {"script": ""}).status_code == 302


@override_settings(DEMO_MODE=False)
def test_it_shows_the_schema_to_a_signed_in_user(login: Any) -> None:
    assert login("dave").get("/api/v1/schema/", {"format": "json"}).status_code == 200
    assert login("dave").get("/api/v1/docs/").status_code == 200


@override_settings(DEMO_MODE=True)
def test_it_shows_the_schema_to_a_visitor_of_the_demo(db: Any) -> None:
    assert Client().get("/api/v1/schema/", {"format": "json"}).status_code == 200
    assert Client().get("/api/v1/docs/").status_code == 200
