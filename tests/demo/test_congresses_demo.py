"""The demo's cell congresses reproduce the articles (seed 002 An Thanh, seed 001 Thường Xuân)."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date

from django.apps import apps
from django.test import Client

from dangvu.congresses.choices import ElectionKind, ElectionStatus, Exclusion, Status
from dangvu.congresses.counting import count_json
from dangvu.congresses.models import Campaign, Congress, Election
from dangvu.congresses.services import election_json
from dangvu.core.demo import DemoResult, load_demo
from dangvu.core.demo.congresses import build_congresses, committee_votes, strike_out_ballots
from dangvu.organizations.models import Committee, Organization, Position

AN_THANH, THUONG_XUAN = "HD-TK-AT", "TH-TX-TT"


def org(code: str) -> Organization:
    return Organization.objects.get(code=code)


def held(code: str) -> list[Congress]:
    return list(
        Congress.objects.filter(
            org_path__startswith=org(code).path, status__in=[Status.HELD, Status.APPROVED]
        ).select_related("organization")
    )


def test_it_shows_an_thanh_as_the_article_of_04_08_2022(
    demo: DemoResult, login: Callable[[str], Client]
) -> None:
    url = f"/api/v1/organizations/{org(AN_THANH).pk}/congress-progress/"
    data = login("root").get(url, {"term": "2022-2025", "as_of": "2022-08-04"}).json()
    assert (data["cells"], data["held"], data["held_by_kind"]) == (8, 3, {"agency": 3})
    assert data["due_on"] == "2022-08-07" and data["late"] == []
    names = {c.organization.name for c in held(AN_THANH)}
    assert names == {"Chi bộ Cơ quan", "Chi bộ Trường Mầm non", "Chi bộ Trường Tiểu học"}


def test_it_prepares_the_other_an_thanh_cells_up_to_the_notice(demo: DemoResult) -> None:
    waiting = Congress.objects.filter(
        org_path__startswith=org(AN_THANH).path, status=Status.PREPARING
    )
    assert waiting.count() == 5
    for congress in waiting:
        assert date(2022, 8, 5) <= congress.planned_on <= date(2022, 8, 7), congress
        assert congress.convening_notice_on and congress.convened_count > 0, congress


def test_it_links_thuong_xuans_plan_to_the_district_plan(demo: DemoResult) -> None:
    town = Campaign.objects.get(organization=org(THUONG_XUAN), term_start=2022)
    assert town.code == "Kế hoạch số 43-KH/ĐU ngày 14/3/2022"
    assert town.parent is not None and town.parent.organization == org("TH-TX")
    assert town.parent.code == "Kế hoạch số 108-KH/HU ngày 06/4/2022"
    assert town.due_on == date(2022, 5, 31) == town.parent.due_on


def test_it_holds_every_thuong_xuan_cell_congress_in_april_and_may(demo: DemoResult) -> None:
    congresses = held(THUONG_XUAN)
    assert len(congresses) == 14
    assert all(date(2022, 4, 1) <= c.held_on <= date(2022, 5, 31) for c in congresses)
    assert all(c.status == Status.APPROVED and c.approval_number for c in congresses)


def test_it_installs_a_committee_with_a_secretary_for_each_held_congress(
    demo: DemoResult,
) -> None:
    for congress in held(AN_THANH) + held(THUONG_XUAN):
        committee = Committee.objects.get(
            organization=congress.organization, body="cell_committee", term_start=2022
        )
        secretary = committee.positions.get(role="secretary", end_date__isnull=True)
        assert secretary.start_date == congress.held_on, congress
        old = Committee.objects.get(organization=congress.organization, term_start=2020)
        assert old.ended_on == congress.held_on, congress
        assert not old.positions.filter(end_date__isnull=True).exists(), congress


def test_it_stores_counts_equal_to_the_pure_count(demo: DemoResult) -> None:
    elections = Election.objects.filter(org_path__startswith=org(THUONG_XUAN).path)
    assert elections.exclude(status=ElectionStatus.COUNTED).count() == 0
    for election in elections.filter(kind=ElectionKind.COMMITTEE)[:5]:
        assert election.result == count_json(election_json(election)), election
    entered = Election.objects.filter(org_path__startswith=org(AN_THANH).path, tally={})
    assert entered.filter(kind=ElectionKind.COMMITTEE).count() == 3
    assert all(e.ballots.exists() for e in entered.filter(kind=ElectionKind.COMMITTEE))


def test_it_has_a_deputy_falling_short_of_the_threshold(demo: DemoResult) -> None:
    deputy = Election.objects.get(
        congress__organization__name="Chi bộ khu phố Hưng Long", kind=ElectionKind.DEPUTY
    )
    assert deputy.result["elected"] == [] and deputy.result["unfilled_seats"] == 1
    assert max(deputy.result["votes"].values()) < deputy.result["threshold"]
    committee = Committee.objects.get(organization=deputy.congress.organization, term_start=2022)
    assert not committee.positions.filter(role="deputy_secretary").exists()


def test_it_computes_the_denominators_from_the_records(demo: DemoResult) -> None:
    congresses = held(AN_THANH) + held(THUONG_XUAN)
    assert any(c.excluded_count > 0 for c in congresses)
    for congress in congresses:
        rows = list(congress.convened.all())
        full = [r for r in rows if r.full_member]
        assert congress.convened_count == len(full), congress
        assert congress.denominator == sum(1 for r in full if not r.exclusion), congress
    excused = Exclusion.EXCUSED_ABSENT
    assert any(c.convened.filter(exclusion=excused).exists() for c in congresses)


def test_it_leaves_thanh_ba_without_a_congress(demo: DemoResult) -> None:
    assert not Congress.objects.filter(org_path__startswith=org("PT-TB-TT").path).exists()
    assert not Campaign.objects.filter(org_path__startswith=org("PT-TB-TT").path).exists()
    assert Position.objects.filter(
        committee__organization__code="PT-TB-TT-01", role="secretary", end_date__isnull=True
    ).exists()


def test_it_builds_the_congresses_once(demo: DemoResult) -> None:
    before = {m._meta.label: m._default_manager.count() for m in apps.get_models()}
    assert build_congresses() == 0
    load_demo()
    after = {m._meta.label: m._default_manager.count() for m in apps.get_models()}
    assert after == before


def test_it_draws_votes_that_elect_the_first_three() -> None:
    rng = random.Random(7)
    for voters in range(3, 40):
        need = voters // 2 + 1
        votes = committee_votes(rng, voters, 4, need)
        assert all(n >= need for n in votes[:3]) and votes[3] < need, (voters, votes)
        assert sum(votes) <= 3 * voters


def test_it_spreads_kept_names_over_the_ballots() -> None:
    ballots = strike_out_ballots(["A", "B", "C", "D"], [9, 8, 8, 4], 10)
    assert all(len(kept) <= 3 for kept in ballots)
    assert [sum(name in kept for kept in ballots) for name in "ABCD"] == [9, 8, 8, 4]
