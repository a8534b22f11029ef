"""The meetings API: scope on every endpoint, attendance through it, bad input refused."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from dangvu.meetings import services
from dangvu.meetings.models import Attendance, Meeting, OversightAssignment, Resolution
from dangvu.organizations.models import Committee
from dangvu.organizations.services import appoint_position, create_committee
from tests.fixtures.cast import Cast
from tests.generic import Endpoint, check_endpoint
from tests.meetings.helpers import held, meeting

Login = Callable[[str], Client]
DAY = date(2024, 3, 5)
AN, BICH, CUONG = "Nguyễn Văn An", "Trần Thị Bích", "Lê Văn Cường"


def _planned(cast: Cast) -> Meeting:
    return Meeting.objects.filter(status="planned").first() or meeting(cast, DAY)


def _held(cast: Cast) -> Meeting:
    return Meeting.objects.filter(status="held").first() or held(cast, date(2024, 4, 5))


def _resolution(cast: Cast) -> Resolution:
    return Resolution.objects.first() or services.add_resolution(
        cast.user("alice"),
        _held(cast),
        text="Làm đường",
        owner_name="Ông An",
        due_on=date(2024, 6, 30),
    )


def _briefing(cast: Cast) -> Meeting:
    return Meeting.objects.filter(kind="briefing").first() or meeting(
        cast, date(2024, 3, 11), cell="XA", kind="briefing"
    )


def _committee(cast: Cast) -> Any:
    found = Committee.objects.filter(body="executive").first()
    if found is not None:
        return found
    committee = create_committee(
        cast.org("XA"), actor=None, body="executive", term_start=2020, term_end=2025
    )
    appoint_position(committee, cast.member(AN), actor=None, start_date=date(2020, 8, 1))
    return committee


def _assignment(cast: Cast) -> OversightAssignment:
    found = OversightAssignment.objects.first()
    if found is None:
        _committee(cast)
        found = services.assign_oversight(
            cast.user("alice"), member=cast.member(AN), cell=cast.org("XA-TH"), start_date=DAY
        )
    return found


def _xa(cast: Cast) -> str:
    return f"organization={cast.org('XA').pk}&year=2024"


ENDPOINTS = [
    Endpoint(
        "meetings list",
        lambda c: f"/api/v1/meetings/?_={_planned(c).pk}",
        api=True,
        object_level=False,
        hidden_text="Chi bộ thôn Đông",
    ),
    Endpoint("meeting", lambda c: f"/api/v1/meetings/{_planned(c).pk}/", api=True),
    Endpoint(
        "meeting create",
        lambda c: "/api/v1/meetings/",
        method="post",
        data=lambda c: {
            "organization": c.org("XA-DONG").pk,
            "kind": "regular",
            "date": "2024-05-06",
        },
        api=True,
        writes=True,
        object_level=False,
        ok_status=(201,),
    ),
    Endpoint(
        "meeting update",
        lambda c: f"/api/v1/meetings/{_planned(c).pk}/",
        method="patch",
        data=lambda c: {"place": "Nhà văn hóa thôn"},
        api=True,
        writes=True,
    ),
    Endpoint("roster", lambda c: f"/api/v1/meetings/{_planned(c).pk}/roster/", api=True),
    Endpoint(
        "attendance",
        lambda c: f"/api/v1/meetings/{_planned(c).pk}/attendance/",
        method="post",
        data=lambda c: {"entries": [{"member": c.member(AN).pk, "state": "present"}]},
        api=True,
        writes=True,
    ),
    Endpoint(
        "guests",
        lambda c: f"/api/v1/meetings/{_held(c).pk}/guests/",
        method="post",
        data=lambda c: {"kind": "superior", "name": "Hà Văn Tú"},
        api=True,
        writes=True,
        ok_status=(201,),
    ),
    Endpoint(
        "opinions",
        lambda c: f"/api/v1/meetings/{_held(c).pk}/opinions/",
        method="post",
        data=lambda c: {"speaker_name": "Ông An", "text": "Đồng ý"},
        api=True,
        writes=True,
        ok_status=(201,),
    ),
    Endpoint(
        "resolutions",
        lambda c: f"/api/v1/meetings/{_held(c).pk}/resolutions/",
        method="post",
        data=lambda c: {"text": "Làm đường", "owner_name": "Ông An", "due_on": "2024-06-30"},
        api=True,
        writes=True,
        ok_status=(201,),
    ),
    Endpoint(
        "hand off",
        lambda c: f"/api/v1/meetings/{_held(c).pk}/resolutions/{_resolution(c).pk}/hand-off/",
        method="post",
        api=True,
        writes=True,
    ),
    Endpoint(
        "approve",
        lambda c: f"/api/v1/meetings/{_held(c).pk}/approve/",
        method="post",
        data=lambda c: {"approved_on": "2024-04-06"},
        api=True,
        writes=True,
    ),
    Endpoint(
        "held",
        lambda c: f"/api/v1/meetings/{_briefing(c).pk}/held/",
        method="post",
        api=True,
        writes=True,
    ),
    Endpoint(
        "cancel",
        lambda c: f"/api/v1/meetings/{_planned(c).pk}/cancel/",
        method="post",
        data=lambda c: {"reason": "Mưa bão"},
        api=True,
        writes=True,
    ),
    Endpoint("rates", lambda c: f"/api/v1/meetings/rates/?{_xa(c)}", api=True),
    Endpoint("compliance", lambda c: f"/api/v1/meetings/compliance/?{_xa(c)}&quarter=1", api=True),
    Endpoint(
        "oversight list",
        lambda c: f"/api/v1/oversight-assignments/?_={_assignment(c).pk}",
        api=True,
        object_level=False,
        hidden_text="Chi bộ Trường Tiểu học",
    ),
    Endpoint(
        "oversight assignment",
        lambda c: f"/api/v1/oversight-assignments/{_assignment(c).pk}/",
        api=True,
    ),
    Endpoint(
        "oversight create",
        lambda c: f"/api/v1/oversight-assignments/?_={_committee(c).pk}",
        method="post",
        data=lambda c: {
            "member": c.member(AN).pk,
            "cell": c.org("XA-DONG").pk,
            "start_date": "2024-03-01",
        },
        api=True,
        writes=True,
        object_level=False,
        ok_status=(201,),
    ),
    Endpoint(
        "oversight end",
        lambda c: f"/api/v1/oversight-assignments/{_assignment(c).pk}/end/",
        method="post",
        data=lambda c: {"end_date": "2024-12-31"},
        api=True,
        writes=True,
    ),
]


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=str)
def test_it_applies_the_scope_rule(endpoint: Endpoint, cast: Cast, login: Login) -> None:
    check_endpoint(endpoint, cast, login)


def _post(client: Client, url: str, data: Any) -> Any:
    return client.post(url, data, content_type="application/json")


def test_it_creates_a_meeting_with_its_title_and_counts(cast: Cast, login: Login) -> None:
    body = {"organization": cast.org("XA-DONG").pk, "kind": "regular", "date": "2021-03-08"}
    response = _post(login("bob"), "/api/v1/meetings/", body)
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["title"] == "Sinh hoạt chi bộ thường kỳ tháng 3/2021"
    assert (data["expected"], data["present"], data["attendance_rate"]) == (0, 0, None)


def test_it_refuses_a_create_in_another_cell_for_the_secretary(cast: Cast, login: Login) -> None:
    body = {"organization": cast.org("XA-TH").pk, "kind": "regular", "date": "2024-03-08"}
    refused = _post(login("bob"), "/api/v1/meetings/", body)
    assert refused.status_code == 400 and "organization" in refused.json()
    assert _post(login("lan"), "/api/v1/meetings/", body).status_code == 403
    response = _post(login("alice"), "/api/v1/meetings/", {**body, "kind": "thematic"})
    assert response.status_code == 400 and "topic" in response.json()
    assert not Meeting.objects.exists()


def test_it_takes_attendance_from_a_bare_list_and_reports_the_rate(
    cast: Cast, login: Login
) -> None:
    planned = meeting(cast, DAY)
    entries = [
        {"member": cast.member(AN).pk, "state": "present"},
        {"member": cast.member(BICH).pk, "state": "present"},
        {"member": cast.member(CUONG).pk, "state": "excused", "reason": "Đi viện"},
    ]
    response = _post(login("bob"), f"/api/v1/meetings/{planned.pk}/attendance/", entries)
    assert response.status_code == 200, response.json()
    data = response.json()
    assert (data["expected"], data["present"], data["excused"], data["absent"]) == (3, 2, 1, 0)
    assert data["attendance_rate"] == pytest.approx(2 / 3) and data["status"] == "held"


def test_it_is_idempotent_when_the_phone_resends(cast: Cast, login: Login) -> None:
    planned = meeting(cast, DAY)
    body = {"entries": [{"member": cast.member(AN).pk, "state": "absent", "reason": ""}]}
    url = f"/api/v1/meetings/{planned.pk}/attendance/"
    first = _post(login("bob"), url, body).json()
    second = _post(login("bob"), url, body).json()
    assert first == second
    assert Attendance.objects.filter(meeting=planned).count() == 1


def test_it_answers_bad_rows_one_by_one_with_nothing_written(cast: Cast, login: Login) -> None:
    planned = meeting(cast, DAY)
    url = f"/api/v1/meetings/{planned.pk}/attendance/"
    rows = [{"member": cast.member(AN).pk, "state": "present"}, {"member": "x", "state": "late"}]
    response = _post(login("alice"), url, rows)
    assert response.status_code == 400
    errors = response.json()["entries"]
    assert list(errors) == ["1"] and set(errors["1"]) == {"member", "state"}
    assert not Attendance.objects.exists()


def test_it_refuses_a_member_of_another_cell_by_row(cast: Cast, login: Login) -> None:
    planned = meeting(cast, DAY)
    dung = cast.member("Phạm Thị Dung")
    body = [{"member": dung.pk, "state": "present"}]
    response = _post(login("alice"), f"/api/v1/meetings/{planned.pk}/attendance/", body)
    assert response.status_code == 400
    assert "không sinh hoạt tại Chi bộ thôn Đông ngày 05/03/2024" in response.json()["entries"][0]
    assert not Attendance.objects.exists()


def test_it_refuses_attendance_once_the_minutes_are_approved(cast: Cast, login: Login) -> None:
    done = services.approve_minutes(cast.user("alice"), held(cast, DAY), DAY)
    body = [{"member": cast.member(AN).pk, "state": "absent"}]
    response = _post(login("alice"), f"/api/v1/meetings/{done.pk}/attendance/", body)
    assert response.status_code == 400
    assert response.json()["status"] == ["Biên bản đã duyệt: kỳ họp đã khóa."]


def test_it_shows_the_roster_with_the_marks(cast: Cast, login: Login) -> None:
    done = held(cast, DAY, {AN: "present", CUONG: "absent"})
    rows = login("bob").get(f"/api/v1/meetings/{done.pk}/roster/").json()
    assert [(r["full_name"], r["expected"], r["state"]) for r in rows] == [
        (AN, True, "present"),
        (BICH, True, ""),
        (CUONG, True, "absent"),
    ]


def test_it_filters_the_list_by_subtree_kind_and_dates(cast: Cast, login: Login) -> None:
    meeting(cast, DAY)
    meeting(cast, date(2024, 3, 20), cell="XA-TH", kind="thematic", topic="security")
    client, base = login("alice"), "/api/v1/meetings/"
    dong = client.get(base, {"organization": cast.org("XA-DONG").pk}).json()
    assert [row["organization_code"] for row in dong["results"]] == ["XA-DONG"]
    assert client.get(base, {"kind": "thematic"}).json()["count"] == 1
    assert (
        client.get(base, {"date_from": "2024-03-10", "date_to": "2024-03-31"}).json()["count"] == 1
    )
    assert client.get(base, {"search": "truong tieu hoc"}).json()["count"] == 1
    assert client.get(base, {"search": "chuyên đề"}).json()["count"] == 1


def test_it_lists_meetings_in_a_fixed_number_of_queries(cast: Cast, login: Login) -> None:
    client = login("alice")

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/api/v1/meetings/").status_code == 200
        return len(queries)

    meeting(cast, DAY)
    few = count()
    for month in (4, 5, 6):
        meeting(cast, date(2024, month, 5), cell="XA-TH")
    assert count() == few


def test_it_reports_rates_by_quarter_and_by_cell(cast: Cast, login: Login) -> None:
    held(cast, DAY, {AN: "present", BICH: "present", CUONG: "absent"})
    held(cast, date(2024, 3, 6), cell="XA-TH")
    url = f"/api/v1/meetings/rates/?{_xa(cast)}&period=quarter"
    data = login("dave").get(url).json()
    assert data["total"]["rate"] == 0.75 and data["periods"][0]["rate"] == 0.75
    assert [p["period"] for p in data["periods"]] == [1, 2, 3, 4]
    assert {c["organization"]["code"]: c["rate"] for c in data["children"]} == {
        "XA-DONG": pytest.approx(2 / 3),
        "XA-TH": 1.0,
    }


def test_it_refuses_bad_report_parameters(cast: Cast, login: Login) -> None:
    client = login("alice")
    assert client.get("/api/v1/meetings/rates/", {"organization": "x"}).status_code == 400
    url = f"/api/v1/meetings/rates/?{_xa(cast)}&period=week"
    assert client.get(url).status_code == 400
    assert client.get(f"/api/v1/meetings/compliance/?{_xa(cast)}&quarter=5").status_code == 400
    assert client.get("/api/v1/meetings/rates/", {"organization": 10**12}).status_code == 404


def test_it_reports_the_cells_that_missed_meetings(cast: Cast, login: Login) -> None:
    for month in (1, 2, 3):
        held(cast, date(2024, month, 5))
    held(cast, date(2024, 2, 20), kind="thematic", topic="new_rural")
    data = login("alice").get(f"/api/v1/meetings/compliance/?{_xa(cast)}&quarter=1").json()
    assert {(g["cell"]["code"], g["period_label"]) for g in data["gaps"]} == {
        ("XA-TH", "tháng 1/2024"),
        ("XA-TH", "tháng 2/2024"),
        ("XA-TH", "tháng 3/2024"),
        ("XA-TH", "quý I/2024"),
    }


def test_it_counts_the_meetings_an_overseer_attended(cast: Cast, login: Login) -> None:
    _assignment(cast)
    first = held(cast, date(2024, 4, 8), cell="XA-TH")
    held(cast, date(2024, 5, 8), cell="XA-TH")
    held(cast, date(2024, 2, 8), cell="XA-TH")  # before the assignment
    services.add_guest(cast.user("alice"), first, kind="overseer", member=cast.member(AN))
    rows = login("alice").get("/api/v1/oversight-assignments/", {"member": cast.member(AN).pk})
    [row] = rows.json()["results"]
    assert (row["meetings"], row["attended"], row["cell_code"]) == (2, 1, "XA-TH")


def test_it_hands_off_a_resolution_through_the_api(cast: Cast, login: Login) -> None:
    resolution = _resolution(cast)
    url = f"/api/v1/meetings/{resolution.meeting_id}/resolutions/{resolution.pk}/hand-off/"
    data = _post(login("bob"), url, {}).json()
    assert data["task_reference"].startswith("programs.task:")  # made by the programs app
    assert data["resolution"]["handed_off_at"]
    assert _post(
        login("bob"), "/api/v1/meetings/1/resolutions/999999/hand-off/", {}
    ).status_code in (400, 404)


@pytest.mark.parametrize("body", ["abc", 5, {"entries": {}}, [[1]], [{"member": 10**30}]])
def test_it_answers_400_to_any_body_shape(cast: Cast, login: Login, body: Any) -> None:
    planned = meeting(cast, DAY)
    response = _post(login("alice"), f"/api/v1/meetings/{planned.pk}/attendance/", body)
    assert response.status_code == 400
    assert not Attendance.objects.exists()


def test_it_answers_a_meeting_without_topic_as_its_schema_says(cast: Cast, login: Login) -> None:
    # A regular meeting has no topic nor review period (""), and a start time: the
    # schema used to allow neither "" in those enums nor "07:30:00" as a time
    # (found by the schema fuzzing).
    from datetime import time

    from tests.openapi import get_conforming

    planned = meeting(cast, DAY, start_time=time(7, 30))
    client = login("alice")
    one = get_conforming(client, f"/api/v1/meetings/{planned.pk}/", "/api/v1/meetings/{id}/")
    assert (one["topic"], one["review_period"], one["start_time"]) == ("", "", "07:30:00")
    get_conforming(client, "/api/v1/meetings/", "/api/v1/meetings/")
