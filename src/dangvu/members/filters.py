"""One FilterSet for the member list page, the API and the export (STYLE.md)."""

from __future__ import annotations

from datetime import date
from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from dangvu.core.scope import subtree_q
from dangvu.members.choices import AGE_BAND_LIMITS, AgeBand, Gender, Status
from dangvu.members.models import Member
from dangvu.members.rules import birth_range_for_age_band
from dangvu.organizations.models import Organization


class MemberFilterSet(django_filters.FilterSet):
    """search (accent-insensitive), organization (subtree), cell, status, gender, age band."""

    search = django_filters.CharFilter(label=_("Tìm kiếm"), method="filter_search")
    organization = django_filters.NumberFilter(
        label=_("Tổ chức (cả cấp dưới)"), method="filter_organization"
    )
    # Bounded by the largest 64-bit id: a bigger number is a 400, not a database error.
    cell = django_filters.NumberFilter(label=_("Chi bộ"), field_name="cell_id", max_value=2**63 - 1)
    status = django_filters.MultipleChoiceFilter(label=_("Tình trạng"), choices=Status.choices)
    gender = django_filters.ChoiceFilter(label=_("Giới tính"), choices=Gender.choices)
    age_band = django_filters.ChoiceFilter(
        label=_("Độ tuổi"), choices=AgeBand.choices, method="filter_age_band"
    )

    class Meta:
        model = Member
        fields = ["search", "organization", "cell", "status", "gender", "age_band"]

    def filter_search(self, queryset: QuerySet[Member], name: str, value: str) -> Any:
        return queryset.search(value) if value else queryset  # type: ignore[attr-defined]

    def filter_organization(self, queryset: QuerySet[Member], name: str, value: int) -> Any:
        path = Organization.objects.filter(pk=value).values_list("path", flat=True).first()
        if path is None:
            return queryset.none()
        return queryset.filter(subtree_q("org_path", path))

    def filter_age_band(self, queryset: QuerySet[Member], name: str, value: str) -> Any:
        low, high = AGE_BAND_LIMITS[value]
        earliest, latest = birth_range_for_age_band(date.today(), low, high)
        return queryset.filter(birth_date__gte=earliest, birth_date__lte=latest)
