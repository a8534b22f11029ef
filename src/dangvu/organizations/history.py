"""An organisation's change history for its page: who changed which field, before → after.

Read from django-simple-history's rows, newest first; each row is compared with
the one before it by ``diff_against``. One query (the rows with their authors).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from dangvu.organizations.models import Organization

HISTORY_LIMIT = 20
# Derived or internal columns: they follow from the fields a person edits.
HIDDEN_FIELDS = ["search_text", "path", "parent"]
EMPTY = "—"


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    when: datetime
    who: str
    kind: str
    changes: list[FieldChange] = field(default_factory=list)


def history_entries(org: Organization, limit: int = HISTORY_LIMIT) -> list[HistoryEntry]:
    """The latest ``limit`` changes of ``org`` (the creation's own path fill-in is folded in)."""
    records = list(
        org.history.select_related("history_user").order_by("-history_date", "-history_id")[
            : limit + 1
        ]
    )
    entries = []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes = _changes(record, previous)
        if record.history_type == "~" and not changes:
            continue  # only derived columns changed (the path set right after creation)
        entries.append(HistoryEntry(record.history_date, _who(record), _kind(record), changes))
    return entries


def _changes(record: Any, previous: Any) -> list[FieldChange]:
    if previous is None or record.history_type != "~":
        return []
    delta = record.diff_against(previous, excluded_fields=HIDDEN_FIELDS)
    return [
        FieldChange(
            _label(change.field),
            _display(change.field, change.old),
            _display(change.field, change.new),
        )
        for change in delta.changes
    ]


def _kind(record: Any) -> str:
    return {"+": _("Tạo mới"), "-": _("Xóa")}.get(record.history_type, _("Sửa"))


def _who(record: Any) -> str:
    user = record.history_user
    if user is None:
        return _("Hệ thống")
    return str(user.get_full_name() or user.get_username())


def _label(name: str) -> str:
    model_field: Any = Organization._meta.get_field(name)
    return str(capfirst(model_field.verbose_name))


def _display(name: str, value: Any) -> str:
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return _("Có") if value else _("Không")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    model_field: Any = Organization._meta.get_field(name)
    choices = dict(model_field.flatchoices)
    return str(choices.get(value, value))
