"""Add many members at once: the import's write path (ARCHITECTURE.md, rule 1).

``create_member`` saves a member, its history row, its placement and the
placement's history row one by one (four INSERTs and the model machinery per
member). ``bulk_create_members`` writes the same rows a batch at a time: the
members (with ``search_text`` and ``sort_key`` filled as ``Member.save`` fills
them), their permanent placements and both history rows, the actor recorded as
the author of each. The database hands back the new ids (``RETURNING`` on
PostgreSQL and on SQLite ≥ 3.35). The INSERTs are written here, many rows a
statement, because ``QuerySet.bulk_create`` spends most of an import's time
preparing values one by one; a batch of members costs a handful of statements.

These INSERTs send no ``post_save`` signal, so the maintained statistics
(``reports.tallies``) are told here which cells were written to; they are
recounted once, at the end, in the same transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from datetime import date, datetime
from functools import cache
from typing import Any

from django.db import connection, models
from django.utils import timezone

from dangvu.core.services import raise_if
from dangvu.core.text import fold, name_sort_key
from dangvu.members.choices import PlacementKind
from dangvu.members.models import Member, Placement
from dangvu.members.services import (
    PROFILE_FIELDS,
    check_cell,
    clean_profile,
    status_for,
    validate_member,
)
from dangvu.organizations.models import Organization
from dangvu.reports import tallies

BATCH = 2000  # Members per round of INSERTs.
UNNEST_ROWS = 10_000  # PostgreSQL: rows per INSERT … SELECT FROM unnest(arrays).

NewMember = tuple[dict[str, Any], Organization]
Values = dict[str, Any]  # One row to write: column attribute name -> value.


def bulk_create_members(
    rows: Sequence[NewMember],
    *,
    actor: Any,
    placed_on: date | None = None,
    today: date | None = None,
    checked: bool = False,
) -> list[int]:
    """Add every ``(profile data, cell)`` row as ``create_member`` would; the new ids, in order.

    All or nothing: the rows are written in one transaction. Unless ``checked``
    (the caller ran ``validate_member`` on every row and checked the cells, as
    the import does), every row is checked first, and the first row with a
    problem raises the ``ValidationError`` that ``create_member`` would raise.
    """
    today = today or date.today()
    cleaned = [(_cleaned(data), cell) for data, cell in rows]
    if not checked:
        _check(cleaned, today)
    user_id = actor.pk if getattr(actor, "is_authenticated", False) else None
    now = timezone.now()
    ids: list[int] = []
    # One transaction with the tallies' recount: ``bulk`` INSERTs send no ``post_save``,
    # so the cells written to are handed to the tallies here, recounted once at the end.
    with tallies.deferred():
        tallies.touch({cell.pk for _data, cell in cleaned})
        for start in range(0, len(cleaned), BATCH):
            batch = cleaned[start : start + BATCH]
            members = [_member(data, cell, now) for data, cell in batch]
            _insert(Member, members)
            placements = [
                _placement(member, placed_on or data.get("ceremony_date") or today)
                for member, (data, _cell) in zip(members, batch, strict=True)
            ]
            _insert(Placement, placements)
            _insert_history(Member, members, user_id, now)
            _insert_history(Placement, placements, user_id, now)
            ids.extend(member["id"] for member in members)
    return ids


def _cleaned(data: dict[str, Any]) -> dict[str, Any]:
    data = clean_profile(data)
    unknown = set(data) - set(PROFILE_FIELDS)
    if unknown:
        raise ValueError(f"unknown member fields: {sorted(unknown)}")
    return data


def _check(rows: list[NewMember], today: date) -> None:
    cells_checked: set[int] = set()
    for data, cell in rows:
        errors = validate_member(data, today=today)
        if cell.pk not in cells_checked:
            check_cell(cell, errors)
            cells_checked.add(cell.pk)
        raise_if(errors)


def _member(data: dict[str, Any], cell: Organization, now: datetime) -> Values:
    """The member's row as ``create_member`` saves it (defaults of the model included)."""
    member = {**_defaults(Member), **data}
    member.update(
        cell_id=cell.pk,
        org_path=cell.path,
        status=status_for(data),
        status_date=data.get("official_date") or data.get("ceremony_date"),
        created_at=now,  # ``auto_now_add``
        updated_at=now,  # ``auto_now``
    )
    member["search_text"], member["sort_key"] = derived_fields(
        member["full_name"], member["card_number"], member["profile_number"]
    )
    return member


def derived_fields(full_name: str, card_number: str | None, profile_number: str) -> tuple[str, str]:
    """``search_text`` and ``sort_key`` exactly as ``Member.save`` computes them."""
    search_text = fold(" ".join(filter(None, [full_name, card_number or "", profile_number])))
    return search_text, name_sort_key(full_name)


