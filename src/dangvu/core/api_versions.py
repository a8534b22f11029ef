"""Versions in the API: ``ETag`` on one object, ``If-Match`` on its updates (HTTP 412).

Every viewset of /api/v1/ derives from ``core.api.ScopedViewSet``, which takes
``VersionedViewMixin``: the GET of one object and the answer of a successful
PATCH/PUT carry ``ETag: "<version>"`` (``core.versioning.row_version``); a
PATCH/PUT runs in one transaction that locks the row before reading it, so a
second writer waits and then changes the first writer's result rather than a
copy read before it (two PATCHes of different fields both stick), and an
``If-Match`` that is not the row's version is refused with 412, nothing written.
``VersionedAutoSchema`` documents both headers and the 412 in the OpenAPI.
"""

from __future__ import annotations

import re
from typing import Any

from django.db import transaction
from django.db.models import Model
from django.http import HttpRequest, HttpResponseBase
from django.utils.translation import gettext_lazy as _
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, inline_serializer
from rest_framework import exceptions, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from dangvu.core import versioning

# The actions that change one object (DRF's names for PATCH and PUT).
UPDATE_ACTIONS = frozenset({"update", "partial_update"})
VERSIONED_ACTIONS = UPDATE_ACTIONS | {"retrieve"}
_TAG = re.compile(r'(?:W/)?"([^"]*)"')


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_code = "precondition_failed"
    default_detail = _("Đối tượng đã được người khác sửa sau lần đọc của anh/chị.")


def if_match_tags(header: str) -> set[str]:
    """The versions an ``If-Match`` value names (``"a", W/"b"``); ``{"*"}`` for any."""
    if header.strip() == "*":
        return {"*"}
    tags = set(_TAG.findall(header))
    # A bare version without quotes is accepted too: curl users forget them.
    return tags or {header.strip()}


def check_if_match(request: Request, obj: Model) -> None:
    """412 when the request names versions and ``obj`` (locked) is none of them."""
    header = request.headers.get("If-Match")
    if header is None:
        return
    tags = if_match_tags(header)
    current = versioning.row_version(obj)
    if "*" in tags or current in tags:
        return
    changes: list[versioning.Change] = []
    for tag in tags:
        changes = versioning.changes_since(obj, tag)
        if changes:
            break
    message = versioning.stale_message(changes)
    listed = "; ".join(str(change) for change in changes)
    raise PreconditionFailed(
        {
            "detail": f"{message} {listed}".strip(),
            "changes": [
                {"field": c.field, "label": c.label, "old": c.old, "new": c.new} for c in changes
            ],
        }
    )


class VersionedViewMixin:
    """ETag on one object, If-Match and the row lock on its updates."""

    _versioned: Model | None = None

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.method in ("PATCH", "PUT"):
            # The row lock taken in ``versioned`` lasts until the update is written.
            with transaction.atomic():
                return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]

    def versioned(self, obj: Model) -> Model:
        """``get_object``'s last step: lock and check an update's row, remember the object."""
        action = getattr(self, "action", None)
        if action in UPDATE_ACTIONS:
            versioning.lock(obj)
            check_if_match(getattr(self, "request"), obj)  # noqa: B009 (a DRF view's)
        if action in VERSIONED_ACTIONS:
            self._versioned = obj
        return obj

    def finalize_response(
        self, request: Request, response: Response, *args: Any, **kwargs: Any
    ) -> Response:
        response = super().finalize_response(request, response, *args, **kwargs)  # type: ignore[misc]
        obj = self._versioned
        if obj is not None and response.status_code == status.HTTP_200_OK:
            if getattr(self, "action", None) in UPDATE_ACTIONS:
                # The stored row after the update, not the copy the service changed.
                obj = type(obj)._base_manager.get(pk=obj.pk)
            response["ETag"] = f'"{versioning.row_version(obj)}"'
        return response


# One changed field of a 412 (``label`` is a Field attribute: declared through a dict).
_CHANGE = inline_serializer(
    "StaleChange",
    {
        "field": serializers.CharField(help_text=_("Tên trường")),
        "label": serializers.CharField(help_text=_("Tên trường như trên trang")),
        "old": serializers.CharField(help_text=_("Giá trị khi anh/chị đọc")),
        "new": serializers.CharField(help_text=_("Giá trị hiện tại")),
    },
    many=True,
    help_text=_("Các trường đã đổi (rỗng nếu không rõ)."),
)


class PreconditionFailedSerializer(serializers.Serializer):
    """The answer of a stale ``If-Match``."""

    detail = serializers.CharField(help_text=_("Thông báo: đã có người sửa, những gì đã đổi."))
    changes = _CHANGE


STALE = OpenApiResponse(
    response=PreconditionFailedSerializer,
    description=_("If-Match đã cũ: đối tượng đã được người khác sửa; không ghi gì."),
)
ETAG = OpenApiParameter(
    "ETag",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    response=[200],
    description=_("Phiên bản của đối tượng; gửi lại trong If-Match khi sửa."),
)
IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description=_(
        "Phiên bản (ETag) đã đọc. Nếu đối tượng đã được sửa sau đó: 412, không ghi gì. "
        "Không gửi: không kiểm tra."
    ),
)


class VersionedAutoSchema(AutoSchema):
    """The API's schema class: documents ETag, If-Match and the 412 of the versioned actions."""

    def _versioned_action(self) -> str | None:
        action = getattr(self.view, "action", None)
        if isinstance(self.view, VersionedViewMixin) and action in VERSIONED_ACTIONS:
            return str(action)
        return None

    def get_override_parameters(self) -> list[Any]:
        parameters = list(super().get_override_parameters())
        action = self._versioned_action()
        if action is not None:
            parameters.append(ETAG)
        if action in UPDATE_ACTIONS:
            parameters.append(IF_MATCH)
        return parameters

    def _get_response_bodies(self, direction: Any = "response") -> dict[str, Any]:
        bodies: dict[str, Any] = super()._get_response_bodies(direction)
        if self._versioned_action() in UPDATE_ACTIONS:
            bodies["412"] = self._get_response_for_code(STALE, "412", direction=direction)
        return bodies
