"""Export a member list to .xlsx with the import's own columns, so it re-imports cleanly.

Sensitive columns (national ID, phone, address, ethnicity, religion, health) are written
only when the user may read them for *every* exported row: a staff member or
leader of a subtree that covers the whole list (one ``EXISTS`` query decides).
Otherwise those columns are left out altogether, and since the import treats
an absent column as "not provided", re-importing such a file changes nothing
in them. Two read-only columns for people, "Tên chi bộ" and "Tình trạng", are
added at the end; the import skips them.

Every export is written to the access log (ARCHITECTURE.md, rule 4), at the
narrowest organisation that holds every exported row. Cells are written through
``core.spreadsheets``, so a name like ``=1+2`` stays text, never a formula.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from dangvu.core import scope, spreadsheets
from dangvu.core.models import AccessLog, log_access
from dangvu.core.tree import SEPARATOR
from dangvu.members.choices import Status
from dangvu.members.columns import CELL_CODE, CELL_NAME_HEADER, STATUS_HEADER, Column, columns
from dangvu.members.models import Member
from dangvu.members.rules import make_national_id

SHEET_TITLE = "Danh sách đảng viên"
DATE_NUMBER_FORMAT = "DD/MM/YYYY"
CHUNK_SIZE = 2000


def export_members(
    queryset: QuerySet[Member],
    *,
    user: Any,
    filters: Mapping[str, Any] | None = None,
    ip_address: str | None = None,
) -> bytes:
    """The members of ``queryset`` the user may see, as .xlsx bytes; logs the export."""
    queryset = queryset.filter(scope.visibility_q(user, Member)).select_related("cell")
    sensitive = sees_sensitive_everywhere(user, queryset)
    chosen = export_columns(include_sensitive=sensitive)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(SHEET_TITLE)
    _write_header(sheet, [c.header for c in chosen] + [CELL_NAME_HEADER, STATUS_HEADER])
    count, low, high = 0, None, None
    status_labels = {value: str(label) for value, label in Status.choices}  # Translated once.
    for member in queryset.iterator(chunk_size=CHUNK_SIZE):
        sheet.append(spreadsheets.row(sheet, _member_row(sheet, member, chosen, status_labels)))
        count += 1
        low = member.org_path if low is None else min(low, member.org_path)
        high = member.org_path if high is None else max(high, member.org_path)
    _log(user, count, _narrowest_path(user, low, high), sensitive, filters, ip_address)
    return spreadsheets.workbook_bytes(workbook)


def export_columns(*, include_sensitive: bool) -> list[Column]:
    return [column for column in columns() if include_sensitive or not column.sensitive]


def sees_sensitive_everywhere(user: Any, queryset: QuerySet[Member]) -> bool:
    """Whether no row of ``queryset`` is outside the user's staff/leader subtrees."""
    if getattr(user, "is_superuser", False):
        return True
    outside = queryset.exclude(scope.visibility_q(user, Member, action=scope.SENSITIVE))
    return not outside.exists()


def _write_header(sheet: WriteOnlyWorksheet, headers: list[str]) -> None:
    """A bold, frozen header row with columns wide enough to read it (before any row)."""
    for index, header in enumerate(headers):
        letter = get_column_letter(index + 1)
        sheet.column_dimensions[letter].width = max(12, min(40, len(header) + 4))
    sheet.freeze_panes = "A2"
    _write_header_cells(sheet, headers)


def _member_row(
    sheet: WriteOnlyWorksheet, member: Member, chosen: list[Column], status_labels: dict[str, str]
) -> list[Any]:
    row: list[Any] = []
    for column in chosen:
        if column.field == CELL_CODE:
            row.append(member.cell.code)
        elif column.is_date:
            row.append(_date_cell(sheet, getattr(member, column.field)))
        else:
            row.append(column.format(getattr(member, column.field)))
    row.extend([member.cell.name, status_labels.get(member.status, member.status)])
    return row


def _date_cell(sheet: WriteOnlyWorksheet, value: Any) -> Any:
    if value is None:
        return None
    return spreadsheets.cell(sheet, value, number_format=DATE_NUMBER_FORMAT)


def _narrowest_path(user: Any, low: str | None, high: str | None) -> str:
    """The deepest organisation path that holds every exported row.

    With no row, the user's own scope (the common root of their roles) stands in.
    """
    paths = [p for p in (low, high) if p] or [g.path for g in scope.grants(user)]
    if not paths:
        return ""
    common = paths[0].split(SEPARATOR)[:-1]
    for path in paths[1:]:
        segments = path.split(SEPARATOR)[:-1]
        while common != segments[: len(common)]:
            common.pop()
    return "".join(segment + SEPARATOR for segment in common)


