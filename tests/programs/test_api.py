"""The programmes and tasks API: scope on every endpoint, shapes, bad input, query counts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from dangvu.programs import services
from dangvu.programs.choices import TaskStatus
from dangvu.programs.models import Programme, Task
from dangvu.programs.periods import parse_period
from tests.fixtures.cast import Cast
from tests.generic import Endpoint, check_endpoint

pytestmark = pytest.mark.django_db
Login = Callable[[str], Client]
PROGRAMS = "/api/v1/programs/"
TASKS = "/api/v1/tasks/"
TITLE = "Rà soát, bổ sung quy hoạch cán bộ"


def programme(cast: Cast, period: str = "2022-Q1") -> Programme:
    """XA's programme of ``period`` (made once)."""
    wanted = parse_period(period)
    found = Programme.objects.filter(
        organization=cast.org("XA"),
        period_kind=wanted.kind,
        year=wanted.year,
        period_number=wanted.number,
    ).first()
    if found is not None:
        return found
    return services.create_programme(cast.user("alice"), organization=cast.org("XA"), period=period)


def task(cast: Cast, title: str = TITLE, **fields: Any) -> Task:
    """A task of XA's Q1 programme given to cell XA-DONG (made once per title)."""
    found = Task.objects.filter(title=title).first()
    if found is not None:
        return found
    values: dict[str, Any] = {
        "deadline": "tháng 3/2022",
        "owner_org": cast.org("XA-DONG"),
        "responsible": cast.member("Trần Thị Bích"),
        **fields,
    }
    return services.add_task(cast.user("alice"), programme(cast), title=title, **values)


def finished(cast: Cast) -> Task:
    """A task marked not done (for reopen)."""
    found = task(cast, "Sửa chữa nhà văn hóa thôn")
    if found.status != TaskStatus.NOT_DONE:
        found = services.mark_not_done(cast.user("alice"), found, result_note="Thiếu kinh phí.")
    return found


def _url(path: str) -> Callable[[Cast], str]:
    return lambda cast: f"{TASKS}{task(cast).pk}/{path}"


ENDPOINTS = [
    Endpoint(
        "programmes",
        lambda cast: f"{PROGRAMS}?organization={programme(cast).organization_id}&period=2022-Q1",
        api=True,
        object_level=False,
        hidden_text="Chương trình công tác quý 1/2022",
    ),
    Endpoint("programme", lambda cast: f"{PROGRAMS}{programme(cast).pk}/", api=True),
    Endpoint(
        "programme create",
        lambda cast: PROGRAMS,
        method="post",
        data=lambda cast: {"organization": cast.org("XA").pk, "period": "quý 2/2022"},
        writes=True,
        api=True,
        object_level=False,
        ok_status=(201,),
    ),
    Endpoint(
        "add task",
        lambda cast: f"{PROGRAMS}{programme(cast).pk}/tasks/",
        method="post",
        data=lambda cast: {
            "title": "Kiểm tra đảng viên",
            "deadline": "20/3/2022",
            "owner_org": cast.org("XA").pk,
        },
        writes=True,
        api=True,
        ok_status=(201,),
    ),
    Endpoint(
        "tasks",
        lambda cast: f"{TASKS}?programme={task(cast).programme_id}",
        api=True,
        object_level=False,
        hidden_text=TITLE,
    ),
    Endpoint("task", _url(""), api=True),
    Endpoint(
        "task patch",
        _url(""),
        method="patch",
        data=lambda cast: {"deadline": "quý 1/2022"},
        writes=True,
        api=True,
    ),
    Endpoint(
        "progress",
        _url("progress/"),
        method="post",
        data=lambda cast: {"progress": 40},
        writes=True,
        api=True,
    ),
    Endpoint(
        "complete",
        _url("complete/"),
        method="post",
        data=lambda cast: {"completed_on": "2022-03-20"},
        writes=True,
        api=True,
    ),
    Endpoint(
        "not done",
        _url("not-done/"),
        method="post",
        data=lambda cast: {"result_note": "Chưa bố trí được kinh phí."},
        writes=True,
        api=True,
    ),
    Endpoint(
        "reopen",
        lambda cast: f"{TASKS}{finished(cast).pk}/reopen/",
        method="post",
        data=lambda cast: {"reason": "Đã có kinh phí."},
        writes=True,
        api=True,
    ),
    Endpoint(
        "carry over",
        _url("carry-over/"),
        method="post",
        data=lambda cast: {"to_programme": programme(cast, "2022-Q2").pk, "reason": "Chưa xong."},
        writes=True,
        api=True,
        ok_status=(201,),
    ),
]


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=str)
def test_it_keeps_every_endpoint_in_scope(endpoint: Endpoint, cast: Cast, login: Login) -> None:
    check_endpoint(endpoint, cast, login)


