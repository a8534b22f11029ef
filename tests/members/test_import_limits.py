"""Imported files are checked before they are parsed: a crafted file is refused in Vietnamese,
with nothing written and the worker's memory small."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from defusedxml import DefusedXmlException
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client, override_settings
from django.urls import reverse
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet._reader import WorkSheetParser

from dangvu.core import spreadsheets
from dangvu.members import importing
from dangvu.members.importing import ImportResult, import_members
from dangvu.members.models import Member
from tests.fixtures.cast import Cast
from tests.members.spreadsheets import HEADERS, csv_file, person, xlsx

BIRTH = date(1992, 3, 12)
SHEET = "xl/worksheets/sheet1.xml"
MAIN = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
Login = Callable[[str], Client]
MB = 1024 * 1024


def run(cast: Cast, content: bytes | io.BytesIO, name: str = "ds.xlsx") -> ImportResult:
    file = content if isinstance(content, io.BytesIO) else io.BytesIO(content)
    return import_members(file, name, actor=cast.user("alice"), dry_run=False)


def only_message(result: ImportResult) -> str:
    assert len(result.errors) == 1, result.errors
    return result.errors[0].message


def rezip(content: bytes, replace: dict[str, bytes]) -> bytes:
    """The same .xlsx with some parts replaced (or added)."""
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename not in replace:
                target.writestr(info, source.read(info.filename))
        for name, data in replace.items():
            target.writestr(name, data)
    return buffer.getvalue()


SHARED_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"


def with_shared_strings() -> bytes:
    """A header row whose cells point into xl/sharedStrings.xml, as Excel saves them."""
    base = xlsx([]).getvalue()
    types = zipfile.ZipFile(io.BytesIO(base)).read("[Content_Types].xml")
    override = f'<Override PartName="/xl/sharedStrings.xml" ContentType="{SHARED_TYPE}"/>'
    cells = b"".join(
        b'<c r="%s1" t="s"><v>%d</v></c>' % (openpyxl.utils.get_column_letter(i + 1).encode(), i)
        for i in range(len(HEADERS))
    )
    strings = b"".join(b"<si><t>%s</t></si>" % header.encode() for header in HEADERS)
    content = rezip(
        base,
        {
            "[Content_Types].xml": types.replace(b"</Types>", override.encode() + b"</Types>"),
            SHEET: sheet_xml([b'<row r="1">' + cells + b"</row>"]),
            "xl/sharedStrings.xml": b"<sst " + MAIN + b">" + strings + b"</sst>",
        },
    )
    return content


def sheet_xml(rows: Iterable[bytes]) -> bytes:
    return b"<worksheet " + MAIN + b"><sheetData>" + b"".join(rows) + b"</sheetData></worksheet>"


def inline_row(number: int, *texts: str, first_column: int = 1) -> bytes:
    cells = b"".join(
        b'<c r="%s%d" t="inlineStr"><is><t>%s</t></is></c>'
        % (openpyxl.utils.get_column_letter(first_column + i).encode(), number, text.encode())
        for i, text in enumerate(texts)
    )
    return b'<row r="%d">%s</row>' % (number, cells)


# XML: defusedxml everywhere ------------------------------------------------------------

LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">
<si><t>&lol9;</t></si></sst>"""


def test_it_has_openpyxl_parse_through_defusedxml() -> None:
    import defusedxml.ElementTree
    import openpyxl.xml.functions

    assert openpyxl.DEFUSEDXML is True
    plain = with_shared_strings()
    assert next(spreadsheets.read_table(io.BytesIO(plain), "ds.xlsx"))[1] == tuple(HEADERS)
    assert openpyxl.xml.functions.iterparse is defusedxml.ElementTree.iterparse
    laughs = rezip(with_shared_strings(), {"xl/sharedStrings.xml": LAUGHS})
    with pytest.raises(ValueError) as raised:  # openpyxl on its own: refused, not expanded.
        load_workbook(io.BytesIO(laughs), read_only=True)
    assert isinstance(raised.value.__cause__, DefusedXmlException)


