"""Committee terms of Hòa An (XA) for the document registry tests, and the text of a PDF."""

from __future__ import annotations

import re
import zlib
from datetime import date
from typing import Any

from dangvu.documents import services
from dangvu.documents.models import Document
from dangvu.organizations.models import Organization
from dangvu.organizations.services import create_committee
from tests.fixtures.cast import Cast


def with_terms(cast: Cast) -> Organization:
    """XA with its executive committees of 2020–2025 and 2025–2030."""
    xa = cast.org("XA")
    for start, end, elected in ((2020, 2025, date(2020, 7, 15)), (2025, 2030, date(2025, 8, 1))):
        create_committee(
            xa, actor=None, body="executive", term_start=start, term_end=end, elected_on=elected
        )
    return xa


def issue(cast: Cast, day: date, kind: str = "resolution", **extra: Any) -> Document:
    return services.issue_outgoing(
        cast.user("alice"),
        organization=cast.org("XA"),
        kind=kind,
        issued_on=day,
        summary=extra.pop("summary", "về nhiệm vụ năm 2022"),
        **extra,
    )


_OBJECT = re.compile(rb"(\d+) 0 obj(.*?)endobj", re.S)
_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.S)
_SHOW = re.compile(rb"/(F\d+) [\d.]+ Tf|\(((?:\\.|[^\\)])*)\) ?Tj|(BT)", re.S)
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def _stream(body: bytes) -> bytes:
    found = _STREAM.search(body)
    if found is None:
        return b""
    raw = found.group(1)
    return zlib.decompress(raw) if b"/FlateDecode" in body[: found.start()] else raw


def _unescape(text: bytes) -> bytes:
    def one(match: re.Match[bytes]) -> bytes:
        escaped = match.group(1)
        if escaped[:1].isdigit():
            return bytes([int(escaped, 8)])
        return _ESCAPES.get(escaped, escaped)

    return re.sub(rb"\\([0-7]{1,3}|.)", one, text, flags=re.S)


def _to_unicode(cmap: bytes) -> dict[int, str]:
    mapping = {}
    for code, text in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", cmap):
        mapping[int(code, 16)] = bytes.fromhex(text.decode()).decode("utf-16-be")
    return mapping


def pdf_text(content: bytes) -> str:
    """The text of a PDF made by fpdf2 (two-byte glyph codes mapped back by ToUnicode).

    One line per text object; enough to check what a page prints without a
    PDF reader among the dependencies.
    """
    objects = {int(n): body for n, body in _OBJECT.findall(content)}
    fonts: dict[bytes, dict[int, str]] = {}
    for name, ref in re.findall(rb"/(F\d+) (\d+) 0 R", content):
        to_unicode = re.search(rb"/ToUnicode (\d+) 0 R", objects[int(ref)])
        if to_unicode:
            fonts[name] = _to_unicode(_stream(objects[int(to_unicode.group(1))]))
    lines: list[str] = []
    for body in objects.values():
        stream = _stream(body)
        if b"Tj" not in stream:
            continue
        font: dict[int, str] = {}
        for name, shown, begin in _SHOW.findall(stream):
            if name:
                font = fonts.get(name, {})
            elif begin:
                lines.append("")
            else:
                raw = _unescape(shown)
                codes = [int.from_bytes(raw[i : i + 2], "big") for i in range(0, len(raw), 2)]
                lines[-1] += "".join(font.get(code, "?") for code in codes)
    return "\n".join(line for line in lines if line)
