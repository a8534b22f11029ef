"""Thường Xuân's work programmes of 2022 in words (seed 001): tasks, outcomes, review, targets.

Who owns a task is written ``"org:"`` (the town's Đảng ủy), ``"org:01"`` (a cell,
by its code suffix) or ``"agency:UBND"`` (an agency, by its short name); who
answers for it ``"secretary"`` (the Bí thư), a deputy's full name, or
``"cell:08"`` — the member of the executive committee from that cell (the
office cell's is the Chủ tịch UBND). Deadlines are written as the conclusion
gives them. The outcomes of the first quarter, as the review of 07/4/2022 found
them, follow the shortcomings the article lists: 24 done on time, 4 done late,
3 not done, 3 carried over to the second quarter.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

# How a first-quarter task ended: on time, late, not done, carried over to the second.
DONE, LATE, NOT_DONE, CARRY = "done", "late", "not_done", "carry"

HHH, LTT = "Hà Huy Hiền", "Lương Thị Thanh"
SECRETARY, OFFICE = "secretary", "cell:08"


@dataclass(frozen=True)
class TaskText:
    key: str
    title: str
    owner: str
    responsible: str
    deadline: str
    outcome: str = ""  # "" leaves the task open
    finished_on: date | None = None
    note: str = ""
    progress: int = 0  # reached before a task was not done or carried over
    is_key: bool = False
    collaborators: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()  # codes: "09-NQ/ĐU"
    weight: int = 1
    sub_tasks: tuple[TaskText, ...] = ()
    carried_from: str = ""  # the key of the first-quarter task it continues


def _d(day: int, month: int) -> date:
    return date(2022, month, day)


Q1_TITLE = "Chương trình công tác quý 1/2022"
Q1_NOTE = (
    "Cụ thể hóa Nghị quyết số 09-NQ/ĐU ngày 27/12/2021 của Ban Chấp hành Đảng bộ thị trấn; "
    "34 nhiệm vụ do cấp ủy, chính quyền, MTTQ và các đoàn thể xây dựng từ đầu năm."
)

Q1_TASKS: tuple[TaskText, ...] = (
    # -- Đảng ủy: xây dựng Đảng, hệ thống chính trị --------------------------------------------
    TaskText(
        "q1_resolution",
        "Quán triệt Nghị quyết số 09-NQ/ĐU về phương hướng, nhiệm vụ năm 2022; ban hành "
        "chương trình công tác năm 2022 của Đảng ủy",
        "org:",
        SECRETARY,
        "tháng 1/2022",
        DONE,
        _d(20, 1),
        "Hội nghị quán triệt ngày 20/01/2022, 100% chi bộ dự.",
        is_key=True,
        documents=("09-NQ/ĐU",),
    ),
    TaskText(
        "tet",
        "Lãnh đạo tổ chức Tết Nguyên đán Nhâm Dần 2022 vui tươi, an toàn, tiết kiệm; thăm, tặng "
        "quà gia đình chính sách, hộ nghèo",
        "org:",
        HHH,
        "31/01/2022",
        DONE,
        _d(28, 1),
        "Thăm, tặng 312 suất quà; không để hộ nào không có Tết.",
        collaborators=("agency:UBND", "agency:MTTQ"),
    ),
    TaskText(
        "cell_rules",
        "Chỉ đạo các chi bộ xây dựng quy chế làm việc, chương trình công tác năm 2022",
        "org:",
        HHH,
        "tháng 2/2022",
        NOT_DONE,
        note=(
            "11/14 chi bộ đã ban hành; Chi bộ khu phố Cao Sơn và Chi bộ khu phố Vân Hưng chưa "
            "xây dựng được quy chế hoạt động, chương trình công tác năm 2022."
        ),
        sub_tasks=(
            TaskText(
                "cell_rules_02",
                "Chi bộ khu phố Tiến Sơn 2 ban hành quy chế làm việc, chương trình công tác "
                "năm 2022",
                "org:02",
                "cell:02",
                "tháng 2/2022",
                LATE,
                _d(10, 3),
                "Ban hành ngày 10/3/2022, chậm so với thời hạn.",
            ),
            TaskText(
                "cell_rules_06",
                "Chi bộ khu phố Cao Sơn ban hành quy chế làm việc, chương trình công tác năm 2022",
                "org:06",
                "cell:06",
                "tháng 2/2022",
                NOT_DONE,
                note="Mới có dự thảo, chi ủy chưa thống nhất.",
                progress=40,
            ),
            TaskText(
                "cell_rules_07",
                "Chi bộ khu phố Vân Hưng ban hành quy chế làm việc, chương trình công tác năm 2022",
                "org:07",
                "cell:07",
                "tháng 2/2022",
                NOT_DONE,
                note="Chưa triển khai; chi ủy thiếu phân công cụ thể.",
                progress=10,
            ),
        ),
    ),
    TaskText(
        "congress_prep",
        "Chuẩn bị đại hội chi bộ nhiệm kỳ 2022 – 2025: ban hành kế hoạch, phân công cấp ủy viên "
        "chỉ đạo",
        "org:",
        SECRETARY,
        "quý 1/2022",
        DONE,
        _d(25, 3),
        "Kế hoạch số 43-KH/ĐU ngày 14/3/2022; phân công 14 đồng chí Ủy viên BCH.",
        is_key=True,
        documents=("43-KH/ĐU",),
        sub_tasks=(
            TaskText(
                "congress_plan",
                "Ban hành kế hoạch đại hội kiện toàn cấp ủy, chi bộ nhiệm kỳ 2022 – 2025",
                "org:",
                HHH,
                "15/3/2022",
                DONE,
                _d(14, 3),
                "Kế hoạch số 43-KH/ĐU ngày 14/3/2022.",
                documents=("43-KH/ĐU",),
                weight=2,
            ),
            TaskText(
                "congress_guides",
                "Phân công đồng chí Ủy viên Ban Chấp hành dự, chỉ đạo đại hội từng chi bộ",
                "org:",
                "cell:02",
                "quý 1/2022",
                DONE,
                _d(25, 3),
                "Thông báo phân công ngày 25/3/2022.",
            ),
        ),
    ),
    TaskText(
        "targets_2022",
        "Điều chỉnh, bổ sung chỉ tiêu, kế hoạch phát triển kinh tế, xã hội năm 2022 theo chỉ "
        "tiêu huyện giao, trình Ban Chấp hành",
        "org:",
        SECRETARY,
        "15/3/2022",
        DONE,
        _d(15, 3),
        "Nghị quyết số 15-NQ/ĐU ngày 15/3/2022.",
        is_key=True,
        documents=("15-NQ/ĐU",),
    ),
    TaskText(
        "inspection",
        "Tổng kết công tác kiểm tra, giám sát năm 2021; ban hành chương trình kiểm tra, giám sát "
        "năm 2022",
        "org:",
        "cell:01",
        "tháng 1/2022",
        DONE,
        _d(25, 1),
    ),
    TaskText(
        "ranking_2021",
        "Hoàn thiện hồ sơ kiểm điểm, đánh giá, xếp loại tổ chức đảng, đảng viên năm 2021, báo "
        "cáo Ban Tổ chức Huyện ủy",
        "org:",
        "cell:02",
        "15/01/2022",
        DONE,
        _d(14, 1),
    ),
    TaskText(
        "admissions",
        "Rà soát quần chúng ưu tú, cử đi học lớp nhận thức về Đảng; hoàn thiện hồ sơ kết nạp "
        "đảng viên",
        "org:",
        "cell:02",
        "quý 1/2022",
        LATE,
        _d(5, 4),
        "Chỉ 9/14 chi bộ giới thiệu quần chúng; lớp nhận thức về Đảng khai giảng ngày 05/4/2022.",
    ),
    TaskText(
        "ho_chi_minh",
        "Triển khai học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh, chuyên đề "
        "năm 2022",
        "org:",
        HHH,
        "tháng 3/2022",
        DONE,
        _d(28, 3),
    ),
    TaskText(
        "citizens",
        "Bí thư Đảng ủy tiếp dân định kỳ theo Quy định số 11-QĐi/TW (lịch tiếp dân quý 1)",
        "org:",
        SECRETARY,
        "quý 1/2022",
        DONE,
        _d(31, 3),
        "Tiếp dân 03 buổi, 11 lượt công dân; các kiến nghị đã chuyển giải quyết.",
        documents=("11-QĐi/TW",),
    ),
    TaskText(
        "rule_37",
        "Quán triệt Quy định số 37-QĐ/TW về những điều đảng viên không được làm đến 100% chi bộ",
        "org:",
        HHH,
        "tháng 2/2022",
        LATE,
        _d(15, 3),
        "Hoãn hội nghị tháng 2 do dịch COVID-19; quán triệt xong ngày 15/3/2022.",
        documents=("37-QĐ/TW",),
    ),
    # -- HĐND ------------------------------------------------------------------------------------
    TaskText(
        "council_session",
        "Tổ chức kỳ họp chuyên đề HĐND thị trấn điều chỉnh chỉ tiêu kinh tế, xã hội năm 2022",
        "agency:HĐND",
        LTT,
        "tháng 3/2022",
        DONE,
        _d(18, 3),
    ),
    TaskText(
        "council_oversight",
        "Xây dựng kế hoạch giám sát chuyên đề năm 2022 của Thường trực HĐND",
        "agency:HĐND",
        LTT,
        "tháng 2/2022",
        DONE,
        _d(25, 2),
    ),
    # -- UBND ------------------------------------------------------------------------------------
    TaskText(
        "covid_128",
        "Thực hiện Nghị quyết số 128/NQ-CP thích ứng an toàn, linh hoạt, kiểm soát dịch "
        "COVID-19; ban hành kịp thời quyết định cách ly",
        "agency:UBND",
        OFFICE,
        "tháng 2/2022",
        LATE,
        _d(10, 3),
        "Số ca dương tính tăng nhanh sau Tết; việc ban hành quyết định cách ly chưa khoa học, "
        "thiếu đồng bộ, người dân phản ánh. Ổn định từ ngày 10/3/2022.",
        is_key=True,
        collaborators=("agency:TYT",),
    ),
    TaskText(
        "forest",
        "Ngăn chặn, xử lý dứt điểm tình trạng chặt phá rừng trái phép tại khu phố Tiến Sơn 1",
        "agency:UBND",
        OFFICE,
        "quý 1/2022",
        NOT_DONE,
        note="Tình trạng chặt phá rừng vẫn còn, mức độ và phạm vi có dấu hiệu gia tăng.",
        progress=30,
        collaborators=("agency:CA", "org:01"),
    ),
    TaskText(
        "cage_fish",
        "Thành lập Hợp tác xã dịch vụ chăn nuôi cá lồng thị trấn",
        "agency:UBND",
        OFFICE,
        "quý 1/2022",
        CARRY,
        note=(
            "Các hộ chưa thống nhất góp vốn; chuyển quý 2, trước mắt thành lập tổ hội nghề nghiệp."
        ),
        progress=20,
        collaborators=("agency:Hội ND",),
        documents=("15-NQ/ĐU",),
    ),
    TaskText(
        "land",
        "Vận động tích tụ đất đai phát triển sản xuất nông nghiệp công nghệ cao (nhà màn, nhà "
        "lưới)",
        "agency:UBND",
        "cell:05",
        "quý 1/2022",
        CARRY,
        note="Mới tích tụ được 2,5 ha; tiến độ chậm, chuyển quý 2.",
        progress=25,
        is_key=True,
        documents=("15-NQ/ĐU",),
    ),
    TaskText(
        "staff_conference",
        "Tổ chức Hội nghị cán bộ, công chức, người lao động năm 2022",
        "agency:UBND",
        OFFICE,
        "tháng 2/2022",
        CARRY,
        note="Công đoàn cơ quan chưa hoàn thiện báo cáo tổng kết năm 2021; phối hợp rất chậm.",
        progress=30,
        collaborators=("agency:Công đoàn", "org:08"),
    ),
    TaskText(
        "budget",
        "Thu ngân sách quý 1 đạt kế hoạch; xây dựng phương án thu quỹ địa phương năm 2022",
        "agency:UBND",
        "cell:05",
        "quý 1/2022",
        DONE,
        _d(30, 3),
    ),
    TaskText(
        "tree_planting",
        "Phát động Tết trồng cây đời đời nhớ ơn Bác Hồ Xuân Nhâm Dần 2022",
        "agency:UBND",
        OFFICE,
        "tháng 2/2022",
        DONE,
        _d(12, 2),
        "Trồng 1.500 cây phân tán.",
    ),
    TaskText(
        "urban_order",
        "Ra quân lập lại trật tự đô thị, hành lang vỉa hè, an toàn giao thông dịp Tết",
        "agency:UBND",
        "cell:05",
        "tháng 1/2022",
        DONE,
        _d(25, 1),
    ),
    TaskText(
        "e_government",
        "Xử lý văn bản trên môi trường điện tử; duy trì dịch vụ công trực tuyến mức độ 3, mức độ 4",
        "agency:UBND",
        OFFICE,
        "quý 1/2022",
        LATE,
        _d(6, 4),
        "Còn chậm xử lý văn bản trên môi trường điện tử; hoàn thành ngày 06/4/2022.",
    ),
    TaskText(
        "crops",
        "Chăm sóc, bảo vệ lúa, hoa màu vụ chiêm xuân; phòng trừ sâu bệnh",
        "agency:UBND",
        "cell:05",
        "tháng 3/2022",
        DONE,
        _d(31, 3),
    ),
    # -- MTTQ và các đoàn thể -------------------------------------------------------------------
    TaskText(
        "poor_fund",
        "Vận động Quỹ \u201cVì người nghèo\u201d; thăm, tặng quà Tết hộ nghèo, gia đình chính sách",
        "agency:MTTQ",
        "cell:06",
        "tháng 1/2022",
        DONE,
        _d(28, 1),
    ),
    TaskText(
        "civilised_town",
        "Triển khai chương trình \u201cChung tay xây dựng đô thị văn minh – công dân thân "
        "thiện\u201d năm 2022",
        "agency:MTTQ",
        "cell:06",
        "quý 1/2022",
        DONE,
        _d(25, 3),
    ),
    TaskText(
        "youth_month",
        "Tổ chức Tháng Thanh niên năm 2022; xây dựng kế hoạch Đại hội Đoàn thị trấn nhiệm kỳ "
        "2022 – 2027",
        "agency:Đoàn TN",
        "cell:04",
        "tháng 3/2022",
        DONE,
        _d(26, 3),
    ),
    TaskText(
        "conscription",
        "Tổ chức lễ giao, nhận quân năm 2022",
        "org:14",
        SECRETARY,
        "17/02/2022",
        DONE,
        _d(16, 2),
        "Giao 12 thanh niên, đạt 100% chỉ tiêu.",
        collaborators=("agency:Đoàn TN",),
    ),
    TaskText(
        "womens_day",
        "Kỷ niệm 112 năm Ngày Quốc tế Phụ nữ 8/3",
        "agency:Hội PN",
        "cell:06",
        "08/3/2022",
        DONE,
        _d(8, 3),
    ),
    TaskText(
        "farmers",
        "Hướng dẫn hội viên chuyển đổi cây trồng; quản lý vốn vay ủy thác",
        "agency:Hội ND",
        "cell:03",
        "quý 1/2022",
        DONE,
        _d(30, 3),
    ),
    TaskText(
        "veterans",
        "Tổng kết năm 2021, triển khai nhiệm vụ năm 2022 của Hội Cựu chiến binh",
        "agency:Hội CCB",
        "cell:03",
        "tháng 1/2022",
        DONE,
        _d(20, 1),
    ),
    # -- Công an, trường học, trạm y tế, chi bộ ----------------------------------------------
    TaskText(
        "security",
        "Bảo đảm an ninh trật tự dịp Tết; triển khai Đề án 06 cấp căn cước công dân, định danh "
        "điện tử",
        "agency:CA",
        HHH,
        "quý 1/2022",
        DONE,
        _d(31, 3),
    ),
    TaskText(
        "schools",
        "Sơ kết học kỳ I năm học 2021 – 2022; dạy học trực tiếp an toàn",
        "agency:TH TT",
        "cell:10",
        "tháng 1/2022",
        DONE,
        _d(20, 1),
        collaborators=("agency:MN TT", "agency:THCS TT"),
    ),
    TaskText(
        "vaccination",
        "Rà soát, vận động người dân tiêm đủ mũi vắc xin phòng COVID-19",
        "agency:TYT",
        "cell:12",
        "quý 1/2022",
        NOT_DONE,
        note="Tuyên truyền, vận động chưa triệt để; số người chưa tiêm đủ mũi vẫn còn.",
        progress=85,
        collaborators=("org:01", "org:02", "org:03", "org:04", "org:05", "org:06", "org:07"),
    ),
    TaskText(
        "forest_pledge",
        "Tuyên truyền đến từng hộ dân, ký cam kết bảo vệ rừng, không chặt phá rừng trái phép",
        "org:01",
        "cell:01",
        "tháng 3/2022",
        DONE,
        _d(20, 3),
    ),
)

Q2_TITLE = "Chương trình công tác quý 2/2022"
Q2_NOTE = (
    "17 nhiệm vụ trọng tâm quý 2/2022 theo kết luận Hội nghị sơ kết quý 1 ngày 07/4/2022 "
    "(đồng chí Hà Huy Hiền, Phó Bí thư Đảng ủy, kết luận)."
)

Q2_TASKS: tuple[TaskText, ...] = (
    TaskText(
        "cadre_planning",
        "Rà soát, bổ sung quy hoạch cán bộ lãnh đạo chủ chốt diện Ban Thường vụ Huyện ủy quản "
        "lý nhiệm kỳ 2020 – 2025 và 2025 – 2030, báo cáo Ban Tổ chức Huyện ủy",
        "org:",
        "cell:02",
        "quý 2/2022",
    ),
    TaskText(
        "cell_congresses",
        "Chỉ đạo các chi bộ trực thuộc tổ chức Đại hội kiện toàn cấp ủy, chi bộ nhiệm kỳ 2022 – "
        "2025 theo Kế hoạch số 108-KH/HU và Kế hoạch số 43-KH/ĐU",
        "org:",
        SECRETARY,
        "tháng 5/2022",
        DONE,
        _d(26, 5),
        "14/14 chi bộ tổ chức đại hội từ ngày 20/4 đến ngày 26/5/2022.",
        documents=("108-KH/HU", "43-KH/ĐU"),
    ),
    TaskText(
        "youth_congress",
        "Chỉ đạo Ban Chấp hành Đoàn Thanh niên thị trấn tổ chức Đại hội đại biểu Đoàn Thanh niên "
        "Cộng sản Hồ Chí Minh thị trấn nhiệm kỳ 2022 – 2027",
        "agency:Đoàn TN",
        "cell:04",
        "quý 2/2022",
    ),
    TaskText(
        "staff_conference_q2",
        "Hoàn thiện báo cáo tổng kết Công đoàn năm 2021; tổ chức Hội nghị cán bộ, công chức, "
        "người lao động năm 2022, kiện toàn Ban Thanh tra nhân dân",
        "agency:UBND",
        OFFICE,
        "tháng 4/2022",
        DONE,
        _d(28, 4),
        "Hội nghị tổ chức ngày 28/4/2022; kiện toàn Ban Thanh tra nhân dân 05 thành viên.",
        carried_from="staff_conference",
    ),
    TaskText(
        "citizens_q2",
        "Tiếp dân định kỳ theo Quy định số 11-QĐi/TW; đối thoại, giải quyết mâu thuẫn, tranh "
        "chấp ngay từ cơ sở",
        "org:",
        SECRETARY,
        "quý 2/2022",
        documents=("11-QĐi/TW",),
    ),
    TaskText(
        "council_q2",
        "Giám sát việc thực hiện Nghị quyết của Đảng ủy, HĐND năm 2022; chuẩn bị kỳ họp thứ 4 "
        "HĐND thị trấn khóa II, nhiệm kỳ 2021 – 2026",
        "agency:HĐND",
        LTT,
        "quý 2/2022",
    ),
    TaskText(
        "cage_fish_q2",
        "Thành lập Tổ hội nghề nghiệp nuôi cá lồng Xuân Minh, tiến tới thành lập Hợp tác xã dịch "
        "vụ chăn nuôi cá lồng thị trấn",
        "agency:UBND",
        OFFICE,
        "quý 2/2022",
        carried_from="cage_fish",
    ),
    TaskText(
        "land_q2",
        "Kêu gọi doanh nghiệp đầu tư tích tụ đất đai sản xuất nông nghiệp công nghệ cao, bảo "
        "đảm chỉ tiêu huyện giao năm 2022 là 10 ha",
        "agency:UBND",
        "cell:05",
        "năm 2022",
        carried_from="land",
    ),
    TaskText(
        "livestock",
        "Tổ chức tiêm phòng đợt 1, đợt 2 cho đàn gia súc, gia cầm năm 2022, không quá 15 ngày "
        "mỗi đợt; xử lý hộ không chấp hành",
        "agency:UBND",
        "cell:05",
        "quý 2/2022",
        collaborators=("org:01", "org:02", "org:03", "org:04", "org:05", "org:06", "org:07"),
    ),
    TaskText(
        "land_review",
        "Tổ rà soát đất đai hoàn thành rà soát các loại đất tại các khu phố, cơ quan; tổng hợp "
        "báo cáo Ban Thường vụ Đảng ủy",
        "agency:UBND",
        "cell:05",
        "tháng 4/2022",
    ),
    TaskText(
        "resources",
        "Chấm dứt san lấp đất, chặt phá rừng trái phép; giải quyết dứt điểm đơn thư về đất đai",
        "agency:UBND",
        "cell:01",
        "quý 2/2022",
        collaborators=("agency:CA", "org:01"),
    ),
    TaskText(
        "school_year",
        "Tổng kết năm học 2021 – 2022, chuẩn bị tuyển sinh năm học 2022 – 2023; bàn giao thiếu "
        "nhi, đội viên, đoàn viên về sinh hoạt hè tại nơi cư trú",
        "agency:THCS TT",
        "cell:11",
        "quý 2/2022",
        collaborators=("agency:MN TT", "agency:TH TT", "agency:Đoàn TN"),
    ),
    TaskText(
        "covid_q2",
        "Thực hiện Nghị quyết số 128/NQ-CP; chăm sóc người bệnh hậu COVID-19, tiêm vắc xin cho "
        "trẻ em từ 05 đến 12 tuổi",
        "agency:TYT",
        "cell:12",
        "quý 2/2022",
    ),
    TaskText(
        "militia",
        "Huấn luyện dân quân năm thứ nhất cụm tại xã Xuân Dương; lập danh sách thanh niên từ 17 "
        "đến 25 tuổi; sẵn sàng phòng chống thiên tai, tìm kiếm cứu nạn",
        "org:14",
        SECRETARY,
        "quý 2/2022",
    ),
    TaskText(
        "police_q2",
        "Tăng cường tuần tra, nắm chắc địa bàn; triển khai Đề án 06, làm tốt công tác phòng "
        "cháy, chữa cháy",
        "agency:CA",
        HHH,
        "quý 2/2022",
    ),
    TaskText(
        "front_q2",
        "Tuyên truyền kỷ niệm 47 năm Ngày giải phóng miền Nam 30/4 và 132 năm Ngày sinh Chủ tịch "
        "Hồ Chí Minh 19/5; phối hợp HĐND tiếp xúc cử tri, chuẩn bị hội nghị đối thoại",
        "agency:MTTQ",
        "cell:06",
        "tháng 5/2022",
        collaborators=("agency:Hội PN", "agency:Hội ND", "agency:Hội CCB", "agency:Đoàn TN"),
    ),
    TaskText(
        "party_life",
        "Nâng cao chất lượng sinh hoạt chi bộ; thực hiện nghiêm Quy định số 37-QĐ/TW ngày "
        "25/10/2021 về những điều đảng viên không được làm",
        "org:",
        HHH,
        "quý 2/2022",
        documents=("37-QĐ/TW",),
    ),
)

# -- the review of the first quarter (07/4/2022) ---------------------------------------------
REVIEW_DAY = date(2022, 4, 7)
REVIEW_OPINIONS = 9
REVIEW_SUMMARY = (
    "Hội nghị đánh giá cao công tác lãnh đạo, chỉ đạo của Ban Thường vụ, Ban Chấp hành Đảng "
    "bộ thị trấn; cơ bản các chỉ tiêu Nghị quyết của Đảng ủy, HĐND thị trấn đề ra đều đạt và "
    "vượt kế hoạch quý 1/2022."
)
ACHIEVEMENTS = (
    "Ban Thường vụ, Ban Chấp hành Đảng bộ đã chỉ đạo HĐND, UBND, MTTQ và các tổ chức chính trị "
    "- xã hội phối hợp, chỉ đạo các chi bộ, khu phố, cơ quan, đơn vị vào cuộc quyết liệt, thích "
    "ứng linh hoạt, an toàn trong phòng, chống dịch COVID-19.",
    "Các chỉ tiêu phát triển kinh tế, văn hóa, xã hội, quốc phòng - an ninh bảo đảm; an sinh xã "
    "hội ổn định, nhất là dịp trước, trong và sau Tết Nguyên đán Nhâm Dần 2022.",
    "Công tác xây dựng Đảng, hệ thống chính trị được quan tâm, chú trọng; ban hành Kế hoạch số "
    "43-KH/ĐU chuẩn bị đại hội chi bộ nhiệm kỳ 2022 – 2025.",
)
SHORTCOMINGS = (
    "Việc tổ chức triển khai nhiệm vụ năm 2022 ở một số cấp ủy, khu phố còn chậm, thiếu quyết "
    "liệt trong chỉ đạo.",
    "Công tác triển khai thực hiện các nội dung, kế hoạch phát triển kinh tế chưa thực sự rõ nét.",
    "Một số cấp ủy khu phố tuyên truyền, thực hiện các biện pháp phòng, chống dịch chưa chặt "
    "chẽ; một bộ phận Nhân dân còn chủ quan, số ca dương tính với SARS-CoV-2 tăng nhanh sau Tết.",
    "Rà soát, vận động Nhân dân tiêm vắc xin COVID-19 chưa triệt để, số người chưa tiêm đủ mũi "
    "vẫn còn; tham mưu phòng, chống dịch chưa khoa học, nhất là việc ban hành các quyết định "
    "cách ly.",
    "Đầu tư phát triển kinh tế, kinh doanh, dịch vụ của người dân còn nhiều bất cập.",
    "Quản lý trật tự đô thị, hành lang, vỉa hè, vệ sinh môi trường, quản lý đất đai chưa chặt chẽ.",
    "Tình trạng chặt phá rừng trái phép tại khu phố Tiến Sơn 1 vẫn còn diễn ra, mức độ và phạm "
    "vi có dấu hiệu gia tăng.",
    "Chỉ đạo thành lập HTX dịch vụ chăn nuôi cá lồng thị trấn chậm; phát triển du lịch cộng đồng "
    "còn yếu, thiếu liên kết.",
    "Tích tụ đất đai phát triển sản xuất nông nghiệp công nghệ cao nhà màn, nhà lưới tiến độ chậm.",
    "Phối hợp giữa Công đoàn cơ quan với UBND trong tổ chức Hội nghị cán bộ, công chức đầu năm "
    "2022 rất chậm.",
    "Thực hiện các chỉ tiêu, nhiệm vụ được giao còn chậm, nhất là xử lý văn bản trên môi trường "
    "điện tử.",
    "Quản lý, phát triển đảng viên ở một số ít chi bộ chưa được chú trọng; phân công nhiệm vụ ở "
    "một số chi ủy còn chung chung, chưa cụ thể về trách nhiệm.",
    "Một số chi bộ chưa xây dựng được quy chế hoạt động, chương trình công tác năm 2022.",
)
CAUSES = (
    "Ảnh hưởng của dịch COVID-19, nhất là đầu năm và sau Tết Nguyên đán 2022; thị trường và "
    "khả năng tiếp cận nguồn vốn vay của người dân khó khăn.",
    "Một số cấp ủy, người đứng đầu chưa quyết liệt; phân công nhiệm vụ chưa rõ người, rõ việc, "
    "rõ thời gian.",
    "Ý thức chấp hành của một bộ phận người dân chưa cao.",
)
DIRECTIONS = (
    "Tập trung tháo gỡ khó khăn, nhất là những chỉ tiêu quý 1 còn đạt thấp; phân công rõ người, "
    "rõ việc, mốc thời gian hoàn thành.",
    "Các đồng chí Ủy viên Ban Chấp hành, Ban Thường vụ phụ trách đơn vị, điểm chỉ đạo tăng cường "
    "nắm tình hình cơ sở, cùng chi ủy kịp thời tháo gỡ khó khăn.",
)


@dataclass(frozen=True)
class TargetText:
    name: str
    unit: str
    planned: str  # a decimal as text
    comparison: str = "at_least"
    source: str = "manual"
    document: str = ""
    note: str = ""
    values: tuple[tuple[date, str, str], ...] = ()  # (measured on, value, note) for a manual one


TARGETS: tuple[TargetText, ...] = (
    TargetText(
        "Tích tụ đất đai phát triển sản xuất nông nghiệp công nghệ cao",
        "ha",
        "10",
        document="15-NQ/ĐU",
        note="Chỉ tiêu huyện giao năm 2022.",
        values=(
            (_d(31, 3), "2.5", "Sơ kết quý 1: tiến độ chậm."),
            (_d(30, 6), "6.8", "Sơ kết 6 tháng."),
        ),
    ),
    TargetText(
        "Thời gian mỗi đợt tiêm phòng gia súc, gia cầm",
        "ngày",
        "15",
        comparison="at_most",
        document="15-NQ/ĐU",
        values=((_d(25, 4), "14", "Đợt 1 từ ngày 12/4 đến ngày 25/4/2022."),),
    ),
    TargetText(
        "Kết nạp đảng viên mới",
        "đảng viên",
        "5",
        source="admissions",
        document="09-NQ/ĐU",
    ),
    TargetText(
        "Tỷ lệ đảng viên dự sinh hoạt chi bộ",
        "%",
        "90",
        source="attendance",
        document="09-NQ/ĐU",
    ),
    TargetText(
        "Thu nhập bình quân đầu người",
        "triệu đồng/năm",
        "48",
        document="09-NQ/ĐU",
        note="Đánh giá cuối năm.",
    ),
    TargetText(
        "Tỷ lệ hộ nghèo",
        "%",
        "3.5",
        comparison="at_most",
        document="09-NQ/ĐU",
        note="Đánh giá cuối năm.",
    ),
)
# The day the computed targets are counted to: the review of the first quarter.
TARGETS_AS_OF = REVIEW_DAY
