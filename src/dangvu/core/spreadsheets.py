"""Every .xlsx and .csv the system writes, and every one it reads, goes through here.

Writing: text is written as text. A value starting with ``=`` (or one of Excel's
error codes) would otherwise be stored by openpyxl as a live formula (or an
error), so such cells are written with the string type set explicitly; .csv
fields starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return are
neutralised with a leading single quote, as OWASP recommends for CSV injection.
``workbook_bytes`` saves a workbook and, for the ordinary (not write-only)
ones, turns any formula cell left over into text: this application writes no
formula. docs/decisions/0014-spreadsheet-safety.md gives the reasons.

Reading (``read_table``): an uploaded file is refused, with a Vietnamese
reason and before anything is parsed, when it is larger than the settings
allow; an .xlsx is first checked as the zip it is (the uncompressed size of
the whole and of each part, shared strings included, and the compression
ratio), every XML part is refused if it carries a DTD (``defusedxml``), and
the row elements of the sheet are counted on the raw bytes before a row is
read. The sheet is then parsed in one streaming pass through ``defusedxml``,
each row and each piece between rows bounded in bytes and freed once read,
so memory stays small whatever the file says. A formula cell reaches the
caller as a ``Formula`` (so it is reported as a formula, not as a value).
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse
from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.reader.excel import ExcelReader
from openpyxl.styles.stylesheet import apply_stylesheet
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet._reader import WorkSheetParser
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.xml.constants import SHEET_MAIN_NS

# OWASP, "CSV Injection": the characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MB = 1024 * 1024
EXCEL_SUFFIXES = (".xlsx", ".xlsm")
MAX_COLUMNS = 256  # The member template has 24; a wider sheet is not an import file.
MAX_PARTS = 1000  # An .xlsx from Excel has a few dozen parts.
RATIO_FROM = MB  # Parts smaller than this are too small for their ratio to matter.
ROW_TAG = f"{{{SHEET_MAIN_NS}}}row"
# A row element on the raw bytes, whatever the namespace prefix (prefix length bounded).
ROW_BYTES = re.compile(rb"<(?:[A-Za-z_][\w.\-]{0,31}:)?row(?=[\s/>])")
ROW_BYTES_OVERLAP = 40


# Writing ------------------------------------------------------------------------------


def _needs_string_type(value: str) -> bool:
    """Whether openpyxl would store this text as something other than text."""
    return value[:1] in FORMULA_STARTS or value in ERROR_CODES


def _clean(value: str) -> str:
    # Control characters XML cannot hold would make the save fail; they carry nothing.
    return ILLEGAL_CHARACTERS_RE.sub("", value)


def _as_text(cell: Cell) -> Cell:
    if isinstance(cell.value, str):
        cell.data_type = "s"
    return cell


def cell(
    sheet: WriteOnlyWorksheet, value: Any, *, font: Any = None, number_format: str | None = None
) -> Cell:
    """A cell for a write-only sheet (to style it), text kept as text."""
    if isinstance(value, str):
        value = _clean(value)
    written = WriteOnlyCell(sheet, value=value)
    if font is not None:
        written.font = font
    if number_format is not None:
        written.number_format = number_format
    return _as_text(written)


def row(sheet: WriteOnlyWorksheet, values: Iterable[Any]) -> list[Any]:
    """A row to ``append`` to a write-only sheet: every text stays text.

    openpyxl stores any other text as a string already; only the texts it would
    take for a formula or an error code get a cell of their own (a cell per value
    would cost a second per ten thousand rows of a large export).
    """
    written: list[Any] = []
    for value in values:
        if isinstance(value, str):
            value = _clean(value)
            if _needs_string_type(value):
                value = cell(sheet, value)
        elif isinstance(value, Cell):
            _as_text(value)
        written.append(value)
    return written


def put(sheet: Worksheet, row_number: int, column: int, value: Any) -> Cell:
    """``sheet.cell(row, column, value)`` on an ordinary sheet, text kept as text."""
    if isinstance(value, str):
        value = _clean(value)
    return _as_text(sheet.cell(row=row_number, column=column, value=value))


def workbook_bytes(workbook: Workbook) -> bytes:
    """The saved workbook. Ordinary sheets are swept first: no cell leaves as a formula."""
    if not workbook.write_only:
        for sheet in workbook.worksheets:
            if isinstance(sheet, Worksheet):
                for line in sheet.iter_rows():
                    for written in line:
                        if written.data_type in ("f", "e") and isinstance(written.value, str):
                            written.data_type = "s"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_field(value: Any) -> str:
    """One .csv field: text that a spreadsheet would run as a formula gets a leading ``'``."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    if text[:1] in FORMULA_STARTS and not isinstance(value, int | float):
        return "'" + text
    return text


