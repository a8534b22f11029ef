"""The evaluations API: scope on every endpoint, the cascade through it, errors as 400."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from dangvu.evaluations import services
from dangvu.evaluations.choices import Level, Stage, SubjectKind
from dangvu.evaluations.models import (
    Commendation,
    DisciplineRecord,
    Evaluation,
    EvaluationPeriod,
    Finalization,
    QuotaException,
)
from tests.evaluations.helpers import (
    assess,
    decide_all_members,
    make_period,
    member_row,
    propose,
    walk,
)
from tests.fixtures.cast import Cast
from tests.generic import Endpoint, check_endpoint

Login = Callable[[str], Client]
AN, BICH, CUONG, DUNG = "Nguyễn Văn An", "Trần Thị Bích", "Lê Văn Cường", "Phạm Thị Dung"


def _period(c: Cast, year: int = 2024) -> EvaluationPeriod:
    found = EvaluationPeriod.objects.filter(organization__code="XA", year=year).first()
    return found or make_period(c, year=year)


def _pending(c: Cast) -> Evaluation:
    return member_row(_period(c), AN)


def _assessed(c: Cast) -> Evaluation:
    row = member_row(_period(c), BICH)
    return assess(c, row, Level.GOOD) if row.stage == Stage.PENDING else row


def _proposed(c: Cast) -> Evaluation:
    row = member_row(_period(c), CUONG)
    if row.stage == Stage.PENDING:
        assess(c, row, Level.GOOD)
        row = propose(c, member_row(_period(c), CUONG), Level.GOOD)
    return row


def _excellent(c: Cast) -> Evaluation:
    row = member_row(_period(c), DUNG)
    return walk(c, row, Level.EXCELLENT) if row.stage == Stage.PENDING else row


def _all_good(c: Cast) -> EvaluationPeriod:
    """2023: every member of XA decided good (within the quota: 0 excellent)."""
    period = _period(c, 2023)
    if not Evaluation.objects.filter(period=period, stage=Stage.DECIDED).exists():
        decide_all_members(c, period, Level.GOOD)
    return period


def _finalization(c: Cast) -> Finalization:
    period = _all_good(c)
    found = Finalization.objects.filter(period=period, active=True).first()
    return found or services.finalize(
        c.user("alice"), period, deciding_org=c.org("XA"), kind=SubjectKind.MEMBER
    )


def _exception(c: Cast) -> QuotaException:
    period = _period(c)
    return QuotaException.objects.filter(period=period).first() or services.record_exception(
        c.user("alice"), period, **_exception_body(c, objects=True)
    )


def _exception_body(c: Cast, objects: bool = False) -> dict[str, Any]:
    xa = c.org("XA")
    return {
        "deciding_org": xa if objects else xa.pk,
        "kind": "member",
        "authority": "Huyện ủy Thử Nghiệm",
        "number": "15-CV/HU",
        "decided_on": date(2024, 12, 20) if objects else "2024-12-20",
        "reason": "Đơn vị tiêu biểu",
    }


def _discipline(c: Cast) -> DisciplineRecord:
    return DisciplineRecord.objects.first() or services.record_discipline(
        c.user("alice"),
        member=c.member(CUONG),
        form="reprimand",
        decided_on=date(2024, 5, 1),
        authority="Đảng ủy xã Hòa An",
    )


def _commendation(c: Cast) -> Commendation:
    return Commendation.objects.first() or services.commend(
        c.user("alice"),
        _excellent(c),
        form="certificate",
        authority="Đảng ủy xã Hòa An",
        decided_on=timezone.localdate(),
    )


def _many(c: Cast, row: Evaluation, **values: Any) -> dict[str, Any]:
    return {"entries": [{"evaluation": row.pk, **values}]}


def _detail(name: str, url: Callable[[Cast], str], **kwargs: Any) -> Endpoint:
    return Endpoint(name, url, api=True, **kwargs)


def _write(
    name: str, url: Callable[[Cast], str], data: Callable[[Cast], dict[str, Any]], **kw: Any
) -> Endpoint:
    return Endpoint(name, url, method="post", data=data, api=True, writes=True, **kw)


PERIODS = "/api/v1/evaluation-periods"
ROWS = "/api/v1/evaluations"

ENDPOINTS = [
    _detail(
        "summary",
        lambda c: f"/api/v1/organizations/{c.org('XA').pk}/evaluation-summary/?year=2024",
    ),
    _detail(
        "periods",
        lambda c: f"{PERIODS}/?_={_period(c).pk}",
        object_level=False,
        hidden_text="Đảng bộ xã Hòa An",
    ),
    _detail("period", lambda c: f"{PERIODS}/{_period(c).pk}/"),
    _write(
        "open a period",
        lambda c: f"{PERIODS}/",
        lambda c: {"organization": c.org("XA").pk, "year": 2022, "opened_on": "2022-11-20"},
        object_level=False,
        ok_status=(201,),
    ),
    _detail("quota", lambda c: f"{PERIODS}/{_excellent(c).period_id}/quota/"),
    _write("refresh", lambda c: f"{PERIODS}/{_period(c).pk}/refresh/", lambda c: {}),
    _write(
        "finalize",
        lambda c: f"{PERIODS}/{_all_good(c).pk}/finalize/",
        lambda c: {"deciding_org": c.org("XA").pk, "kind": "member"},
        ok_status=(201,),
    ),
    _write(
        "reopen finalization",
        lambda c: f"{PERIODS}/{_finalization(c).period_id}/reopen-finalization/",
        lambda c: {"finalization": _finalization(c).pk, "reason": "Sửa quyết định"},
    ),
    _write(
        "record exception",
        lambda c: f"{PERIODS}/{_period(c).pk}/exceptions/",
        _exception_body,
        ok_status=(201,),
    ),
    _write(
        "withdraw exception",
        lambda c: f"{PERIODS}/{_exception(c).period_id}/withdraw-exception/",
        lambda c: {"exception": _exception(c).pk, "reason": "Nhập nhầm"},
    ),
    _write(
        "self-assess many",
        lambda c: f"{PERIODS}/{_period(c).pk}/self-assess-many/",
        lambda c: _many(c, _pending(c), level="good"),
    ),
    _write(
        "propose many",
        lambda c: f"{PERIODS}/{_period(c).pk}/propose-many/",
        lambda c: _many(c, _assessed(c), level="good"),
    ),
    _write(
        "decide many",
        lambda c: f"{PERIODS}/{_period(c).pk}/decide-many/",
        lambda c: _many(c, _proposed(c), level="good"),
    ),
    _detail(
        "evaluations",
        lambda c: f"{ROWS}/?period={_period(c).pk}",
        object_level=False,
        hidden_text=AN,
    ),
    _detail("evaluation", lambda c: f"{ROWS}/{_pending(c).pk}/"),
    _write(
        "self-assess",
        lambda c: f"{ROWS}/{_pending(c).pk}/self-assess/",
        lambda c: {"level": "good"},
    ),
    _write("propose", lambda c: f"{ROWS}/{_assessed(c).pk}/propose/", lambda c: {"level": "good"}),
    _write("decide", lambda c: f"{ROWS}/{_proposed(c).pk}/decide/", lambda c: {"level": "good"}),
    _write(
        "reopen",
        lambda c: f"{ROWS}/{_excellent(c).pk}/reopen/",
        lambda c: {"step": "decision", "reason": "Nhầm mức"},
    ),
    _write(
        "exclude",
        lambda c: f"{ROWS}/{_pending(c).pk}/exclude/",
        lambda c: {"reason": "Đình chỉ sinh hoạt đảng"},
    ),
    _detail(
        "discipline records",
        lambda c: f"/api/v1/discipline-records/?_={_discipline(c).pk}",
        object_level=False,
        hidden_text="Đảng ủy xã Hòa An",
        sensitive=True,
    ),
    _detail(
        "discipline record",
        lambda c: f"/api/v1/discipline-records/{_discipline(c).pk}/",
        sensitive=True,
    ),
    _write(
        "record discipline",
        lambda c: "/api/v1/discipline-records/",
        lambda c: {
            "member": c.member(CUONG).pk,
            "form": "warning",
            "decided_on": "2024-06-01",
            "authority": "Đảng ủy xã Hòa An",
        },
        object_level=False,
        ok_status=(201,),
    ),
    _detail(
        "commendations",
        lambda c: f"/api/v1/commendations/?_={_commendation(c).pk}",
        object_level=False,
        hidden_text=DUNG,
    ),
    _detail("commendation", lambda c: f"/api/v1/commendations/{_commendation(c).pk}/"),
    _write(
        "commend",
        lambda c: "/api/v1/commendations/",
        lambda c: {
            "evaluation": _excellent(c).pk,
            "form": "certificate",
            "authority": "Đảng ủy xã Hòa An",
            "decided_on": timezone.localdate().isoformat(),
        },
        object_level=False,
        ok_status=(201,),
    ),
]


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=str)
def test_it_applies_the_scope_rule(endpoint: Endpoint, cast: Cast, login: Login) -> None:
    check_endpoint(endpoint, cast, login)


def _post(client: Client, url: str, data: Any) -> Any:
    return client.post(url, data, content_type="application/json")


def _summary_url(cast: Cast, query: str = "year=2024") -> str:
    return f"/api/v1/organizations/{cast.org('XA').pk}/evaluation-summary/?{query}"


def test_it_answers_the_summary_figures(cast: Cast, login: Login) -> None:
    walk(cast, member_row(_period(cast), AN), Level.EXCELLENT)
    data = login("dave").get(_summary_url(cast)).json()
    assert data["rules"] == "Quy định 124-QĐ/TW"
    assert data["members"]["evaluated"] == 4 and data["members"]["excellent"] == 1
    assert data["members"]["excellent_share"] == 0.25
    assert data["quota"][0]["organization"] == "Đảng bộ xã Hòa An"
    assert data["quota"][0]["exceeded"] is True and data["quota"][0]["limit"] == 0


@pytest.mark.parametrize("query", ["", "year=abc", "year=99999", "year=2024&quarter=7"])
def test_it_refuses_a_missing_or_bad_year(cast: Cast, login: Login, query: str) -> None:
    response = login("alice").get(_summary_url(cast, query))
    assert response.status_code == 400
    errors = response.json()
    assert "year" in errors or "quarter" in errors


def test_it_names_the_year_when_it_is_missing(cast: Cast, login: Login) -> None:
    response = login("alice").get(_summary_url(cast, ""))
    assert response.json()["year"] == ["Cần ghi năm đánh giá, ví dụ ?year=2021."]


def test_it_answers_404_for_an_organisation_id_too_long(cast: Cast, login: Login) -> None:
    response = login("root").get("/api/v1/organizations/99999999999999999999/evaluation-summary/")
    assert response.status_code == 404
    assert login("root").get(f"{ROWS}/99999999999999999999/").status_code == 404


def test_it_shows_the_commune_period_to_a_cell_secretary(cast: Cast, login: Login) -> None:
    period = _period(cast)
    bob = login("bob")
    assert bob.get(f"{PERIODS}/{period.pk}/").status_code == 200
    rows = bob.get(f"{ROWS}/?period={period.pk}&kind=member").json()["results"]
    assert {row["unit_name"] for row in rows} == {"Chi bộ thôn Đông"}
    assert len(rows) == 3


def test_it_lets_a_member_assess_only_their_own_row(cast: Cast, login: Login) -> None:
    period, charlie = _period(cast), login("charlie")
    own = member_row(period, CUONG)
    response = _post(charlie, f"{ROWS}/{own.pk}/self-assess/", {"level": "good", "note": "Tốt"})
    assert response.status_code == 200, response.json()
    assert response.json()["self_short"] == "HTTNV"
    other = member_row(period, AN)
    assert _post(charlie, f"{ROWS}/{other.pk}/self-assess/", {"level": "good"}).status_code == 404


def test_it_refuses_a_step_out_of_order(cast: Cast, login: Login) -> None:
    row = _pending(cast)
    response = _post(login("alice"), f"{ROWS}/{row.pk}/propose/", {"level": "good"})
    assert response.status_code == 400
    assert "chưa tự đánh giá" in str(response.json())
    assert Evaluation.objects.get(pk=row.pk).stage == Stage.PENDING


def test_it_forbids_the_decision_to_a_cell_secretary(cast: Cast, login: Login) -> None:
    row = _proposed(cast)
    response = _post(login("bob"), f"{ROWS}/{row.pk}/decide/", {"level": "good"})
    assert response.status_code == 403
    assert Evaluation.objects.get(pk=row.pk).decided_level == ""


def test_it_refuses_finalizing_over_the_quota_with_the_reason(cast: Cast, login: Login) -> None:
    period = _excellent(cast).period
    for name in (AN, BICH, CUONG):
        walk(cast, member_row(period, name), Level.GOOD)
    body = {"deciding_org": cast.org("XA").pk, "kind": "member"}
    response = _post(login("alice"), f"{PERIODS}/{period.pk}/finalize/", body)
    assert response.status_code == 400
    assert "vượt giới hạn 0" in str(response.json())
    assert not Finalization.objects.exists()


def test_it_writes_nothing_when_one_entry_is_bad(cast: Cast, login: Login) -> None:
    period = _period(cast)
    entries = [
        {"evaluation": member_row(period, AN).pk, "level": "good"},
        {"evaluation": member_row(period, BICH).pk, "level": "good"},
        {"evaluation": 10**12, "level": "good"},
    ]
    response = _post(
        login("alice"), f"{PERIODS}/{period.pk}/self-assess-many/", {"entries": entries}
    )
    assert response.status_code == 400
    assert not Evaluation.objects.filter(period=period, stage=Stage.SELF_ASSESSED).exists()


def test_it_refuses_a_commendation_of_a_subject_not_excellent(cast: Cast, login: Login) -> None:
    row = _proposed(cast)
    body = {
        "evaluation": row.pk,
        "form": "certificate",
        "authority": "Đảng ủy xã Hòa An",
        "decided_on": timezone.localdate().isoformat(),
    }
    response = _post(login("alice"), "/api/v1/commendations/", body)
    assert response.status_code == 400 and not Commendation.objects.exists()
    assert "chỉ đối tượng xếp loại" in response.json()["evaluation"][0]


def test_it_asks_for_exactly_one_subject_of_a_discipline(cast: Cast, login: Login) -> None:
    body = {"form": "warning", "decided_on": "2024-06-01", "authority": "Đảng ủy xã Hòa An"}
    response = _post(login("alice"), "/api/v1/discipline-records/", body)
    assert response.status_code == 400 and "member" in response.json()
    assert not DisciplineRecord.objects.exists()


def test_it_filters_by_stage_and_refuses_a_bad_value(cast: Cast, login: Login) -> None:
    period, alice = _assessed(cast).period, login("alice")
    url = f"{ROWS}/?period={period.pk}&stage=self_assessed"
    assert [r["subject_name"] for r in alice.get(url).json()["results"]] == [BICH]
    assert alice.get(f"{ROWS}/?stage=nonsense").status_code == 400


def test_it_lists_evaluations_in_a_fixed_number_of_queries(cast: Cast, login: Login) -> None:
    period, alice = _period(cast), login("alice")
    counts = []
    for code in ("XA-TH", "XA-DONG"):
        with CaptureQueriesContext(connection) as queries:
            response = alice.get(f"{ROWS}/?period={period.pk}&unit={cast.org(code).pk}")
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_it_shows_the_quota_with_proposals_when_asked(cast: Cast, login: Login) -> None:
    row = _assessed(cast)
    propose(cast, row, Level.EXCELLENT)
    url = f"{PERIODS}/{row.period_id}/quota/"
    groups = {(g["organization_code"], g["kind"]): g for g in login("alice").get(url).json()}
    asked = login("alice").get(url + "?proposed=true").json()
    assert groups[("XA", "member")]["excellent"] == 0
    assert {(g["organization_code"], g["kind"]): g for g in asked}[("XA", "member")][
        "excellent"
    ] == 1


JUNK = ["abc", [], {}, -1, 10**30, "2024-13-45", True, {"general": "x"}]


@pytest.mark.parametrize("action", ["self-assess", "propose", "decide", "reopen", "exclude"])
def test_it_answers_junk_with_400_never_500(cast: Cast, login: Login, action: str) -> None:
    url, alice = f"{ROWS}/{_pending(cast).pk}/{action}/", login("alice")
    fields = ("level", "score", "criteria", "on", "note", "step", "reason", "targets_percent")
    for field in fields:
        for junk in JUNK:
            response = _post(alice, url, {field: junk})
            assert response.status_code in (200, 400), (field, junk, response.status_code)
    for body in ("[]", "null", "{bad"):
        assert alice.post(url, body, content_type="application/json").status_code == 400


def test_it_answers_the_summary_and_the_rows_as_the_schema_says(cast: Cast, login: Login) -> None:
    # The summary is one object (the schema said a list of them), and a row not yet
    # decided has "" for its levels (the schema's enum refused it): found by the
    # schema fuzzing.
    from tests.openapi import get_conforming

    walk(cast, member_row(_period(cast), AN), Level.EXCELLENT)
    _pending(cast)
    client = login("alice")
    path = "/api/v1/organizations/{organization_pk}/evaluation-summary/"
    summary = get_conforming(client, _summary_url(cast), path)
    assert summary["year"] == 2024 and summary["members"]["excellent"] == 1
    rows = get_conforming(client, "/api/v1/evaluations/", "/api/v1/evaluations/")
    assert "" in {row["decided_level"] for row in rows["results"]}
