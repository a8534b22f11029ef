"""The party tree in the admin: read-only, with its history (see ``core/admin.py``)."""

from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from dangvu.core.admin import ReadOnlyAdminMixin
from dangvu.organizations.models import Agency, Committee, Organization, Position


@admin.register(Organization)
class OrganizationAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ("code", "name", "level", "kind", "parent", "founded_on", "ended_on")
    list_filter = ("level", "kind", "is_cell")
    list_select_related = ("parent",)
    search_fields = ("code", "name", "search_text")
    ordering = ("path",)


@admin.register(Committee)
class CommitteeAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ("organization", "body", "term_start", "term_end", "elected_on", "ended_on")
    list_filter = ("body",)
    list_select_related = ("organization",)
    search_fields = ("organization__code", "organization__name")


@admin.register(Position)
class PositionAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ("member", "role", "title", "committee", "start_date", "end_date")
    list_filter = ("role",)
    list_select_related = ("member", "committee__organization")
    search_fields = ("member__full_name", "title")


@admin.register(Agency)
class AgencyAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ("name", "short_name", "kind", "organization")
    list_filter = ("kind",)
    list_select_related = ("organization",)
    search_fields = ("name", "short_name")
