"""The targets and reviews API: scope on every endpoint, values, figures, bad input, queries."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from dangvu.programs import services, services_reviews
from dangvu.programs.models import Programme, Review, ReviewNote, Target, TargetValue
from tests.fixtures.cast import Cast
from tests.generic import Endpoint, check_endpoint
from tests.programs.test_api import programme, task

pytestmark = pytest.mark.django_db
Login = Callable[[str], Client]
TARGETS = "/api/v1/targets/"
REVIEWS = "/api/v1/reviews/"
LAND = "Dồn điền đổi thửa"


def target(cast: Cast, name: str = LAND, **fields: Any) -> Target:
    """XA's target of 2022 (made once per name)."""
    found = Target.objects.filter(name=name).first()
    if found is not None:
        return found
    values: dict[str, Any] = {"year": 2022, "unit": "ha", "planned": Decimal("10"), **fields}
    return services.add_target(cast.user("alice"), organization=cast.org("XA"), name=name, **values)


def review(cast: Cast) -> Review:
    """The review of XA's Q1 programme (one task), held on 07/4/2022 (made once)."""
    found = Review.objects.first()
    if found is not None:
        return found
    task(cast)
    return services_reviews.open_review(
        cast.user("alice"), programme(cast), held_on=date(2022, 4, 7), opinions_count=9
    )


def closed(cast: Cast) -> Review:
    found = review(cast)
    if found.closed_on is None:
        found = services_reviews.close_review(cast.user("alice"), found, closed_on=date(2022, 4, 8))
    return found


def _post(
    name: str, url: Callable[[Cast], str], data: Callable[[Cast], dict[str, Any]], **kw: Any
) -> Endpoint:
    return Endpoint(name, url, method="post", data=data, writes=True, api=True, **kw)


ENDPOINTS = [
    Endpoint(
        "targets",
        lambda cast: f"{TARGETS}?organization={target(cast).organization_id}&year=2022",
        api=True,
        object_level=False,
        hidden_text=LAND,
    ),
    _post(
        "target create",
        lambda cast: TARGETS,
        lambda cast: {
            "organization": cast.org("XA").pk,
            "year": 2022,
            "name": "Kết nạp đảng viên",
            "planned": "5",
        },
        object_level=False,
        ok_status=(201,),
    ),
    _post(
        "target value",
        lambda cast: f"{TARGETS}{target(cast).pk}/values/",
        lambda cast: {"measured_on": "2022-03-31", "value": "4.5"},
        ok_status=(201,),
    ),
    _post(
        "targets refresh",
        lambda cast: f"{TARGETS}refresh/",
        lambda cast: {"organization": cast.org("XA").pk, "year": 2022, "as_of": "2022-06-30"},
        object_level=False,
    ),
    Endpoint(
        "reviews",
        lambda cast: f"{REVIEWS}?organization={review(cast).programme.organization_id}",
        api=True,
        object_level=False,
        hidden_text="quý 1/2022",
    ),
    _post(
        "review create",
        lambda cast: REVIEWS,
        lambda cast: {"programme": programme(cast).pk, "held_on": "2022-04-07"},
        object_level=False,
        ok_status=(201,),
    ),
    Endpoint("review", lambda cast: f"{REVIEWS}{review(cast).pk}/", api=True),
    Endpoint(
        "review patch",
        lambda cast: f"{REVIEWS}{review(cast).pk}/",
        method="patch",
        data=lambda cast: {"opinions_count": 12},
        writes=True,
        api=True,
    ),
    _post(
        "review note",
        lambda cast: f"{REVIEWS}{review(cast).pk}/notes/",
        lambda cast: {"kind": "shortcoming", "text": "Một số nhiệm vụ còn chậm."},
        ok_status=(201,),
    ),
    _post("review close", lambda cast: f"{REVIEWS}{review(cast).pk}/close/", lambda cast: {}),
    _post(
        "review reopen",
        lambda cast: f"{REVIEWS}{closed(cast).pk}/reopen/",
        lambda cast: {"reason": "Bổ sung số liệu."},
    ),
    Endpoint("review docx", lambda cast: f"{REVIEWS}{review(cast).pk}/docx/", api=True),
]


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=str)
def test_it_keeps_every_endpoint_in_scope(endpoint: Endpoint, cast: Cast, login: Login) -> None:
    check_endpoint(endpoint, cast, login)


