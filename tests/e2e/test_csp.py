"""The Content-Security-Policy in a real browser: the pages and the API docs
render with no violation reported (issue 14, item 9)."""

from __future__ import annotations

import pytest
from playwright.sync_api import ConsoleMessage, Page, expect

from tests.e2e.actions import log_in

pytestmark = pytest.mark.e2e

USERNAME = "thanhba.staff"
PAGES = [
    "/",
    "/deadlines/",
    "/organizations/",
    "/members/",
    "/admissions/",
    "/meetings/",
    "/congresses/",
    "/evaluations/",
    "/documents/",
    "/programs/",
    "/no-such-page/",
]


def _violations(page: Page) -> list[str]:
    found: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            found.append(message.text)

    page.on("console", on_console)
    return found


def test_it_renders_the_pages_without_a_policy_violation(page: Page, e2e_url: str) -> None:
    violations = _violations(page)
    log_in(page, e2e_url, USERNAME)
    for path in PAGES:
        page.goto(e2e_url + path)
        page.wait_for_load_state("load")
        # Follow one link of each list, where there is one: the detail pages too.
        link = page.locator("main table a[href^='/']").first
        if link.count():
            link.click()
            page.wait_for_load_state("load")
    assert violations == []


def test_it_renders_the_api_docs_under_the_policy(page: Page, e2e_url: str) -> None:
    violations = _violations(page)
    log_in(page, e2e_url, USERNAME)
    page.goto(e2e_url + "/api/v1/docs/")
    expect(page.locator(".swagger-ui .information-container")).to_be_visible()
    expect(page.locator(".opblock").first).to_be_visible()
    assert violations == []
