"""Serializers of the document registry API: what a list row shows, what a POST takes."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from dangvu.core.api import InputSerializer
from dangvu.documents.choices import KIND_OF_TYPE_CODE, Confidentiality, Direction, DocumentKind
from dangvu.documents.models import Document, DocumentFile


class DocumentSerializer(serializers.ModelSerializer):
    code = serializers.CharField(read_only=True, help_text=_("“09-NQ/ĐU”."))
    number_line = serializers.CharField(read_only=True, help_text=_("“Số 09-NQ/ĐU”."))
    issuer = serializers.CharField(source="issuer_name", read_only=True)

    class Meta:
        model = Document
        fields = [
            "id",
            "organization",
            "direction",
            "kind",
            "type_code",
            "number",
            "code",
            "number_line",
            "issued_on",
            "issuer",
            "issuer_code",
            "summary",
            "place",
            "signer_name",
            "signer_title",
            "confidentiality",
            "term_start",
            "received_on",
        ]
        read_only_fields = fields


class DocumentInputSerializer(InputSerializer):
    """Issue an outgoing document (default) or register an incoming one."""

    organization = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
    direction = serializers.ChoiceField(choices=Direction.choices, default=Direction.OUTGOING)
    kind = serializers.ChoiceField(choices=DocumentKind.choices, required=False)
    type_code = serializers.CharField(max_length=10, required=False, allow_blank=True)
    number = serializers.IntegerField(
        min_value=1, max_value=99_999, required=False, allow_null=True
    )
    issuer_code = serializers.CharField(max_length=20, required=False, allow_blank=True)
    issuer_name = serializers.CharField(max_length=255, required=False, allow_blank=True)
    issued_on = serializers.DateField()
    received_on = serializers.DateField(required=False, allow_null=True)
    summary = serializers.CharField(max_length=500)
    body = serializers.CharField(required=False, allow_blank=True, default="")
    signer_name = serializers.CharField(max_length=120, required=False, allow_blank=True)
    signer_title = serializers.CharField(max_length=120, required=False, allow_blank=True)
    recipients = serializers.CharField(required=False, allow_blank=True, default="")
    place = serializers.CharField(max_length=120, required=False, allow_blank=True)
    confidentiality = serializers.ChoiceField(
        choices=Confidentiality.choices, default=Confidentiality.NORMAL
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if not attrs.get("kind"):
            kind = KIND_OF_TYPE_CODE.get((attrs.get("type_code") or "").strip())
            if kind is None:
                raise serializers.ValidationError(
                    {
                        "kind": _(
                            "Cần loại văn bản (kind) hoặc một ký hiệu loại đã biết (type_code)."
                        )
                    }
                )
            attrs["kind"] = kind
        return attrs


class DocumentFileSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text=_("Địa chỉ tải tệp (trang web)."))

    class Meta:
        model = DocumentFile
        fields = ["id", "document", "title", "uploaded_at", "url"]
        read_only_fields = fields

    def get_url(self, attached: DocumentFile) -> str:
        return reverse("documents:file", args=[attached.document_id, attached.pk])


class DocumentFileInputSerializer(InputSerializer):
    """A file attached to a document (multipart); the checks are ``services.attach_file``'s."""

    upload = serializers.FileField(
        required=False,
        allow_null=True,
        allow_empty_file=True,
        error_messages={
            "invalid": _("Dữ liệu gửi lên không phải là tệp (gửi multipart/form-data)."),
            "no_name": _("Tệp gửi lên không có tên."),
            "max_length": _("Tên tệp không được dài quá {max_length} ký tự."),
        },
    )
    title = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
