"""The figures of a review: counts of top-level tasks by status, body and person, in one query."""

from __future__ import annotations

from datetime import date
from typing import Any

from dangvu.organizations.models import Agency
from dangvu.programs import services
from dangvu.programs.figures import ReviewFigures, review_figures
from dangvu.programs.models import Programme, Task
from tests.fixtures.cast import Cast


def _quarter(cast: Cast, programme: Programme, agency: Agency) -> None:
    """Five top-level tasks (one of them with a sub-task) in every state a review meets."""
    alice = cast.user("alice")

    def add(title: str, deadline: str, **owner: Any) -> Task:
        return services.add_task(alice, programme, title=title, deadline=deadline, **owner)

    done = add("Đúng hạn", "2/2022", owner_agency=agency, is_key=True)
    services.complete_task(alice, done, completed_on=date(2022, 2, 15))
    late = add("Chậm", "20/3/2022", owner_agency=agency)
    services.complete_task(alice, late, completed_on=date(2022, 3, 25))
    failed = add("Không xong", "3/2022", owner_org=cast.org("XA"))
    services.mark_not_done(alice, failed, result_note="Thiếu kinh phí")
    add("Quá hạn", "10/3/2022", owner_org=cast.org("XA"), responsible=cast.member("Nguyễn Văn An"))
    parent = add("Còn hạn", "quý 1/2022", owner_org=cast.org("XA-DONG"))
    services.add_task(
        alice, programme, title="Con", deadline="3/2022", owner_org=cast.org("XA"), parent=parent
    )


def test_it_counts_top_level_tasks_by_status_in_one_query(
    cast: Cast, programme_q1: Programme, agency_ubnd: Agency, django_assert_num_queries: Any
) -> None:
    _quarter(cast, programme_q1, agency_ubnd)
    with django_assert_num_queries(1):
        figures = review_figures(programme_q1, date(2022, 3, 20))
    assert (figures.total, figures.key, figures.open) == (5, 1, 2)
    assert (figures.done, figures.done_late, figures.not_done, figures.carried_over) == (1, 1, 1, 0)
    assert figures.overdue == 1  # due 10/3, open on 20/3; "Còn hạn" is due 31/3
    assert figures.finished_share == 40.0


def test_it_counts_by_body_and_by_person(
    cast: Cast, programme_q1: Programme, agency_ubnd: Agency
) -> None:
    _quarter(cast, programme_q1, agency_ubnd)
    figures = review_figures(programme_q1, date(2022, 4, 1))
    rows = {(r.kind, r.name): r for r in figures.by_body}
    ubnd = rows[("agency", "Ủy ban nhân dân xã Hòa An")]
    assert (ubnd.total, ubnd.done, ubnd.done_late, ubnd.id) == (2, 1, 1, agency_ubnd.pk)
    commune = rows[("org", "Đảng bộ xã Hòa An")]
    assert (commune.total, commune.not_done, commune.open, commune.overdue) == (2, 1, 1, 1)
    assert rows[("org", "Chi bộ thôn Đông")].overdue == 1
    assert [r.kind for r in figures.by_body] == ["org", "org", "agency"]
    people = [(r.name, r.total) for r in figures.by_person]
    assert people == [("Nguyễn Văn An", 1), ("Chưa phân công", 4)]


def test_it_counts_nothing_for_an_empty_programme(programme_q1: Programme) -> None:
    figures = review_figures(programme_q1, date(2022, 3, 31))
    assert (figures.total, figures.finished_share, figures.by_body) == (0, None, [])


def test_it_goes_to_json_and_back(cast: Cast, programme_q1: Programme, agency_ubnd: Agency) -> None:
    import json

    _quarter(cast, programme_q1, agency_ubnd)
    figures = review_figures(programme_q1, date(2022, 3, 31))
    again = ReviewFigures.from_dict(json.loads(json.dumps(figures.as_dict())))
    assert again == figures
    assert again.as_of == date(2022, 3, 31)
