"""Import members from an .xlsx or .csv file: every row checked, then all written or none.

The file's first non-blank row holds the headers (``columns.py``); each later
row is a member. A row whose national ID (or, failing that, card number, or
with neither, name and birth date) matches a member the actor may edit updates
that member, changing only the fields that differ; any other row adds a member
to the cell named by its code. Row numbers are the ones Excel shows.

The checks run on the whole file before anything is written, and the lookups
they need (cells by code, members by ID, by card, by name and birth date) are
made in bulk, a few queries per 500 rows, so the checks of a large file take
seconds, not one query per row. The new members are then written in batches
by ``bulk.bulk_create_members`` and the updates one by one by ``update_member``
(rule 1 of ARCHITECTURE.md), inside one transaction that is rolled back if any
of them fails. A dry run stops after the checks and opens no transaction.
"""

from __future__ import annotations

from collections.abc import Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dangvu.core import scope, spreadsheets
from dangvu.core.text import fold, name_sort_key
from dangvu.members.bulk import bulk_create_members
from dangvu.members.columns import (
    CELL_CODE,
    CellError,
    Column,
    columns,
    is_blank,
    match_headers,
)
from dangvu.members.duplicates import log_refusals
from dangvu.members.models import Member
from dangvu.members.services import update_member, validate_member
from dangvu.organizations.models import Organization
from dangvu.reports import tallies

DEFAULT_MAX_ROWS = 200_000
MAX_ERRORS = 1000  # Cell errors listed before the reading stops (the page shows 500).
CHUNK = 500  # values per IN (...) query: well under every database's parameter limit.
CREATE, UPDATE, UNCHANGED = "create", "update", "unchanged"


@dataclass(frozen=True)
class RowError:
    """One problem: the row as Excel numbers it (headers are row 1), the column, the reason."""

    row: int
    column: str
    message: str


@dataclass(frozen=True)
class RowOutcome:
    """What the import does (or, in a dry run, would do) with one row."""

    row: int
    action: str
    full_name: str
    changed: tuple[str, ...] = ()


@dataclass
class ImportResult:
    dry_run: bool
    errors: list[RowError] = field(default_factory=list)
    outcomes: list[RowOutcome] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def _count(self, action: str) -> int:
        return sum(1 for outcome in self.outcomes if outcome.action == action)

    @property
    def created(self) -> int:
        return self._count(CREATE)

    @property
    def updated(self) -> int:
        return self._count(UPDATE)

    @property
    def unchanged(self) -> int:
        return self._count(UNCHANGED)


class FileProblem(Exception):
    """The file as a whole cannot be read; ``errors`` say why."""

    def __init__(self, *errors: RowError) -> None:
        super().__init__(errors[0].message if errors else "")
        self.errors = list(errors)


def _file_error(message: str) -> FileProblem:
    return FileProblem(RowError(0, "", message))


def import_members(
    file_obj: IO[bytes], filename: str, *, actor: Any, dry_run: bool
) -> ImportResult:
    """Check every row of the file and, unless ``dry_run`` or any error, write them all."""
    result = ImportResult(dry_run=dry_run)
    table = _read_table(file_obj, filename)
    try:
        rows = _parsed_rows(table, result)
    except FileProblem as problem:
        result.errors = problem.errors
        return result
    finally:
        table.close()  # Releases the workbook of a read-only .xlsx.
    if dry_run:
        _plan(rows, actor, result)
        _log_refused(actor, rows, result)
        return result
    # The checks run inside the writing transaction, so on SQLite (whose transactions
    # take the write lock first) no other write can slip in between check and write.
    with transaction.atomic():
        plans = _plan(rows, actor, result)
        if not result.errors:
            result.errors = _write(plans, actor)
        if result.errors:
            transaction.set_rollback(True)
    _log_refused(actor, rows, result)
    return result


def _log_refused(actor: Any, rows: list[_Row], result: ImportResult) -> None:
    """A number refused as held outside the actor's scope goes to the access log.

    After the transaction, which a refused file rolls back (members/duplicates.py).
    """
    taken = {
        _("Số CCCD này đã có trong danh sách đảng viên."): "national_id",
        _("Số thẻ đảng viên này đã có."): "card_number",
    }
    values = {row.number: row.values for row in rows}
    for error in result.errors:
        field_name = taken.get(error.message)
        if field_name and error.row in values:
            log_refusals(actor, values[error.row], [field_name])


