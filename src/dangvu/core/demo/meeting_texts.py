"""The words of the demo's meetings: reasons for absence, agendas, thematic contents, and
the minutes of Thường Xuân's review conference of 07/4/2022 (seed 001).

Kept apart from ``meetings.py`` so the builder reads as logic. The documents named
here are real and dated as published: the resolution of the 13th Congress, Chỉ thị
05-CT/TW (15/5/2016), Quy định 24-QĐ/TW (30/7/2021), Hướng dẫn 01-HD/TW (28/9/2021),
Kết luận 21-KL/TW and Quy định 37-QĐ/TW (25/10/2021), and those seed 001 cites.
"""

from __future__ import annotations

from datetime import date

from dangvu.meetings.choices import Topic

# -- reasons for an excused absence, by who the member is ---------------------------------
ELDER_REASONS = ("Ốm", "Đi khám bệnh", "Nằm viện điều trị", "Ốm, đau chân không đi lại được")
WORKING_REASONS = ("Đi công tác", "Đi tập huấn", "Trực cơ quan", "Đi làm ăn xa")
VILLAGE_REASONS = ("Đi làm ăn xa", "Việc gia đình", "Đi làm ca", "Nhà có việc hiếu")
COMMON_REASONS = ("Ốm", "Việc gia đình", "Con ốm", "Đi thăm người nhà nằm viện")
# From the spring of 2021 the outbreaks kept some members at home on the meeting day.
COVID_REASON = "Cách ly y tế phòng, chống dịch COVID-19"
COVID_FROM = date(2021, 5, 1)


def regular_agenda(day: date) -> str:
    month = f"{day.month}/{day.year}"
    following = f"{day.month % 12 + 1}/{day.year + (day.month == 12)}"
    return "\n".join(
        (
            "Thông tin thời sự, văn bản mới của cấp trên",
            f"Đánh giá kết quả lãnh đạo thực hiện nhiệm vụ tháng {month}",
            f"Phương hướng, nhiệm vụ tháng {following}",
            "Ý kiến của đảng viên",
        )
    )


def regular_content(cell: str, day: date) -> str:
    return (
        f"{cell} đánh giá việc thực hiện nhiệm vụ tháng {day.month}/{day.year}: "
        "công tác xây dựng Đảng, thu đảng phí, phát triển kinh tế, giữ gìn an ninh trật tự "
        "trên địa bàn; đảng viên phát biểu ý kiến, đề xuất với chi ủy."
    )


def documents_for(day: date) -> str:
    """What the cells studied that month (Chỉ thị 05 every month, the new texts in season)."""
    rows = [
        "Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị về đẩy mạnh học tập và làm theo "
        "tư tưởng, đạo đức, phong cách Hồ Chí Minh"
    ]
    if date(2021, 2, 1) <= day < date(2021, 5, 1):
        rows.append("Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng")
    if date(2021, 4, 1) <= day < date(2021, 6, 1):
        rows.append(
            "Bầu cử đại biểu Quốc hội khóa XV và đại biểu Hội đồng nhân dân các cấp "
            "nhiệm kỳ 2021 – 2026 (ngày bầu cử 23/5/2021)"
        )
    if date(2021, 8, 1) <= day < date(2021, 11, 1):
        rows.append(
            "Quy định số 24-QĐ/TW ngày 30/7/2021 của Ban Chấp hành Trung ương về thi hành "
            "Điều lệ Đảng"
        )
    if date(2021, 10, 1) <= day < date(2022, 1, 1):
        rows.append(
            "Hướng dẫn số 01-HD/TW ngày 28/9/2021 về một số vấn đề cụ thể thi hành Điều lệ Đảng"
        )
    if date(2021, 11, 1) <= day < date(2023, 1, 1):
        rows.append("Kết luận số 21-KL/TW ngày 25/10/2021 của Hội nghị Trung ương 4 khóa XIII")
        rows.append("Quy định số 37-QĐ/TW ngày 25/10/2021 về những điều đảng viên không được làm")
    return "\n".join(rows)


