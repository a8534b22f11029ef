"""The minutes as Word: the official layout, the computed attendance, correct Vietnamese."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date, time

import pytest
from django.test import Client
from django.urls import reverse
from docx import Document

from dangvu.meetings import services
from dangvu.meetings.documents import percent
from dangvu.meetings.models import Meeting
from tests.fixtures.cast import Cast
from tests.generic import Endpoint, check_endpoint
from tests.meetings.helpers import held, meeting

Login = Callable[[str], Client]
DAY = date(2024, 2, 5)


def _texts(content: bytes) -> list[str]:
    document = Document(io.BytesIO(content))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for cell in table._cells:
            texts.extend(p.text for p in cell.paragraphs)
    return texts


def _minutes(cast: Cast) -> Meeting:
    done = held(
        cast,
        DAY,
        {"Nguyễn Văn An": "present", "Trần Thị Bích": "present", "Lê Văn Cường": "excused"},
        start_time=time(19, 30),
        place="Nhà văn hóa thôn Đông",
        chair=cast.member("Trần Thị Bích"),
        secretary=cast.member("Nguyễn Văn An"),
        agenda="Kiểm điểm công tác tháng 01\nTriển khai nhiệm vụ tháng 02",
        conclusion="Chi bộ thống nhất triển khai các nhiệm vụ; đồng chí Bí thư kết luận.",
    )
    alice = cast.user("alice")
    services.add_guest(alice, done, kind="superior", name="Hoàng Văn Hải", role="Đảng ủy viên")
    services.add_opinion(alice, done, speaker_name="Nguyễn Văn An", text="Đề nghị sửa đường.")
    services.add_resolution(
        alice, done, text="Sửa đường liên thôn", owner_name="Chi ủy", due_on=date(2024, 3, 31)
    )
    return done


def _download(login: Login, done: Meeting) -> list[str]:
    response = login("alice").get(reverse("meetings:minutes_docx", args=[done.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment; filename=")
    return _texts(response.content)


@pytest.mark.parametrize(("rate", "text"), [(None, "—"), (0.889, "88,9%"), (1.0, "100,0%")])
def test_it_writes_a_rate_the_vietnamese_way(rate: float | None, text: str) -> None:
    assert percent(rate) == text


def test_it_scopes_the_download(cast: Cast, login: Login) -> None:
    done = _minutes(cast)
    url = reverse("meetings:minutes_docx", args=[done.pk])
    check_endpoint(Endpoint("minutes_docx", lambda c: url), cast, login)


def test_it_writes_the_header_blocks_of_the_official_layout(cast: Cast, login: Login) -> None:
    texts = _download(login, _minutes(cast))
    assert "ĐẢNG ỦY XÃ HÒA AN" in texts and "CHI BỘ THÔN ĐÔNG" in texts
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in texts
    assert "Hòa An, ngày 05 tháng 02 năm 2024" in texts
    assert "BIÊN BẢN" in texts
    assert "Sinh hoạt chi bộ thường kỳ tháng 2/2024" in texts


def test_it_writes_the_computed_attendance_with_names(cast: Cast, login: Login) -> None:
    texts = _download(login, _minutes(cast))
    assert "Thời gian: 19 giờ 30, ngày 05/02/2024." in texts
    assert "Tổng số đảng viên phải dự: 3 đồng chí." in texts
    assert "Có mặt: 2 đồng chí." in texts
    assert "Vắng có lý do: 1 đồng chí: Lê Văn Cường (Ốm)." in texts
    assert "Vắng không lý do: 0 đồng chí." in texts
    assert "Tỷ lệ đảng viên tham gia sinh hoạt: 66,7%." in texts
    assert "Khách mời: Hoàng Văn Hải (Đảng ủy viên)." in texts


def test_it_writes_the_content_opinions_conclusion_and_resolutions(
    cast: Cast, login: Login
) -> None:
    texts = _download(login, _minutes(cast))
    assert "- Triển khai nhiệm vụ tháng 02" in texts
    assert "1. Nguyễn Văn An: Đề nghị sửa đường." in texts
    assert "Chi bộ thống nhất triển khai các nhiệm vụ; đồng chí Bí thư kết luận." in texts
    assert "1. Sửa đường liên thôn — Thực hiện: Chi ủy; thời hạn: 31/03/2024." in texts


def test_it_ends_with_the_signatures_of_secretary_and_chair(cast: Cast, login: Login) -> None:
    texts = _download(login, _minutes(cast))
    assert "THƯ KÝ" in texts and "CHỦ TRÌ" in texts
    assert texts.index("THƯ KÝ") < texts.index("Nguyễn Văn An", texts.index("THƯ KÝ"))
    assert "Trần Thị Bích" in texts[texts.index("CHỦ TRÌ") :]


def test_it_says_when_attendance_is_not_taken_yet(cast: Cast, login: Login) -> None:
    texts = _download(login, meeting(cast, DAY))
    assert "Thành phần: chưa điểm danh." in texts


def test_it_sets_a4_and_times_new_roman(cast: Cast, login: Login) -> None:
    done = _minutes(cast)
    content = login("alice").get(reverse("meetings:minutes_docx", args=[done.pk])).content
    document = Document(io.BytesIO(content))
    section = document.sections[0]
    assert (round(section.page_width.cm), round(section.page_height.cm, 1)) == (21, 29.7)
    assert round(section.left_margin.cm, 1) == 3.0
    assert document.styles["Normal"].font.name == "Times New Roman"


def test_it_writes_a_committee_meeting_under_the_committee_above(cast: Cast, login: Login) -> None:
    briefing = meeting(cast, DAY, cell="XA", kind="briefing")
    services.add_guest(cast.user("alice"), briefing, kind="superior", name="Lê Văn Cường")
    texts = _download(login, briefing)
    assert "HUYỆN ỦY THỬ NGHIỆM" in texts and "ĐẢNG ỦY XÃ HÒA AN" in texts
    assert "Hòa An, ngày 05 tháng 02 năm 2024" in texts
    assert "Thành phần dự: Lê Văn Cường." in texts
    assert not any(t.startswith("Thành phần: chưa điểm danh") for t in texts)