def _placement(member: Values, start: date) -> Values:
    placement = {**_defaults(Placement)}
    placement.update(
        member_id=member["id"],
        cell_id=member["cell_id"],
        org_path=member["org_path"],
        kind=PlacementKind.PERMANENT.value,
        start_date=start,
    )
    return placement


# Writing rows without the ORM's per-value machinery -------------------------------
#
# ``Model(...)`` and ``QuerySet.bulk_create`` spend some 100 µs a member building
# the instance and preparing every value through its field: most of an import's
# time. The rows here hold values of the column's Python type already, with the
# model's defaults; only dates and datetimes need the backend's adapter.

_DEFAULTS: dict[type[models.Model], Values] = {}


def _fields(model: type[models.Model]) -> list[Any]:
    return [f for f in model._meta.concrete_fields if not f.primary_key]


def _defaults(model: type[models.Model]) -> Values:
    """Every column's default, as ``Model.__init__`` fills it (computed once per model)."""
    if model not in _DEFAULTS:
        _DEFAULTS[model] = {f.attname: f.get_default() for f in _fields(model)}
    return _DEFAULTS[model]


def _adapter(field: Any) -> Callable[[Any], Any] | None:
    if isinstance(field, models.DateTimeField):
        return cache(connection.ops.adapt_datetimefield_value)  # A batch has one "now".
    if isinstance(field, models.DateField):
        return connection.ops.adapt_datefield_value
    return None


def _max_params() -> int:
    """Parameters one statement may carry on this database."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        limit = connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
        return int(min(limit, 32_766))
    return 65_535  # PostgreSQL's protocol limit.


def _execute(model: type[models.Model], fields: list[Any], rows: list[Values]) -> list[Any]:
    """INSERT ``rows``, many a statement; the new ids, in row order.

    PostgreSQL takes one array per column (``SELECT … FROM unnest(…) WITH
    ORDINALITY``, ordered): a few parameters whatever the number of rows, so the
    driver does not parse a statement of thousands of placeholders. SQLite takes
    ``VALUES (…), (…)`` up to its parameter limit. ``RETURNING`` gives the ids in
    the order of the rows, as ``bulk_create`` relies on (PostgreSQL, SQLite ≥ 3.35).
    """
    quote = connection.ops.quote_name
    getters = [(f.attname, _adapter(f)) for f in fields]
    columns = ", ".join(quote(f.column) for f in fields)
    table = quote(model._meta.db_table)
    pk = quote(model._meta.pk.column)
    ids: list[Any] = []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            arrays = ", ".join(f"%s::{_array_type(f)}" for f in fields)
            names = ", ".join(f"c{n}" for n in range(len(fields)))
            for start in range(0, len(rows), UNNEST_ROWS):
                chunk = rows[start : start + UNNEST_ROWS]
                params = [
                    [adapt(row[name]) if adapt else row[name] for row in chunk]
                    for name, adapt in getters
                ]
                cursor.execute(
                    f"INSERT INTO {table} ({columns}) SELECT {names} FROM unnest({arrays}) "
                    f"WITH ORDINALITY AS u({names}, n) ORDER BY n RETURNING {pk}",
                    params,
                )
                ids.extend(found for (found,) in cursor.fetchall())
        else:
            one = "(" + ", ".join(["%s"] * len(fields)) + ")"
            per_statement = max(1, _max_params() // len(fields))
            for start in range(0, len(rows), per_statement):
                chunk = rows[start : start + per_statement]
                params = [
                    adapt(row[name]) if adapt else row[name]
                    for row in chunk
                    for name, adapt in getters
                ]
                sql = f"INSERT INTO {table} ({columns}) VALUES "
                cursor.execute(sql + ", ".join([one] * len(chunk)) + f" RETURNING {pk}", params)
                ids.extend(found for (found,) in cursor.fetchall())
    if len(ids) != len(rows):
        raise RuntimeError("the database did not return one id per inserted row")
    return ids


def _array_type(field: Any) -> str:
    """The PostgreSQL array type of a column (``varchar(120)[]``, ``date[]`` …)."""
    return f"{field.db_type(connection)}[]"


def _insert(model: type[models.Model], rows: list[Values]) -> None:
    """Insert new rows of ``model``; each row gets its ``id``."""
    for row, pk in zip(rows, _execute(model, _fields(model), rows), strict=True):
        row["id"] = pk


def _insert_history(
    model: type[models.Model], rows: list[Values], user_id: Any, when: datetime
) -> None:
    """One "+" history row per new row, by ``user_id``, as ``save`` would record it."""
    history = model.history.model  # type: ignore[attr-defined]
    fixed = {
        "history_date": when,
        "history_change_reason": None,
        "history_type": "+",
        "history_user_id": user_id,
    }
    fields = _fields(history)
    tracked = {f.attname for f in history.tracked_fields}
    unknown = {f.attname for f in fields} - tracked - set(fixed)
    if unknown:
        raise RuntimeError(f"history columns this writer does not fill: {sorted(unknown)}")
    _execute(history, fields, [{**row, **fixed} for row in rows])
