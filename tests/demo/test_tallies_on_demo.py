"""Today's statistics from the tallies on the demo: the same figures, in fixed queries."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from dangvu.core.demo import DemoResult
from dangvu.organizations.models import Organization
from dangvu.organizations.stats import organization_stats
from dangvu.reports import tallies
from tests.reports.test_stats_today import TODAY_QUERIES, both


def test_it_gives_the_same_figures_on_the_demo(demo: DemoResult) -> None:
    for org in Organization.objects.exclude(level="cell").order_by("path"):
        from_tallies, from_placements = both(org)
        assert from_tallies == from_placements, org.code
    assert tallies.stored() == tallies.recount_all_from_scratch()


def test_it_reads_the_demo_province_in_a_fixed_number_of_queries(
    demo: DemoResult, django_assert_num_queries: Any
) -> None:
    for code in ("PT", "PT-TB-TT", "DT-TM"):
        org = Organization.objects.get(code=code)
        with django_assert_num_queries(TODAY_QUERIES):
            organization_stats(org, timezone.localdate())
