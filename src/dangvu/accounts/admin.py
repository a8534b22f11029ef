"""Users and their scoped roles: what the system administrator edits in the admin."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.forms import BaseFormSet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from dangvu.accounts.models import RoleAssignment, User
from dangvu.core.services import save_as


def _save_role(role: RoleAssignment, actor: Any) -> None:
    """A role's ``org_path`` repeats its organisation's path, which the scope rule reads."""
    role.org_path = role.organization.path
    save_as(role, actor)


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    fields = ("organization", "role", "is_active")
    autocomplete_fields = ("organization",)
    extra = 0


@admin.register(User)
class DangvuUserAdmin(SimpleHistoryAdmin, UserAdmin):
    list_display = ("username", "first_name", "last_name", "member", "is_demo", "is_superuser")
    list_filter = ("is_demo", "is_superuser", "is_active")
    list_select_related = ("member",)
    autocomplete_fields = ("member",)
    inlines = (RoleAssignmentInline,)
    fieldsets = (
        *UserAdmin.fieldsets,  # type: ignore[misc]
        (_("Đảng vụ"), {"fields": ("member", "is_demo")}),
    )

    def save_formset(
        self, request: HttpRequest, form: Any, formset: BaseFormSet, change: bool
    ) -> None:
        if formset.model is not RoleAssignment:  # type: ignore[attr-defined]
            super().save_formset(request, form, formset, change)
            return
        for role in formset.save(commit=False):  # type: ignore[attr-defined]
            _save_role(role, request.user)
        for removed in formset.deleted_objects:  # type: ignore[attr-defined]
            removed.delete()


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(SimpleHistoryAdmin):
    list_display = ("user", "role", "organization", "is_active", "created_at")
    list_filter = ("role", "is_active")
    list_select_related = ("user", "organization")
    search_fields = ("user__username", "organization__code", "organization__name")
    autocomplete_fields = ("user", "organization")

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        _save_role(obj, request.user)
