"""The measures, each against its baseline, run in-process on the bench database.

Every function returns a JSON-ready dict with ``status`` "ok", or "missing" and
the ``reason`` when the piece it measures is not in the code base.
"""

from __future__ import annotations

import csv
import functools
import importlib
import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from bench.stats_util import percentile, repeat, summary, target, timed

ACTIVE = ("probationary", "full", "exempt")
# Age bands and party-age bands of the SQL and DuckDB anchors (years, upper bound open).
AGE_EDGES = (30, 40, 50, 60, 70)
PARTY_AGE_EDGES = (10, 20, 30, 40, 50)
EXPORT_COLUMNS = (
    "org_path",
    "status",
    "gender",
    "birth_date",
    "ethnicity",
    "religion",
    "qualification",
    "ceremony_date",
)


def missing(reason: str, **extra: Any) -> dict[str, Any]:
    return {"status": "missing", "reason": reason, **extra}


def member_table() -> str:
    from dangvu.members.models import Member

    return Member._meta.db_table


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _band_case(column: str, edges: tuple[int, ...], day: date) -> tuple[str, list[date]]:
    """``CASE`` giving a band label from a date column; edges in years before ``day``."""
    parts, params = [], []
    for edge in edges:
        parts.append(f"WHEN {column} > ? THEN '<{edge}'")
        params.append(_years_before(day, edge))
    return f"CASE WHEN {column} IS NULL THEN 'none' {' '.join(parts)} ELSE '{edges[-1]}+' END", (
        params
    )


def anchor_queries(table: str, day: date) -> list[tuple[str, list[Any]]]:
    """The hand-written counts: one GROUP BY per dimension over the subtree's active members.

    ``?`` placeholders; the subtree bounds come first in every query's parameters.
    """
    where = f"org_path >= ? AND org_path < ? AND status IN ({', '.join('?' * len(ACTIVE))})"
    queries: list[tuple[str, list[Any]]] = []
    for column in ("status", "gender", "ethnicity", "religion", "qualification"):
        queries.append(
            (f"SELECT {column}, COUNT(*) FROM {table} WHERE {where} GROUP BY {column}", [])
        )
    for column, edges in (("birth_date", AGE_EDGES), ("ceremony_date", PARTY_AGE_EDGES)):
        case, params = _band_case(column, edges, day)
        queries.append(
            (f"SELECT {case} AS band, COUNT(*) FROM {table} WHERE {where} GROUP BY band", params)
        )
    return queries


def _bounds(path: str) -> tuple[str, str]:
    from dangvu.core.tree import subtree_bounds

    return subtree_bounds(path)


def sql_anchor(path: str, day: date) -> tuple[int, list[Any]]:
    """Run the anchor queries on the Django connection: (members total, all rows)."""
    from django.db import connection

    low, high = _bounds(path)
    rows: list[Any] = []
    total = 0
    with connection.cursor() as cursor:
        for index, (sql, params) in enumerate(anchor_queries(member_table(), day)):
            # Band parameters come first in the text (the CASE), then the bounds.
            cursor.execute(sql.replace("?", "%s"), [*params, low, high, *ACTIVE])
            result = cursor.fetchall()
            rows.extend(result)
            if index == 0:
                total = sum(int(n) for _, n in result)
    return total, rows


def export_parquet(out: Path) -> dict[str, Any]:
    """Every member's anchor columns into one Parquet file (streamed in batches)."""
    import pyarrow as pa
    import pyarrow.parquet as pq
    from django.db import connection

    schema = pa.schema(
        [
            ("org_path", pa.string()),
            ("status", pa.string()),
            ("gender", pa.string()),
            ("birth_date", pa.date32()),
            ("ethnicity", pa.string()),
            ("religion", pa.string()),
            ("qualification", pa.string()),
            ("ceremony_date", pa.date32()),
        ]
    )

    def as_date(value: Any) -> Any:
        return date.fromisoformat(value[:10]) if isinstance(value, str) else value

    rows = 0
    elapsed, _ = timed(lambda: None)
    with pq.ParquetWriter(out, schema) as writer, connection.cursor() as cursor:

        def run() -> int:
            count = 0
            cursor.execute(f"SELECT {', '.join(EXPORT_COLUMNS)} FROM {member_table()}")
            while batch := cursor.fetchmany(100_000):
                columns = list(zip(*batch, strict=True))
                arrays = [
                    pa.array([as_date(v) for v in col] if i in (3, 7) else col, type=f.type)
                    for i, (col, f) in enumerate(zip(columns, schema, strict=True))
                ]
                writer.write_table(pa.Table.from_arrays(arrays, schema=schema))
                count += len(batch)
            return count

        elapsed, rows = timed(run)
    return {"rows": rows, "seconds": round(elapsed / 1000, 2), "columns": list(EXPORT_COLUMNS)}


