"""The shape of the demo: five provinces, as the source articles describe them in 2022.

Every figure marked **demo** in SEED_FACTS.md is a consequence of these plans
(cell counts, the sizes that add up to 767 and 340, the admissions of 2021, the
named secretaries and deputies); the system's own statistics compute them back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from dangvu.core.demo.people import Locality


@dataclass(frozen=True)
class NamedPerson:
    """Someone the articles name, with the position they hold in the Đảng bộ's BCH."""

    full_name: str
    gender: str
    birth_date: date
    ceremony_date: date
    cell: str  # the code suffix of their cell, e.g. "09"
    role: str  # secretary or deputy_secretary
    title: str = ""
    occupation: str = "Cán bộ, công chức"


@dataclass(frozen=True)
class CellPlan:
    suffix: str
    name: str
    kind: str
    size: int  # members on 31/12/2022 (admissions below included)
    founded: int  # the year the cell was founded
    admitted: tuple[tuple[date, int], ...] = ()  # (a day, how many admitted that day)
    occupation: str = ""

    @property
    def area(self) -> str:
        """The village or quarter a residential cell is named for, used in addresses."""
        area = self.name.removeprefix("Chi bộ ")
        return area[:1].upper() + area[1:]


@dataclass(frozen=True)
class GrassrootsPlan:
    suffix: str
    name: str
    kind: str
    founded: date
    where: Locality
    cells: tuple[CellPlan, ...]
    leaders: tuple[NamedPerson, ...] = ()
    agencies: tuple[tuple[str, str, str], ...] = ()  # name, short name, AgencyKind
    executive_size: int = 11
    is_cell: bool = False
    committee_elected: date = date(2020, 7, 15)
    generated_deputy_title: str = "Chủ tịch UBND"


@dataclass(frozen=True)
class ProvincePlan:
    code: str
    name: str
    district_code: str
    district_name: str
    grassroots: tuple[GrassrootsPlan, ...] = field(default=())
    # A member of the first cell working a while at the second (chuyển sinh hoạt tạm thời).
    temporary_stay: tuple[str, str] | None = None


def _agencies(place: str, *extra: tuple[str, str, str]) -> tuple[tuple[str, str, str], ...]:
    """HĐND, UBND, MTTQ and the four mass organisations every commune has."""
    return (
        (f"Hội đồng nhân dân {place}", "HĐND", "peoples_council"),
        (f"Ủy ban nhân dân {place}", "UBND", "peoples_committee"),
        (f"Ủy ban Mặt trận Tổ quốc Việt Nam {place}", "MTTQ", "fatherland_front"),
        (f"Đoàn Thanh niên Cộng sản Hồ Chí Minh {place}", "Đoàn TN", "mass_organization"),
        (f"Hội Liên hiệp Phụ nữ {place}", "Hội PN", "mass_organization"),
        (f"Hội Nông dân {place}", "Hội ND", "mass_organization"),
        (f"Hội Cựu chiến binh {place}", "Hội CCB", "mass_organization"),
        *extra,
    )


def _cells(*rows: tuple[str, str, int, int]) -> tuple[CellPlan, ...]:
    return tuple(
        CellPlan(f"{i:02d}", name, kind, size, founded)
        for i, (name, kind, size, founded) in enumerate(rows, start=1)
    )


def _with_admissions(
    cells: tuple[CellPlan, ...], admissions: dict[str, tuple[tuple[date, int], ...]]
) -> tuple[CellPlan, ...]:
    return tuple(
        CellPlan(c.suffix, c.name, c.kind, c.size, c.founded, admissions.get(c.suffix, ()))
        for c in cells
    )


