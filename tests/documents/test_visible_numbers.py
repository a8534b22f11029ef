"""One visible number per issuing body and term; the closing day of a congress (issue 14, 20).

Hướng dẫn 36-HD/VPTW (docs/decisions/0011-document-numbers.md): the sequence
belongs to the type code the reader sees; a committee's term runs to the end of
the closing day of the next congress, or to the eve of the new committee's first
meeting when that meeting is held during the congress.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from hypothesis import given
from hypothesis import strategies as st

from dangvu.congresses.models import Congress
from dangvu.documents.models import Document
from dangvu.documents.numbering import term_starts_on
from dangvu.organizations.services import create_committee
from tests.documents.helpers import issue, with_terms
from tests.fixtures.cast import Cast

pytestmark = pytest.mark.django_db
DAY = date(2022, 4, 20)


def test_it_never_writes_one_visible_number_twice(cast: Cast) -> None:
    with_terms(cast)
    decision = issue(cast, DAY, kind="decision")
    regulation = issue(cast, DAY, kind="regulation", type_code="QĐ")
    assert (decision.number_line, regulation.number_line) == ("Số 01-QĐ/ĐU", "Số 02-QĐ/ĐU")
    assert issue(cast, DAY, kind="regulation").code == "01-QĐi/ĐU"
    assert issue(cast, DAY, kind="decision").code == "03-QĐ/ĐU"


def test_it_refuses_a_historical_number_shown_by_another_kind(cast: Cast) -> None:
    with_terms(cast)
    issue(cast, DAY, kind="decision", number=7)
    with pytest.raises(ValidationError) as error:
        issue(cast, DAY, kind="regulation", type_code="QĐ", number=7)
    assert "07-QĐ" in error.value.message_dict["number"][0]
    assert Document.objects.count() == 1


def test_it_keeps_the_rule_in_the_database(cast: Cast) -> None:
    with_terms(cast)
    first = issue(cast, DAY, kind="decision")
    with pytest.raises(IntegrityError), transaction.atomic():
        Document.objects.filter(pk=issue(cast, DAY, kind="regulation", type_code="QĐ").pk).update(
            number=first.number
        )


# The closing day (boundaries on the day itself, the day before and the day after).


def test_it_gives_the_closing_day_to_the_old_term(cast: Cast) -> None:
    with_terms(cast)  # the committee of 2025 elected on 01/8/2025
    days = [date(2025, 7, 31), date(2025, 8, 1), date(2025, 8, 2)]
    assert [issue(cast, day).term_start for day in days] == [2020, 2020, 2025]


def _congress(cast: Cast, **days: date | None) -> None:
    xa = cast.org("XA")
    Congress.objects.create(
        organization=xa,
        org_path=xa.path,
        term_start=2025,
        term_end=2030,
        kind="delegates",
        status="held",
        **days,
    )


def test_it_ends_the_term_with_the_closing_day_of_a_congress_of_several_days(cast: Cast) -> None:
    with_terms(cast)
    _congress(cast, held_on=date(2025, 7, 30), closed_on=date(2025, 8, 1))
    assert issue(cast, date(2025, 8, 1)).term_start == 2020
    assert issue(cast, date(2025, 8, 2)).term_start == 2025


def test_it_starts_the_term_at_a_first_meeting_held_during_the_congress(cast: Cast) -> None:
    with_terms(cast)
    _congress(
        cast,
        held_on=date(2025, 7, 30),
        closed_on=date(2025, 8, 1),
        first_meeting_on=date(2025, 7, 31),
    )
    days = [date(2025, 7, 30), date(2025, 7, 31), date(2025, 8, 1)]
    assert [issue(cast, day).term_start for day in days] == [2020, 2025, 2025]


def test_it_keeps_a_committee_without_an_election_day_in_office_from_its_year(cast: Cast) -> None:
    xa = cast.org("XA")
    create_committee(xa, actor=None, body="executive", term_start=2020, term_end=2025)
    assert issue(cast, date(2020, 1, 2)).term_start == 2020


@given(st.dates(date(1990, 1, 1), date(2100, 1, 1)), st.integers(-5, 5))
def test_it_starts_a_term_the_day_after_the_closing_day_or_at_the_first_meeting(
    closing: date, offset: int
) -> None:
    meeting = closing + timedelta(days=offset)
    first_day = term_starts_on(closing, meeting)
    assert term_starts_on(closing) == closing + timedelta(days=1)
    assert first_day == (meeting if offset <= 0 else closing + timedelta(days=1))
    assert first_day <= closing + timedelta(days=1)
