"""The browser test of issue 5: a cell secretary takes attendance on a phone.

Runs against the demo data (``load_demo``): ``bacbinh.secretary`` is the
secretary of the first cell of Bắc Bình, and the demo plans a regular meeting
dated today in every demo cell. On a 375 px wide screen the secretary opens
this month's meeting, marks everyone present with one tap, taps one member
twice (excused, with a reason) and another three times (absent), sends the
form and sees the rate computed from the marks.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.e2e.actions import log_in
from tests.e2e.conftest import save_screenshot

USERNAME = "bacbinh.secretary"
PHONE = {"width": 375, "height": 740}

pytestmark = pytest.mark.e2e


@pytest.fixture
def phone(browser_context: BrowserContext, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A tab with a phone-sized viewport and no cookies; a screenshot is kept on failure."""
    browser_context.clear_cookies()
    tab = browser_context.new_page()
    tab.set_viewport_size(PHONE)
    yield tab
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        save_screenshot(tab, "FAILED-" + request.node.name)
    tab.close()


def _percent(present: int, expected: int) -> str:
    return f"{present * 100 / expected:.1f}".replace(".", ",") + "%"


def test_it_takes_attendance_in_a_few_taps_on_a_phone(
    phone: Page, e2e_url: str, shot: Callable[[Page, str], None]
) -> None:
    log_in(phone, e2e_url, USERNAME)
    phone.goto(e2e_url + "/meetings/this-month/")
    shot(phone, "attendance-1-this-month")
    phone.get_by_role("link", name=re.compile("^(Điểm danh|Sửa điểm danh)$")).first.click()
    expect(phone.locator("h1")).to_have_text("Điểm danh")
    rows = phone.locator(".att-row[data-expected='1']")
    expected = rows.count()
    assert expected >= 3

    phone.get_by_role("button", name="Tất cả có mặt").click()
    expect(phone.locator("[data-count='present']")).to_have_text(str(expected))
    rows.nth(1).locator(".att-tap").click()
    rows.nth(1).locator(".att-reason input").fill("Ốm")
    for _tap in range(2):
        rows.nth(2).locator(".att-tap").click()
    expect(rows.nth(2).locator("[data-label]")).to_have_text("Vắng không lý do")
    expect(phone.locator("[data-rate]")).to_have_text(_percent(expected - 2, expected))
    shot(phone, "attendance-2-marked-375")

    phone.get_by_role("button", name="Lưu điểm danh").click()
    expect(phone).to_have_url(re.compile(r"/meetings/\d+/$"))
    expect(phone.locator(".att-summary .stat-rate strong")).to_have_text(
        _percent(expected - 2, expected)
    )
    expect(phone.locator(".alert-success")).to_contain_text("Đã điểm danh")
    shot(phone, "attendance-3-meeting-375")