# ---------------------------------------------------------------------------
# Targets


def test_it_lists_targets_with_the_latest_value(cast: Cast, login: Login) -> None:
    land = target(cast)
    for day, value in ((date(2022, 3, 31), "4"), (date(2022, 6, 30), "10.5")):
        services.record_target_value(cast.user("alice"), land, measured_on=day, value=value)
    target(cast, "Hộ nghèo", unit="%", planned=Decimal("3"), comparison="at_most")
    query: dict[str, Any] = {"organization": cast.org("XA").pk, "year": 2022}
    rows = login("dave").get(TARGETS, query).json()["results"]
    assert [row["name"] for row in rows] == [LAND, "Hộ nghèo"]
    first, second = rows
    assert (first["planned"], first["actual"], first["measured_on"]) == (
        "10.00",
        "10.50",
        "2022-06-30",
    )
    assert (first["percent_of_plan"], first["met"]) == (105.0, True)
    assert (second["actual"], second["met"], second["comparison"]) == (None, None, "at_most")


def test_it_records_a_value_and_answers_the_target(cast: Cast, login: Login) -> None:
    url = f"{TARGETS}{target(cast).pk}/values/"
    data = {"measured_on": "2022-03-31", "value": "5", "note": "Đợt 1"}
    response = login("alice").post(url, data, content_type="application/json")
    assert response.status_code == 201, response.content
    assert (response.json()["actual"], response.json()["percent_of_plan"]) == ("5.00", 50.0)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"value": "abc"}, "value"),
        ({"value": "1" * 20}, "value"),
        ({"measured_on": "31/03/2022"}, "measured_on"),
        ({"measured_on": "2021-12-31"}, "measured_on"),
        ({"measured_on": "2999-01-01"}, "measured_on"),
    ],
)
def test_it_answers_400_on_a_bad_value(
    change: dict[str, Any], field: str, cast: Cast, login: Login
) -> None:
    url = f"{TARGETS}{target(cast).pk}/values/"
    data = {"measured_on": "2022-03-31", "value": "5", **change}
    response = login("alice").post(url, data, content_type="application/json")
    assert response.status_code == 400, response.content
    assert field in response.json()
    assert not TargetValue.objects.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"planned": "x"}, "planned"),
        ({"year": 1800}, "year"),
        ({"name": ""}, "name"),
        ({"comparison": "about"}, "comparison"),
        ({"source": "weather"}, "source"),
        ({"organization": 10**20}, "organization"),
    ],
)
def test_it_answers_400_on_a_bad_target(
    change: dict[str, Any], field: str, cast: Cast, login: Login
) -> None:
    data = {"organization": cast.org("XA").pk, "year": 2022, "name": "X", "planned": "1", **change}
    response = login("alice").post(TARGETS, data, content_type="application/json")
    assert response.status_code == 400, response.content
    assert field in response.json()
    assert not Target.objects.exists()


def test_it_refuses_a_value_for_a_computed_target(cast: Cast, login: Login) -> None:
    computed = target(cast, "Kết nạp đảng viên", source="admissions", planned=Decimal("5"))
    url = f"{TARGETS}{computed.pk}/values/"
    data = {"measured_on": "2022-03-31", "value": "2"}
    response = login("alice").post(url, data, content_type="application/json")
    assert response.status_code == 400
    assert "tính từ dữ liệu" in response.json()["source"][0]


def test_it_refreshes_the_computed_targets(cast: Cast, login: Login) -> None:
    target(cast, "Kết nạp đảng viên", source="admissions", planned=Decimal("5"))
    data = {"organization": cast.org("XA").pk, "year": 2025, "as_of": "2025-12-31"}
    response = login("alice").post(f"{TARGETS}refresh/", data, content_type="application/json")
    assert response.status_code == 200, response.content
    assert response.json() == []  # the target is of 2022
    data = {"organization": cast.org("XA").pk, "year": 2022, "as_of": "2022-12-31"}
    response = login("alice").post(f"{TARGETS}refresh/", data, content_type="application/json")
    assert [(row["measured_on"], row["computed"]) for row in response.json()] == [
        ("2022-12-31", True)
    ]


