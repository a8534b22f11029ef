"""Maintained tallies: the statistics of today without scanning members.

A ``Tally`` row says how many counted members of an organisation's subtree
have a value in a dimension. Counted members are those an organisation counts
today (``organizations/stats.py``): an active status (probationary, full,
exempt) and an open permanent placement in the subtree; a member is tallied at
that placement's cell and at every ancestor of it.

The rule that keeps the rows true is *recount, then apply the difference*:
``recount_cells`` counts a cell's members again (one query for all the cells
asked), compares with the cell's stored rows (one query) and adds the
difference to the cell and to all its ancestors (one upsert), in the caller's
transaction. Any save of a ``Member`` or ``Placement`` recounts the cells it
touches, so whatever a service changed, the tallies follow, and a rollback
takes them back with it. Bulk work runs inside ``deferred()``: the touched
cells are collected and recounted once at the end. ``rebuild()`` recomputes
every row from scratch with grouped SQL. docs/decisions/0004-maintained-tallies.md.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from typing import Any

from django.db import connection, transaction
from django.db.models import Case, CharField, F, Sum, Value, When
from django.db.models.signals import post_delete, post_init, post_save

from dangvu.core.tree import SEGMENT_WIDTH, SEPARATOR, ancestor_ids
from dangvu.members.choices import ACTIVE_STATUSES, AGE_BAND_LIMITS, PlacementKind
from dangvu.members.models import Member, Placement
from dangvu.members.rules import birth_range_for_age_band
from dangvu.organizations.models import Organization
from dangvu.reports.choices import PARTY_AGE_BAND_LIMITS
from dangvu.reports.models import Tally

# Dimensions whose value is a member field as it is.
PLAIN_DIMENSIONS = (
    "status",
    "gender",
    "ethnicity",
    "religion",
    "qualification",
    "political_theory",
)
# birth_date and admitted_on hold ISO days (bands for any date are sums of days);
# ceremony_year the year of the ceremony (admissions of this year).
DIMENSIONS = (*PLAIN_DIMENSIONS, "birth_date", "admitted_on", "ceremony_year")
MEMBER_FIELDS = (
    *PLAIN_DIMENSIONS,
    "birth_date",
    "admission_decision_date",
    "ceremony_date",
)
SEGMENT = SEGMENT_WIDTH + len(SEPARATOR)
# Rows per INSERT statement (5 parameters each; stays under SQLite's 999).
UPSERT_BATCH = 150
CELL_BATCH = 500

Key = tuple[int, str, str]  # (organization id, dimension, value)

_pending: ContextVar[set[int] | None] = ContextVar("dangvu_tally_pending", default=None)


# ---------------------------------------------------------------------------
# What a member contributes


def member_values(fields: Iterable[Any]) -> list[tuple[str, str]]:
    """(dimension, value) pairs of one counted member, from ``MEMBER_FIELDS`` in order."""
    row = dict(zip(MEMBER_FIELDS, fields, strict=True))
    pairs = [(dim, row[dim]) for dim in PLAIN_DIMENSIONS]
    pairs.append(("birth_date", row["birth_date"].isoformat()))
    admitted = row["admission_decision_date"] or row["ceremony_date"]
    if admitted is not None:
        pairs.append(("admitted_on", admitted.isoformat()))
    if row["ceremony_date"] is not None:
        pairs.append(("ceremony_year", str(row["ceremony_date"].year)))
    return pairs


def _counted_placements() -> Any:
    return Placement.objects.filter(
        kind=PlacementKind.PERMANENT,
        end_date__isnull=True,
        member__status__in=list(ACTIVE_STATUSES),
    )


def _member_columns() -> list[str]:
    return [f"member__{name}" for name in MEMBER_FIELDS]


def recount_all_from_scratch() -> dict[Key, int]:
    """Every tally computed straight from members and placements (for the proof test)."""
    counts: Counter[Key] = Counter()
    rows = _counted_placements().values_list("org_path", *_member_columns())
    for path, *fields in rows:
        pairs = member_values(fields)
        for org_id in ancestor_ids(path):
            for dim, value in pairs:
                counts[(org_id, dim, value)] += 1
    return dict(counts)


def stored() -> dict[Key, int]:
    """Every stored tally, in the shape of ``recount_all_from_scratch``."""
    return {
        (org_id, dim, value): count
        for org_id, dim, value, count in Tally.objects.values_list(
            "organization_id", "dimension", "value", "count"
        )
    }


# ---------------------------------------------------------------------------
# Maintenance


def recount_cells(cell_ids: Iterable[int | None]) -> None:
    """Count the cells' members again and apply the difference up the tree."""
    ids = sorted({pk for pk in cell_ids if pk is not None})
    for start in range(0, len(ids), CELL_BATCH):
        _recount_batch(ids[start : start + CELL_BATCH])


