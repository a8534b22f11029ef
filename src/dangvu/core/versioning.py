"""A record's version, and what changed since a version: no edit is silently lost.

Two people editing one record must never overwrite each other without knowing
(issue 14, item 4). A record's *version* is a short hash of its stored values;
an edit page carries the version it was opened at (a hidden field), an API
client sends the one it read (``If-Match``, from the ``ETag`` of a GET). The
write locks the row, compares, and refuses when the row has moved on, naming
what changed (field: old → new) from the record's history.

No version column is added: the hash of the stored values is a version every
existing row already has, and it is the same on SQLite and PostgreSQL because
each value is written out in one canonical text form (days ISO, decimals to
their places, moments in UTC).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from decimal import Decimal
from functools import cache
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from dangvu.core.services import save_as

EMPTY = "—"
# Long texts (minutes, notes) are cut in messages: the page shows them whole.
_SHOWN_LENGTH = 80
# How far back the history is searched for the state a version names.
_HISTORY_DEPTH = 50


@dataclass(frozen=True)
class Change:
    """One field that differs between two states of a record, as people read it."""

    field: str
    label: str
    old: str
    new: str
    # The stored values (a related row's key), for a form to take the new one.
    old_value: Any = None
    new_value: Any = None

    def __str__(self) -> str:
        return f"{self.label}: {self.old} → {self.new}"


class StaleVersion(ValidationError):
    """The record changed since the version the writer read: nothing is written.

    A ValidationError, so a page's ``except ValidationError`` already shows it
    above the form; ``changes`` is empty when the history does not tell.
    """

    def __init__(self, current: str, changes: list[Change]) -> None:
        self.current = current
        self.changes = changes
        super().__init__([stale_message(changes), *(str(change) for change in changes)])


# ---------------------------------------------------------------------------
# The version


@cache
def versioned_fields(model: type[models.Model]) -> tuple[models.Field[Any, Any], ...]:
    """The stored fields a version covers.

    Left out: the primary key, ``auto_now`` stamps (they change on every save,
    even one that changes nothing), and the derived columns the model's history
    leaves out (search text, sort keys), which follow from the others.
    """
    history = getattr(model, "history", None)
    tracked = {f.attname for f in history.model._meta.concrete_fields} if history else None
    fields = []
    for field in model._meta.concrete_fields:
        if field.primary_key or getattr(field, "auto_now", False):
            continue
        if tracked is not None and field.attname not in tracked:
            continue
        fields.append(field)
    return tuple(fields)


def _canonical(field: models.Field[Any, Any], value: Any) -> Any:
    """One text form per value, whichever database it was read from."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, Decimal):
        places = getattr(field, "decimal_places", None)
        if places is not None:
            value = value.quantize(Decimal(1).scaleb(-places))
        return format(value, "f")
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = value.astimezone(UTC)
        return value.isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or ""
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    return str(value)


def state(instance: models.Model) -> dict[str, Any]:
    """The versioned values of ``instance``, by attribute name (``cell_id``, not ``cell``)."""
    return {
        field.attname: getattr(instance, field.attname)
        for field in versioned_fields(type(instance))
    }


def row_version(instance: models.Model) -> str:
    """A short keyed hash of ``instance``'s stored values: equal versions, equal records.

    Keyed with the site's secret (HMAC): a plain hash sent as an ETag would let a
    reader who knows the other fields test guesses of a value hidden from them
    (a forced ranking's reason, a national ID) offline against it.
    """
    fields = versioned_fields(type(instance))
    canonical = [[f.attname, _canonical(f, getattr(instance, f.attname))] for f in fields]
    text = json.dumps(canonical, ensure_ascii=False, separators=(",", ":"))
    return salted_hmac("dangvu.core.versioning.row_version", text).hexdigest()[:16]


# ---------------------------------------------------------------------------
# What changed


def _shown(field: models.Field[Any, Any], value: Any) -> str:
    if value is None or value == "":
        return EMPTY
    if field.is_relation:
        related = field.related_model._default_manager.filter(pk=value).first()  # type: ignore[union-attr]
        return str(related) if related is not None else str(value)
    if isinstance(value, bool):
        return _("Có") if value else _("Không")
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(dict(field.flatchoices).get(value, value))


