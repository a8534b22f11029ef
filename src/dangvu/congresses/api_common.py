"""What the congress API modules share: the documented error answers and input parsing."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse
from rest_framework.exceptions import ValidationError

from dangvu.core.api import ScopedViewSet
from dangvu.members.models import Member

BAD_INPUT = OpenApiResponse(description=_("Dữ liệu không hợp lệ: lỗi theo từng trường."))
FORBIDDEN = OpenApiResponse(description=_("Không có quyền sửa."))
NOT_FOUND = OpenApiResponse(description=_("Không tìm thấy (hoặc ngoài phạm vi được xem)."))
WRITE = {400: BAD_INPUT, 403: FORBIDDEN, 404: NOT_FOUND}
MAX_ID = 2**63 - 1


class Parsing(ScopedViewSet):
    """Parse one input serializer into plain data (400 with Vietnamese field errors)."""

    def parsed(self, serializer_class: type[Any]) -> dict[str, Any]:
        serializer = serializer_class(data=self.request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    def visible_member(self, pk: int, field: str = "member") -> Member:
        found = Member.objects.visible_to(self.request.user).filter(pk=pk).first()
        if found is None:
            raise ValidationError({field: [_("Không tìm thấy đảng viên có mã số này.")]})
        return found
