"""Thường Xuân's programmes of 2022, their review and the documents of seed 001 in the demo."""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from docx import Document as WordDocument

from dangvu.accounts.models import User
from dangvu.accounts.services import grant_role
from dangvu.core.deadlines import collect
from dangvu.core.demo import DemoResult
from dangvu.core.demo.programs import TOWN_CODE, build_programs
from dangvu.core.demo.programs_current import build_current_programme
from dangvu.documents.models import Document
from dangvu.meetings.choices import Kind
from dangvu.organizations.models import Organization
from dangvu.programs import review_report
from dangvu.programs.models import Programme, Review, Target, Task

Login = Callable[[str], Client]


def town() -> Organization:
    return Organization.objects.get(code=TOWN_CODE)


def programme(quarter: int) -> Programme:
    return Programme.objects.get(organization=town(), year=2022, period_number=quarter)


def docx_text(content: bytes) -> str:
    word = WordDocument(io.BytesIO(content))
    cells = [p.text for t in word.tables for c in t._cells for p in c.paragraphs]
    return "\n".join([p.text for p in word.paragraphs] + cells)


def test_it_gives_the_first_quarter_34_tasks_with_their_outcomes(demo: DemoResult) -> None:
    tasks = programme(1).tasks.filter(parent=None)
    assert tasks.count() == 34
    assert Counter(tasks.values_list("status", flat=True)) == {
        "done": 24,
        "done_late": 4,
        "not_done": 3,
        "carried_over": 3,
    }
    assert not tasks.filter(responsible=None).exists()


def test_it_rolls_the_cells_rules_up_from_their_sub_tasks(demo: DemoResult) -> None:
    parent = programme(1).tasks.filter(sub_tasks__isnull=False, status="not_done").distinct().get()
    progress = list(parent.sub_tasks.values_list("progress", flat=True))
    assert sorted(progress) == [10, 40, 100]
    assert parent.progress == 50


def test_it_gives_the_second_quarter_17_key_tasks(demo: DemoResult) -> None:
    tasks = programme(2).tasks.all()
    assert tasks.filter(is_key=True).count() == 17
    carried = tasks.filter(carried_from__isnull=False)
    assert carried.count() == 3
    assert {t.carried_from.status for t in carried} == {"carried_over"}
    congresses = tasks.get(title__contains="Đại hội kiện toàn cấp ủy")
    assert congresses.deadline == date(2022, 5, 31) and congresses.deadline_precision == "month"
    assert {d.code for d in congresses.documents.all()} == {"108-KH/HU", "43-KH/ĐU"}


def test_it_closes_the_review_with_the_figures_of_its_day(demo: DemoResult) -> None:
    review = Review.objects.get(programme=programme(1))
    assert review.closed_on == review.held_on == date(2022, 4, 7)
    assert review.opinions_count == 9 and review.next_programme == programme(2)
    assert review.meeting is not None and review.meeting.kind == Kind.REVIEW
    assert review.figures["total"] == 34 and review.figures["overdue"] == 0
    assert review.figures["counts"]["done_late"] == 4
    assert review.notes.filter(kind="shortcoming").count() == 13


def test_it_drafts_the_review_report_with_the_right_figures(demo: DemoResult) -> None:
    text = docx_text(review_report.review_docx(Review.objects.get(programme=programme(1))))
    assert "34 nhiệm vụ" in text
    assert "17 nhiệm vụ trọng tâm" in text
    assert "09 ý kiến" in text


def test_it_registers_the_documents_the_article_names(demo: DemoResult) -> None:
    rows = {
        d.code: (d.direction, d.issued_on) for d in Document.objects.filter(organization=town())
    }
    assert rows == {
        "09-NQ/ĐU": ("outgoing", date(2021, 12, 27)),
        "15-NQ/ĐU": ("outgoing", date(2022, 3, 15)),
        "43-KH/ĐU": ("outgoing", date(2022, 3, 14)),
        "108-KH/HU": ("incoming", date(2022, 4, 6)),
        "37-QĐ/TW": ("incoming", date(2021, 10, 25)),
        "11-QĐi/TW": ("incoming", date(2019, 2, 18)),
    }


@override_settings(DEMO_MODE=True)  # the demo logins work only in demo mode
def test_it_numbers_the_next_resolution_16(demo: DemoResult, login: Login) -> None:
    client = login("thuongxuan.staff")
    data = {
        "organization": town().pk,
        "type_code": "NQ",
        "issued_on": "2022-04-20",
        "summary": "Về lãnh đạo thực hiện nhiệm vụ trọng tâm quý 2/2022",
        "body": "Nội dung.",
    }
    response = client.post("/api/v1/documents/", data, content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["number_line"] == "Số 16-NQ/ĐU"
    word = client.get(f"/api/v1/documents/{response.json()['id']}/docx/")
    assert "Thường Xuân, ngày 20 tháng 4 năm 2022" in docx_text(word.content)


def test_it_keeps_the_targets_of_2022(demo: DemoResult) -> None:
    targets = {t.name: t for t in Target.objects.filter(organization=town(), year=2022)}
    land = targets["Tích tụ đất đai phát triển sản xuất nông nghiệp công nghệ cao"]
    assert land.planned == Decimal(10) and land.unit == "ha"
    values = land.values.order_by("measured_on").values_list("value", flat=True)
    assert list(values) == [Decimal("2.5"), Decimal("6.8")]
    assert targets["Thời gian mỗi đợt tiêm phòng gia súc, gia cầm"].comparison == "at_most"
    admissions = targets["Kết nạp đảng viên mới"]
    assert admissions.source == "admissions"
    assert admissions.values.filter(computed=True).exists()


def test_it_shows_a_cell_secretary_the_tasks_of_the_cell(demo: DemoResult) -> None:
    cell = Organization.objects.get(code=f"{TOWN_CODE}-06")
    secretary, _password = grant_role(
        actor=None, username="caoson.secretary", role="cell_secretary", organization=cell
    )
    visible = Task.objects.visible_to(secretary)
    assert visible.filter(owner_org=cell).count() == 1
    assert not visible.filter(owner_org__code=f"{TOWN_CODE}-07").exists()
    assert visible.count() < Task.objects.filter(org_path=town().path).count()


def test_it_writes_nothing_on_a_second_build(demo: DemoResult) -> None:
    with CaptureQueriesContext(connection) as queries:
        assert build_programs() == 0
    writes = [q["sql"] for q in queries if not q["sql"].lstrip().upper().startswith("SELECT")]
    assert writes == []


def test_it_gives_this_year_a_programme_due_from_today(demo: DemoResult) -> None:
    today = timezone.localdate()
    leader = User.objects.get(username="thuongxuan.leader")
    items = collect(leader, None, today, today + timedelta(days=60))
    tasks = [item for item in items if item.kind == "program_task"]
    own = [item for item in tasks if item.member_id == leader.member_id]
    assert len(own) == 2  # Hà Huy Hiền's open tasks: one overdue, one due this month
    new_year = (today.month, today.day) == (1, 1)  # nothing can be overdue yet
    assert sum(item.overdue_on(today) for item in own) == (0 if new_year else 1)
    with CaptureQueriesContext(connection) as queries:
        assert build_current_programme(today) is False
    assert [q for q in queries if not q["sql"].lstrip().upper().startswith("SELECT")] == []
