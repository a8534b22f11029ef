"""The meeting services: planning, attendance, minutes, oversight, calendar tokens."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from dangvu.meetings import services
from dangvu.meetings.models import Attendance, CalendarToken, Meeting
from dangvu.members import decisions
from dangvu.organizations.services import appoint_position, create_committee
from tests.fixtures.cast import Cast
from tests.meetings.helpers import mark_all, meeting, new_member

DAY = date(2024, 3, 5)


def _entries(cast: Cast, **states: str) -> list[dict[str, Any]]:
    names = {"an": "Nguyễn Văn An", "bich": "Trần Thị Bích", "cuong": "Lê Văn Cường"}
    return [
        {"member": cast.member(names[key]).pk, "state": state, "reason": "Đi làm xa"}
        for key, state in states.items()
    ]


def _messages(exc: pytest.ExceptionInfo[ValidationError]) -> str:
    return " ".join(exc.value.messages)


# --- planning ---------------------------------------------------------------


def test_it_plans_a_regular_meeting_with_the_usual_title(cast: Cast) -> None:
    planned = meeting(cast, date(2021, 3, 8))
    assert planned.title == "Sinh hoạt chi bộ thường kỳ tháng 3/2021"
    assert planned.status == "planned" and planned.org_path == cast.org("XA-DONG").path


def test_it_titles_thematic_meetings_and_review_conferences(cast: Cast) -> None:
    thematic = meeting(cast, DAY, kind="thematic", topic="food_safety")
    review = meeting(
        cast,
        date(2022, 4, 7),
        cell="XA",
        kind="review_conference",
        review_period="quarter",
        review_number=1,
    )
    assert thematic.title == "Sinh hoạt chuyên đề “An toàn thực phẩm” tháng 3/2024"
    assert review.title == "Hội nghị sơ kết quý I năm 2022"


def test_it_refuses_a_thematic_meeting_without_a_topic(cast: Cast) -> None:
    with pytest.raises(ValidationError) as exc:
        meeting(cast, DAY, kind="thematic", topic="other")
    assert "topic_text" in exc.value.message_dict
    assert not Meeting.objects.exists()


def test_it_refuses_a_review_conference_without_its_quarter(cast: Cast) -> None:
    with pytest.raises(ValidationError) as exc:
        meeting(cast, DAY, cell="XA", kind="review_conference", review_period="quarter")
    assert exc.value.message_dict["review_number"] == ["Ghi quý từ 1 đến 4."]


def test_it_refuses_a_date_before_the_organisation_existed(cast: Cast) -> None:
    with pytest.raises(ValidationError) as exc:
        meeting(cast, date(1970, 1, 5))
    assert "trước ngày thành lập" in _messages(exc)


def test_it_refuses_a_regular_meeting_outside_a_cell_and_twice_a_month(cast: Cast) -> None:
    meeting(cast, DAY)
    with pytest.raises(ValidationError, match="đã có kỳ sinh hoạt thường kỳ tháng 3/2024"):
        meeting(cast, date(2024, 3, 25))
    with pytest.raises(ValidationError, match="không phải chi bộ"):
        meeting(cast, DAY, cell="XA")
    assert Meeting.objects.count() == 1


def test_it_lets_the_cell_secretary_plan_only_in_their_cell(cast: Cast) -> None:
    bob = cast.user("bob")
    services.create_meeting(bob, organization=cast.org("XA-DONG"), kind="regular", date=DAY)
    for user, cell in (("bob", "XA-TH"), ("dave", "XA-DONG"), ("charlie", "XA-DONG")):
        with pytest.raises(PermissionDenied):
            services.create_meeting(
                cast.user(user), organization=cast.org(cell), kind="regular", date=DAY
            )


def test_it_updates_the_minutes_but_not_the_date_after_attendance(cast: Cast) -> None:
    held = mark_all(cast, meeting(cast, DAY))
    services.update_meeting(cast.user("bob"), held, content="Bàn việc làm đường")
    assert Meeting.objects.get().content == "Bàn việc làm đường"
    with pytest.raises(ValidationError, match="không đổi được"):
        services.update_meeting(cast.user("alice"), held, date=date(2024, 3, 6))


# --- attendance ---------------------------------------------------------------


def test_it_records_attendance_counts_and_moves_to_held(cast: Cast) -> None:
    held = services.record_attendance(
        cast.user("bob"),
        meeting(cast, DAY),
        _entries(cast, an="present", bich="present", cuong="excused"),
    )
    assert (held.expected_count, held.present_count, held.excused_count, held.absent_count) == (
        3,
        2,
        1,
        0,
    )
    assert held.status == "held" and held.attendance_taken
    assert held.attendance_rate == pytest.approx(2 / 3)


def test_it_is_idempotent_when_the_same_form_is_sent_twice(cast: Cast) -> None:
    planned = meeting(cast, DAY)
    entries = _entries(cast, an="present", bich="absent", cuong="excused")
    services.record_attendance(cast.user("bob"), planned, entries)
    services.record_attendance(cast.user("bob"), planned, entries)
    assert Attendance.objects.filter(meeting=planned).count() == 3
    assert Attendance.history.filter(meeting_id=planned.pk).count() == 3
    assert Meeting.objects.get().present_count == 1


def test_it_writes_only_the_changed_row_on_a_correction(cast: Cast) -> None:
    planned = meeting(cast, DAY)
    services.record_attendance(
        cast.user("bob"), planned, _entries(cast, an="present", cuong="absent")
    )
    services.record_attendance(cast.user("bob"), planned, _entries(cast, cuong="present"))
    rows = dict(Attendance.objects.values_list("member__full_name", "state"))
    assert rows == {"Nguyễn Văn An": "present", "Lê Văn Cường": "present"}
    assert Attendance.history.filter(meeting_id=planned.pk).count() == 3
    assert Meeting.objects.get().present_count == 2


def test_it_refuses_a_member_of_another_cell_with_nothing_written(cast: Cast) -> None:
    planned = meeting(cast, DAY)
    dung = cast.member("Phạm Thị Dung")
    entries = [*_entries(cast, an="present"), {"member": dung.pk, "state": "present"}]
    with pytest.raises(ValidationError) as exc:
        services.record_attendance(cast.user("alice"), planned, entries)
    assert (
        f"Dòng 2: đảng viên (mã {dung.pk}) không sinh hoạt tại Chi bộ thôn Đông ngày 05/03/2024"
        in _messages(exc)
    )
    assert not Attendance.objects.exists()
    assert Meeting.objects.get().status == "planned"


def test_it_refuses_an_excused_absence_without_a_reason(cast: Cast) -> None:
    an = cast.member("Nguyễn Văn An")
    with pytest.raises(ValidationError, match=r"Nguyễn Văn An.*phải ghi lý do"):
        services.record_attendance(
            cast.user("alice"), meeting(cast, DAY), [{"member": an.pk, "state": "excused"}]
        )
    assert not Attendance.objects.exists()


def test_it_refuses_bad_rows_with_a_message_each(cast: Cast) -> None:
    entries = [
        "x",
        {"member": "abc", "state": "present"},
        {"member": cast.member("Nguyễn Văn An").pk, "state": "late"},
    ]
    with pytest.raises(ValidationError) as exc:
        services.record_attendance(cast.user("alice"), meeting(cast, DAY), entries)
    assert len(exc.value.message_dict["entries"]) == 3


def test_it_refuses_a_future_meeting(cast: Cast) -> None:
    planned = meeting(cast, timezone.localdate() + timedelta(days=3))
    with pytest.raises(ValidationError, match="chưa diễn ra"):
        services.record_attendance(cast.user("alice"), planned, _entries(cast, an="present"))
    assert not Attendance.objects.exists()


def test_it_refuses_attendance_at_a_closed_or_cancelled_meeting(cast: Cast) -> None:
    held = mark_all(cast, meeting(cast, DAY))
    services.approve_minutes(cast.user("alice"), held, date(2024, 3, 6))
    cancelled = services.cancel_meeting(cast.user("alice"), meeting(cast, date(2024, 4, 5)), "Bão")
    with pytest.raises(ValidationError, match="Biên bản đã duyệt: kỳ họp đã khóa"):
        services.record_attendance(cast.user("alice"), held, _entries(cast, an="absent"))
    with pytest.raises(ValidationError, match="Kỳ họp đã hủy"):
        services.record_attendance(cast.user("alice"), cancelled, _entries(cast, an="absent"))
    assert Attendance.objects.filter(state="absent").count() == 0


def test_it_does_not_count_a_member_who_attends_without_being_expected(cast: Cast) -> None:
    decisions.exempt_member(
        cast.member("Nguyễn Văn An"), actor=None, effective_date=date(2024, 1, 2)
    )
    held = services.record_attendance(
        cast.user("alice"), meeting(cast, DAY), _entries(cast, an="present", bich="present")
    )
    assert (held.expected_count, held.present_count) == (2, 1)
    assert Attendance.objects.get(member__full_name="Nguyễn Văn An").expected is False


def test_it_refuses_users_who_may_not_keep_the_meeting(cast: Cast) -> None:
    planned = meeting(cast, DAY)
    for username in ("dave", "charlie", "eve"):
        with pytest.raises(PermissionDenied):
            services.record_attendance(cast.user(username), planned, _entries(cast, an="present"))
    assert not Attendance.objects.exists()


def test_it_records_attendance_in_the_same_queries_for_a_larger_cell(cast: Cast) -> None:
    def count(cell_meeting: Meeting) -> int:
        with CaptureQueriesContext(connection) as queries:
            mark_all(cast, cell_meeting)
        return len(queries)

    small = count(meeting(cast, DAY))
    for serial in range(10):
        new_member(cast, f"Đảng Viên Số {serial}")
    assert count(meeting(cast, date(2024, 4, 5))) == small


# --- closing, minutes ---------------------------------------------------------


def test_it_approves_the_minutes_only_after_attendance(cast: Cast) -> None:
    planned = meeting(cast, DAY)
    with pytest.raises(ValidationError, match="Chỉ duyệt biên bản của kỳ họp đã họp"):
        services.approve_minutes(cast.user("alice"), planned, DAY)
    approved = services.approve_minutes(cast.user("alice"), mark_all(cast, planned), DAY)
    assert (approved.status, approved.approved_on) == ("approved", DAY)


def test_it_keeps_the_reason_of_a_cancellation(cast: Cast) -> None:
    with pytest.raises(ValidationError, match="Ghi lý do hủy"):
        services.cancel_meeting(cast.user("alice"), meeting(cast, DAY), "  ")
    cancelled = services.cancel_meeting(cast.user("alice"), Meeting.objects.get(), "Mưa bão")
    assert services.cancel_reason(cancelled) == "Mưa bão"
    assert meeting(cast, date(2024, 3, 12)).status == "planned"


def test_it_adds_guests_opinions_and_resolutions_in_order(cast: Cast) -> None:
    held = mark_all(cast, meeting(cast, DAY))
    services.add_guest(
        cast.user("alice"), held, kind="superior", name="Hà Văn Tú", role="Huyện ủy viên"
    )
    with pytest.raises(ValidationError, match="đã có trong danh sách khách mời"):
        services.add_guest(cast.user("alice"), held, kind="superior", name="hà văn tú")
    first = services.add_opinion(cast.user("bob"), held, speaker_name="Ông An", text="Đồng ý")
    second = services.add_opinion(
        cast.user("bob"), held, speaker=cast.member("Lê Văn Cường"), text="Bổ sung"
    )
    assert (first.order, second.order, second.speaker_name) == (1, 2, "Lê Văn Cường")
    with pytest.raises(ValidationError, match="Thời hạn không được trước ngày họp"):
        services.add_resolution(cast.user("bob"), held, text="Làm đường", due_on=date(2024, 3, 1))


def test_it_hands_a_resolution_off_once_with_owner_and_deadline(
    cast: Cast, monkeypatch: Any
) -> None:
    monkeypatch.setattr(services, "RESOLUTION_HANDLERS", {})  # the fallback, without programs
    held = mark_all(cast, meeting(cast, DAY))
    vague = services.add_resolution(cast.user("bob"), held, text="Làm đường")
    with pytest.raises(ValidationError) as exc:
        services.hand_off_resolution(cast.user("bob"), vague)
    assert set(exc.value.message_dict) == {"owner_name", "due_on"}
    clear = services.add_resolution(
        cast.user("bob"), held, text="Làm đường", owner_name="Ông An", due_on=date(2024, 6, 30)
    )
    reference = services.hand_off_resolution(cast.user("bob"), clear)
    assert reference == f"meetings.resolution:{clear.pk}"
    assert services.hand_off_resolution(cast.user("alice"), clear) == reference


def test_it_hands_off_to_a_registered_handler(cast: Cast, monkeypatch: Any) -> None:
    monkeypatch.setattr(services, "RESOLUTION_HANDLERS", {})
    services.register_resolution_handler("programs", lambda user, resolution: "programs.task:7")
    held = mark_all(cast, meeting(cast, DAY))
    resolution = services.add_resolution(
        cast.user("bob"), held, text="Làm đường", owner_name="Ông An", due_on=date(2024, 6, 30)
    )
    assert services.hand_off_resolution(cast.user("bob"), resolution) == "programs.task:7"


# --- oversight, calendar ------------------------------------------------------


def _committee_member(cast: Cast) -> Any:
    committee = create_committee(
        cast.org("XA"),
        actor=None,
        body="executive",
        term_start=2020,
        term_end=2025,
        elected_on=date(2020, 8, 1),
    )
    appoint_position(
        committee, cast.member("Nguyễn Văn An"), actor=None, start_date=date(2020, 8, 1)
    )
    return committee


def test_it_assigns_only_a_committee_member_above_the_cell(cast: Cast) -> None:
    with pytest.raises(ValidationError, match="không phải cấp ủy viên"):
        services.assign_oversight(
            cast.user("alice"),
            member=cast.member("Lê Văn Cường"),
            cell=cast.org("XA-TH"),
            start_date=DAY,
        )
    committee = _committee_member(cast)
    assignment = services.assign_oversight(
        cast.user("alice"),
        member=cast.member("Nguyễn Văn An"),
        cell=cast.org("XA-TH"),
        start_date=DAY,
        committee=committee,
    )
    assert assignment.org_path == cast.org("XA-TH").path
    with pytest.raises(ValidationError, match="trùng thời gian"):
        services.assign_oversight(
            cast.user("alice"),
            member=cast.member("Nguyễn Văn An"),
            cell=cast.org("XA-TH"),
            start_date=date(2024, 6, 1),
        )


def test_it_ends_an_assignment_and_refuses_outsiders(cast: Cast) -> None:
    _committee_member(cast)
    assignment = services.assign_oversight(
        cast.user("alice"),
        member=cast.member("Nguyễn Văn An"),
        cell=cast.org("XA-TH"),
        start_date=DAY,
    )
    with pytest.raises(PermissionDenied):
        services.end_oversight(cast.user("bob"), assignment, date(2024, 6, 1))
    assert services.end_oversight(
        cast.user("alice"), assignment, date(2024, 6, 1)
    ).end_date == date(2024, 6, 1)


def test_it_issues_a_new_calendar_token_and_revokes_the_old(cast: Cast) -> None:
    first = services.issue_calendar_token(cast.user("charlie"))
    second = services.issue_calendar_token(cast.user("charlie"))
    first.refresh_from_db()
    assert first.revoked_at is not None and second.revoked_at is None
    with pytest.raises(PermissionDenied):
        services.revoke_calendar_token(cast.user("bob"), second)
    services.revoke_calendar_token(cast.user("charlie"), second)
    assert not CalendarToken.objects.filter(revoked_at__isnull=True).exists()
