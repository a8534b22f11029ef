"""One FilterSet for the organisation pages and the API."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from dangvu.core.text import fold
from dangvu.organizations.choices import Kind, Level
from dangvu.organizations.models import Organization


class OrganizationFilterSet(django_filters.FilterSet):
    search = django_filters.CharFilter(label=_("Tìm kiếm"), method="filter_search")
    # Bounded by the largest 64-bit id: a bigger number is a 400, not a database error.
    parent = django_filters.NumberFilter(
        label=_("Tổ chức cấp trên"), field_name="parent_id", max_value=2**63 - 1
    )
    level = django_filters.ChoiceFilter(label=_("Cấp"), choices=Level.choices)
    kind = django_filters.ChoiceFilter(label=_("Loại hình"), choices=Kind.choices)

    class Meta:
        model = Organization
        fields = ["search", "parent", "level", "kind"]

    def filter_search(self, queryset: QuerySet[Organization], name: str, value: str) -> Any:
        for word in fold(value).split():
            queryset = queryset.filter(search_text__contains=word)
        return queryset