def duckdb_anchor(con: Any, path: str, day: date) -> tuple[int, list[Any]]:
    low, high = _bounds(path)
    rows: list[Any] = []
    total = 0
    for index, (sql, params) in enumerate(anchor_queries("members", day)):
        result = con.execute(sql, [*params, low, high, *ACTIVE]).fetchall()
        rows.extend(result)
        if index == 0:
            total = sum(int(n) for _, n in result)
    return total, rows


STATS_TARGETS_MS = {"national": 1000.0, "province": 100.0, "commune": 20.0}


def stats_measures(roots: dict[str, Any], parquet: Path, repeats: int, day: date) -> dict[str, Any]:
    import duckdb

    from dangvu.organizations.stats import organization_stats

    con = duckdb.connect()
    con.execute(f"CREATE VIEW members AS SELECT * FROM read_parquet('{parquet}')")
    out: dict[str, Any] = {}
    for level, spec in roots.items():
        if spec is None:
            out[level] = missing(f"no {level} organisation in the generated data")
            continue
        orgs = spec["orgs"]

        def run_stats(orgs: list[Any] = orgs) -> int:
            return sum(int(organization_stats(org, day)["members"]) for org in orgs)

        def run_sql(orgs: list[Any] = orgs) -> int:
            return sum(sql_anchor(org.path, day)[0] for org in orgs)

        def run_duck(orgs: list[Any] = orgs) -> int:
            return sum(duckdb_anchor(con, org.path, day)[0] for org in orgs)

        stats, stats_total = repeat(run_stats, repeats)
        sql, sql_total = repeat(run_sql, repeats)
        duck, duck_total = repeat(run_duck, repeats)
        limit = STATS_TARGETS_MS[level]
        result: dict[str, Any] = {
            "status": "ok",
            "organisation": spec["label"],
            **stats,
            "target": target(stats["median_ms"], limit),
            "baselines": {"sql_group_by": sql, "duckdb_parquet": duck},
            "ratios": {
                "stats_over_duckdb": round(stats["median_ms"] / duck["median_ms"], 3),
                "stats_over_sql": round(stats["median_ms"] / sql["median_ms"], 3),
            },
            "members_total": {
                "stats": stats_total,
                "sql_group_by": sql_total,
                "duckdb_parquet": duck_total,
                "agree": stats_total == sql_total == duck_total,
            },
        }
        if level == "national":
            result["target_ratio_to_duckdb"] = target(
                result["ratios"]["stats_over_duckdb"], 1.0, unit="ratio"
            )
            result["met"] = result["target"]["met"] and result["target_ratio_to_duckdb"]["met"]
        else:
            result["met"] = result["target"]["met"]
        out[level] = result
    con.close()
    return out


