"""``exempt_member``: exemption from work and activities (miễn công tác và sinh hoạt)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from dangvu.members.models import Member
from dangvu.members.services import exempt_member
from tests.fixtures.cast import Cast


def test_it_exempts_a_full_member_who_stays_counted(cast: Cast) -> None:
    an = exempt_member(cast.member("Nguyễn Văn An"), actor=None, exempt_from=date(2024, 3, 1))
    an.refresh_from_db()
    assert (an.status, an.exempt_from) == ("exempt", date(2024, 3, 1))
    assert Member.objects.filter(cell__code="XA-DONG").active().count() == 3
    assert an.history.first().history_type == "~"


def test_it_refuses_a_probationary_member(cast: Cast) -> None:
    with pytest.raises(ValidationError, match="Chỉ đảng viên chính thức"):
        exempt_member(cast.member("Đỗ Văn Hùng"), actor=None, exempt_from=date(2026, 1, 1))
    assert cast.member("Đỗ Văn Hùng").status == "probationary"


def test_it_refuses_a_date_before_the_official_date(cast: Cast) -> None:
    with pytest.raises(ValidationError, match="không được trước ngày chính thức"):
        exempt_member(cast.member("Nguyễn Văn An"), actor=None, exempt_from=date(1990, 1, 1))
    assert cast.member("Nguyễn Văn An").exempt_from is None
