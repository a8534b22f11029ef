"""The FilterSets of work programmes, tasks, targets and reviews (API and pages).

A period is written as people write it ("2022-Q1", "quý 1/2022"): a bad one is
a 400 naming the field with ``programs.periods``' Vietnamese message.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ValidationError

from dangvu.core.scope import subtree_q
from dangvu.programs.choices import OPEN_STATUSES, TaskStatus
from dangvu.programs.models import Programme, Review, Target, Task
from dangvu.programs.periods import Period, parse_period

MAX_ID = 2**63 - 1
_YEAR = {"min_value": 1930, "max_value": 2100}


def period_value(value: str, field: str = "period") -> Period:
    try:
        return parse_period(value)
    except ValueError as error:
        raise ValidationError({field: [str(error)]}) from error


def _id_filter(label: Any, **kwargs: Any) -> django_filters.NumberFilter:
    return django_filters.NumberFilter(label=label, min_value=1, max_value=MAX_ID, **kwargs)


class ProgrammeFilterSet(django_filters.FilterSet):
    """organization (the programmes of that organisation), period ("2022-Q1"), year."""

    organization = _id_filter(_("Tổ chức"))
    period = django_filters.CharFilter(label=_("Kỳ (2022-Q1, quý 1/2022)"), method="filter_period")
    year = django_filters.NumberFilter(label=_("Năm"), **_YEAR)

    class Meta:
        model = Programme
        fields = ["organization", "period", "year"]

    def filter_period(self, queryset: QuerySet[Programme], name: str, value: str) -> Any:
        if not value:
            return queryset
        period = period_value(value)
        return queryset.filter(
            period_kind=period.kind, year=period.year, period_number=period.number
        )


class TaskFilterSet(django_filters.FilterSet):
    """programme, the owning body (organization or agency), responsible, status, overdue, key."""

    programme = _id_filter(_("Chương trình"))
    organization = _id_filter(_("Tổ chức đảng chủ trì"), field_name="owner_org")
    agency = _id_filter(_("Cơ quan, đoàn thể chủ trì"), field_name="owner_agency")
    responsible = _id_filter(_("Người chịu trách nhiệm"))
    status = django_filters.ChoiceFilter(label=_("Tình trạng"), choices=TaskStatus.choices)
    overdue = django_filters.BooleanFilter(label=_("Quá hạn (hôm nay)"), method="filter_overdue")
    is_key = django_filters.BooleanFilter(label=_("Nhiệm vụ trọng tâm"))
    period = django_filters.CharFilter(
        label=_("Kỳ của chương trình (2022-Q1)"), method="filter_period"
    )

    class Meta:
        model = Task
        fields = ["programme", "organization", "agency", "responsible", "status", "is_key"]

    def filter_overdue(self, queryset: QuerySet[Task], name: str, value: bool | None) -> Any:
        if value is None:
            return queryset
        late = Q(status__in=OPEN_STATUSES, deadline__lt=timezone.localdate())
        return queryset.filter(late) if value else queryset.exclude(late)

    def filter_period(self, queryset: QuerySet[Task], name: str, value: str) -> Any:
        if not value:
            return queryset
        period = period_value(value)
        return queryset.filter(
            programme__period_kind=period.kind,
            programme__year=period.year,
            programme__period_number=period.number,
        )


def _subtree(queryset: QuerySet[Any], value: int) -> Any:
    from dangvu.organizations.models import Organization

    path = Organization.objects.filter(pk=value).values_list("path", flat=True).first()
    return queryset.none() if path is None else queryset.filter(subtree_q("org_path", path))


class TargetFilterSet(django_filters.FilterSet):
    """organization (the targets of that organisation), year."""

    organization = _id_filter(_("Tổ chức"))
    year = django_filters.NumberFilter(label=_("Năm"), **_YEAR)

    class Meta:
        model = Target
        fields = ["organization", "year"]


class ReviewFilterSet(django_filters.FilterSet):
    """organization (cả cấp dưới), programme, year of the programme."""

    organization = _id_filter(_("Tổ chức (cả cấp dưới)"), method="filter_organization")
    programme = _id_filter(_("Chương trình"))
    year = django_filters.NumberFilter(label=_("Năm"), field_name="programme__year", **_YEAR)

    class Meta:
        model = Review
        fields = ["organization", "programme", "year"]

    def filter_organization(self, queryset: QuerySet[Review], name: str, value: int) -> Any:
        return _subtree(queryset, value)
