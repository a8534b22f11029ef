"""The demo's meetings reproduce the articles (seed 003 Bắc Bình, seed 001 Thường Xuân)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from django.apps import apps
from django.db.models import Count, Q
from django.test import Client
from django.utils import timezone

from dangvu.core.demo import ROOT_CODES, DemoResult, load_demo
from dangvu.core.demo.meetings import plan_todays_meetings
from dangvu.meetings.choices import AttendanceState, GuestKind, Kind, Status, Topic
from dangvu.meetings.compliance import missing_meetings
from dangvu.meetings.models import Attendance, Guest, Meeting, OversightAssignment
from dangvu.meetings.rates import absence_streaks, subtree_rate
from dangvu.organizations.models import Organization

YEAR_2021 = (date(2021, 1, 1), date(2021, 12, 31))


def org(code: str) -> Organization:
    return Organization.objects.get(code=code)


def demo_cells() -> list[Organization]:
    roots = Organization.objects.filter(code__in=ROOT_CODES)
    query = Q(pk__in=[])
    for root in roots:
        query |= Q(path__startswith=root.path)
    return [o for o in Organization.objects.filter(query) if o.is_member_unit]


def test_it_gives_bac_binh_a_2021_rate_close_to_90_percent(demo: DemoResult) -> None:
    rate = subtree_rate(org("VP-LT-BB"), *YEAR_2021)
    assert rate.rate is not None and 0.88 <= rate.rate <= 0.90, rate
    assert rate.meetings == 11 * 12 + 11 * 4 - 3  # two months and a quarter missed
    assert rate.present + rate.excused + rate.absent == rate.expected


def test_it_serves_the_rate_through_the_stats_api(
    demo: DemoResult, login: Callable[[str], Client]
) -> None:
    response = login("root").get(
        f"/api/v1/organizations/{org('VP-LT-BB').pk}/stats/", {"year": 2021}
    )
    assert response.status_code == 200
    assert 0.88 <= response.json()["attendance_rate"] <= 0.90


def test_it_counts_the_rate_from_the_rows_of_each_member(demo: DemoResult) -> None:
    rows = Attendance.objects.filter(
        org_path__startswith=org("VP-LT-BB").path,
        meeting_date__year=2021,
        expected=True,
        meeting__kind__in=[Kind.REGULAR, Kind.THEMATIC],
    )
    by_state = dict(rows.values_list("state").annotate(n=Count("id")))
    rate = subtree_rate(org("VP-LT-BB"), *YEAR_2021)
    assert by_state[AttendanceState.PRESENT] == rate.present
    assert sum(by_state.values()) == rate.expected


def test_it_gives_a_reason_for_every_excused_absence(demo: DemoResult) -> None:
    excused = Attendance.objects.filter(state=AttendanceState.EXCUSED)
    assert not excused.filter(reason="").exists()
    reasons = set(excused.values_list("reason", flat=True))
    assert {"Ốm", "Đi làm ăn xa", "Việc gia đình", "Đi công tác"} <= reasons


def test_it_holds_thematic_meetings_on_the_four_topics(demo: DemoResult) -> None:
    thematic = Meeting.objects.filter(
        org_path__startswith=org("VP-LT-BB").path, kind=Kind.THEMATIC, date__year=2021
    )
    assert set(thematic.values_list("topic", flat=True)) == {
        Topic.NEW_RURAL,
        Topic.SECURITY,
        Topic.HEALTH_INSURANCE,
        Topic.FOOD_SAFETY,
    }
    assert thematic.filter(status=Status.APPROVED).count() == 11 * 4 - 1


def test_it_finds_the_missed_meetings(demo: DemoResult) -> None:
    gaps = missing_meetings(org("VP-LT-BB"), *YEAR_2021)
    assert {(g.cell.code, g.kind, g.period_label) for g in gaps} == {
        ("VP-LT-BB-03", Kind.REGULAR, "tháng 8/2021"),
        ("VP-LT-BB-07", Kind.REGULAR, "tháng 5/2021"),
        ("VP-LT-BB-11", Kind.THEMATIC, "quý III/2021"),
    }
    gaps = missing_meetings(org("PT-TB-TT"), date(2021, 1, 1), date(2022, 2, 28))
    assert {(g.cell.code, g.period_label) for g in gaps} == {
        ("PT-TB-TT-07", "tháng 9/2021"),
        ("PT-TB-TT-02", "tháng 2/2022"),
    }


def test_it_cancels_a_meeting_for_covid(demo: DemoResult) -> None:
    cancelled = Meeting.objects.get(organization__code="VP-LT-BB-07", status=Status.CANCELLED)
    assert cancelled.date.month == 5 and not cancelled.attendance_taken


def test_it_flags_a_few_members_absent_three_times_in_a_row(demo: DemoResult) -> None:
    streaks = absence_streaks(org("VP-LT-BB"), date(2021, 12, 31))
    assert sorted(s.member.cell.code for s in streaks) == [
        "VP-LT-BB-02",
        "VP-LT-BB-06",
        "VP-LT-BB-09",
    ]
    streaks = absence_streaks(org("PT-TB-TT"), date(2022, 3, 29))
    assert sorted(s.member.cell.code for s in streaks) == ["PT-TB-TT-03", "PT-TB-TT-07"]


def test_it_holds_thuong_xuan_review_conference(demo: DemoResult) -> None:
    meeting = Meeting.objects.get(organization__code="TH-TX-TT", kind=Kind.REVIEW)
    assert meeting.date == date(2022, 4, 7)
    assert (meeting.review_period, meeting.review_number) == ("quarter", 1)
    assert meeting.chair is not None and meeting.chair.full_name == "Lương Thị Thanh"
    assert "Hà Huy Hiền" in meeting.opening and "34 nhiệm vụ" in meeting.content
    assert meeting.conclusion.startswith(
        "Thay mặt Ban Thường vụ Đảng ủy thị trấn, đồng chí Hà Huy Hiền"
    )
    assert meeting.opinions.count() == 9
    assert meeting.resolutions.filter(due_on__isnull=False).count() == 8
    assert meeting.status == Status.APPROVED and meeting.approved_on == date(2022, 4, 7)


def test_it_names_the_speakers_among_the_towns_members(demo: DemoResult) -> None:
    meeting = Meeting.objects.get(organization__code="TH-TX-TT", kind=Kind.REVIEW)
    speakers = [o.speaker for o in meeting.opinions.select_related("speaker")]
    assert all(s is not None and s.org_path.startswith(meeting.org_path) for s in speakers)
    assert len({s.pk for s in speakers if s is not None}) == 9
    assert meeting.guests.get().name == "Đỗ Thị Dung"


def test_it_assigns_a_committee_member_to_every_cell(demo: DemoResult) -> None:
    assignments = OversightAssignment.objects.select_related("member", "cell")
    cells = [a.cell.code for a in assignments]
    assert len(cells) == len(set(cells)) == 21
    assert all(a.member.cell_id != a.cell_id and a.end_date is None for a in assignments)
    attended = Guest.objects.filter(kind=GuestKind.OVERSEER)
    pairs = {(a.member_id, a.cell_id) for a in assignments}
    assert attended.count() > 50
    assert all((g.member_id, g.meeting.organization_id) in pairs for g in attended)


def test_it_keeps_the_village_committees_monday_briefings(demo: DemoResult) -> None:
    briefings = Meeting.objects.filter(
        org_path__startswith=org("VP-LT-BB").path,
        organization__level="cell",
        kind=Kind.BRIEFING,
    )
    assert briefings.count() == 9 * 14
    assert {m.date.weekday() for m in briefings} == {0}
    assert all(m.place.startswith("Nhà văn hóa thôn ") for m in briefings)
    assert not briefings.filter(attendance_taken=True).exists()


def test_it_holds_the_communes_monthly_briefing(demo: DemoResult) -> None:
    briefings = Meeting.objects.filter(organization__code="VP-LT-BB", kind=Kind.BRIEFING)
    assert sorted(m.date.month for m in briefings) == list(range(1, 13))
    assert all("bí thư 11 chi bộ" in m.content for m in briefings)


def test_it_plans_this_months_meeting_for_today_in_every_cell(demo: DemoResult) -> None:
    today = timezone.localdate()
    cells = demo_cells()
    planned = Meeting.objects.filter(kind=Kind.REGULAR, date=today, status=Status.PLANNED)
    assert sorted(planned.values_list("organization_id", flat=True)) == sorted(c.pk for c in cells)
    assert not planned.filter(attendance_taken=True).exists()
    assert planned.filter(organization__code="VP-LT-BB-01").exclude(chair=None).exists()


def test_a_second_load_writes_nothing(demo: DemoResult) -> None:
    before = {m._meta.label: m._default_manager.count() for m in apps.get_models()}
    again = load_demo()
    assert not again.created and again.meetings_planned == 0
    assert {m._meta.label: m._default_manager.count() for m in apps.get_models()} == before


def test_a_load_in_a_later_month_plans_that_months_meeting_once(demo: DemoResult) -> None:
    later = timezone.localdate() + timedelta(days=40)
    assert plan_todays_meetings(later) == len(demo_cells())
    assert plan_todays_meetings(later) == 0
    assert Meeting.objects.filter(date=later, status=Status.PLANNED).count() == len(demo_cells())
