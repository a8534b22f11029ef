"""The documents seed 001 names, as Thường Xuân's registry holds them (words only).

Outgoing: the town's own resolutions 09-NQ/ĐU (27/12/2021) and 15-NQ/ĐU (15/3/2022)
and its plan 43-KH/ĐU (14/3/2022), numbered in the 2020–2025 term of its
executive committee — so the next resolution of the term is 16. Incoming: the
district's plan 108-KH/HU (06/4/2022) and the two rules from the centre the
conclusion of the review cites, 37-QĐ/TW and 11-QĐi/TW.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class DocumentText:
    """One document of the demo registry; ``received_on`` only for an incoming one."""

    kind: str
    type_code: str
    number: int
    issuer_code: str
    issued_on: date
    summary: str
    body: str
    signer_name: str = ""  # "" for the town's own: its Bí thư or a Phó Bí thư, found by role
    signer_title: str = ""
    signer: str = ""  # for the town's own: "secretary" or a deputy's full name
    recipients: str = ""
    issuer_name: str = ""
    place: str = ""
    received_on: date | None = None

    @property
    def code(self) -> str:
        return f"{self.number:02d}-{self.type_code}/{self.issuer_code}"


TOWN_RECIPIENTS = "\n".join(
    (
        "Thường trực Huyện ủy Thường Xuân (để báo cáo),",
        "Ban Tổ chức, Ban Tuyên giáo Huyện ủy,",
        "Các đồng chí Ủy viên Ban Chấp hành Đảng bộ,",
        "HĐND, UBND, Ủy ban MTTQ và các đoàn thể thị trấn,",
        "Các chi bộ trực thuộc,",
        "Lưu Văn phòng Đảng ủy.",
    )
)

OUTGOING: tuple[DocumentText, ...] = (
    DocumentText(
        kind="resolution",
        type_code="NQ",
        number=9,
        issuer_code="ĐU",
        issued_on=date(2021, 12, 27),
        summary="về phương hướng, mục tiêu, nhiệm vụ năm 2022",
        signer="secretary",
        signer_title="Bí thư",
        recipients=TOWN_RECIPIENTS,
        body="\n".join(
            (
                "Căn cứ Điều lệ Đảng Cộng sản Việt Nam; Căn cứ Quy chế làm việc của Ban "
                "Chấp hành Đảng bộ thị trấn Thường Xuân nhiệm kỳ 2020 – 2025;",
                "Hội nghị Ban Chấp hành Đảng bộ thị trấn ngày 27/12/2021 đã thảo luận, đánh giá "
                "kết quả thực hiện nhiệm vụ năm 2021 và thống nhất phương hướng, mục tiêu, "
                "nhiệm vụ năm 2022.",
                "I. MỤC TIÊU CHUNG",
                "Tiếp tục xây dựng Đảng bộ, hệ thống chính trị trong sạch, vững mạnh; thích ứng "
                "an toàn, linh hoạt, kiểm soát hiệu quả dịch COVID-19; phát triển kinh tế, xã "
                "hội nhanh, bền vững; giữ vững quốc phòng, an ninh.",
                "II. CÁC CHỈ TIÊU CHỦ YẾU",
                "1. Tổng giá trị sản xuất tăng 9% trở lên; thu nhập bình quân đầu người đạt 48 "
                "triệu đồng/năm; tỷ lệ hộ nghèo giảm còn dưới 3,5%.",
                "2. Tỷ lệ đảng viên dự sinh hoạt chi bộ đạt 90% trở lên; kết nạp 05 đảng viên "
                "mới; 100% chi bộ xây dựng quy chế làm việc, chương trình công tác năm.",
                "III. NHIỆM VỤ, GIẢI PHÁP",
                "Lãnh đạo thực hiện chương trình công tác từng quý, phân công rõ người, rõ việc, "
                "rõ thời gian; các đồng chí Ủy viên Ban Chấp hành phụ trách chi bộ, đơn vị "
                "thường xuyên nắm tình hình cơ sở.",
                "IV. TỔ CHỨC THỰC HIỆN",
                "Ban Thường vụ Đảng ủy xây dựng chương trình công tác quý 1/2022; HĐND, UBND, "
                "MTTQ, các đoàn thể và các chi bộ cụ thể hóa thành kế hoạch của đơn vị mình.",
            )
        ),
    ),
    DocumentText(
        kind="plan",
        type_code="KH",
        number=43,
        issuer_code="ĐU",
        issued_on=date(2022, 3, 14),
        summary="về Đại hội kiện toàn cấp ủy, chi bộ nhiệm kỳ 2022 – 2025",
        signer="Hà Huy Hiền",
        signer_title="Phó Bí thư",
        recipients=TOWN_RECIPIENTS,
        body="\n".join(
            (
                "I. MỤC ĐÍCH, YÊU CẦU",
                "Tổ chức thành công đại hội các chi bộ trực thuộc nhiệm kỳ 2022 – 2025, kiện "
                "toàn chi ủy, bí thư, phó bí thư đủ số lượng, bảo đảm chất lượng, đúng Điều lệ "
                "Đảng.",
                "II. NỘI DUNG",
                "Chi ủy chuẩn bị báo cáo chính trị, báo cáo kiểm điểm và phương án nhân sự; Ban "
                "Thường vụ Đảng ủy phân công đồng chí Ủy viên Ban Chấp hành dự, chỉ đạo đại hội "
                "từng chi bộ.",
                "III. THỜI GIAN",
                "Đại hội các chi bộ hoàn thành trong tháng 5/2022.",
                "IV. TỔ CHỨC THỰC HIỆN",
                "Văn phòng Đảng ủy theo dõi, tổng hợp; các chi bộ báo cáo kết quả về Đảng ủy "
                "chậm nhất 03 ngày sau đại hội.",
            )
        ),
    ),
    DocumentText(
        kind="resolution",
        type_code="NQ",
        number=15,
        issuer_code="ĐU",
        issued_on=date(2022, 3, 15),
        summary=(
            "về điều chỉnh, bổ sung các chỉ tiêu, kế hoạch phát triển kinh tế, xã hội năm 2022"
        ),
        signer="secretary",
        signer_title="Bí thư",
        recipients=TOWN_RECIPIENTS,
        body="\n".join(
            (
                "Căn cứ Nghị quyết số 09-NQ/ĐU ngày 27/12/2021 của Ban Chấp hành Đảng bộ thị "
                "trấn về phương hướng, mục tiêu, nhiệm vụ năm 2022 và chỉ tiêu kế hoạch năm "
                "2022 Ủy ban nhân dân huyện giao,",
                "BAN CHẤP HÀNH ĐẢNG BỘ QUYẾT NGHỊ:",
                "1. Bổ sung chỉ tiêu tích tụ đất đai phát triển sản xuất nông nghiệp công nghệ "
                "cao (nhà màn, nhà lưới): 10 ha trong năm 2022.",
                "2. Tiêm phòng cho đàn gia súc, gia cầm hai đợt trong năm, mỗi đợt không kéo "
                "dài quá 15 ngày.",
                "3. Thành lập Hợp tác xã dịch vụ chăn nuôi cá lồng thị trấn.",
                "4. Các chỉ tiêu khác giữ như Nghị quyết số 09-NQ/ĐU.",
                "Ủy ban nhân dân thị trấn cụ thể hóa thành kế hoạch; Thường trực HĐND giám sát "
                "việc thực hiện.",
            )
        ),
    ),
)

INCOMING: tuple[DocumentText, ...] = (
    DocumentText(
        kind="plan",
        type_code="KH",
        number=108,
        issuer_code="HU",
        issuer_name="Huyện ủy Thường Xuân",
        issued_on=date(2022, 4, 6),
        received_on=date(2022, 4, 6),
        place="Thường Xuân",
        summary="về tổ chức đại hội chi bộ trực thuộc đảng bộ cơ sở nhiệm kỳ 2022 – 2025",
        body=(
            "Các đảng bộ cơ sở lãnh đạo, chỉ đạo các chi bộ trực thuộc tổ chức đại hội nhiệm "
            "kỳ 2022 – 2025 theo Điều lệ Đảng, hoàn thành trong tháng 5/2022; báo cáo kết quả "
            "về Ban Tổ chức Huyện ủy."
        ),
    ),
    DocumentText(
        kind="regulation",
        type_code="QĐ",
        number=37,
        issuer_code="TW",
        issuer_name="Ban Chấp hành Trung ương Đảng",
        issued_on=date(2021, 10, 25),
        received_on=date(2021, 11, 8),
        place="Hà Nội",
        summary="về những điều đảng viên không được làm",
        signer_name="Nguyễn Phú Trọng",
        signer_title="Tổng Bí thư",
        body=(
            "Quy định 19 điều đảng viên không được làm; áp dụng đối với tổ chức đảng và đảng "
            "viên trong toàn Đảng."
        ),
    ),
    DocumentText(
        kind="regulation",
        type_code="QĐi",
        number=11,
        issuer_code="TW",
        issuer_name="Bộ Chính trị",
        issued_on=date(2019, 2, 18),
        received_on=date(2019, 3, 4),
        place="Hà Nội",
        summary=(
            "về trách nhiệm của người đứng đầu cấp ủy trong việc tiếp dân, đối thoại trực tiếp "
            "với dân và xử lý những phản ánh, kiến nghị của dân"
        ),
        signer_name="Trần Quốc Vượng",
        signer_title="Thường trực Ban Bí thư",
        body=(
            "Người đứng đầu cấp ủy tiếp dân định kỳ ít nhất 01 ngày trong tháng (cấp cơ sở), "
            "đối thoại trực tiếp với dân và chỉ đạo xử lý những phản ánh, kiến nghị của dân."
        ),
    ),
)
