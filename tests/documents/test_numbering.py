"""Numbering of outgoing documents: per kind, per committee term, after historical numbers."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from dangvu.documents import services
from dangvu.documents.models import Document, NumberSequence
from dangvu.documents.numbering import document_code, number_line
from tests.documents.helpers import issue, with_terms
from tests.fixtures.cast import Cast

pytestmark = pytest.mark.django_db
DAY = date(2022, 4, 20)


def test_it_formats_the_code_with_two_digits_at_least() -> None:
    assert document_code(9, "NQ", "ĐU") == "09-NQ/ĐU"
    assert document_code(108, "KH", "HU") == "108-KH/HU"
    assert number_line(9, "NQ", "ĐU") == "Số 09-NQ/ĐU"
    assert document_code(None, "CV", "TU") == "CV/TU"


def test_it_numbers_from_01_per_kind(cast: Cast) -> None:
    with_terms(cast)
    first, second = issue(cast, DAY), issue(cast, DAY)
    plan = issue(cast, DAY, kind="plan")
    assert (first.number, second.number, plan.number) == (1, 2, 1)
    assert second.number_line == "Số 02-NQ/ĐU"
    assert plan.code == "01-KH/ĐU" and plan.term_start == 2020


def test_it_restarts_at_01_in_a_new_term(cast: Cast) -> None:
    with_terms(cast)  # the committee of 2025 elected on 01/8/2025, read as the closing day
    issue(cast, date(2025, 7, 31))
    old = issue(cast, date(2025, 8, 1))
    new = issue(cast, date(2025, 8, 2))
    assert (old.number, old.term_start) == (2, 2020)
    assert (new.number, new.term_start) == (1, 2025)


def test_it_continues_after_historical_numbers(cast: Cast) -> None:
    with_terms(cast)
    issue(cast, date(2021, 12, 27), number=9)
    issue(cast, date(2022, 3, 1), number=15)
    issue(cast, date(2022, 1, 5), number=3)
    assert issue(cast, DAY).code == "16-NQ/ĐU"


def test_it_starts_a_missing_sequence_after_the_highest_registered(cast: Cast) -> None:
    with_terms(cast)
    issue(cast, date(2021, 12, 27), number=9)
    NumberSequence.objects.all().delete()
    assert issue(cast, DAY).number == 10


def test_it_refuses_a_number_already_taken(cast: Cast) -> None:
    with_terms(cast)
    issue(cast, DAY, number=9)
    with pytest.raises(ValidationError) as error:
        issue(cast, DAY, number=9)
    assert "đã được cấp" in str(error.value)
    assert Document.objects.count() == 1


def test_it_refuses_without_a_committee_on_record(cast: Cast) -> None:
    with pytest.raises(ValidationError) as error:
        issue(cast, DAY)
    assert "Chưa có cấp ủy" in str(error.value)
    assert not Document.objects.exists() and not NumberSequence.objects.exists()


def test_it_writes_nothing_on_bad_input(cast: Cast) -> None:
    with_terms(cast)
    with pytest.raises(ValidationError) as error:
        issue(cast, DAY, summary=" ", confidentiality="public")
    assert set(error.value.message_dict) == {"summary", "confidentiality"}
    assert not Document.objects.exists() and not NumberSequence.objects.exists()


def test_it_lets_only_staff_issue(cast: Cast) -> None:
    with_terms(cast)
    for username in ("dave", "lan", "eve"):
        with pytest.raises(PermissionDenied):
            services.issue_outgoing(
                cast.user(username),
                organization=cast.org("XA"),
                kind="resolution",
                issued_on=DAY,
                summary="về nhiệm vụ",
            )
    assert not Document.objects.exists()


def test_it_defaults_the_issuer_and_place_from_the_organisation(cast: Cast) -> None:
    with_terms(cast)
    document = issue(cast, DAY, kind="regulation")
    assert (document.type_code, document.issuer_code) == ("QĐi", "ĐU")
    assert document.place == "Hòa An"
    assert document.issuer_name == "Đảng ủy xã Hòa An"


def test_it_keeps_a_type_code_apart_from_the_kind(cast: Cast) -> None:
    with_terms(cast)
    first = issue(cast, DAY, kind="regulation", type_code="QĐ")
    second = issue(cast, DAY, kind="regulation")
    assert (first.code, second.code) == ("01-QĐ/ĐU", "01-QĐi/ĐU")


def test_it_registers_an_incoming_document_with_its_own_number(cast: Cast) -> None:
    document = services.register_incoming(
        cast.user("alice"),
        organization=cast.org("XA"),
        kind="regulation",
        type_code="QĐi",
        number=11,
        issuer_code="TW",
        issuer_name="Ban Chấp hành Trung ương",
        issued_on=date(2019, 2, 14),
        received_on=date(2019, 3, 1),
        summary="về trách nhiệm của người đứng đầu cấp ủy trong việc tiếp dân",
    )
    assert document.code == "11-QĐi/TW" and document.term_start is None
    assert not NumberSequence.objects.exists()


def test_it_refuses_an_incoming_document_received_before_it_was_issued(cast: Cast) -> None:
    with pytest.raises(ValidationError) as error:
        services.register_incoming(
            cast.user("alice"),
            organization=cast.org("XA"),
            kind="plan",
            type_code="KH",
            number=108,
            issuer_code="HU",
            issuer_name="Huyện ủy Thử Nghiệm",
            issued_on=date(2022, 3, 1),
            received_on=date(2022, 2, 1),
            summary="kế hoạch",
        )
    assert "received_on" in error.value.message_dict
    assert not Document.objects.exists()
