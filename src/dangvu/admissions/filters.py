"""One FilterSet for the candidate list page and the API (STYLE.md)."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from dangvu.admissions.choices import Stage
from dangvu.admissions.models import Candidate
from dangvu.core.scope import subtree_q
from dangvu.organizations.models import Organization


class CandidateFilterSet(django_filters.FilterSet):
    """search (accent-insensitive), organization (subtree), cell, stage."""

    search = django_filters.CharFilter(label=_("Tìm kiếm"), method="filter_search")
    organization = django_filters.NumberFilter(
        label=_("Tổ chức (cả cấp dưới)"), method="filter_organization", max_value=2**63 - 1
    )
    cell = django_filters.NumberFilter(label=_("Chi bộ"), field_name="cell_id", max_value=2**63 - 1)
    stage = django_filters.ChoiceFilter(label=_("Bước"), choices=Stage.choices)

    class Meta:
        model = Candidate
        fields = ["search", "organization", "cell", "stage"]

    def filter_search(self, queryset: QuerySet[Candidate], name: str, value: str) -> Any:
        return queryset.search(value) if value else queryset  # type: ignore[attr-defined]

    def filter_organization(self, queryset: QuerySet[Candidate], name: str, value: int) -> Any:
        path = Organization.objects.filter(pk=value).values_list("path", flat=True).first()
        if path is None:
            return queryset.none()
        return queryset.filter(subtree_q("org_path", path))
