"""The course of a task: progress, roll-up, done or done late, not done, reopened, carried over."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from dangvu.programs import services
from dangvu.programs.choices import TaskStatus
from dangvu.programs.models import Programme, Task
from tests.fixtures.cast import Cast


def _sub_tasks(cast: Cast, parent: Task, *weights: int) -> list[Task]:
    return [
        services.add_task(
            cast.user("alice"),
            parent.programme,
            title=f"Bước {n}",
            deadline="2/2022",
            owner_org=cast.org("XA"),
            parent=parent,
            weight=weight,
        )
        for n, weight in enumerate(weights, start=1)
    ]


def test_it_reports_progress_and_starts_the_task(cast: Cast, task_dong: Task) -> None:
    task = services.report_progress(
        cast.user("bob"), task_dong, progress=40, note="Đã họp chi ủy", evidence="Biên bản"
    )
    task.refresh_from_db()
    assert (task.status, task.progress, task.evidence) == (TaskStatus.IN_PROGRESS, 40, "Biên bản")
    assert task.history.first().history_change_reason == "Đã họp chi ủy"
    assert task.history.first().history_user == cast.user("bob")


@pytest.mark.parametrize("progress", [-1, 101, "50", None, True])
def test_it_refuses_a_bad_progress_writing_nothing(
    cast: Cast, task_dong: Task, progress: object
) -> None:
    with pytest.raises(ValidationError) as caught:
        services.report_progress(cast.user("alice"), task_dong, progress=progress)  # type: ignore[arg-type]
    assert "progress" in caught.value.message_dict
    task_dong.refresh_from_db()
    assert (task_dong.status, task_dong.progress) == (TaskStatus.NOT_STARTED, 0)


def test_it_lets_the_responsible_member_report_with_no_role_above(
    cast: Cast, programme_q1: Programme
) -> None:
    task = services.add_task(
        cast.user("alice"),
        programme_q1,
        title="Vận động nhân dân hiến đất làm đường",
        deadline="3/2022",
        owner_org=cast.org("XA"),
        responsible=cast.member("Lê Văn Cường"),
    )
    assert services.report_progress(cast.user("charlie"), task, progress=30).progress == 30
    with pytest.raises(PermissionDenied):
        services.report_progress(cast.user("dave"), task, progress=50)
    with pytest.raises(PermissionDenied):
        services.report_progress(cast.user("eve"), task, progress=50)


def test_it_rolls_weighted_progress_up_to_the_parent(cast: Cast, task_xa: Task) -> None:
    first, second = _sub_tasks(cast, task_xa, 2, 1)
    services.report_progress(cast.user("alice"), first, progress=50)
    services.report_progress(cast.user("alice"), second, progress=51)
    task_xa.refresh_from_db()
    assert (task_xa.progress, task_xa.status) == (50, TaskStatus.IN_PROGRESS)  # 151/3 = 50.33
    services.complete_task(cast.user("alice"), second, completed_on=date(2022, 2, 1))
    task_xa.refresh_from_db()
    assert task_xa.progress == 67  # (2·50 + 100) / 3 = 66.67


def test_it_refuses_progress_on_a_parent(cast: Cast, task_xa: Task) -> None:
    _sub_tasks(cast, task_xa, 1)
    with pytest.raises(ValidationError, match="tính từ các nhiệm vụ con"):
        services.report_progress(cast.user("alice"), task_xa, progress=80)


def test_it_refuses_to_complete_a_parent_before_its_sub_tasks(cast: Cast, task_xa: Task) -> None:
    (child,) = _sub_tasks(cast, task_xa, 1)
    with pytest.raises(ValidationError, match="Còn nhiệm vụ con chưa hoàn thành"):
        services.complete_task(cast.user("alice"), task_xa, completed_on=date(2022, 2, 20))
    services.complete_task(cast.user("alice"), child, completed_on=date(2022, 2, 10))
    done = services.complete_task(cast.user("alice"), task_xa, completed_on=date(2022, 2, 20))
    assert (done.status, done.progress) == (TaskStatus.DONE, 100)


def test_it_completes_on_time_on_the_deadline_and_late_after(
    cast: Cast, task_xa: Task, task_dong: Task
) -> None:
    alice = cast.user("alice")
    on_time = services.complete_task(alice, task_xa, completed_on=date(2022, 2, 28))
    late = services.complete_task(
        alice, task_dong, completed_on=date(2022, 4, 1), result_note="Xong", evidence="Ảnh"
    )
    assert (on_time.status, on_time.completed_on) == (TaskStatus.DONE, date(2022, 2, 28))
    assert (late.status, late.progress, late.result_note) == (TaskStatus.DONE_LATE, 100, "Xong")


def test_it_refuses_a_completion_before_the_period(cast: Cast, task_xa: Task) -> None:
    with pytest.raises(ValidationError) as caught:
        services.complete_task(cast.user("alice"), task_xa, completed_on=date(2021, 12, 31))
    assert "completed_on" in caught.value.message_dict
    task_xa.refresh_from_db()
    assert task_xa.status == TaskStatus.NOT_STARTED


def test_it_refuses_a_completion_after_today(cast: Cast, task_xa: Task) -> None:
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError, match="sau hôm nay"):
        services.complete_task(cast.user("alice"), task_xa, completed_on=tomorrow)
    task_xa.refresh_from_db()
    assert (task_xa.status, task_xa.completed_on) == (TaskStatus.NOT_STARTED, None)


def test_it_marks_not_done_only_with_a_reason(cast: Cast, task_dong: Task) -> None:
    with pytest.raises(ValidationError, match="Ghi lý do không hoàn thành"):
        services.mark_not_done(cast.user("bob"), task_dong, result_note=" ")
    task = services.mark_not_done(cast.user("bob"), task_dong, result_note="Thiếu kinh phí")
    assert (task.status, task.result_note) == (TaskStatus.NOT_DONE, "Thiếu kinh phí")


def test_it_reopens_a_finished_task_with_the_reason_in_history(cast: Cast, task_xa: Task) -> None:
    services.complete_task(cast.user("alice"), task_xa, completed_on=date(2022, 3, 5))
    with pytest.raises(ValidationError, match="Ghi lý do mở lại"):
        services.reopen_task(cast.user("alice"), task_xa, reason="")
    task = services.reopen_task(cast.user("lan"), task_xa, reason="Kế hoạch bị trả lại")
    assert (task.status, task.completed_on) == (TaskStatus.IN_PROGRESS, None)
    assert task.history.first().history_change_reason == "Kế hoạch bị trả lại"
    with pytest.raises(ValidationError, match="đang thực hiện"):
        services.reopen_task(cast.user("lan"), task, reason="Lần nữa")


@pytest.fixture
def programme_q2(cast: Cast) -> Programme:
    return services.create_programme(
        cast.user("alice"), organization=cast.org("XA"), period="2022-Q2"
    )


def test_it_carries_a_task_over_keeping_the_old_and_its_history(
    cast: Cast, task_dong: Task, programme_q2: Programme
) -> None:
    services.report_progress(cast.user("bob"), task_dong, progress=60)
    new = services.carry_over(
        cast.user("alice"), task_dong, to_programme=programme_q2, reason="Chưa xong"
    )
    task_dong.refresh_from_db()
    assert task_dong.status == TaskStatus.CARRIED_OVER
    assert task_dong.history.count() == 3  # created, progress, carried over
    assert (new.carried_from, new.programme, new.progress) == (task_dong, programme_q2, 60)
    assert (new.status, new.owner_org, new.responsible) == (
        TaskStatus.IN_PROGRESS,
        task_dong.owner_org,
        task_dong.responsible,
    )
    assert (new.deadline, new.deadline_precision) == (date(2022, 6, 30), "quarter")
    assert task_dong.carried_to == new


def test_it_carries_over_with_a_new_deadline_and_the_documents(
    cast: Cast, task_xa: Task, programme_q2: Programme
) -> None:
    from tests.programs.conftest import incoming_document

    document = incoming_document(cast)
    services.update_task(cast.user("alice"), task_xa, documents=[document])
    new = services.carry_over(
        cast.user("alice"), task_xa, to_programme=programme_q2, deadline="tháng 4/2022"
    )
    assert (new.deadline, new.deadline_precision) == (date(2022, 4, 30), "month")
    assert list(new.documents.all()) == [document]


def test_it_refuses_to_carry_over_to_an_earlier_or_another_organisations_programme(
    cast: Cast, task_xa: Task, programme_q1: Programme
) -> None:
    alice = cast.user("alice")
    earlier = services.create_programme(alice, organization=cast.org("XA"), period="2021-Q4")
    cell = services.create_programme(alice, organization=cast.org("XA-DONG"), period="2022-Q2")
    for target in (earlier, programme_q1, cell):
        with pytest.raises(ValidationError) as caught:
            services.carry_over(alice, task_xa, to_programme=target)
        assert "to_programme" in caught.value.message_dict
    task_xa.refresh_from_db()
    assert task_xa.status == TaskStatus.NOT_STARTED
    assert not Task.objects.filter(carried_from=task_xa).exists()


def test_it_refuses_to_carry_over_a_finished_task(
    cast: Cast, task_xa: Task, programme_q2: Programme
) -> None:
    services.complete_task(cast.user("alice"), task_xa, completed_on=date(2022, 2, 1))
    with pytest.raises(ValidationError, match="chưa hoàn thành"):
        services.carry_over(cast.user("alice"), task_xa, to_programme=programme_q2)


def test_it_lets_bob_report_but_not_carry_over(
    cast: Cast, task_dong: Task, programme_q2: Programme
) -> None:
    with pytest.raises(PermissionDenied):
        services.carry_over(cast.user("bob"), task_dong, to_programme=programme_q2)


def test_it_carries_the_open_sub_tasks_with_their_parent(
    cast: Cast, task_xa: Task, programme_q2: Programme
) -> None:
    first, second = _sub_tasks(cast, task_xa, 1, 1)
    services.complete_task(cast.user("alice"), first, completed_on=date(2022, 2, 1))
    services.report_progress(cast.user("alice"), second, progress=20)
    new = services.carry_over(cast.user("alice"), task_xa, to_programme=programme_q2)
    (moved,) = new.sub_tasks.all()
    assert (moved.carried_from, moved.progress) == (second, 20)
    assert new.progress == 20
    second.refresh_from_db()
    assert second.status == TaskStatus.CARRIED_OVER


def test_it_attaches_an_evidence_file_of_a_known_kind(cast: Cast, task_dong: Task) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    good = SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4")
    attached = services.add_task_file(cast.user("bob"), task_dong, title="", upload=good)
    assert (attached.title, attached.org_path) == ("bien-ban.pdf", task_dong.org_path)
    with pytest.raises(ValidationError) as caught:
        services.add_task_file(
            cast.user("bob"), task_dong, title="x", upload=SimpleUploadedFile("x.exe", b"MZ")
        )
    assert "upload" in caught.value.message_dict
    with pytest.raises(PermissionDenied):
        services.add_task_file(cast.user("dave"), task_dong, title="x", upload=good)
