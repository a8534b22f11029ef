"""The admission services on the cast: the whole path, and each refusal writing nothing."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings

from dangvu.admissions import services
from dangvu.admissions.choices import Stage
from dangvu.admissions.models import Candidate, CandidateStep
from dangvu.members.choices import Status
from dangvu.members.models import Member, MembershipEvent
from tests.admissions.helpers import CEREMONY, advance_to, decided, profile, propose
from tests.fixtures.cast import Cast

Kind = MembershipEvent.Kind


def _counts() -> tuple[int, int, int, int]:
    return (
        Candidate.objects.count(),
        CandidateStep.objects.count(),
        Member.objects.count(),
        MembershipEvent.objects.count(),
    )


def test_it_proposes_a_candidate_with_a_dated_first_step(cast: Cast) -> None:
    candidate = propose(cast)
    assert candidate.stage == Stage.PROPOSED
    assert candidate.org_path == cast.org("XA-DONG").path
    assert list(candidate.introducers.all()) == [cast.member("Trần Thị Bích")]
    assert candidate.steps.get().date == date(2024, 1, 10)


def test_it_refuses_a_national_id_of_a_member(cast: Cast) -> None:
    taken = cast.member("Lê Văn Cường").national_id
    before = _counts()
    with pytest.raises(ValidationError) as error:
        propose(cast, data={"national_id": taken, "birth_date": date(1990, 1, 20)})
    assert "đảng viên" in str(error.value.message_dict["national_id"])
    assert _counts() == before


def test_it_refuses_a_national_id_of_another_candidate(cast: Cast) -> None:
    propose(cast)
    before = _counts()
    with pytest.raises(ValidationError) as error:
        propose(cast, name="Vũ Minh Khôi")
    assert "quần chúng" in str(error.value.message_dict["national_id"])
    assert _counts() == before


def test_it_refuses_a_bad_phone_and_an_introducer_of_another_cell(cast: Cast) -> None:
    with pytest.raises(ValidationError) as error:
        services.propose_candidate(
            actor=None,
            cell=cast.org("XA-DONG"),
            data={**profile(), "phone": "12"},
            introducers=[cast.member("Phạm Thị Dung")],
        )
    assert set(error.value.message_dict) == {"phone", "introducers"}
    assert not Candidate.objects.exists()


def test_it_walks_the_whole_path_to_recognition(cast: Cast) -> None:
    candidate = decided(cast)
    member = services.admit_candidate(candidate, actor=None, ceremony_date=CEREMONY)
    assert (member.status, member.ceremony_date) == (Status.PROBATIONARY, CEREMONY)
    assert member.admission_decision_date == date(2024, 6, 3)
    assert member.admission_decision_number == "12-QĐ/ĐU"
    assert member.placements.get().start_date == CEREMONY
    assert member.events.get().kind == Kind.ADMISSION
    candidate.refresh_from_db()
    assert (candidate.member, candidate.stage) == (member, Stage.CEREMONY_HELD)
    services.recognise_member(
        member,
        actor=None,
        meeting_date=date(2025, 9, 12),
        decided_by="Đảng ủy xã Hòa An",
        decision_number="30-QĐ/ĐU",
        decision_date=date(2025, 9, 20),
    )
    member.refresh_from_db()
    assert (member.status, member.official_date) == (Status.FULL, date(2025, 6, 20))


def test_it_refuses_a_skipped_stage(cast: Cast) -> None:
    candidate = propose(cast)
    before = _counts()
    with pytest.raises(ValidationError) as error:
        services.advance_candidate(
            candidate, actor=None, stage=Stage.FILE_PREPARED, date=date(2024, 2, 1)
        )
    assert "bước tiếp theo" in error.value.message_dict["stage"][0]
    assert _counts() == before


def test_it_refuses_a_date_before_the_previous_step(cast: Cast) -> None:
    candidate = propose(cast)
    with pytest.raises(ValidationError) as error:
        services.advance_candidate(
            candidate, actor=None, stage=Stage.COURSE_SENT, date=date(2023, 12, 1)
        )
    assert "10/01/2024" in error.value.message_dict["date"][0]


def test_it_refuses_course_completed_without_a_certificate(cast: Cast) -> None:
    candidate = advance_to(cast, propose(cast), Stage.COURSE_SENT)
    before = _counts()
    with pytest.raises(ValidationError) as error:
        services.advance_candidate(
            candidate, actor=None, stage=Stage.COURSE_COMPLETED, date=date(2024, 3, 1)
        )
    assert "giấy chứng nhận" in error.value.message_dict["certificate_date"][0]
    assert _counts() == before


@override_settings(DANGVU_COURSE_CERTIFICATE_VALID_MONTHS=2)
def test_it_refuses_a_cell_resolution_on_an_expired_certificate(cast: Cast) -> None:
    candidate = advance_to(cast, propose(cast), Stage.FILE_PREPARED)
    with pytest.raises(ValidationError) as error:
        services.advance_candidate(
            candidate, actor=None, stage=Stage.CELL_RESOLUTION, date=date(2024, 5, 2)
        )
    assert "hết hạn" in error.value.message_dict["certificate_date"][0]
    assert Candidate.objects.get().stage == Stage.FILE_PREPARED


def test_it_refuses_a_cell_resolution_a_day_before_eighteen(cast: Cast) -> None:
    candidate = advance_to(cast, propose(cast, birth=date(2006, 5, 3)), Stage.FILE_PREPARED)
    before = _counts()
    with pytest.raises(ValidationError) as error:
        services.advance_candidate(
            candidate, actor=None, stage=Stage.CELL_RESOLUTION, date=date(2024, 5, 2)
        )
    assert "Chưa đủ 18 tuổi" in error.value.message_dict["birth_date"][0]
    assert _counts() == before


def test_it_refuses_over_sixty_without_a_higher_decision(cast: Cast) -> None:
    candidate = advance_to(cast, propose(cast, birth=date(1964, 1, 2)), Stage.FILE_PREPARED)
    with pytest.raises(ValidationError) as error:
        services.advance_candidate(
            candidate, actor=None, stage=Stage.CELL_RESOLUTION, date=date(2024, 5, 2)
        )
    assert "60 tuổi" in error.value.message_dict["over_age_decision"][0]
    services.update_candidate(
        candidate, actor=None, changes={"over_age_decision": "Công văn 5-CV/HU"}
    )
    services.advance_candidate(
        candidate, actor=None, stage=Stage.CELL_RESOLUTION, date=date(2024, 5, 2)
    )
    assert candidate.stage == Stage.CELL_RESOLUTION


def test_it_refuses_a_ceremony_before_the_decision(cast: Cast) -> None:
    candidate = decided(cast)
    before = _counts()
    with pytest.raises(ValidationError) as error:
        services.admit_candidate(candidate, actor=None, ceremony_date=date(2024, 6, 1))
    assert "03/06/2024" in error.value.message_dict["ceremony_date"][0]
    assert _counts() == before


def test_it_refuses_admission_before_the_decision_step(cast: Cast) -> None:
    candidate = advance_to(cast, propose(cast), Stage.CELL_RESOLUTION)
    with pytest.raises(ValidationError):
        services.admit_candidate(candidate, actor=None, ceremony_date=CEREMONY)
    assert Member.objects.count() == 7


def test_it_accepts_a_late_ceremony(cast: Cast) -> None:
    member = services.admit_candidate(decided(cast), actor=None, ceremony_date=date(2024, 9, 2))
    assert member.ceremony_date == date(2024, 9, 2)


def test_it_withdraws_with_a_reason(cast: Cast) -> None:
    candidate = propose(cast)
    with pytest.raises(ValidationError):
        services.withdraw_candidate(candidate, actor=None, date=date(2024, 2, 1))
    services.withdraw_candidate(candidate, actor=None, date=date(2024, 2, 1), note="Chuyển đi")
    assert Candidate.objects.get().stage == Stage.WITHDRAWN


def test_it_refuses_recognition_before_the_twelve_months(cast: Cast) -> None:
    member = services.admit_candidate(decided(cast), actor=None, ceremony_date=CEREMONY)
    with pytest.raises(ValidationError) as error:
        services.recognise_member(
            member,
            actor=None,
            meeting_date=date(2025, 6, 19),
            decided_by="",
            decision_number="",
            decision_date=None,
        )
    assert "20/06/2025" in error.value.message_dict["meeting_date"][0]
    assert Member.objects.get(pk=member.pk).status == Status.PROBATIONARY


def test_it_removes_a_member_not_recognised(cast: Cast) -> None:
    member = services.admit_candidate(decided(cast), actor=None, ceremony_date=CEREMONY)
    services.refuse_recognition(
        member,
        actor=None,
        meeting_date=date(2025, 7, 1),
        decided_by="Đảng ủy xã Hòa An",
        decision_number="31-QĐ/ĐU",
        decision_date=date(2025, 7, 10),
        reason="Không hoàn thành nhiệm vụ",
    )
    member.refresh_from_db()
    assert member.status == Status.REMOVED
    kinds = list(member.events.values_list("kind", "reason"))
    assert (Kind.NOT_RECOGNISED, "Không hoàn thành nhiệm vụ — đề nghị xóa tên.") in kinds


def test_it_sets_one_target_per_cell_and_year(cast: Cast) -> None:
    services.set_admission_target(cast.org("XA-DONG"), 2024, 2, actor=None)
    row = services.set_admission_target(cast.org("XA-DONG"), 2024, 3, actor=None)
    assert (row.target, type(row).objects.count()) == (3, 1)
    with pytest.raises(ValidationError):
        services.set_admission_target(cast.org("XA"), 2024, 1, actor=None)