# ---------------------------------------------------------------------------
# Programmes


def test_it_lists_a_programme_of_a_period_with_its_tasks(
    cast: Cast, login: Login, task_xa: Task, agency_ubnd: Any
) -> None:
    services.add_task(
        cast.user("alice"),
        task_xa.programme,
        title="Chuyển đổi ruộng đất",
        deadline="quý 1/2022",
        owner_agency=agency_ubnd,
    )
    query: dict[str, Any] = {"organization": cast.org("XA").pk, "period": "quý 1/2022"}
    rows = login("alice").get(PROGRAMS, query).json()["results"]
    assert [(row["period"], row["period_label"]) for row in rows] == [("2022-Q1", "quý 1/2022")]
    first, second = rows[0]["tasks"]
    assert first["owner"] == {"kind": "org", "id": cast.org("XA").pk, "name": "Đảng bộ xã Hòa An"}
    assert first["responsible"] == {"id": task_xa.responsible_id, "name": "Nguyễn Văn An"}
    assert (first["deadline"], first["deadline_text"]) == ("2022-02-28", "trong tháng 2/2022")
    assert (first["status"], first["status_display"], first["overdue"]) == (
        "not_started",
        "Chưa triển khai",
        True,
    )
    assert second["owner"]["kind"] == "agency"
    assert second["deadline_text"] == "trong quý 1/2022"


def test_it_counts_the_tasks_as_a_review_does(
    cast: Cast, login: Login, task_xa: Task, task_dong: Task
) -> None:
    alice = cast.user("alice")
    assert (task_xa.is_key, task_dong.is_key) == (True, False)
    services.add_task(
        alice, task_xa.programme, title="Bước 1", deadline="2/2022", owner_org=cast.org("XA"),
        parent=task_xa, is_key=True,
    )  # fmt: skip
    query: dict[str, Any] = {"organization": cast.org("XA").pk, "period": "2022-Q1"}
    row = login("alice").get(PROGRAMS, query).json()["results"][0]
    assert (len(row["tasks"]), row["task_count"], row["key_task_count"]) == (3, 2, 1)


def test_it_answers_400_on_a_bad_period(cast: Cast, login: Login) -> None:
    response = login("alice").get(PROGRAMS, {"period": "quý 5/2022"})
    assert response.status_code == 400
    assert "Không hiểu kỳ “quý 5/2022”" in response.json()["period"][0]


def test_it_lists_programmes_in_a_fixed_number_of_queries(
    cast: Cast, login: Login, task_xa: Task
) -> None:
    client = login("alice")
    client.get(PROGRAMS)
    with CaptureQueriesContext(connection) as few:
        assert client.get(PROGRAMS).json()["count"] == 1
    for number in range(5):
        task(cast, f"Nhiệm vụ {number}", owner_org=cast.org("XA-TH"))
    for period in ("2022-Q2", "2022-Q3"):
        programme(cast, period)
    with CaptureQueriesContext(connection) as many:
        assert client.get(PROGRAMS).json()["count"] == 3
    assert len(many) == len(few)


def test_it_creates_a_programme(cast: Cast, login: Login) -> None:
    data = {"organization": cast.org("XA").pk, "period": "6 tháng đầu năm 2022"}
    response = login("lan").post(PROGRAMS, data, content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["title"] == "Chương trình công tác 6 tháng đầu năm 2022"
    assert (response.json()["starts_on"], response.json()["ends_on"]) == (
        "2022-01-01",
        "2022-06-30",
    )


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"period": "quý 5/2022"}, "period"),
        ({"period": ""}, "period"),
        ({"organization": "abc"}, "organization"),
        ({"organization": 10**30}, "organization"),
        ({"document": 999_999}, "document"),
        ({"title": "x" * 300}, "title"),
    ],
)
def test_it_answers_400_on_a_bad_programme(
    change: dict[str, Any], field: str, cast: Cast, login: Login
) -> None:
    data = {"organization": cast.org("XA").pk, "period": "2022-Q1", **change}
    response = login("alice").post(PROGRAMS, data, content_type="application/json")
    assert response.status_code == 400, response.content
    assert field in response.json()
    assert not Programme.objects.exists()


def test_it_hides_an_organisation_out_of_scope_when_creating(cast: Cast, login: Login) -> None:
    data = {"organization": cast.org("XA").pk, "period": "2022-Q1"}
    response = login("eve").post(PROGRAMS, data, content_type="application/json")
    assert response.status_code == 400
    assert "Không tìm thấy tổ chức" in response.json()["organization"][0]
    assert not Programme.objects.exists()