def test_it_refuses_a_billion_laughs_in_the_shared_strings(cast: Cast) -> None:
    before = Member.objects.count()
    result = run(cast, rezip(with_shared_strings(), {"xl/sharedStrings.xml": LAUGHS}))
    assert only_message(result).startswith("Tệp Excel chứa khai báo DTD hoặc thực thể XML")
    assert Member.objects.count() == before


def test_it_refuses_an_external_entity_in_any_part(cast: Cast) -> None:
    xxe = (
        b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        b"<workbook " + MAIN + b"><x>&e;</x></workbook>"
    )
    result = run(
        cast, rezip(xlsx([person("Vũ Văn Mới", BIRTH)]).getvalue(), {"xl/workbook.xml": xxe})
    )
    assert "khai báo DTD" in only_message(result)


# The zip: sizes and ratio before parsing ------------------------------------------------

BOMB_SCRIPT = """
import json, os, resource, sys
resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))  # A regression fails, not the box.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangvu.settings")
import django
django.setup()
from dangvu.members.importing import import_members
with open(sys.argv[1], "rb") as handle:
    result = import_members(handle, "bom.xlsx", actor=None, dry_run=True)
print(json.dumps([error.message for error in result.errors]))
"""
MEASURE_SCRIPT = """
import resource, subprocess, sys
command = [sys.executable, "-c", sys.argv[1], sys.argv[2]]
done = subprocess.run(command, capture_output=True, text=True)
sys.stderr.write(done.stderr)
print(done.stdout.strip())
print(done.returncode)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)  # KiB on Linux.
"""


