"""Congresses in the admin: read-only, with their history (writes go through services)."""

from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from dangvu.congresses.models import (
    Ballot,
    Campaign,
    Candidate,
    Congress,
    CongressDocument,
    Convened,
    Election,
    Guide,
)
from dangvu.core.admin import ReadOnlyAdminMixin


@admin.register(Campaign)
class CampaignAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ("title", "organization", "term_start", "term_end", "target_level", "due_on")
    list_filter = ("term_start", "target_level")
    list_select_related = ("organization",)
    search_fields = ("title", "plan_number")


@admin.register(Guide)
class GuideAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ("campaign", "organization", "member", "assigned_on")
    list_select_related = ("campaign", "organization", "member")


@admin.register(Congress)
class CongressAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = (
        "organization",
        "term_start",
        "term_end",
        "kind",
        "status",
        "planned_on",
        "held_on",
        "approved_on",
    )
    list_filter = ("status", "kind", "term_start")
    list_select_related = ("organization",)
    search_fields = ("organization__name", "organization__code")


@admin.register(Convened)
class ConvenedAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ("congress", "member", "full_member", "exclusion", "present")
    list_filter = ("full_member", "exclusion")
    list_select_related = ("congress__organization", "member")


@admin.register(CongressDocument)
class CongressDocumentAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ("title", "kind", "congress", "added_on")
    list_filter = ("kind",)
    list_select_related = ("congress__organization",)


@admin.register(Election)
class ElectionAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ("congress", "kind", "round", "seats", "denominator", "status", "counted_on")
    list_filter = ("kind", "status")
    list_select_related = ("congress__organization",)


@admin.register(Candidate)
class CandidateAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ("name", "election", "position", "member")
    list_select_related = ("election__congress__organization", "member")


@admin.register(Ballot)
class BallotAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ("number", "election", "issued")
    list_filter = ("issued",)
    list_select_related = ("election__congress__organization",)
