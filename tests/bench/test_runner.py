"""Smoke run of the benchmark runner: a tiny scale on SQLite, the JSON's shape checked."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
STATUSES = {"ok", "missing", "skipped", "error"}


def leaf_measures(node: Any) -> list[dict[str, Any]]:
    """Every dict under ``measures`` that carries a ``status``."""
    if not isinstance(node, dict):
        return []
    if "status" in node:
        return [node]
    return [leaf for value in node.values() for leaf in leaf_measures(value)]


def run_tiny(tmp_path: Path) -> dict[str, Any]:
    out = tmp_path / "results.json"
    command = [sys.executable, "-m", "bench.run", "--scale", "tiny", "--db", "sqlite",
               "--repeat", "1", "--members", "500", "--import-rows", "50", "--no-http",
               "--work", str(tmp_path),
               "--out", str(out)]  # fmt: skip
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    printed = json.loads(done.stdout)
    assert printed == json.loads(out.read_text(encoding="utf-8"))
    return printed


def test_it_prints_one_json_document_with_every_section(tmp_path: Path) -> None:
    result = run_tiny(tmp_path)
    assert {"machine", "database", "scale", "date", "measures"} <= set(result)
    assert result["machine"]["cores"] >= 1
    assert result["database"]["vendor"] == "sqlite"
    expected = {"generation", "statistics", "search", "deadlines", "http", "import"}
    assert expected <= set(result["measures"])
    for measure in leaf_measures(result["measures"]):
        assert measure["status"] in STATUSES - {"error"}, measure
        if measure["status"] in {"missing", "skipped"}:
            assert measure["reason"]
        elif measure.get("target"):
            assert isinstance(measure["met"], bool), measure
