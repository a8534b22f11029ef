"""One FilterSet for the meeting list page and the API (STYLE.md)."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from dangvu.core.scope import subtree_q
from dangvu.core.text import fold
from dangvu.meetings.choices import Kind, Status
from dangvu.meetings.models import Meeting, OversightAssignment
from dangvu.organizations.models import Organization

MAX_ID = 2**63 - 1


def _subtree(queryset: QuerySet[Any], pk: int) -> QuerySet[Any]:
    path = Organization.objects.filter(pk=pk).values_list("path", flat=True).first()
    if path is None:
        return queryset.none()
    return queryset.filter(subtree_q("org_path", path))


class MeetingFilterSet(django_filters.FilterSet):
    """search, organization (subtree), kind, status, date_from, date_to."""

    search = django_filters.CharFilter(label=_("Tìm kiếm"), method="filter_search")
    organization = django_filters.NumberFilter(
        label=_("Tổ chức (cả cấp dưới)"), method="filter_organization", max_value=MAX_ID
    )
    kind = django_filters.ChoiceFilter(label=_("Loại"), choices=Kind.choices)
    status = django_filters.ChoiceFilter(label=_("Trạng thái"), choices=Status.choices)
    date_from = django_filters.DateFilter(label=_("Từ ngày"), field_name="date", lookup_expr="gte")
    date_to = django_filters.DateFilter(label=_("Đến ngày"), field_name="date", lookup_expr="lte")

    class Meta:
        model = Meeting
        fields = ["search", "organization", "kind", "status", "date_from", "date_to"]

    def filter_search(self, queryset: QuerySet[Meeting], name: str, value: str) -> Any:
        """Words of the title, or of the organisation's name without accents."""
        if not value.strip():
            return queryset
        return queryset.filter(
            Q(title__icontains=value.strip()) | Q(organization__search_text__contains=fold(value))
        )

    def filter_organization(self, queryset: QuerySet[Meeting], name: str, value: int) -> Any:
        return _subtree(queryset, value)


class OversightAssignmentFilterSet(django_filters.FilterSet):
    """member, cell, organization (subtree), active (on today)."""

    member = django_filters.NumberFilter(
        label=_("Cấp ủy viên"), field_name="member_id", max_value=MAX_ID
    )
    cell = django_filters.NumberFilter(label=_("Chi bộ"), field_name="cell_id", max_value=MAX_ID)
    organization = django_filters.NumberFilter(
        label=_("Tổ chức (cả cấp dưới)"), method="filter_organization", max_value=MAX_ID
    )

    class Meta:
        model = OversightAssignment
        fields = ["member", "cell", "organization"]

    def filter_organization(
        self, queryset: QuerySet[OversightAssignment], name: str, value: int
    ) -> Any:
        return _subtree(queryset, value)
