"""One FilterSet for the document registry (API now, pages later)."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from dangvu.core.scope import subtree_q
from dangvu.documents.choices import Direction, DocumentKind
from dangvu.documents.models import Document
from dangvu.organizations.models import Organization


class DocumentFilterSet(django_filters.FilterSet):
    """search (accent-insensitive), organization (subtree), direction, kind, type_code."""

    search = django_filters.CharFilter(label=_("Tìm kiếm"), method="filter_search")
    organization = django_filters.NumberFilter(
        label=_("Tổ chức (cả cấp dưới)"), method="filter_organization", max_value=2**63 - 1
    )
    direction = django_filters.ChoiceFilter(label=_("Văn bản đi/đến"), choices=Direction.choices)
    kind = django_filters.ChoiceFilter(label=_("Loại văn bản"), choices=DocumentKind.choices)
    type_code = django_filters.CharFilter(label=_("Ký hiệu loại"))

    class Meta:
        model = Document
        fields = ["search", "organization", "direction", "kind", "type_code"]

    def filter_search(self, queryset: QuerySet[Document], name: str, value: str) -> Any:
        return queryset.search(value) if value else queryset  # type: ignore[attr-defined]

    def filter_organization(self, queryset: QuerySet[Document], name: str, value: int) -> Any:
        path = Organization.objects.filter(pk=value).values_list("path", flat=True).first()
        if path is None:
            return queryset.none()
        return queryset.filter(subtree_q("org_path", path))