# ---------------------------------------------------------------------------
# Adding and changing tasks


def _add(login: Login, programme: Programme, **data: Any) -> Any:
    url = f"{PROGRAMS}{programme.pk}/tasks/"
    return login("alice").post(url, data, content_type="application/json")


def test_it_adds_a_task_with_its_deadline_as_given(
    cast: Cast, login: Login, programme_q1: Programme, agency_ubnd: Any
) -> None:
    response = _add(
        login,
        programme_q1,
        title="Dồn điền đổi thửa 10 ha",
        deadline="tháng 3/2022",
        owner_agency=agency_ubnd.pk,
        responsible=cast.member("Nguyễn Văn An").pk,
        collaborator_orgs=[cast.org("XA-DONG").pk],
        is_key=True,
    )
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["deadline_text"] == "trong tháng 3/2022"
    assert data["owner"] == {"kind": "agency", "id": agency_ubnd.pk, "name": agency_ubnd.name}
    assert data["collaborator_orgs"] == [{"id": cast.org("XA-DONG").pk, "name": "Chi bộ thôn Đông"}]
    assert data["can_report"] is True


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"deadline": "tháng 13/2022"}, "deadline", "Không hiểu thời hạn"),
        ({"deadline": "31/12/2021"}, "deadline", "không được trước ngày bắt đầu kỳ"),
        ({"owner_org": 999_999}, "owner_org", "Không tìm thấy tổ chức"),
        ({"owner_org": None}, "owner_org", "Chọn tổ chức đảng hoặc cơ quan"),
        ({"responsible": 999_999}, "responsible", "Không tìm thấy đảng viên"),
        ({"title": ""}, "title", "không được để trống"),
        ({"weight": 0}, "weight", "lớn hơn hoặc bằng 1"),
        ({"parent": 999_999}, "parent", "Không có nhiệm vụ này"),
        ({"documents": "abc"}, "documents", "danh sách"),
    ],
)
def test_it_answers_400_on_a_bad_task(
    change: dict[str, Any],
    field: str,
    message: str,
    cast: Cast,
    login: Login,
    programme_q1: Programme,
) -> None:
    data = {"title": "Kiểm tra", "deadline": "20/3/2022", "owner_org": cast.org("XA").pk}
    response = _add(login, programme_q1, **{**data, **change})
    assert response.status_code == 400, response.content
    assert message in str(response.json()[field])
    assert not Task.objects.exists()


def test_it_refuses_an_owner_of_the_other_commune(
    cast: Cast, login: Login, programme_q1: Programme
) -> None:
    response = _add(login, programme_q1, title="X", deadline="2022", owner_org=cast.org("XB").pk)
    assert response.status_code == 400
    assert "Không tìm thấy tổ chức" in response.json()["owner_org"][0]
    assert not Task.objects.exists()


def test_it_changes_a_task_with_patch(cast: Cast, login: Login, task_dong: Task) -> None:
    url = f"{TASKS}{task_dong.pk}/"
    data = {"deadline": "20/3/2022", "is_key": True}
    response = login("alice").patch(url, data, content_type="application/json")
    assert response.status_code == 200, response.content
    assert (response.json()["deadline_text"], response.json()["is_key"]) == (
        "chậm nhất ngày 20/3/2022",
        True,
    )
    assert response.json()["title"] == task_dong.title


def test_it_lets_the_cell_report_but_not_restructure_its_task(
    login: Login, task_dong: Task
) -> None:
    bob = login("bob")
    url = f"{TASKS}{task_dong.pk}/"
    patched = bob.patch(url, {"title": "Khác"}, content_type="application/json")
    assert patched.status_code == 403
    reported = bob.post(url + "progress/", {"progress": 50}, content_type="application/json")
    assert reported.status_code == 200, reported.content
    assert (reported.json()["progress"], reported.json()["status"]) == (50, "in_progress")


# ---------------------------------------------------------------------------
# Reporting


