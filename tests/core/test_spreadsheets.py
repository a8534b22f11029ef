"""Every spreadsheet the system writes keeps text as text: no cell ever becomes a formula."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook

from dangvu.core import spreadsheets
from dangvu.evaluations.exporting import export_period
from dangvu.members.exporting import export_members, template_workbook
from dangvu.members.models import Member
from tests.evaluations.helpers import make_period
from tests.fixtures.cast import Cast

HYPERLINK = '=HYPERLINK("http://x","y")'
TRICKY = [HYPERLINK, "=1+2", "+1+2", "-1+2", "@SUM(A1)", "\t=1", "\r=1", "#N/A", "#REF!"]
SOURCE = Path(spreadsheets.__file__).resolve().parents[1]


def cells(content: bytes) -> list[Any]:
    """Every stored cell of every sheet, read with formulas kept as formulas."""
    workbook = load_workbook(io.BytesIO(content), data_only=False)
    return [cell for sheet in workbook.worksheets for line in sheet.iter_rows() for cell in line]


def assert_no_formula(content: bytes) -> list[Any]:
    found = cells(content)
    formulas = [(cell.coordinate, cell.value) for cell in found if cell.data_type in ("f", "e")]
    assert formulas == []
    return [cell.value for cell in found]


def test_it_exports_a_member_named_like_a_formula_as_that_text(cast: Cast) -> None:
    Member.objects.filter(pk=cast.member("Nguyễn Văn An").pk).update(full_name=HYPERLINK)
    Member.objects.filter(pk=cast.member("Trần Thị Bích").pk).update(full_name="=1+2")
    content = export_members(Member.objects.all(), user=cast.user("alice"))
    values = assert_no_formula(content)
    assert HYPERLINK in values and "=1+2" in values


def test_it_exports_a_ranking_with_a_formula_like_name_as_text(cast: Cast) -> None:
    period = make_period(cast, year=2024)
    Member.objects.filter(pk=cast.member("Nguyễn Văn An").pk).update(full_name="=1+2")
    values = assert_no_formula(export_period(period, user=cast.user("alice")))
    assert "=1+2" in values


def test_it_writes_the_import_template_without_a_formula() -> None:
    assert_no_formula(template_workbook())


def test_it_keeps_every_formula_start_as_text_in_a_write_only_sheet() -> None:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("x")
    sheet.append(spreadsheets.row(sheet, TRICKY))
    sheet.append([spreadsheets.cell(sheet, value) for value in TRICKY])
    values = assert_no_formula(spreadsheets.workbook_bytes(workbook))
    assert values == TRICKY + TRICKY


def test_it_keeps_every_formula_start_as_text_in_an_ordinary_sheet() -> None:
    workbook = Workbook()
    sheet = workbook.active
    for column, value in enumerate(TRICKY, start=1):
        spreadsheets.put(sheet, 1, column, value)
    sheet["A2"] = "=1+2"  # Written around the helper: the save still writes it as text.
    values = assert_no_formula(spreadsheets.workbook_bytes(workbook))
    assert values[: len(TRICKY)] == TRICKY and "=1+2" in values


def test_it_drops_control_characters_xml_cannot_hold() -> None:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("x")
    sheet.append(spreadsheets.row(sheet, ["An\x01\x02"]))
    assert assert_no_formula(spreadsheets.workbook_bytes(workbook)) == ["An"]


def test_it_neutralises_csv_fields_the_way_owasp_recommends() -> None:
    assert [spreadsheets.csv_field(value) for value in TRICKY[:7]] == [
        "'" + value for value in TRICKY[:7]
    ]
    assert spreadsheets.csv_field(-5) == "-5" and spreadsheets.csv_field(None) == ""
    assert spreadsheets.csv_field("Nguyễn Văn An") == "Nguyễn Văn An"
    content = spreadsheets.csv_bytes([["Họ và tên"], ["=1+2"], ['=HYPERLINK("http://x","y")']])
    assert content.startswith("\ufeff".encode())
    assert "'=1+2" in content.decode("utf-8-sig")


def test_it_reads_a_neutralised_csv_field_back_as_written() -> None:
    content = spreadsheets.csv_bytes([["Họ và tên"], ["=1+2"], ["-1"]])
    rows = list(spreadsheets.read_table(io.BytesIO(content), "ds.csv"))
    assert rows == [(1, ("Họ và tên",)), (2, ("=1+2",)), (3, ("-1",))]


def test_it_is_the_one_place_that_saves_a_spreadsheet() -> None:
    """A module that builds a workbook or a .csv writes it through ``core.spreadsheets``."""
    helper = Path(spreadsheets.__file__).resolve()
    offenders = []
    for path in SOURCE.rglob("*.py"):
        if path.resolve() == helper:
            continue
        text = path.read_text(encoding="utf-8")
        writes_itself = re.search(r"csv\.(writer|DictWriter)\(|workbook\.save\(", text)
        unswept = "Workbook(" in text and "spreadsheets.workbook_bytes(" not in text
        if writes_itself or unswept:
            offenders.append(str(path.relative_to(SOURCE)))
    assert offenders == []
