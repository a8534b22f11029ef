"""The browser smoke test of issue 2: log in, search a member, open the profile.

Runs against the demo data (``load_demo``): ``thanhba.staff`` is staff of Đảng bộ
Thị trấn Thanh Ba, whose secretary is Nguyễn Văn Khai.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

USERNAME = "thanhba.staff"
PASSWORD = "dangvu-demo-2022"
MEMBER = "Nguyễn Văn Khai"
LOGIN_PATH = "/accounts/login/"

pytestmark = pytest.mark.e2e


def _log_in(page: Page, e2e_url: str, password: str) -> None:
    page.goto(e2e_url + LOGIN_PATH)
    expect(page.locator("body")).to_contain_text("Đăng nhập")
    form = page.locator("form:has(input[name='password'])")
    form.locator("input[name='username']").fill(USERNAME)
    form.locator("input[name='password']").fill(password)
    form.locator("[type='submit']").click()
    page.wait_for_load_state()


def test_it_logs_in_finds_a_member_without_accents_and_opens_the_profile(
    page: Page, e2e_url: str, shot: Callable[[Page, str], None]
) -> None:
    _log_in(page, e2e_url, PASSWORD)
    expect(page).not_to_have_url(re.compile(re.escape(LOGIN_PATH)))
    shot(page, "1-home")
    page.goto(e2e_url + "/members/?search=nguyen van khai")
    shot(page, "2-search")
    page.get_by_role("link", name=MEMBER, exact=True).first.click()
    expect(page).to_have_url(re.compile(r"/members/\d+/$"))
    expect(page.locator("h1")).to_contain_text(MEMBER)
    shot(page, "3-profile")


def test_it_refuses_a_wrong_password_in_vietnamese(
    page: Page, e2e_url: str, shot: Callable[[Page, str], None]
) -> None:
    _log_in(page, e2e_url, "not-the-password")
    expect(page).to_have_url(re.compile(re.escape(LOGIN_PATH)))
    expect(page.get_by_role("alert")).to_contain_text("mật khẩu không đúng")
    expect(page.locator("input[name='password']")).to_be_visible()
    shot(page, "4-wrong-password")
