"""The evaluation services on the cast: the cascade, the quota, the forced cases, scope."""

from __future__ import annotations

from dangvu.evaluations import services
from dangvu.evaluations.choices import Level, Stage, SubjectKind
from dangvu.evaluations.models import Evaluation
from tests.evaluations.helpers import make_period, member_row, org_row, walk
from tests.fixtures.cast import Cast


def test_it_opens_a_period_with_one_row_per_subject(cast: Cast) -> None:
    period = make_period(cast)
    assert period.rules == "366"
    members = Evaluation.objects.filter(period=period, kind=SubjectKind.MEMBER)
    assert {e.member.full_name for e in members} == {
        "Nguyễn Văn An",
        "Trần Thị Bích",
        "Lê Văn Cường",
        "Phạm Thị Dung",
        "Đỗ Văn Hùng",
    }
    orgs = Evaluation.objects.filter(period=period, kind=SubjectKind.ORGANIZATION)
    assert {e.subject_org.code: e.deciding_org.code for e in orgs} == {
        "XA": "H01",
        "XA-DONG": "XA",
        "XA-TH": "XA",
    }


def test_it_walks_a_member_to_the_decision_and_finalizes(cast: Cast) -> None:
    period = make_period(cast)
    walk(cast, member_row(period, "Lê Văn Cường"), Level.GOOD)
    for name in ("Nguyễn Văn An", "Trần Thị Bích", "Phạm Thị Dung", "Đỗ Văn Hùng"):
        walk(cast, member_row(period, name), Level.GOOD)
    row = member_row(period, "Lê Văn Cường")
    assert (row.stage, row.decided_level) == (Stage.DECIDED, Level.GOOD)
    final = services.finalize(
        cast.user("alice"), period, deciding_org=cast.org("XA"), kind="member"
    )
    assert (final.good, final.limit) == (5, 1)
    walk(cast, org_row(period, "XA-DONG"), Level.GOOD)