def test_it_lists_targets_in_a_fixed_number_of_queries(cast: Cast, login: Login) -> None:
    services.record_target_value(
        cast.user("alice"), target(cast), measured_on=date(2022, 3, 1), value=1
    )
    client = login("alice")
    client.get(TARGETS)
    with CaptureQueriesContext(connection) as few:
        client.get(TARGETS)
    for number in range(4):
        more = target(cast, f"Chỉ tiêu {number}")
        services.record_target_value(
            cast.user("alice"), more, measured_on=date(2022, 3, 1), value=number
        )
    with CaptureQueriesContext(connection) as many:
        assert client.get(TARGETS).json()["count"] == 5
    assert len(many) == len(few)


# ---------------------------------------------------------------------------
# Reviews


def test_it_opens_a_review_with_its_figures(cast: Cast, login: Login) -> None:
    task(cast)
    data = {"programme": programme(cast).pk, "held_on": "2022-04-07", "opinions_count": 9}
    response = login("alice").post(REVIEWS, data, content_type="application/json")
    assert response.status_code == 201, response.content
    figures = response.json()["figures"]
    assert (figures["as_of"], figures["total"], figures["overdue"]) == ("2022-04-07", 1, 1)
    assert figures["counts"]["not_started"] == 1
    assert figures["by_body"][0]["name"] == "Chi bộ thôn Đông"
    assert figures["by_person"][0]["name"] == "Trần Thị Bích"
    assert response.json()["period_label"] == "quý 1/2022"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"held_on": "2021-12-31"}, "held_on"),
        ({"held_on": "7/4/2022"}, "held_on"),
        ({"programme": 999_999}, "programme"),
        ({"meeting": 999_999}, "meeting"),
        ({"opinions_count": -1}, "opinions_count"),
    ],
)
def test_it_answers_400_on_a_bad_review(
    change: dict[str, Any], field: str, cast: Cast, login: Login
) -> None:
    data = {"programme": programme(cast).pk, "held_on": "2022-04-07", **change}
    response = login("alice").post(REVIEWS, data, content_type="application/json")
    assert response.status_code == 400, response.content
    assert field in response.json()
    assert not Review.objects.exists()


def test_it_refuses_a_second_review_of_a_programme(cast: Cast, login: Login) -> None:
    existing = review(cast)
    data = {"programme": existing.programme_id, "held_on": "2022-04-08"}
    response = login("alice").post(REVIEWS, data, content_type="application/json")
    assert response.status_code == 400
    assert "đã có sơ kết" in response.json()["programme"][0]


def test_it_adds_notes_and_closes_the_figures(cast: Cast, login: Login) -> None:
    client = login("alice")
    url = f"{REVIEWS}{review(cast).pk}/"
    note = {"kind": "cause", "text": "Kinh phí hạn hẹp."}
    client.post(url + "notes/", note, content_type="application/json")
    bad = client.post(
        url + "notes/", {"kind": "joke", "text": "x"}, content_type="application/json"
    )
    assert bad.status_code == 400 and "kind" in bad.json()
    data = {"closed_on": "2022-04-08"}
    closed_review = client.post(url + "close/", data, content_type="application/json")
    assert closed_review.json()["closed_on"] == "2022-04-08"
    assert [n["kind_display"] for n in closed_review.json()["notes"]] == ["Nguyên nhân"]
    assert ReviewNote.objects.count() == 1
    services.complete_task(cast.user("alice"), task(cast), completed_on=date(2022, 4, 20))
    assert client.get(url).json()["figures"]["counts"]["not_started"] == 1


def test_it_refuses_a_change_of_a_closed_review(cast: Cast, login: Login) -> None:
    url = f"{REVIEWS}{closed(cast).pk}/"
    data = {"opinions_count": 3}
    response = login("alice").patch(url, data, content_type="application/json")
    assert response.status_code == 400
    assert "mở lại" in response.json()["closed_on"][0]
    assert Review.objects.get().opinions_count == 9


def test_it_lists_reviews_in_a_fixed_number_of_queries(cast: Cast, login: Login) -> None:
    review(cast)
    client = login("alice")
    client.get(REVIEWS)
    with CaptureQueriesContext(connection) as few:
        client.get(REVIEWS)
    for period, held_on in (("2022-Q2", date(2022, 7, 5)), ("2022-Q3", date(2022, 10, 5))):
        later: Programme = programme(cast, period)
        services_reviews.open_review(cast.user("alice"), later, held_on=held_on)
    with CaptureQueriesContext(connection) as many:
        assert client.get(REVIEWS).json()["count"] == 3
    assert len(many) == len(few)
