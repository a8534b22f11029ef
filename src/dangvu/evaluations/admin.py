"""The annual review in the admin: read-only, with its history (writes go through services)."""

from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from dangvu.core.admin import ReadOnlyAdminMixin
from dangvu.evaluations.models import (
    Commendation,
    DisciplineRecord,
    Evaluation,
    EvaluationPeriod,
    Finalization,
    QuotaException,
)


@admin.register(EvaluationPeriod)
class EvaluationPeriodAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ("organization", "year", "quarter", "rules", "state", "opened_on", "closed_on")
    list_filter = ("year", "rules", "state")
    list_select_related = ("organization",)


@admin.register(Evaluation)
class EvaluationAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ("period", "kind", "member", "subject_org", "unit", "stage", "decided_level")
    list_filter = ("kind", "stage", "decided_level")
    list_select_related = ("period__organization", "member", "subject_org", "unit")
    raw_id_fields = ("period", "member", "subject_org", "unit", "deciding_org")


@admin.register(QuotaException)
class QuotaExceptionAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ("number", "authority", "deciding_org", "kind", "allowed", "withdrawn")
    list_filter = ("kind", "withdrawn")
    list_select_related = ("deciding_org",)


@admin.register(Finalization)
class FinalizationAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ("deciding_org", "kind", "finalized_on", "excellent", "good", "limit", "active")
    list_filter = ("kind", "active")
    list_select_related = ("deciding_org", "period__organization")


@admin.register(DisciplineRecord)
class DisciplineRecordAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ("form", "member", "organization", "decided_on", "authority", "self_corrected")
    list_filter = ("form", "self_corrected", "cancelled")
    list_select_related = ("member", "organization")


@admin.register(Commendation)
class CommendationAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ("form", "evaluation", "authority", "decision_number", "decided_on")
    list_filter = ("form",)
    list_select_related = ("evaluation__member", "evaluation__subject_org", "evaluation__period")
