"""Where the OpenAPI schema must say what the answers really are.

Found by the schema fuzzing (``scripts/test-schema.sh``):

* A read-only choice field of a model with ``blank=True`` answers ``""`` (no
  topic, no level yet), but DRF drops ``allow_blank`` from read-only fields, so
  drf-spectacular documented a bare enum that ``""`` breaks.
  ``BlankChoiceField`` puts the blank choice back for such fields (as
  spectacular does for writable ones: the enum or ``BlankEnum``).
* A time is answered as ``"07:30:00"``; ``format: time`` means an RFC 3339 time
  *with* a zone offset, which the API never sends nor needs. ``PlainTimeField``
  documents the ``HH:MM[:SS[.ffffff]]`` the API reads and writes.
* A ``list`` route that answers one object (a summary of a subtree) was
  documented as an array: ``ObjectAnswerSchema`` for those viewsets.

The extensions register themselves when this module is imported
(``CoreConfig.ready``).
"""

from __future__ import annotations

import copy
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from rest_framework import serializers

from dangvu.core.api_versions import VersionedAutoSchema

# What DRF's TimeField reads (Django's parse_time) and writes (isoformat).
TIME_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,6})?)?$"


def blank_in_model(field: serializers.Field) -> bool:
    """The model field behind a ModelSerializer's read-only field allows blank."""
    parent = getattr(field, "parent", None)
    model = getattr(getattr(parent, "Meta", None), "model", None)
    source = getattr(field, "source", "") or ""
    if model is None or not source or "." in source or source == "*":
        return False
    try:
        return bool(model._meta.get_field(source).blank)
    except FieldDoesNotExist:
        return False


class BlankChoiceField(OpenApiSerializerFieldExtension):
    target_class = serializers.ChoiceField

    def map_serializer_field(self, auto_schema: Any, direction: Any) -> Any:
        field = self.target
        if field.read_only and not field.allow_blank and blank_in_model(field):
            field = copy.copy(field)
            field.allow_blank = True
        return auto_schema._map_serializer_field(field, direction, bypass_extensions=True)


class PlainTimeField(OpenApiSerializerFieldExtension):
    target_class = serializers.TimeField

    def map_serializer_field(self, auto_schema: Any, direction: Any) -> Any:
        return {"type": "string", "pattern": TIME_PATTERN, "example": "07:30:00"}


class ObjectAnswerSchema(VersionedAutoSchema):
    """The schema of a viewset whose ``list`` answers one object, not an array."""

    def _is_list_view(self, serializer: Any = None) -> bool:
        return False
