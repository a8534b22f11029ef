"""The Word draft of a review report: the official header, the figures in a sentence, tables."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.test import Client
from docx import Document as WordDocument

from dangvu.organizations.models import Agency
from dangvu.organizations.services import appoint_position, create_committee
from dangvu.programs import services, services_reviews
from dangvu.programs.models import Programme, Review, Task
from dangvu.programs.review_report import review_docx, review_filename, signer
from tests.fixtures.cast import Cast

pytestmark = pytest.mark.django_db
Login = Callable[[str], Client]
SENTENCE = (
    "Hội nghị đã đánh giá kết quả 06 nhiệm vụ công tác quý 1/2022: hoàn thành 03 (trong đó "
    "đúng hạn 02, chậm 01), không hoàn thành 01, chuyển kỳ sau 01, chưa hoàn thành 01 (quá hạn "
    "01); thảo luận cho ý kiến vào 03 nhiệm vụ trọng tâm quý 2/2022; Hội nghị đã có 09 ý kiến."
)


def _add(cast: Cast, programme: Programme, title: str, **fields: Any) -> Task:
    values: dict[str, Any] = {"deadline": "31/3/2022", "owner_org": cast.org("XA"), **fields}
    return services.add_task(cast.user("alice"), programme, title=title, **values)


def _quarter_two(cast: Cast) -> Programme:
    following = services.create_programme(
        cast.user("alice"), organization=cast.org("XA"), period="2022-Q2"
    )
    for title, deadline in (
        ("Tổ chức đại hội chi bộ", "tháng 4/2022"),
        ("Kết nạp đảng viên mới", "quý 2/2022"),
        ("Dồn điền đổi thửa 10 ha", "30/6/2022"),
    ):
        _add(cast, following, title, deadline=deadline, is_key=True)
    return following


@pytest.fixture
def review(cast: Cast, programme_q1: Programme, agency_ubnd: Agency) -> Review:
    """Six tasks of quý 1/2022 with known outcomes, reviewed on 07/4/2022 with 09 opinions."""
    alice = cast.user("alice")
    on_time = _add(cast, programme_q1, "Xây dựng kế hoạch kiểm tra", is_key=True)
    services.complete_task(alice, on_time, completed_on=date(2022, 3, 10))
    cell = _add(cast, programme_q1, "Sinh hoạt chuyên đề", owner_org=cast.org("XA-DONG"))
    services.complete_task(alice, cell, completed_on=date(2022, 3, 31))
    late = _add(
        cast,
        programme_q1,
        "Thu ngân sách",
        deadline="tháng 2/2022",
        owner_org=None,
        owner_agency=agency_ubnd,
    )
    services.complete_task(alice, late, completed_on=date(2022, 3, 5))
    failed = _add(cast, programme_q1, "Sửa nhà văn hóa")
    services.mark_not_done(alice, failed, result_note="Thiếu kinh phí")
    moved = _add(cast, programme_q1, "Làm đường giao thông nông thôn")
    following = _quarter_two(cast)
    services.carry_over(alice, moved, to_programme=following, deadline="tháng 5/2022")
    parent = _add(cast, programme_q1, "Chuyển đổi số", responsible=cast.member("Nguyễn Văn An"))
    child = _add(cast, programme_q1, "Cập nhật phần mềm", parent=parent)
    services.report_progress(alice, child, progress=60)
    opened = services_reviews.open_review(
        alice, programme_q1, held_on=date(2022, 4, 7), next_programme=following, opinions_count=9
    )
    for kind, text in (
        ("achievement", "Công tác kiểm tra được quan tâm."),
        ("shortcoming", "Một số nhiệm vụ còn chậm."),
        ("cause", "Kinh phí hạn hẹp."),
    ):
        services_reviews.add_review_note(alice, opened, kind=kind, text=text)
    return opened


def _open(content: bytes) -> Any:
    return WordDocument(io.BytesIO(content))


def _paragraphs(word: Any) -> list[str]:
    return [p.text for p in word.paragraphs]


def _header(word: Any) -> list[str]:
    return [p.text for cell in word.tables[0]._cells for p in cell.paragraphs]


def test_it_writes_the_official_header(review: Review) -> None:
    header = _header(_open(review_docx(review)))
    assert header[1:4] == ["HUYỆN ỦY THỬ NGHIỆM", "ĐẢNG ỦY XÃ HÒA AN", "*"]
    number = header[4]
    assert number.startswith("Số ") and number.endswith("-BC/ĐU") and number[3:-6].strip() == ""
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in header
    assert "Hòa An, ngày 07 tháng 4 năm 2022" in header


def test_it_titles_the_report_with_both_periods(review: Review) -> None:
    paragraphs = _paragraphs(_open(review_docx(review)))
    title = paragraphs.index("BÁO CÁO")
    assert paragraphs[title + 1] == (
        "Sơ kết công tác quý 1/2022, phương hướng, nhiệm vụ quý 2/2022"
    )


def test_it_writes_the_figures_in_a_sentence(review: Review) -> None:
    assert SENTENCE in _paragraphs(_open(review_docx(review)))


def test_it_writes_the_notes_under_their_headings(review: Review) -> None:
    paragraphs = _paragraphs(_open(review_docx(review)))
    shortcomings = paragraphs.index("3. Hạn chế, yếu kém")
    assert paragraphs[shortcomings + 1] == "- Một số nhiệm vụ còn chậm."
    assert paragraphs[paragraphs.index("4. Nguyên nhân") + 1] == "- Kinh phí hạn hẹp."


def test_it_tables_the_tasks_with_their_results(review: Review) -> None:
    tasks = _open(review_docx(review)).tables[1]
    rows = [[cell.text for cell in row.cells] for row in tasks.rows]
    assert rows[0] == [
        "STT",
        "Nhiệm vụ",
        "Chủ trì",
        "Người chịu trách nhiệm",
        "Thời hạn",
        "Kết quả",
    ]
    assert len(rows) == 1 + 7  # six tasks and one sub-task
    assert rows[3][1:3] == ["Thu ngân sách", "Ủy ban nhân dân xã Hòa An"]
    assert rows[3][4:] == ["trong tháng 2/2022", "Hoàn thành chậm (05/3/2022)"]
    assert rows[6][0] == "6" and rows[7][0] == "6.1"
    assert rows[6][3] == "Nguyễn Văn An"
    assert rows[6][5] == "Đang thực hiện, đạt 60%, quá hạn"


def test_it_tables_the_bodies_and_the_next_key_tasks(review: Review) -> None:
    word = _open(review_docx(review))
    bodies = [[cell.text for cell in row.cells] for row in word.tables[2].rows]
    assert bodies[1][1:] == ["Chi bộ thôn Đông", "1", "1", "0", "0", "0", "0", "0"]
    assert bodies[2][1:] == ["Đảng bộ xã Hòa An", "4", "1", "0", "1", "1", "1", "1"]
    key = [[cell.text for cell in row.cells] for row in word.tables[3].rows]
    assert key[0] == ["STT", "Nhiệm vụ", "Chủ trì", "Thời hạn"]
    assert key[1] == ["1", "Tổ chức đại hội chi bộ", "Đảng bộ xã Hòa An", "trong tháng 4/2022"]
    assert len(key) == 4  # the carried-over task is not a key task


def test_it_signs_for_the_committee_and_lists_the_recipients(review: Review) -> None:
    signature = _open(review_docx(review)).tables[-1]
    left, right = ([p.text for p in cell.paragraphs] for cell in signature.rows[0].cells)
    assert right[1:3] == ["T/M ĐẢNG ỦY", "BÍ THƯ"]
    assert left[1] == "Nơi nhận:"
    assert "- Huyện ủy Thử Nghiệm (để báo cáo)," in left


def test_it_signs_as_the_chair_s_position(cast: Cast) -> None:
    committee = create_committee(
        cast.org("XA"), actor=None, body="executive", term_start=2020, term_end=2025
    )
    appoint_position(committee, cast.member("Trần Thị Bích"), actor=None, role="secretary")
    appoint_position(committee, cast.member("Nguyễn Văn An"), actor=None, role="deputy_secretary")
    chair = cast.member("Nguyễn Văn An")
    assert signer(cast.org("XA"), chair, date(2022, 4, 7)) == ("PHÓ BÍ THƯ", "Nguyễn Văn An")
    assert signer(cast.org("XA"), None, date(2022, 4, 7)) == ("BÍ THƯ", "Trần Thị Bích")


def test_it_keeps_the_frozen_figures_after_closing(cast: Cast, review: Review) -> None:
    services_reviews.close_review(cast.user("alice"), review, closed_on=date(2022, 4, 8))
    still_open = Task.objects.get(title="Cập nhật phần mềm")
    services.complete_task(cast.user("alice"), still_open, completed_on=date(2022, 4, 20))
    review.refresh_from_db()
    assert SENTENCE in _paragraphs(_open(review_docx(review)))


def test_it_names_the_file_by_the_period(review: Review) -> None:
    assert review_filename(review) == "so-ket-quy-1-2022.docx"


def test_it_downloads_the_draft_through_the_api(login: Login, review: Review) -> None:
    response = login("alice").get(f"/api/v1/reviews/{review.pk}/docx/")
    assert response.status_code == 200
    assert 'filename="so-ket-quy-1-2022.docx"' in response["Content-Disposition"]
    assert SENTENCE in _paragraphs(_open(response.content))


def test_it_writes_a_cell_s_report_signed_by_its_secretary(cast: Cast) -> None:
    bob = cast.user("bob")
    cell = services.create_programme(bob, organization=cast.org("XA-DONG"), period="2022-Q2")
    services.add_task(
        bob, cell, title="Họp chi bộ", deadline="tháng 6/2022", owner_org=cell.organization
    )
    review = services_reviews.open_review(bob, cell, held_on=date(2022, 7, 5))
    word = _open(review_docx(review))
    header = _header(word)
    assert header[2] == "CHI BỘ THÔN ĐÔNG" and header[4].endswith("-BC/CB")
    assert "Hòa An, ngày 05 tháng 7 năm 2022" in header
    right = [p.text for p in word.tables[-1].rows[0].cells[1].paragraphs]
    assert right[1:3] == ["T/M CHI ỦY", "BÍ THƯ"] and right[-1] == "Trần Thị Bích"


def test_it_titles_a_year_s_review_tong_ket(cast: Cast) -> None:
    alice = cast.user("alice")
    year = services.create_programme(alice, organization=cast.org("XA"), period="2022")
    review = services_reviews.open_review(alice, year, held_on=date(2022, 12, 20))
    paragraphs = _paragraphs(_open(review_docx(review)))
    assert "Tổng kết công tác năm 2022, phương hướng, nhiệm vụ năm 2023" in paragraphs
    assert review_filename(review) == "tong-ket-nam-2022.docx"


def test_it_writes_a_note_with_control_characters(cast: Cast, review: Review, login: Login) -> None:
    # A control character typed or pasted into a note made python-docx refuse the
    # whole draft: 500 (found by the schema fuzzing). Word cannot hold it: left out.
    services_reviews.add_review_note(
        cast.user("alice"), review, kind="shortcoming", text="Chậm\x01 tiến\x0b độ\x1f."
    )
    response = login("alice").get(f"/api/v1/reviews/{review.pk}/docx/")
    assert response.status_code == 200
    assert "- Chậm tiến độ." in _paragraphs(_open(response.content))
