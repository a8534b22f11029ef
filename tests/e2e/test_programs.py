"""The browser test of issue 8's pages: a town office keeps its work programme.

Runs against the demo data (``load_demo``): ``thuongxuan.staff`` is staff of
Đảng bộ thị trấn Thường Xuân (seed 001). In the browser the office makes the
programme for tháng 4/2022 (or opens it when the demo has it), gives a cell a
task due "tháng 4/2022", reports its progress, records it done, and finds it on
the cell's page. The programme and task pages are also shot at 375 px, the
width of a phone, and must not scroll sideways there.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, ViewportSize, expect

from tests.e2e.actions import expect_success, log_in

USERNAME = "thuongxuan.staff"
ORGANIZATION = "Đảng bộ thị trấn Thường Xuân"
PERIOD = "tháng 4/2022"
TITLE = "Chương trình công tác tháng 4/2022"
TASK = "Kiểm tra việc thực hiện Quy định 37-QĐ/TW ở chi bộ (thử nghiệm trình duyệt)"
PHONE: ViewportSize = {"width": 375, "height": 740}
DESKTOP: ViewportSize = {"width": 1280, "height": 900}
Shot = Callable[[Page, str], None]

pytestmark = pytest.mark.e2e


def _fits_phone(page: Page, shot: Shot, name: str) -> None:
    page.set_viewport_size(PHONE)
    shot(page, name)
    width = page.evaluate("document.documentElement.scrollWidth")
    page.set_viewport_size(DESKTOP)
    assert width <= PHONE["width"], f"{name}: the page is {width}px wide on a phone"


def _open_programme(page: Page, e2e_url: str, shot: Shot) -> None:
    page.goto(e2e_url + "/programs/")
    shot(page, "programs-1-list")
    existing = page.get_by_role("link", name=TITLE, exact=True)
    if existing.count():
        existing.first.click()
        return
    page.get_by_role("link", name="Lập chương trình").click()
    page.get_by_label("Tổ chức", exact=True).select_option(label=ORGANIZATION)
    page.get_by_label("Kỳ", exact=True).fill(PERIOD)
    shot(page, "programs-2-create")
    page.get_by_role("button", name="Lập chương trình").click()
    expect_success(page, f"Đã lập {TITLE}")


def _add_task(page: Page, shot: Shot) -> str:
    expect(page.locator("h1")).to_have_text(TITLE)
    page.locator("#new-task summary").click()
    form = page.locator("#new-task form")
    form.get_by_label("Nhiệm vụ", exact=True).fill(TASK)
    cells = form.locator("select[name='owner'] optgroup").first.locator("option")
    cell = (cells.nth(1).text_content() or "").strip()
    form.get_by_label("Chủ trì", exact=True).select_option(label=cell)
    form.get_by_label("Thời hạn", exact=True).fill("tháng 4/2022")
    form.get_by_label("Nhiệm vụ trọng tâm").check()
    shot(page, "programs-3-task-form")
    form.get_by_role("button", name="Thêm nhiệm vụ").click()
    expect_success(page, "Đã thêm nhiệm vụ")
    row = page.locator("tr[data-task]", has_text=TASK)
    expect(row).to_contain_text("trong tháng 4/2022")
    expect(page.locator(f"[data-body='{cell}']")).to_contain_text(TASK)
    return cell


def _report_and_complete(page: Page) -> None:
    page.locator("tr[data-task]", has_text=TASK).get_by_role("link", name=TASK).click()
    expect(page.locator("h1")).to_contain_text(TASK)
    page.locator("#progress summary").click()
    page.locator("#progress").get_by_label("Tiến độ (%)").fill("60")
    page.locator("#progress").get_by_role("button", name="Lưu tiến độ").click()
    expect_success(page, "Đã cập nhật tiến độ")
    expect(page.locator("[data-field='progress']")).to_contain_text("60%")
    page.locator("#complete summary").click()
    complete = page.locator("#complete")
    complete.get_by_label("Ngày hoàn thành").fill("25/04/2022")
    complete.get_by_label("Kết quả", exact=True).fill("Đã kiểm tra 100% chi bộ khu phố.")
    complete.get_by_role("button", name="Hoàn thành", exact=True).click()
    expect_success(page, "Đã ghi nhận hoàn thành nhiệm vụ")
    expect(page.locator(".page-head .badge")).to_have_text("Hoàn thành")
    expect(page.locator("[data-field='completed_on']")).to_have_text("25/04/2022")


def test_it_keeps_a_programme_from_the_task_to_the_body_page(
    page: Page, e2e_url: str, shot: Shot
) -> None:
    log_in(page, e2e_url, USERNAME)
    _open_programme(page, e2e_url, shot)
    cell = _add_task(page, shot)
    _fits_phone(page, shot, "programs-4-programme-375")
    _report_and_complete(page)
    _fits_phone(page, shot, "programs-5-task-375")
    page.locator(".details").get_by_role("link", name=cell, exact=True).click()
    expect(page.locator("h1")).to_have_text(cell)
    row = page.locator("tr[data-task]", has_text=TASK)
    expect(row).to_contain_text("Hoàn thành")
    expect(row).to_contain_text("100%")
    shot(page, "programs-6-body")
