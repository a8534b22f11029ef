"""``dangvu count_election FILE [--json]``: the API's answer at the terminal; bad input exits 2."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from tests.congresses.helpers import EXAMPLE, A, B, C, D, by_tally, kept, tally_data


def _write(tmp_path: Path, data: Any, encoding: str = "utf-8") -> Path:
    path = tmp_path / "bau-cu.json"
    text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
    path.write_text(text, encoding=encoding)
    return path


def _run(*args: str, **options: Any) -> str:
    out = StringIO()
    call_command("count_election", *args, stdout=out, **options)
    return out.getvalue()


def _refusal(*args: str, **options: Any) -> CommandError:
    with pytest.raises(CommandError) as info:
        _run(*args, **options)
    assert info.value.returncode == 2
    return info.value


def test_it_prints_the_same_json_as_the_api(tmp_path: Path, login: Callable[[str], Client]) -> None:
    path = _write(tmp_path, EXAMPLE)
    api = login("charlie").post(
        "/api/v1/elections/count/", path.read_bytes(), content_type="application/json"
    )
    printed = _run(str(path), "--json")
    assert json.loads(printed) == api.json()
    assert "Nguyễn Văn A" in printed  # ensure_ascii=False: readable names.


def test_it_reads_standard_input_and_a_notepad_bom(tmp_path: Path) -> None:
    from_stdin = _run("-", "--json", stdin=StringIO(json.dumps(EXAMPLE)))
    with_bom = _run(str(_write(tmp_path, EXAMPLE, encoding="utf-8-sig")), "--json")
    assert json.loads(from_stdin) == json.loads(with_bom)
    assert json.loads(from_stdin)["valid_ballots"] == 2


def test_it_prints_a_vietnamese_summary(tmp_path: Path) -> None:
    data = tally_data({A: 20, B: 18, C: 16, D: 16}, valid=25, issued_count=30)
    lines = _run(str(_write(tmp_path, data))).splitlines()
    assert lines[0] == "Bầu 3 người; danh sách 4 người; số được triệu tập: 25."
    assert "Trúng cử cần ít nhất 13 phiếu (quá một nửa của 25)." in lines
    assert "  Nguyễn Văn A: 20 (80,00%)" in lines
    assert "Trúng cử: Nguyễn Văn A, Trần Thị B" in lines
    assert f"Kết quả: {by_tally({A: 20, B: 18, C: 16, D: 16}, valid=25)['outcome']}" in lines
    assert "Cảnh báo: số phiếu không khớp: phát ra 30, thu vào 25, không thu về 0." in lines


def test_it_lists_the_invalid_ballots_by_reason(tmp_path: Path) -> None:
    data = {**EXAMPLE, "ballots": [kept(A), kept(A, B, C, D), kept(B, issued=False)]}
    lines = _run(str(_write(tmp_path, data))).splitlines()
    assert lines[1] == (
        "Phiếu thu vào: 3; hợp lệ: 1; không hợp lệ: 2 (Phiếu không do Ban kiểm phiếu phát ra: 1; "
        "Phiếu bầu quá số lượng cần bầu: 1)."
    )


def test_it_exits_with_2_on_a_missing_file(tmp_path: Path) -> None:
    error = _refusal(str(tmp_path / "khong-co.json"))
    assert str(error) == f"Không tìm thấy tệp “{tmp_path / 'khong-co.json'}”."


def test_it_exits_with_2_on_invalid_json(tmp_path: Path) -> None:
    path = _write(tmp_path, '{"seats": 3,\n "denominator": }')
    error = _refusal(str(path))
    assert str(error) == f"Tệp “{path}” không phải JSON hợp lệ: lỗi ở dòng 2, cột 17."


@pytest.mark.parametrize("content", [b"\xff\xfe\x00", b"[" * 100_000, b"1" * 5000])
def test_it_exits_with_2_on_an_unreadable_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "hong.json"
    path.write_bytes(content)
    assert str(_refusal(str(path))).startswith(f"Tệp “{path}”")


def test_it_exits_with_2_on_input_it_cannot_count(tmp_path: Path) -> None:
    path = _write(tmp_path, {**EXAMPLE, "ballots": [kept(A), kept("Nguyễn Văn E")]})
    error = _refusal(str(path), "--json")
    assert str(error) == "Phiếu số 2: “Nguyễn Văn E” không có trong danh sách bầu cử."


def test_it_exits_with_2_and_the_message_on_stderr_from_the_shell(tmp_path: Path) -> None:
    path = _write(tmp_path, {**EXAMPLE, "seats": 0})
    done = subprocess.run(
        [sys.executable, "-m", "dangvu", "count_election", str(path)],
        capture_output=True,
        text=True,
        env={**os.environ, "DANGVU_ENV": "test"},
        check=False,
    )
    assert done.returncode == 2
    assert "“seats” (số lượng cần bầu) phải từ 1 trở lên, không phải 0." in done.stderr
    assert done.stdout == ""
