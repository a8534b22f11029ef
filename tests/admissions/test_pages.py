"""Admission pages: scope on every page, the two-click step, the ceremony, recognition."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dangvu.admissions.choices import Stage
from dangvu.admissions.models import AdmissionTarget, Candidate
from dangvu.members.choices import Status
from dangvu.members.models import Member
from tests.admissions.helpers import advance_to, decided, propose
from tests.fixtures.cast import Cast
from tests.generic import Endpoint, check_endpoint

Login = Callable[[str], Client]


def _candidate(cast: Cast) -> Candidate:
    return Candidate.objects.first() or propose(cast)


def _probationary(cast: Cast) -> Member:
    return cast.member("Đỗ Văn Hùng")


ENDPOINTS = [
    Endpoint(
        "list",
        lambda c: reverse("admissions:list"),
        object_level=False,
        hidden_text="Vũ Minh Khang",
    ),
    Endpoint("detail", lambda c: reverse("admissions:detail", args=[_candidate(c).pk])),
    Endpoint("edit", lambda c: reverse("admissions:edit", args=[_candidate(c).pk]), writes=True),
    Endpoint(
        "step",
        lambda c: reverse("admissions:step", args=[_candidate(c).pk]),
        method="post",
        data=lambda c: {"stage": Stage.COURSE_SENT, "date": "01/02/2024"},
        writes=True,
        ok_status=(302,),
    ),
    Endpoint("admit", lambda c: reverse("admissions:admit", args=[_candidate(c).pk]), writes=True),
    Endpoint(
        "recognise",
        lambda c: reverse("admissions:recognise", args=[_probationary(c).pk]),
        writes=True,
    ),
    Endpoint("targets", lambda c: reverse("admissions:targets"), object_level=False),
    Endpoint("courses", lambda c: reverse("admissions:courses"), object_level=False),
]


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=str)
def test_it_scopes_every_page(endpoint: Endpoint, cast: Cast, login: Login) -> None:
    propose(cast)
    check_endpoint(endpoint, cast, login)


def test_it_lets_the_cell_secretary_propose(cast: Cast, login: Login) -> None:
    response = login("bob").post(
        reverse("admissions:create"),
        {
            "cell": cast.org("XA-DONG").pk,
            "full_name": "Vũ Minh Khang",
            "gender": "male",
            "birth_date": "10/05/2000",
            "ethnicity": "Kinh",
            "qualification": "none",
            "political_theory": "none",
            "introducers": [cast.member("Trần Thị Bích").pk],
        },
    )
    candidate = Candidate.objects.get()
    assert response["Location"] == reverse("admissions:detail", args=[candidate.pk])


def test_it_refuses_a_cell_outside_the_secretary_cell(cast: Cast, login: Login) -> None:
    response = login("bob").post(
        reverse("admissions:create"),
        {
            "cell": cast.org("XA-TH").pk,
            "full_name": "X",
            "gender": "male",
            "birth_date": "10/05/2000",
        },
    )
    assert response.status_code == 200
    assert not Candidate.objects.exists()


def test_it_records_the_next_step_in_two_clicks(cast: Cast, login: Login) -> None:
    candidate = propose(cast)
    client = login("alice")
    page = client.get(reverse("admissions:detail", args=[candidate.pk]))
    assert "Cử đi học lớp nhận thức về Đảng" in page.content.decode()
    client.post(
        reverse("admissions:step", args=[candidate.pk]),
        {"stage": Stage.COURSE_SENT, "date": "01/02/2024", "decided_by": "Chi bộ"},
    )
    assert Candidate.objects.get().stage == Stage.COURSE_SENT


def test_it_shows_a_refused_step_on_the_page(cast: Cast, login: Login) -> None:
    candidate = advance_to(cast, propose(cast), Stage.COURSE_SENT)
    response = login("alice").post(
        reverse("admissions:step", args=[candidate.pk]),
        {"stage": Stage.COURSE_COMPLETED, "date": "01/03/2024"},
    )
    assert response.status_code == 200
    assert "Chưa có giấy chứng nhận" in response.content.decode()
    assert Candidate.objects.get().stage == Stage.COURSE_SENT


def test_it_admits_from_the_page(cast: Cast, login: Login) -> None:
    candidate = decided(cast)
    response = login("alice").post(
        reverse("admissions:admit", args=[candidate.pk]), {"ceremony_date": "20/06/2024"}
    )
    member = Member.objects.get(full_name="Vũ Minh Khang")
    assert response["Location"] == reverse("members:detail", args=[member.pk])
    assert member.ceremony_date == date(2024, 6, 20)


def test_it_recognises_from_the_page_from_the_end_of_probation(cast: Cast, login: Login) -> None:
    member = _probationary(cast)
    response = login("alice").post(
        reverse("admissions:recognise", args=[member.pk]),
        {"outcome": "recognise", "meeting_date": "10/07/2026", "decision_number": "40-QĐ/ĐU"},
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.status, member.official_date) == (Status.FULL, date(2026, 6, 1))


def test_it_sets_a_target_inline(cast: Cast, login: Login) -> None:
    cell = cast.org("XA-DONG")
    url = reverse("admissions:targets") + "?year=2024"
    login("alice").post(url, {"cell": cell.pk, "target": "2"})
    assert AdmissionTarget.objects.get(cell=cell, year=2024).target == 2
    page = login("alice").get(url)
    assert "Chi bộ thôn Đông" in page.content.decode()


def test_it_refuses_a_target_saved_over_a_newer_one(cast: Cast, login: Login) -> None:
    # Both pages opened with no target; the first save stands, the second is refused.
    cell = cast.org("XA-DONG")
    url = reverse("admissions:targets") + "?year=2024"
    login("alice").post(url, {"cell": cell.pk, "target": "2", "shown": ""})
    late = login("alice").post(url, {"cell": cell.pk, "target": "5", "shown": ""}, follow=True)
    assert AdmissionTarget.objects.get(cell=cell, year=2024).target == 2
    assert "đã được người khác đổi từ — thành 2" in late.content.decode()
    login("alice").post(url, {"cell": cell.pk, "target": "5", "shown": "2"})
    assert AdmissionTarget.objects.get(cell=cell, year=2024).target == 5


def test_it_carries_the_shown_target_in_the_row_form(cast: Cast, login: Login) -> None:
    cell = cast.org("XA-DONG")
    url = reverse("admissions:targets") + "?year=2024"
    login("alice").post(url, {"cell": cell.pk, "target": "3"})
    assert 'name="shown" value="3"' in login("alice").get(url).content.decode()


def test_it_refuses_a_target_from_a_viewer(cast: Cast, login: Login) -> None:
    response = login("dave").post(
        reverse("admissions:targets") + "?year=2024",
        {"cell": cast.org("XA-DONG").pk, "target": "2"},
    )
    assert response.status_code == 403
    assert not AdmissionTarget.objects.exists()


def test_it_creates_a_course(cast: Cast, login: Login) -> None:
    login("alice").post(
        reverse("admissions:course_create"),
        {
            "organization": cast.org("XA").pk,
            "name": "Lớp nhận thức khóa 1/2024",
            "start_date": "05/01/2024",
            "end_date": "10/01/2024",
        },
    )
    page = login("alice").get(reverse("admissions:courses"))
    assert "Lớp nhận thức khóa 1/2024" in page.content.decode()


def test_it_lists_in_a_fixed_number_of_queries(cast: Cast, login: Login) -> None:
    client = login("alice")
    propose(cast)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("admissions:list"), {"search": "khang"})
    for serial in range(2, 6):
        propose(cast, name=f"Vũ Minh Khang {serial}", serial=100 + serial)
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("admissions:list"), {"search": "khang"})
    assert len(many) == len(few)
    assert response.content.decode().count("Vũ Minh Khang") >= 5


def test_it_asks_a_reason_for_not_recognising(cast: Cast, login: Login) -> None:
    member = _probationary(cast)
    response = login("alice").post(
        reverse("admissions:recognise", args=[member.pk]),
        {"outcome": "refuse", "meeting_date": "10/07/2026"},
    )
    assert "Ghi lý do không công nhận." in response.content.decode()
    member.refresh_from_db()
    assert (member.status, member.events.count()) == (Status.PROBATIONARY, 0)
