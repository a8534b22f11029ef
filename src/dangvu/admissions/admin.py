"""Admissions in the admin: read-only, with their history (writes go through services)."""

from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from dangvu.admissions.models import AdmissionTarget, AwarenessCourse, Candidate, CandidateStep
from dangvu.core.admin import ReadOnlyAdminMixin


@admin.register(Candidate)
class CandidateAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ("full_name", "gender", "birth_date", "stage", "cell")
    list_filter = ("stage",)
    list_select_related = ("cell",)
    search_fields = ("search_text", "national_id")


@admin.register(CandidateStep)
class CandidateStepAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ("candidate", "stage", "date", "decided_by", "document_number")
    list_filter = ("stage",)
    list_select_related = ("candidate",)


@admin.register(AdmissionTarget)
class AdmissionTargetAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ("cell", "year", "target")
    list_filter = ("year",)
    list_select_related = ("cell",)


@admin.register(AwarenessCourse)
class AwarenessCourseAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ("name", "organization", "start_date", "end_date")
    list_select_related = ("organization",)
