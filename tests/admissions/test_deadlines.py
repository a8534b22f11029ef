"""The admission deadlines of the inbox: ceremonies, probations, recognitions, certificates."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext

from dangvu.admissions import deadlines, rules, services
from dangvu.admissions.choices import Stage
from tests.admissions.helpers import CEREMONY, advance_to, decided, propose
from tests.fixtures.cast import Cast


def _kinds(cast: Cast, user: str, today: date, days: int = 60) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for item in deadlines.items(cast.user(user), None, today, today + timedelta(days=days)):
        found.setdefault(item.kind, []).append(item.name)
    return found


def test_it_shows_a_ceremony_due_until_it_is_held(cast: Cast) -> None:
    candidate = decided(cast)
    items = deadlines.items(cast.user("alice"), None, date(2024, 6, 4), date(2024, 8, 1))
    ceremony = next(i for i in items if i.kind == "ceremony_due")
    assert ceremony.due_on == rules.ceremony_due(date(2024, 6, 3))
    assert ceremony.candidate_id == candidate.pk
    services.admit_candidate(candidate, actor=None, ceremony_date=CEREMONY)
    assert "ceremony_due" not in _kinds(cast, "alice", date(2024, 6, 4))


def test_it_shows_a_late_ceremony_as_overdue(cast: Cast) -> None:
    decided(cast)
    items = deadlines.items(cast.user("alice"), None, date(2024, 9, 1), date(2024, 9, 30))
    assert items[0].overdue_on(date(2024, 9, 1))


def test_it_shows_the_probation_ending_then_the_recognition_due(cast: Cast) -> None:
    member = services.admit_candidate(decided(cast), actor=None, ceremony_date=CEREMONY)
    before = deadlines.items(cast.user("alice"), None, date(2025, 6, 1), date(2025, 6, 30))
    ending = [i for i in before if i.member_id == member.pk]
    assert [(i.kind, i.due_on) for i in ending] == [("probation_ending", date(2025, 6, 20))]
    after = deadlines.items(cast.user("alice"), None, date(2025, 9, 1), date(2025, 9, 30))
    due = next(i for i in after if i.member_id == member.pk)
    assert (due.kind, due.due_on) == ("recognition_due", rules.recognition_due(CEREMONY))
    assert due.overdue_on(date(2025, 9, 1))


def test_it_drops_the_recognition_once_recognised(cast: Cast) -> None:
    hung = cast.member("Đỗ Văn Hùng")
    assert "Đỗ Văn Hùng" in _kinds(cast, "alice", date(2026, 6, 10))["recognition_due"]
    services.recognise_member(
        hung,
        actor=None,
        meeting_date=date(2026, 6, 10),
        decided_by="",
        decision_number="",
        decision_date=None,
    )
    assert "recognition_due" not in _kinds(cast, "alice", date(2026, 6, 10))


def test_it_shows_a_certificate_about_to_expire(cast: Cast) -> None:
    advance_to(cast, propose(cast), Stage.FILE_PREPARED)
    found = _kinds(cast, "alice", date(2029, 2, 1), days=30)
    assert found["certificate_expiring"] == ["Vũ Minh Khang"]
    assert "certificate_expiring" not in _kinds(cast, "alice", date(2028, 1, 1), days=30)


def test_it_keeps_items_in_scope(cast: Cast) -> None:
    decided(cast)
    assert "ceremony_due" not in _kinds(cast, "eve", date(2024, 6, 4))
    xb = cast.org("XB")
    assert not deadlines.items(cast.user("alice"), xb, date(2024, 6, 4), date(2024, 8, 1))


def test_it_is_collected_by_the_inbox(cast: Cast) -> None:
    from dangvu.core.deadlines import collect

    try:
        items = collect(cast.user("alice"), None, date(2026, 6, 10), date(2026, 7, 10))
    except (ImportError, AttributeError):
        items = deadlines.items(cast.user("alice"), None, date(2026, 6, 10), date(2026, 7, 10))
    assert any(i.kind == "recognition_due" and i.name == "Đỗ Văn Hùng" for i in items)


def test_it_uses_a_fixed_number_of_queries(cast: Cast) -> None:
    user = cast.user("alice")
    today = date(2024, 6, 4)
    decided(cast)
    deadlines.items(user, None, today, today)  # the user's roles are read once
    with CaptureQueriesContext(connection) as few:
        deadlines.items(user, None, today, today + timedelta(days=60))
    decided(cast, name="Vũ Minh Khôi", serial=102)
    with CaptureQueriesContext(connection) as many:
        found = deadlines.items(user, None, today, today + timedelta(days=60))
    assert len(many) == len(few) == 3
    assert len([i for i in found if i.kind == "ceremony_due"]) == 2