def build_bomb(path: Path) -> None:
    """A ~1 MB .xlsx whose one row of empty cells inflates to 1 GB."""
    base = zipfile.ZipFile(xlsx([]))
    unit = b"<c/>"
    chunk = unit * (MB // len(unit))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as target:
        for info in base.infolist():
            if info.filename != SHEET:
                target.writestr(info, base.read(info.filename))
        with target.open(SHEET, "w", force_zip64=True) as sheet:
            sheet.write(b"<worksheet " + MAIN + b"><sheetData>" + inline_row(1, "Họ và tên*"))
            sheet.write(b'<row r="2">')
            for _ in range(1024):
                sheet.write(chunk)
            sheet.write(b"</row></sheetData></worksheet>")


def test_it_refuses_a_zip_bomb_with_the_memory_of_the_worker_small(tmp_path: Path) -> None:
    bomb = tmp_path / "bom.xlsx"
    build_bomb(bomb)
    assert bomb.stat().st_size < 1.5 * MB
    assert zipfile.ZipFile(bomb).getinfo(SHEET).file_size > 1000 * MB
    done = subprocess.run(
        [sys.executable, "-c", MEASURE_SCRIPT, BOMB_SCRIPT, str(bomb)],
        capture_output=True,
        text=True,
        check=True,
        env={**__import__("os").environ, "DANGVU_ENV": "test"},
    )
    output, returncode, peak_kib = done.stdout.strip().splitlines()[-3:]
    assert returncode == "0", done.stderr
    messages = json.loads(output)
    assert len(messages) == 1 and messages[0].startswith("Tệp Excel khi giải nén quá lớn")
    assert int(peak_kib) < 300 * 1024, f"peak RSS {int(peak_kib) // 1024} MB"


def declare_size(content: bytes, name: str, size: int) -> bytes:
    """The zip with the central directory's uncompressed size of ``name`` replaced."""
    patched = bytearray(content)
    at = patched.find(b"PK\x01\x02")
    while at >= 0:
        length = int.from_bytes(patched[at + 28 : at + 30], "little")
        if patched[at + 46 : at + 46 + length] == name.encode():
            patched[at + 24 : at + 28] = size.to_bytes(4, "little")
            return bytes(patched)
        at = patched.find(b"PK\x01\x02", at + 4)
    raise AssertionError(name)


def test_it_never_inflates_a_part_past_the_size_its_zip_declares(cast: Cast) -> None:
    """The limits read the declared sizes; a file that lies about them gets no further."""
    sheet = b"<worksheet " + MAIN + b"><sheetData><row>" + b"<c/>" * (4 * MB)
    content = rezip(xlsx([]).getvalue(), {SHEET: sheet + b"</row></sheetData></worksheet>"})
    lying = declare_size(content, SHEET, 2000)
    assert zipfile.ZipFile(io.BytesIO(lying)).getinfo(SHEET).file_size == 2000
    with zipfile.ZipFile(io.BytesIO(lying)).open(SHEET) as part, pytest.raises(zipfile.BadZipFile):
        part.read()  # Python's zipfile stops at the declared 2,000 bytes, then fails the CRC.
    assert only_message(run(cast, lying)) == "Tệp không phải là tệp Excel .xlsx hợp lệ."


@override_settings(DANGVU_IMPORT_MAX_SHARED_STRINGS_BYTES=100)
def test_it_limits_the_shared_strings_part(cast: Cast) -> None:
    message = only_message(run(cast, with_shared_strings()))
    assert message.startswith("Tệp Excel khi giải nén quá lớn (xl/sharedStrings.xml:")


@override_settings(DANGVU_IMPORT_MAX_RATIO=5)
def test_it_refuses_an_abnormal_compression_ratio(cast: Cast) -> None:
    rows = [inline_row(1, *HEADERS)] + [inline_row(n, "Vũ Văn Mới") for n in range(2, 40_000)]
    content = rezip(xlsx([]).getvalue(), {SHEET: sheet_xml(rows)})
    assert "lớn gấp" in only_message(run(cast, content))


@override_settings(DANGVU_IMPORT_MAX_BYTES=1000)
def test_it_refuses_a_file_larger_than_the_setting(cast: Cast) -> None:
    rows = [person(f"Vũ Văn Số {n}", BIRTH, serial=n) for n in range(40)]
    for content, name in ((xlsx(rows), "ds.xlsx"), (csv_file(rows), "ds.csv")):
        assert only_message(run(cast, content, name)).startswith("Tệp lớn hơn 1 KB;")


# The sheet: rows counted first, each row bounded ----------------------------------------


@override_settings(DANGVU_IMPORT_MAX_ROWS=2)
def test_it_refuses_too_many_rows_before_reading_one(
    cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    read: list[Any] = []
    original = WorkSheetParser.parse_row
    monkeypatch.setattr(
        WorkSheetParser, "parse_row", lambda self, row: read.append(row) or original(self, row)
    )
    rows = [person(f"Vũ Văn Số {n}", BIRTH, serial=n) for n in range(5)]
    message = only_message(run(cast, xlsx(rows)))
    assert message == "Tệp có quá 2 dòng dữ liệu; hãy chia thành nhiều tệp."
    assert read == []


@override_settings(DANGVU_IMPORT_MAX_ROW_BYTES=4096)
def test_it_refuses_a_row_larger_than_the_setting(cast: Cast) -> None:
    rows = [inline_row(1, *HEADERS), inline_row(2, "x" * 20_000)]
    content = rezip(xlsx([]).getvalue(), {SHEET: sheet_xml(rows)})
    assert "lớn quá 4 KB" in only_message(run(cast, content))


@override_settings(DANGVU_IMPORT_MAX_ROW_BYTES=4096)
def test_it_refuses_a_large_piece_between_rows(cast: Cast) -> None:
    junk = b"<junk>" + b"<j/>" * 5000 + b"</junk>"
    rows = [inline_row(1, *HEADERS), junk, inline_row(2, "Vũ Văn Mới")]
    content = rezip(xlsx([]).getvalue(), {SHEET: sheet_xml(rows)})
    assert "lớn quá 4 KB" in only_message(run(cast, content))


def test_it_refuses_data_past_the_last_allowed_column(cast: Cast) -> None:
    rows = [inline_row(1, *HEADERS), inline_row(2, "x", first_column=300)]
    content = rezip(xlsx([]).getvalue(), {SHEET: sheet_xml(rows)})
    result = run(cast, content)
    assert (result.errors[0].row, result.errors[0].message) == (
        2,
        "Dòng 2 có dữ liệu ở cột thứ 300; tệp chỉ được có tối đa 256 cột.",
    )


def test_it_still_reads_dates_numbers_and_shared_strings(cast: Cast) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    row = person("Vũ Văn Mới", BIRTH)
    sheet.append([row.get(header) for header in HEADERS])
    sheet.cell(row=2, column=HEADERS.index("Ngày sinh*") + 1, value=BIRTH)
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = run(cast, buffer.getvalue())
    assert result.ok and result.created == 1
    assert Member.objects.get(full_name="Vũ Văn Mới").birth_date == BIRTH


# Formulas and Vietnamese messages ------------------------------------------------------


def test_it_reports_a_formula_cell_as_a_formula(cast: Cast) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    sheet.append([person("Vũ Văn Mới", BIRTH).get(header) for header in HEADERS])
    sheet.cell(row=2, column=HEADERS.index("Ngày sinh*") + 1, value="=DATE(1992,3,12)")
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = run(cast, buffer.getvalue())
    assert [(e.row, e.column, e.message) for e in result.errors] == [
        (
            2,
            "Ngày sinh*",
            "Ô chứa công thức “=DATE(1992,3,12)”, không phải giá trị; hãy thay công thức bằng "
            "giá trị (Sao chép, rồi Dán đặc biệt → Giá trị) rồi nhập lại.",
        )
    ]


def test_it_reads_a_text_cell_starting_with_equals_as_text() -> None:
    workbook = Workbook()
    sheet = workbook.active
    spreadsheets.put(sheet, 1, 1, "Họ và tên*")
    spreadsheets.put(sheet, 2, 1, "=1+2")
    content = spreadsheets.workbook_bytes(workbook)
    rows = list(spreadsheets.read_table(io.BytesIO(content), "ds.xlsx"))
    assert rows[1] == (2, ("=1+2",)) and type(rows[1][1][0]) is str


@override_settings(DANGVU_IMPORT_MAX_FIELD_CHARS=100)
def test_it_names_the_row_of_a_csv_field_over_the_limit_in_vietnamese(cast: Cast) -> None:
    rows = [person("Vũ Văn Mới", BIRTH), person("Vũ Văn Hai", BIRTH, serial=101)]
    rows[1]["Nơi ở hiện nay"] = "x" * 500
    message = only_message(run(cast, csv_file(rows), "ds.csv"))
    assert message == "Dòng 3 có một ô dài quá 100 ký tự."


def test_it_stops_reading_after_too_many_cell_errors(
    cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importing, "MAX_ERRORS", 3)
    rows = [
        person(f"Vũ Văn Số {n}", BIRTH, serial=n, **{"Ngày sinh*": "hôm qua"}) for n in range(6)
    ]
    result = run(cast, xlsx(rows))
    assert [error.row for error in result.errors] == [2, 3, 4, 0]
    assert result.errors[-1].message.startswith("Tệp có quá nhiều lỗi; việc đọc dừng sau 3 lỗi")


# A refused import is not a 200; the command fails ---------------------------------------


def test_it_answers_400_with_the_reasons_when_the_page_refuses_a_file(
    cast: Cast, login: Login
) -> None:
    before = Member.objects.count()
    laughs = rezip(with_shared_strings(), {"xl/sharedStrings.xml": LAUGHS})
    response = login("alice").post(
        reverse("members:import"), {"file": SimpleUploadedFile("ds.xlsx", laughs)}
    )
    assert response.status_code == 400
    assert "khai báo DTD" in response.content.decode()
    bad = person("Vũ Văn Mới", BIRTH, **{"Ngày sinh*": "hôm qua"})
    for data in ({}, {"dry_run": "on"}):
        response = login("alice").post(
            reverse("members:import"),
            {"file": SimpleUploadedFile("ds.xlsx", xlsx([bad]).getvalue()), **data},
        )
        assert response.status_code == 400
        assert "Ngày không hợp lệ" in response.content.decode()
    assert Member.objects.count() == before


def test_it_fails_the_command_on_a_refused_file(cast: Cast, tmp_path: Path) -> None:
    path = tmp_path / "ds.xlsx"
    path.write_bytes(rezip(with_shared_strings(), {"xl/sharedStrings.xml": LAUGHS}))
    output = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_members", str(path), "--user", "alice", stdout=output)
    assert "khai báo DTD" in output.getvalue()


def test_it_writes_the_row_limit_as_a_vietnamese_number() -> None:
    refused = spreadsheets.too_many_rows(200_000)
    assert "quá 200.000 dòng" in str(refused)