def search_terms(province: Any, count: int) -> dict[str, list[str]]:
    """Prefixes and inner substrings of real names in the province (deterministic)."""
    from dangvu.core.text import fold
    from dangvu.members.models import Member

    names = list(
        Member.objects.filter(org_path__startswith=province.path)
        .order_by("id")
        .values_list("full_name", flat=True)[: count * 50 : 50]
    )
    prefixes, substrings = [], []
    for name in names:
        words = fold(name).split()
        given = words[-1]
        prefixes.append(" ".join([*words[:-1], given[: max(2, len(given) // 2)]]))
        substrings.append(given[1:4] if len(given) >= 4 else given)
    return {"prefix": prefixes, "substring": substrings}


def search_measures(user: Any, province: Any, repeats: int) -> dict[str, Any]:
    from django.db import connection

    from dangvu.core.scope import subtree_q
    from dangvu.core.text import fold
    from dangvu.members.models import Member

    terms = search_terms(province, 20)
    if not terms["prefix"]:
        return missing("no members in the province to search for")
    low, high = _bounds(province.path)
    out: dict[str, Any] = {}
    for kind, words in terms.items():

        def app(term: str) -> list[Any]:
            query: Any = Member.objects.visible_to(user).filter(
                subtree_q("org_path", province.path)
            )
            return list(query.search(term).name_ordered().values_list("id", flat=True)[:50])

        def raw(term: str) -> list[Any]:
            clauses = " AND ".join("search_text LIKE %s" for _ in fold(term).split())
            sql = (
                f"SELECT id FROM {member_table()} WHERE org_path >= %s AND org_path < %s "
                f"AND {clauses} ORDER BY sort_key, birth_date, id LIMIT 50"
            )
            params = [low, high, *(f"%{w}%" for w in fold(term).split())]
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                return cursor.fetchall()

        samples: dict[str, list[float]] = {"app": [], "raw": []}
        for name, function in (("app", app), ("raw", raw)):
            function(words[0])
            for _ in range(repeats):
                for term in words:
                    samples[name].append(timed(functools.partial(function, term))[0])
        result = summary(samples["app"])
        raw_summary = summary(samples["raw"])
        out[kind] = {
            "status": "ok",
            "terms": words[:5],
            "queries": len(samples["app"]),
            **result,
            "p99_ms": percentile(samples["app"], 99),
            "target": target(result["p95_ms"], 50.0),
            "met": result["p95_ms"] <= 50.0,
            "baselines": {"raw_sql_like": raw_summary},
            "ratios": {"search_over_like_p95": round(result["p95_ms"] / raw_summary["p95_ms"], 3)},
        }
    return out


def deadline_measures(user: Any, province: Any, repeats: int, day: date) -> dict[str, Any]:
    from dangvu.core.deadlines import collect
    from dangvu.members.badges import due_badges

    inbox, items = repeat(lambda: collect(user, province, day, day + timedelta(days=60)), repeats)
    badges, due = repeat(lambda: due_badges(user, province, day), repeats)
    note = "no target set by the issue; reported for the record"
    return {
        "deadline_inbox": {
            "status": "ok",
            **inbox,
            "items": len(items),
            "target": None,
            "met": None,
            "note": note,
        },
        "badges_due": {
            "status": "ok",
            **badges,
            "members_due": len(due),
            "target": None,
            "met": None,
            "note": note,
        },
    }


# Import ---------------------------------------------------------------------------


def write_import_file(path: Path, cells: list[Any], rows: int, seed: int) -> list[dict[str, Any]]:
    """A CSV in the template's columns: new members spread over ``cells`` (reproducible)."""
    from dangvu.members.columns import CELL_CODE, columns
    from dangvu.members.rules import make_national_id

    rng = random.Random(seed)
    family = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng"]
    middle = {"male": ["Văn", "Hữu", "Đức", "Minh", "Quang"], "female": ["Thị", "Thu", "Ngọc"]}
    given = [
        "An",
        "Bình",
        "Chi",
        "Dũng",
        "Giang",
        "Hà",
        "Hải",
        "Hương",
        "Khánh",
        "Lan",
        "Long",
        "Mai",
        "Nam",
        "Phúc",
        "Quân",
        "Sơn",
        "Tâm",
        "Thảo",
    ]
    headers = {column.field: column.header for column in columns()}
    fields = ["full_name", "gender", "birth_date", "ethnicity", "religion", "national_id",
              "qualification", "ceremony_date", "official_date", CELL_CODE]  # fmt: skip
    records: list[dict[str, Any]] = []
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([headers[f] for f in fields])
        for index in range(rows):
            # Four-word names, each (name, birth date) pair unique in the file: the import
            # refuses a second member with the same name and birth date.
            gender = "male" if index % 2 else "female"
            name_index, day_index = divmod(index, 14_000)
            birth = date(1950, 1, 1) + timedelta(days=day_index)
            ceremony = birth.replace(day=1) + timedelta(days=365 * rng.randrange(20, 34))
            official = ceremony + timedelta(days=366)
            cell = cells[index % len(cells)]
            record = {
                "full_name": " ".join(
                    [
                        family[name_index % len(family)],
                        middle[gender][(index // 2) % len(middle[gender])],
                        given[(index // 7) % len(given)],
                        given[name_index % len(given)],
                    ]
                ),
                "gender": gender,
                "birth_date": birth,
                "ethnicity": "Kinh",
                "religion": "Không",
                "national_id": make_national_id(99, gender, birth, 500_000 + index),
                "qualification": "",
                "ceremony_date": ceremony,
                "official_date": official,
                "cell": cell,
            }
            records.append(record)
            writer.writerow(
                [
                    record["full_name"],
                    "Nam" if gender == "male" else "Nữ",
                    birth.strftime("%d/%m/%Y"),
                    "Kinh",
                    "Không",
                    record["national_id"],
                    "",
                    ceremony.strftime("%d/%m/%Y"),
                    official.strftime("%d/%m/%Y"),
                    cell.code,
                ]
            )
    return records


def raw_insert_statement(records: list[dict[str, Any]]) -> tuple[str, list[list[Any]]]:
    """The load anchor's INSERT and its rows (prepared before the clock starts)."""
    from django.db import connection
    from django.utils import timezone

    from dangvu.core.text import fold, name_sort_key
    from dangvu.members.models import Member

    now = timezone.now()
    fields = [f for f in Member._meta.concrete_fields if not f.primary_key]
    computed = {
        "search_text": lambda r: fold(r["full_name"]),
        "sort_key": lambda r: name_sort_key(r["full_name"]),
        "org_path": lambda r: r["cell"].path,
        "cell_id": lambda r: r["cell"].pk,
        "created_at": lambda r: now,
        "updated_at": lambda r: now,
        "status": lambda r: "full",
    }
    values = []
    for record in records:
        row = []
        for field in fields:
            if field.attname in computed:
                row.append(computed[field.attname](record))
            elif field.attname in record and record[field.attname] != "":
                row.append(record[field.attname])
            else:
                row.append(field.get_default())
        values.append([f.get_db_prep_save(v, connection) for f, v in zip(fields, row, strict=True)])
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    return f"INSERT INTO {member_table()} ({columns}) VALUES ({marks})", values


def raw_insert(sql: str, values: list[list[Any]]) -> None:
    """The load anchor: the same rows into the member table, no validation, one executemany."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.executemany(sql, values)


def import_measure(user: Any, province: Any, rows: int, work: Path, seed: int) -> dict[str, Any]:
    from django.db import transaction

    from dangvu.members.importing import import_members
    from dangvu.organizations.models import Organization

    cells = list(Organization.objects.subtree(province).cells().order_by("path")[:2000])
    if not cells:
        return missing("no cells in the province to import into")
    path = work / f"import-{rows}.csv"
    records = write_import_file(path, cells, rows, seed)

    class Rollback(Exception):
        pass

    def rolled_back(function: Any) -> tuple[float, Any]:
        outcome: list[Any] = []
        try:
            with transaction.atomic():
                outcome.append(timed(function))
                raise Rollback
        except Rollback:
            pass
        return outcome[0]

    sql, values = raw_insert_statement(records)
    raw_ms, _ = rolled_back(lambda: raw_insert(sql, values))

    def run_import() -> Any:
        with path.open("rb") as handle:
            return import_members(handle, path.name, actor=user, dry_run=False)

    import_ms, result = rolled_back(run_import)
    errors = [f"{e.row}: {e.column}: {e.message}" for e in result.errors[:5]]
    if result.errors:
        return {"status": "error", "reason": "the import file was refused", "errors": errors}
    rate = rows / (import_ms / 1000)
    raw_rate = rows / (raw_ms / 1000)
    ratio = import_ms / raw_ms
    rate_target = target(rate, 5000.0, at_most=False, unit="rows/s")
    ratio_target = target(ratio, 5.0, unit="ratio")
    return {
        "status": "ok",
        "rows": rows,
        "seconds": round(import_ms / 1000, 2),
        "rows_per_s": round(rate, 1),
        "repeats": 1,
        "validation": "full (import_members, dry_run=False, in a transaction rolled back after)",
        "target": rate_target,
        "target_ratio_to_raw": ratio_target,
        "met": rate_target["met"] and ratio_target["met"],
        "baselines": {
            "raw_insert": {
                "seconds": round(raw_ms / 1000, 2),
                "rows_per_s": round(raw_rate, 1),
                "how": "executemany INSERT of the member rows only, no validation",
            }
        },
        "ratios": {"import_over_raw_insert": round(ratio, 2)},
    }


def module_exists(name: str) -> bool:
    try:
        importlib.import_module(name)
    except ModuleNotFoundError:
        return False
    return True
