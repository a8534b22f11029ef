"""The change history shown on a record's page: who changed which field, before → after.

Read from django-simple-history's rows, newest first, each compared with the row
before it. Every page with a history (organisation, member, and the models to
come) uses this one reader and the ``includes/history.html`` partial. Values of
``hidden`` fields are masked for readers who may not see them, but the fact of
the change stays visible.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext as _

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
    created: bool
    changes: list[FieldChange] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return _("Tạo mới") if self.created else _("Sửa")


def history_entries(
    obj: models.Model, *, fields: Sequence[str], hidden: Collection[str] = (), limit: int = 20
) -> list[HistoryEntry]:
    """The latest ``limit`` changes of ``obj`` to ``fields``.

    One query for the rows and their authors, and one per foreign key that changed
    (to name the related rows). Saves that changed none of ``fields`` (a derived
    column, the path filled in right after creation) are left out.
    """
    manager: Any = obj.history  # type: ignore[attr-defined]
    records = list(
        manager.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1]
    )
    pairs = [
        (new, records[i + 1] if i + 1 < len(records) else None)
        for i, new in enumerate(records[:limit])
    ]
    model = type(obj)
    changed = {id(new): _changed(model, new, old, fields) for new, old in pairs}
    names = _related_names(model, pairs, changed)
    entries = []
    for new, old in pairs:
        created = new.history_type == "+" or old is None
        if not created and not changed[id(new)]:
            continue
        changes = (
            []
            if created
            else [
                _describe(model, name, old, new, names, masked=name in hidden)
                for name in changed[id(new)]
            ]
        )
        entries.append(HistoryEntry(new.history_date, _who(new.history_user), created, changes))
    return entries


def _field(model: type[models.Model], name: str) -> Any:
    return model._meta.get_field(name)


def _raw(model: type[models.Model], record: Any, name: str) -> Any:
    return getattr(record, _field(model, name).attname)


def _changed(model: type[models.Model], new: Any, old: Any, fields: Sequence[str]) -> list[str]:
    if old is None or new.history_type == "+":
        return []
    return [name for name in fields if _raw(model, new, name) != _raw(model, old, name)]


def _related_names(
    model: type[models.Model], pairs: list[tuple[Any, Any]], changed: dict[int, list[str]]
) -> dict[tuple[str, Any], str]:
    wanted: dict[str, set[Any]] = {}
    for new, old in pairs:
        for name in changed[id(new)]:
            if _field(model, name).is_relation:
                wanted.setdefault(name, set()).update(
                    _raw(model, record, name) for record in (new, old)
                )
    names: dict[tuple[str, Any], str] = {}
    for name, ids in wanted.items():
        related = _field(model, name).related_model._default_manager.in_bulk(ids - {None})
        names.update({(name, pk): str(row) for pk, row in related.items()})
    return names


def _who(user: Any) -> str:
    if user is None:
        return _("Hệ thống")
    return str(user.get_full_name() or user.get_username())


def _describe(
    model: type[models.Model],
    name: str,
    old: Any,
    new: Any,
    names: dict[tuple[str, Any], str],
    *,
    masked: bool,
) -> FieldChange:
    label = str(capfirst(_field(model, name).verbose_name))
    if masked:
        return FieldChange(label, _("(ẩn)"), _("(ẩn)"))
    return FieldChange(
        label,
        _display(model, name, _raw(model, old, name), names),
        _display(model, name, _raw(model, new, name), names),
    )


def _display(
    model: type[models.Model], name: str, value: Any, names: dict[tuple[str, Any], str]
) -> str:
    if value is None or value == "":
        return EMPTY
    if _field(model, name).is_relation:
        return names.get((name, value), str(value))
    if isinstance(value, bool):
        return _("Có") if value else _("Không")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(dict(_field(model, name).flatchoices).get(value, value))
