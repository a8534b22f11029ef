"""The words of the demo's congress documents (``congresses.py`` fills them in).

A political report, a personnel plan and a resolution for each cell congress
held, as a cell's office would type them: short, in the usual order of such
documents, with the figures of the cell computed from its records.
"""

from __future__ import annotations

from datetime import date

TERM_TEXT = "2022–2025"
PREVIOUS_TERM_TEXT = "2020–2022"

# What a cell leads, by its kind (the "work" of the political report).
WORK_BY_KIND = {
    "residential": (
        "nhân dân trong khu dân cư thực hiện tốt các tiêu chí nông thôn mới, giữ gìn an ninh "
        "trật tự, vệ sinh môi trường; các đoàn thể hoạt động đều, tham gia tích cực các phong trào"
    ),
    "agency": (
        "cán bộ, công chức hoàn thành tốt nhiệm vụ chuyên môn, đẩy mạnh cải cách hành chính, "
        "giải quyết kịp thời các thủ tục cho nhân dân"
    ),
    "school": (
        "tập thể nhà trường nâng cao chất lượng dạy và học, giữ vững danh hiệu tập thể lao động "
        "tiên tiến, chăm lo cơ sở vật chất cho học sinh"
    ),
    "police": "lực lượng công an giữ vững an ninh chính trị, trật tự an toàn xã hội trên địa bàn",
    "military": "lực lượng dân quân hoàn thành công tác tuyển quân, huấn luyện, trực sẵn sàng",
}
GOAL_BY_KIND = {
    "residential": "giữ vững và nâng cao chất lượng các tiêu chí nông thôn mới, khu dân cư văn hóa",
    "agency": "hoàn thành xuất sắc nhiệm vụ chuyên môn, không có cán bộ vi phạm kỷ luật",
    "school": "100% giáo viên đạt chuẩn, tỷ lệ học sinh hoàn thành chương trình trên 98%",
    "police": "không để xảy ra điểm nóng về an ninh trật tự",
    "military": "hoàn thành 100% chỉ tiêu tuyển quân và huấn luyện hằng năm",
}


def political_report(cell: str, kind: str, members: int, full: int, exempt: int) -> str:
    exempt_text = f", {exempt} đồng chí được miễn sinh hoạt" if exempt else ""
    return (
        f"BÁO CÁO CHÍNH TRỊ của Chi ủy {cell} trình Đại hội Chi bộ nhiệm kỳ {TERM_TEXT}\n\n"
        f"I. Kết quả thực hiện Nghị quyết Đại hội Chi bộ nhiệm kỳ {PREVIOUS_TERM_TEXT}\n"
        f"Chi bộ có {members} đảng viên ({full} đảng viên chính thức{exempt_text}). Chi bộ "
        "duy trì sinh hoạt thường kỳ hằng tháng và sinh hoạt chuyên đề theo hướng dẫn của Đảng "
        f"ủy; lãnh đạo {WORK_BY_KIND.get(kind, WORK_BY_KIND['agency'])}. Hằng năm chi bộ được "
        "đánh giá hoàn thành tốt nhiệm vụ trở lên.\n"
        "Hạn chế: nội dung sinh hoạt có lúc chưa phong phú; việc phát hiện, bồi dưỡng quần "
        "chúng ưu tú còn chậm.\n\n"
        f"II. Phương hướng, mục tiêu, nhiệm vụ nhiệm kỳ {TERM_TEXT}\n"
        "Nâng cao chất lượng sinh hoạt chi bộ, phát huy vai trò tiên phong, gương mẫu của đảng "
        f"viên; {GOAL_BY_KIND.get(kind, GOAL_BY_KIND['agency'])}; hằng năm chi bộ hoàn thành tốt "
        "nhiệm vụ trở lên."
    )


def personnel_plan(cell: str, committee: list[str], secretary: str, deputy: str) -> str:
    if len(committee) > 1:
        seats = (
            "Số lượng chi ủy viên: 03 đồng chí; bí thư, phó bí thư do đại hội bầu trong số "
            "chi ủy viên trúng cử.\n"
            f"Danh sách giới thiệu bầu Chi ủy ({len(committee):02d} đồng chí): "
            + ", ".join(committee)
            + f".\nDự kiến Bí thư: đồng chí {secretary}; Phó Bí thư: đồng chí {deputy}."
        )
    else:
        seats = (
            "Chi bộ có dưới 9 đảng viên chính thức nên không bầu chi ủy; đại hội bầu bí thư chi "
            f"bộ.\nGiới thiệu bầu Bí thư Chi bộ: đồng chí {secretary}."
        )
    return f"ĐỀ ÁN NHÂN SỰ {cell.upper()} NHIỆM KỲ {TERM_TEXT}\n\n{seats}"


def resolution(
    cell: str,
    kind: str,
    day: date,
    present: int,
    convened: int,
    results: list[str],
) -> str:
    lines = "\n".join(f"- {line}" for line in results)
    return (
        f"NGHỊ QUYẾT Đại hội {cell} nhiệm kỳ {TERM_TEXT}\n\n"
        f"Đại hội họp ngày {day:%d/%m/%Y}, có {present}/{convened} đảng viên chính thức được "
        "triệu tập có mặt.\n"
        "1. Thông qua Báo cáo chính trị của Chi ủy nhiệm kỳ trước và phương hướng, nhiệm vụ nhiệm "
        f"kỳ {TERM_TEXT}.\n"
        f"2. Kết quả bầu cử:\n{lines}\n"
        "3. Chỉ tiêu nhiệm kỳ: hằng năm 100% đảng viên được kiểm điểm, đánh giá, xếp loại chất "
        "lượng, trên 90% hoàn thành tốt nhiệm vụ trở lên; chi bộ hoàn thành tốt nhiệm vụ trở "
        f"lên; {GOAL_BY_KIND.get(kind, GOAL_BY_KIND['agency'])}.\n"
        "4. Giao Chi ủy xây dựng chương trình hành động thực hiện Nghị quyết."
    )


EXCUSED_REASONS = (
    "Ốm, đang điều trị tại bệnh viện; có đơn xin vắng, được đại hội chấp nhận",
    "Đi công tác theo quyết định của cơ quan; có đơn xin vắng, được đại hội chấp nhận",
    "Có việc gia đình đột xuất; có đơn xin vắng, được đại hội chấp nhận",
)