# -- 000: Đảng bộ Thị trấn Thanh Ba — 10 cells, 767 members, 8 admitted in 2021 ----------
THANH_BA = GrassrootsPlan(
    suffix="TT",
    name="Đảng bộ Thị trấn Thanh Ba",
    kind="town",
    founded=date(1959, 3, 6),
    where=Locality(
        "thị trấn Thanh Ba",
        "huyện Thanh Ba",
        "Phú Thọ",
        ("xã Thanh Hà", "xã Đông Thành", "xã Vũ Yển", "xã Hanh Cù", "xã Chí Tiên"),
    ),
    cells=_with_admissions(
        _cells(
            ("Chi bộ Khu 1", "residential", 92, 1959),
            ("Chi bộ Khu 2", "residential", 88, 1959),
            ("Chi bộ Khu 3", "residential", 85, 1960),
            ("Chi bộ Khu 4", "residential", 90, 1960),
            ("Chi bộ Khu 5", "residential", 83, 1962),
            ("Chi bộ Khu 6", "residential", 87, 1962),
            ("Chi bộ Khu 7", "residential", 81, 1965),
            ("Chi bộ Khu 8", "residential", 86, 1968),
            ("Chi bộ Cơ quan Thị trấn", "agency", 42, 1961),
            ("Chi bộ Trường THCS Thị trấn Thanh Ba", "school", 33, 1978),
        ),
        {
            "01": ((date(2021, 2, 3), 1),),
            "02": ((date(2021, 5, 19), 1),),
            "03": ((date(2021, 5, 19), 1), (date(2022, 2, 3), 1)),
            "04": ((date(2021, 9, 2), 1),),
            "05": ((date(2021, 9, 2), 1),),
            "06": ((date(2021, 11, 7), 1), (date(2022, 3, 18), 1)),
            "07": ((date(2021, 12, 22), 1),),
            "10": ((date(2021, 12, 22), 1),),
        },
    ),
    leaders=(
        NamedPerson(
            "Nguyễn Văn Khai", "male", date(1969, 8, 14), date(1994, 2, 3), "09", "secretary"
        ),
    ),
    agencies=_agencies("thị trấn Thanh Ba"),
    executive_size=15,
)

# -- 003: Đảng bộ xã Bắc Bình — 11 cells all with a chi ủy, 340 members, 9 admitted in 2021 --
_BAC_BINH_VILLAGES = ("Bình Sơn", "Đồng Giang", "Phú Hậu", "Đồng Lính", "Bảo Đà", "Thái Hòa",
                      "Quang Hà", "Đồng Chằm", "Yên Thượng")  # fmt: skip
BAC_BINH = GrassrootsPlan(
    suffix="BB",
    name="Đảng bộ xã Bắc Bình",
    kind="commune",
    founded=date(1948, 8, 19),
    where=Locality(
        "xã Bắc Bình",
        "huyện Lập Thạch",
        "Vĩnh Phúc",
        ("xã Xuân Hòa", "xã Thái Hòa", "xã Liễn Sơn", "xã Hợp Lý", "thị trấn Lập Thạch"),
    ),
    cells=_with_admissions(
        _cells(
            *(
                (f"Chi bộ thôn {village}", "residential", size, 1950)
                for village, size in zip(
                    _BAC_BINH_VILLAGES, (34, 31, 30, 33, 28, 32, 29, 35, 30), strict=True
                )
            ),
            ("Chi bộ Cơ quan xã", "agency", 31, 1960),
            ("Chi bộ Trường học", "school", 27, 1985),
        ),
        # "Các chi bộ thôn luôn hoàn thành chỉ tiêu kết nạp ít nhất 1 đảng viên mỗi năm":
        # in 2021 each of the nine village cells admitted one (9 in all).
        {
            f"{i:02d}": ((date(2021, (i % 11) + 1, 10 + i), 1),)
            for i in range(1, len(_BAC_BINH_VILLAGES) + 1)
        },
    ),
    leaders=(
        NamedPerson("Đỗ Văn Tuấn", "male", date(1976, 5, 20), date(1999, 5, 19), "10", "secretary"),
    ),
    agencies=_agencies("xã Bắc Bình"),
    executive_size=13,
    committee_elected=date(2020, 7, 22),
)

# -- 002: Đảng bộ xã An Thanh — 4 village cells and 4 cells of the offices ("khối cơ quan") --
AN_THANH = GrassrootsPlan(
    suffix="AT",
    name="Đảng bộ xã An Thanh",
    kind="commune",
    founded=date(1947, 5, 2),
    where=Locality(
        "xã An Thanh",
        "huyện Tứ Kỳ",
        "Hải Dương",
        ("xã Quang Khải", "xã Tái Sơn", "xã Đại Hợp", "thị trấn Tứ Kỳ"),
    ),
    cells=_with_admissions(
        _cells(
            ("Chi bộ thôn An Nhân", "residential", 48, 1948),
            ("Chi bộ thôn Thanh Kỳ", "residential", 52, 1948),
            ("Chi bộ thôn Lạc Dục", "residential", 45, 1950),
            ("Chi bộ thôn Mai Động", "residential", 50, 1950),
            ("Chi bộ Cơ quan", "agency", 28, 1960),
            ("Chi bộ Trường Mầm non", "agency", 11, 1992),
            ("Chi bộ Trường Tiểu học", "agency", 14, 1985),
            ("Chi bộ Trường THCS", "agency", 16, 1980),
        ),
        {
            "01": ((date(2021, 6, 12), 1),),
            "02": ((date(2021, 9, 2), 1),),
            "04": ((date(2021, 11, 20), 1),),
            "07": ((date(2021, 12, 10), 1),),
        },
    ),
    agencies=_agencies("xã An Thanh"),
    executive_size=13,
)

