"""Writing synthetic rows fast: COPY on PostgreSQL, ``executemany`` on SQLite.

Rows are tuples whose first columns are named by the caller; every other
column of the model gets its field default, so a column added later with a
default does not break the load. Primary keys are given by the caller (from
the current maximum), so materialised paths are known before the insert.
This path skips the services and django-simple-history on purpose: it loads
synthetic data for benchmarks, which carry no history rows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.db import connection, models


class TableWriter:
    """The insert statement of one model for rows that start with ``fields``."""

    def __init__(
        self,
        model: type[models.Model],
        fields: Sequence[str],
        constants: dict[str, Any] | None = None,
    ) -> None:
        constants = constants or {}
        meta = model._meta
        by_attname = {f.attname: f for f in meta.concrete_fields}
        self.table = meta.db_table
        named = [by_attname[name] for name in fields]
        rest = [f for f in meta.concrete_fields if f.attname not in fields]
        values = [constants[f.attname] if f.attname in constants else f.get_default() for f in rest]
        for f, value in zip(rest, values, strict=True):
            if not f.null and value is None:
                raise ValueError(f"{self.table}.{f.column} needs a value")
        self.tail = tuple(_plain(value) for value in values)
        self.columns = [f.column for f in named + rest]

    def quoted_columns(self) -> str:
        return ", ".join(connection.ops.quote_name(c) for c in self.columns)

    def write(self, rows: Iterable[tuple[Any, ...]]) -> None:
        tail = self.tail
        quoted = connection.ops.quote_name(self.table)
        if connection.vendor == "postgresql":
            with (
                connection.cursor() as cursor,
                cursor.cursor.copy(f"COPY {quoted} ({self.quoted_columns()}) FROM STDIN") as copy,
            ):
                write_row = copy.write_row
                for row in rows:
                    write_row(row + tail)
        else:
            rows = [row + tail for row in rows]
            if not rows:
                return
            marks = ", ".join("?" * len(self.columns))
            sql = f"INSERT INTO {quoted} ({self.quoted_columns()}) VALUES ({marks})"
            raw = connection.connection.cursor()
            try:
                triggers = _index_triggers(raw, self.table)
                for name, _sql, _target, _column, _source in triggers:
                    raw.execute(f'DROP TRIGGER "{name}"')
                raw.executemany(sql, rows)
                low, high = min(r[0] for r in rows), max(r[0] for r in rows)
                for _name, trigger_sql, target, column, source in triggers:
                    raw.execute(
                        f'INSERT INTO "{target}"(rowid, "{column}") '
                        f'SELECT id, "{source}" FROM {quoted} WHERE id BETWEEN ? AND ?',
                        (low, high),
                    )
                    raw.execute(trigger_sql)
            finally:
                raw.close()


# A full-text index kept by an AFTER INSERT trigger (members' search on SQLite): during a
# batch the trigger is dropped, the batch indexed in one INSERT … SELECT and the trigger
# put back, all in the batch's transaction — the same index for a fraction of the time.
_INDEX_TRIGGER = re.compile(
    r'CREATE TRIGGER "?(\w+)"? AFTER INSERT ON "?(\w+)"? BEGIN '
    r'INSERT INTO "?(\w+)"?\(rowid, "?(\w+)"?\) VALUES \(new\.id, new\.(\w+)\); END',
    re.IGNORECASE,
)


def _index_triggers(raw: Any, table: str) -> list[tuple[str, str, str, str, str]]:
    found = []
    rows = raw.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?", (table,)
    ).fetchall()
    for (sql,) in rows:
        match = _INDEX_TRIGGER.fullmatch(" ".join(sql.split()))
        if match and match.group(2) == table:
            name, _table, target, column, source = match.groups()
            found.append((name, sql, target, column, source))
    return found


def _plain(value: Any) -> Any:
    """Choices enums as their plain ``str`` value (what the database stores)."""
    return str(value) if isinstance(value, str) else value


def max_id(model: type[models.Model]) -> int:
    value = model._default_manager.aggregate(top=models.Max("pk"))["top"]
    return int(value or 0)


def reset_sequences(tables: Iterable[str]) -> None:
    """After explicit ids on PostgreSQL, the next generated id must follow the largest."""
    if connection.vendor != "postgresql":
        return  # SQLite's AUTOINCREMENT follows explicit ids by itself
    with connection.cursor() as cursor:
        for table in tables:
            quoted = connection.ops.quote_name(table)
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence(%s, 'id'), "
                f"COALESCE((SELECT MAX(id) FROM {quoted}), 0) + 1, false)",
                [quoted],
            )


def analyze(tables: Iterable[str]) -> None:
    """Statistics for the planner; on PostgreSQL outside a transaction also VACUUM, so the
    visibility map lets index-only scans skip the heap (the name walk of the search)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            command = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
            for table in tables:
                cursor.execute(f"{command} {connection.ops.quote_name(table)}")
        else:
            cursor.execute("ANALYZE")


def tune_sqlite_for_load() -> None:
    """Faster SQLite writes for the load (outside any transaction, or not at all)."""
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous=OFF")
        cursor.execute("PRAGMA cache_size=-262144")
        cursor.execute("PRAGMA temp_store=MEMORY")


def restore_sqlite_settings() -> None:
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous=NORMAL")


@contextmanager
def indexes_built_after(tables: Sequence[str], enabled: bool) -> Iterator[None]:
    """On PostgreSQL, drop the secondary indexes and constraints of ``tables``, rebuild after.

    Building an index (a trigram GIN above all) once over all rows is far faster than
    updating it row by row, and checking a foreign key or a unique constraint once
    over the table (``ALTER TABLE … ADD CONSTRAINT``) is far faster than a trigger or
    an index probe per row. Primary keys stay. Other sessions see the tables without
    those indexes and constraints while the load runs; the rows are checked when they
    come back, so a bad row still fails the load.
    """
    if not enabled or connection.vendor != "postgresql":
        yield
        return
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid) "
            "FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid "
            "WHERE t.relname = ANY(%s) AND c.contype IN ('f', 'u') "
            "AND t.relnamespace = current_schema()::regnamespace "
            "ORDER BY c.contype DESC, c.conname",
            [list(tables)],
        )
        constraints = cursor.fetchall()
        for table, name, _definition in constraints:
            cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT IF EXISTS {quote(name)}")
        cursor.execute(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i "
            "WHERE i.schemaname = current_schema() AND i.tablename = ANY(%s) "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname) "
            "ORDER BY i.indexname",
            [list(tables)],
        )
        definitions = cursor.fetchall()
        for name, _definition in definitions:
            cursor.execute(f"DROP INDEX IF EXISTS {quote(name)}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            # Deferred foreign-key checks still pending (inside an outer transaction) would
            # forbid CREATE INDEX: run them now.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET maintenance_work_mem = '512MB'")
            for name, definition in definitions:
                quoted = quote(name)
                cursor.execute(
                    definition.replace(f"INDEX {name} ", f"INDEX IF NOT EXISTS {quoted} ", 1)
                )
            # Unique constraints first (a foreign key may reference one), then foreign keys.
            for table, name, definition in constraints:
                cursor.execute(f"ALTER TABLE {table} ADD CONSTRAINT {quote(name)} {definition}")
            cursor.execute("RESET maintenance_work_mem")
