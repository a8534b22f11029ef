"""Congress progress of a campaign over a subtree (issue 7, item 5)."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dangvu.congresses.choices import Status
from dangvu.congresses.models import Campaign, Congress
from dangvu.congresses.progress import ProgressError, congress_progress, parse_term
from dangvu.organizations.models import Organization
from tests.fixtures.cast import Cast
from tests.generic import Endpoint, check_endpoint

pytestmark = pytest.mark.django_db


def _campaign(org: Organization, due: date, **fields: object) -> Campaign:
    return Campaign.objects.create(
        organization=org,
        org_path=org.path,
        term_start=2022,
        term_end=2025,
        title=f"Đại hội chi bộ {org.name}",
        due_on=due,
        **fields,
    )


def _held(cell: Organization, on: date, campaign: Campaign | None = None) -> Congress:
    return Congress.objects.create(
        campaign=campaign,
        organization=cell,
        org_path=cell.path,
        term_start=2022,
        term_end=2025,
        status=Status.HELD,
        held_on=on,
    )


def test_it_counts_cells_held_by_the_day_and_by_kind(cast: Cast) -> None:
    campaign = _campaign(cast.org("XA"), date(2022, 8, 7))
    _held(cast.org("XA-TH"), date(2022, 7, 30), campaign)
    _held(cast.org("XA-DONG"), date(2022, 8, 6), campaign)
    before = congress_progress(cast.org("XA"), "2022-2025", date(2022, 8, 4))
    assert (before["cells"], before["held"], before["held_by_kind"]) == (2, 1, {"school": 1})
    assert before["due_on"] == "2022-08-07" and before["late"] == []
    after = congress_progress(cast.org("XA"), "2022-2025", date(2022, 8, 7))
    assert after["held"] == 2 and after["held_by_kind"] == {"residential": 1, "school": 1}


def test_it_lists_cells_late_after_their_own_deadline(cast: Cast) -> None:
    _campaign(cast.org("H01"), date(2022, 5, 31), plan_number="108-KH/HU")
    _campaign(cast.org("XA"), date(2022, 5, 15), plan_number="43-KH/ĐU")
    _held(cast.org("XA-TH"), date(2022, 5, 10))
    district = congress_progress(cast.org("H01"), "2022-2025", date(2022, 5, 20))
    assert district["due_on"] == "2022-05-31"
    assert district["late"] == [cast.org("XA-DONG").pk]  # XA's own deadline has passed
    assert district["cells"] == 3 and district["held"] == 1


def test_it_ignores_cancelled_and_future_congresses(cast: Cast) -> None:
    congress = _held(cast.org("XA-DONG"), date(2022, 8, 1))
    congress.status = Status.CANCELLED
    congress.save()
    _held(cast.org("XA-TH"), date(2022, 9, 1))
    assert congress_progress(cast.org("XA"), "2022-2025", date(2022, 8, 15))["held"] == 0


def test_it_reads_in_a_fixed_number_of_queries(cast: Cast) -> None:
    _campaign(cast.org("XA"), date(2022, 8, 7))
    district = cast.org("H01")
    with CaptureQueriesContext(connection) as queries:
        congress_progress(district, "2022-2025", date(2022, 8, 4))
    assert len(queries) == 3


@pytest.mark.parametrize("text", ["", "2022", "2025-2022", "abcd-efgh", "2022-2099"])
def test_it_refuses_a_bad_term(text: str) -> None:
    with pytest.raises(ProgressError, match="Nhiệm kỳ"):
        parse_term(text)


def test_it_answers_the_api_and_refuses_a_bad_term(cast: Cast, login) -> None:  # type: ignore[no-untyped-def]
    _campaign(cast.org("XA"), date(2022, 8, 7))
    client = login("alice")
    url = f"/api/v1/organizations/{cast.org('XA').pk}/congress-progress/"
    response = client.get(url, {"term": "2022-2025", "as_of": "2022-08-04"})
    assert response.status_code == 200 and response.json()["cells"] == 2
    bad = client.get(url, {"term": "hai nghìn"})
    assert bad.status_code == 400 and "Nhiệm kỳ" in bad.json()["term"][0]
    assert client.get(url, {"term": "2022-2025", "as_of": "04/13/2022"}).status_code == 400


PROGRESS = Endpoint(
    "congress-progress",
    lambda cast: f"/api/v1/organizations/{cast.org('XA').pk}/congress-progress/?term=2022-2025",
    api=True,
)


def test_it_scopes_the_progress(cast: Cast, login) -> None:  # type: ignore[no-untyped-def]
    check_endpoint(PROGRESS, cast, login)


def test_it_answers_the_progress_as_one_object_as_the_schema_says(cast: Cast, login) -> None:  # type: ignore[no-untyped-def]
    # The schema said a list (a ``list`` route); the answer is one object (found by
    # the schema fuzzing).
    from tests.openapi import get_conforming

    _campaign(cast.org("XA"), date(2022, 8, 7))
    url = f"/api/v1/organizations/{cast.org('XA').pk}/congress-progress/"
    path = "/api/v1/organizations/{organization_pk}/congress-progress/"
    data = get_conforming(login("alice"), url, path, term="2022-2025", as_of="2022-08-04")
    assert data["cells"] == 2


def test_it_answers_a_congress_as_its_schema_says(cast: Cast, login) -> None:  # type: ignore[no-untyped-def]
    # A convened member with no exclusion has "" (the schema's enum refused it):
    # found by the schema fuzzing.
    from tests.congresses.factories import ready_congress
    from tests.openapi import get_conforming

    congress = ready_congress(cast)
    url = f"/api/v1/congresses/{congress.pk}/"
    data = get_conforming(login("alice"), url, "/api/v1/congresses/{id}/")
    assert "" in {row["exclusion"] for row in data["convened"]}


def test_it_answers_the_delegates_as_a_plain_list_as_the_schema_says(cast: Cast, login) -> None:  # type: ignore[no-untyped-def]
    # The schema said a page ({count, results}); the answer is the whole list (found
    # by the schema fuzzing).
    from tests.congresses.factories import ready_congress
    from tests.openapi import get_conforming

    congress = ready_congress(cast)
    url = f"/api/v1/congresses/{congress.pk}/delegates/"
    assert get_conforming(login("alice"), url, "/api/v1/congresses/{id}/delegates/") == []
