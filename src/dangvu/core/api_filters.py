"""The API's filter backend: django-filter's, with every number filter bounded.

The id filters declare ``max_value`` (the largest id) but no ``min_value``, so a
very negative number reached the database and overflowed its integer (SQLite:
``OverflowError``, answered 500; found by the schema fuzzing). Every number filter
now refuses, with 400, a value beyond the database's 64-bit integers on either
side.
"""

from __future__ import annotations

from typing import Any

from django_filters import NumberFilter
from django_filters.rest_framework import DjangoFilterBackend

LIMIT = 2**63 - 1


class BoundedFilterBackend(DjangoFilterBackend):
    def get_filterset(self, request: Any, queryset: Any, view: Any) -> Any:
        filterset = super().get_filterset(request, queryset, view)
        for item in getattr(filterset, "filters", {}).values():
            if isinstance(item, NumberFilter):
                top = item.extra.setdefault("max_value", LIMIT)
                item.extra.setdefault("min_value", -top)
        return filterset