def _plan(rows: list[_Row], actor: Any, result: ImportResult) -> list[_Plan]:
    plans = _Planner(actor, timezone.localdate()).plan(rows, result)
    result.outcomes = [plan.outcome for plan in plans]
    return plans


# Reading the file ---------------------------------------------------------------


def _max_rows() -> int:
    return int(getattr(settings, "DANGVU_IMPORT_MAX_ROWS", DEFAULT_MAX_ROWS))


def _read_table(file_obj: IO[bytes], filename: str) -> Generator[tuple[int, Sequence[Any]]]:
    """Rows of the file's first sheet as ``(row number, values)``, through the checked reader.

    A generator: a file that cannot be read, or is refused by the limits
    (``core.spreadsheets``), raises ``FileProblem`` on the first row asked.
    """
    try:
        yield from spreadsheets.read_table(file_obj, filename)
    except spreadsheets.Refused as refused:
        raise FileProblem(RowError(refused.row, "", str(refused))) from refused


@dataclass
class _Row:
    number: int
    values: dict[str, Any]
    bad_fields: set[str]


def _parsed_rows(table: Iterator[tuple[int, Sequence[Any]]], result: ImportResult) -> list[_Row]:
    """Match the header row, then read each data row's cells into field values."""
    header_number, headers = _header_row(table)
    header_map = match_headers(headers)
    if header_map.problems:
        raise FileProblem(*(RowError(header_number, h, why) for h, why in header_map.problems))
    rows: list[_Row] = []
    limit = _max_rows()
    for number, values in table:
        if all(is_blank(value) for value in values):
            continue
        if len(rows) >= limit:
            raise _file_error(
                _("Tệp có quá %(max)s dòng dữ liệu; hãy chia thành nhiều tệp.") % {"max": limit}
            )
        rows.append(_parse_row(number, values, header_map.positions, result))
        if len(result.errors) >= MAX_ERRORS:
            # A file wrong in every cell (formulas, dates) would otherwise hold millions of
            # messages in memory; the first ones are enough to correct the file.
            raise FileProblem(*result.errors[:MAX_ERRORS], _too_many_errors())
    if not rows:
        raise _file_error(_("Tệp chỉ có dòng tiêu đề, không có dòng dữ liệu nào."))
    return rows


def _header_row(table: Iterator[tuple[int, Sequence[Any]]]) -> tuple[int, Sequence[Any]]:
    for number, values in table:
        if not all(is_blank(value) for value in values):
            return number, values
    raise _file_error(_("Tệp trống, không có dữ liệu."))


def _parse_row(
    number: int, values: Sequence[Any], positions: dict[int, Column], result: ImportResult
) -> _Row:
    row = _Row(number, {}, set())
    width = len(values)
    for index, column in positions.items():
        value = values[index] if index < width else None
        if value is None or (type(value) is str and (not value or value.isspace())):
            continue  # ``is_blank``, inlined: it runs for every cell of the file.
        if type(value) is spreadsheets.Formula:
            # Read as the value Excel last showed, a formula would import a number nobody
            # typed (and, not recalculated, often nothing): it is refused as what it is.
            row.bad_fields.add(column.field)
            result.errors.append(RowError(number, column.header, _formula_message(value)))
            continue
        try:
            row.values[column.field] = column.read(value)
        except CellError as exc:
            row.bad_fields.add(column.field)
            result.errors.append(RowError(number, column.header, str(exc)))
    return row


def _too_many_errors() -> RowError:
    message = _(
        "Tệp có quá nhiều lỗi; việc đọc dừng sau %(count)s lỗi đầu tiên. Hãy sửa các lỗi này "
        "rồi nhập lại."
    ) % {"count": f"{MAX_ERRORS:,}".replace(",", ".")}
    return RowError(0, "", message)


def _formula_message(formula: str) -> str:
    shown = formula if len(formula) <= 40 else formula[:39] + "…"
    return _(
        "Ô chứa công thức “%(formula)s”, không phải giá trị; hãy thay công thức bằng giá trị "
        "(Sao chép, rồi Dán đặc biệt → Giá trị) rồi nhập lại."
    ) % {"formula": shown}


# Checking the rows ---------------------------------------------------------------


