"""Helpers every ``services.py`` uses: the actor on history rows, error raising."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Model


def save_as(obj: Model, actor: Any, **kwargs: Any) -> None:
    """Save ``obj`` recording ``actor`` as the author of the history row."""
    obj._history_user = actor if getattr(actor, "is_authenticated", False) else None  # type: ignore[attr-defined]
    obj.save(**kwargs)


def raise_if(errors: dict[str, list[str]]) -> None:
    """Raise one ValidationError holding every problem found, field by field."""
    cleaned = {field: msgs for field, msgs in errors.items() if msgs}
    if cleaned:
        raise ValidationError(cleaned)


def add_error(errors: dict[str, list[str]], field: str, message: str) -> None:
    errors.setdefault(field, []).append(message)