def _recount_batch(ids: list[int]) -> None:
    delta: Counter[Key] = Counter()
    paths: dict[int, str] = {}
    rows = _counted_placements().filter(cell_id__in=ids)
    for cell_id, path, *fields in rows.values_list("cell_id", "org_path", *_member_columns()):
        paths[cell_id] = path
        for dim, value in member_values(fields):
            delta[(cell_id, dim, value)] += 1
    old = Tally.objects.filter(organization_id__in=ids).values_list(
        "organization_id", "org_path", "dimension", "value", "count"
    )
    for org_id, path, dim, value, count in old:
        paths.setdefault(org_id, path)
        delta[(org_id, dim, value)] -= count
    changes: Counter[tuple[int, str, str, str]] = Counter()
    for (cell_id, dim, value), diff in delta.items():
        if diff:
            path = paths[cell_id]
            for depth, org_id in enumerate(ancestor_ids(path), start=1):
                changes[(org_id, path[: depth * SEGMENT], dim, value)] += diff
    _apply(changes)


def _apply(changes: Counter[tuple[int, str, str, str]]) -> None:
    rows = [(*key, diff) for key, diff in changes.items() if diff]
    if not rows:
        return
    table = connection.ops.quote_name(Tally._meta.db_table)
    upsert = (
        "ON CONFLICT (organization_id, dimension, value) "
        f"DO UPDATE SET count = {table}.count + excluded.count"
    )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # One array per column: five parameters whatever the number of rows.
            columns = [list(column) for column in zip(*rows, strict=True)]
            cursor.execute(
                f"INSERT INTO {table} (organization_id, org_path, dimension, value, count) "
                "SELECT * FROM unnest(%s::bigint[], %s::varchar[], %s::varchar[], "
                f"%s::varchar[], %s::integer[]) {upsert}",
                columns,
            )
        batches = range(0, len(rows), UPSERT_BATCH) if connection.vendor != "postgresql" else ()
        for start in batches:
            batch = rows[start : start + UPSERT_BATCH]
            placeholders = ", ".join(["(%s, %s, %s, %s, %s)"] * len(batch))
            cursor.execute(
                f"INSERT INTO {table} (organization_id, org_path, dimension, value, count) "
                f"VALUES {placeholders} {upsert}",
                [part for row in batch for part in row],
            )
    if any(diff < 0 for *_, diff in rows):
        touched = sorted({row[0] for row in rows})
        Tally.objects.filter(organization_id__in=touched, count=0).delete()


def touch(cell_ids: Iterable[int | None]) -> None:
    """Mark cells as changed: recounted now, or at the end of ``deferred()``.

    Writers that bypass ``save()`` (``bulk_create``, ``QuerySet.update``) call
    this with the cells they wrote to.
    """
    pending = _pending.get()
    if pending is None:
        recount_cells(cell_ids)
    else:
        pending.update(pk for pk in cell_ids if pk is not None)


@contextmanager
def deferred() -> Iterator[set[int]]:
    """Collect the cells touched in the block and recount them once, at its end.

    The block runs in one transaction with the recount, so the tallies commit
    (or roll back) with the data. Nested blocks join the outer one.
    """
    if _pending.get() is not None:
        yield _pending.get() or set()
        return
    pending: set[int] = set()
    token = _pending.set(pending)
    try:
        with transaction.atomic():
            yield pending
            _pending.set(None)
            recount_cells(pending)
    finally:
        _pending.reset(token)


def _date_text(column: str) -> str:
    if connection.vendor == "postgresql":
        return f"to_char({column}, 'YYYY-MM-DD')"
    return column


def _year_text(column: str) -> str:
    if connection.vendor == "postgresql":
        return f"to_char({column}, 'YYYY')"
    return f"substr({column}, 1, 4)"


