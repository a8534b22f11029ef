"""A member's change history for the profile page: who changed which field, from what to what.

Read from django-simple-history's rows of the member, newest first, each compared
with the row before it. Values of sensitive fields are hidden from people who
may not read them (``core.scope.sees_sensitive``), but the fact of the change is
still shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, cast

from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from dangvu.members.models import SENSITIVE_FIELDS, Member
from dangvu.members.services import PROFILE_FIELDS
from dangvu.organizations.models import Organization

# The fields a reader cares about; search_text, sort_key and org_path follow from them.
HISTORY_FIELDS = (*PROFILE_FIELDS, "status", "status_date", "exempt_from", "cell")
HISTORY_LIMIT = 30
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


def member_history(member: Member, *, shows_sensitive: bool) -> list[HistoryEntry]:
    """The latest ``HISTORY_LIMIT`` changes of ``member``; two queries at most."""
    records = list(
        member.history.select_related("history_user").order_by("-history_date", "-history_id")[
            : HISTORY_LIMIT + 1
        ]
    )
    pairs = [
        (record, records[i + 1] if i + 1 < len(records) else None)
        for i, record in enumerate(records[:HISTORY_LIMIT])
    ]
    changed = {id(new): _changed_fields(new, old) for new, old in pairs}
    cell_names = _cell_names(pairs, changed)
    return [
        HistoryEntry(
            when=new.history_date,
            who=_who(new.history_user),
            created=new.history_type == "+",
            changes=[
                _describe(name, old, new, cell_names, shows_sensitive)
                for name in changed[id(new)]
                if old is not None
            ],
        )
        for new, old in pairs
    ]


def _changed_fields(new: Any, old: Any) -> list[str]:
    if old is None or new.history_type == "+":
        return []
    return [name for name in HISTORY_FIELDS if _raw(new, name) != _raw(old, name)]


def _raw(record: Any, name: str) -> Any:
    return record.cell_id if name == "cell" else getattr(record, name)


def _cell_names(pairs: list[tuple[Any, Any]], changed: dict[int, list[str]]) -> dict[int, str]:
    ids = {
        _raw(record, "cell")
        for new, old in pairs
        if "cell" in changed[id(new)]
        for record in (new, old)
    }
    if not ids:
        return {}
    return dict(Organization.objects.filter(pk__in=ids).values_list("pk", "name"))


def _who(user: Any) -> str:
    if user is None:
        return _("Hệ thống")
    return str(user.get_full_name() or user.get_username())


def _describe(
    name: str, old: Any, new: Any, cell_names: dict[int, str], shows_sensitive: bool
) -> FieldChange:
    label = capfirst(_model_field(name).verbose_name)
    if name in SENSITIVE_FIELDS and not shows_sensitive:
        hidden = _("(ẩn)")
        return FieldChange(label=str(label), old=hidden, new=hidden)
    return FieldChange(
        label=str(label),
        old=_display(name, _raw(old, name), cell_names),
        new=_display(name, _raw(new, name), cell_names),
    )


def _model_field(name: str) -> models.Field[Any, Any]:
    return cast("models.Field[Any, Any]", Member._meta.get_field(name))


def _display(name: str, value: Any, cell_names: dict[int, str]) -> str:
    if value is None or value == "":
        return EMPTY
    if name == "cell":
        return cell_names.get(value, str(value))
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    choices = dict(_model_field(name).flatchoices)
    return str(choices.get(value, value))
