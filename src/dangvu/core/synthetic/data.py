"""The facts a synthetic national Party is drawn from, with no Django import.

The 34 provincial-level units after the merger in force from 01/7/2025
(Nghị quyết 202/2025/QH15), each with the citizen-ID codes of the provinces it
absorbed (Thông tư 59/2021/TT-BCA), a rough weight of its party membership and
its region, which decides the common ethnicities, religions and surnames.
Weights are relative sizes, not official figures.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Province:
    name: str  # "Hà Nội", "Thành phố Hồ Chí Minh", "Phú Thọ"
    city: bool  # thành phố trực thuộc trung ương: "Thành ủy", wards dominate
    id_codes: tuple[int, ...]  # citizen-ID codes of the pre-2025 provinces it covers
    weight: int  # relative party membership (thousands, rounded)
    region: str  # north, highland, central, plateau, south, mekong

    @property
    def committee_name(self) -> str:
        if self.city:
            name = self.name if self.name.startswith("Thành phố") else f"thành phố {self.name}"
            return f"Đảng bộ {name}"
        return f"Đảng bộ tỉnh {self.name}"


PROVINCES: tuple[Province, ...] = (
    Province("Hà Nội", True, (1,), 480, "north"),
    Province("Huế", True, (46,), 55, "central"),
    Province("Lai Châu", False, (12,), 30, "highland"),
    Province("Điện Biên", False, (11,), 45, "highland"),
    Province("Sơn La", False, (14,), 75, "highland"),
    Province("Lạng Sơn", False, (20,), 60, "highland"),
    Province("Quảng Ninh", False, (22,), 120, "north"),
    Province("Thanh Hóa", False, (38,), 230, "north"),
    Province("Nghệ An", False, (40,), 225, "central"),
    Province("Hà Tĩnh", False, (42,), 110, "central"),
    Province("Cao Bằng", False, (4,), 45, "highland"),
    Province("Tuyên Quang", False, (8, 2), 120, "highland"),
    Province("Lào Cai", False, (10, 15), 130, "highland"),
    Province("Thái Nguyên", False, (19, 6), 140, "highland"),
    Province("Phú Thọ", False, (25, 26, 17), 270, "north"),
    Province("Bắc Ninh", False, (27, 24), 200, "north"),
    Province("Hưng Yên", False, (33, 34), 200, "north"),
    Province("Hải Phòng", True, (31, 30), 260, "north"),
    Province("Ninh Bình", False, (37, 35, 36), 250, "north"),
    Province("Quảng Trị", False, (45, 44), 120, "central"),
    Province("Đà Nẵng", True, (48, 49), 160, "central"),
    Province("Quảng Ngãi", False, (51, 62), 110, "central"),
    Province("Gia Lai", False, (64, 52), 170, "plateau"),
    Province("Khánh Hòa", False, (56, 58), 90, "central"),
    Province("Lâm Đồng", False, (68, 67, 60), 150, "plateau"),
    Province("Đắk Lắk", False, (66, 54), 120, "plateau"),
    Province("Thành phố Hồ Chí Minh", True, (79, 74, 77), 560, "south"),
    Province("Đồng Nai", False, (75, 70), 130, "south"),
    Province("Tây Ninh", False, (72, 80), 120, "south"),
    Province("Cần Thơ", True, (92, 93, 94), 120, "mekong"),
    Province("Vĩnh Long", False, (86, 83, 84), 160, "mekong"),
    Province("Đồng Tháp", False, (87, 82), 140, "mekong"),
    Province("Cà Mau", False, (96, 95), 90, "mekong"),
    Province("An Giang", False, (89, 91), 170, "mekong"),
)

Weighted = tuple[tuple[str, float], ...]

# Surnames of the Kinh: Nguyễn about 38 %, then Trần, Lê, Phạm …; the north
# writes Hoàng and Vũ where the south writes Huỳnh and Võ.
NORTH_SURNAMES: Weighted = (
    ("Nguyễn", 38), ("Trần", 11), ("Lê", 9.5), ("Phạm", 7), ("Hoàng", 5), ("Phan", 3),
    ("Vũ", 4), ("Đặng", 2.1), ("Bùi", 2), ("Đỗ", 1.8), ("Hồ", 1), ("Ngô", 1.3),
    ("Dương", 1), ("Lý", 0.5), ("Đinh", 1), ("Trịnh", 0.8), ("Đào", 0.8), ("Mai", 0.6),
    ("Lương", 0.6), ("Hà", 0.6), ("Tạ", 0.4), ("Cao", 0.5), ("Chu", 0.3), ("Kiều", 0.2),
)  # fmt: skip
SOUTH_SURNAMES: Weighted = (
    ("Nguyễn", 38), ("Trần", 11), ("Lê", 9.5), ("Phạm", 5), ("Huỳnh", 5), ("Phan", 4.5),
    ("Võ", 4), ("Đặng", 2.1), ("Bùi", 1.5), ("Đỗ", 1.4), ("Hồ", 1.5), ("Ngô", 1.3),
    ("Dương", 1), ("Lý", 0.6), ("Trương", 1.2), ("Lâm", 0.8), ("Đoàn", 0.6), ("Châu", 0.4),
    ("Tô", 0.4), ("Thái", 0.3), ("Mai", 0.5), ("Lưu", 0.4),
)  # fmt: skip
# Surnames of the other peoples, by ethnicity.
ETHNIC_SURNAMES: dict[str, Weighted] = {
    "Tày": (("Hoàng", 4), ("Nông", 4), ("Lương", 2), ("Ma", 2), ("Hà", 2), ("Đàm", 1)),
    "Thái": (("Lò", 4), ("Cầm", 3), ("Lường", 3), ("Quàng", 2), ("Hà", 2), ("Vi", 2)),
    "Mường": (("Bùi", 5), ("Đinh", 4), ("Quách", 2), ("Hà", 2), ("Xa", 1)),
    "Nùng": (("Hoàng", 3), ("Nông", 3), ("Lục", 2), ("Lăng", 2), ("Mông", 1)),
    "H'Mông": (("Giàng", 4), ("Vàng", 4), ("Sùng", 3), ("Lý", 3), ("Thào", 3), ("Mùa", 2)),
    "Dao": (("Triệu", 5), ("Bàn", 4), ("Lý", 3), ("Đặng", 2)),
    "Khmer": (("Thạch", 5), ("Sơn", 4), ("Kim", 3), ("Danh", 3), ("Lâm", 2)),
    "Hoa": (("Lâm", 3), ("Lý", 3), ("Trương", 3), ("Quách", 2), ("Châu", 2)),
    "Ê Đê": (("Y", 4), ("H'", 1), ("Niê", 2), ("Byă", 1)),
    "Gia Rai": (("Rơ Châm", 3), ("Ksor", 3), ("Siu", 2), ("Rah Lan", 2)),
    "Ba Na": (("Đinh", 4), ("A", 2)),
    "Cơ Ho": (("K'", 3), ("Ka", 2), ("Liêng", 1)),
}
# Ethnicities by region (Kinh about 85 % of members nationally).
ETHNICITIES: dict[str, Weighted] = {
    "north": (("Kinh", 97), ("Mường", 1.5), ("Tày", 1), ("Nùng", 0.5)),
    "highland": (
        ("Kinh", 42), ("Tày", 18), ("Thái", 14), ("Nùng", 8), ("H'Mông", 8), ("Mường", 5),
        ("Dao", 5),
    ),
    "central": (("Kinh", 96), ("Thái", 2), ("Mường", 1), ("Ba Na", 1)),
    "plateau": (("Kinh", 78), ("Ê Đê", 7), ("Gia Rai", 7), ("Ba Na", 4), ("Cơ Ho", 4)),
    "south": (("Kinh", 96), ("Hoa", 3), ("Khmer", 1)),
    "mekong": (("Kinh", 90), ("Khmer", 9), ("Hoa", 1)),
}  # fmt: skip
RELIGIONS: dict[str, Weighted] = {
    "north": (("Không", 96), ("Phật giáo", 2.5), ("Công giáo", 1.5)),
    "highland": (("Không", 98), ("Phật giáo", 1), ("Tin Lành", 1)),
    "central": (("Không", 95), ("Phật giáo", 3.5), ("Công giáo", 1.5)),
    "plateau": (("Không", 93), ("Phật giáo", 3), ("Công giáo", 2.5), ("Tin Lành", 1.5)),
    "south": (("Không", 92), ("Phật giáo", 5), ("Công giáo", 2), ("Cao Đài", 1)),
    "mekong": (
        ("Không", 88), ("Phật giáo", 5), ("Phật giáo Hòa Hảo", 4), ("Cao Đài", 2),
        ("Công giáo", 1),
    ),
}  # fmt: skip

# Syllables of commune, ward and village names (Hán-Việt words of good omen).
PLACE_WORDS = (
    "An", "Bình", "Hòa", "Phú", "Tân", "Thạnh", "Long", "Phước", "Hưng", "Thịnh", "Xuân",
    "Đông", "Tây", "Nam", "Bắc", "Trung", "Quang", "Minh", "Đức", "Thành", "Vĩnh", "Lộc",
    "Hiệp", "Thuận", "Mỹ", "Hải", "Sơn", "Lâm", "Hồng", "Phong", "Cẩm", "Yên", "Kim", "Ngọc",
    "Lợi", "Nghĩa", "Thái", "Khánh", "Hội", "Tiến", "Quảng", "Cát", "Định", "Hà", "Thượng",
)  # fmt: skip
AGENCY_UNITS = (
    "Văn phòng Tỉnh ủy", "Ban Tổ chức", "Văn phòng UBND", "Sở Tài chính", "Sở Nội vụ",
    "Sở Y tế", "Sở Giáo dục và Đào tạo", "Sở Xây dựng", "Sở Nông nghiệp và Môi trường",
    "Sở Công Thương", "Sở Khoa học và Công nghệ", "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Tư pháp", "Thanh tra tỉnh", "Bệnh viện Đa khoa", "Trường Chính trị",
    "Trường Cao đẳng", "Trường THPT", "Trung tâm Y tế khu vực", "Kho bạc Nhà nước khu vực",
    "Thuế cơ sở", "Bảo hiểm xã hội khu vực", "Công an", "Bộ Chỉ huy Quân sự",
    "Báo và Phát thanh, Truyền hình",
)  # fmt: skip
ENTERPRISE_UNITS = (
    "Công ty Điện lực", "Công ty Cấp nước", "Công ty Xăng dầu", "Công ty CP Xây dựng",
    "Công ty CP Vận tải", "Công ty Lâm nghiệp", "Công ty CP Dệt may", "Ngân hàng Nông nghiệp",
    "Ngân hàng Công thương", "Viễn thông", "Bưu điện", "Công ty CP Xi măng",
    "Công ty TNHH Điện tử", "Công ty CP Thủy sản", "Công ty Cao su",
)  # fmt: skip

OCCUPATIONS_BY_KIND = {
    "agency": "Cán bộ, công chức",
    "school": "Giáo viên",
    "enterprise": "Công nhân viên",
    "police": "Công an",
    "military": "Cán bộ quân sự",
}
VILLAGE_OCCUPATIONS: Weighted = (
    ("Nông dân", 34), ("Kinh doanh", 12), ("Lao động tự do", 12), ("Công nhân", 10),
    ("Cán bộ không chuyên trách", 8), ("Giáo viên", 4), ("Hưu trí", 14), ("Sinh viên", 1),
)  # fmt: skip
WORKING_QUALIFICATION: Weighted = (
    ("university", 60), ("college", 12), ("master", 12), ("intermediate", 13), ("doctor", 3),
)  # fmt: skip
VILLAGE_QUALIFICATION: Weighted = (
    ("none", 45), ("elementary", 10), ("intermediate", 20), ("college", 7), ("university", 18),
)  # fmt: skip
WORKING_THEORY: Weighted = (
    ("elementary", 45), ("intermediate", 42), ("advanced", 9), ("bachelor", 2), ("none", 2),
)  # fmt: skip
VILLAGE_THEORY: Weighted = (("none", 30), ("elementary", 60), ("intermediate", 10))
