"""Vietnamese text folding and name sorting, with no Django import.

SQLite's case-insensitive matching is ASCII-only and PostgreSQL's ``unaccent``
is not portable, so every searchable row stores a folded copy of its text and
every search folds the query the same way.
"""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower-case, strip diacritics (đ → d) and collapse spaces.

    ``fold("ĐỖ Văn  Tuấn") == "do van tuan"``.
    """
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    stripped = stripped.replace("Đ", "D").replace("đ", "d")
    return _SPACES.sub(" ", stripped.casefold()).strip()


def normalize_name(text: str) -> str:
    """A name as written, composed (NFC) and with single spaces: the stored form."""
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
