"""The browser tests: Playwright driving Debian's Chromium against a live server.

These tests never touch the database: ``scripts/test-e2e.sh`` (``make test-e2e``)
migrates a throw-away demo database, loads the demo, starts gunicorn and passes
its address in ``DANGVU_E2E_URL``. Playwright cannot download browsers on the
office network, so the browser is the system's ``/usr/bin/chromium``
(``DANGVU_CHROMIUM`` overrides), launched with a fresh profile directory.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, Playwright, sync_playwright

SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 30_000


@pytest.fixture(scope="session")
def e2e_url() -> str:
    url = os.environ.get("DANGVU_E2E_URL", "").rstrip("/")
    if not url:
        pytest.fail(
            "DANGVU_E2E_URL is not set: the browser tests need a running server. "
            "Run them with `make test-e2e` (scripts/test-e2e.sh starts one).",
            pytrace=False,
        )
    return url


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = os.environ.get("DANGVU_CHROMIUM", "/usr/bin/chromium")
    if not os.access(path, os.X_OK):
        pytest.fail(
            f"Chromium not found at {path}: install Debian's `chromium` "
            "(scripts/test-e2e.sh does) or set DANGVU_CHROMIUM.",
            pytrace=False,
        )
    return path


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser_context(
    e2e_url: str,
    chromium_path: str,
    playwright: Playwright,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[BrowserContext]:
    context = playwright.chromium.launch_persistent_context(
        user_data_dir=str(tmp_path_factory.mktemp("chromium-profile")),
        executable_path=chromium_path,
        headless=True,
        args=CHROMIUM_ARGS,
        locale="vi-VN",
        timezone_id="Asia/Ho_Chi_Minh",
        viewport={"width": 1280, "height": 900},
    )
    context.set_default_timeout(TIMEOUT_MS)
    yield context
    context.close()


@pytest.fixture
def page(
    browser_context: BrowserContext, e2e_url: str, request: pytest.FixtureRequest
) -> Iterator[Page]:
    """A new tab with no cookies; a screenshot is kept when the test fails."""
    browser_context.clear_cookies()
    tab = browser_context.new_page()
    yield tab
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        save_screenshot(tab, "FAILED-" + request.node.name)
    tab.close()


@pytest.fixture
def shot() -> Callable[[Page, str], None]:
    """``shot(page, "name")`` saves ``tests/e2e/screenshots/name.png`` (git-ignored)."""
    return save_screenshot


def save_screenshot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(
        path=str(SCREENSHOTS / (re.sub(r"[^\w.-]+", "-", name) + ".png")), full_page=True
    )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[Any]) -> Any:
    report = yield
    setattr(item, "rep_" + report.when, report)
    return report
