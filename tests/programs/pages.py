"""The scene of the programme page tests: XA's programmes of Q4/2021, Q1/2022 and Q2/2022.

* Q1/2022 (``programme_q1``): ``task_xa`` (the commune's, key, tháng 2/2022),
  ``task_dong`` (cell XA-DONG's, 31/3/2022), a task of the commune's People's
  Committee, a finished task with an evidence file; its review is open and
  names Q2 as the next programme.
* Q2/2022: no review yet (the review form of the programme page).
* Q4/2021: its review is closed (the reopen form).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

from dangvu.organizations.models import Agency
from dangvu.programs import services, services_reviews
from dangvu.programs.models import Programme, Review, Task, TaskFile
from tests.fixtures.cast import Cast

AGENCY_TASK = "Rà soát hộ nghèo, cận nghèo năm 2022"
DONE_TASK = "Tổng kết công tác năm 2021"


@dataclass
class Scene:
    q1: Programme
    q2: Programme
    q4: Programme
    task_xa: Task
    task_dong: Task
    agency_task: Task
    done_task: Task
    agency: Agency
    review: Review
    closed_review: Review
    file: TaskFile


def build_scene(cast: Cast, q1: Programme, task_xa: Task, task_dong: Task, agency: Agency) -> Scene:
    alice, xa = cast.user("alice"), cast.org("XA")
    q2 = services.create_programme(alice, organization=xa, period="2022-Q2")
    q4 = services.create_programme(alice, organization=xa, period="2021-Q4")
    agency_task = services.add_task(
        alice, q1, title=AGENCY_TASK, deadline="quý 1/2022", owner_agency=agency
    )
    done = services.add_task(alice, q1, title=DONE_TASK, deadline="15/1/2022", owner_org=xa)
    services.complete_task(alice, done, completed_on=date(2022, 1, 10))
    upload = SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4 minh chung", "application/pdf")
    file = services.add_task_file(alice, done, title="Báo cáo tổng kết", upload=upload)
    review = services_reviews.open_review(alice, q1, held_on=date(2022, 4, 7), next_programme=q2)
    closed = services_reviews.open_review(alice, q4, held_on=date(2022, 1, 5))
    services_reviews.close_review(alice, closed, closed_on=date(2022, 1, 6))
    return Scene(q1, q2, q4, task_xa, task_dong, agency_task, done, agency, review, closed, file)
