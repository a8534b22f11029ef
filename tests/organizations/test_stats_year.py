"""A year's movements in the statistics: ``organization_stats(year=)``, ``?year=``, ``--year``."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from dangvu.admissions.models import Candidate, CandidateStep
from dangvu.admissions.services import set_admission_target
from dangvu.members.models import Member, MembershipEvent
from dangvu.members.rules import make_national_id
from dangvu.members.services import create_member
from dangvu.organizations.models import Organization
from dangvu.organizations.stats import organization_stats
from tests.fixtures.cast import Cast

Login = Callable[[str], Client]
YEAR_KEYS = {
    "year",
    "admitted",
    "sent_to_course",
    "recognised",
    "transferred_in",
    "transferred_out",
    "removed",
    "expelled",
    "left",
    "deceased",
    "admission_targets",
}


def year_of(cast: Cast, code: str, year: int) -> dict[str, Any]:
    return organization_stats(cast.org(code), date(2026, 12, 31), year=year)


def admit(cell: Organization, name: str, ceremony: date, serial: int) -> Member:
    birth = date(1995, 1, 1)
    return create_member(
        actor=None,
        cell=cell,
        data={
            "full_name": name,
            "gender": "female",
            "birth_date": birth,
            "national_id": make_national_id(25, "female", birth, serial),
            "ceremony_date": ceremony,
        },
    )


def event(member: Member, kind: str, day: date, cancelled: bool = False) -> None:
    MembershipEvent.objects.create(
        member=member, org_path=member.org_path, kind=kind, effective_date=day, cancelled=cancelled
    )


def send_to_course(cell: Organization, name: str, day: date) -> None:
    candidate = Candidate.objects.create(
        full_name=name, gender="male", birth_date=date(2000, 1, 1), cell=cell, org_path=cell.path
    )
    CandidateStep.objects.create(
        candidate=candidate, org_path=cell.path, stage="course_sent", date=day
    )


def test_it_adds_the_year_keys_only_when_asked(cast: Cast) -> None:
    assert not YEAR_KEYS & set(organization_stats(cast.org("XA"), date(2026, 1, 1)))
    assert set(year_of(cast, "XA", 2025)) >= YEAR_KEYS


def test_it_counts_the_ceremonies_of_the_year_in_the_subtree(cast: Cast) -> None:
    assert year_of(cast, "XA", 2025)["admitted"] == 1  # Đỗ Văn Hùng, 01/06/2025
    assert year_of(cast, "XA-DONG", 2025)["admitted"] == 0
    assert year_of(cast, "XB", 2025)["admitted"] == 0
    assert year_of(cast, "XA", 2024)["admitted"] == 0


def test_it_counts_a_ceremony_where_it_was_held_after_a_move(cast: Cast) -> None:
    from dangvu.members.services import place_member

    hung = cast.member("Đỗ Văn Hùng")
    place_member(hung, cast.org("XB-BAC"), actor=None, start_date=date(2026, 2, 1))
    assert year_of(cast, "XA-TH", 2025)["admitted"] == 1
    assert year_of(cast, "XB", 2025)["admitted"] == 0


def test_it_counts_candidates_sent_to_the_course(cast: Cast) -> None:
    send_to_course(cast.org("XA-DONG"), "Vũ Văn Khoa", date(2021, 3, 1))
    send_to_course(cast.org("XA-TH"), "Vũ Văn Long", date(2021, 12, 31))
    send_to_course(cast.org("XA-TH"), "Vũ Văn Minh", date(2022, 1, 1))
    send_to_course(cast.org("XB-BAC"), "Vũ Văn Nam", date(2021, 5, 1))
    assert year_of(cast, "XA", 2021)["sent_to_course"] == 2
    assert year_of(cast, "XB", 2021)["sent_to_course"] == 1


def test_it_counts_the_events_of_the_year_not_cancelled(cast: Cast) -> None:
    an, dung = cast.member("Nguyễn Văn An"), cast.member("Phạm Thị Dung")
    event(an, "death", date(2021, 4, 1))
    event(dung, "removal", date(2021, 6, 1), cancelled=True)
    event(dung, "transfer_out", date(2021, 7, 1))
    event(dung, "recognition", date(2020, 7, 1))
    stats = year_of(cast, "XA", 2021)
    assert (stats["deceased"], stats["removed"], stats["transferred_out"]) == (1, 0, 1)
    assert (stats["recognised"], stats["transferred_in"], stats["expelled"]) == (0, 0, 0)
    assert year_of(cast, "XB", 2021)["deceased"] == 0


def test_it_lists_each_cell_target_with_its_actual(cast: Cast) -> None:
    set_admission_target(cast.org("XA-TH"), 2025, 2, actor=None)
    set_admission_target(cast.org("XA-DONG"), 2025, 1, actor=None)
    set_admission_target(cast.org("XB-BAC"), 2025, 3, actor=None)
    rows = {row["cell"]["code"]: row for row in year_of(cast, "XA", 2025)["admission_targets"]}
    assert set(rows) == {"XA-DONG", "XA-TH"}
    assert (rows["XA-TH"]["target"], rows["XA-TH"]["actual"]) == (2, 1)
    assert (rows["XA-DONG"]["target"], rows["XA-DONG"]["actual"]) == (1, 0)
    assert rows["XA-TH"]["cell"]["name"] == "Chi bộ Trường Tiểu học Hòa An"


def test_it_reads_a_fixed_number_of_queries_for_a_year(
    cast: Cast, django_assert_num_queries: Any
) -> None:
    with CaptureQueriesContext(connection) as small:
        year_of(cast, "XA", 2021)
    for serial in range(3):
        member = admit(
            cast.org("XA-TH"), f"Người Mới {serial}", date(2021, 5, serial + 1), 800 + serial
        )
        event(member, "death", date(2021, 9, 1))
        send_to_course(cast.org("XA-DONG"), f"Quần Chúng {serial}", date(2021, 2, 1))
        set_admission_target(cast.org("XA-TH"), 2021, 3, actor=None)
    with django_assert_num_queries(len(small)):
        stats = year_of(cast, "XA", 2021)
    assert (stats["admitted"], stats["deceased"], stats["sent_to_course"]) == (3, 3, 3)


def test_it_serves_the_year_in_the_api(cast: Cast, login: Login) -> None:
    xa = cast.org("XA")
    body = login("alice").get(f"/api/v1/organizations/{xa.pk}/stats/", {"year": 2025}).json()
    assert body["admitted"] == 1 and body["year"] == 2025
    assert body["members"] == 5  # the keys of the day are kept


@pytest.mark.parametrize(
    ("year", "message"),
    [("abc", "Phải là một số nguyên."), ("1900", "Năm phải từ 1930 đến 2100.")],
)
def test_it_refuses_a_bad_year_in_the_api(
    cast: Cast, login: Login, year: str, message: str
) -> None:
    xa = cast.org("XA")
    response = login("alice").get(f"/api/v1/organizations/{xa.pk}/stats/", {"year": year})
    assert response.status_code == 400
    assert response.json() == {"year": [message]}


def test_it_prints_the_year_in_the_command(cast: Cast) -> None:
    out = StringIO()
    call_command("stats", "XA", "--year", "2025", "--json", stdout=out)
    assert json.loads(out.getvalue())["admitted"] == 1
    out = StringIO()
    call_command("stats", "XA", "--year", "2025", stdout=out)
    assert "Năm 2025: kết nạp 1;" in out.getvalue()


def test_it_refuses_a_bad_year_in_the_command(cast: Cast) -> None:
    with pytest.raises(CommandError, match="Năm “20x1” không hợp lệ"):
        call_command("stats", "XA", "--year", "20x1", stdout=StringIO())
