"""The columns of the member spreadsheet, shared by the import, the export and the template.

One list says, for each column, its Vietnamese header, the member field it fills,
how a cell is read (``parse``) and how a value is written (``format``), so an
export re-imports cleanly. Headers are the file format, not interface text: they
stay the same whatever the interface language, and are matched ignoring case,
accents and the ``*`` that marks a required column.

A blank cell means "not provided": a new member gets the field's default, an
existing member keeps the value they have.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any

from django.utils.translation import gettext as _

from dangvu.core.text import fold, normalize_name
from dangvu.members.choices import Gender, PoliticalTheory, Qualification
from dangvu.members.models import Member

CELL_CODE = "cell_code"
DATE_INPUT_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d")
MIN_YEAR = 1900
TWO_DIGIT_YEAR = re.compile(r"^\d{1,2}[/.-]\d{1,2}[/.-]\d{2}$")


class CellError(ValueError):
    """A cell that cannot be read; the message is the Vietnamese reason."""


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _number_text(value: Any) -> str:
    """A number typed in Excel as text, without the ``.0`` a float cell carries."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def parse_text(value: Any) -> str:
    if isinstance(value, datetime | date):
        raise CellError(
            _("Excel đã đổi ô này thành ngày; hãy định dạng cột là Văn bản (Text) rồi nhập lại.")
        )
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _number_text(value)
    return normalize_name(str(value))


def _digits(width: int) -> Callable[[Any], str]:
    """Identifiers: Excel drops the leading zeros of a number cell, so they are put back."""

    def parse(value: Any) -> str:
        if isinstance(value, int | float) and not isinstance(value, bool):
            text = _number_text(value)
            return text.zfill(width) if text.isdigit() else text
        return parse_text(value).replace(" ", "")

    return parse


def parse_phone(value: Any) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        # A phone number typed as a number lost its leading 0 (0912… became 912…).
        return "0" + _number_text(value)
    return parse_text(value)


def parse_date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        text = value.strip()
        day = _plain_date(text) or _date_from_text(text)
        if day is not None:
            return day
    raise CellError(_("Ngày không hợp lệ (dạng dd/mm/yyyy)."))


def _plain_date(text: str) -> date | None:
    """The common ``dd/mm/yyyy`` without ``strptime`` (None: let the full reader decide)."""
    if len(text) != 10 or text[2] != "/" or text[5] != "/":
        return None
    day, month, year = text[:2], text[3:5], text[6:]
    if not (day.isdecimal() and month.isdecimal() and year.isdecimal() and text.isascii()):
        return None
    try:
        parsed = date(int(year), int(month), int(day))
    except ValueError:
        return None
    return parsed if parsed.year >= MIN_YEAR else None


def _date_from_text(text: str) -> date | None:
    if TWO_DIGIT_YEAR.match(text):
        raise CellError(_("Năm phải viết đủ 4 chữ số (dạng dd/mm/yyyy)."))
    for pattern in DATE_INPUT_FORMATS:
        try:
            day = datetime.strptime(text, pattern).date()
        except ValueError:
            continue
        return day if day.year >= MIN_YEAR else None  # "12/03/0092" is a typing slip.
    return None


def _choice(choices: Any, message: str) -> Callable[[Any], str]:
    """Read a choice by its Vietnamese label (or its code), ignoring case and accents."""
    by_fold = {fold(str(label)): value for value, label in choices.choices}
    by_fold.update({fold(value): value for value in choices.values})
    # Cells as written (a label, a code) found without folding; the same answers as by_fold.
    as_written = {text: by_fold[fold(text)] for text in (*map(str, choices.labels), *by_fold)}

    def parse(value: Any) -> str:
        text = str(value)
        found = as_written.get(text)
        if found is None:
            found = by_fold.get(fold(text))
        if found is None:
            raise CellError(message % {"allowed": ", ".join(str(x) for x in choices.labels)})
        return str(found)

    return parse


def format_text(value: Any) -> str:
    return "" if value is None else str(value)


def format_date(value: date | None) -> date | None:
    return value


def _format_choice(choices: Any) -> Callable[[Any], str]:
    labels = {value: str(label) for value, label in choices.choices}  # Translated once.
    return lambda value: labels.get(value, value or "")


@dataclass(frozen=True)
class Column:
    """One column of the member spreadsheet."""

    header: str
    field: str
    parse: Callable[[Any], Any] = parse_text
    format: Callable[[Any], Any] = format_text
    required: bool = False
    sensitive: bool = False
    is_date: bool = False
    help: str = ""

    @property
    def key(self) -> str:
        return header_key(self.header)

    def read(self, value: Any) -> Any:
        """The field value of a non-blank cell (``CellError`` with the reason otherwise)."""
        parsed = self.parse(value)
        limit = _max_length(self.field)
        if isinstance(parsed, str) and limit and len(parsed) > limit:
            raise CellError(_("Dài quá %(max)s ký tự.") % {"max": limit})
        return parsed


@cache
def _max_length(field: str) -> int | None:
    if field == CELL_CODE:
        return 40
    return getattr(Member._meta.get_field(field), "max_length", None)


def header_key(header: Any) -> str:
    """How headers are compared: folded, without the ``*`` of a required column."""
    return fold(str(header or "")).replace("*", "").strip()