def _log(
    user: Any,
    count: int,
    org_path: str,
    sensitive: bool,
    filters: Mapping[str, Any] | None,
    ip_address: str | None,
) -> None:
    described = "; ".join(
        f"{key}={_describe(value)}" for key, value in (filters or {}).items() if value
    )
    detail = _("Xuất Excel %(count)s đảng viên; bộ lọc: %(filters)s; %(sensitive)s") % {
        "count": count,
        "filters": described or _("không có"),
        "sensitive": _("có thông tin nhạy cảm") if sensitive else _("không có thông tin nhạy cảm"),
    }
    log_access(
        user, AccessLog.Action.EXPORT, org_path=org_path, detail=detail, ip_address=ip_address
    )


def _describe(value: Any) -> str:
    if isinstance(value, list | tuple):
        return ",".join(str(item) for item in value)
    return str(value)


# The import template ----------------------------------------------------------------

GUIDE_TITLE = "Hướng dẫn"


def template_workbook() -> bytes:
    """The empty import file: the headers on the first sheet, how to fill them on the second."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(SHEET_TITLE)
    every = columns()
    _write_header(sheet, [column.header for column in every])
    guide = workbook.create_sheet(GUIDE_TITLE)
    guide.column_dimensions["A"].width = 28
    guide.column_dimensions["B"].width = 12
    guide.column_dimensions["C"].width = 90
    for line in _guide_intro():
        guide.append(spreadsheets.row(guide, [line]))
    guide.append([])
    _write_header_cells(guide, [_("Cột"), _("Bắt buộc"), _("Cách ghi")])
    for column in every:
        guide.append(
            spreadsheets.row(
                guide, [column.header, _("Có") if column.required else "", column.help]
            )
        )
    guide.append([])
    guide.append(
        spreadsheets.row(guide, [_("Dòng ví dụ (chỉ để tham khảo, không chép vào trang nhập):")])
    )
    _write_header_cells(guide, [column.header for column in every])
    example = _example()
    guide.append(
        spreadsheets.row(
            guide, [_example_cell(guide, column, example.get(column.field)) for column in every]
        )
    )
    return spreadsheets.workbook_bytes(workbook)


def _write_header_cells(sheet: WriteOnlyWorksheet, headers: list[str]) -> None:
    bold = Font(bold=True)
    sheet.append([spreadsheets.cell(sheet, header, font=bold) for header in headers])


def _guide_intro() -> list[str]:
    return [
        _("Cách nhập danh sách đảng viên"),
        _(
            "Điền mỗi đảng viên một dòng ở trang “%(sheet)s”, giữ nguyên dòng tiêu đề; "
            "cột có dấu * là bắt buộc. Có thể bỏ bớt các cột không bắt buộc."
        )
        % {"sheet": SHEET_TITLE},
        _(
            "Dòng có Số CCCD (hoặc Số thẻ đảng viên) trùng với đảng viên đã có là dòng cập "
            "nhật: chỉ các ô khác với hồ sơ được ghi; ô để trống giữ nguyên giá trị cũ."
        ),
        _(
            "Chỉ cần một dòng sai thì không dòng nào được ghi; trang nhập liệt kê lỗi theo "
            "dòng và cột. Dùng ô “Chỉ kiểm tra (không ghi)” để thử trước."
        ),
        _("Cột “Tên chi bộ” và “Tình trạng” của tệp xuất chỉ để đọc; khi nhập sẽ bỏ qua."),
        _(
            "Các cột Tôn giáo, Số CCCD, Số điện thoại, Nơi ở hiện nay, Tình trạng sức khỏe là "
            "thông tin riêng: tệp xuất chỉ có các cột này khi người xuất được xem thông tin riêng."
        ),
    ]


def _example() -> dict[str, Any]:
    birth = date(1985, 5, 19)
    return {
        "full_name": "Nguyễn Văn Ví Dụ",
        "gender": "Nam",
        "birth_date": birth,
        "birth_place": "Xã Hòa An, huyện Thanh Ba, tỉnh Phú Thọ",
        "home_town": "Xã Hòa An, huyện Thanh Ba, tỉnh Phú Thọ",
        "ethnicity": "Kinh",
        "religion": "Không",
        "national_id": make_national_id(25, "male", birth, 123),
        "phone": "0912345678",
        "address": "Thôn Đông, xã Hòa An",
        "health_note": "Tốt",
        "education_level": "12/12",
        "qualification": "Đại học",
        "political_theory": "Trung cấp",
        "occupation": "Giáo viên",
        "card_number": "12345678",
        "profile_number": "LL-0123",
        "admission_decision_date": date(2010, 3, 1),
        "admission_decision_number": "125-QĐ/ĐU",
        "ceremony_date": date(2010, 3, 26),
        "official_date": date(2011, 3, 26),
        CELL_CODE: "MA-CHI-BO",
    }


def _example_cell(sheet: WriteOnlyWorksheet, column: Column, value: Any) -> Any:
    return _date_cell(sheet, value) if column.is_date else value
