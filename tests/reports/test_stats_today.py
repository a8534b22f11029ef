"""Today's statistics from the tallies equal those from the placements, in one query."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.utils import timezone

from dangvu.members.services import create_member, update_member
from dangvu.organizations.models import Organization
from dangvu.organizations.stats import member_figures_on, member_figures_today, organization_stats
from dangvu.reports.choices import PartyAgeBand
from tests.fixtures.cast import ORGS, Cast

# Four organisation queries and one on the tallies, whatever the subtree's size.
TODAY_QUERIES = 5
NEW_KEYS = {
    "members_by_ethnicity",
    "members_by_religion",
    "members_by_qualification",
    "members_by_political_theory",
    "members_by_party_age_band",
}


def both(org: Organization) -> tuple[dict[str, Any], dict[str, Any]]:
    today = timezone.localdate()
    return member_figures_today(org, today), member_figures_on(org, today)


@pytest.mark.parametrize("code", [row[0] for row in ORGS])
def test_it_gives_the_same_figures_as_the_placements_on_the_cast(cast: Cast, code: str) -> None:
    from_tallies, from_placements = both(cast.org(code))
    assert from_tallies == from_placements
    assert set(organization_stats(cast.org(code), timezone.localdate())) >= NEW_KEYS


def test_it_counts_party_age_and_profile_bands(cast: Cast) -> None:
    stats = organization_stats(cast.org("XA-DONG"), timezone.localdate())
    assert stats["members_by_party_age_band"][PartyAgeBand.FROM_30_TO_39] == 1
    assert sum(stats["members_by_party_age_band"].values()) == stats["members"] == 3
    assert stats["members_by_ethnicity"] == {"Kinh": 3}
    assert stats["members_by_age_band"] == both(cast.org("XA-DONG"))[1]["members_by_age_band"]


@pytest.mark.parametrize("code", ["T01", "XA-DONG"])
def test_it_reads_today_in_a_fixed_number_of_queries(
    cast: Cast, code: str, django_assert_num_queries: Any
) -> None:
    for n in range(15):
        data = {"full_name": f"Người Mới {n}", "gender": "male", "birth_date": date(1990, 1, n + 1)}
        create_member(actor=None, cell=cast.org("XA-DONG"), data=data, placed_on=date(2024, 1, 1))
    org = cast.org(code)
    with django_assert_num_queries(TODAY_QUERIES):
        organization_stats(org, timezone.localdate())


def test_it_keeps_a_member_save_cheap(cast: Cast, django_assert_max_num_queries: Any) -> None:
    member = cast.member("Lê Văn Cường")
    # A savepoint and its release, the row lock (no lost update), 3 duplicate
    # checks, the save, its history row; then the recount: the cell's members,
    # its rows, an upsert, a delete.
    with django_assert_max_num_queries(12):
        update_member(member, actor=None, changes={"ethnicity": "Tày"})
