"""Checks shared by the congress services: dates, texts, the state of a congress."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from dangvu.congresses.choices import Status
from dangvu.congresses.models import Congress
from dangvu.core.services import add_error
from dangvu.core.text import fmt_day

Errors = dict[str, list[str]]

# Years a term may start in (the Party was founded in 1930).
EARLIEST_YEAR, LATEST_YEAR = 1930, 2200
# The longest term of a committee (five years; cells under a grassroots committee often less).
LONGEST_TERM = 10


def today() -> date:
    return timezone.localdate()


def check_day(value: Any, field: str, errors: Errors, *, past: bool = True) -> date | None:
    """``value`` when it is a date (not after today when ``past``), else an error on ``field``."""
    if not isinstance(value, date) or isinstance(value, datetime):
        add_error(errors, field, _("Ngày không hợp lệ (dạng dd/mm/yyyy)."))
        return None
    if value.year < EARLIEST_YEAR:
        add_error(errors, field, _("Ngày không được trước năm 1930."))
        return None
    if past and value > today():
        add_error(errors, field, _("Ngày không được sau ngày hôm nay."))
        return None
    return value


def check_text(value: Any, field: str, errors: Errors, *, limit: int, required: str = "") -> str:
    """``value`` stripped; an error when it is missing (``required`` is the message) or too long."""
    text = value.strip() if isinstance(value, str) else ""
    if value is not None and not isinstance(value, str):
        add_error(errors, field, _("Phải là một đoạn chữ."))
    elif required and not text:
        add_error(errors, field, required)
    elif len(text) > limit:
        add_error(errors, field, _("Không được dài quá %(n)s ký tự.") % {"n": limit})
    return text


def check_term(term_start: Any, term_end: Any, errors: Errors) -> None:
    if type(term_start) is not int or type(term_end) is not int:
        add_error(errors, "term_start", _("Nhiệm kỳ phải ghi bằng năm, ví dụ 2022–2025."))
        return
    if not EARLIEST_YEAR <= term_start <= LATEST_YEAR:
        add_error(errors, "term_start", _("Năm bắt đầu nhiệm kỳ không hợp lệ."))
    if not term_start < term_end <= term_start + LONGEST_TERM:
        add_error(
            errors,
            "term_end",
            _("Năm kết thúc nhiệm kỳ phải sau năm bắt đầu, không quá %(n)s năm.")
            % {"n": LONGEST_TERM},
        )


def check_preparing(congress: Congress, errors: Errors) -> None:
    """Before the congress is held: the plan, the steps and the convened list may change."""
    if congress.status == Status.CANCELLED:
        add_error(errors, "status", _("Đại hội đã hủy."))
    elif congress.status != Status.PREPARING:
        add_error(
            errors,
            "status",
            _("Đại hội đã tổ chức ngày %(day)s: không sửa được kế hoạch, danh sách triệu tập.")
            % {"day": fmt_day(congress.held_on) if congress.held_on else "—"},
        )


def check_not_closed(congress: Congress, errors: Errors) -> None:
    """Elections and documents: until the results are approved (and never once cancelled)."""
    if congress.status == Status.CANCELLED:
        add_error(errors, "status", _("Đại hội đã hủy."))
    elif congress.status == Status.APPROVED:
        add_error(errors, "status", _("Kết quả đại hội đã được cấp trên chuẩn y: hồ sơ đã khóa."))


def lock_congress(congress: Congress) -> Congress:
    """The congress row, locked for the rest of the transaction (serialises concurrent writes)."""
    return (
        Congress.objects.select_for_update(of=("self",))
        .select_related("organization", "campaign")
        .get(pk=congress.pk)
    )
