"""Document numbers with no Django import: “09-NQ/ĐU”, “Số 09-NQ/ĐU”, and the term's first day.

Hướng dẫn 36-HD/VPTW (03/4/2018), II.1.3.1: the number has two digits at least,
then the type code and the issuer code, with no colon after “Số”; a committee
numbers from 01 in each term, and “nhiệm kỳ cấp ủy được tính từ ngày liền kề sau
ngày bế mạc đại hội lần này đến hết ngày bế mạc đại hội lần kế tiếp; trường hợp
hội nghị cấp ủy lần thứ nhất diễn ra trong thời gian đại hội thì nhiệm kỳ cấp ủy
mới được tính từ ngày khai mạc hội nghị cấp ủy lần thứ nhất”
(docs/decisions/0011-document-numbers.md).
"""

from __future__ import annotations

from datetime import date, timedelta

from dangvu.core.text import fold


def document_code(number: int | None, type_code: str, issuer_code: str) -> str:
    """``document_code(9, "NQ", "ĐU") == "09-NQ/ĐU"``; without a number “NQ/ĐU”."""
    tail = f"{type_code}/{issuer_code}" if issuer_code else type_code
    if number is None:
        return tail
    return f"{number:02d}-{tail}"


def number_line(number: int | None, type_code: str, issuer_code: str) -> str:
    return "Số " + document_code(number, type_code, issuer_code)


def search_text(code: str, kind_label: str, summary: str, issuer_name: str) -> str:
    """What a search reads, folded: the code, the kind ("nghi quyet"), the summary, the issuer."""
    return fold(f"{code} {kind_label} {summary} {issuer_name}")[:800]


def term_starts_on(closing_day: date, first_meeting_on: date | None = None) -> date:
    """The first day of the term of a committee elected at a congress closing on ``closing_day``.

    The closing day belongs to the old term (it ends "đến hết ngày bế mạc"); the
    new term starts the next day, or on the day of the new committee's first
    meeting when that meeting is held during the congress (on or before the
    closing day).
    """
    if first_meeting_on is not None and first_meeting_on <= closing_day:
        return first_meeting_on
    return closing_day + timedelta(days=1)