def csv_bytes(rows: Iterable[Iterable[Any]], *, delimiter: str = ";") -> bytes:
    """A .csv in UTF-8 with the byte-order mark Excel needs to read Vietnamese."""
    text = io.StringIO()
    writer = csv.writer(text, delimiter=delimiter, quoting=csv.QUOTE_MINIMAL)
    for values in rows:
        writer.writerow([csv_field(value) for value in values])
    return text.getvalue().encode("utf-8-sig")


# Reading -------------------------------------------------------------------------------


class Refused(Exception):
    """The file is not read; ``str(self)`` is the Vietnamese reason, ``row`` where known."""

    def __init__(self, message: str, row: int = 0) -> None:
        super().__init__(message)
        self.row = row


class Formula(str):
    """A cell that holds a formula, as its text (``=A1+B1``): never taken for a value."""


@dataclass(frozen=True)
class Limits:
    max_bytes: int
    max_uncompressed: int
    max_part: int
    max_shared_strings: int
    max_ratio: int
    max_rows: int
    max_row_bytes: int
    max_field_chars: int

    @classmethod
    def from_settings(cls) -> Limits:
        def get(name: str, default: int) -> int:
            return int(getattr(settings, f"DANGVU_IMPORT_{name}", default))

        return cls(
            max_bytes=get("MAX_BYTES", 10 * MB),
            max_uncompressed=get("MAX_UNCOMPRESSED_BYTES", 256 * MB),
            max_part=get("MAX_PART_BYTES", 4 * MB),
            max_shared_strings=get("MAX_SHARED_STRINGS_BYTES", 32 * MB),
            max_ratio=get("MAX_RATIO", 100),
            max_rows=get("MAX_ROWS", 200_000),
            max_row_bytes=get("MAX_ROW_BYTES", 512 * 1024),
            max_field_chars=get("MAX_FIELD_CHARS", 32_767),
        )


def too_many_rows(limit: int) -> Refused:
    shown = f"{limit:,}".replace(",", ".")  # Vietnamese groups thousands with a dot
    return Refused(_("Tệp có quá %(max)s dòng dữ liệu; hãy chia thành nhiều tệp.") % {"max": shown})


def _size(size: int) -> str:
    """“10 MB”, “512 KB”: rounded up, so a size over a limit never reads as equal to it."""
    if size >= MB:
        return f"{-(-size // MB)} MB"
    return f"{-(-size // 1024)} KB"


def read_table(
    file_obj: IO[bytes], filename: str, limits: Limits | None = None
) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """The first sheet's rows as ``(row number as Excel shows it, values)``.

    A generator: a refused file raises ``Refused`` on the first row asked.
    Rows Excel does not store (blank ones) may be left out; the numbers say where
    each row is.
    """
    limits = limits or Limits.from_settings()
    suffix = Path(filename or "").suffix.lower()
    file_obj.seek(0, io.SEEK_END)
    size = file_obj.tell()
    file_obj.seek(0)
    head = file_obj.read(8)
    file_obj.seek(0)
    if not head:
        raise Refused(_("Tệp trống, không có dữ liệu."))
    if size > limits.max_bytes:
        raise Refused(
            _("Tệp lớn hơn %(size)s; hãy chia thành nhiều tệp nhỏ hơn.")
            % {"size": _size(limits.max_bytes)}
        )
    if suffix == ".xls":
        raise Refused(
            _("Tệp .xls (Excel 97–2003) không được hỗ trợ; hãy lưu lại thành .xlsx rồi nhập.")
        )
    if suffix in EXCEL_SUFFIXES:
        yield from _read_xlsx(file_obj, head, limits)
    elif suffix == ".csv":
        yield from _read_csv(file_obj, head, limits)
    else:
        raise Refused(_("Chỉ nhận tệp Excel (.xlsx) hoặc CSV (.csv)."))


# .csv


