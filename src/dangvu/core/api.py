"""API helpers shared by every app: the scoped viewset base, its permission,
pagination, Vietnamese input messages and the error shape.

Every viewset of /api/v1/ derives from ``ScopedViewSet``, so the one scope rule
(ARCHITECTURE.md, rule 2) holds for the API exactly as for the pages: lists come
from ``visible_to(user)``, one object from ``scope.for_user`` (404 out of scope,
403 read-only), and a create checks the edit role at its target (the parent
organisation, the cell).
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import MaxLengthValidator, MinLengthValidator
from django.db.models import Model, QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse
from rest_framework import exceptions, permissions, serializers, viewsets
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from dangvu.accounts.authentication import SessionAuthentication, TokenAuthentication
from dangvu.core import scope
from dangvu.core.api_versions import VersionedViewMixin

# DRF's Vietnamese catalogue leaves these in English; the API speaks Vietnamese.
_DETAIL_MESSAGES: tuple[tuple[type[exceptions.APIException], Any], ...] = (
    (
        exceptions.NotAuthenticated,
        _("Chưa đăng nhập: gửi cookie phiên làm việc hoặc tiêu đề “Authorization: Token …”."),
    ),
    (
        exceptions.AuthenticationFailed,
        _("Thông tin đăng nhập không hợp lệ (token sai hoặc tài khoản đã bị khóa)."),
    ),
    (exceptions.ParseError, _("Dữ liệu gửi lên không đọc được (JSON không hợp lệ).")),
)


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Service-layer ValidationErrors become 400s with the Vietnamese messages."""
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        exc = serializers.ValidationError(detail)
    for exc_class, message in _DETAIL_MESSAGES:
        if isinstance(exc, exc_class):
            # Mutate rather than replace: DRF has put the WWW-Authenticate value on ``exc``.
            exc.detail = exceptions.ErrorDetail(str(message), code=exc.default_code)
    return drf_exception_handler(exc, context)


# DRF fills the ``{max_length}``-style placeholders with ``str.format``.
_FIELD_MESSAGES: dict[str, Any] = {
    "required": _("Trường này là bắt buộc."),
    "null": _("Trường này không được để trống."),
    "blank": _("Trường này không được để trống."),
    "max_length": _("Không được dài quá {max_length} ký tự."),
    "min_length": _("Phải có ít nhất {min_length} ký tự."),
    "invalid_choice": _("Giá trị “{input}” không có trong danh sách cho phép."),
    "incorrect_type": _("Phải là mã số (id) của đối tượng."),
    "datetime": _("Cần một ngày (YYYY-MM-DD), không phải ngày giờ."),
}
_INVALID_BY_TYPE: tuple[tuple[type[serializers.Field], Any], ...] = (
    (serializers.BooleanField, _("Phải là true hoặc false.")),
    (serializers.DateField, _("Ngày không hợp lệ, dùng dạng YYYY-MM-DD (ví dụ 2024-12-31).")),
    (serializers.IntegerField, _("Phải là một số nguyên.")),
    (serializers.CharField, _("Phải là một chuỗi ký tự.")),
)


def vietnamese_messages(field: serializers.Field) -> None:
    """Replace DRF's default error messages of ``field`` by Vietnamese ones."""
    for key in field.error_messages:
        if key in _FIELD_MESSAGES:
            field.error_messages[key] = _FIELD_MESSAGES[key]
    if "invalid" in field.error_messages:
        for field_class, message in _INVALID_BY_TYPE:
            if isinstance(field, field_class):
                field.error_messages["invalid"] = message
                break
    # DRF builds the length validators' messages in ``__init__``: rebuild them.
    for validator in field.validators:
        if isinstance(validator, MaxLengthValidator | MinLengthValidator):
            key = "max_length" if isinstance(validator, MaxLengthValidator) else "min_length"
            message = str(field.error_messages[key])  # fields are built per request
            validator.message = message.format(**{key: validator.limit_value})


class InputSerializer(serializers.Serializer):
    """Base of the API's write serializers: they parse, the services validate.

    Only types and formats are checked here, with Vietnamese messages; the
    business rules (required fields, ages, formats of ids, duplicates) are the
    services' and come back as field errors through ``exception_handler``.
    """

    default_error_messages = {"invalid": _("Dữ liệu gửi lên phải là một đối tượng JSON.")}

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        for field in fields.values():
            vietnamese_messages(field)
        return fields


