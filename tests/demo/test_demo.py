"""The demo reproduces the figures of the source articles (SEED_FACTS.md, **demo**)."""

from __future__ import annotations

from datetime import date
from typing import Any

from dangvu.core.demo import DemoResult
from dangvu.members.models import Member, Placement
from dangvu.organizations.models import Organization, Position
from dangvu.organizations.stats import organization_stats

END_OF_2022 = date(2022, 12, 31)
TODAY = date.today()


def stats(code: str, day: date) -> dict[str, Any]:
    return organization_stats(Organization.objects.get(code=code), day)


def secretary(code: str, body: str = "executive") -> Position:
    return Position.objects.select_related("member").get(
        committee__organization__code=code, committee__body=body, role="secretary"
    )


def test_it_gives_thanh_ba_ten_cells_and_767_members(demo: DemoResult) -> None:
    for day in (date(2022, 3, 29), END_OF_2022, TODAY):
        figures = stats("PT-TB-TT", day)
        assert (figures["cells"], figures["members"]) == (10, 767), day


def test_it_admits_eight_at_thanh_ba_in_2021(demo: DemoResult) -> None:
    assert stats("PT-TB-TT", date(2021, 12, 31))["admitted_in_year"] == 8
    thanh_ba = Organization.objects.get(code="PT-TB-TT")
    admitted = Member.objects.filter(org_path__startswith=thanh_ba.path)
    assert admitted.filter(ceremony_date__year=2021).count() == 8


def test_it_makes_nguyen_van_khai_secretary_of_thanh_ba(demo: DemoResult) -> None:
    position = secretary("PT-TB-TT")
    assert position.member.full_name == "Nguyễn Văn Khai"
    assert position.committee.term == "2020–2025"
    assert position.member.cell.parent.code == "PT-TB-TT"


def test_it_finds_nguyen_van_khai_without_accents(demo: DemoResult) -> None:
    found = list(Member.objects.search("nguyen van khai"))
    assert [m.full_name for m in found] == ["Nguyễn Văn Khai"]
    assert found[0] == secretary("PT-TB-TT").member


def test_it_gives_bac_binh_eleven_cells_all_with_a_committee(demo: DemoResult) -> None:
    for day in (date(2022, 1, 5), END_OF_2022, TODAY):
        figures = stats("VP-LT-BB", day)
        assert (figures["cells"], figures["cells_with_committee"]) == (11, 11), day
        assert figures["members"] == 340, day
    for cell in Organization.objects.filter(parent__code="VP-LT-BB"):
        assert secretary(cell.code, "cell_committee").member.cell == cell


def test_it_admits_nine_at_bac_binh_in_2021(demo: DemoResult) -> None:
    assert stats("VP-LT-BB", date(2021, 12, 31))["admitted_in_year"] == 9


def test_it_makes_do_van_tuan_secretary_of_bac_binh(demo: DemoResult) -> None:
    assert secretary("VP-LT-BB").member.full_name == "Đỗ Văn Tuấn"
    assert Member.objects.search("ĐỖ VĂN TUẤN").get().full_name == "Đỗ Văn Tuấn"


def test_it_gives_an_thanh_four_village_and_four_office_cells(demo: DemoResult) -> None:
    figures = stats("HD-TK-AT", END_OF_2022)
    assert figures["cells_by_kind"] == {"residential": 4, "agency": 4}
    assert figures["members"] > 0


def test_it_makes_hien_and_thanh_deputies_at_thuong_xuan(demo: DemoResult) -> None:
    deputies = Position.objects.filter(
        committee__organization__code="TH-TX-TT",
        committee__body="executive",
        role="deputy_secretary",
    )
    titles = {p.member.full_name: p.title for p in deputies.select_related("member")}
    assert titles == {"Hà Huy Hiền": "", "Lương Thị Thanh": "Chủ tịch HĐND"}


def test_it_gives_thuong_xuan_its_quarters_and_bodies(demo: DemoResult) -> None:
    town = Organization.objects.get(code="TH-TX-TT")
    assert town.children.filter(name="Chi bộ khu phố Tiến Sơn 1", kind="residential").exists()
    kinds = list(town.agencies.values_list("kind", flat=True))
    for kind in ("peoples_council", "peoples_committee", "fatherland_front", "school"):
        assert kind in kinds
    assert kinds.count("mass_organization") == 4
    assert "health_station" in kinds


def test_it_puts_several_grassroots_organisations_under_thap_muoi(demo: DemoResult) -> None:
    district = Organization.objects.get(code="DT-TM", level="district")
    assert district.parent.code == "DT"
    grassroots = district.children.filter(level="grassroots")
    assert grassroots.count() >= 5
    for org in grassroots:
        figures = organization_stats(org, END_OF_2022)
        assert figures["cells"] >= 1 and figures["members"] > 0, org.code


def test_it_gives_every_grassroots_organisation_a_secretary(demo: DemoResult) -> None:
    for org in Organization.objects.filter(level="grassroots", code__regex=r"^(PT|VP|HD|TH|DT)-"):
        body = "cell_committee" if org.is_cell else "executive"
        assert secretary(org.code, body).member.org_path.startswith(org.path)
        assert org.founded_on is not None


def test_it_nests_each_commune_under_its_district_and_province(demo: DemoResult) -> None:
    chains = {
        "PT-TB-TT": ["Tỉnh ủy Phú Thọ", "Huyện ủy Thanh Ba"],
        "VP-LT-BB": ["Tỉnh ủy Vĩnh Phúc", "Huyện ủy Lập Thạch"],
        "HD-TK-AT": ["Tỉnh ủy Hải Dương", "Huyện ủy Tứ Kỳ"],
        "TH-TX-TT": ["Tỉnh ủy Thanh Hóa", "Huyện ủy Thường Xuân"],
    }
    for code, names in chains.items():
        ancestors = Organization.objects.get(code=code).ancestors()
        assert [a.name for a in ancestors] == names


def test_it_counts_the_temporary_stay_at_home_not_at_the_host(demo: DemoResult) -> None:
    stay = Placement.objects.select_related("member__cell").get(kind="temporary")
    assert (stay.cell.code, stay.member.cell.code) == ("DT-TM-MA-05", "DT-TM-MH-01")
    host = Member.objects.filter(cell__code="DT-TM-MA-05").count()
    assert stats("DT-TM-MA-05", END_OF_2022)["members"] == host
    assert (
        stats("DT-TM-MH-01", END_OF_2022)["members"]
        == Member.objects.filter(cell__code="DT-TM-MH-01").count()
    )