def test_it_refuses_progress_over_100_writing_nothing(login: Login, task_dong: Task) -> None:
    url = f"{TASKS}{task_dong.pk}/progress/"
    response = login("alice").post(url, {"progress": 120}, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["progress"] == ["Phải nhỏ hơn hoặc bằng 100."]
    task_dong.refresh_from_db()
    assert (task_dong.progress, task_dong.status) == (0, TaskStatus.NOT_STARTED)


def test_it_lets_the_responsible_member_report(cast: Cast, login: Login) -> None:
    own = task(cast, "Vận động nhân dân hiến đất", responsible=cast.member("Lê Văn Cường"))
    other = task(cast, "Việc của người khác")
    charlie = login("charlie")
    url = f"{TASKS}{own.pk}/progress/"
    assert charlie.post(url, {"progress": 30}, content_type="application/json").status_code == 200
    url = f"{TASKS}{other.pk}/progress/"
    assert charlie.post(url, {"progress": 30}, content_type="application/json").status_code == 404


def test_it_completes_late_and_marks_not_done(cast: Cast, login: Login, task_xa: Task) -> None:
    client = login("alice")
    url = f"{TASKS}{task_xa.pk}/complete/"
    done = client.post(url, {"completed_on": "2022-03-05"}, content_type="application/json")
    assert (done.json()["status"], done.json()["progress"]) == ("done_late", 100)
    other = task(cast)
    url = f"{TASKS}{other.pk}/not-done/"
    refused = client.post(url, {"result_note": ""}, content_type="application/json")
    assert refused.status_code == 400 and "result_note" in refused.json()
    marked = client.post(url, {"result_note": "Thiếu kinh phí."}, content_type="application/json")
    assert marked.json()["status"] == "not_done"


def test_it_reopens_a_finished_task(cast: Cast, login: Login) -> None:
    url = f"{TASKS}{finished(cast).pk}/reopen/"
    refused = login("alice").post(url, {}, content_type="application/json")
    assert refused.status_code == 400 and "reason" in refused.json()
    data = {"reason": "Đã có kinh phí."}
    reopened = login("alice").post(url, data, content_type="application/json")
    assert reopened.json()["status"] == "in_progress"


def test_it_carries_a_task_over_to_the_next_programme(cast: Cast, login: Login) -> None:
    old = task(cast)
    services.report_progress(cast.user("alice"), old, progress=60)
    following = programme(cast, "2022-Q2")
    url = f"{TASKS}{old.pk}/carry-over/"
    data = {"to_programme": following.pk, "deadline": "tháng 4/2022", "reason": "Chưa xong."}
    response = login("alice").post(url, data, content_type="application/json")
    assert response.status_code == 201, response.content
    assert (response.json()["programme"], response.json()["carried_from"]) == (following.pk, old.pk)
    assert response.json()["progress"] == 60
    assert login("alice").get(f"{TASKS}{old.pk}/").json()["carried_to"] == response.json()["id"]


def test_it_refuses_to_carry_over_to_an_earlier_programme(cast: Cast, login: Login) -> None:
    old = task(cast)
    url = f"{TASKS}{old.pk}/carry-over/"
    data = {"to_programme": old.programme_id}
    response = login("alice").post(url, data, content_type="application/json")
    assert response.status_code == 400
    assert "to_programme" in response.json()
    assert Task.objects.count() == 1


# ---------------------------------------------------------------------------
# The task list


def test_it_filters_overdue_tasks_and_by_body(cast: Cast, login: Login, task_xa: Task) -> None:
    done = task(cast)
    services.complete_task(cast.user("alice"), done, completed_on=date(2022, 3, 1))
    client = login("alice")
    overdue = client.get(TASKS, {"overdue": "true"}).json()["results"]
    assert [row["id"] for row in overdue] == [task_xa.pk]
    by_cell = client.get(TASKS, {"organization": cast.org("XA-DONG").pk}).json()["results"]
    assert [row["id"] for row in by_cell] == [done.pk]
    mine = login("charlie").get(TASKS).json()["results"]
    assert mine == []


def test_it_lists_tasks_in_a_fixed_number_of_queries(
    cast: Cast, login: Login, task_xa: Task
) -> None:
    client = login("alice")
    client.get(TASKS)
    with CaptureQueriesContext(connection) as few:
        client.get(TASKS)
    for number in range(5):
        task(cast, f"Nhiệm vụ {number}")
    with CaptureQueriesContext(connection) as many:
        assert client.get(TASKS).json()["count"] == 6
    assert len(many) == len(few)


def test_it_shows_a_task_in_a_fixed_number_of_queries(cast: Cast, login: Login) -> None:
    parent = task(cast)
    client = login("alice")
    client.get(f"{TASKS}{parent.pk}/")
    with CaptureQueriesContext(connection) as few:
        client.get(f"{TASKS}{parent.pk}/")
    for number in range(3):
        task(cast, f"Nhiệm vụ con {number}", parent=parent)
    with CaptureQueriesContext(connection) as many:
        assert len(client.get(f"{TASKS}{parent.pk}/").json()["sub_tasks"]) == 3
    assert len(many) == len(few)
