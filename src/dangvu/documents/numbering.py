"""Document numbers with no Django import: “09-NQ/ĐU”, “Số 09-NQ/ĐU”.

Hướng dẫn 36-HD/VPTW: the number has two digits at least, then the type code
and the issuer code, with no colon after “Số”.
"""

from __future__ import annotations

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
