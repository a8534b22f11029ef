"""Programmes and tasks: creating, adding, changing, and who may do it."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from dangvu.organizations.models import Agency
from dangvu.programs import services
from dangvu.programs.choices import Precision, TaskStatus
from dangvu.programs.models import Programme, Task
from tests.fixtures.cast import Cast
from tests.programs.conftest import incoming_document


def test_it_creates_a_programme_with_its_period_and_title(programme_q1: Programme) -> None:
    assert (programme_q1.period_kind, programme_q1.year, programme_q1.period_number) == (
        "quarter",
        2022,
        1,
    )
    assert (programme_q1.starts_on, programme_q1.ends_on) == (date(2022, 1, 1), date(2022, 3, 31))
    assert programme_q1.title == "Chương trình công tác quý 1/2022"
    assert programme_q1.org_path == programme_q1.organization.path


def test_it_refuses_a_second_programme_of_the_same_period(
    cast: Cast, programme_q1: Programme
) -> None:
    with pytest.raises(ValidationError) as caught:
        services.create_programme(cast.user("alice"), organization=cast.org("XA"), period="Q1/2022")
    assert "đã có chương trình công tác quý 1/2022" in caught.value.message_dict["period"][0]
    assert Programme.objects.count() == 1


def test_it_refuses_a_bad_period_naming_it(cast: Cast) -> None:
    with pytest.raises(ValidationError) as caught:
        services.create_programme(cast.user("alice"), organization=cast.org("XA"), period="quý 5")
    assert "quý 5" in caught.value.message_dict["period"][0]
    assert not Programme.objects.exists()


def test_it_keeps_the_deadline_as_given(task_xa: Task, task_dong: Task) -> None:
    assert (task_xa.deadline, task_xa.deadline_precision) == (date(2022, 2, 28), Precision.MONTH)
    assert (task_dong.deadline, task_dong.deadline_precision) == (date(2022, 3, 31), "day")
    assert task_xa.owner_path == task_xa.org_path
    assert task_dong.owner_path == task_dong.owner_org.path
    assert task_xa.status == TaskStatus.NOT_STARTED


def test_it_lets_no_outsider_or_viewer_create_a_programme(cast: Cast) -> None:
    for username in ("eve", "dave", "charlie"):
        with pytest.raises(PermissionDenied):
            services.create_programme(
                cast.user(username), organization=cast.org("XA"), period="2022"
            )
    assert not Programme.objects.exists()


def test_it_lets_the_cell_secretary_keep_the_cells_programme_only(cast: Cast) -> None:
    bob = cast.user("bob")
    own = services.create_programme(bob, organization=cast.org("XA-DONG"), period="tháng 4/2022")
    assert own.title == "Chương trình công tác tháng 4/2022"
    with pytest.raises(PermissionDenied):
        services.create_programme(bob, organization=cast.org("XA"), period="2022-04")


def test_it_gives_a_task_to_an_agency_with_the_agencys_party_path(
    cast: Cast, programme_q1: Programme, agency_ubnd: Agency
) -> None:
    task = services.add_task(
        cast.user("lan"),
        programme_q1,
        title="Dồn điền đổi thửa 10 ha",
        deadline="quý 1/2022",
        owner_agency=agency_ubnd,
        collaborator_orgs=[cast.org("XA-DONG")],
    )
    assert (task.owner_path, task.deadline_precision) == (cast.org("XA").path, "quarter")
    assert list(task.collaborator_orgs.all()) == [cast.org("XA-DONG")]
    assert task.order == 1


def test_it_refuses_a_task_without_an_owner_or_with_two(
    cast: Cast, programme_q1: Programme, agency_ubnd: Agency
) -> None:
    alice = cast.user("alice")
    for owners in ({}, {"owner_org": cast.org("XA"), "owner_agency": agency_ubnd}):
        with pytest.raises(ValidationError) as caught:
            services.add_task(alice, programme_q1, title="Việc", deadline="3/2022", **owners)
        assert "owner_org" in caught.value.message_dict
    assert not Task.objects.exists()


def test_it_refuses_owners_and_people_outside_the_programmes_organisation(
    cast: Cast, programme_q1: Programme
) -> None:
    with pytest.raises(ValidationError) as caught:
        services.add_task(
            cast.user("alice"),
            programme_q1,
            title="Việc",
            deadline="3/2022",
            owner_org=cast.org("XB-BAC"),
            responsible=cast.member("Hoàng Văn Em"),
            collaborator_orgs=[cast.org("XB")],
        )
    assert set(caught.value.message_dict) == {"owner_org", "responsible", "collaborator_orgs"}
    assert not Task.objects.exists()


def test_it_refuses_a_bad_deadline_title_and_weight_writing_nothing(
    cast: Cast, programme_q1: Programme
) -> None:
    with pytest.raises(ValidationError) as caught:
        services.add_task(
            cast.user("alice"),
            programme_q1,
            title="  ",
            deadline="tháng 13/2022",
            owner_org=cast.org("XA"),
            weight=0,
        )
    errors = caught.value.message_dict
    assert set(errors) == {"title", "deadline", "weight"}
    assert "tháng 13/2022" in errors["deadline"][0]
    assert not Task.objects.exists()


def test_it_refuses_a_deadline_before_the_period(cast: Cast, programme_q1: Programme) -> None:
    with pytest.raises(ValidationError, match="trước ngày bắt đầu kỳ \\(01/01/2022\\)"):
        services.add_task(
            cast.user("alice"),
            programme_q1,
            title="Việc",
            deadline="12/2021",
            owner_org=cast.org("XA"),
        )


def test_it_lets_bob_report_on_his_cells_task_but_not_add_to_the_communes_programme(
    cast: Cast, programme_q1: Programme, task_dong: Task, task_xa: Task
) -> None:
    bob = cast.user("bob")
    assert services.can_report(bob, task_dong)
    assert not services.can_report(bob, task_xa)
    with pytest.raises(PermissionDenied):
        services.add_task(
            bob, programme_q1, title="Việc", deadline="3/2022", owner_org=task_dong.owner_org
        )
    with pytest.raises(PermissionDenied):
        services.update_task(bob, task_dong, title="Đổi tên")


def test_it_lets_the_responsible_member_report_and_no_one_else(cast: Cast, task_xa: Task) -> None:
    assert services.can_report(cast.user("lan"), task_xa)  # leader of XA (and responsible)
    assert services.can_report(cast.user("alice"), task_xa)
    for username in ("dave", "eve", "charlie", "bob"):
        assert not services.can_report(cast.user(username), task_xa)
    assert not services.can_report(AnonymousUser(), task_xa)


def test_it_updates_a_task_switching_the_owner_kind(
    cast: Cast, task_xa: Task, agency_ubnd: Agency
) -> None:
    updated = services.update_task(
        cast.user("alice"), task_xa, owner_agency=agency_ubnd, deadline="20/3/2022", weight=3
    )
    updated.refresh_from_db()
    assert (updated.owner_org, updated.owner_agency) == (None, agency_ubnd)
    assert (updated.deadline, updated.deadline_precision, updated.weight) == (
        date(2022, 3, 20),
        "day",
        3,
    )
    assert updated.history.first().history_user == cast.user("alice")


def test_it_refuses_to_change_a_finished_task(cast: Cast, task_xa: Task) -> None:
    services.complete_task(cast.user("alice"), task_xa, completed_on=date(2022, 2, 10))
    with pytest.raises(ValidationError, match="đã kết thúc"):
        services.update_task(cast.user("alice"), task_xa, title="Đổi tên")
    task_xa.refresh_from_db()
    assert task_xa.title == "Xây dựng kế hoạch kiểm tra, giám sát năm 2022"


def test_it_keeps_sub_tasks_one_level_in_the_same_programme(
    cast: Cast, task_xa: Task, task_dong: Task
) -> None:
    alice = cast.user("alice")
    child = services.add_task(
        alice,
        task_xa.programme,
        title="Con",
        deadline="2/2022",
        owner_org=cast.org("XA"),
        parent=task_xa,
    )
    with pytest.raises(ValidationError, match="một cấp"):
        services.add_task(
            alice,
            task_xa.programme,
            title="Cháu",
            deadline="2/2022",
            owner_org=cast.org("XA"),
            parent=child,
        )
    with pytest.raises(ValidationError, match="đã có nhiệm vụ con"):
        services.update_task(alice, task_xa, parent=task_dong)


def test_it_refuses_documents_the_user_cannot_see(cast: Cast, programme_q1: Programme) -> None:
    hidden = incoming_document(cast, "eve", "XB")
    with pytest.raises(ValidationError) as caught:
        services.add_task(
            cast.user("alice"),
            programme_q1,
            title="Việc",
            deadline="3/2022",
            owner_org=cast.org("XA"),
            documents=[hidden],
        )
    assert "documents" in caught.value.message_dict


def test_it_changes_a_title_without_rechecking_people_not_given(cast: Cast, task_xa: Task) -> None:
    Task.objects.filter(pk=task_xa.pk).update(responsible=cast.member("Hoàng Văn Em"))
    task_xa.refresh_from_db()
    changed = services.update_task(cast.user("alice"), task_xa, title="Kế hoạch kiểm tra")
    assert changed.title == "Kế hoạch kiểm tra"
    with pytest.raises(ValidationError) as caught:
        services.update_task(cast.user("alice"), task_xa, responsible=cast.member("Đỗ Thị Giang"))
    assert "responsible" in caught.value.message_dict
