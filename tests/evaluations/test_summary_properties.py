"""The summary's arithmetic on generated rankings (hypothesis; issue 6, item 8).

A district period (H01) over both communes of the cast is filled with
generated outcomes — not evaluated, pending, or one of the four levels — for
the members of every cell, the cells and the communes, under a generated
quota rate and rounding. Whatever the data: the counts add up, every share is
count / evaluated, the limits are the quota of each deciding body, and the
figures of the two communes add up to the district's.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dangvu.evaluations.choices import LEVEL_ORDER, Level, Rounding, Stage, SubjectKind
from dangvu.evaluations.models import Evaluation, EvaluationPeriod
from dangvu.evaluations.rules import quota_limit
from dangvu.evaluations.summary import evaluation_summary, quota_rows
from dangvu.members.models import Member
from dangvu.members.rules import make_national_id
from dangvu.members.services import create_member
from tests.fixtures.cast import Cast

CELLS = ("XA-DONG", "XA-TH", "XB-BAC")
ORGS = ("XA-DONG", "XA-TH", "XB-BAC", "XA", "XB")
EXTRA_PER_CELL = 5
NOT_EVALUATED, PENDING = "not_evaluated", "pending"
OUTCOMES = st.sampled_from([NOT_EVALUATED, PENDING, *[str(level) for level in LEVEL_ORDER]])
RATES = st.sampled_from([Decimal("0.10"), Decimal("0.20"), Decimal("0.25"), Decimal("0.50")])
ROUNDINGS = st.sampled_from([str(choice) for choice in Rounding])


def _pool(cast: Cast) -> dict[str, list[Member]]:
    """The cast's members and a few more in each cell, built once per test."""
    for index, code in enumerate(CELLS):
        for n in range(EXTRA_PER_CELL):
            serial = 100 + index * 10 + n
            birth = date(1980, 1 + n, 10 + index)
            create_member(
                actor=None,
                cell=cast.org(code),
                data={
                    "full_name": f"Đảng Viên Thử {serial}",
                    "gender": "male",
                    "birth_date": birth,
                    "national_id": make_national_id(25, "male", birth, serial),
                    "ceremony_date": date(2010, 3, 1),
                    "official_date": date(2011, 3, 1),
                },
            )
    return {code: list(Member.objects.filter(cell__code=code).order_by("id")) for code in CELLS}


def _outcomes() -> st.SearchStrategy[dict[str, Any]]:
    most = 2 + EXTRA_PER_CELL  # the smallest cells of the pool: XA-TH and XB-BAC, 2 + 5
    return st.fixed_dictionaries(
        {
            "members": st.fixed_dictionaries(
                {code: st.lists(OUTCOMES, max_size=most) for code in CELLS}
            ),
            "orgs": st.fixed_dictionaries({code: OUTCOMES for code in ORGS}),
            "rate": RATES,
            "rounding": ROUNDINGS,
        }
    )


def _row(period: EvaluationPeriod, outcome: str, **subject: Any) -> Evaluation:
    stage, level = Stage.DECIDED, outcome
    if outcome == NOT_EVALUATED:
        stage, level = Stage.NOT_EVALUATED, ""
    elif outcome == PENDING:
        stage, level = Stage.PROPOSED, ""
    return Evaluation(period=period, stage=stage, decided_level=level, **subject)


def _fill(cast: Cast, pool: dict[str, list[Member]], data: dict[str, Any]) -> EvaluationPeriod:
    """Generated rows written straight to the tables: the summary only reads them."""
    h01 = cast.org("H01")
    period = EvaluationPeriod.objects.create(
        organization=h01,
        org_path=h01.path,
        year=2021,
        rules="132",
        opened_on=date(2021, 11, 1),
        quota_rate=data["rate"],
        quota_rounding=data["rounding"],
    )
    orgs = {code: cast.org(code) for code in (*ORGS, "H01")}
    rows = []
    for code, outcomes in data["members"].items():
        cell = orgs[code]
        for member, outcome in zip(pool[code], outcomes, strict=False):
            subject = {"kind": SubjectKind.MEMBER, "member": member, "unit": cell}
            rows.append(
                _row(period, outcome, org_path=cell.path, deciding_org=cell.parent, **subject)
            )
    for code, outcome in data["orgs"].items():
        org = orgs[code]
        subject = {"kind": SubjectKind.ORGANIZATION, "subject_org": org, "unit": org}
        rows.append(_row(period, outcome, org_path=org.path, deciding_org=org.parent, **subject))
    Evaluation.objects.bulk_create(rows)
    return period


