"""The convened list from the records of the congress day, its exclusions and presence."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dangvu.congresses import services
from dangvu.congresses.models import Congress, Convened
from dangvu.core import scope
from dangvu.members import decisions
from dangvu.members.services import place_member
from tests.congresses.factories import AN, BICH, CONGRESS_DAY, CUONG, planned_congress
from tests.fixtures.cast import Cast
from tests.meetings.helpers import new_member


def _convene(cast: Cast, cell: str = "XA-DONG") -> Congress:
    congress = planned_congress(cast, cell)
    services.convene(cast.user("alice"), congress)
    return Congress.objects.get(pk=congress.pk)


def _rows(congress: Congress) -> dict[str, tuple[bool, str]]:
    return {
        row.member.full_name: (row.full_member, row.exclusion)
        for row in congress.convened.select_related("member")
    }


def _row(congress: Congress, name: str) -> Convened:
    return congress.convened.get(member__full_name=name)


def test_it_convenes_the_home_members_of_the_day(cast: Cast) -> None:
    congress = _convene(cast)
    assert _rows(congress) == {AN: (True, ""), BICH: (True, ""), CUONG: (True, "")}
    assert (congress.convened_count, congress.excluded_count, congress.denominator) == (3, 0, 3)


def test_it_lets_probationary_members_attend_without_voting(cast: Cast) -> None:
    new_member(cast, "Vũ Thị Mai", ceremony=date(2025, 1, 10))  # full from 10/01/2026
    congress = _convene(cast)
    assert _rows(congress)["Vũ Thị Mai"] == (False, "")
    assert (congress.convened_count, congress.denominator) == (3, 3)


def test_it_does_not_call_a_member_admitted_after_the_day(cast: Cast) -> None:
    new_member(cast, "Vũ Thị Mai", ceremony=date(2025, 6, 1))
    assert "Vũ Thị Mai" not in _rows(_convene(cast))


def test_it_excludes_a_member_temporarily_away_and_not_the_host(cast: Cast) -> None:
    place_member(
        cast.member(CUONG),
        cast.org("XA-TH"),
        actor=None,
        start_date=date(2025, 3, 1),
        kind="temporary",
    )
    congress = _convene(cast)
    assert _rows(congress)[CUONG] == (True, "temporarily_away")
    assert "Chi bộ Trường Tiểu học Hòa An" in _row(congress, CUONG).exclusion_note
    assert (congress.convened_count, congress.excluded_count, congress.denominator) == (3, 1, 2)
    assert CUONG not in _rows(_convene(cast, "XA-TH"))


def test_it_excludes_an_exempt_member_only_while_absent(cast: Cast) -> None:
    decisions.exempt_member(cast.member(AN), actor=None, effective_date=date(2025, 1, 6))
    alice, congress = cast.user("alice"), _convene(cast)
    assert _rows(congress)[AN] == (True, "exempt_absent")
    assert congress.denominator == 2
    everyone = [cast.member(name).pk for name in (AN, BICH, CUONG)]
    congress = services.record_presence(alice, congress, everyone)
    assert (_rows(congress)[AN], congress.denominator, congress.present_count) == ((True, ""), 3, 3)
    congress = services.record_presence(alice, congress, everyone[1:])
    assert (_rows(congress)[AN], congress.denominator) == ((True, "exempt_absent"), 2)


def test_it_records_a_manual_exclusion_with_its_reason(cast: Cast) -> None:
    alice, congress = cast.user("alice"), _convene(cast)
    row = services.set_exclusion(alice, _row(congress, CUONG), "suspended", "QĐ đình chỉ số 05")
    assert (row.exclusion, row.exclusion_note) == ("suspended", "QĐ đình chỉ số 05")
    congress.refresh_from_db()
    assert (congress.excluded_count, congress.denominator) == (1, 2)
    services.set_exclusion(alice, row, "", "Hết thời hạn đình chỉ")
    congress.refresh_from_db()
    assert congress.denominator == 3


def test_it_refuses_an_exclusion_without_reason_or_of_an_unknown_kind(cast: Cast) -> None:
    alice, congress = cast.user("alice"), _convene(cast)
    with pytest.raises(ValidationError) as info:
        services.set_exclusion(alice, _row(congress, CUONG), "on_holiday", " ")
    assert set(info.value.message_dict) == {"exclusion", "note"}
    assert _rows(Congress.objects.get())[CUONG] == (True, "")


def test_it_refuses_absent_all_day_for_a_member_marked_present(cast: Cast) -> None:
    alice, congress = cast.user("alice"), _convene(cast)
    congress = services.record_presence(alice, congress, [cast.member(CUONG).pk])
    with pytest.raises(ValidationError, match="Lê Văn Cường đã được ghi có mặt"):
        services.set_exclusion(alice, _row(congress, CUONG), "excused_absent", "Ốm")


def test_it_keeps_presence_and_manual_exclusions_when_recomputed(cast: Cast) -> None:
    alice, congress = cast.user("alice"), _convene(cast)
    services.set_exclusion(alice, _row(congress, CUONG), "detained", "Tạm giữ")
    services.record_presence(alice, congress, [cast.member(AN).pk])
    new_member(cast, "Vũ Văn Nam")
    assert services.convene(alice, congress) == 4
    congress.refresh_from_db()
    assert _rows(congress)[CUONG] == (True, "detained") and _row(congress, AN).present
    assert (congress.convened_count, congress.excluded_count, congress.present_count) == (4, 1, 1)


def test_it_drops_from_the_list_a_member_who_left_before_the_day(cast: Cast) -> None:
    alice, congress = cast.user("alice"), _convene(cast)
    decisions.record_death(cast.member(CUONG), actor=None, effective_date=date(2025, 5, 1))
    assert services.convene(alice, congress) == 2
    assert CUONG not in _rows(Congress.objects.get())
    assert Convened.history.filter(history_type="-").count() == 1


def test_it_convenes_in_a_fixed_number_of_queries(cast: Cast) -> None:
    small, large = planned_congress(cast), planned_congress(cast, "XA-TH")
    for index in range(6):
        new_member(cast, f"Đảng Viên Số {index}", cell="XA-TH")
    alice = cast.user("alice")
    scope.grants(alice)  # read once per request
    with CaptureQueriesContext(connection) as three:
        assert services.convene(alice, small) == 3
    with CaptureQueriesContext(connection) as seven:
        assert services.convene(alice, large) == 7
    assert len(three) == len(seven) == 13


def test_it_refuses_a_list_without_a_day_or_delegates(cast: Cast) -> None:
    alice = cast.user("alice")
    with pytest.raises(ValidationError, match="Ghi ngày đại hội"):
        services.convene(alice, planned_congress(cast, day=None))
    commune = services.plan_congress(
        alice,
        cell=cast.org("XA"),
        term_start=2025,
        term_end=2030,
        planned_on=CONGRESS_DAY,
        kind="delegates",
    )
    with pytest.raises(ValidationError, match="ghi danh sách đại biểu"):
        services.convene(alice, commune)
    assert not Convened.objects.exists()


def test_it_refuses_presence_of_someone_not_convened(cast: Cast) -> None:
    alice, congress = cast.user("alice"), _convene(cast)
    outsider = cast.member("Hoàng Văn Em").pk
    with pytest.raises(ValidationError, match=f"mã {outsider}"):
        services.record_presence(alice, congress, [cast.member(AN).pk, outsider, "x"])  # type: ignore[list-item]
    assert not Convened.objects.filter(present__isnull=False).exists()


@pytest.mark.parametrize("username", ["dave", "eve", "charlie"])
def test_it_refuses_the_list_to_readers_and_outsiders(cast: Cast, username: str) -> None:
    congress = _convene(cast)
    user = cast.user(username)
    with pytest.raises(PermissionDenied):
        services.set_exclusion(user, _row(congress, AN), "suspended", "x")
    with pytest.raises(PermissionDenied):
        services.record_presence(user, congress, [])
    assert _rows(Congress.objects.get())[AN] == (True, "")


def test_it_records_presence_in_a_fixed_number_of_queries(cast: Cast) -> None:
    for index in range(4):
        new_member(cast, f"Đảng Viên Số {index}", cell="XA-TH")
    small, large = _convene(cast), _convene(cast, "XA-TH")
    alice = cast.user("alice")
    scope.grants(alice)
    few = [row.member_id for row in small.convened.all()][:2]
    many = [row.member_id for row in large.convened.all()][:4]
    with CaptureQueriesContext(connection) as three:
        services.record_presence(alice, small, few)
    with CaptureQueriesContext(connection) as five:
        services.record_presence(alice, large, many)
    assert len(three) == len(five) == 9
