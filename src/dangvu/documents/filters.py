"""One FilterSet for the document registry: the API and the list page."""

from __future__ import annotations

from datetime import date
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
    year = django_filters.NumberFilter(
        label=_("Năm ban hành"), method="filter_year", min_value=1930, max_value=2200
    )

    class Meta:
        model = Document
        fields = ["search", "organization", "direction", "kind", "type_code", "year"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        messages = {
            "invalid_choice": _("Giá trị “%(value)s” không có trong danh sách cho phép."),
            "invalid": _("Phải là một số nguyên."),
            "min_value": _("Năm phải từ 1930."),
            "max_value": _("Giá trị quá lớn."),
        }
        for field in self.form.fields.values():
            for key, message in messages.items():
                if key in field.error_messages:
                    field.error_messages[key] = message

    def filter_year(self, queryset: QuerySet[Document], name: str, value: Any) -> Any:
        """Documents issued in that year (a range, so the date index serves it)."""
        year = int(value)
        return queryset.filter(issued_on__gte=date(year, 1, 1), issued_on__lt=date(year + 1, 1, 1))

    def filter_search(self, queryset: QuerySet[Document], name: str, value: str) -> Any:
        return queryset.search(value) if value else queryset  # type: ignore[attr-defined]

    def filter_organization(self, queryset: QuerySet[Document], name: str, value: int) -> Any:
        path = Organization.objects.filter(pk=value).values_list("path", flat=True).first()
        if path is None:
            return queryset.none()
        return queryset.filter(subtree_q("org_path", path))
