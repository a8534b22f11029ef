"""Who may take which step (the buttons the pages show, the refusals the services raise)."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from dangvu.core import scope
from dangvu.evaluations.models import EvaluationPeriod
from dangvu.evaluations.permissions import (
    can_decide_group,
    can_manage_period,
    can_manage_subject,
    can_open_period,
    can_take,
    deciding_path,
)
from tests.evaluations.helpers import make_period, member_row, org_row
from tests.fixtures.cast import Cast

USERS = ["alice", "lan", "dave", "bob", "charlie", "eve", "root"]


def _allowed(cast: Cast, row: Any, step: str) -> set[str]:
    return {name for name in USERS if can_take(cast.user(name), row, step)}


@pytest.fixture
def period(cast: Cast) -> EvaluationPeriod:
    return make_period(cast)


def test_it_lets_the_member_the_secretary_and_the_committee_self_assess(
    cast: Cast, period: EvaluationPeriod
) -> None:
    row = member_row(period, "Lê Văn Cường")
    assert _allowed(cast, row, "self") == {"charlie", "bob", "alice", "lan", "root"}


def test_it_keeps_a_member_of_another_cell_from_the_secretary(
    cast: Cast, period: EvaluationPeriod
) -> None:
    row = member_row(period, "Phạm Thị Dung")
    assert _allowed(cast, row, "self") == {"alice", "lan", "root"}
    assert _allowed(cast, row, "proposal") == {"alice", "lan", "root"}


def test_it_lets_the_cell_and_the_committee_propose(cast: Cast, period: EvaluationPeriod) -> None:
    row = member_row(period, "Lê Văn Cường")
    assert _allowed(cast, row, "proposal") == {"bob", "alice", "lan", "root"}


def test_it_lets_only_the_deciding_body_decide(cast: Cast, period: EvaluationPeriod) -> None:
    assert _allowed(cast, member_row(period, "Lê Văn Cường"), "decision") == {
        "alice",
        "lan",
        "root",
    }
    assert _allowed(cast, org_row(period, "XA"), "decision") == {"root"}


def test_it_lets_an_organisation_assess_itself(cast: Cast, period: EvaluationPeriod) -> None:
    assert _allowed(cast, org_row(period, "XA-DONG"), "self") == {"bob", "alice", "lan", "root"}
    assert _allowed(cast, org_row(period, "XA"), "self") == {"alice", "lan", "root"}
    assert _allowed(cast, org_row(period, "XA-DONG"), "proposal") == {"root"}


def test_it_refuses_an_anonymous_user_and_an_unknown_step(
    cast: Cast, period: EvaluationPeriod
) -> None:
    row = member_row(period, "Lê Văn Cường")
    assert not can_take(AnonymousUser(), row, "self")
    assert not can_take(cast.user("alice"), row, "signature")
    assert not can_decide_group(AnonymousUser(), cast.org("XA"))


def test_it_decides_groups_only_at_the_body_itself(cast: Cast) -> None:
    xa, h01 = cast.org("XA"), cast.org("H01")
    assert can_decide_group(cast.user("alice"), xa) and can_decide_group(cast.user("lan"), xa.pk)
    assert not can_decide_group(cast.user("alice"), h01)
    assert not can_decide_group(cast.user("dave"), xa)
    assert not can_decide_group(cast.user("eve"), xa)


def test_it_manages_periods_and_subjects_from_the_committee_or_above(
    cast: Cast, period: EvaluationPeriod
) -> None:
    assert can_open_period(cast.user("alice"), cast.org("XA"))
    assert not can_open_period(cast.user("alice"), cast.org("H01"))
    assert can_manage_period(cast.user("lan"), period) and not can_manage_period(
        cast.user("bob"), period
    )
    assert can_manage_subject(cast.user("alice"), member_row(period, "Lê Văn Cường"))
    assert not can_manage_subject(cast.user("alice"), org_row(period, "XA"))


def test_it_reads_the_deciding_path_off_the_row_without_a_query(
    cast: Cast, period: EvaluationPeriod, django_assert_num_queries: Any
) -> None:
    row, commune = member_row(period, "Lê Văn Cường"), org_row(period, "XA")
    alice, xa_path, h01_path = cast.user("alice"), cast.org("XA").path, cast.org("H01").path
    scope.grants(alice)
    with django_assert_num_queries(0):
        assert (deciding_path(row), deciding_path(commune)) == (xa_path, h01_path)
        assert can_take(alice, row, "decision") and can_take(alice, row, "proposal")