@transaction.atomic
def rebuild() -> None:
    """Recompute every tally from scratch in grouped SQL (cells, then each depth bottom up)."""
    quote = connection.ops.quote_name
    tally = quote(Tally._meta.db_table)
    member = quote(Member._meta.db_table)
    placement = quote(Placement._meta.db_table)
    org = quote(Organization._meta.db_table)
    values = {dim: f"c.{dim}" for dim in PLAIN_DIMENSIONS}
    values["birth_date"] = _date_text("c.birth_date")
    values["admitted_on"] = _date_text("COALESCE(c.admission_decision_date, c.ceremony_date)")
    values["ceremony_year"] = _year_text("c.ceremony_date")
    case = " ".join(f"WHEN '{dim}' THEN {expr}" for dim, expr in values.items())
    dims = " UNION ALL ".join(f"SELECT '{dim}' AS dimension" for dim in DIMENSIONS)
    fields = ", ".join(f"m.{name}" for name in MEMBER_FIELDS)
    statuses = ", ".join(f"'{status}'" for status in sorted(ACTIVE_STATUSES))
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"TRUNCATE {tally}")
        else:
            cursor.execute(f"DELETE FROM {tally}")
        cursor.execute(
            f"INSERT INTO {tally} (organization_id, org_path, dimension, value, count) "
            f"SELECT x.cell_id, x.org_path, x.dimension, x.value, COUNT(*) FROM ("
            f" SELECT c.cell_id, c.org_path, d.dimension, CASE d.dimension {case} END AS value"
            f" FROM (SELECT p.cell_id, p.org_path, {fields} FROM {placement} p"
            f"  JOIN {member} m ON m.id = p.member_id"
            f"  WHERE p.kind = %s AND p.end_date IS NULL AND m.status IN ({statuses})) c"
            f" CROSS JOIN ({dims}) d) x "
            f"WHERE x.value IS NOT NULL GROUP BY x.cell_id, x.org_path, x.dimension, x.value",
            [PlacementKind.PERMANENT.value],
        )
        cursor.execute(f"SELECT MAX(LENGTH(path)) FROM {org}")
        longest = cursor.fetchone()[0] or 0
        # Bottom up: the rows of each organisation are the sums of its children's rows,
        # which are complete when their depth is done (a cell's own rows from above), so
        # every pass reads one level only instead of every cell's rows again.
        for depth in range(longest // SEGMENT - 1, 0, -1):
            length = depth * SEGMENT
            cursor.execute(
                f"INSERT INTO {tally} (organization_id, org_path, dimension, value, count) "
                f"SELECT o.id, o.path, t.dimension, t.value, SUM(t.count) FROM {tally} t"
                f" JOIN {org} o ON o.path = SUBSTR(t.org_path, 1, %s)"
                f" WHERE LENGTH(t.org_path) = %s"
                f" GROUP BY o.id, o.path, t.dimension, t.value "
                f"ON CONFLICT (organization_id, dimension, value) "
                f"DO UPDATE SET count = {tally}.count + excluded.count",
                [length, length + SEGMENT],
            )


# ---------------------------------------------------------------------------
# Signals: any save of a member or a placement recounts its cells


def _remember_cell(sender: Any, instance: Member, **kwargs: Any) -> None:
    instance._tally_cell_id = instance.__dict__.get("cell_id")  # type: ignore[attr-defined]


def _member_saved(sender: Any, instance: Member, raw: bool = False, **kwargs: Any) -> None:
    if raw:
        return
    touch([getattr(instance, "_tally_cell_id", None), instance.cell_id])
    instance._tally_cell_id = instance.cell_id  # type: ignore[attr-defined]


def _placement_saved(sender: Any, instance: Placement, raw: bool = False, **kwargs: Any) -> None:
    if raw:
        return
    touch([instance.cell_id])


def connect_signals() -> None:
    uid = "dangvu.reports.tallies"
    post_init.connect(_remember_cell, sender=Member, dispatch_uid=f"{uid}.member_init")
    post_save.connect(_member_saved, sender=Member, dispatch_uid=f"{uid}.member")
    post_delete.connect(_member_saved, sender=Member, dispatch_uid=f"{uid}.member_delete")
    post_save.connect(_placement_saved, sender=Placement, dispatch_uid=f"{uid}.placement")
    post_delete.connect(_placement_saved, sender=Placement, dispatch_uid=f"{uid}.placement_del")


# ---------------------------------------------------------------------------
# Reading: the statistics of today from one organisation's rows


def _band_whens(dimension: str, limits: dict[str, tuple[int, int]], day: date) -> list[When]:
    whens = []
    for band, (low, high) in limits.items():
        earliest, latest = birth_range_for_age_band(day, low, high)
        whens.append(
            When(
                dimension=dimension,
                value__gte=earliest.isoformat(),
                value__lte=latest.isoformat(),
                then=Value(str(band)),
            )
        )
    return whens


def subtree_counts(root: Organization, today: date) -> dict[str, dict[str, int]]:
    """``root``'s tallies by dimension, days summed into bands for ``today``: one query.

    ``birth_date`` gives the age bands (``""`` for a birth date in none),
    ``admitted_on`` the party-age bands and ``ceremony_year`` the key
    ``"in_year"`` for this year's ceremonies.
    """
    key = Case(
        *_band_whens("birth_date", dict(AGE_BAND_LIMITS), today),
        When(dimension="birth_date", then=Value("")),
        *_band_whens("admitted_on", PARTY_AGE_BAND_LIMITS, today),
        When(dimension="ceremony_year", value=str(today.year), then=Value("in_year")),
        When(dimension__in=PLAIN_DIMENSIONS, then=F("value")),
        default=Value(None),
        output_field=CharField(),
    )
    rows = (
        Tally.objects.filter(organization_id=root.pk)
        .annotate(key=key)
        .filter(key__isnull=False)
        .values("dimension", "key")
        .annotate(n=Sum("count"))
        .order_by()
    )
    result: dict[str, dict[str, int]] = {dim: {} for dim in DIMENSIONS}
    for row in rows:
        result[row["dimension"]][row["key"]] = row["n"]
    return result
