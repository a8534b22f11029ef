"""Vietnamese text folding and name sorting, with no Django import.

SQLite's case-insensitive matching is ASCII-only and PostgreSQL's ``unaccent``
is not portable, so every searchable row stores a folded copy of its text and
every search folds the query the same way.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower-case, strip diacritics (đ → d) and collapse spaces.

    ``fold("ĐỖ Văn  Tuấn") == "do van tuan"``.
    """
    if text.isascii():
        return " ".join(text.casefold().split())  # Same result, without NFD and the table.
    stripped = unicodedata.normalize("NFD", text).translate(_FOLD_TABLE)
    return " ".join(stripped.casefold().split())


class _FoldTable(dict[int, int | str | None]):
    """A ``str.translate`` table: marks (Mn) dropped, đ → d; filled as characters are met."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.category(chr(code)) == "Mn" else code
        self[code] = kept
        return kept


_FOLD_TABLE = _FoldTable({ord("Đ"): "D", ord("đ"): "d"})


def normalize_name(text: str) -> str:
    """A name as written, composed (NFC) and with single spaces: the stored form."""
    if (
        (text.isascii() or unicodedata.is_normalized("NFC", text))
        and text.isprintable()  # No whitespace but the plain space ...
        and text[:1] != " "
        and text[-1:] != " "
        and "  " not in text  # ... and never two in a row: already the stored form.
    ):
        return text
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def name_sort_key(full_name: str) -> str:
    """Vietnamese names sort by the given name (last word), then the rest in order.

    ``name_sort_key("Nguyễn Văn Khai") == "khai nguyen van"``; the folded form keeps
    the key comparable in any database collation.
    """
    words = fold(full_name).split(" ")
    if not words or words == [""]:
        return ""
    return " ".join([words[-1], *words[:-1]])


def fmt_day(day: date) -> str:
    """A date as pages and messages write it: dd/mm/yyyy."""
    return day.strftime("%d/%m/%Y")


def cited_day(day: date) -> str:
    """A day as official documents cite it: "20/4/2022", "05/02/2022" (Hướng dẫn 36-HD/VPTW:
    the day below 10 and the months 1 and 2 with a leading zero)."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{day.day:02d}/{month}/{day.year}"


def percent_text(value: float | int | None, places: int = 2) -> str:
    """A percentage the Vietnamese way, a comma before the decimals: “52,38%”; “—” for none."""
    if value is None:
        return "—"
    return f"{float(value):.{places}f}".replace(".", ",") + "%"