# -- 001: Đảng bộ thị trấn Thường Xuân — khu phố cells, deputies Hà Huy Hiền and Lương Thị Thanh
THUONG_XUAN = GrassrootsPlan(
    suffix="TT",
    name="Đảng bộ thị trấn Thường Xuân",
    kind="town",
    founded=date(1966, 4, 1),
    where=Locality(
        "thị trấn Thường Xuân",
        "huyện Thường Xuân",
        "Thanh Hóa",
        ("xã Xuân Dương", "xã Ngọc Phụng", "xã Thọ Thanh", "xã Luận Thành", "xã Xuân Cẩm"),
        region="highland",
    ),
    cells=_with_admissions(
        _cells(
            ("Chi bộ khu phố Tiến Sơn 1", "residential", 32, 1966),
            ("Chi bộ khu phố Tiến Sơn 2", "residential", 29, 1966),
            ("Chi bộ khu phố Hưng Long", "residential", 27, 1968),
            ("Chi bộ khu phố Quang Trung", "residential", 35, 1968),
            ("Chi bộ khu phố Lê Lợi", "residential", 31, 1970),
            ("Chi bộ khu phố Cao Sơn", "residential", 24, 1972),
            ("Chi bộ khu phố Vân Hưng", "residential", 26, 1975),
            ("Chi bộ Cơ quan", "agency", 30, 1966),
            ("Chi bộ Trường Mầm non Thị trấn", "school", 12, 1990),
            ("Chi bộ Trường Tiểu học Thị trấn", "school", 15, 1980),
            ("Chi bộ Trường THCS Thị trấn", "school", 18, 1978),
            ("Chi bộ Trạm Y tế", "agency", 9, 1995),
            ("Chi bộ Công an Thị trấn", "police", 11, 2000),
            ("Chi bộ Quân sự", "military", 7, 1990),
        ),
        {
            "01": ((date(2021, 3, 26), 1),),
            "04": ((date(2021, 9, 2), 1),),
            "09": ((date(2021, 11, 20), 1),),
        },
    ),
    leaders=(
        NamedPerson(
            "Hà Huy Hiền", "male", date(1979, 3, 12), date(2003, 9, 2), "08", "deputy_secretary"
        ),
        NamedPerson(
            "Lương Thị Thanh",
            "female",
            date(1974, 10, 8),
            date(1998, 12, 22),
            "08",
            "deputy_secretary",
            title="Chủ tịch HĐND",
        ),
    ),
    agencies=_agencies(
        "thị trấn Thường Xuân",
        ("Trường Mầm non Thị trấn Thường Xuân", "MN TT", "school"),
        ("Trường Tiểu học Thị trấn Thường Xuân", "TH TT", "school"),
        ("Trường THCS Thị trấn Thường Xuân", "THCS TT", "school"),
        ("Trạm Y tế thị trấn Thường Xuân", "TYT", "health_station"),
        ("Công an thị trấn Thường Xuân", "CA", "police"),
        # The trade union of the town's offices, which runs the CBCC conference with the UBND.
        ("Công đoàn cơ quan thị trấn Thường Xuân", "Công đoàn", "other"),
    ),
    executive_size=15,
    generated_deputy_title="",
)


# -- 004: Huyện ủy Tháp Mười and several of its grassroots organisations ---------------------
def _thap_muoi(commune: str) -> Locality:
    return Locality(
        commune,
        "huyện Tháp Mười",
        "Đồng Tháp",
        ("xã Mỹ Hòa", "xã Trường Xuân", "xã Thạnh Lợi", "xã Mỹ Quý", "thị trấn Mỹ An"),
        region="south",
    )