@dataclass
class _Plan:
    row: int
    action: str
    data: dict[str, Any]
    full_name: str
    cell: Organization | None = None
    member: Member | None = None
    changed: tuple[str, ...] = ()

    @property
    def outcome(self) -> RowOutcome:
        return RowOutcome(self.row, self.action, self.full_name, self.changed)


def _chunks(values: Iterable[Any]) -> Iterator[list[Any]]:
    items = list(values)
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


# A file repeats the same names many times: fold each distinct name once.
_fold = lru_cache(maxsize=65536)(fold)
_sort_key = lru_cache(maxsize=65536)(name_sort_key)


def _person_key(name: str, birth: Any) -> tuple[str, Any]:
    return _sort_key(name), birth


class _Planner:
    """Decides, for every row, create / update / unchanged, collecting every error."""

    def __init__(self, actor: Any, today: date) -> None:
        self.actor = actor
        self.today = today
        self.headers = {column.field: column.header for column in columns()}
        self.errors: list[RowError] = []
        self.in_file_messages = {  # Translated once, not once per row.
            "nid": _("Số CCCD trùng với dòng %(row)s của tệp."),
            "card": _("Số thẻ đảng viên trùng với dòng %(row)s của tệp."),
            "member": _("Dòng này và dòng %(row)s cùng cập nhật một đảng viên."),
            "person": _("Trùng họ tên và ngày sinh với dòng %(row)s của tệp."),
        }

    def plan(self, rows: list[_Row], result: ImportResult) -> list[_Plan]:
        self._preload(rows)
        seen: dict[str, dict[Any, int]] = {"nid": {}, "card": {}, "person": {}, "member": {}}
        plans = [self._plan_row(row, seen) for row in rows]
        result.errors.extend(self.errors)
        result.errors.sort(key=lambda error: error.row)
        return [plan for plan in plans if plan is not None]

    def _error(self, row: _Row, field_name: str, message: str) -> None:
        column = self.headers.get(field_name, self.headers[CELL_CODE])
        self.errors.append(RowError(row.number, column, message))

    # Bulk lookups: a few queries per CHUNK rows instead of several per row.

    def _preload(self, rows: list[_Row]) -> None:
        codes = {row.values[CELL_CODE] for row in rows if CELL_CODE in row.values}
        self.cells: dict[str, Organization] = {}
        for chunk in _chunks(codes):
            self.cells.update(
                {org.code: org for org in Organization.objects.filter(code__in=chunk)}
            )
        self.by_nid = self._members_by("national_id", rows)
        self.by_card = self._members_by("card_number", rows)
        self.by_person = self._people(rows)
        self.person_members = self._people_without_ids(rows)

    def _members_by(self, field_name: str, rows: list[_Row]) -> dict[str, Member]:
        wanted = {row.values[field_name] for row in rows if field_name in row.values}
        found: dict[str, Member] = {}
        for chunk in _chunks(wanted):
            query = Member.objects.filter(**{f"{field_name}__in": chunk}).select_related("cell")
            found.update({getattr(member, field_name): member for member in query})
        return found

    def _people(self, rows: list[_Row]) -> dict[tuple[str, Any], list[int]]:
        """Member ids by (name sort key, birth date), for the rows' names and birth dates."""
        keys = {
            _person_key(row.values["full_name"], row.values["birth_date"])
            for row in rows
            if isinstance(row.values.get("birth_date"), date) and row.values.get("full_name")
        }
        found: dict[tuple[str, Any], list[int]] = {}
        for chunk in _chunks(sorted(keys, key=lambda key: key[1])):
            # Two IN lists (a superset of the pairs, kept exact below) build and plan far
            # faster than an OR of pairs; the birth_date index narrows the scan.
            query = Member.objects.filter(
                sort_key__in={pair[0] for pair in chunk}, birth_date__in={pair[1] for pair in chunk}
            ).values_list("pk", "sort_key", "birth_date")
            for pk, sort_key, birth in query:
                if (sort_key, birth) in keys:
                    found.setdefault((sort_key, birth), []).append(pk)
        return found

    def _people_without_ids(self, rows: list[_Row]) -> dict[int, Member]:
        """The members that rows with neither ID nor card number may update."""
        wanted = set()
        for row in rows:
            ids = self._same_person(row, None) if _identifies_by_person(row) else []
            if len(ids) == 1:
                wanted.add(ids[0])
        found: dict[int, Member] = {}
        for chunk in _chunks(wanted):
            found.update(
                {m.pk: m for m in Member.objects.filter(pk__in=chunk).select_related("cell")}
            )
        return found

    # One row.

    def _plan_row(self, row: _Row, seen: dict[str, dict[Any, int]]) -> _Plan | None:
        errors_before = len(self.errors)
        cell = self._cell(row)
        matched = len(self.errors)
        member = self._match(row)
        if len(self.errors) > matched:
            return None
        member = member or self._match_person(row)
        self._check_in_file(row, member, seen)
        plan = self._plan_update(row, cell, member) if member else self._plan_create(row, cell)
        if len(self.errors) > errors_before or plan is None:
            return None
        return plan

    def _cell(self, row: _Row) -> Organization | None:
        code = row.values.get(CELL_CODE)
        if code is None:
            if CELL_CODE not in row.bad_fields:
                self._error(row, CELL_CODE, _("Thiếu mã chi bộ."))
            return None
        cell = self.cells.get(code)
        if cell is None or not scope.can_in_subtree(
            self.actor, scope.DEFAULT_EDIT_ROLES, cell.path
        ):
            # Out of scope reads exactly like unknown: the file must not reveal other units.
            self._error(
                row,
                CELL_CODE,
                _("Không có chi bộ mã “%(code)s” trong phạm vi bạn quản lý.") % {"code": code},
            )
            return None
        if not cell.is_member_unit:
            self._error(
                row,
                CELL_CODE,
                _("“%(code)s” không phải là chi bộ; đảng viên chỉ sinh hoạt tại chi bộ.")
                % {"code": code},
            )
            return None
        if cell.ended_on:
            self._error(row, CELL_CODE, _("Chi bộ đã kết thúc hoạt động."))
            return None
        return cell

    def _match(self, row: _Row) -> Member | None:
        """The existing member this row updates, if any (errors when it may not)."""
        by_nid = self.by_nid.get(row.values.get("national_id", ""))
        by_card = self.by_card.get(row.values.get("card_number", ""))
        if by_nid and by_card and by_nid.pk != by_card.pk:
            self._error(
                row,
                "national_id",
                _("Số CCCD và số thẻ đảng viên của dòng này thuộc hai đảng viên khác nhau."),
            )
            return None
        member = by_nid or by_card
        if member is None:
            return None
        if not scope.can(self.actor, scope.EDIT, member):
            if by_nid:
                self._error(row, "national_id", _("Số CCCD này đã có trong danh sách đảng viên."))
            else:
                self._error(row, "card_number", _("Số thẻ đảng viên này đã có."))
            return None
        return member

    def _check_in_file(
        self, row: _Row, member: Member | None, seen: dict[str, dict[Any, int]]
    ) -> None:
        """Two rows of the file for one person: named with both row numbers."""
        values = row.values
        keys: list[tuple[str, str, Any]] = [
            ("nid", "national_id", values.get("national_id")),
            ("card", "card_number", values.get("card_number")),
            ("member", "full_name", member.pk if member else None),
        ]
        if values.get("full_name") and isinstance(values.get("birth_date"), date):
            keys.append(("person", "full_name", (_fold(values["full_name"]), values["birth_date"])))
        for kind, field_name, key in keys:
            if key is None:
                continue
            first = seen[kind].setdefault(key, row.number)
            if first != row.number:
                self._error(row, field_name, self.in_file_messages[kind] % {"row": first})

    def _match_person(self, row: _Row) -> Member | None:
        """A row with neither ID nor card number updates the one member of that name and birth."""
        if not _identifies_by_person(row):
            return None
        ids = self._same_person(row, None)
        member = self.person_members.get(ids[0]) if len(ids) == 1 else None
        return member if member and scope.can(self.actor, scope.EDIT, member) else None

    def _same_person(self, row: _Row, member: Member | None) -> list[int]:
        name = row.values.get("full_name") or (member.full_name if member else None)
        birth = row.values.get("birth_date") or (member.birth_date if member else None)
        if not name or not isinstance(birth, date):
            return []
        ids = self.by_person.get(_person_key(name, birth), [])
        return [pk for pk in ids if member is None or pk != member.pk]

    def _plan_create(self, row: _Row, cell: Organization | None) -> _Plan | None:
        data = {k: v for k, v in row.values.items() if k != CELL_CODE}
        self._validate(row, data, None)
        if self._same_person(row, None):
            self._error(row, "full_name", _duplicate_person_message())
        name = str(data.get("full_name", ""))
        return _Plan(row.number, CREATE, data, name, cell=cell) if cell else None

    def _plan_update(self, row: _Row, cell: Organization | None, member: Member) -> _Plan | None:
        if cell is not None and cell.pk != member.cell_id:
            self._error(
                row,
                CELL_CODE,
                _(
                    "Đảng viên này đang sinh hoạt tại chi bộ “%(code)s”; chuyển sinh hoạt "
                    "làm trên trang hồ sơ đảng viên, không qua nhập tệp."
                )
                % {"code": member.cell.code},
            )
        changes = {
            k: v for k, v in row.values.items() if k != CELL_CODE and getattr(member, k) != v
        }
        if changes:
            self._validate(row, changes, member)
            if self._same_person(row, member):
                self._error(row, "full_name", _duplicate_person_message())
        action = UPDATE if changes else UNCHANGED
        changed = tuple(self.headers[k] for k in changes)
        return _Plan(row.number, action, changes, member.full_name, member=member, changed=changed)

    def _validate(self, row: _Row, data: dict[str, Any], member: Member | None) -> None:
        problems = validate_member(data, instance=member, today=self.today, check_duplicates=False)
        for field_name, messages in problems.items():
            if field_name in row.bad_fields:
                continue  # Already reported as unreadable; "missing" would only repeat it.
            for message in messages:
                self._error(row, field_name, message)


