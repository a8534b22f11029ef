"""The demo people are well-formed: adults at admission, valid ids, some exempt."""

from __future__ import annotations

from dangvu.core.demo import DemoResult
from dangvu.members.models import Member
from dangvu.members.rules import (
    card_number_problem,
    is_old_enough_for_admission,
    national_id_problem,
)

DEMO_PATHS = r"^(PT|VP|HD|TH|DT)-"


def demo_members() -> list[Member]:
    return list(Member.objects.filter(cell__code__regex=DEMO_PATHS))


def test_it_admits_only_adults(demo: DemoResult) -> None:
    for m in demo_members():
        admitted = m.admission_decision_date or m.ceremony_date
        assert admitted and is_old_enough_for_admission(m.birth_date, admitted), m


def test_it_gives_valid_and_unique_ids(demo: DemoResult) -> None:
    members = demo_members()
    for m in members:
        assert m.national_id and national_id_problem(m.national_id, m.gender, m.birth_date) is None
        assert m.card_number and card_number_problem(m.card_number) is None
    assert len({m.national_id for m in members}) == len(members)


def test_it_codes_ids_by_the_province_of_birth(demo: DemoResult) -> None:
    khai = Member.objects.get(full_name="Nguyễn Văn Khai")
    assert "Phú Thọ" in khai.birth_place
    assert khai.national_id and khai.national_id.startswith("025")


def test_it_spreads_admissions_over_decades(demo: DemoResult) -> None:
    decades = {m.ceremony_date.year // 10 for m in demo_members() if m.ceremony_date}
    assert {1970, 1980, 1990, 2000, 2010, 2020} <= {d * 10 for d in decades}


def test_it_exempts_some_elderly_members(demo: DemoResult) -> None:
    exempt = [m for m in demo_members() if m.status == "exempt"]
    assert len(exempt) > 20
    for m in exempt:
        assert m.exempt_from and m.official_date and m.exempt_from >= m.official_date


def test_it_fills_in_occupation_and_education(demo: DemoResult) -> None:
    members = demo_members()
    assert all(m.occupation and m.education_level for m in members)
    assert {m.gender for m in members} == {"male", "female"}
