"""Build member import files inside a test (no binary fixtures in the repository)."""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

from openpyxl import Workbook, load_workbook

from dangvu.members.columns import columns
from dangvu.members.rules import make_national_id

HEADERS = [column.header for column in columns()]


def person(name: str, birth: date, cell: str = "XA-DONG", serial: int = 100, **extra: Any) -> dict:
    """One good row (a man admitted at 25), keyed by header; ``extra`` adds or replaces cells."""
    row: dict[str, Any] = {
        "Họ và tên*": name,
        "Giới tính*": "Nam",
        "Ngày sinh*": birth.strftime("%d/%m/%Y"),
        "Số CCCD": make_national_id(25, "male", birth, serial),
        "Ngày vào Đảng": birth.replace(year=birth.year + 25).strftime("%d/%m/%Y"),
        "Mã chi bộ*": cell,
    }
    row.update(extra)
    return row


def xlsx(rows: list[dict[str, Any]], headers: list[str] | None = None) -> io.BytesIO:
    headers = headers or HEADERS
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for row in rows:
        sheet.append([row.get(header) for header in headers])
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


def csv_file(
    rows: list[dict[str, Any]], headers: list[str] | None = None, delimiter: str = ";"
) -> io.BytesIO:
    headers = headers or HEADERS
    text = io.StringIO()
    writer = csv.writer(text, delimiter=delimiter)
    writer.writerow(headers)
    for row in rows:
        writer.writerow([row.get(header, "") for header in headers])
    return io.BytesIO(text.getvalue().encode("utf-8-sig"))


def sheet_rows(content: bytes) -> list[tuple[Any, ...]]:
    workbook = load_workbook(io.BytesIO(content), read_only=True)
    rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    workbook.close()
    return rows
