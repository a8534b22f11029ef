"""A national ID or card number refused because it exists outside one's scope is logged.

Issue 14, item 12: the refusal itself stays (the numbers are unique), its
message does not say where the number is, and each such refusal is written to
the access log — who, which number — at the user's organisation, where the
staff and leaders of that level and above read it. A duplicate the user can
see is an ordinary mistake and is not logged.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from dangvu.admissions.services import propose_candidate
from dangvu.core.models import AccessLog
from dangvu.members.importing import import_members
from dangvu.members.services import create_member, update_member
from tests.fixtures.cast import Cast
from tests.members.spreadsheets import person, xlsx

Login = Callable[[str], Client]
OUTSIDER = "Hoàng Văn Em"  # Bình Minh (XB): out of alice's scope
INSIDER = "Nguyễn Văn An"  # Hòa An (XA)
BIRTH = date(1992, 3, 12)


def _number(cast: Cast, name: str, field: str = "national_id") -> str:
    return str(getattr(cast.member(name), field))


def _refusals() -> list[AccessLog]:
    return list(AccessLog.objects.filter(action=AccessLog.Action.DUPLICATE_REFUSED))


def _new(**extra: str) -> dict[str, object]:
    return {"full_name": "Vũ Văn Mới", "gender": "male", "birth_date": BIRTH, **extra}


def test_it_logs_a_national_id_held_outside_the_scope(cast: Cast, login: Login) -> None:
    number = _number(cast, OUTSIDER)
    body = {
        "cell": cast.org("XA-DONG").pk,
        "full_name": "Vũ Văn Mới",
        "gender": "male",
        "birth_date": "1992-03-12",
        "national_id": number,
    }
    response = login("alice").post(
        "/api/v1/members/", json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 400
    text = response.content.decode()
    for where in ("Bình Minh", "XB", OUTSIDER, "Thôn Đông"):
        assert where not in text
    [row] = _refusals()
    assert row.user == cast.user("alice")
    assert row.org_path == cast.org("XA").path
    assert number in row.detail and "CCCD" in row.detail
    assert row.member_id is None  # the log's reader may not see the holder either
    assert row.ip_address == "127.0.0.1"


def test_it_shows_the_refusal_to_the_level_and_above(cast: Cast) -> None:
    with pytest.raises(ValidationError):
        create_member(
            actor=cast.user("alice"),
            cell=cast.org("XA-DONG"),
            data=_new(card_number=_number(cast, OUTSIDER, "card_number")),
        )
    [row] = _refusals()
    assert "Số thẻ đảng viên" in row.detail
    for reader in ("alice", "lan", "root"):
        assert AccessLog.objects.visible_to(cast.user(reader)).filter(pk=row.pk).exists()
    for other in ("dave", "eve"):
        assert not AccessLog.objects.visible_to(cast.user(other)).filter(pk=row.pk).exists()


def test_it_does_not_log_a_duplicate_inside_the_scope(cast: Cast) -> None:
    with pytest.raises(ValidationError):
        create_member(
            actor=cast.user("alice"),
            cell=cast.org("XA-DONG"),
            data=_new(national_id=_number(cast, INSIDER)),
        )
    assert _refusals() == []


def test_it_logs_a_refused_change_of_a_member(cast: Cast) -> None:
    with pytest.raises(ValidationError):
        update_member(
            cast.member(INSIDER),
            actor=cast.user("alice"),
            changes={"card_number": _number(cast, OUTSIDER, "card_number")},
        )
    [row] = _refusals()
    assert _number(cast, OUTSIDER, "card_number") in row.detail


def test_it_logs_a_candidate_with_a_member_s_national_id(cast: Cast) -> None:
    with pytest.raises(ValidationError):
        propose_candidate(
            actor=cast.user("alice"),
            cell=cast.org("XA-DONG"),
            data={
                "full_name": "Vũ Minh Khang",
                "gender": "male",
                "birth_date": date(2000, 5, 10),
                "national_id": _number(cast, OUTSIDER),
            },
        )
    assert len(_refusals()) == 1


@pytest.mark.parametrize("dry_run", [True, False])
def test_it_logs_a_refused_row_of_an_import(cast: Cast, dry_run: bool) -> None:
    number = _number(cast, OUTSIDER)
    row = person("Vũ Văn Mới", BIRTH, **{"Số CCCD": number})
    result = import_members(xlsx([row]), "ds.xlsx", actor=cast.user("alice"), dry_run=dry_run)
    assert [e.message for e in result.errors] == ["Số CCCD này đã có trong danh sách đảng viên."]
    [logged] = _refusals()
    assert number in logged.detail