THAP_MUOI = (
    GrassrootsPlan(
        suffix="MA",
        name="Đảng bộ thị trấn Mỹ An",
        kind="town",
        founded=date(1976, 3, 1),
        where=_thap_muoi("thị trấn Mỹ An"),
        cells=_with_admissions(
            _cells(
                ("Chi bộ khóm 1", "residential", 24, 1976),
                ("Chi bộ khóm 2", "residential", 22, 1976),
                ("Chi bộ khóm 3", "residential", 19, 1978),
                ("Chi bộ khóm 4", "residential", 21, 1980),
                ("Chi bộ Cơ quan", "agency", 18, 1976),
            ),
            {"02": ((date(2021, 5, 19), 1),), "05": ((date(2021, 9, 2), 1),)},
        ),
        agencies=_agencies("thị trấn Mỹ An"),
        executive_size=11,
    ),
    GrassrootsPlan(
        suffix="MH",
        name="Đảng bộ xã Mỹ Hòa",
        kind="commune",
        founded=date(1976, 5, 1),
        where=_thap_muoi("xã Mỹ Hòa"),
        cells=_cells(
            ("Chi bộ ấp 1", "residential", 17, 1976),
            ("Chi bộ ấp 2", "residential", 15, 1976),
            ("Chi bộ ấp 3", "residential", 16, 1978),
            ("Chi bộ ấp 4", "residential", 14, 1980),
            ("Chi bộ Cơ quan", "agency", 15, 1976),
        ),
        agencies=_agencies("xã Mỹ Hòa"),
        executive_size=9,
    ),
    GrassrootsPlan(
        suffix="TX",
        name="Đảng bộ xã Trường Xuân",
        kind="commune",
        founded=date(1978, 9, 2),
        where=_thap_muoi("xã Trường Xuân"),
        cells=_with_admissions(
            _cells(
                ("Chi bộ ấp 1", "residential", 16, 1978),
                ("Chi bộ ấp 2", "residential", 14, 1978),
                ("Chi bộ ấp 3", "residential", 15, 1980),
                ("Chi bộ ấp 4", "residential", 12, 1982),
                ("Chi bộ Trường học", "school", 11, 1990),
            ),
            {"03": ((date(2021, 12, 22), 1),)},
        ),
        agencies=_agencies("xã Trường Xuân"),
        executive_size=9,
    ),
    GrassrootsPlan(
        suffix="TL",
        name="Đảng bộ xã Thạnh Lợi",
        kind="commune",
        founded=date(1980, 2, 3),
        where=_thap_muoi("xã Thạnh Lợi"),
        cells=_cells(
            ("Chi bộ ấp Tân Phú", "residential", 14, 1980),
            ("Chi bộ ấp Tân Lợi", "residential", 13, 1980),
            ("Chi bộ ấp Tân Dân", "residential", 12, 1982),
            ("Chi bộ Cơ quan", "agency", 13, 1980),
        ),
        agencies=_agencies("xã Thạnh Lợi"),
        executive_size=9,
    ),
    GrassrootsPlan(
        suffix="CQ",
        name="Đảng bộ Cơ quan Chính quyền huyện Tháp Mười",
        kind="agency",
        founded=date(1976, 6, 1),
        where=_thap_muoi("thị trấn Mỹ An"),
        cells=_cells(
            ("Chi bộ Văn phòng HĐND và UBND huyện", "agency", 16, 1976),
            ("Chi bộ Phòng Tài chính - Kế hoạch", "agency", 9, 1980),
            ("Chi bộ Phòng Nông nghiệp và Phát triển nông thôn", "agency", 11, 1980),
            ("Chi bộ Phòng Giáo dục và Đào tạo", "agency", 10, 1980),
        ),
        executive_size=9,
        generated_deputy_title="",
    ),
    GrassrootsPlan(
        suffix="YT",
        name="Chi bộ Trung tâm Y tế huyện Tháp Mười",
        kind="agency",
        founded=date(1985, 10, 15),
        where=_thap_muoi("thị trấn Mỹ An"),
        cells=(
            CellPlan(
                "",
                "Chi bộ Trung tâm Y tế huyện Tháp Mười",
                "agency",
                21,
                1985,
                (),
                "Viên chức y tế",
            ),
        ),
        is_cell=True,
        generated_deputy_title="",
    ),
)

PROVINCES = (
    ProvincePlan("PT", "Tỉnh ủy Phú Thọ", "PT-TB", "Huyện ủy Thanh Ba", (THANH_BA,)),
    ProvincePlan("VP", "Tỉnh ủy Vĩnh Phúc", "VP-LT", "Huyện ủy Lập Thạch", (BAC_BINH,)),
    ProvincePlan("HD", "Tỉnh ủy Hải Dương", "HD-TK", "Huyện ủy Tứ Kỳ", (AN_THANH,)),
    ProvincePlan("TH", "Tỉnh ủy Thanh Hóa", "TH-TX", "Huyện ủy Thường Xuân", (THUONG_XUAN,)),
    ProvincePlan(
        "DT",
        "Tỉnh ủy Đồng Tháp",
        "DT-TM",
        "Huyện ủy Tháp Mười",
        THAP_MUOI,
        temporary_stay=("DT-TM-MH-01", "DT-TM-MA-05"),
    ),
)
ROOT_CODES = tuple(p.code for p in PROVINCES)
RESERVED_NAMES = tuple(
    person.full_name for p in PROVINCES for g in p.grassroots for person in g.leaders
)
