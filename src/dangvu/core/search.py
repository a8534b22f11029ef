"""Accent-insensitive substring search served by an index on each database.

Every searchable row stores a folded copy of its text (``core/text.py``) and a
search keeps the rows whose ``search_text`` contains every folded word of the
query. A plain ``LIKE '%word%'`` reads the whole scope, so (decision 0005):

- on PostgreSQL a GIN trigram index (``pg_trgm``, ``gin_trgm_ops``) serves the
  same ``LIKE``; nothing changes in the query;
- on SQLite an FTS5 table with the ``trigram`` tokenizer, kept in step by
  triggers, gives the ids of the rows holding the words of three letters or more;
  a phrase so frequent that the index would return thousands of ids (one
  bounded probe says so) is searched by ``LIKE`` in name order instead, which
  stops as soon as the page is full.

Words shorter than three letters have no trigram: they stay a ``LIKE`` on the
rows the longer words found, or on the scope when the query has no longer word.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from django.db import connections
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.operations.base import Operation
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from dangvu.core.text import fold

TRIGRAM = 3
# SQLite: a phrase matching this many rows is searched by LIKE in name order (``_frequent``).
FREQUENT = 2_000

Q = TypeVar("Q", bound=QuerySet[Any])


def fts_table(table: str) -> str:
    """The name of the SQLite FTS5 table that indexes ``table``."""
    return f"{table}_fts"


def fts_phrase(words: Sequence[str]) -> str:
    """An FTS5 query where every word must appear as a substring (quoted phrases)."""
    return " AND ".join('"{}"'.format(word.replace('"', '""')) for word in words)


def contains_all(queryset: Q, text: str, field: str = "search_text", fts: bool = False) -> Q:
    """Keep the rows whose ``field`` contains every folded word of ``text``.

    With ``fts`` the model's table has an FTS5 trigram index on SQLite
    (``sqlite_trigram_index``); the words of three letters or more go through
    it and the shorter ones stay a ``LIKE`` on what it found.
    """
    words = fold(text).split()
    if fts and words and connections[queryset.db].vendor == "sqlite":
        long_words = [word for word in words if len(word) >= TRIGRAM]
        table = fts_table(queryset.model._meta.db_table)
        if long_words and not _frequent(queryset.db, table, fts_phrase(long_words)):
            queryset = queryset.filter(
                pk__in=RawSQL(
                    f"SELECT rowid FROM {table} WHERE {table} MATCH %s",
                    [fts_phrase(long_words)],
                )
            )
            words = [word for word in words if len(word) < TRIGRAM]
    for word in words:
        queryset = queryset.filter(**{f"{field}__contains": word})
    return queryset


def _frequent(alias: str, table: str, phrase: str) -> bool:
    """Whether at least ``FREQUENT`` rows match ``phrase`` (one probe of the FTS index).

    The rows of a frequent fragment ("nguyen", "thi", "ong") are better found by
    walking the names in order with ``LIKE`` and stopping at the page than by
    fetching every matching id from the index first.
    """
    with connections[alias].cursor() as cursor:
        cursor.execute(
            f"SELECT COUNT(*) FROM (SELECT 1 FROM {table} WHERE {table} MATCH %s LIMIT %s)",
            [phrase, FREQUENT],
        )
        return bool(cursor.fetchone()[0] >= FREQUENT)


def sqlite_trigram_sql(table: str, column: str = "search_text") -> list[str]:
    """The FTS5 table over ``table.column``, its triggers, and its first fill."""
    fts = fts_table(table)
    return [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5("
        f"{column}, content='{table}', content_rowid='id', tokenize='trigram')",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_insert AFTER INSERT ON {table} BEGIN "
        f"INSERT INTO {fts}(rowid, {column}) VALUES (new.id, new.{column}); END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_delete AFTER DELETE ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {column}) VALUES ('delete', old.id, old.{column}); END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_update AFTER UPDATE OF {column} ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {column}) VALUES ('delete', old.id, old.{column}); "
        f"INSERT INTO {fts}(rowid, {column}) VALUES (new.id, new.{column}); END",
        f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",
    ]


def sqlite_trigram_drop_sql(table: str) -> list[str]:
    fts = fts_table(table)
    return [
        f"DROP TRIGGER IF EXISTS {fts}_insert",
        f"DROP TRIGGER IF EXISTS {fts}_delete",
        f"DROP TRIGGER IF EXISTS {fts}_update",
        f"DROP TABLE IF EXISTS {fts}",
    ]


def postgres_trigram_sql(table: str, column: str = "search_text") -> list[str]:
    return [
        "CREATE EXTENSION IF NOT EXISTS pg_trgm",
        f"CREATE INDEX IF NOT EXISTS {table}_{column}_trgm ON {table} "
        f"USING gin ({column} gin_trgm_ops)",
    ]


def postgres_trigram_drop_sql(table: str, column: str = "search_text") -> list[str]:
    return [f"DROP INDEX IF EXISTS {table}_{column}_trgm"]


def trigram_index_sql(vendor: str, table: str, forwards: bool = True) -> list[str]:
    """The statements that create (or drop) the trigram index of ``table`` on ``vendor``."""
    if vendor == "postgresql":
        return postgres_trigram_sql(table) if forwards else postgres_trigram_drop_sql(table)
    if vendor == "sqlite":
        return sqlite_trigram_sql(table) if forwards else sqlite_trigram_drop_sql(table)
    return []


class TrigramSearchIndex(Operation):
    """Migration operation: the trigram index of ``table.search_text`` on each vendor.

    PostgreSQL gets ``pg_trgm`` and a GIN index; SQLite gets the FTS5 table and
    its triggers, filled from the rows already there. It changes no model state.
    Django rebuilds a SQLite table (and drops its triggers) on most column
    changes: a later migration that alters the table runs this operation again
    (``tests/core/test_search.py`` checks the triggers after every migration).
    """

    reduces_to_sql = True
    reversible = True

    def __init__(self, table: str) -> None:
        self.table = table

    def state_forwards(self, app_label: str, state: Any) -> None:
        return None

    def _run(self, schema_editor: BaseDatabaseSchemaEditor, forwards: bool) -> None:
        for statement in trigram_index_sql(schema_editor.connection.vendor, self.table, forwards):
            schema_editor.execute(statement)

    def database_forwards(
        self,
        app_label: str,
        schema_editor: BaseDatabaseSchemaEditor,
        from_state: Any,
        to_state: Any,
    ) -> None:
        self._run(schema_editor, forwards=True)

    def database_backwards(
        self,
        app_label: str,
        schema_editor: BaseDatabaseSchemaEditor,
        from_state: Any,
        to_state: Any,
    ) -> None:
        self._run(schema_editor, forwards=False)

    def describe(self) -> str:
        return f"Trigram search index on {self.table}"
