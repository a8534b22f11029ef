"""The member registry in the admin: read-only, with its history (see ``core/admin.py``)."""

from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from dangvu.core.admin import ReadOnlyAdminMixin
from dangvu.members.models import Member, Placement


@admin.register(Member)
class MemberAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ("full_name", "gender", "birth_date", "status", "cell", "card_number")
    list_filter = ("status", "gender")
    list_select_related = ("cell",)
    search_fields = ("search_text", "national_id", "card_number")


@admin.register(Placement)
class PlacementAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ("member", "cell", "kind", "start_date", "end_date")
    list_filter = ("kind",)
    list_select_related = ("member", "cell")
    search_fields = ("member__full_name", "cell__code", "cell__name")