# -- thematic meetings: the four topics of seed 003 and the town's own ---------------------
THEMATIC_CONTENT = {
    Topic.NEW_RURAL: (
        "Quán triệt các tiêu chí xã nông thôn mới nâng cao; chi bộ bàn việc vận động nhân dân "
        "hiến đất mở rộng đường thôn, chỉnh trang khu dân cư, giữ gìn vệ sinh môi trường.",
        "Mỗi đảng viên vận động ít nhất 3 hộ gia đình tham gia chỉnh trang đường làng, ngõ xóm",
    ),
    Topic.SECURITY: (
        "Tình hình an ninh trật tự trên địa bàn; phòng, chống tội phạm, ma túy, tệ nạn xã "
        "hội; phát huy vai trò tổ an ninh xung kích và phong trào toàn dân bảo vệ an ninh "
        "Tổ quốc.",
        "Đảng viên nắm tình hình hộ gia đình mình phụ trách, báo ngay cho công an khi có "
        "vụ việc phức tạp",
    ),
    Topic.HEALTH_INSURANCE: (
        "Vận động nhân dân tham gia bảo hiểm y tế hộ gia đình; rà soát tỷ lệ người dân có "
        "thẻ bảo hiểm y tế; đảng viên gương mẫu tham gia và vận động người thân.",
        "Rà soát, lập danh sách hộ chưa có thẻ bảo hiểm y tế, phân công đảng viên vận động",
    ),
    Topic.FOOD_SAFETY: (
        "An toàn thực phẩm trong sản xuất, chăn nuôi và kinh doanh ăn uống; sử dụng thuốc "
        "bảo vệ thực vật đúng quy định; không giết mổ gia súc, gia cầm bị bệnh.",
        "Phối hợp trưởng thôn tuyên truyền trên loa truyền thanh về an toàn thực phẩm",
    ),
}
# Thanh Ba is a town: besides security and health insurance it met on its own subjects.
TOWN_TOPICS: tuple[tuple[str, str], ...] = (
    (Topic.SECURITY, ""),
    (Topic.OTHER, "Phòng, chống dịch COVID-19 tại khu dân cư"),
    (Topic.OTHER, "Xây dựng đô thị văn minh"),
    (Topic.FOOD_SAFETY, ""),
    (Topic.HEALTH_INSURANCE, ""),
)
OTHER_CONTENT = (
    "Chi bộ thảo luận chuyên đề “{topic}”, đánh giá tình hình tại khu và phân công đảng "
    "viên phụ trách từng nhóm hộ.",
    "Mỗi đảng viên phụ trách nhóm hộ gần nhà, tuyên truyền và báo cáo chi ủy hằng tháng",
)

# -- the weekly Monday briefing of each village cell's committee (seed 003) -----------------
BRIEFING_WORK = (
    "Đôn đốc thu quỹ xây dựng đường giao thông nội thôn.",
    "Phân công trực vệ sinh môi trường, khơi thông cống rãnh.",
    "Rà soát hộ nghèo, hộ cận nghèo cuối năm.",
    "Chuẩn bị họp thôn bình xét gia đình văn hóa.",
    "Phối hợp công an xã kiểm tra tạm trú, tạm vắng.",
    "Nắm tình hình sản xuất vụ đông, chăm sóc cây trồng.",
)
CITIZEN_ISSUES = (
    "tranh chấp ranh giới đất vườn giữa hai hộ",
    "đề nghị sửa đoạn đường nội đồng bị sạt",
    "hỏi thủ tục cấp giấy chứng nhận quyền sử dụng đất",
    "phản ánh nước thải chăn nuôi gây ô nhiễm",
    "đề nghị xét hộ cận nghèo",
    "hỏi chế độ bảo hiểm y tế cho người cao tuổi",
)

# -- the commune's monthly briefing with the mass organisations (seed 003) ----------------
COMMUNE_BRIEFING_CONTENT = (
    "Thành phần: Thường trực Đảng ủy, Thường trực HĐND, lãnh đạo UBND, Ủy ban MTTQ và các "
    "đoàn thể (Đoàn Thanh niên, Hội Phụ nữ, Hội Nông dân, Hội Cựu chiến binh), bí thư "
    "{cells} chi bộ trực thuộc.\n"
    "Kiểm điểm việc thực hiện nhiệm vụ tháng {month}: từng ngành, lĩnh vực, từng chi bộ báo "
    "cáo ưu điểm, hạn chế và giải pháp; thống nhất nhiệm vụ trọng tâm tháng sau."
)

