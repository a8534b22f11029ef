"""Targets against admissions per cell, and the candidates sent to the course in a year."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from dangvu.admissions import services, stats
from dangvu.admissions.choices import Stage
from tests.admissions.helpers import CEREMONY, advance_to, decided, propose
from tests.fixtures.cast import Cast


def test_it_counts_ceremonies_of_the_year_per_cell(cast: Cast) -> None:
    services.admit_candidate(decided(cast), actor=None, ceremony_date=CEREMONY)
    services.set_admission_target(cast.org("XA-DONG"), 2024, 2, actor=None)
    rows = {row.cell.code: row for row in stats.target_rows(cast.org("XA"), 2024)}
    assert (rows["XA-DONG"].target, rows["XA-DONG"].admitted) == (2, 1)
    assert (rows["XA-TH"].target, rows["XA-TH"].admitted) == (None, 0)
    assert stats.target_rows(cast.org("XA"), 2025)[0].admitted == 0


def test_it_counts_the_cast_admissions_by_ceremony_year(cast: Cast) -> None:
    assert stats.admitted_by_cell(cast.org("XA").path, 2025) == {cast.org("XA-TH").pk: 1}


def test_it_counts_candidates_sent_to_the_course(cast: Cast) -> None:
    advance_to(cast, propose(cast), Stage.COURSE_SENT)
    propose(cast, name="Vũ Minh Khôi", serial=102)
    assert stats.sent_to_course(cast.org("XA").path, 2024) == 1
    assert stats.sent_to_course(cast.org("XB").path, 2024) == 0


def test_it_reads_targets_in_three_queries(cast: Cast) -> None:
    root = cast.org("XA")
    with CaptureQueriesContext(connection) as queries:
        stats.target_rows(root, 2024)
    assert len(queries) == 3