def _read_csv(
    file_obj: IO[bytes], head: bytes, limits: Limits
) -> Iterator[tuple[int, tuple[Any, ...]]]:
    data = file_obj.read(limits.max_bytes + 1)
    if head.startswith(b"PK\x03\x04") or b"\x00" in data:
        raise Refused(_("Tệp không phải là tệp CSV (văn bản) hợp lệ."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Refused(_("Tệp CSV phải dùng bảng mã UTF-8.")) from exc
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    # The limit is the csv module's, process-wide; every reader here sets the same value.
    csv.field_size_limit(limits.max_field_chars)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    number, filled = 0, 0
    while True:
        number += 1
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise _csv_problem(exc, number, limits) from exc
        if any(value.strip() for value in values):
            filled += 1
            if filled > limits.max_rows + 1:  # The header row and the data rows.
                raise too_many_rows(limits.max_rows)
        yield number, tuple(_csv_value(value) for value in values)


def _csv_value(value: str) -> str:
    """A field neutralised on export (``'=…``) reads back as it was written."""
    if value[:1] == "'" and value[1:2] in FORMULA_STARTS and len(value) > 1:
        return value[1:]
    return value


def _csv_problem(exc: csv.Error, number: int, limits: Limits) -> Refused:
    # The csv module's own words are English; only what they mean is told.
    if "field larger than field limit" in str(exc):
        message = _("Dòng %(row)s có một ô dài quá %(max)s ký tự.") % {
            "row": number,
            "max": f"{limits.max_field_chars:,}".replace(",", "."),
        }
    else:
        message = _(
            "Dòng %(row)s của tệp CSV không đọc được (dấu ngoặc kép hoặc xuống dòng "
            "không đúng chỗ)."
        ) % {"row": number}
    return Refused(message, row=number)


# .xlsx


def _not_excel() -> Refused:
    return Refused(_("Tệp không phải là tệp Excel .xlsx hợp lệ."))


def _read_xlsx(
    file_obj: IO[bytes], head: bytes, limits: Limits
) -> Iterator[tuple[int, tuple[Any, ...]]]:
    if not head.startswith(b"PK\x03\x04"):
        raise _not_excel()
    try:
        archive = zipfile.ZipFile(file_obj)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise _not_excel() from exc
    with archive:
        try:
            _check_archive(archive, limits)
            _check_no_dtd(archive)
            reader, sheet_path = _open_workbook(file_obj)
            with reader.archive:
                _count_rows(archive, sheet_path, limits)
                yield from _sheet_rows(archive, sheet_path, reader, limits)
        except Refused:
            raise
        except DefusedXmlException as exc:
            raise _dtd_refused() from exc
        except Exception as exc:  # Anything else openpyxl or the zip raise: a damaged file.
            raise _not_excel() from exc


def _check_archive(archive: zipfile.ZipFile, limits: Limits) -> None:
    """The zip's declared sizes, before any part is inflated.

    Python's zipfile stops inflating a part at its declared size (and then fails
    its checksum), so the declared sizes bound what the parsers can ever receive.
    """
    parts = archive.infolist()
    if len(parts) > MAX_PARTS:
        raise Refused(_("Tệp Excel có quá nhiều thành phần; tệp không được đọc."))
    total = sum(part.file_size for part in parts)
    if total > limits.max_uncompressed:
        raise _inflated(_("toàn bộ tệp"), total, limits.max_uncompressed)
    shared = _shared_strings_parts(archive)
    for part in parts:
        if part.flag_bits & 0x1:
            raise _not_excel()  # Encrypted.
        if not _is_worksheet(part.filename):
            limit = limits.max_shared_strings if part.filename in shared else limits.max_part
            if part.file_size > limit:
                raise _inflated(part.filename, part.file_size, limit)
        if part.file_size > RATIO_FROM:
            ratio = part.file_size / max(part.compress_size, 1)
            if ratio > limits.max_ratio:
                raise Refused(
                    _(
                        "Phần “%(part)s” của tệp Excel khi giải nén lớn gấp %(ratio)s lần (giới "
                        "hạn %(max)s lần): tệp bất thường, có thể được tạo để làm quá tải hệ "
                        "thống, nên không được đọc."
                    )
                    % {"part": part.filename, "ratio": int(ratio), "max": limits.max_ratio}
                )


def _inflated(part: str, size: int, limit: int) -> Refused:
    return Refused(
        _(
            "Tệp Excel khi giải nén quá lớn (%(part)s: %(size)s, giới hạn %(max)s); "
            "hãy chia thành nhiều tệp nhỏ hơn."
        )
        % {"part": part, "size": _size(size), "max": _size(limit)}
    )


def _is_worksheet(name: str) -> bool:
    # Worksheets are read streaming and bounded row by row, so only the total bounds them.
    return name.startswith("xl/worksheets/") and name.endswith(".xml")


def _shared_strings_parts(archive: zipfile.ZipFile) -> set[str]:
    return {name for name in archive.namelist() if name.lower().endswith("sharedstrings.xml")}


def _dtd_refused() -> Refused:
    return Refused(
        _(
            "Tệp Excel chứa khai báo DTD hoặc thực thể XML, điều tệp Excel thông thường không "
            "có; tệp không được đọc."
        )
    )


def _check_no_dtd(archive: zipfile.ZipFile) -> None:
    """No part may carry a DTD (entity expansion, external entities): ``defusedxml`` says.

    A DTD can only stand before the root element, so each part is read up to it.
    Parts that are not XML (pictures) fail to parse and are left to the reader.
    """
    for name in archive.namelist():
        with archive.open(name) as part:
            try:
                for _event, _element in iterparse(part, events=("start",), forbid_dtd=True):
                    break
            except DefusedXmlException:
                raise _dtd_refused() from None
            except Exception:  # Not XML, or damaged: the reader will say.
                continue


def _open_workbook(file_obj: IO[bytes]) -> tuple[ExcelReader, str]:
    """openpyxl's reader with the workbook, shared strings and styles; the first sheet.

    The worksheets are not loaded (openpyxl would parse each to find its size).
    """
    reader = ExcelReader(file_obj, read_only=True, data_only=False, keep_links=False)
    reader.read_manifest()
    reader.read_strings()
    reader.read_workbook()
    apply_stylesheet(reader.archive, reader.wb)
    for _sheet, rel in reader.parser.find_sheets():
        if "worksheet" in rel.Type and rel.target in reader.valid_files:
            if not _is_worksheet(rel.target):
                raise _not_excel()  # Elsewhere, the part-size limit would not have held.
            return reader, rel.target
    raise Refused(_("Tệp Excel không có trang tính nào."))


def _count_rows(archive: zipfile.ZipFile, path: str, limits: Limits) -> None:
    """Count the sheet's row elements on the raw bytes: a too-long sheet is refused now."""
    allowed = limits.max_rows + 1  # The header row and the data rows.
    count, carried = 0, b""
    with archive.open(path) as part:
        while True:
            chunk = part.read(MB)
            data = carried + chunk
            # A tag starting in the last bytes may be cut: it is counted with the next chunk.
            safe = max(0, len(data) - ROW_BYTES_OVERLAP) if chunk else len(data)
            count += sum(1 for found in ROW_BYTES.finditer(data) if found.start() < safe)
            if count > allowed:
                raise too_many_rows(limits.max_rows)
            if not chunk:
                return
            carried = data[safe:]


class _BoundedSource:
    """The sheet's bytes for the parser, refused once one piece grows past ``limit``.

    The parser reads 16 KB at a time and hands out its events before reading on;
    ``settle`` is called each time a row or a piece outside the rows is complete.
    """

    def __init__(self, raw: IO[bytes], limit: int) -> None:
        self.raw, self.limit = raw, limit
        self.total = self.settled = 0

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size if size and size > 0 else 16 * 1024)
        self.total += len(data)
        if self.total - self.settled > self.limit:
            raise Refused(
                _(
                    "Tệp Excel có một dòng (hoặc một phần của trang tính) lớn quá %(max)s KB; "
                    "tệp bất thường nên không được đọc."
                )
                % {"max": self.limit // 1024}
            )
        return data

    def settle(self) -> None:
        self.settled = self.total


def _sheet_rows(
    archive: zipfile.ZipFile, path: str, reader: ExcelReader, limits: Limits
) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """One streaming pass: each row is converted by openpyxl's own cell reader, then freed."""
    cells = WorkSheetParser(
        None,
        reader.shared_strings,
        data_only=False,
        epoch=reader.wb.epoch,
        date_formats=reader.wb._date_formats,
        timedelta_formats=reader.wb._timedelta_formats,
    )
    allowed = limits.max_rows + 1
    with archive.open(path) as part:
        source = _BoundedSource(part, limits.max_row_bytes)
        stack: list[Any] = []
        rows = in_row = 0
        events = iterparse(source, events=("start", "end"), forbid_dtd=True)
        for event, element in events:
            if event == "start":
                stack.append(element)
                if element.tag == ROW_TAG:
                    in_row += 1
                continue
            stack.pop()
            if element.tag == ROW_TAG:
                in_row -= 1
                if in_row:
                    raise _not_excel()  # A row inside a row.
                rows += 1
                if rows > allowed:
                    raise too_many_rows(limits.max_rows)
                number, found = cells.parse_row(element)
                cells.row_dimensions.clear()
                if len(cells.shared_formulae) > 1000:
                    cells.shared_formulae.clear()
                yield number, _values(number, found)
            if not in_row:
                # Freed as soon as read: nothing outside the current row stays in memory.
                element.clear()
                if stack:
                    stack[-1].remove(element)
                source.settle()


def _values(number: int, found: list[dict[str, Any]]) -> tuple[Any, ...]:
    filled = [item for item in found if item["value"] is not None]
    width = max((item["column"] for item in filled), default=0)
    if width > MAX_COLUMNS:
        raise Refused(
            _("Dòng %(row)s có dữ liệu ở cột thứ %(column)s; tệp chỉ được có tối đa %(max)s cột.")
            % {"row": number, "column": width, "max": MAX_COLUMNS},
            row=number,
        )
    values: list[Any] = [None] * width
    for item in filled:
        value = item["value"]
        if item["data_type"] == "f":
            text = value if isinstance(value, str) else str(getattr(value, "text", "") or "")
            value = Formula(text if text.startswith("=") else "=" + text)
        values[item["column"] - 1] = value
    return tuple(values)
