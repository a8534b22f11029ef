"""The document registry on /api/v1/documents/: list and search, issue or register,
Word and PDF files, attachments.

Every write goes through ``documents.services``; every read through
``Document.objects.visible_to`` — the scope rule and the confidentiality rule.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from dangvu.api_router import router
from dangvu.core import scope
from dangvu.core.api import BAD_INPUT, FORBIDDEN, NOT_FOUND, ScopedViewSet
from dangvu.documents import services
from dangvu.documents.choices import Direction
from dangvu.documents.downloads import outgoing_file
from dangvu.documents.filters import DocumentFilterSet
from dangvu.documents.models import Document
from dangvu.documents.serializers import (
    DocumentFileInputSerializer,
    DocumentFileSerializer,
    DocumentInputSerializer,
    DocumentSerializer,
)
from dangvu.organizations.models import Organization


@extend_schema_view(
    list=extend_schema(
        summary=_("Sổ văn bản"),
        description=_(
            "Văn bản đi và đến của tổ chức (organization=, cả cấp dưới); tìm kiếm không dấu "
            "(search=) theo số ký hiệu, trích yếu và cơ quan ban hành."
        ),
    ),
    retrieve=extend_schema(
        summary=_("Một văn bản"), responses={200: DocumentSerializer, 404: NOT_FOUND}
    ),
)
class DocumentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    model = Document
    serializer_class = DocumentSerializer
    filterset_class = DocumentFilterSet
    action_serializers = {"create": DocumentInputSerializer}

    def base_queryset(self) -> QuerySet[Document]:
        return Document.objects.select_related("organization__parent").order_by("-issued_on", "-id")

    def _outgoing(self) -> Document:
        document = self.get_object()
        if document.direction != Direction.OUTGOING:
            raise ValidationError({"detail": _("Chỉ văn bản đi mới in theo thể thức.")})
        return document

    @extend_schema(
        summary=_("Ban hành văn bản đi (cấp số) hoặc vào sổ văn bản đến"),
        description=_(
            "Văn bản đi: số tiếp theo của loại văn bản trong nhiệm kỳ cấp ủy, từ 01; gửi "
            "number để nhập văn bản cũ (số đã cấp bị từ chối). Văn bản đến: direction=incoming, "
            "kèm number, issuer_code, issuer_name, received_on."
        ),
        request=DocumentInputSerializer,
        responses={201: DocumentSerializer, 400: BAD_INPUT, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def create(self, request: Request) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data: dict[str, Any] = dict(serializer.validated_data)
        organization = scope.for_user(
            request.user, Organization.objects.all(), data.pop("organization"), scope.EDIT
        )
        if data.pop("direction") == Direction.INCOMING:
            document = self._register(request, organization, data)
        else:
            data.pop("issuer_name", None)
            data.pop("received_on", None)
            document = services.issue_outgoing(request.user, organization=organization, **data)
        return Response(DocumentSerializer(document).data, status=status.HTTP_201_CREATED)

    def _register(self, request: Request, organization: Organization, data: dict[str, Any]) -> Any:
        data.pop("recipients", None)
        if not data.get("received_on"):
            raise ValidationError({"received_on": _("Văn bản đến cần ngày đến.")})
        return services.register_incoming(
            request.user,
            organization=organization,
            type_code=data.pop("type_code", ""),
            number=data.pop("number", None),
            issuer_code=data.pop("issuer_code", ""),
            issuer_name=data.pop("issuer_name", ""),
            **data,
        )

    @extend_schema(
        summary=_("Văn bản đi theo thể thức (Word)"),
        responses={
            (200, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"): (
                OpenApiTypes.BINARY
            ),
            400: BAD_INPUT,
            404: NOT_FOUND,
        },
    )
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def docx(self, request: Request, pk: str | None = None) -> HttpResponse:
        return outgoing_file(request, self._outgoing(), "docx")

    @extend_schema(
        summary=_("Văn bản đi theo thể thức (PDF)"),
        responses={(200, "application/pdf"): OpenApiTypes.BINARY, 400: BAD_INPUT, 404: NOT_FOUND},
    )
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def pdf(self, request: Request, pk: str | None = None) -> HttpResponse:
        return outgoing_file(request, self._outgoing(), "pdf")

    @extend_schema(
        summary=_("Đính kèm tệp vào văn bản"),
        description=_(
            "multipart/form-data: upload (tệp pdf, doc, docx, odt, rtf, txt, xls, xlsx, ods, "
            "jpg, jpeg, png; tối đa 20 MB) và title (để trống: tên tệp)."
        ),
        request={"multipart/form-data": DocumentFileInputSerializer},
        responses={201: DocumentFileSerializer, 400: BAD_INPUT, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    @action(
        detail=True,
        methods=["post"],
        filter_backends=[],
        pagination_class=None,
        parser_classes=[MultiPartParser, FormParser],
    )
    def files(self, request: Request, pk: str | None = None) -> Response:
        document = self.get_object()
        serializer = DocumentFileInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        attached = services.attach_file(
            request.user,
            document,
            title=serializer.validated_data["title"],
            upload=serializer.validated_data.get("upload"),
        )
        return Response(DocumentFileSerializer(attached).data, status=status.HTTP_201_CREATED)


router.register("documents", DocumentViewSet, basename="document")
