from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from dangvu.members.models import Member
from dangvu.members.services import create_member, validate_member
from tests.fixtures.cast import Cast


def test_it_refuses_dates_before_1900(cast: Cast) -> None:
    errors = validate_member(
        {"full_name": "Vũ Văn Cổ", "gender": "male", "birth_date": date(1, 1, 1)}
    )
    assert errors["birth_date"] == ["Ngày không được trước năm 1900."]


def test_it_writes_nothing_for_a_17_year_old(cast: Cast) -> None:
    before = Member.objects.count()
    data = {
        "full_name": "Vũ Thị Trẻ",
        "gender": "female",
        "birth_date": date(2005, 6, 2),
        "ceremony_date": date(2023, 6, 1),
    }
    with pytest.raises(ValidationError) as raised:
        create_member(actor=None, cell=cast.org("XA-DONG"), data=data)
    assert "Chưa đủ 18 tuổi" in raised.value.message_dict["birth_date"][0]
    assert Member.objects.count() == before


def test_it_refuses_to_place_a_member_in_a_commune(cast: Cast) -> None:
    data = {"full_name": "Vũ Văn Đông", "gender": "male", "birth_date": date(1980, 1, 1)}
    with pytest.raises(ValidationError) as raised:
        create_member(actor=None, cell=cast.org("XA"), data=data)
    assert raised.value.message_dict["cell"] == ["Đảng viên chỉ sinh hoạt tại chi bộ."]