def _around_difference(old: str, new: str) -> tuple[str, str]:
    """Two long texts cut to where they differ, so "old → new" shows the change.

    Cutting both at their start would show the same words twice when a long
    title or note changed only near its end.
    """
    if len(old) <= _SHOWN_LENGTH and len(new) <= _SHOWN_LENGTH:
        return old, new
    same = 0
    while same < min(len(old), len(new)) and old[same] == new[same]:
        same += 1
    start = max(0, same - _SHOWN_LENGTH // 4)

    def cut(text: str) -> str:
        piece = text[start : start + _SHOWN_LENGTH - 2]
        return ("…" if start else "") + piece + ("…" if start + len(piece) < len(text) else "")

    return cut(old), cut(new)


def changed_fields(
    model: type[models.Model], old: dict[str, Any], new: dict[str, Any]
) -> list[Change]:
    """The fields that differ between two states of one record (field: old → new)."""
    changes = []
    for field in versioned_fields(model):
        name = field.attname
        before, after = old.get(name), new.get(name)
        if _canonical(field, before) == _canonical(field, after):
            continue
        label = str(capfirst(field.verbose_name))
        shown = _around_difference(_shown(field, before), _shown(field, after))
        changes.append(Change(field.name, label, *shown, old_value=before, new_value=after))
    return changes


def changes_since(current: models.Model, version: str) -> list[Change]:
    """What changed in ``current`` since the state whose version is ``version``.

    The earlier state is found in the record's history (the most recent rows
    first); an empty list when the history does not hold it (a record without
    history, a change written around the services).
    """
    history = getattr(current, "history", None)
    if history is None:
        return []
    for record in history.order_by("-history_date", "-history_id")[:_HISTORY_DEPTH]:
        earlier = record.instance
        if row_version(earlier) == version:
            return changed_fields(type(current), state(earlier), state(current))
    return []


def stale_message(changes: Sequence[Change]) -> str:
    if not changes:
        return _(
            "Hồ sơ này đã được người khác sửa sau khi anh/chị mở trang: chưa lưu gì. "
            "Hãy xem lại nội dung hiện tại rồi lưu lại."
        )
    return _(
        "Hồ sơ này đã được người khác sửa sau khi anh/chị mở trang (%(count)d thay đổi dưới "
        "đây): chưa lưu gì. Hãy xem lại rồi lưu lại."
    ) % {"count": len(changes)}


# ---------------------------------------------------------------------------
# Writing under the row lock


def lock(instance: models.Model) -> models.Model:
    """Re-read ``instance`` in place under a row lock (inside a transaction).

    Whoever writes next waits for this transaction, then reads what it wrote:
    the values not being changed are the stored ones, never a stale copy.
    """
    manager = type(instance)._base_manager
    instance.refresh_from_db(from_queryset=manager.select_for_update())
    return instance


def require_version(instance: models.Model, version: str | None) -> None:
    """Lock ``instance`` and refuse (``StaleVersion``) when it is no longer ``version``.

    No version given, no check: an API client that sends no ``If-Match`` and a
    form opened before versions existed write as before.
    """
    lock(instance)
    if not version:
        return
    current = row_version(instance)
    if current != version:
        raise StaleVersion(current, changes_since(instance, version))


def stored(instance: models.Model) -> dict[str, Any]:
    """Every stored value of ``instance`` but its key (what ``save_changed`` compares)."""
    return {
        f.attname: getattr(instance, f.attname)
        for f in instance._meta.concrete_fields
        if not f.primary_key
    }


def save_changed(obj: models.Model, actor: Any, before: dict[str, Any]) -> list[str]:
    """Save only the fields that differ from ``before`` (plus the derived ones).

    ``before`` is ``stored(obj)`` read under the row lock. A field not changed is
    not written, so a concurrent change of another field is never overwritten.
    The model's derived columns (``editable=False``: search text, sort key) and
    its ``auto_now`` stamps are written too, since ``save`` recomputes them.
    """
    fields = type(obj)._meta.concrete_fields
    after = stored(obj)
    names = [name for name, value in after.items() if before.get(name) != value]
    if not names:
        return []
    derived = [
        f.attname
        for f in fields
        if not f.primary_key and (not f.editable or getattr(f, "auto_now", False))
    ]
    update_fields = list(dict.fromkeys([*names, *derived]))
    save_as(obj, actor, update_fields=update_fields)
    return names
