"""The browser test of issue 7: a committee office runs a cell congress end to end.

Runs against the demo data (``load_demo``): ``thanhba.staff`` is staff of Đảng bộ
Thị trấn Thanh Ba, whose cells have no congress for 2022–2025 in the demo
(``core/demo/congresses.py``). In the browser the office makes the plan for the
term when there is none, plans the congress of Chi bộ Khu 1, records the four
preparation steps, computes the convened list, marks presence, records the
congress held, creates the chi ủy election with four candidates for three seats,
enters the ballots one by one (one of them not issued by the board, one keeping
too many names), counts, elects the secretary from a tally sheet, installs the
new chi ủy and sees it on the organisation's page. The ballot and congress pages
are also shot at 375 px, the width of a phone.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Locator, Page, ViewportSize, expect

from tests.e2e.actions import expect_success, log_in

USERNAME = "thanhba.staff"
ORGANIZATION = "Đảng bộ Thị trấn Thanh Ba"
CELL = "Chi bộ Khu 1"
CELL_CODE = "PT-TB-TT-01"
TERM = "2022–2025"
CONGRESS_DAY = "15/06/2022"
STEPS = ["09/05/2022", "16/05/2022", "19/05/2022", "25/05/2022"]
PHONE: ViewportSize = {"width": 375, "height": 740}
DESKTOP: ViewportSize = {"width": 1280, "height": 900}
Shot = Callable[[Page, str], None]

pytestmark = pytest.mark.e2e


def _open_campaign(page: Page, e2e_url: str, shot: Shot) -> None:
    """The town's plan for 2022–2025: the demo's, or one made here in the form."""
    page.goto(e2e_url + "/congresses/")
    shot(page, "congress-1-list")
    campaigns = page.locator("section[aria-labelledby='campaigns-title'] tbody tr")
    existing = campaigns.filter(has_text=TERM).locator("a")
    if existing.count():
        existing.first.click()
        return
    page.get_by_role("link", name="Tạo kế hoạch đại hội").click()
    page.get_by_label("Cấp ủy chỉ đạo").select_option(label=ORGANIZATION)
    page.get_by_label("Tên kế hoạch").fill("Kế hoạch tổ chức đại hội chi bộ nhiệm kỳ 2022–2025")
    page.get_by_label("Nhiệm kỳ từ năm").fill("2022")
    page.get_by_label("Nhiệm kỳ đến năm").fill("2025")
    page.get_by_label("Số kế hoạch").fill("52-KH/ĐU")
    page.get_by_label("Ngày kế hoạch").fill("20/04/2022")
    page.get_by_label("Hoàn thành trước ngày").fill("31/07/2022")
    shot(page, "congress-2-campaign-form")
    page.get_by_role("button", name="Lưu kế hoạch").click()
    expect_success(page, "Đã lập kế hoạch")


def _plan_cell(page: Page, shot: Shot) -> None:
    expect(page.locator("h1")).to_contain_text("Kế hoạch")
    row = page.locator("tr[data-cell]").filter(has_text=re.compile(rf"{CELL}(?!\d)"))
    shot(page, "congress-3-campaign")
    row.get_by_role("link", name="Lập kế hoạch đại hội").click()
    page.get_by_label("Ngày dự kiến đại hội").fill(CONGRESS_DAY)
    page.get_by_label("Địa điểm").fill("Nhà văn hóa Khu 1")
    page.get_by_role("button", name="Lập kế hoạch").click()
    expect_success(page, "Đã lập kế hoạch đại hội")
    expect(page.locator("h1")).to_contain_text(f"Đại hội {CELL} nhiệm kỳ {TERM}")


def _record_steps(page: Page) -> None:
    steps = page.locator("#steps")
    for day in STEPS:
        steps.get_by_label("Ngày", exact=True).fill(day)
        steps.get_by_role("button", name="Ghi ngày").click()
        expect_success(page, "Đã ghi ngày của bước")
    expect(page.locator("#steps .steps li.done")).to_have_count(4)


def _convene_and_mark_presence(page: Page) -> int:
    page.locator("#convened").get_by_role("button", name="Lập danh sách triệu tập").click()
    expect_success(page, "Đã lập danh sách triệu tập")
    boxes = page.locator("#convened input[name='present']")
    for index in range(boxes.count()):
        boxes.nth(index).check()
    page.get_by_role("button", name="Lưu danh sách có mặt").click()
    expect_success(page, "Đã ghi danh sách có mặt")
    expect(page.locator("[data-figure='present']")).not_to_have_text("0")
    denominator = int(page.locator("[data-figure='denominator']").inner_text())
    assert denominator >= 3
    return denominator


def _hold(page: Page) -> None:
    hold = page.locator("#hold")
    hold.get_by_label("Ngày đại hội").fill(CONGRESS_DAY)
    hold.get_by_label("Đoàn chủ tịch (chủ tọa)").fill("Đồng chí Bí thư chi bộ")
    hold.get_by_role("button", name="Ghi nhận đã tổ chức đại hội").click()
    expect_success(page, "Đã ghi nhận đại hội đã tổ chức")


def _candidate_labels(page: Page) -> Locator:
    return page.locator("#new-election fieldset.candidates label.checkbox-label")


def _distinct_candidates(page: Page, wanted: int) -> list[int]:
    """Positions of the first members whose names are not shared with another member."""
    texts = [text.strip() for text in _candidate_labels(page).all_inner_texts()]
    return [i for i, text in enumerate(texts) if texts.count(text) == 1][:wanted]


def _create_committee_election(page: Page) -> list[str]:
    page.locator("#new-election summary").click()
    form = page.locator("#new-election")
    form.get_by_label("Bầu", exact=True).select_option("committee")
    form.get_by_label("Số lượng cần bầu").fill("3")
    form.get_by_label("Ban kiểm phiếu").fill("Trưởng ban, Ủy viên thứ nhất, Ủy viên thứ hai")
    for index in _distinct_candidates(page, 4):
        _candidate_labels(page).nth(index).locator("input").check()
    form.get_by_role("button", name="Lập cuộc bầu cử").click()
    expect_success(page, "Đã lập Bầu chi ủy")
    names = page.locator("#ballot input[name='kept']")
    return [names.nth(index).get_attribute("value") or "" for index in range(names.count())]


def _ballot(page: Page, names: list[str], *, not_issued: bool = False) -> None:
    form = page.locator("#ballot")
    for name in names:
        form.locator(f"input[name='kept'][value='{name}']").check()
    if not_issued:
        form.get_by_label("Phiếu không do Ban kiểm phiếu phát ra").check()
    form.get_by_role("button", name="Nhập phiếu").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã nhập phiếu số")


def _enter_ballots(page: Page, names: list[str], needed: int, shot: Shot) -> None:
    page.set_viewport_size(PHONE)
    _ballot(page, names[:3])
    shot(page, "congress-6-ballot-375")
    for _number in range(needed - 1):
        _ballot(page, names[:3])
    _ballot(page, names)  # four names kept for three seats: invalid
    _ballot(page, [names[3]], not_issued=True)  # a foreign ballot: invalid
    page.set_viewport_size(DESKTOP)
    expect(page.locator(f"[data-votes='{names[0]}']").first).to_have_text(str(needed))


def _count(page: Page, names: list[str], needed: int, shot: Shot) -> None:
    count = page.locator("#count")
    count.get_by_label("Ngày kiểm phiếu").fill(CONGRESS_DAY)
    count.get_by_label("Số phiếu phát ra").fill(str(needed + 2))
    count.get_by_role("button", name="Kiểm phiếu").click()
    expect(page.locator("[data-outcome]")).to_have_text("Đủ số lượng trúng cử.")
    expect(page.locator("[data-figure='elected']")).to_have_text(", ".join(names[:3]))
    expect(page.locator("[data-figure='invalid']")).to_have_text(re.compile(r"^2\b"))
    shot(page, "congress-7-result")
    expect(page.get_by_role("link", name="Biên bản kiểm phiếu (Word)")).to_be_visible()


def _elect_secretary(page: Page, secretary: str, needed: int) -> None:
    page.locator("#new-election summary").click()
    form = page.locator("#new-election")
    form.get_by_label("Bầu", exact=True).select_option("secretary")
    form.get_by_label("Số lượng cần bầu").fill("1")
    exact = re.compile(rf"^\s*{re.escape(secretary)}\s*$")
    _candidate_labels(page).filter(has_text=exact).locator("input").check()
    form.get_by_role("button", name="Lập cuộc bầu cử").click()
    page.locator("#tally summary").click()
    tally = page.locator("#tally")
    tally.get_by_label("Số phiếu hợp lệ").fill(str(needed))
    tally.get_by_label(secretary, exact=True).fill(str(needed))
    tally.get_by_role("button", name="Lưu biên bản tổng hợp").click()
    expect_success(page, "Đã nhập biên bản tổng hợp")
    page.locator("#count").get_by_label("Ngày kiểm phiếu").fill(CONGRESS_DAY)
    page.locator("#count").get_by_role("button", name="Kiểm phiếu").click()
    expect(page.locator("[data-figure='elected']")).to_have_text(secretary)


def _install(page: Page, e2e_url: str, names: list[str], shot: Shot) -> None:
    page.get_by_role("link", name=re.compile(f"^Đại hội {CELL}")).first.click()
    committee = page.locator("#committee")
    expect(committee.locator("tr", has_text=names[1])).to_contain_text("Bí thư")
    shot(page, "congress-8-new-committee")
    committee.get_by_role("button", name="Kiện toàn cấp ủy mới").click()
    expect_success(page, "Đã kiện toàn")
    page.set_viewport_size(PHONE)
    shot(page, "congress-9-congress-375")
    page.set_viewport_size(DESKTOP)
    page.goto(f"{e2e_url}/organizations/{CELL_CODE}/")
    block = page.locator(".committee", has_text=f"nhiệm kỳ {TERM}")
    expect(block).to_contain_text(re.compile(rf"Bí thư:\s*{re.escape(names[1])}"))
    expect(block).to_contain_text(names[0])
    shot(page, "congress-10-organization")


def test_it_runs_a_cell_congress_from_the_plan_to_the_new_committee(
    page: Page, e2e_url: str, shot: Shot
) -> None:
    log_in(page, e2e_url, USERNAME)
    _open_campaign(page, e2e_url, shot)
    _plan_cell(page, shot)
    _record_steps(page)
    denominator = _convene_and_mark_presence(page)
    shot(page, "congress-4-convened")
    _hold(page)
    names = _create_committee_election(page)
    shot(page, "congress-5-election")
    needed = denominator // 2 + 1
    _enter_ballots(page, names, needed, shot)
    _count(page, names, needed, shot)
    page.get_by_role("link", name=re.compile(f"^Đại hội {CELL}")).first.click()
    _elect_secretary(page, names[1], needed)
    _install(page, e2e_url, names, shot)
