"""Committee terms of Hòa An (XA) for the document registry tests."""

from __future__ import annotations

from datetime import date
from typing import Any

from dangvu.documents import services
from dangvu.documents.models import Document
from dangvu.organizations.models import Organization
from dangvu.organizations.services import create_committee
from tests.fixtures.cast import Cast


def with_terms(cast: Cast) -> Organization:
    """XA with its executive committees of 2020–2025 and 2025–2030."""
    xa = cast.org("XA")
    for start, end, elected in ((2020, 2025, date(2020, 7, 15)), (2025, 2030, date(2025, 8, 1))):
        create_committee(
            xa, actor=None, body="executive", term_start=start, term_end=end, elected_on=elected
        )
    return xa


def issue(cast: Cast, day: date, kind: str = "resolution", **extra: Any) -> Document:
    return services.issue_outgoing(
        cast.user("alice"),
        organization=cast.org("XA"),
        kind=kind,
        issued_on=day,
        summary=extra.pop("summary", "về nhiệm vụ năm 2022"),
        **extra,
    )
