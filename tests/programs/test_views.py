"""Programme pages: scope on every page and action, bad input, the lists, query counts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dangvu.organizations.models import Agency
from dangvu.programs import services
from dangvu.programs.models import Programme, Review, Task, TaskFile
from tests.fixtures.cast import Cast
from tests.generic import Endpoint, check_endpoint
from tests.programs.conftest import incoming_document
from tests.programs.pages import AGENCY_TASK, DONE_TASK, Scene, build_scene

Login = Callable[[str], Client]
Q1_TITLE = "Chương trình công tác quý 1/2022"


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def scene(
    cast: Cast, programme_q1: Programme, task_xa: Task, task_dong: Task, agency_ubnd: Agency
) -> Scene:
    return build_scene(cast, programme_q1, task_xa, task_dong, agency_ubnd)


def _programme(period: tuple[str, int, int]) -> Programme:
    kind, year, number = period
    return Programme.objects.get(
        organization__code="XA", period_kind=kind, year=year, period_number=number
    )


def _q1() -> Programme:
    return _programme(("quarter", 2022, 1))


def _q2() -> Programme:
    return _programme(("quarter", 2022, 2))


def _task(title: str) -> Task:
    return Task.objects.get(title=title)


def _xa_task() -> Task:
    return _task("Xây dựng kế hoạch kiểm tra, giám sát năm 2022")


def _to(name: str, find: Callable[[], Any]) -> Callable[[Cast], str]:
    return lambda _cast: reverse(f"programs:{name}", args=[find().pk])


def _task_to(name: str, title: str = "") -> Callable[[Cast], str]:
    return _to(name, lambda: _task(title) if title else _xa_task())


def _open_review() -> Review:
    return Review.objects.get(programme=_q1())


def _closed_review() -> Review:
    return Review.objects.get(closed_on__isnull=False)


def _upload(_cast: Cast) -> dict[str, Any]:
    return {"title": "Biên bản", "upload": SimpleUploadedFile("bb.pdf", b"%PDF-1.4 x")}


ENDPOINTS = [
    Endpoint("list", lambda c: reverse("programs:list"), object_level=False, hidden_text=Q1_TITLE),
    Endpoint("create form", lambda c: reverse("programs:create"), writes=True, object_level=False),
    Endpoint("programme", _to("detail", _q1)),
    Endpoint(
        "add task", _to("add_task", _q1), method="post", writes=True, ok_status=(302,),
        data=lambda c: {"title": "Việc mới", "owner": f"org:{c.org('XA').pk}",
                        "deadline": "tháng 3/2022", "weight": "1"},
    ),
    Endpoint("task", _task_to("task")),
    Endpoint(
        "edit task", _task_to("task_edit"), method="post", writes=True, ok_status=(302,),
        data=lambda c: {"edit-title": "Kế hoạch kiểm tra", "edit-owner": f"org:{c.org('XA').pk}",
                        "edit-deadline": "quý 1/2022", "edit-weight": "2"},
    ),
    Endpoint("progress", _task_to("task_progress"), method="post", writes=True,
             ok_status=(302,), data=lambda c: {"progress": "40"}),
    Endpoint("complete", _task_to("task_complete"), method="post", writes=True,
             ok_status=(302,), data=lambda c: {"completed_on": "20/02/2022"}),
    Endpoint("not done", _task_to("task_not_done"), method="post", writes=True,
             ok_status=(302,), data=lambda c: {"result_note": "Chưa bố trí được kinh phí."}),
    Endpoint("reopen", _task_to("task_reopen", DONE_TASK), method="post", writes=True,
             ok_status=(302,), data=lambda c: {"reason": "Ghi nhầm"}),
    Endpoint("carry over", _task_to("task_carry_over"), method="post", writes=True,
             ok_status=(302,), data=lambda c: {"to_programme": str(_q2().pk)}),
    Endpoint("add file", _task_to("task_file_add"), method="post", writes=True,
             ok_status=(302,), data=_upload),
    Endpoint(
        "file",
        lambda c: reverse("programs:task_file", args=[_task(DONE_TASK).pk,
                                                      TaskFile.objects.get().pk]),
    ),
    Endpoint("body org", lambda c: reverse("programs:body_org", args=[c.org("XA-DONG").pk])),
    Endpoint("body agency", _to("body_agency", lambda: Agency.objects.get(name__contains="Hòa"))),
    Endpoint("person", lambda c: reverse("programs:person", args=[c.member("Trần Thị Bích").pk])),
    Endpoint("targets", lambda c: reverse("programs:targets") + f"?organization={c.org('XA').pk}"),
    Endpoint("review", _to("review", _open_review)),
    Endpoint("open review", _to("review_create", _q2), method="post", writes=True,
             ok_status=(302,), data=lambda c: {"held_on": "05/07/2022", "opinions_count": "3"}),
    Endpoint("edit review", _to("review_edit", _open_review), method="post", writes=True,
             ok_status=(302,), data=lambda c: {"held_on": "07/04/2022", "opinions_count": "9"}),
    Endpoint("review note", _to("review_note", _open_review), method="post", writes=True,
             ok_status=(302,), data=lambda c: {"kind": "shortcoming", "text": "Còn chậm."}),
    Endpoint("close review", _to("review_close", _open_review), method="post", writes=True,
             ok_status=(302,), data=lambda c: {"closed_on": "08/04/2022"}),
    Endpoint("reopen review", _to("review_reopen", _closed_review), method="post",
             writes=True, ok_status=(302,), data=lambda c: {"reason": "Bổ sung số liệu"}),
    Endpoint("review docx", _to("review_docx", _open_review)),
]  # fmt: skip


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=str)
def test_it_scopes_every_page_and_action(
    endpoint: Endpoint, scene: Scene, cast: Cast, login: Login
) -> None:
    check_endpoint(endpoint, cast, login)


def test_it_lists_the_programmes_with_their_counts(scene: Scene, login: Login) -> None:
    html = login("dave").get(reverse("programs:list")).content.decode()
    assert Q1_TITLE in html and "Chương trình công tác quý 2/2022" in html
    assert f'data-programme="{scene.q1.pk}"' in html
    assert "Lập chương trình" not in html  # a viewer writes nothing


def test_it_filters_the_list_by_period(scene: Scene, login: Login) -> None:
    html = login("alice").get(reverse("programs:list"), {"period": "quý 2/2022"}).content.decode()
    assert "Chương trình công tác quý 2/2022" in html
    assert Q1_TITLE not in html


def test_it_explains_a_bad_period_in_the_filter(scene: Scene, login: Login) -> None:
    response = login("alice").get(reverse("programs:list"), {"period": "quý 5/2022"})
    assert response.status_code == 200
    assert "quý 5/2022" in response.content.decode()
    assert Q1_TITLE not in response.content.decode()


def test_it_creates_a_programme_from_a_period_as_written(cast: Cast, login: Login) -> None:
    data = {"organization": cast.org("XA").pk, "period": "tháng 4/2022"}
    response = login("alice").post(reverse("programs:create"), data)
    programme = Programme.objects.get(organization__code="XA", period_kind="month")
    assert response["Location"] == reverse("programs:detail", args=[programme.pk])
    assert programme.title == "Chương trình công tác tháng 4/2022"


def test_it_refuses_a_duplicate_period_and_writes_nothing(
    scene: Scene, cast: Cast, login: Login
) -> None:
    data = {"organization": cast.org("XA").pk, "period": "2022-Q1"}
    response = login("alice").post(reverse("programs:create"), data)
    assert response.status_code == 200
    assert Programme.objects.filter(organization__code="XA").count() == 3
    assert 'class="field-error"' in response.content.decode()


def test_it_shows_the_tasks_grouped_by_body_with_the_deadline_in_words(
    scene: Scene, login: Login
) -> None:
    html = login("alice").get(reverse("programs:detail", args=[scene.q1.pk])).content.decode()
    assert 'data-body="Chi bộ thôn Đông"' in html
    assert 'data-body="Ủy ban nhân dân xã Hòa An"' in html
    assert "trong tháng 2/2022" in html and "trong quý 1/2022" in html
    assert "chậm nhất ngày 31/03/2022" in html or "chậm nhất ngày 31/3/2022" in html
    assert 'id="new-task"' in html


def test_it_cites_the_document_the_programme_carries_out(
    scene: Scene, cast: Cast, login: Login
) -> None:
    Programme.objects.filter(pk=scene.q1.pk).update(document=incoming_document(cast))
    html = login("alice").get(reverse("programs:detail", args=[scene.q1.pk])).content.decode()
    assert "Thực hiện Kế hoạch số 108-KH/HU ngày 06/4/2022" in html


def test_it_marks_an_overdue_task_in_red(scene: Scene, login: Login) -> None:
    html = login("alice").get(reverse("programs:detail", args=[scene.q1.pk])).content.decode()
    row = html.split(f'id="task-{scene.task_xa.pk}"', 1)[1].split("</tr>", 1)[0]
    assert "overdue" in row and "quá hạn" in row


def test_it_adds_a_task_with_a_month_deadline(scene: Scene, cast: Cast, login: Login) -> None:
    data = {
        "title": "Kết nạp đảng viên mới",
        "owner": f"org:{cast.org('XA-DONG').pk}",
        "responsible": str(cast.member("Trần Thị Bích").pk),
        "deadline": "tháng 3/2022",
        "weight": "1",
    }
    login("alice").post(reverse("programs:add_task", args=[scene.q1.pk]), data)
    task = Task.objects.get(title="Kết nạp đảng viên mới")
    assert (task.deadline, task.deadline_precision) == (date(2022, 3, 31), "month")
    assert task.owner_org == cast.org("XA-DONG")


def test_it_refuses_a_bad_deadline_in_vietnamese_and_writes_nothing(
    scene: Scene, cast: Cast, login: Login
) -> None:
    data = {"title": "Việc lạ", "owner": f"agency:{scene.agency.pk}", "deadline": "tháng 13/2022"}
    data["weight"] = "1"
    response = login("alice").post(reverse("programs:add_task", args=[scene.q1.pk]), data)
    assert response.status_code == 200
    assert "tháng 13/2022" in response.content.decode()
    assert 'class="field-error"' in response.content.decode()
    assert not Task.objects.filter(title="Việc lạ").exists()


def test_it_refuses_an_owner_outside_the_subtree(scene: Scene, cast: Cast, login: Login) -> None:
    data = {"title": "Việc xã khác", "owner": f"org:{cast.org('XB').pk}", "deadline": "4/2022"}
    response = login("alice").post(reverse("programs:add_task", args=[scene.q1.pk]), data)
    assert response.status_code == 200
    assert "Chọn một mục trong danh sách." in response.content.decode()
    assert not Task.objects.filter(title="Việc xã khác").exists()


def test_it_refuses_a_progress_over_100_and_writes_nothing(scene: Scene, login: Login) -> None:
    url = reverse("programs:task_progress", args=[scene.task_dong.pk])
    response = login("bob").post(url, {"progress": "150"})
    assert response.status_code == 200
    assert "Ghi một số nguyên từ 0 đến 100." in response.content.decode()
    assert Task.objects.get(pk=scene.task_dong.pk).progress == 0


def test_it_lets_the_cell_secretary_report_on_the_cell_task(scene: Scene, login: Login) -> None:
    client = login("bob")
    html = client.get(reverse("programs:task", args=[scene.task_dong.pk])).content.decode()
    assert 'id="progress"' in html and 'id="edit"' not in html
    client.post(reverse("programs:task_progress", args=[scene.task_dong.pk]), {"progress": "60"})
    assert Task.objects.get(pk=scene.task_dong.pk).progress == 60
    assert client.get(reverse("programs:detail", args=[scene.q1.pk])).status_code == 404


def test_it_hides_every_form_from_a_viewer(scene: Scene, login: Login) -> None:
    html = login("dave").get(reverse("programs:task", args=[scene.task_xa.pk])).content.decode()
    assert 'id="actions"' not in html and 'id="new-file"' not in html
    html = login("dave").get(reverse("programs:detail", args=[scene.q1.pk])).content.decode()
    assert 'id="new-task"' not in html and 'id="new-review"' not in html


def test_it_completes_a_task_late_after_its_deadline(scene: Scene, login: Login) -> None:
    url = reverse("programs:task_complete", args=[scene.task_xa.pk])
    login("lan").post(url, {"completed_on": "10/03/2022", "result_note": "Đã ban hành."})
    task = Task.objects.get(pk=scene.task_xa.pk)
    assert (task.status, task.progress) == ("done_late", 100)


def test_it_requires_a_reason_for_not_done(scene: Scene, login: Login) -> None:
    url = reverse("programs:task_not_done", args=[scene.task_xa.pk])
    response = login("alice").post(url, {"result_note": ""})
    assert "Trường này là bắt buộc." in response.content.decode()
    assert Task.objects.get(pk=scene.task_xa.pk).status == "not_started"


def test_it_carries_a_task_over_and_links_both_ways(scene: Scene, login: Login) -> None:
    client = login("alice")
    url = reverse("programs:task_carry_over", args=[scene.task_xa.pk])
    response = client.post(url, {"to_programme": str(scene.q2.pk), "deadline": "tháng 4/2022"})
    new = Task.objects.get(carried_from=scene.task_xa)
    assert response["Location"] == reverse("programs:task", args=[new.pk])
    html = client.get(reverse("programs:task", args=[scene.task_xa.pk])).content.decode()
    assert "Chương trình công tác quý 2/2022" in html and "Chuyển kỳ sau" in html


def test_it_lists_the_tasks_of_the_cell_on_its_body_page(
    scene: Scene, cast: Cast, login: Login
) -> None:
    url = reverse("programs:body_org", args=[cast.org("XA-DONG").pk])
    html = login("bob").get(url).content.decode()
    assert scene.task_dong.title in html
    assert scene.task_xa.title not in html and AGENCY_TASK not in html


def test_it_lists_the_tasks_of_an_agency(scene: Scene, login: Login) -> None:
    html = login("dave").get(reverse("programs:body_agency", args=[scene.agency.pk])).content
    assert AGENCY_TASK in html.decode() and scene.task_dong.title not in html.decode()


def test_it_lists_the_tasks_a_person_answers_for(scene: Scene, cast: Cast, login: Login) -> None:
    url = reverse("programs:person", args=[cast.member("Nguyễn Văn An").pk])
    html = login("alice").get(url).content.decode()
    assert scene.task_xa.title in html
    assert scene.task_dong.title not in html and AGENCY_TASK not in html


def test_it_shows_a_member_their_own_tasks_only(scene: Scene, cast: Cast, login: Login) -> None:
    client = login("charlie")
    own = reverse("programs:person", args=[cast.member("Lê Văn Cường").pk])
    assert client.get(own).status_code == 200
    other = reverse("programs:person", args=[cast.member("Nguyễn Văn An").pk])
    assert client.get(other).status_code == 404


def test_it_shows_the_review_figures_by_body_and_person(scene: Scene, login: Login) -> None:
    html = login("alice").get(reverse("programs:review", args=[scene.review.pk])).content.decode()
    assert '<strong data-figure="total">4</strong>' in html
    assert '<strong data-figure="done">1</strong>' in html
    assert "Ủy ban nhân dân xã Hòa An" in html and "Trần Thị Bích" in html
    assert "Tải dự thảo báo cáo (Word)" in html


def test_it_adds_a_review_note_under_its_kind(scene: Scene, login: Login) -> None:
    url = reverse("programs:review_note", args=[scene.review.pk])
    text = "Một số nhiệm vụ triển khai còn chậm."
    login("alice").post(url, {"kind": "shortcoming", "text": text})
    html = login("dave").get(reverse("programs:review", args=[scene.review.pk])).content.decode()
    assert text in html.split('data-kind="shortcoming"', 1)[1].split("</div>", 1)[0]


def test_it_refuses_a_close_before_the_review_day(scene: Scene, login: Login) -> None:
    url = reverse("programs:review_close", args=[scene.review.pk])
    response = login("alice").post(url, {"closed_on": "01/04/2022"})
    assert "Ngày chốt không được trước ngày sơ kết" in response.content.decode()
    assert Review.objects.get(pk=scene.review.pk).closed_on is None


def test_it_downloads_the_review_draft_as_word(scene: Scene, login: Login) -> None:
    response = login("alice").get(reverse("programs:review_docx", args=[scene.review.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "so-ket-quy-1-2022.docx" in response["Content-Disposition"]


def _count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_it_reads_the_programme_page_in_a_fixed_number_of_queries(
    scene: Scene, cast: Cast, login: Login
) -> None:
    client, url = login("alice"), reverse("programs:detail", args=[scene.q1.pk])
    before = _count(client, url)
    for n in range(5):
        services.add_task(
            cast.user("alice"), scene.q1, title=f"Việc {n}", deadline="3/2022",
            owner_org=cast.org("XA-TH"), responsible=cast.member("Lê Văn Cường"),
        )  # fmt: skip
    assert _count(client, url) == before


def test_it_reads_the_lists_in_a_fixed_number_of_queries(
    scene: Scene, cast: Cast, login: Login
) -> None:
    client = login("alice")
    urls = [
        reverse("programs:list"),
        reverse("programs:body_org", args=[cast.org("XA-DONG").pk]),
        reverse("programs:person", args=[cast.member("Trần Thị Bích").pk]),
    ]
    before = [_count(client, url) for url in urls]
    for n in range(4):
        services.create_programme(
            cast.user("alice"), organization=cast.org("XA"), period=f"2023-0{n + 1}"
        )
        services.add_task(
            cast.user("alice"), scene.q2, title=f"Việc {n}", deadline="5/2022",
            owner_org=cast.org("XA-DONG"), responsible=cast.member("Trần Thị Bích"),
        )  # fmt: skip
    assert [_count(client, url) for url in urls] == before


def test_it_reads_a_task_page_in_a_fixed_number_of_queries(
    scene: Scene, cast: Cast, login: Login
) -> None:
    client, url = login("alice"), reverse("programs:task", args=[scene.task_xa.pk])
    before = _count(client, url)
    for n in range(3):
        services.add_task(
            cast.user("alice"), scene.q1, title=f"Việc con {n}", deadline="2/2022",
            owner_org=cast.org("XA"), parent=scene.task_xa,
        )  # fmt: skip
    assert _count(client, url) == before


def test_it_links_the_programmes_from_the_main_navigation(login: Login) -> None:
    html = login("charlie").get(reverse("core:home")).content.decode()
    assert f'href="{reverse("programs:list")}"' in html and "Chương trình công tác" in html
