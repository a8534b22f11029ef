"""The browser test of issue 6: a committee runs the 2025 cascade of a cell end to end.

Runs against the demo data (``load_demo``): Bắc Bình's 2025 period under Quy
định 366-QĐ/TW is half-finished — cells 02–11 decided; in cell 01 (Chi bộ thôn
Bình Sơn) every member self-assessed but one, nothing proposed. The commune's
staff enters the missing self-assessment from paper (28 + 65 = 93 points:
Hoàn thành xuất sắc nhiệm vụ), sends the cell's prefilled proposal and the
prefilled decision, then finalises the members' group: refused over the quota,
with the reason; after recording the district's written permission it is
accepted. Screenshots in ``tests/e2e/screenshots/evaluations-*.png``.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Locator, Page, ViewportSize, expect

from tests.e2e.actions import log_in

USERNAME = "bacbinh.staff"
COMMUNE = "Đảng bộ xã Bắc Bình"
CELL = "Chi bộ thôn Bình Sơn"
PHONE: ViewportSize = {"width": 375, "height": 740}

pytestmark = pytest.mark.e2e


def _open_period(page: Page, e2e_url: str) -> None:
    page.goto(e2e_url + "/evaluations/")
    row = page.locator("tr", has_text=COMMUNE).filter(has_text="Năm 2025")
    row.get_by_role("link", name="Năm 2025").click()
    expect(page.locator("h1")).to_have_text("Đánh giá, xếp loại Năm 2025")


def _members_group(page: Page) -> Locator:
    return page.locator("article.quota-card", has_text=f"{COMMUNE} — Đảng viên")


def _self_assess_the_pending_member(page: Page, shot: Callable[[Page, str], None]) -> str:
    pending = page.locator("tr[data-stage='pending']")
    expect(pending).to_have_count(1)
    expect(pending).to_contain_text("Chưa tự đánh giá")
    name = pending.locator("a").first.inner_text()
    pending.locator("a").first.click()
    expect(page.locator("h1")).to_have_text(name)
    form = page.locator("#self-form")
    form.locator("input[name='criteria_general']").fill("28")
    form.locator("input[name='criteria_results']").fill("65")
    expect(form.locator("[data-total]")).to_have_text("93")
    expect(form.locator("[data-level]")).to_contain_text("Hoàn thành xuất sắc nhiệm vụ")
    shot(page, "evaluations-2-self-assessment")
    form.get_by_role("button", name="Ghi tự đánh giá").click()
    expect(page.locator(".alert-success")).to_contain_text("93 điểm — Hoàn thành xuất sắc nhiệm vụ")
    return name


def test_it_runs_the_cascade_of_a_cell_and_finalises_under_the_quota(
    page: Page, e2e_url: str, shot: Callable[[Page, str], None]
) -> None:
    log_in(page, e2e_url, USERNAME)
    _open_period(page, e2e_url)
    page.locator(".progress-table").get_by_role("link", name=CELL, exact=True).click()
    expect(page.locator("h1")).to_have_text(CELL)
    shot(page, "evaluations-1-cell")

    _self_assess_the_pending_member(page, shot)
    page.get_by_role("link", name="Về chi bộ").click()
    expect(page.locator("tr[data-stage='pending']")).to_have_count(0)

    page.locator("#bulk-proposal").get_by_role("button", name="Ghi đề xuất của chi bộ").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã ghi đề xuất của chi bộ")
    shot(page, "evaluations-3-proposed")
    page.locator("#bulk-decision").get_by_role("button", name="Ghi quyết định xếp loại").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã ghi quyết định xếp loại")
    expect(page.locator("tr[data-stage='proposed']")).to_have_count(0)

    page.get_by_role("link", name="Về kỳ đánh giá").click()
    group = _members_group(page)
    group.get_by_role("button", name="Chốt kết quả", exact=True).click()
    group = _members_group(page)
    refusal = group.locator(".finalize-form .alert-error")
    expect(refusal).to_contain_text("vượt giới hạn")
    expect(refusal).to_contain_text("Cần ghi nhận văn bản cho phép vượt tỷ lệ")
    group.scroll_into_view_if_needed()
    shot(page, "evaluations-4-refused-over-quota")

    exception = group.locator(".exception-form")
    exception.locator("input[name='authority']").fill("Ban Thường vụ Huyện ủy Lập Thạch")
    exception.locator("input[name='number']").fill("112-CV/HU")
    exception.locator("input[name='decided_on']").fill("05/01/2026")
    exception.locator("textarea[name='reason']").fill(
        "Đảng bộ dẫn đầu phong trào thi đua của huyện năm 2025"
    )
    exception.get_by_role("button", name="Ghi nhận văn bản", exact=True).click()
    expect(page.locator(".alert-success")).to_contain_text("112-CV/HU")

    _members_group(page).get_by_role("button", name="Chốt kết quả", exact=True).click()
    expect(page.locator(".alert-success")).to_contain_text("Đã chốt kết quả xếp loại")
    group = _members_group(page)
    expect(group).to_contain_text("Đã chốt ngày")
    expect(group.locator(".exception-box")).to_contain_text("112-CV/HU")
    shot(page, "evaluations-5-finalised")


def test_it_shows_a_cell_on_a_phone(
    page: Page, e2e_url: str, shot: Callable[[Page, str], None]
) -> None:
    page.set_viewport_size(PHONE)
    log_in(page, e2e_url, USERNAME)
    _open_period(page, e2e_url)
    page.locator(".progress-table").get_by_role("link", name=CELL, exact=True).click()
    expect(page.locator("h1")).to_have_text(CELL)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], width  # wide tables scroll inside their own box
    shot(page, "evaluations-6-cell-375")
