"""The delegates of a congress of delegates in the API (issue 14, item 16).

``GET/POST /api/v1/congresses/{id}/delegates/`` lists or records a delegate
(official or alternate; elected below, designated or ex officio);
``POST /api/v1/congresses/{id}/delegates/{delegate}/replace/`` lets an alternate
stand in for an official delegate, with the reason. Every write goes through
``services_delegates``; ``convene`` then builds the list from these rows.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from dangvu.congresses import services
from dangvu.congresses.api_common import MAX_ID, Parsing
from dangvu.congresses.choices import DelegateRole, DelegateSource
from dangvu.congresses.models import Congress, Delegate
from dangvu.core.api import WRITE, InputSerializer


class DelegateSerializer(serializers.ModelSerializer):
    """One delegate, with whom they stand in for."""

    member_name = serializers.CharField(source="member.full_name", read_only=True)
    role_label = serializers.CharField(source="get_role_display", read_only=True)
    source_label = serializers.CharField(source="get_source_display", read_only=True)
    replaced_by = serializers.SerializerMethodField()

    class Meta:
        model = Delegate
        fields = [
            "id",
            "member",
            "member_name",
            "role",
            "role_label",
            "source",
            "source_label",
            "elected_at",
            "replaces",
            "replaced_reason",
            "replaced_by",
            "note",
        ]
        read_only_fields = fields

    def get_replaced_by(self, delegate: Delegate) -> int | None:
        """The alternate standing in for this delegate (None when nobody)."""
        stand_in = getattr(delegate, "replaced_by", None)
        return stand_in.pk if stand_in is not None else None


class DelegateInputSerializer(InputSerializer):
    member = serializers.IntegerField(label=_("đảng viên"), min_value=1, max_value=MAX_ID)
    role = serializers.ChoiceField(label=_("loại đại biểu"), choices=DelegateRole.choices)
    # Declared fields are popped by the metaclass: "source" does not shadow Field.source.
    source = serializers.ChoiceField(  # type: ignore[assignment]
        label=_("tư cách"), choices=DelegateSource.choices
    )
    elected_at = serializers.IntegerField(
        label=_("bầu tại đại hội"),
        required=False,
        allow_null=True,
        default=None,
        min_value=1,
        max_value=MAX_ID,
        help_text=_("Mã đại hội cấp dưới đã bầu đại biểu (khi tư cách là elected)."),
    )
    note = serializers.CharField(
        label=_("ghi chú"), required=False, allow_blank=True, max_length=255, default=""
    )


class DelegateReplaceInputSerializer(InputSerializer):
    alternate = serializers.IntegerField(
        label=_("đại biểu dự khuyết"), min_value=1, max_value=MAX_ID
    )
    reason = serializers.CharField(label=_("lý do thay thế"), max_length=255)


class DelegatesMixin(Parsing):
    """The delegates' actions of ``CongressViewSet``."""

    @extend_schema(
        methods=["GET"],
        summary=_("Danh sách đại biểu của đại hội đại biểu"),
        request=None,
        responses={200: DelegateSerializer(many=True)},
    )
    @extend_schema(
        methods=["POST"],
        summary=_("Ghi một đại biểu chính thức hoặc dự khuyết"),
        description=_(
            "Đại biểu do đại hội cấp dưới bầu (ghi elected_at), được chỉ định, hoặc đương "
            "nhiên (cấp ủy viên cấp triệu tập). Chỉ đại hội đại biểu, trước khi đại hội tổ chức."
        ),
        request=DelegateInputSerializer,
        responses={201: DelegateSerializer, **WRITE},
    )
    # The list is answered whole (a congress has tens of delegates), not paginated:
    # pagination_class=None makes the schema say so (the fuzzing found [] against a page).
    @action(detail=True, methods=["get", "post"], url_path="delegates", pagination_class=None)
    def delegates(self, request: Request, pk: str | None = None) -> Response:
        congress = self.get_object()
        if request.method == "GET":
            rows = congress.delegates.select_related("member", "replaced_by").order_by("id")
            return Response(DelegateSerializer(rows, many=True).data)
        data = self.parsed(DelegateInputSerializer)
        elected_at = None
        if data["elected_at"] is not None:
            elected_at = (
                Congress.objects.visible_to(request.user).filter(pk=data["elected_at"]).first()
            )
            if elected_at is None:
                raise ValidationError({"elected_at": [_("Không tìm thấy đại hội này.")]})
        delegate = services.add_delegate(
            request.user,
            congress,
            member=self.visible_member(data["member"]),
            role=data["role"],
            source=data["source"],
            elected_at=elected_at,
            note=data["note"],
        )
        return Response(DelegateSerializer(delegate).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary=_("Đại biểu dự khuyết thay thế một đại biểu chính thức"),
        request=DelegateReplaceInputSerializer,
        responses={200: DelegateSerializer, **WRITE},
    )
    @action(
        detail=True,
        methods=["post"],
        url_path=r"delegates/(?P<delegate_pk>[0-9]{1,18})/replace",
    )
    def replace_delegate(
        self, request: Request, pk: str | None = None, delegate_pk: str | None = None
    ) -> Response:
        congress = self.get_object()
        data = self.parsed(DelegateReplaceInputSerializer)
        delegate = congress.delegates.filter(pk=int(delegate_pk or 0)).first()
        alternate = congress.delegates.filter(pk=data["alternate"]).first()
        if delegate is None:
            raise ValidationError({"delegate": [_("Không có đại biểu này trong đại hội.")]})
        if alternate is None:
            raise ValidationError({"alternate": [_("Không có đại biểu này trong đại hội.")]})
        stand_in = services.replace_delegate(
            request.user, delegate, alternate=alternate, reason=data["reason"]
        )
        return Response(DelegateSerializer(stand_in).data)
