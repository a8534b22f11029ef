"""Serializers of the lifecycle API: transfers, their steps, reception, membership events."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from dangvu.core.api import InputSerializer
from dangvu.members.choices import PlacementKind
from dangvu.members.decisions import DECISIONS
from dangvu.members.models import MembershipEvent, Transfer
from dangvu.members.serializers import MemberCreateSerializer
from dangvu.organizations.models import Organization


class TransferSerializer(serializers.ModelSerializer):
    """A transfer as both of its ends see it."""

    member_name = serializers.CharField(source="member.full_name", read_only=True)

    class Meta:
        model = Transfer
        fields = [
            "id",
            "member",
            "member_name",
            "kind",
            "from_cell",
            "from_external",
            "to_cell",
            "to_external",
            "letter_number",
            "letter_date",
            "moved_on",
            "presented_on",
            "started_on",
            "until",
            "state",
            "reason",
        ]
        read_only_fields = fields


class TransferCreateSerializer(InputSerializer):
    """The introduction letter: the destination may be any cell, or one outside the database."""

    member = serializers.IntegerField(label=_("đảng viên"))
    kind = serializers.ChoiceField(
        label=_("hình thức"), choices=PlacementKind.choices, default=PlacementKind.PERMANENT
    )
    to_cell = serializers.PrimaryKeyRelatedField(
        label=_("chi bộ chuyển đến"),
        queryset=Organization.objects.all(),
        required=False,
        allow_null=True,
        default=None,
    )
    to_external = serializers.CharField(max_length=255, required=False, default="")
    moved_on = serializers.DateField(label=_("ngày chuyển đi"))
    letter_number = serializers.CharField(max_length=60, required=False, default="")
    letter_date = serializers.DateField(required=False, allow_null=True, default=None)
    until = serializers.DateField(required=False, allow_null=True, default=None)
    for_study = serializers.BooleanField(required=False, default=False)
    reason = serializers.CharField(max_length=500, required=False, default="")
    # ``kind`` is a placement kind, checked by its choices (it is not a decision).


class StepSerializer(InputSerializer):
    """The day a step of a transfer happened."""

    day = serializers.DateField(label=_("ngày"))


class CancelSerializer(InputSerializer):
    reason = serializers.CharField(max_length=200, required=False, default="")


class ReceiveSerializer(MemberCreateSerializer):
    """A member received from outside: the profile, its history, and the letter."""

    from_external = serializers.CharField(max_length=255)
    letter_number = serializers.CharField(max_length=60, required=False, default="")
    letter_date = serializers.DateField(required=False, allow_null=True, default=None)
    moved_on = serializers.DateField()
    presented_on = serializers.DateField(required=False, allow_null=True, default=None)
    started_on = serializers.DateField()


class MembershipEventSerializer(serializers.ModelSerializer):
    member_name = serializers.CharField(source="member.full_name", read_only=True)

    class Meta:
        model = MembershipEvent
        fields = [
            "id",
            "member",
            "member_name",
            "kind",
            "effective_date",
            "decided_by",
            "decision_number",
            "decision_date",
            "reason",
            "cancelled",
        ]
        read_only_fields = fields


class DecisionCreateSerializer(InputSerializer):
    """A decision on a member, dispatched by ``kind`` to its service."""

    member = serializers.IntegerField(label=_("đảng viên"))
    kind = serializers.ChoiceField(
        label=_("loại"),
        choices=MembershipEvent.Kind.choices,
    )
    effective_date = serializers.DateField(label=_("ngày hiệu lực"))
    decided_by = serializers.CharField(max_length=255, required=False, default="")
    decision_number = serializers.CharField(max_length=60, required=False, default="")
    decision_date = serializers.DateField(required=False, allow_null=True, default=None)
    reason = serializers.CharField(max_length=500, required=False, default="")

    def validate_kind(self, value: str) -> str:
        if value not in DECISIONS:
            raise serializers.ValidationError(_("Loại quyết định này không ghi ở đây."))
        return value
