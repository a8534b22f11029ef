"""What every browser test does: log in as a demo user, read the success message."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from dangvu.core.demo.users import DEMO_PASSWORD

LOGIN_PATH = "/accounts/login/"


def log_in(page: Page, e2e_url: str, username: str, password: str = DEMO_PASSWORD) -> None:
    """Log in through the form and land on a page that is not the login page."""
    page.goto(e2e_url + LOGIN_PATH)
    form = page.locator("form:has(input[name='password'])")
    form.locator("input[name='username']").fill(username)
    form.locator("input[name='password']").fill(password)
    form.locator("[type='submit']").click()
    page.wait_for_load_state()
    expect(page).not_to_have_url(re.compile(re.escape(LOGIN_PATH)))


def expect_success(page: Page, text: str) -> None:
    expect(page.locator(".alert-success")).to_contain_text(text)