def _identifies_by_person(row: _Row) -> bool:
    fields = ("national_id", "card_number")
    return not any(f in row.values or f in row.bad_fields for f in fields)


def _duplicate_person_message() -> str:
    return _("Đã có đảng viên cùng họ tên và ngày sinh; kiểm tra lại để tránh trùng hồ sơ.")


# Writing -------------------------------------------------------------------------


def _write(plans: list[_Plan], actor: Any) -> list[RowError]:
    """Write every planned row (inside the caller's transaction); the errors, if any.

    New members go in batches through ``bulk_create_members`` (the planner has
    run every check ``create_member`` runs); the rare updates go one by one
    through ``update_member``. The services skip their per-row duplicate queries:
    the planner checked the whole file at once, and the unique indexes on
    national ID and card number still stop a duplicate written meanwhile
    (reported on the rows that hold it, and everything rolled back).
    """
    creates = [plan for plan in plans if plan.action == CREATE and plan.cell is not None]
    # The statistics (reports.tallies) recount the cells written to once, at the end.
    with tallies.deferred():
        try:
            with transaction.atomic():  # A savepoint: the lookup below needs the connection.
                bulk_create_members(
                    [(plan.data, plan.cell) for plan in creates if plan.cell is not None],
                    actor=actor,
                    checked=True,
                )
        except IntegrityError:
            return _taken_meanwhile(creates)
        return _update(plans, actor)


