"""Forms of the party-tree pages. They only parse input; the services validate and write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dangvu.core.forms import DateField
from dangvu.members.models import Member
from dangvu.organizations.choices import (
    ALLOWED_PARENT_LEVELS,
    CELL_KINDS,
    GRASSROOTS_KINDS,
    Body,
    Kind,
    Level,
    PositionRole,
)
from dangvu.organizations.models import Organization

BLANK = [("", "---------")]


def allowed_levels(parent: Organization | None) -> list[tuple[str, Any]]:
    """The levels an organisation may have under ``parent`` (none under a grassroots cell)."""
    if parent is not None and parent.is_cell:
        return []
    parent_level = parent.level if parent else None
    return [
        (value, label)
        for value, label in Level.choices
        if parent_level in ALLOWED_PARENT_LEVELS[value]
    ]


def kind_choices(level: str | None = None) -> list[tuple[Any, Any]]:
    """Kinds for one level, or every kind grouped by level when the level is not known yet."""
    cells = [(value, label) for value, label in Kind.choices if value in CELL_KINDS]
    grassroots = [(value, label) for value, label in Kind.choices if value in GRASSROOTS_KINDS]
    if level == Level.CELL:
        return BLANK + cells
    if level == Level.GRASSROOTS:
        return BLANK + grassroots
    return [
        *BLANK,
        (_("Chi bộ"), cells),
        (_("Đảng bộ cơ sở"), grassroots),
    ]


class OrganizationCreateForm(forms.Form):
    code = forms.CharField(
        label=_("Mã tổ chức"),
        max_length=40,
        help_text=_("Mã cố định, không đổi khi đổi tên, ví dụ XA-DONG."),
    )
    name = forms.CharField(label=_("Tên"), max_length=255)
    short_name = forms.CharField(label=_("Tên ngắn"), max_length=120, required=False)
    level = forms.ChoiceField(label=_("Cấp"))
    kind = forms.ChoiceField(label=_("Loại hình"), required=False)
    is_cell = forms.BooleanField(
        label=_("Chi bộ cơ sở (đảng bộ cơ sở không có chi bộ trực thuộc)"), required=False
    )
    founded_on = DateField(label=_("Ngày thành lập"), required=False)

    def __init__(self, *args: Any, parent: Organization | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        levels = allowed_levels(parent)
        level_field: Any = self.fields["level"]
        level_field.choices = levels
        if len(levels) == 1:
            self.initial.setdefault("level", levels[0][0])
        kind_field: Any = self.fields["kind"]
        kind_field.choices = kind_choices(levels[0][0] if len(levels) == 1 else None)
        if Level.GRASSROOTS not in {value for value, _label in levels}:
            del self.fields["is_cell"]


class OrganizationEditForm(forms.Form):
    name = forms.CharField(label=_("Tên"), max_length=255)
    short_name = forms.CharField(label=_("Tên ngắn"), max_length=120, required=False)
    kind = forms.ChoiceField(label=_("Loại hình"), required=False)
    founded_on = DateField(label=_("Ngày thành lập"), required=False)
    ended_on = DateField(
        label=_("Ngày kết thúc hoạt động"),
        required=False,
        help_text=_("Chỉ nhập khi tổ chức giải thể hoặc sáp nhập."),
    )
    note = forms.CharField(
        label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial", {name: getattr(organization, name) for name in self.base_fields}
        )
        super().__init__(*args, **kwargs)
        if organization.level in (Level.CELL, Level.GRASSROOTS):
            kind_field: Any = self.fields["kind"]
            kind_field.choices = kind_choices(organization.level)
        else:
            del self.fields["kind"]


def body_choices(organization: Organization) -> list[tuple[str, Any]]:
    """A cell elects a chi ủy; a party committee above it a BCH and a BTV."""
    allowed = []
    if organization.is_member_unit:
        allowed.append(Body.CELL_COMMITTEE)
    if organization.level != Level.CELL:
        allowed += [Body.EXECUTIVE, Body.STANDING]
    labels = dict(Body.choices)
    return [(value.value, labels[value]) for value in allowed]


class CommitteeForm(forms.Form):
    body = forms.ChoiceField(label=_("Cơ quan"))
    term_start = forms.IntegerField(label=_("Nhiệm kỳ từ năm"), min_value=1930, max_value=2100)
    term_end = forms.IntegerField(label=_("Nhiệm kỳ đến năm"), min_value=1930, max_value=2100)
    elected_on = DateField(label=_("Ngày bầu"), required=False)

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        body_field: Any = self.fields["body"]
        body_field.choices = body_choices(organization)
        year = timezone.localdate().year
        self.initial.setdefault("term_start", year)
        self.initial.setdefault("term_end", year + 5)


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.full_name} — {obj.cell.name} ({obj.birth_date:%d/%m/%Y})"


class PositionForm(forms.Form):
    member = MemberChoiceField(label=_("Đảng viên"), queryset=Member.objects.none())
    role = forms.ChoiceField(label=_("Chức vụ"), choices=PositionRole.choices)
    title = forms.CharField(
        label=_("Chức danh kiêm nhiệm"),
        max_length=200,
        required=False,
        help_text=_("Ví dụ: Chủ tịch HĐND xã, Trưởng thôn."),
    )
    start_date = DateField(
        label=_("Từ ngày"), required=False, help_text=_("Để trống: từ ngày bầu cấp ủy.")
    )

    def __init__(self, *args: Any, members: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        member_field: Any = self.fields["member"]
        member_field.queryset = members
        self.initial.setdefault("role", PositionRole.MEMBER)