class ScopedPagination(PageNumberPagination):
    """``{count, next, previous, results}``, 50 rows a page, ``page_size`` up to 200."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    # A lazy string, so the message follows the request's language.
    invalid_page_message = _("Trang không hợp lệ.")  # type: ignore[assignment]


def edit_roles(model: type[Model]) -> frozenset[str]:
    """The roles that may write ``model`` (``staff`` unless the model widens it)."""
    roles: frozenset[str] = getattr(model, "scope_edit_roles", scope.DEFAULT_EDIT_ROLES)
    return roles


def holds_any_role(user: Any, roles: frozenset[str]) -> bool:
    return bool(user.is_superuser) or any(g.role in roles for g in scope.grants(user))


class ScopedPermission(permissions.IsAuthenticated):
    """Signed-in users read (rows are filtered by scope); a create needs an edit role.

    The object-level rule (404 out of scope, 403 read-only) is ``scope.for_user``
    in ``ScopedViewSet.get_object``; where exactly a create may write (the
    parent, the cell) is ``ScopedViewSet.require_edit_at``.
    """

    def has_permission(self, request: Request, view: Any) -> bool:
        if not super().has_permission(request, view):
            return False
        if request.method in permissions.SAFE_METHODS or getattr(view, "action", "") != "create":
            return True
        return holds_any_role(request.user, edit_roles(view.model))


# The documented error answers of the API's writes (drf-spectacular).
BAD_INPUT = OpenApiResponse(description=_("Dữ liệu không hợp lệ: lỗi theo từng trường."))
FORBIDDEN = OpenApiResponse(description=_("Không có quyền sửa."))
NOT_FOUND = OpenApiResponse(description=_("Không tìm thấy (hoặc ngoài phạm vi được xem)."))
WRITE = {400: BAD_INPUT, 403: FORBIDDEN, 404: NOT_FOUND}


class ScopedViewSet(VersionedViewMixin, viewsets.GenericViewSet):
    """One model through the scope rule; subclasses add the mixins they serve.

    There is no ``destroy``: members and organisations are never deleted
    (ARCHITECTURE.md, rule 4), so DELETE answers 405. One object carries its
    version (``ETag``; ``If-Match`` on updates, under a row lock: core.api_versions).
    """

    model: ClassVar[type[Model]]
    # Token first, so an anonymous call gets 401 with ``WWW-Authenticate: Token``.
    authentication_classes = [TokenAuthentication, SessionAuthentication]
    permission_classes = [ScopedPermission]
    pagination_class = ScopedPagination

    # The serializer of an action when it is not ``serializer_class`` (create, update):
    # keeps OPTIONS and the browsable API forms right.
    action_serializers: ClassVar[dict[str, type[serializers.BaseSerializer]]] = {}

    def get_serializer_class(self) -> type[serializers.BaseSerializer]:
        chosen = self.action_serializers.get(self.action or "")
        return chosen or super().get_serializer_class()

    def parsed(self, serializer_class: type[Any], *, partial: bool = False) -> dict[str, Any]:
        """One input serializer's validated data (400 with Vietnamese field errors)."""
        serializer = serializer_class(
            data=self.request.data, context=self.get_serializer_context(), partial=partial
        )
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    def base_queryset(self) -> QuerySet[Any]:
        """The unscoped rows with what the serializers need joined in."""
        return self.model._default_manager.all()

    def get_queryset(self) -> QuerySet[Any]:
        return self.base_queryset().visible_to(self.request.user)  # type: ignore[attr-defined]

    def get_object(self) -> Any:
        action = scope.VIEW if self.request.method in permissions.SAFE_METHODS else scope.EDIT
        obj = scope.for_user(self.request.user, self.base_queryset(), self.kwargs["pk"], action)
        return self.versioned(obj)

    def require_edit_at(self, path: str) -> None:
        """403 unless the user may write this model at ``path`` (a create's target)."""
        user = self.request.user
        # An empty path is a new root of the tree: only a superuser creates one.
        if not (path or user.is_superuser) or not scope.can_in_subtree(
            user, edit_roles(self.model), path
        ):
            raise PermissionDenied
