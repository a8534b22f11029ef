"""Fixtures of the work programmes: commune XA's programme for quý 1/2022 and a few tasks.

Shared by the domain, API and page tests of ``programs``; keep the names stable.
"""

from __future__ import annotations

from datetime import date

import pytest

from dangvu.documents.models import Document
from dangvu.documents.services import register_incoming
from dangvu.organizations.models import Agency
from dangvu.organizations.services import create_agency
from dangvu.programs import services
from dangvu.programs.models import Programme, Task
from tests.fixtures.cast import Cast


@pytest.fixture
def programme_q1(cast: Cast) -> Programme:
    """Đảng bộ xã Hòa An (XA), chương trình công tác quý 1/2022."""
    return services.create_programme(
        cast.user("alice"), organization=cast.org("XA"), period="2022-Q1"
    )


@pytest.fixture
def agency_ubnd(cast: Cast) -> Agency:
    """Ủy ban nhân dân xã Hòa An, led by XA."""
    return create_agency(
        cast.org("XA"),
        actor=None,
        name="Ủy ban nhân dân xã Hòa An",
        kind="peoples_committee",
        short_name="UBND xã",
    )


@pytest.fixture
def task_xa(cast: Cast, programme_q1: Programme) -> Task:
    """A key task of the commune itself, due "trong tháng 2/2022", Nguyễn Văn An (lan) answers."""
    return services.add_task(
        cast.user("alice"),
        programme_q1,
        title="Xây dựng kế hoạch kiểm tra, giám sát năm 2022",
        deadline="tháng 2/2022",
        owner_org=cast.org("XA"),
        responsible=cast.member("Nguyễn Văn An"),
        is_key=True,
    )


@pytest.fixture
def task_dong(cast: Cast, programme_q1: Programme) -> Task:
    """A task given to cell XA-DONG in XA's programme, due 31/3/2022; bob's member answers."""
    return services.add_task(
        cast.user("alice"),
        programme_q1,
        title="Tổ chức sinh hoạt chuyên đề quý 1",
        deadline="31/3/2022",
        owner_org=cast.org("XA-DONG"),
        responsible=cast.member("Trần Thị Bích"),
    )


def incoming_document(cast: Cast, username: str = "alice", code: str = "XA") -> Document:
    """Kế hoạch 108-KH/HU received by ``code``'s office (entered by ``username``)."""
    return register_incoming(
        cast.user(username),
        organization=cast.org(code),
        kind="plan",
        type_code="KH",
        number=108,
        issuer_code="HU",
        issuer_name="Huyện ủy Thử Nghiệm",
        issued_on=date(2022, 4, 6),
        received_on=date(2022, 4, 7),
        summary="về tổ chức đại hội chi bộ",
    )
