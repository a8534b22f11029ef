"""The congress records API: scope on every endpoint, a congress run through it, bad input."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from dangvu.congresses import services
from dangvu.congresses.models import Campaign, Congress, Convened, Election, Guide
from dangvu.organizations.models import Committee
from tests.congresses.factories import (
    AN,
    BICH,
    CONGRESS_DAY,
    CUONG,
    DECISION,
    campaign_on,
    counted,
    held_congress,
    planned_congress,
    ready_congress,
)
from tests.congresses.helpers import EXAMPLE
from tests.fixtures.cast import Cast
from tests.generic import Endpoint, check_endpoint

pytestmark = pytest.mark.django_db
Login = Callable[[str], Client]
DAY = CONGRESS_DAY.isoformat()


def _campaign(cast: Cast) -> Campaign:
    return Campaign.objects.filter(organization__code="XA").first() or campaign_on(cast)


def _planned(cast: Cast) -> Congress:
    return Congress.objects.first() or planned_congress(cast)


def _ready(cast: Cast) -> Congress:
    return Congress.objects.filter(convened__isnull=False).first() or ready_congress(cast)


def _present(cast: Cast) -> Congress:
    congress = _ready(cast)
    if congress.present_count == 0:
        ids = [cast.member(name).pk for name in (AN, BICH, CUONG)]
        congress = services.record_presence(cast.user("alice"), congress, ids)
    return congress


def _held(cast: Cast) -> Congress:
    return Congress.objects.filter(status="held").first() or held_congress(cast)


def _open_election(cast: Cast) -> Election:
    found = Election.objects.filter(status="open").first()
    if found is not None:
        return found
    names = [cast.member(name) for name in (AN, BICH, CUONG)]
    return services.create_election(
        cast.user("alice"),
        _present(cast),
        kind="committee",
        seats=3,
        candidates=names,
        list_decision=DECISION,
    )


def _with_ballots(cast: Cast) -> Election:
    election = _open_election(cast)
    if not election.ballots.exists():
        for kept in ([AN, BICH, CUONG], [AN, BICH], [AN, CUONG]):
            services.add_ballot(cast.user("alice"), election, kept=kept)
    return election


def _unfilled(cast: Cast) -> Election:
    """The chi ủy elected with Cường one vote short: one seat left for a second round."""
    found = Election.objects.filter(status="counted").first()
    if found is not None:
        return found
    congress = services.hold_congress(cast.user("alice"), _present(cast), held_on=CONGRESS_DAY)
    ballots = [[AN, BICH, CUONG], [AN, BICH], [AN, BICH]]
    return counted(cast, congress, "committee", 3, [AN, BICH, CUONG], ballots)


def _convened_row(cast: Cast) -> int:
    return Convened.objects.filter(congress=_ready(cast), member__full_name=CUONG).get().pk


def _write(name: str, url: Callable[[Cast], str], data: Callable[[Cast], Any], **kw: Any) -> Any:
    return Endpoint(name, url, method="post", data=data, api=True, writes=True, **kw)


def _ids(cast: Cast) -> list[int]:
    return [cast.member(name).pk for name in (AN, BICH, CUONG)]


C, E = "/api/v1/congresses", "/api/v1/elections"
ENDPOINTS = [
    Endpoint(
        "campaign list",
        lambda c: f"/api/v1/congress-campaigns/?_={_campaign(c).pk}",
        api=True,
        object_level=False,
        hidden_text="12-KH/ĐU",
    ),
    Endpoint("campaign", lambda c: f"/api/v1/congress-campaigns/{_campaign(c).pk}/", api=True),
    _write(
        "campaign create",
        lambda c: "/api/v1/congress-campaigns/",
        lambda c: {
            "organization": c.org("XA").pk,
            "term_start": 2025,
            "term_end": 2030,
            "title": "Kế hoạch đại hội chi bộ nhiệm kỳ 2025–2030",
            "due_on": "2025-06-30",
        },
        object_level=False,
        ok_status=(201,),
    ),
    _write(
        "guides",
        lambda c: f"/api/v1/congress-campaigns/{_campaign(c).pk}/guides/",
        lambda c: {"cell": c.org("XA-DONG").pk, "member": c.member(AN).pk, "assigned_on": DAY},
        ok_status=(201,),
    ),
    Endpoint(
        "congress list",
        lambda c: f"{C}/?_={_planned(c).pk}",
        api=True,
        object_level=False,
        hidden_text="Chi bộ thôn Đông",
    ),
    Endpoint("congress", lambda c: f"{C}/{_planned(c).pk}/", api=True),
    _write(
        "congress create",
        lambda c: f"{C}/",
        lambda c: {"cell": c.org("XA-TH").pk, "term_start": 2025, "term_end": 2030},
        object_level=False,
        ok_status=(201,),
    ),
    _write(
        "step",
        lambda c: f"{C}/{_planned(c).pk}/step/",
        lambda c: {"step": "preparation", "on": "2025-04-01"},
    ),
    _write("convene", lambda c: f"{C}/{_planned(c).pk}/convene/", lambda c: {"day": DAY}),
    _write(
        "exclusion",
        lambda c: f"{C}/{_ready(c).pk}/exclusion/",
        lambda c: {"convened": _convened_row(c), "exclusion": "excused_absent", "note": "Ốm"},
    ),
    _write("presence", lambda c: f"{C}/{_ready(c).pk}/presence/", lambda c: {"present": _ids(c)}),
    _write(
        "documents",
        lambda c: f"{C}/{_planned(c).pk}/documents/",
        lambda c: {"kind": "political_report", "title": "Báo cáo", "on": DAY, "text": "Nội dung"},
        ok_status=(201,),
    ),
    _write(
        "elections",
        lambda c: f"{C}/{_ready(c).pk}/elections/",
        lambda c: {
            "kind": "committee",
            "seats": 3,
            "candidates": _ids(c),
            "list_decision": DECISION,
        },
        ok_status=(201,),
    ),
    _write("hold", lambda c: f"{C}/{_present(c).pk}/hold/", lambda c: {"held_on": DAY}),
    _write("install", lambda c: f"{C}/{_held(c).pk}/install-committee/", lambda c: {}),
    _write(
        "approve",
        lambda c: f"{C}/{_held(c).pk}/approve/",
        lambda c: {"on": "2025-05-25", "number": "15-QĐ/ĐU", "approved_by": "BTV Đảng ủy"},
    ),
    _write("cancel", lambda c: f"{C}/{_planned(c).pk}/cancel/", lambda c: {"reason": "Bão lụt"}),
    Endpoint(
        "election list",
        lambda c: f"{E}/?_={_open_election(c).pk}",
        api=True,
        object_level=False,
        hidden_text=CUONG,
    ),
    Endpoint("election", lambda c: f"{E}/{_open_election(c).pk}/", api=True),
    _write(
        "ballots",
        lambda c: f"{E}/{_open_election(c).pk}/ballots/",
        lambda c: {"kept": [AN, BICH]},
        ok_status=(201,),
    ),
    _write(
        "tally",
        lambda c: f"{E}/{_open_election(c).pk}/tally/",
        lambda c: {"votes": {AN: 3, BICH: 3, CUONG: 2}, "valid": 3},
    ),
    _write("count", lambda c: f"{E}/{_with_ballots(c).pk}/count/", lambda c: {"on": DAY}),
    _write(
        "next round",
        lambda c: f"{E}/{_unfilled(c).pk}/next-round/",
        lambda c: {"candidates": [CUONG]},
        ok_status=(201,),
    ),
]


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=str)
def test_it_applies_the_scope_rule(endpoint: Endpoint, cast: Cast, login: Login) -> None:
    check_endpoint(endpoint, cast, login)


# -- campaigns -----------------------------------------------------------------------------


def test_it_shows_each_cells_progress_on_a_day(cast: Cast, login: Login) -> None:
    campaign = _campaign(cast)
    _held(cast)
    url = f"/api/v1/congress-campaigns/{campaign.pk}/"
    before = login("alice").get(url, {"as_of": "2025-05-19"}).json()["progress"]
    after = login("alice").get(url, {"as_of": "2025-05-20"}).json()["progress"]
    assert (before["cells"], before["held"], after["held"]) == (2, 0, 1)
    assert after["held_by_kind"] == {"residential": 1}
    row = next(r for r in before["rows"] if r["id"] == cast.org("XA-DONG").pk)
    assert row["last_step"] == "convening_notice" and row["steps"]["held"] is None


def test_it_lists_the_guides_of_a_campaign(cast: Cast, login: Login) -> None:
    campaign = _campaign(cast)
    services.assign_guide(
        cast.user("alice"),
        campaign,
        cell=cast.org("XA-TH"),
        member=cast.member(AN),
        assigned_on=CONGRESS_DAY,
    )
    data = login("lan").get(f"/api/v1/congress-campaigns/{campaign.pk}/").json()
    assert [g["member_name"] for g in data["guides"]] == [AN]
    row = next(r for r in data["progress"]["rows"] if r["id"] == cast.org("XA-TH").pk)
    assert row["guides"] == [AN] and row["congress"] is None


def test_it_filters_campaigns_by_term(cast: Cast, login: Login) -> None:
    _campaign(cast)
    client = login("alice")
    assert client.get("/api/v1/congress-campaigns/", {"term": "2025-2030"}).json()["count"] == 1
    assert client.get("/api/v1/congress-campaigns/", {"term": "2022-2025"}).json()["count"] == 0
    bad = client.get("/api/v1/congress-campaigns/", {"term": "hai nghìn"})
    assert bad.status_code == 400 and "2022-2025" in bad.json()["term"][0]


def test_it_refuses_a_campaign_for_a_hidden_organization(cast: Cast, login: Login) -> None:
    data = {"organization": cast.org("XB").pk, "term_start": 2025, "term_end": 2030}
    data |= {"title": "Kế hoạch", "due_on": "2025-06-30"}
    response = login("alice").post("/api/v1/congress-campaigns/", data, "application/json")
    assert response.status_code == 400
    assert "Không tìm thấy tổ chức" in response.json()["organization"][0]
    assert not Campaign.objects.exists()


def test_it_links_a_campaign_to_the_plan_above(cast: Cast, login: Login) -> None:
    parent = campaign_on(cast, "H01", user="root", plan_number="108-KH/HU")
    data = {"organization": cast.org("XA").pk, "term_start": 2025, "term_end": 2030}
    data |= {"title": "Kế hoạch 43", "due_on": "2025-06-30", "parent": parent.pk}
    root = login("root")
    created = root.post("/api/v1/congress-campaigns/", data, "application/json").json()
    assert created["parent"] == parent.pk and created["parent_plan"].startswith("Kế hoạch số 108")
    assert root.get(f"/api/v1/congress-campaigns/{parent.pk}/").json()["children"] == [
        created["id"]
    ]


# -- a congress run through the API ------------------------------------------------------------


def _post(client: Client, url: str, data: dict[str, Any]) -> Any:
    return client.post(url, data, "application/json")


def test_it_plans_a_congress_and_records_its_steps(cast: Cast, login: Login) -> None:
    _campaign(cast)
    bob = login("bob")
    data = {"cell": cast.org("XA-DONG").pk, "term_start": 2025, "term_end": 2030}
    created = _post(bob, f"{C}/", data | {"planned_on": DAY})
    assert created.status_code == 201 and created.json()["campaign"] == _campaign(cast).pk
    url = f"{C}/{created.json()['id']}/step/"
    answer = _post(bob, url, {"step": "preparation", "on": "2025-04-01"}).json()
    assert answer["steps"][0] == {
        "step": "preparation",
        "step_label": "Họp chuẩn bị đại hội",
        "on": "2025-04-01",
    }


def test_it_refuses_a_step_out_of_order(cast: Cast, login: Login) -> None:
    congress = _planned(cast)
    response = _post(login("alice"), f"{C}/{congress.pk}/step/", {"step": "personnel_plan"})
    assert response.status_code == 400 and "on" in response.json()
    response = _post(
        login("alice"), f"{C}/{congress.pk}/step/", {"step": "personnel_plan", "on": DAY}
    )
    assert response.status_code == 400
    assert "Chưa ghi bước trước" in response.json()["step"][0]
    assert Congress.objects.get(pk=congress.pk).personnel_plan_on is None


def test_it_forbids_a_plain_member_to_write(cast: Cast, login: Login) -> None:
    congress = _planned(cast)
    response = _post(login("charlie"), f"{C}/{congress.pk}/step/", {"step": "preparation"})
    assert response.status_code == 403
    assert login("charlie").get(f"{C}/{congress.pk}/").status_code == 200


def test_it_convenes_and_marks_presence(cast: Cast, login: Login) -> None:
    congress = _ready(cast)
    alice = login("alice")
    row = _convened_row(cast)
    excluded = _post(alice, f"{C}/{congress.pk}/exclusion/", {"convened": row})
    assert excluded.status_code == 400 and "exclusion" in excluded.json()
    body = {"convened": row, "exclusion": "excused_absent", "note": "Ốm, có đơn"}
    data = _post(alice, f"{C}/{congress.pk}/exclusion/", body).json()
    assert (data["convened_count"], data["excluded_count"], data["denominator"]) == (3, 1, 2)
    data = _post(alice, f"{C}/{congress.pk}/presence/", {"present": _ids(cast)[:2]}).json()
    assert data["present_count"] == 2 and data["denominator"] == 2


def test_it_refuses_an_exclusion_of_another_congress(cast: Cast, login: Login) -> None:
    congress = _ready(cast)
    other = planned_congress(cast, "XA-TH")
    body = {"convened": _convened_row(cast), "exclusion": "suspended", "note": "Đình chỉ"}
    response = _post(login("alice"), f"{C}/{other.pk}/exclusion/", body)
    assert response.status_code == 400 and "convened" in response.json()
    assert not Convened.objects.filter(congress=congress).exclude(exclusion="").exists()


def test_it_creates_an_election_from_ids_and_names(cast: Cast, login: Login) -> None:
    congress = _present(cast)
    body = {"kind": "delegates", "seats": 2, "candidates": [cast.member(AN).pk, "Hà Văn Tú"]}
    data = _post(login("alice"), f"{C}/{congress.pk}/elections/", body).json()
    assert [(c["name"], c["member"]) for c in data["candidates"]] == [
        (AN, cast.member(AN).pk),
        ("Hà Văn Tú", None),
    ]
    assert data["denominator"] == 3 and data["status"] == "open"


def test_it_refuses_a_list_over_the_surplus_limit(cast: Cast, login: Login) -> None:
    congress = _present(cast)
    body = {"kind": "committee", "seats": 1, "candidates": [*_ids(cast), "Hà Văn Tú"]}
    response = _post(login("alice"), f"{C}/{congress.pk}/elections/", body)
    assert response.status_code == 400 and response.json()["candidates"]
    assert not Election.objects.exists()


def test_it_refuses_hidden_members_and_odd_candidates(cast: Cast, login: Login) -> None:
    congress = _present(cast)
    url = f"{C}/{congress.pk}/elections/"
    hidden = {"kind": "committee", "seats": 1, "candidates": [cast.member("Hoàng Văn Em").pk]}
    response = _post(login("alice"), url, hidden)
    assert response.status_code == 400 and "Không tìm thấy" in response.json()["candidates"][0]
    odd = _post(login("alice"), url, {"kind": "committee", "seats": "ba", "candidates": [True]})
    assert odd.status_code == 400 and set(odd.json()) == {"seats", "candidates"}
    assert not Election.objects.exists()


def test_it_counts_entered_ballots(cast: Cast, login: Login) -> None:
    election = _with_ballots(cast)
    data = _post(login("alice"), f"{E}/{election.pk}/count/", {"issued_count": 3}).json()
    assert data["status"] == "counted" and data["elected"] == [AN, BICH, CUONG]
    assert data["result"]["threshold"] == 2 and data["result"]["reconciliation"]["balanced"]
    assert [b["number"] for b in data["ballots"]] == [1, 2, 3]


def test_it_counts_a_tally_sheet(cast: Cast, login: Login) -> None:
    election = _open_election(cast)
    alice = login("alice")
    body = {"votes": {AN: 3, BICH: 2, CUONG: 1}, "valid": 3, "invalid": {"too_many": 0}}
    assert _post(alice, f"{E}/{election.pk}/tally/", body).status_code == 200
    data = _post(alice, f"{E}/{election.pk}/count/", {"on": DAY}).json()
    assert data["result"]["counted_from"] == "tally" and data["elected"] == [AN, BICH]
    assert data["result"]["unfilled_seats"] == 1


def test_it_refuses_a_ballot_with_an_unknown_name(cast: Cast, login: Login) -> None:
    election = _open_election(cast)
    response = _post(login("alice"), f"{E}/{election.pk}/ballots/", {"kept": ["Ai Đó"]})
    assert response.status_code == 400 and "Ai Đó" in response.json()["kept"][0]
    assert not election.ballots.exists()


def test_it_opens_a_second_round_for_the_seat_left(cast: Cast, login: Login) -> None:
    election = _unfilled(cast)
    data = _post(login("alice"), f"{E}/{election.pk}/next-round/", {}).json()
    assert "Không có người bằng phiếu" in data["candidates"][0]
    body = {"candidates": [CUONG]}
    data = _post(login("alice"), f"{E}/{election.pk}/next-round/", body).json()
    assert (data["round"], data["seats"], [c["name"] for c in data["candidates"]]) == (
        2,
        1,
        [CUONG],
    )


def test_it_installs_the_new_committee(cast: Cast, login: Login) -> None:
    congress = _held(cast)
    data = _post(login("alice"), f"{C}/{congress.pk}/install-committee/", {}).json()
    roles = {p["full_name"]: p["role"] for p in data["committee"]["positions"]}
    assert roles == {BICH: "secretary", AN: "member", CUONG: "member"}
    old = Committee.objects.get(organization__code="XA-DONG", term_start=2022)
    assert old.ended_on == CONGRESS_DAY


def test_it_approves_a_held_congress(cast: Cast, login: Login) -> None:
    congress = _held(cast)
    body = {"on": "2025-05-25", "number": "15-QĐ/ĐU", "approved_by": "Ban Thường vụ Đảng ủy"}
    assert _post(login("bob"), f"{C}/{congress.pk}/approve/", body).status_code == 403
    data = _post(login("alice"), f"{C}/{congress.pk}/approve/", body).json()
    assert data["status"] == "approved" and data["steps"][-1]["on"] == "2025-05-25"


def test_it_adds_a_document_as_a_file(
    cast: Cast, login: Login, settings: Any, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    congress = _planned(cast)
    upload = tmp_path / "bao-cao.pdf"
    upload.write_bytes(b"%PDF-1.4 demo")
    with upload.open("rb") as handle:
        body = {"kind": "political_report", "title": "Báo cáo chính trị", "on": DAY}
        response = login("alice").post(f"{C}/{congress.pk}/documents/", body | {"file": handle})
    assert response.status_code == 201 and response.json()["file"].endswith(".pdf")


def test_it_refuses_a_document_without_content(cast: Cast, login: Login) -> None:
    congress = _planned(cast)
    body = {"kind": "resolution", "title": "Nghị quyết", "on": DAY}
    response = _post(login("alice"), f"{C}/{congress.pk}/documents/", body)
    assert response.status_code == 400 and "file" in response.json()


# -- reading ---------------------------------------------------------------------------------


def _detail_queries(client: Client, congress: Congress) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"{C}/{congress.pk}/").status_code == 200
    return len(queries)


def test_it_reads_a_congress_in_a_fixed_number_of_queries(cast: Cast, login: Login) -> None:
    congress = held_congress(cast)
    services.install_committee(cast.user("alice"), congress)
    client = login("alice")
    before = _detail_queries(client, congress)
    counted(cast, congress, "delegates", 2, [AN, CUONG], [[AN, CUONG], [AN]])
    services.add_document(
        cast.user("alice"), congress, kind="minutes", title="BB", on=CONGRESS_DAY, text="…"
    )
    assert _detail_queries(client, congress) == before


def test_it_lists_congresses_in_a_fixed_number_of_queries(cast: Cast, login: Login) -> None:
    planned_congress(cast)
    client = login("alice")
    xa = {"organization": cast.org("XA").pk}
    with CaptureQueriesContext(connection) as one:
        client.get(f"{C}/", xa)
    planned_congress(cast, "XA-TH")
    with CaptureQueriesContext(connection) as two:
        assert client.get(f"{C}/", xa).json()["count"] == 2
    assert len(one) == len(two)


def test_it_filters_congresses_by_campaign_and_status(cast: Cast, login: Login) -> None:
    congress = _planned(cast)
    client = login("alice")
    by_campaign = client.get(f"{C}/", {"campaign": congress.campaign_id}).json()
    assert [row["id"] for row in by_campaign["results"]] == [congress.pk]
    assert client.get(f"{C}/", {"status": "held"}).json()["count"] == 0


def test_it_keeps_the_pure_count_route(cast: Cast, login: Login) -> None:
    response = login("charlie").post("/api/v1/elections/count/", EXAMPLE, "application/json")
    assert response.status_code == 200 and response.json()["valid_ballots"] == 2


def test_it_keeps_guides_unique(cast: Cast, login: Login) -> None:
    campaign = _campaign(cast)
    body = {"cell": cast.org("XA-DONG").pk, "member": cast.member(AN).pk, "assigned_on": DAY}
    url = f"/api/v1/congress-campaigns/{campaign.pk}/guides/"
    assert _post(login("alice"), url, body).status_code == 201
    again = _post(login("alice"), url, body)
    assert again.status_code == 400 and again.json()["member"]
    assert Guide.objects.count() == 1