# -- 001: Thường Xuân, Hội nghị sơ kết quý 1/2022 (07/4/2022) ------------------------------
CONFERENCE_DAY = date(2022, 4, 7)
CONFERENCE_TITLE = "Hội nghị sơ kết quý 1, triển khai nhiệm vụ, công tác trọng tâm quý 2/2022"
CONFERENCE_PLACE = "Hội trường Đảng ủy thị trấn Thường Xuân"
CONFERENCE_AGENDA = "\n".join(
    (
        "Báo cáo tình hình công tác 3 tháng đầu năm 2022",
        "Đánh giá kết quả 34 nhiệm vụ công tác quý 1/2022",
        "Thảo luận, cho ý kiến vào 17 nhiệm vụ trọng tâm quý 2/2022",
        "Kết luận hội nghị",
    )
)
CONFERENCE_DOCUMENTS = "\n".join(
    (
        "Nghị quyết số 09-NQ/ĐU ngày 27/12/2021 của Ban Chấp hành Đảng bộ thị trấn về phương "
        "hướng, mục tiêu, nhiệm vụ năm 2022",
        "Nghị quyết số 15-NQ/ĐU ngày 15/3/2022 của Ban Chấp hành Đảng bộ thị trấn về điều "
        "chỉnh, bổ sung các chỉ tiêu, kế hoạch phát triển kinh tế, xã hội năm 2022",
        "Kế hoạch số 108-KH/HU ngày 06/4/2022 của Huyện ủy Thường Xuân về tổ chức đại hội "
        "chi bộ trực thuộc đảng bộ nhiệm kỳ 2022 – 2025",
        "Kế hoạch số 43-KH/ĐU ngày 14/3/2022 của Đảng ủy thị trấn về đại hội kiện toàn cấp "
        "ủy, chi bộ nhiệm kỳ 2022 – 2025",
        "Quy định số 37-QĐ/TW ngày 25/10/2021 về những điều đảng viên không được làm",
    )
)
CONFERENCE_OPENING = (
    "Thực hiện Chương trình công tác năm 2022, được sự thống nhất của Ban Thường vụ Đảng "
    "ủy ngày 07/4/2022, Đảng ủy thị trấn Thường Xuân tổ chức Hội nghị sơ kết quý 1/2022. "
    "Dự hội nghị có các đồng chí Ban Thường vụ Đảng ủy, Ban Chấp hành Đảng bộ thị trấn, "
    "Thường trực Đảng ủy - HĐND - UBND - MTTQ, trưởng, phó các ngành đoàn thể, cán bộ công "
    "chức, bí thư, phó bí thư chi bộ, trưởng, phó khu phố, đại diện lãnh đạo các cơ quan, "
    "trường học, trạm y tế thị trấn. Chủ trì hội nghị: đồng chí Lương Thị Thanh, Phó Bí "
    "thư Đảng ủy, Chủ tịch HĐND thị trấn, và đồng chí Hà Huy Hiền, Phó Bí thư Đảng ủy "
    "thị trấn."
)
CONFERENCE_CONTENT = (
    "Hội nghị nghe báo cáo tình hình công tác 3 tháng đầu năm 2022, đánh giá kết quả 34 "
    "nhiệm vụ công tác do cấp ủy, chính quyền, MTTQ và các đoàn thể xây dựng từ đầu năm "
    "cho quý 1/2022, thảo luận cho ý kiến vào 17 nhiệm vụ trọng tâm quý 2/2022. Cơ bản các "
    "chỉ tiêu Nghị quyết của Đảng ủy, HĐND thị trấn đề ra đều đạt và vượt kế hoạch quý 1.\n"
    "Hạn chế: triển khai nhiệm vụ năm 2022 ở một số cấp ủy, khu phố còn chậm; phòng, chống "
    "dịch COVID-19 ở một số khu phố chưa chặt chẽ; tình trạng chặt phá rừng trái phép tại "
    "khu phố Tiến Sơn 1 vẫn còn; thành lập HTX dịch vụ chăn nuôi cá lồng chậm; tích tụ đất "
    "đai sản xuất nông nghiệp công nghệ cao chậm; một số chi bộ chưa xây dựng quy chế hoạt "
    "động, chương trình công tác năm 2022."
)
CONFERENCE_CONCLUSION = (
    "Thay mặt Ban Thường vụ Đảng ủy thị trấn, đồng chí Hà Huy Hiền, Phó Bí thư Đảng ủy, "
    "kết luận hội nghị:\n"
    "1. Công tác xây dựng Đảng, hệ thống chính trị: rà soát, bổ sung quy hoạch cán bộ chủ "
    "chốt nhiệm kỳ 2020 – 2025 và 2025 – 2030, hoàn thành trong quý 2/2022; chỉ đạo các chi "
    "bộ tổ chức đại hội nhiệm kỳ 2022 – 2025 theo Kế hoạch số 108-KH/HU và Kế hoạch số "
    "43-KH/ĐU, hoàn thành trong tháng 5/2022; thực hiện tốt tiếp dân định kỳ theo Quy định "
    "11-QĐi/TW.\n"
    "2. Thường trực HĐND: giám sát việc thực hiện Nghị quyết của Đảng ủy, HĐND năm 2022; "
    "chuẩn bị kỳ họp thứ 4 HĐND thị trấn khóa II, nhiệm kỳ 2021 – 2026.\n"
    "3. UBND thị trấn: tích tụ 10 ha đất sản xuất nông nghiệp công nghệ cao theo chỉ tiêu "
    "huyện giao năm 2022; tiêm phòng cho đàn gia súc, gia cầm không quá 15 ngày mỗi đợt; "
    "chấm dứt chặt phá rừng tại khu phố Tiến Sơn 1; thành lập Tổ hội nghề nghiệp nuôi cá "
    "lồng Xuân Minh trong quý 2/2022.\n"
    "4. MTTQ và các tổ chức chính trị - xã hội: sơ kết quý 1, triển khai nhiệm vụ quý 2; "
    "tuyên truyền kỷ niệm 47 năm Ngày giải phóng miền Nam 30/4 và 132 năm Ngày sinh Chủ "
    "tịch Hồ Chí Minh 19/5.\n"
    "5. Cấp ủy, chi bộ trực thuộc: tổ chức đại hội chi bộ đúng kế hoạch; nâng cao chất "
    "lượng sinh hoạt chi bộ; thực hiện nghiêm Quy định số 37-QĐ/TW ngày 25/10/2021."
)
CONFERENCE_GUEST = (
    "Đỗ Thị Dung",
    "Chuyên viên Ban Tuyên giáo Huyện ủy, theo dõi Đảng bộ thị trấn theo Quy định số 86",
)
# The nine opinions, in the order given: (the speaker's cell suffix or "" for the
# commune's office cell, the role said before the name, the opinion).
CONFERENCE_OPINIONS: tuple[tuple[str, str, str], ...] = (
    (
        "01",
        "Bí thư Chi bộ khu phố Tiến Sơn 1",
        "Tình trạng chặt phá rừng trái phép trên địa bàn khu phố vẫn còn, có dấu hiệu gia "
        "tăng; đề nghị UBND thị trấn phối hợp kiểm lâm địa bàn tăng cường tuần tra, xử lý "
        "dứt điểm. Chi bộ cam kết tuyên truyền đến từng hộ dân.",
    ),
    (
        "04",
        "Bí thư Chi bộ khu phố Quang Trung",
        "Chi bộ đã xây dựng kế hoạch đại hội nhiệm kỳ 2022 – 2025 theo Kế hoạch số "
        "43-KH/ĐU; đề nghị Đảng ủy sớm hướng dẫn phương án nhân sự chi ủy để hoàn thành đại "
        "hội trong tháng 5/2022.",
    ),
    (
        "08",
        "Chủ tịch UBND thị trấn",
        "Làm rõ kết quả thực hiện chỉ tiêu kinh tế quý 1; tiến độ tích tụ đất đai sản xuất "
        "nông nghiệp công nghệ cao còn chậm so với chỉ tiêu 10 ha; UBND sẽ kêu gọi doanh "
        "nghiệp đầu tư và rà soát quỹ đất trong tháng 4/2022.",
    ),
    (
        "08",
        "Phó Chủ tịch HĐND thị trấn",
        "Thường trực HĐND xây dựng kế hoạch giám sát chuyên đề năm 2022 tại các khu phố, đơn "
        "vị; đề nghị UBND chuẩn bị báo cáo phục vụ kỳ họp thứ 4 HĐND thị trấn khóa II.",
    ),
    (
        "08",
        "Chủ tịch Ủy ban MTTQ thị trấn",
        "Mặt trận phối hợp HĐND tổ chức tiếp xúc cử tri, chuẩn bị hội nghị đối thoại giữa "
        "Chủ tịch UBND thị trấn với nhân dân; tiếp tục chương trình chung tay xây dựng đô thị "
        "văn minh - công dân thân thiện.",
    ),
    (
        "08",
        "Chủ tịch Hội Nông dân thị trấn",
        "Việc thành lập HTX dịch vụ chăn nuôi cá lồng còn chậm do các hộ chưa thống nhất góp "
        "vốn; đề nghị trước mắt thành lập Tổ hội nghề nghiệp nuôi cá lồng Xuân Minh trong quý "
        "2/2022.",
    ),
    (
        "08",
        "Bí thư Đoàn Thanh niên thị trấn",
        "Đoàn Thanh niên đang chuẩn bị văn kiện và nhân sự Đại hội đại biểu Đoàn thị trấn "
        "nhiệm kỳ 2022 – 2027, dự kiến tổ chức trong quý 2/2022; đề nghị Đảng ủy cho ý kiến về "
        "phương án nhân sự.",
    ),
    (
        "12",
        "Trưởng Trạm Y tế thị trấn",
        "Số ca dương tính với SARS-CoV-2 tăng sau Tết Nhâm Dần; còn người chưa tiêm đủ mũi vắc "
        "xin; trạm y tế sẽ phối hợp các khu phố rà soát, tiêm vắc xin cho trẻ em từ 5 đến 12 "
        "tuổi theo kế hoạch của huyện.",
    ),
    (
        "13",
        "Trưởng Công an thị trấn",
        "Tình hình an ninh trật tự quý 1 cơ bản ổn định; công an thị trấn triển khai Đề án 06 "
        "về cập nhật dữ liệu dân cư, tăng cường tuần tra, quản lý ngành nghề kinh doanh có "
        "điều kiện và phòng cháy, chữa cháy.",
    ),
)
# What the conclusion gives each body, with its deadline (rõ người, rõ việc, rõ thời gian).
CONFERENCE_RESOLUTIONS: tuple[tuple[str, str, date], ...] = (
    (
        "Tổ chức đại hội chi bộ nhiệm kỳ 2022 – 2025 theo Kế hoạch số 108-KH/HU ngày "
        "06/4/2022 và Kế hoạch số 43-KH/ĐU ngày 14/3/2022",
        "Cấp ủy các chi bộ trực thuộc",
        date(2022, 5, 31),
    ),
    (
        "Rà soát, bổ sung quy hoạch cán bộ lãnh đạo chủ chốt nhiệm kỳ 2020 – 2025 và 2025 – "
        "2030, báo cáo Ban Tổ chức Huyện ủy",
        "Ban Thường vụ Đảng ủy",
        date(2022, 6, 30),
    ),
    (
        "Tổ chức Đại hội đại biểu Đoàn Thanh niên Cộng sản Hồ Chí Minh thị trấn nhiệm kỳ "
        "2022 – 2027",
        "Ban Chấp hành Đoàn Thanh niên thị trấn",
        date(2022, 6, 30),
    ),
    (
        "Tổ chức Hội nghị cán bộ, công chức, người lao động năm 2022; kiện toàn Ban thanh tra "
        "nhân dân",
        "Ban Chấp hành Công đoàn cơ quan, UBND thị trấn",
        date(2022, 4, 30),
    ),
    (
        "Hoàn thành rà soát các loại đất tại các khu phố, cơ quan; tổng hợp báo cáo Ban "
        "Thường vụ Đảng ủy",
        "Tổ rà soát đất đai thị trấn",
        date(2022, 4, 30),
    ),
    (
        "Thành lập Tổ hội nghề nghiệp nuôi cá lồng Xuân Minh",
        "UBND thị trấn, Hội Nông dân thị trấn",
        date(2022, 6, 30),
    ),
    (
        "Tiêm phòng đợt 1 cho đàn gia súc, gia cầm năm 2022, mỗi đợt không quá 15 ngày",
        "UBND thị trấn, ban quản lý các khu phố",
        date(2022, 6, 30),
    ),
    (
        "Tích tụ 10 ha đất sản xuất nông nghiệp công nghệ cao theo chỉ tiêu huyện giao",
        "UBND thị trấn",
        date(2022, 12, 31),
    ),
)
