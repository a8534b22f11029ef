"""A Markdown results table from runner JSON files: ``python -m bench.report a.json b.json``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any


def _ms(value: Any) -> str:
    return "—" if value is None else f"{value:,.1f} ms"


def _met(measure: dict[str, Any]) -> str:
    if measure.get("status") != "ok":
        return f"{measure.get('status')}: {measure.get('reason', '')}"
    met = measure.get("met")
    if met is None:
        return "no target"
    if met:
        return "yes"
    missed = [
        f"{name} {value['missed_by']}"
        for name, value in measure.items()
        if name.startswith("target") and isinstance(value, dict) and "missed_by" in value
    ]
    missed += [
        f"{name} {value['missed_by']}"
        for name, value in (measure.get("target") or {}).items()
        if isinstance(value, dict) and "missed_by" in value
    ]
    return "**no** (" + ", ".join(missed) + ")"


def rows(result: dict[str, Any]) -> list[list[str]]:
    out: list[list[str]] = []
    measures = result["measures"]
    gen = measures.get("generation", {})
    if gen.get("status") == "ok":
        rate = f"{gen['members_per_s']:,.0f} members/s"
        out.append(["generation", f"{gen['seconds']:,.0f} s", rate, "", _met(gen)])
    else:
        out.append(["generation", "", "", "", _met(gen)])
    for level in ("national", "province", "commune"):
        m = measures.get("statistics", {}).get(level, {})
        if m.get("status") != "ok":
            out.append([f"statistics {level}", "", "", "", _met(m)])
            continue
        base = m["baselines"]
        out.append(
            [
                f"statistics {level} ({m['organisation']})",
                f"{_ms(m['median_ms'])} (p95 {_ms(m['p95_ms'])})",
                f"SQL {_ms(base['sql_group_by']['median_ms'])}; "
                f"DuckDB {_ms(base['duckdb_parquet']['median_ms'])}",
                f"×{m['ratios']['stats_over_sql']} SQL; ×{m['ratios']['stats_over_duckdb']} DuckDB"
                + ("" if m["members_total"]["agree"] else " (totals DISAGREE)"),
                _met(m),
            ]
        )
    for kind in ("prefix", "substring"):
        m = measures.get("search", {}).get(kind, {})
        if m.get("status") != "ok":
            out.append([f"search {kind}", "", "", "", _met(measures.get("search", m))])
            continue
        like = m["baselines"]["raw_sql_like"]
        out.append(
            [
                f"search {kind} (p95 of {m['queries']})",
                f"p95 {_ms(m['p95_ms'])} (median {_ms(m['median_ms'])})",
                f"LIKE p95 {_ms(like['p95_ms'])}",
                f"×{m['ratios']['search_over_like_p95']}",
                _met(m),
            ]
        )
    http = measures.get("http", {})
    for page in ("member_list", "organisation_page", "member_page"):
        m = http.get(page)
        if m is None:
            if http.get("status"):
                out.append([f"HTTP {page}", "", "", "", _met(http)])
            continue
        if m.get("status") != "ok":
            out.append([f"HTTP {page}", "", "", "", _met(m)])
            continue
        out.append(
            [
                f"HTTP {page} (32 clients, {m['client'].split(' ')[0]})",
                f"{m['throughput_rps']:,.1f} req/s; p95 {_ms(m['p95_ms'])}, "
                f"p99 {_ms(m['p99_ms'])}; {m['errors']} errors",
                "",
                "",
                _met(m),
            ]
        )
    m = measures.get("import", {})
    if m.get("status") == "ok":
        raw = m["baselines"]["raw_insert"]
        out.append(
            [
                f"import {m['rows']:,} rows",
                f"{m['rows_per_s']:,.0f} rows/s ({m['seconds']} s)",
                f"raw insert {raw['rows_per_s']:,.0f} rows/s",
                f"×{m['ratios']['import_over_raw_insert']}",
                _met(m),
            ]
        )
    else:
        out.append(["import", "", "", "", _met(m)])
    for name in ("deadline_inbox", "badges_due"):
        m = measures.get("deadlines", {}).get(name, {})
        if m.get("status") == "ok":
            out.append([name, f"{_ms(m['median_ms'])} (p95 {_ms(m['p95_ms'])})", "", "", "—"])
        else:
            out.append([name, "", "", "", _met(measures.get("deadlines", m))])
    return out


def table(result: dict[str, Any]) -> str:
    db = result["database"]
    scale = result["scale"]
    head = (
        f"**{db['vendor']}** ({db['version'].split(' on ')[0]}), {scale['members']:,} members, "
        f"{scale['organisations']:,} organisations, {scale['cells']:,} cells — {result['date']}\n\n"
        "| measure | result | baseline | ratio | target met |\n|---|---|---|---|---|\n"
    )
    return head + "\n".join("| " + " | ".join(row) + " |" for row in rows(result)) + "\n"


def main(paths: list[str]) -> int:
    for path in paths:
        result = json.loads(Path(path).read_text(encoding="utf-8"))
        print(table(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
