"""The demo's annual reviews reproduce seed 003 (Bắc Bình) and seed 004 (Tháp Mười).

The figures are read back through ``summary.evaluation_summary`` (what the page
and the API show), never from the demo's own constants.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils import timezone

from dangvu.accounts.models import User
from dangvu.core.demo import DemoResult, load_demo
from dangvu.core.demo.evaluations import build_evaluations
from dangvu.evaluations import services
from dangvu.evaluations.choices import Level, PeriodState, Stage, SubjectKind
from dangvu.evaluations.models import (
    Commendation,
    DisciplineRecord,
    Evaluation,
    EvaluationPeriod,
    Finalization,
)
from dangvu.evaluations.rules import RULES_366, level_for_score, quota_limit
from dangvu.evaluations.summary import evaluation_summary, quota_rows
from dangvu.organizations.models import Organization

BAC_BINH, THAP_MUOI = "VP-LT-BB", "DT-TM"


def org(code: str) -> Organization:
    return Organization.objects.get(code=code)


def period(code: str, year: int) -> EvaluationPeriod:
    return EvaluationPeriod.objects.get(organization__code=code, year=year, quarter=0)


def cell_rows(year: int, suffix: str) -> list[Evaluation]:
    return list(
        Evaluation.objects.filter(
            period=period(BAC_BINH, year),
            kind=SubjectKind.MEMBER,
            unit__code=f"{BAC_BINH}-{suffix}",
        ).exclude(stage=Stage.NOT_EVALUATED)
    )


def test_it_ranks_bac_binh_cells_as_seed_003(demo: DemoResult) -> None:
    cells = evaluation_summary(org(BAC_BINH), 2021)["cells"]
    assert (cells["total"], cells["excellent"], cells["good"], cells["completed"]) == (11, 3, 7, 1)
    assert cells["excellent"] + cells["good"] == 10
    assert cells["good_or_better_share"] == round(10 / 11, 4)


def test_it_ranks_bac_binh_members_as_seed_003(demo: DemoResult) -> None:
    summary = evaluation_summary(org(BAC_BINH), 2021)
    members = summary["members"]
    assert summary["rules"] == "Quy định 132-QĐ/TW"
    assert 0.88 <= members["completed_or_better_share"] <= 0.90
    assert members["excellent_share"] > 0.19
    assert members["pending"] == 0 and members["not_evaluated"] > 0
    assert "/315 = " in summary["shares_explained"]["members_completed_or_better"]


def test_it_does_not_evaluate_the_exempt_members(demo: DemoResult) -> None:
    rows = Evaluation.objects.filter(period=period(BAC_BINH, 2021), stage=Stage.NOT_EVALUATED)
    assert rows.count() == evaluation_summary(org(BAC_BINH), 2021)["members"]["not_evaluated"]
    assert set(rows.values_list("not_evaluated_reason", flat=True)) == {
        "Miễn công tác và sinh hoạt đảng"
    }
    assert not rows.exclude(decided_level="").exists()


def test_it_records_the_districts_permission_before_finalising(demo: DemoResult) -> None:
    quota = evaluation_summary(org(BAC_BINH), 2021)["quota"]
    assert {row["kind"] for row in quota} == {SubjectKind.MEMBER, SubjectKind.ORGANIZATION}
    for row in quota:
        assert row["exceeded"] and row["excellent"] > row["limit"], row
        assert row["exception"]["authority"] == "Ban Thường vụ Huyện ủy Lập Thạch"
        assert row["exception"]["number"] and row["exception"]["reason"]
        assert row["finalized"], row
    assert period(BAC_BINH, 2021).state == PeriodState.CLOSED


def test_it_has_the_district_decide_the_commune(demo: DemoResult) -> None:
    commune = Evaluation.objects.get(period=period(BAC_BINH, 2021), subject_org__code=BAC_BINH)
    assert commune.deciding_org.code == "VP-LT"
    assert (commune.self_level, commune.decided_level) == (Level.EXCELLENT, Level.GOOD)
    assert Finalization.objects.filter(
        period=commune.period, deciding_org=commune.deciding_org, active=True
    ).exists()


def test_it_forces_not_completed_for_the_members_disciplined_in_2021(demo: DemoResult) -> None:
    records = DisciplineRecord.objects.filter(
        org_path__startswith=org(BAC_BINH).path, decided_on__year=2021
    )
    assert records.count() == 2
    rows = Evaluation.objects.filter(
        period=period(BAC_BINH, 2021), member__in=records.values("member")
    )
    assert [(r.decided_level, bool(r.forced_reason)) for r in rows] == [
        (Level.NOT_COMPLETED, True)
    ] * 2


def test_it_keeps_most_steps_equal_and_lowers_a_few_proposals(demo: DemoResult) -> None:
    rows = list(
        Evaluation.objects.filter(period=period(BAC_BINH, 2021), stage=Stage.DECIDED).filter(
            kind=SubjectKind.MEMBER
        )
    )
    lowered = [r for r in rows if r.proposed_level != r.decided_level]
    assert 0 < len(lowered) <= 10
    assert {(r.proposed_level, r.decided_level) for r in lowered} == {(Level.EXCELLENT, Level.GOOD)}
    same = [r for r in rows if r.self_level == r.proposed_level == r.decided_level]
    assert len(same) > 0.8 * len(rows)


def test_it_ranks_seven_thap_muoi_organisations_excellent(demo: DemoResult) -> None:
    rows = Evaluation.objects.filter(period=period(THAP_MUOI, 2021), kind=SubjectKind.ORGANIZATION)
    excellent = rows.filter(decided_level=Level.EXCELLENT)
    assert excellent.count() == 7
    assert {e.subject_org.level for e in excellent.select_related("subject_org")} == {
        "grassroots",
        "cell",
    }
    assert not rows.exclude(stage=Stage.DECIDED).exists()


def test_it_commends_each_excellent_thap_muoi_organisation(demo: DemoResult) -> None:
    commendations = Commendation.objects.filter(evaluation__period=period(THAP_MUOI, 2021))
    assert commendations.count() == 7
    assert len({c.evaluation_id for c in commendations}) == 7
    assert {c.evaluation.decided_level for c in commendations} == {Level.EXCELLENT}
    assert {(c.form, c.authority) for c in commendations} == {
        ("certificate", "Ban Thường vụ Huyện ủy Tháp Mười")
    }
    assert all(c.decision_number and c.decided_on.year == 2022 for c in commendations)


def test_it_covers_every_thap_muoi_group_over_its_quota(demo: DemoResult) -> None:
    rows = quota_rows(period(THAP_MUOI, 2021))
    over = [r for r in rows if r.exceeded]
    assert over and all(r.kind == SubjectKind.ORGANIZATION for r in over)
    assert all(r.exception is not None for r in over)
    assert all(r.finalization is not None and r.pending == 0 for r in rows)
    members = evaluation_summary(org(THAP_MUOI), 2021)["members"]
    assert members["excellent"] > 0 and members["not_evaluated"] > 0


def test_it_leaves_bac_binh_2025_half_finished(demo: DemoResult) -> None:
    the_period = period(BAC_BINH, 2025)
    assert (the_period.rules, the_period.opened_on) == ("366", date(2025, 12, 1))
    for suffix in [f"{i:02d}" for i in range(2, 12)]:
        assert {r.stage for r in cell_rows(2025, suffix)} == {Stage.DECIDED}, suffix
    first = Counter(r.stage for r in cell_rows(2025, "01"))
    assert first[Stage.PENDING] == 1 and set(first) == {Stage.PENDING, Stage.SELF_ASSESSED}
    assert not Finalization.objects.filter(period=the_period).exists()


def test_it_leaves_the_demo_plain_member_to_self_assess(demo: DemoResult) -> None:
    pending = next(r for r in cell_rows(2025, "01") if r.stage == Stage.PENDING)
    user = User.objects.get(username="bacbinh.member")
    assert pending.member_id == user.member_id
    services.self_assess(user, pending, criteria={"general": 28, "results": 65})
    pending.refresh_from_db()
    assert (pending.stage, pending.self_level) == (Stage.SELF_ASSESSED, Level.EXCELLENT)


def test_it_self_assesses_bac_binh_2025_cells_and_decides_all_but_the_first(
    demo: DemoResult,
) -> None:
    cells = Evaluation.objects.filter(
        period=period(BAC_BINH, 2025), subject_org__level="cell"
    ).select_related("subject_org")
    stages = {e.subject_org.code[-2:]: e.stage for e in cells}  # type: ignore[union-attr]
    assert stages.pop("01") == Stage.SELF_ASSESSED
    assert set(stages.values()) == {Stage.DECIDED} and len(stages) == 10


def test_it_scores_2025_by_the_criteria_of_the_366_rules(demo: DemoResult) -> None:
    rows = Evaluation.objects.filter(period=period(BAC_BINH, 2025)).exclude(self_score=None)
    assert rows.count() > 300
    for row in rows:
        general, results = (Decimal(row.self_criteria[k]) for k in ("general", "results"))
        assert general <= 30 and results <= 70 and general + results == row.self_score
        assert row.self_level == level_for_score(RULES_366, row.self_score)
        if row.decided_score is not None:
            assert row.decided_level == level_for_score(RULES_366, row.decided_score)


@pytest.mark.parametrize("pending_score", [(28, 65), (20, 50)])
def test_it_refuses_to_finalise_2025_members_over_the_quota(
    demo: DemoResult, pending_score: tuple[int, int]
) -> None:
    staff, the_period = User.objects.get(username="bacbinh.staff"), period(BAC_BINH, 2025)
    rows = cell_rows(2025, "01")
    pending = next(r for r in rows if r.stage == Stage.PENDING)
    general, results = pending_score
    services.self_assess(staff, pending, criteria={"general": general, "results": results})
    entries = [{"evaluation": r.pk, "score": r.self_score} for r in cell_rows(2025, "01")]
    services.propose_many(staff, the_period, entries)
    services.decide_many(staff, the_period, entries)
    with pytest.raises(ValidationError, match="vượt giới hạn"):
        services.finalize(staff, the_period, deciding_org=org(BAC_BINH), kind=SubjectKind.MEMBER)


def test_it_is_over_the_quota_before_cell_01_is_decided(demo: DemoResult) -> None:
    rows = [r for r in Evaluation.objects.filter(period=period(BAC_BINH, 2025), kind="member")]
    levels = Counter(r.decided_level or r.self_level for r in rows if r.self_level)
    rate = period(BAC_BINH, 2025).quota_rate
    assert levels[Level.EXCELLENT] > quota_limit(levels[Level.GOOD] + 1, rate)


def test_it_enters_every_step_as_the_demo_administrator(demo: DemoResult) -> None:
    rows = Evaluation.objects.filter(period__year__in=[2021, 2025]).exclude(self_on=None)
    assert set(rows.values_list("self_by__username", flat=True)) == {"admin"}
    history = Evaluation.history.filter(period__year=2021, history_type="~")
    assert set(history.values_list("history_user__username", flat=True)) == {"admin"}


def test_a_second_load_writes_nothing_more(demo: DemoResult) -> None:
    before = {m._meta.label: m._default_manager.count() for m in apps.get_models()}
    assert build_evaluations(timezone.localdate()) == 0
    load_demo()
    assert {m._meta.label: m._default_manager.count() for m in apps.get_models()} == before
