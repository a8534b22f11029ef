"""``dangvu count_election FILE [--json]``: count one round of an election from a JSON file.

The same function as ``POST /api/v1/elections/count/`` (``counting.count_json``):
with ``--json`` the output is that API's JSON. Nothing is read from or written to
the database. Bad input exits with code 2 and the Vietnamese reason on stderr.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, TextIO

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from dangvu.congresses import counting
from dangvu.core.text import percent_text

BAD_INPUT = 2


def _bad(message: str) -> CommandError:
    return CommandError(message, returncode=BAD_INPUT)


def read_json(name: str, stdin: TextIO) -> Any:
    """The JSON of file ``name`` (``-``: standard input); a BOM from Notepad is allowed."""
    where = _("Đầu vào chuẩn") if name == "-" else _("Tệp “%(name)s”") % {"name": name}
    try:
        text = stdin.read() if name == "-" else Path(name).read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise _bad(_("Không tìm thấy tệp “%(name)s”.") % {"name": name}) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise _bad(
            _("%(where)s: không đọc được (không phải tệp văn bản UTF-8, hoặc không có quyền đọc).")
            % {"where": where}
        ) from exc
    try:
        return json.loads(text.removeprefix("\ufeff"))
    except json.JSONDecodeError as exc:
        raise _bad(
            _("%(where)s không phải JSON hợp lệ: lỗi ở dòng %(line)s, cột %(column)s.")
            % {"where": where, "line": exc.lineno, "column": exc.colno}
        ) from exc
    except (ValueError, RecursionError) as exc:  # Numbers too long, nesting too deep.
        raise _bad(_("%(where)s không phải JSON dùng được.") % {"where": where}) from exc


def _names(names: list[str]) -> str:
    return ", ".join(names) or "—"


def summary_lines(result: dict[str, Any]) -> list[str]:
    """The result as a few Vietnamese lines, for a person at a terminal."""
    reasons = "; ".join(
        f"{result['invalid_reason_labels'][code]}: {n}"
        for code, n in result["invalid_reasons"].items()
        if n
    )
    lines = [
        _("Bầu %(seats)s người; danh sách %(candidates)s người; số được triệu tập: %(base)s.")
        % {
            "seats": result["seats"],
            "candidates": len(result["candidates"]),
            "base": result["denominator"],
        },
        _("Phiếu thu vào: %(returned)s; hợp lệ: %(valid)s; không hợp lệ: %(invalid)s%(why)s.")
        % {
            "returned": result["ballots_returned"],
            "valid": result["valid_ballots"],
            "invalid": result["invalid_ballots"],
            "why": f" ({reasons})" if reasons else "",
        },
        _("Trúng cử cần ít nhất %(threshold)s phiếu (quá một nửa của %(base)s).")
        % {"threshold": result["threshold"], "base": result["denominator"]},
        _("Số phiếu:"),
    ]
    for name in result["candidates"]:
        lines.append(f"  {name}: {result['votes'][name]} ({percent_text(result['percent'][name])})")
    return [*lines, *outcome_lines(result)]


def outcome_lines(result: dict[str, Any]) -> list[str]:
    """Who is elected, the outcome, and the warnings (reconciliation, surplus)."""
    lines = [
        _("Trúng cử: %(names)s") % {"names": _names(result["elected"])},
        _("Kết quả: %(outcome)s") % {"outcome": result["outcome"]},
    ]
    check = result["reconciliation"]
    if not check["balanced"]:
        lines.append(
            _(
                "Cảnh báo: số phiếu không khớp: phát ra %(issued)s, thu vào %(returned)s, "
                "không thu về %(unreturned)s."
            )
            % check
        )
    if result["list_problem"]:
        lines.append(_("Cảnh báo: %(problem)s") % {"problem": result["list_problem"]})
    return lines


class Command(BaseCommand):
    help = _(
        "Kiểm phiếu một vòng bầu cử từ tệp JSON FILE (“-”: đọc từ đầu vào chuẩn): số lượng "
        "cần bầu (seats), số được triệu tập (denominator), danh sách bầu cử (candidates) và "
        "từng phiếu (ballots) hoặc bảng tổng hợp (tally). In kết quả; --json in đúng JSON của "
        "POST /api/v1/elections/count/. Dữ liệu sai: báo lý do và thoát với mã 2. Không ghi "
        "gì vào cơ sở dữ liệu."
    )
    # ``call_command(..., stdin=StringIO(...))`` in the tests.
    stealth_options = ("stdin",)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help=_("tệp JSON, hoặc - để đọc từ đầu vào chuẩn"))
        parser.add_argument("--json", action="store_true", help=_("in JSON như API"))

    def handle(self, *args: Any, **options: Any) -> None:
        data = read_json(options["file"], options.get("stdin") or sys.stdin)
        try:
            result = counting.count_json(data)
        except counting.CountingError as exc:
            raise _bad(str(exc)) from exc
        if options["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
        else:
            self.stdout.write("\n".join(summary_lines(result)))