def columns() -> list[Column]:
    """The columns, in the order of the template and the export."""
    qualification = _choice(
        Qualification, _("Chuyên môn nghiệp vụ phải là một trong: %(allowed)s.")
    )
    theory = _choice(PoliticalTheory, _("Lý luận chính trị phải là một trong: %(allowed)s."))
    gender = _choice(Gender, _("Giới tính phải là Nam hoặc Nữ."))
    date_help = _("Ngày dạng dd/mm/yyyy (ví dụ 19/05/1995), hoặc ô ngày của Excel.")
    place_help = _("Xã/phường, huyện/quận, tỉnh/thành phố.")
    return [
        Column("Họ và tên*", "full_name", required=True, help=_("Họ và tên đầy đủ, có dấu.")),
        Column(
            "Giới tính*",
            "gender",
            gender,
            _format_choice(Gender),
            required=True,
            help=_("Nam hoặc Nữ."),
        ),
        Column(
            "Ngày sinh*",
            "birth_date",
            parse_date,
            format_date,
            required=True,
            is_date=True,
            help=date_help,
        ),
        Column("Nơi sinh", "birth_place", help=place_help),
        Column("Quê quán", "home_town", help=place_help),
        Column(
            "Dân tộc",
            "ethnicity",
            sensitive=True,
            help=_("Để trống khi thêm mới thì ghi là Kinh."),
        ),
        Column(
            "Tôn giáo",
            "religion",
            sensitive=True,
            help=_("Để trống khi thêm mới thì ghi là Không."),
        ),
        Column(
            "Số CCCD",
            "national_id",
            _digits(12),
            sensitive=True,
            help=_("12 chữ số; dùng để nhận ra đảng viên đã có (khi đó dòng là cập nhật)."),
        ),
        Column("Số điện thoại", "phone", parse_phone, sensitive=True, help=_("Ví dụ 0912345678.")),
        Column("Nơi ở hiện nay", "address", sensitive=True, help=_("Địa chỉ nơi ở hiện nay.")),
        Column("Tình trạng sức khỏe", "health_note", sensitive=True, help=_("Ví dụ: Tốt.")),
        Column("Giáo dục phổ thông", "education_level", help=_("Ví dụ 12/12 (định dạng Văn bản).")),
        Column(
            "Chuyên môn nghiệp vụ",
            "qualification",
            qualification,
            _format_choice(Qualification),
            help=_("Một trong: %(allowed)s.")
            % {"allowed": ", ".join(str(x) for x in Qualification.labels)},
        ),
        Column(
            "Lý luận chính trị",
            "political_theory",
            theory,
            _format_choice(PoliticalTheory),
            help=_("Một trong: %(allowed)s.")
            % {"allowed": ", ".join(str(x) for x in PoliticalTheory.labels)},
        ),
        Column("Nghề nghiệp", "occupation", help=_("Ví dụ: Giáo viên, Nông dân, Hưu trí.")),
        Column(
            "Số thẻ đảng viên",
            "card_number",
            _digits(8),
            help=_("8 chữ số; cũng dùng để nhận ra đảng viên đã có."),
        ),
        Column("Số lý lịch", "profile_number", help=_("Số lý lịch đảng viên (nếu có).")),
        Column(
            "Ngày quyết định kết nạp",
            "admission_decision_date",
            parse_date,
            format_date,
            is_date=True,
            help=date_help,
        ),
        Column("Số quyết định kết nạp", "admission_decision_number", help=_("Ví dụ 125-QĐ/ĐU.")),
        Column(
            "Ngày vào Đảng",
            "ceremony_date",
            parse_date,
            format_date,
            is_date=True,
            help=_("Ngày kết nạp (lễ kết nạp); phải đủ 18 tuổi tính theo tháng."),
        ),
        Column(
            "Ngày chính thức",
            "official_date",
            parse_date,
            format_date,
            is_date=True,
            help=_("Ngày được công nhận đảng viên chính thức; để trống nếu còn dự bị."),
        ),
        Column(
            "Mã chi bộ*",
            CELL_CODE,
            lambda value: parse_text(value).strip(),
            required=True,
            help=_("Mã tổ chức của chi bộ nơi đảng viên sinh hoạt (xem trang Tổ chức đảng)."),
        ),
    ]


# Columns the export adds for people to read; the import skips them.
CELL_NAME_HEADER = "Tên chi bộ"
STATUS_HEADER = "Tình trạng"
ROW_NUMBER_HEADER = "STT"
IGNORED_HEADERS = (CELL_NAME_HEADER, STATUS_HEADER, ROW_NUMBER_HEADER)


def column_for_field(field: str) -> Column | None:
    return next((c for c in columns() if c.field == field), None)


@dataclass(frozen=True)
class HeaderMap:
    """Which position of a file row holds which column, or the header problems."""

    positions: dict[int, Column]
    problems: list[tuple[str, str]]


def match_headers(headers: Iterable[Any]) -> HeaderMap:
    """Match a file's header row against the columns.

    Problems are ``(header, reason)``: an unknown header, a column given twice,
    a required column missing.
    """
    by_key = {column.key: column for column in columns()}
    ignored = {header_key(h) for h in IGNORED_HEADERS}
    positions: dict[int, Column] = {}
    problems: list[tuple[str, str]] = []
    seen: set[str] = set()
    for index, header in enumerate(headers):
        key = header_key(header)
        if not key or key in ignored:
            continue
        column = by_key.get(key)
        if column is None:
            problems.append((str(header).strip(), _("Cột không có trong mẫu nhập.")))
        elif column.key in seen:
            problems.append((str(header).strip(), _("Cột này xuất hiện hai lần.")))
        else:
            seen.add(column.key)
            positions[index] = column
    for column in columns():
        if column.required and column.key not in seen:
            problems.append((column.header, _("Thiếu cột bắt buộc.")))
    return HeaderMap(positions, problems)
