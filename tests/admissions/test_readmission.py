"""Re-admission: once, on the same member record, with the earlier membership kept."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from dangvu.admissions import services
from dangvu.admissions.choices import Stage
from dangvu.members.choices import Status
from dangvu.members.decisions import remove_member
from dangvu.members.models import Member, MembershipEvent
from tests.admissions.helpers import advance_to, propose
from tests.fixtures.cast import Cast

Kind = MembershipEvent.Kind


def _removed(cast: Cast) -> Member:
    member = cast.member("Lê Văn Cường")
    remove_member(member, actor=None, effective_date=date(2023, 6, 1), reason="Bỏ sinh hoạt")
    member.refresh_from_db()
    return member


def _readmit(cast: Cast, member: Member, ceremony: date) -> Member:
    candidate = propose(
        cast,
        name=member.full_name,
        birth=member.birth_date,
        serial=3,
        previous_member=member,
    )
    advance_to(cast, candidate, Stage.ADMISSION_DECISION)
    return services.admit_candidate(candidate, actor=None, ceremony_date=ceremony)


def test_it_readmits_on_the_same_record(cast: Cast) -> None:
    member = _readmit(cast, _removed(cast), date(2024, 7, 1))
    assert member.pk == cast.member("Lê Văn Cường").pk
    assert (member.status, member.ceremony_date, member.official_date) == (
        Status.PROBATIONARY,
        date(2024, 7, 1),
        None,
    )
    assert member.admission_decision_date == date(2015, 2, 3)
    kinds = list(member.events.values_list("kind", flat=True))
    assert kinds == [Kind.REMOVAL, Kind.READMISSION]
    assert member.placements.count() == 2
    assert Member.objects.count() == 7


def test_it_refuses_a_second_readmission(cast: Cast) -> None:
    member = _readmit(cast, _removed(cast), date(2024, 7, 1))
    remove_member(member, actor=None, effective_date=date(2024, 9, 1), reason="Bỏ sinh hoạt")
    member.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        propose(
            cast, name="Lê Văn Cường", birth=member.birth_date, serial=3, previous_member=member
        )
    assert "một lần" in error.value.message_dict["previous_member"][0]


def test_it_refuses_to_readmit_an_active_member(cast: Cast) -> None:
    with pytest.raises(ValidationError) as error:
        propose(cast, previous_member=cast.member("Nguyễn Văn An"))
    assert "previous_member" in error.value.message_dict
