"""The admissions API: scope on every endpoint, the path through it, bad input refused."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.test import Client

from dangvu.admissions.choices import Stage
from dangvu.admissions.models import AdmissionTarget, Candidate, CandidateStep
from dangvu.members.choices import Status
from dangvu.members.models import Member
from tests.admissions.helpers import advance_to, decided, propose
from tests.fixtures.cast import Cast
from tests.generic import Endpoint, check_endpoint

Login = Callable[[str], Client]


def _candidate(cast: Cast) -> Candidate:
    return Candidate.objects.first() or propose(cast)


ENDPOINTS = [
    Endpoint(
        "candidates list",
        lambda c: "/api/v1/candidates/",
        api=True,
        object_level=False,
        hidden_text="Vũ Minh Khang",
    ),
    Endpoint("candidate", lambda c: f"/api/v1/candidates/{_candidate(c).pk}/", api=True),
    Endpoint(
        "candidate update",
        lambda c: f"/api/v1/candidates/{_candidate(c).pk}/",
        method="patch",
        data=lambda c: {"occupation": "Giáo viên"},
        api=True,
        writes=True,
    ),
    Endpoint(
        "advance",
        lambda c: f"/api/v1/candidates/{_candidate(c).pk}/advance/",
        method="post",
        data=lambda c: {"stage": Stage.WITHDRAWN, "date": "2024-02-01"},
        api=True,
        writes=True,
        ok_status=(400,),
    ),
    Endpoint(
        "admit",
        lambda c: f"/api/v1/candidates/{_candidate(c).pk}/admit/",
        method="post",
        data=lambda c: {"ceremony_date": "2024-06-20"},
        api=True,
        writes=True,
        ok_status=(400,),
    ),
    Endpoint(
        "recognitions",
        lambda c: "/api/v1/recognitions/",
        method="post",
        data=lambda c: {"member": c.member("Đỗ Văn Hùng").pk, "meeting_date": "2026-06-10"},
        api=True,
        writes=True,
        ok_status=(201,),
    ),
    Endpoint(
        "targets",
        lambda c: "/api/v1/admission-targets/",
        method="post",
        data=lambda c: {"cell": c.org("XA-DONG").pk, "year": 2024, "target": 2},
        api=True,
        writes=True,
        object_level=False,
        ok_status=(201,),
    ),
    Endpoint("targets list", lambda c: "/api/v1/admission-targets/", api=True, object_level=False),
    Endpoint(
        "courses",
        lambda c: "/api/v1/awareness-courses/",
        method="post",
        data=lambda c: {
            "organization": c.org("XA").pk,
            "name": "Lớp 1/2024",
            "start_date": "2024-01-05",
            "end_date": "2024-01-10",
        },
        api=True,
        writes=True,
        object_level=False,
        ok_status=(201,),
    ),
]


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=str)
def test_it_scopes_every_endpoint(endpoint: Endpoint, cast: Cast, login: Login) -> None:
    propose(cast)
    check_endpoint(endpoint, cast, login)


def _post(client: Client, url: str, data: dict[str, Any]) -> Any:
    return client.post(url, data, content_type="application/json")


def test_it_walks_the_path_through_the_api(cast: Cast, login: Login) -> None:
    client = login("bob")
    created = _post(
        client,
        "/api/v1/candidates/",
        {
            "cell": cast.org("XA-DONG").pk,
            "full_name": "Vũ Minh Khang",
            "gender": "male",
            "birth_date": "2000-05-10",
            "proposed_on": "2024-01-10",
            "introducers": [cast.member("Trần Thị Bích").pk],
        },
    )
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    steps = [
        {"stage": "course_sent", "date": "2024-02-01"},
        {"stage": "course_completed", "date": "2024-03-01", "certificate_date": "2024-03-01"},
        {"stage": "file_prepared", "date": "2024-04-01"},
        {"stage": "cell_resolution", "date": "2024-05-02"},
        {"stage": "admission_decision", "date": "2024-06-03", "document_number": "12-QĐ/ĐU"},
    ]
    for step in steps:
        assert _post(client, f"/api/v1/candidates/{pk}/advance/", step).status_code == 200
    admitted = _post(client, f"/api/v1/candidates/{pk}/admit/", {"ceremony_date": "2024-06-20"})
    assert admitted.status_code == 201
    member = Member.objects.get(pk=admitted.json()["member"])
    assert (member.status, member.ceremony_date) == (Status.PROBATIONARY, date(2024, 6, 20))


def test_it_refuses_a_seventeen_year_old_with_nothing_written(cast: Cast, login: Login) -> None:
    candidate = advance_to(cast, propose(cast, birth=date(2006, 9, 1)), Stage.FILE_PREPARED)
    before = (Candidate.objects.count(), CandidateStep.objects.count(), Member.objects.count())
    response = _post(
        login("alice"),
        f"/api/v1/candidates/{candidate.pk}/advance/",
        {"stage": "cell_resolution", "date": "2024-05-02"},
    )
    assert response.status_code == 400
    assert "Chưa đủ 18 tuổi" in response.json()["birth_date"][0]
    after = (Candidate.objects.count(), CandidateStep.objects.count(), Member.objects.count())
    assert after == before
    assert Candidate.objects.get().stage == Stage.FILE_PREPARED


def test_it_refuses_a_bad_birth_date_in_vietnamese(cast: Cast, login: Login) -> None:
    response = _post(
        login("alice"),
        "/api/v1/candidates/",
        {"cell": cast.org("XA-DONG").pk, "full_name": "A", "gender": "male", "birth_date": "x"},
    )
    assert response.status_code == 400
    assert "Ngày không hợp lệ" in response.json()["birth_date"][0]
    assert not Candidate.objects.exists()


def test_it_refuses_a_ceremony_before_the_decision(cast: Cast, login: Login) -> None:
    candidate = decided(cast)
    response = _post(
        login("alice"), f"/api/v1/candidates/{candidate.pk}/admit/", {"ceremony_date": "2024-06-01"}
    )
    assert response.status_code == 400
    assert Member.objects.count() == 7


def test_it_recognises_from_the_end_of_the_probation(cast: Cast, login: Login) -> None:
    hung = cast.member("Đỗ Văn Hùng")
    response = _post(
        login("alice"),
        "/api/v1/recognitions/",
        {"member": hung.pk, "meeting_date": "2026-08-01", "decision_date": "2026-08-05"},
    )
    assert response.json()["official_date"] == "2026-06-01"


def test_it_hides_sensitive_candidate_fields_from_a_viewer(cast: Cast, login: Login) -> None:
    candidate = propose(cast)
    hidden = login("dave").get(f"/api/v1/candidates/{candidate.pk}/").json()
    shown = login("alice").get(f"/api/v1/candidates/{candidate.pk}/").json()
    for name in ("national_id", "ethnicity", "religion"):
        assert name not in hidden and name in shown


def test_it_lists_targets_of_a_year(cast: Cast, login: Login) -> None:
    AdmissionTarget.objects.create(cell=cast.org("XA-DONG"), org_path="", year=2023, target=1)
    _post(
        login("alice"),
        "/api/v1/admission-targets/",
        {"cell": cast.org("XA-DONG").pk, "year": 2024, "target": 2},
    )
    rows = login("alice").get("/api/v1/admission-targets/?year=2024").json()["results"]
    assert [(r["year"], r["target"]) for r in rows] == [(2024, 2)]


def test_it_writes_nothing_for_an_outsider(cast: Cast, login: Login) -> None:
    eve = login("eve")
    target = {"cell": cast.org("XA-DONG").pk, "year": 2024, "target": 2}
    assert _post(eve, "/api/v1/admission-targets/", target).status_code == 400
    candidate = {"cell": cast.org("XA-DONG").pk, "full_name": "A", "gender": "male"}
    assert _post(eve, "/api/v1/candidates/", candidate).status_code == 400
    assert not AdmissionTarget.objects.exists()
    assert not Candidate.objects.exists()
