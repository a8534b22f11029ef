"""What the congress API modules share: the largest id and a member named in an input."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ValidationError

from dangvu.core.api import ScopedViewSet
from dangvu.members.models import Member

MAX_ID = 2**63 - 1


class Parsing(ScopedViewSet):
    """The congress viewsets' base: a member named by id in an input, read in scope."""

    def visible_member(self, pk: int, field: str = "member") -> Member:
        found = Member.objects.visible_to(self.request.user).filter(pk=pk).first()
        if found is None:
            raise ValidationError({field: [_("Không tìm thấy đảng viên có mã số này.")]})
        return found