def _update(plans: list[_Plan], actor: Any) -> list[RowError]:
    headers = {column.field: column.header for column in columns()}
    errors: list[RowError] = []
    for plan in plans:
        if plan.action != UPDATE or plan.member is None:
            continue
        try:
            update_member(plan.member, actor=actor, changes=plan.data, check_duplicates=False)
        except ValidationError as exc:
            for field_name, messages in exc.message_dict.items():
                column = headers.get(field_name, headers[CELL_CODE])
                errors.extend(RowError(plan.row, column, message) for message in messages)
        except IntegrityError:
            errors.append(RowError(plan.row, "", _taken_message()))
    return errors


def _taken_message() -> str:
    return _("Số CCCD hoặc số thẻ đảng viên vừa được ghi cho người khác; hãy nhập lại.")


def _taken_meanwhile(creates: list[_Plan]) -> list[RowError]:
    """The new rows whose national ID or card number another write took meanwhile."""
    taken: set[str] = set()
    for field_name in ("national_id", "card_number"):
        wanted = {plan.data[field_name] for plan in creates if plan.data.get(field_name)}
        for chunk in _chunks(wanted):
            query = Member.objects.filter(**{f"{field_name}__in": chunk})
            taken.update(query.values_list(field_name, flat=True))
    rows = [
        plan.row
        for plan in creates
        if {plan.data.get("national_id"), plan.data.get("card_number")} & taken
    ]
    return [RowError(row, "", _taken_message()) for row in rows or [0]]
