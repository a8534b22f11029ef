"""The browser test of the document registry (issue 8): the town office issues a resolution.

Runs against the demo data (``load_demo``): ``thuongxuan.staff`` is staff of
Đảng bộ thị trấn Thường Xuân, whose executive committee of 2020–2025 is on
record. In the browser the office opens the registry, fills the issue form from
the resolution's template, issues a resolution dated 20/4/2022, sees the number
it got (“Số NN-NQ/ĐU”, after whatever the demo's book already holds), opens the
document and downloads its Word file and its PDF.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.actions import log_in

USERNAME = "thuongxuan.staff"
ORGANIZATION = "Đảng bộ thị trấn Thường Xuân"
SUMMARY = "về lãnh đạo thực hiện nhiệm vụ trọng tâm quý 2 năm 2022 (kiểm thử)"
NUMBER = re.compile(r"Số \d{2,}-NQ/ĐU")
Shot = Callable[[Page, str], None]

pytestmark = pytest.mark.e2e


def _issue(page: Page, e2e_url: str, shot: Shot) -> str:
    page.goto(e2e_url + "/")
    navigation = page.get_by_role("navigation", name="Điều hướng chính")
    navigation.get_by_role("link", name="Văn bản", exact=True).click()
    expect(page.locator("h1")).to_have_text("Sổ văn bản")
    page.get_by_role("link", name="Ban hành văn bản").click()
    form = page.locator("form[method='post'][action='/documents/new/']")
    form.get_by_label("Sổ văn bản của", exact=True).select_option(label=ORGANIZATION)
    form.get_by_label("Loại văn bản", exact=True).select_option(label="Nghị quyết")
    expect(form.get_by_label("Nội dung", exact=True)).to_have_value(
        re.compile("I. KẾT QUẢ THỰC HIỆN")
    )
    form.get_by_label("Ngày ban hành", exact=True).fill("20/04/2022")
    form.get_by_label("Trích yếu", exact=True).fill(SUMMARY)
    form.get_by_label("Người ký", exact=True).fill("Hà Huy Hiền")
    shot(page, "documents-1-issue")
    form.get_by_role("button", name="Ban hành và cấp số").click()
    alert = page.locator(".alert-success")
    expect(alert).to_contain_text(NUMBER)
    found = NUMBER.search(alert.inner_text())
    assert found is not None
    return found.group(0)


def test_it_issues_a_resolution_and_downloads_its_word_file(
    page: Page, e2e_url: str, shot: Shot
) -> None:
    log_in(page, e2e_url, USERNAME)
    number = _issue(page, e2e_url, shot)
    expect(page.locator("h1")).to_contain_text(number.removeprefix("Số "))
    expect(page.locator(".subtitle")).to_contain_text(SUMMARY)
    shot(page, "documents-2-detail")
    with page.expect_download() as word:
        page.get_by_role("link", name="Tải bản Word").click()
    assert word.value.suggested_filename.endswith(".docx")
    with open(word.value.path(), "rb") as content:
        assert content.read(2) == b"PK"
    with page.expect_download() as pdf:
        page.get_by_role("link", name="Tải bản PDF").click()
    with open(pdf.value.path(), "rb") as content:
        assert content.read(4) == b"%PDF"
