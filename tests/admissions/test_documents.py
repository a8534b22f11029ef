"""The Word decisions: texts, layout and the date line rule (RULES.md, official documents)."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from docx import Document

from dangvu.admissions import services
from dangvu.admissions.documents import date_line
from dangvu.admissions.models import Candidate
from tests.admissions.helpers import CEREMONY, decided
from tests.fixtures.cast import Cast
from tests.generic import Endpoint, check_endpoint


def _texts(content: bytes) -> list[str]:
    document = Document(io.BytesIO(content))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for cell in table._cells:
            texts.extend(p.text for p in cell.paragraphs)
    return texts


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2018, 2, 5), "Hòa An, ngày 05 tháng 02 năm 2018"),
        (date(2022, 4, 20), "Hòa An, ngày 20 tháng 4 năm 2022"),
        (date(2021, 1, 9), "Hòa An, ngày 09 tháng 01 năm 2021"),
        (date(2021, 12, 27), "Hòa An, ngày 27 tháng 12 năm 2021"),
    ],
)
def test_it_writes_the_date_line_with_leading_zeros(day: date, expected: str) -> None:
    assert date_line("Hòa An", day) == expected


def test_it_renders_the_admission_decision(cast: Cast, login: Callable[[str], Client]) -> None:
    candidate = decided(cast)
    response = login("alice").get(
        reverse("admissions:admission_decision_docx", args=[candidate.pk])
    )
    texts = _texts(response.content)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in texts
    assert "ĐẢNG ỦY XÃ HÒA AN" in texts
    assert "HUYỆN ỦY THỬ NGHIỆM" in texts
    assert "Số 12-QĐ/ĐU" in texts
    assert "Hòa An, ngày 03 tháng 6 năm 2024" in texts
    assert "về việc kết nạp đảng viên" in texts
    assert any("Kết nạp quần chúng Vũ Minh Khang, sinh ngày 10/05/2000" in t for t in texts)
    assert "Nơi nhận:" in texts


def test_it_sets_a4_and_times_new_roman(cast: Cast, login: Callable[[str], Client]) -> None:
    candidate = decided(cast)
    response = login("alice").get(
        reverse("admissions:admission_decision_docx", args=[candidate.pk])
    )
    document = Document(io.BytesIO(response.content))
    section = document.sections[0]
    assert (round(section.page_width.cm), round(section.page_height.cm, 1)) == (21, 29.7)
    assert document.styles["Normal"].font.name == "Times New Roman"


def test_it_renders_the_recognition_decision(cast: Cast, login: Callable[[str], Client]) -> None:
    member = services.admit_candidate(decided(cast), actor=None, ceremony_date=CEREMONY)
    services.recognise_member(
        member,
        actor=None,
        meeting_date=date(2025, 9, 1),
        decided_by="Đảng ủy xã Hòa An",
        decision_number="30-QĐ/ĐU",
        decision_date=date(2025, 9, 5),
    )
    response = login("alice").get(reverse("admissions:recognition_decision_docx", args=[member.pk]))
    texts = _texts(response.content)
    assert "công nhận đảng viên chính thức" in texts
    assert "Hòa An, ngày 05 tháng 9 năm 2025" in texts
    assert any("là đảng viên chính thức kể từ ngày 20/06/2025" in t for t in texts)


def test_it_has_no_decision_before_the_step(cast: Cast, login: Callable[[str], Client]) -> None:
    response = login("alice").get(
        reverse("admissions:recognition_decision_docx", args=[cast.member("Đỗ Văn Hùng").pk])
    )
    assert response.status_code == 404


def test_it_scopes_the_documents(cast: Cast, login: Callable[[str], Client]) -> None:
    decided(cast)
    endpoint = Endpoint(
        "admission_decision_docx",
        lambda c: reverse("admissions:admission_decision_docx", args=[Candidate.objects.get().pk]),
    )
    check_endpoint(endpoint, cast, login)