def _expected(outcomes: list[str]) -> dict[str, int]:
    evaluated = [o for o in outcomes if o != NOT_EVALUATED]
    counts = {str(level): evaluated.count(str(level)) for level in LEVEL_ORDER}
    return {"evaluated": len(evaluated), "pending": evaluated.count(PENDING), **counts}


def _assert_share(value: float | None, count: int, total: int) -> None:
    if total == 0:
        assert value is None
    else:
        assert abs(Fraction(value) - Fraction(count, total)) <= Fraction(1, 20000)  # type: ignore[arg-type]


def _run(cast: Cast, check: Callable[[EvaluationPeriod, dict[str, Any]], None]) -> None:
    pool = _pool(cast)

    @settings(
        max_examples=40,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(data=_outcomes())
    def run(data: dict[str, Any]) -> None:
        with transaction.atomic():
            check(_fill(cast, pool, data), data)
            transaction.set_rollback(True)

    run()


def test_it_adds_up_the_members_and_their_shares(cast: Cast) -> None:
    def check(period: EvaluationPeriod, data: dict[str, Any]) -> None:
        every = [o for outcomes in data["members"].values() for o in outcomes]
        members = evaluation_summary(cast.org("H01"), 2021)["members"]
        expected = _expected(every)
        assert members["not_evaluated"] + members["evaluated"] == len(every)
        assert {key: members[key] for key in expected} == expected
        evaluated = members["evaluated"]
        _assert_share(members["excellent_share"], members["excellent"], evaluated)
        better = members["excellent"] + members["good"] + members["completed"]
        _assert_share(members["completed_or_better_share"], better, evaluated)

    _run(cast, check)


def test_it_counts_only_cells_as_cells(cast: Cast) -> None:
    def check(period: EvaluationPeriod, data: dict[str, Any]) -> None:
        summary = evaluation_summary(cast.org("H01"), 2021)
        cells = [data["orgs"][code] for code in CELLS]
        communes = [data["orgs"][code] for code in ("XA", "XB")]
        assert summary["cells"]["total"] == 3 and summary["grassroots"]["total"] == 2
        assert {k: summary["cells"][k] for k in _expected(cells)} == _expected(cells)
        assert {k: summary["grassroots"][k] for k in _expected(communes)} == _expected(communes)
        good = summary["cells"]["excellent"] + summary["cells"]["good"]
        _assert_share(summary["cells"]["good_or_better_share"], good, summary["cells"]["evaluated"])

    _run(cast, check)


def test_it_limits_each_deciding_body_by_its_own_good(cast: Cast) -> None:
    def check(period: EvaluationPeriod, data: dict[str, Any]) -> None:
        for row in quota_rows(period):
            assert row.limit == quota_limit(row.good, data["rate"], data["rounding"])
            assert row.exceeded == (row.excellent > row.limit)
            assert row.over_by == max(0, row.excellent - row.limit)
        xa_members = [o for code in ("XA-DONG", "XA-TH") for o in data["members"][code]]
        xa = [r for r in quota_rows(period) if (r.organization.code, r.kind) == ("XA", "member")]
        good = xa_members.count(Level.GOOD)
        assert [r.good for r in xa] == (
            [good] if any(o != NOT_EVALUATED for o in xa_members) else []
        )

    _run(cast, check)


def test_it_adds_the_communes_up_to_the_district(cast: Cast) -> None:
    def check(period: EvaluationPeriod, data: dict[str, Any]) -> None:
        district = evaluation_summary(cast.org("H01"), 2021)
        parts = [evaluation_summary(cast.org(code), 2021) for code in ("XA", "XB")]
        for block in ("members", "cells"):
            for key in ("evaluated", "not_evaluated", "excellent", "good", "pending"):
                assert district[block][key] == sum(part[block][key] for part in parts)
        inside = {(q["organization_id"], q["kind"]) for part in parts for q in part["quota"]}
        assert inside <= {(q["organization_id"], q["kind"]) for q in district["quota"]}

    _run(cast, check)


def test_it_sums_the_groups_to_the_members_evaluated(cast: Cast) -> None:
    def check(period: EvaluationPeriod, data: dict[str, Any]) -> None:
        rows = [r for r in quota_rows(period) if r.kind == SubjectKind.MEMBER]
        members = evaluation_summary(cast.org("H01"), 2021)["members"]
        assert sum(r.evaluated for r in rows) == members["evaluated"]
        assert sum(r.excellent for r in rows) == members["excellent"]
        assert all(r.organization.code in ("XA", "XB") for r in rows)

    _run(cast, check)
