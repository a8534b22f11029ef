"""Evaluation pages: scope on every page and form, the bulk forms, the quota panel, errors."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from dangvu.evaluations import services
from dangvu.evaluations.choices import Level, Stage
from dangvu.evaluations.models import Evaluation, EvaluationPeriod, Finalization, QuotaException
from tests.evaluations.helpers import assess, make_period, member_row, org_row, propose, walk
from tests.fixtures.cast import Cast
from tests.generic import Endpoint, check_endpoint
from tests.meetings.helpers import new_member

Login = Callable[[str], Client]
KHEN = "Vũ Văn Khen"  # an extra member of XA-TH, decided excellent in the base setup
GROUP_XA_MEMBERS = "XA-member"


def _period() -> EvaluationPeriod:
    return EvaluationPeriod.objects.get(organization__code="XA", year=2025)


def _setup(cast: Cast) -> EvaluationPeriod:
    """The 2025 period of XA (366, scored): Khen decided excellent, An self-assessed,
    Bích proposed, Cường and Dung waiting for their self-assessment."""
    new_member(cast, KHEN, cell="XA-TH")
    period = make_period(cast)
    walk(cast, member_row(period, KHEN), Level.EXCELLENT)
    assess(cast, member_row(period, "Nguyễn Văn An"), Level.GOOD)
    propose(cast, assess(cast, member_row(period, "Trần Thị Bích"), Level.GOOD), Level.GOOD)
    return period


def _cells_decided(cast: Cast) -> EvaluationPeriod:
    period = _setup(cast)
    for code in ("XA-DONG", "XA-TH"):
        walk(cast, org_row(period, code), Level.GOOD)
    return period


def _cells_finalized(cast: Cast) -> EvaluationPeriod:
    period = _cells_decided(cast)
    services.finalize(cast.user("alice"), period, deciding_org=cast.org("XA"), kind="organization")
    return period


def _with_exception(cast: Cast) -> EvaluationPeriod:
    period = _setup(cast)
    _exception(cast, period)
    return period


def _with_excluded(cast: Cast) -> EvaluationPeriod:
    period = _setup(cast)
    cuong = member_row(period, "Lê Văn Cường")
    services.exclude(cast.user("alice"), cuong, "Đình chỉ sinh hoạt đảng")
    return period


def _exception(cast: Cast, period: EvaluationPeriod) -> QuotaException:
    return services.record_exception(
        cast.user("alice"),
        period,
        deciding_org=cast.org("XA"),
        kind="member",
        authority="Huyện ủy Thử Nghiệm",
        number="15-CV/HU",
        decided_on=date(2025, 12, 20),
        reason="Đơn vị dẫn đầu phong trào thi đua",
    )


def _today() -> str:
    return timezone.localdate().strftime("%d/%m/%Y")


def _url(name: str, *args: Callable[[Cast], int]) -> Callable[[Cast], str]:
    return lambda c: reverse(f"evaluations:{name}", args=[_period().pk, *(a(c) for a in args)])


def _item(name: str, full_name: str) -> Callable[[Cast], str]:
    return lambda c: reverse(f"evaluations:{name}", args=[member_row(_period(), full_name).pk])


def _org(code: str) -> Callable[[Cast], int]:
    return lambda c: c.org(code).pk


def _group(kind: str = "member") -> Callable[[Cast], dict[str, Any]]:
    return lambda c: {"deciding_org": c.org("XA").pk, "kind": kind}


def _exception_data(c: Cast) -> dict[str, Any]:
    return {
        **_group()(c),
        "authority": "Huyện ủy Thử Nghiệm",
        "number": "15-CV/HU",
        "decided_on": "20/12/2025",
        "reason": "Dẫn đầu phong trào thi đua",
    }


def _bulk(step: str, full_name: str) -> Callable[[Cast], dict[str, Any]]:
    def data(c: Cast) -> dict[str, Any]:
        pk = member_row(_period(), full_name).pk
        if step == "self":
            return {f"general_{pk}": "25", f"results_{pk}": "60"}
        return {f"score_{pk}": "80"}

    return data


def _one(model: Any, **filters: Any) -> Callable[[Cast], int]:
    return lambda c: model.objects.get(**filters).pk


ENDPOINTS = [
    Endpoint(
        "list", lambda c: reverse("evaluations:list"), object_level=False, hidden_text="Hòa An"
    ),
    Endpoint(
        "open",
        lambda c: reverse("evaluations:list"),
        method="post",
        data=lambda c: {"organization": c.org("XA").pk, "year": "2024", "quarter": "0"},
        writes=True,
        object_level=False,
        ok_status=(302,),
    ),
    Endpoint("period", _url("period")),
    Endpoint("unit", _url("unit", _org("XA-DONG"))),
    Endpoint("item", _item("item", "Nguyễn Văn An")),
    Endpoint(
        "summary", lambda c: reverse("evaluations:summary", args=[c.org("XA").pk]) + "?year=2025"
    ),
    Endpoint(
        "bulk_self",
        _url("bulk_self", _org("XA-DONG")),
        method="post",
        data=_bulk("self", "Lê Văn Cường"),
        writes=True,
        ok_status=(302,),
    ),
    Endpoint(
        "bulk_propose",
        _url("bulk_propose", _org("XA-DONG")),
        method="post",
        data=_bulk("proposal", "Nguyễn Văn An"),
        writes=True,
        ok_status=(302,),
    ),
    Endpoint(
        "bulk_decide",
        _url("bulk_decide", _org("XA-DONG")),
        method="post",
        data=_bulk("decision", "Trần Thị Bích"),
        writes=True,
        ok_status=(302,),
    ),
    Endpoint(
        "self_assess",
        _item("self_assess", "Lê Văn Cường"),
        method="post",
        data=lambda c: {"criteria_general": "28", "criteria_results": "65"},
        writes=True,
        ok_status=(302,),
    ),
    Endpoint(
        "propose",
        _item("propose", "Nguyễn Văn An"),
        method="post",
        data=lambda c: {"score": "80"},
        writes=True,
        ok_status=(302,),
    ),
    Endpoint(
        "decide",
        _item("decide", "Trần Thị Bích"),
        method="post",
        data=lambda c: {"score": "80"},
        writes=True,
        ok_status=(302,),
    ),
    Endpoint(
        "reopen",
        _item("reopen", "Trần Thị Bích"),
        method="post",
        data=lambda c: {"step": "proposal", "reason": "Chi bộ họp lại"},
        writes=True,
        ok_status=(302,),
    ),
    Endpoint(
        "exclude",
        _item("exclude", "Lê Văn Cường"),
        method="post",
        data=lambda c: {"reason": "Đình chỉ sinh hoạt đảng"},
        writes=True,
        ok_status=(302,),
    ),
    Endpoint(
        "include",
        _item("include", "Lê Văn Cường"),
        method="post",
        writes=True,
        ok_status=(302,),
        extra={"setup": _with_excluded},
    ),
    Endpoint(
        "discipline",
        _item("discipline", "Nguyễn Văn An"),
        method="post",
        data=lambda c: {"form": "reprimand", "decided_on": "10/03/2025", "authority": "Đảng ủy"},
        writes=True,
        ok_status=(302,),
    ),
    Endpoint(
        "commend",
        _item("commend", KHEN),
        method="post",
        data=lambda c: {"form": "certificate", "authority": "Đảng ủy", "decided_on": _today()},
        writes=True,
        ok_status=(302,),
    ),
    Endpoint(
        "record_exception",
        _url("record_exception"),
        method="post",
        data=_exception_data,
        writes=True,
        ok_status=(302,),
    ),
    Endpoint(
        "withdraw_exception",
        _url("withdraw_exception", _one(QuotaException, withdrawn=False)),
        method="post",
        data=lambda c: {"reason": "Ghi nhầm"},
        writes=True,
        ok_status=(302,),
        extra={"setup": _with_exception},
    ),
    Endpoint(
        "finalize",
        _url("finalize"),
        method="post",
        data=_group("organization"),
        writes=True,
        ok_status=(302,),
        extra={"setup": _cells_decided},
    ),
    Endpoint(
        "reopen_finalization",
        _url("reopen_finalization", _one(Finalization, active=True)),
        method="post",
        data=lambda c: {"reason": "Sửa quyết định của chi bộ thôn Đông"},
        writes=True,
        ok_status=(302,),
        extra={"setup": _cells_finalized},
    ),
]


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=str)
def test_it_scopes_every_page_and_form(endpoint: Endpoint, cast: Cast, login: Login) -> None:
    endpoint.extra.get("setup", _setup)(cast)
    check_endpoint(endpoint, cast, login)


def test_it_includes_the_member_panel_in_the_profile_scope(cast: Cast, login: Login) -> None:
    _setup(cast)
    url = reverse("members:detail", args=[cast.member("Nguyễn Văn An").pk])
    body = login("alice").get(url).content.decode()
    assert "Xếp loại chất lượng" in body and "Năm 2025" in body


# ---------------------------------------------------------------------------
# The list and opening a period


def test_it_shows_the_commune_period_to_a_cell_secretary(cast: Cast, login: Login) -> None:
    period = _setup(cast)
    assert login("bob").get(reverse("evaluations:period", args=[period.pk])).status_code == 200
    assert "Năm 2025" in login("bob").get(reverse("evaluations:list")).content.decode()


def test_it_opens_a_period_under_the_rules_of_its_year(cast: Cast, login: Login) -> None:
    data = {"organization": cast.org("XA").pk, "year": "2024", "quarter": "0"}
    response = login("alice").post(reverse("evaluations:list"), data, follow=True)
    period = EvaluationPeriod.objects.get(organization__code="XA", year=2024)
    assert period.rules == "124"
    assert "Quy định 124-QĐ/TW" in response.content.decode()


def test_it_explains_an_overlapping_period_in_the_page(cast: Cast, login: Login) -> None:
    _setup(cast)
    data = {"organization": cast.org("XA").pk, "year": "2025", "quarter": "0"}
    response = login("alice").post(reverse("evaluations:list"), data)
    assert response.status_code == 200
    assert "alert-error" in response.content.decode()
    assert EvaluationPeriod.objects.filter(year=2025).count() == 1


def test_it_refuses_letters_in_the_year(cast: Cast, login: Login) -> None:
    data = {"organization": cast.org("XA").pk, "year": "hai nghìn", "quarter": "0"}
    response = login("alice").post(reverse("evaluations:list"), data)
    assert response.status_code == 200
    assert "Năm phải là một số" in response.content.decode()
    assert not EvaluationPeriod.objects.exists()


# ---------------------------------------------------------------------------
# A cell and its bulk forms


def _unit(period: EvaluationPeriod, cast: Cast, code: str = "XA-DONG") -> str:
    return reverse("evaluations:unit", args=[period.pk, cast.org(code).pk])


def test_it_marks_the_members_waiting_for_their_self_assessment(cast: Cast, login: Login) -> None:
    period = _setup(cast)
    body = login("alice").get(_unit(period, cast)).content.decode()
    row = body.split('data-stage="pending"')[1].split("</tr>")[0]
    assert "Lê Văn Cường" in row and "Chưa tự đánh giá" in row


def test_it_prefills_the_proposal_with_the_self_assessment(cast: Cast, login: Login) -> None:
    period = _setup(cast)
    pk = member_row(period, "Nguyễn Văn An").pk
    body = login("alice").get(_unit(period, cast)).content.decode()
    assert f'name="score_{pk}" value="80"' in body


def test_it_proposes_a_cell_in_one_post(cast: Cast, login: Login) -> None:
    period = _setup(cast)
    pk = member_row(period, "Nguyễn Văn An").pk
    url = reverse("evaluations:bulk_propose", args=[period.pk, cast.org("XA-DONG").pk])
    response = login("bob").post(url, {f"score_{pk}": "85,5"})
    assert response.status_code == 302
    row = member_row(period, "Nguyễn Văn An")
    assert (row.stage, str(row.proposed_score)) == (Stage.PROPOSED, "85.50")


def test_it_refuses_a_score_over_100_and_writes_nothing(cast: Cast, login: Login) -> None:
    period = _setup(cast)
    pk = member_row(period, "Nguyễn Văn An").pk
    url = reverse("evaluations:bulk_propose", args=[period.pk, cast.org("XA-DONG").pk])
    response = login("alice").post(url, {f"score_{pk}": "101"})
    assert response.status_code == 200
    assert "Điểm không được vượt quá 100" in response.content.decode()
    assert member_row(period, "Nguyễn Văn An").stage == Stage.SELF_ASSESSED


def test_it_refuses_letters_in_a_score(cast: Cast, login: Login) -> None:
    period = _setup(cast)
    pk = member_row(period, "Trần Thị Bích").pk
    url = reverse("evaluations:bulk_decide", args=[period.pk, cast.org("XA-DONG").pk])
    response = login("alice").post(url, {f"score_{pk}": "tám mươi"})
    assert "Điểm phải là một số" in response.content.decode()
    assert member_row(period, "Trần Thị Bích").stage == Stage.PROPOSED


def test_it_explains_an_empty_bulk_form(cast: Cast, login: Login) -> None:
    period = _setup(cast)
    url = reverse("evaluations:bulk_propose", args=[period.pk, cast.org("XA-DONG").pk])
    response = login("alice").post(url, {})
    assert response.status_code == 200
    assert "Chưa ghi nội dung nào" in response.content.decode()


def test_it_shows_the_quota_panel_read_only_to_a_viewer(cast: Cast, login: Login) -> None:
    period = _setup(cast)
    body = login("dave").get(reverse("evaluations:period", args=[period.pk])).content.decode()
    assert f'data-group="{GROUP_XA_MEMBERS}"' in body
    assert "Chốt kết quả" not in body and "Ghi nhận văn bản" not in body


def test_it_shows_the_reason_a_member_is_not_evaluated(cast: Cast, login: Login) -> None:
    period = _with_excluded(cast)
    body = login("alice").get(_unit(period, cast)).content.decode()
    row = body.split('data-stage="not_evaluated"')[1].split("</tr>")[0]
    assert "Lê Văn Cường" in row and "Đình chỉ sinh hoạt đảng" in row


def test_it_shows_only_the_forms_the_user_may_use(cast: Cast, login: Login) -> None:
    period = _setup(cast)
    secretary = login("bob").get(_unit(period, cast)).content.decode()
    viewer = login("dave").get(_unit(period, cast)).content.decode()
    assert 'id="bulk-proposal"' in secretary and 'id="bulk-decision"' not in secretary
    assert "bulk-" not in viewer


# ---------------------------------------------------------------------------
# One subject


def _item_url(period: EvaluationPeriod, name: str, view: str = "item") -> str:
    return reverse(f"evaluations:{view}", args=[member_row(period, name).pk])


def test_it_scores_the_criteria_and_gives_the_level(cast: Cast, login: Login) -> None:
    period = _setup(cast)
    url = _item_url(period, "Lê Văn Cường", "self_assess")
    data = {"criteria_general": "28", "criteria_results": "65"}
    response = login("charlie").post(url, data, follow=True)
    row = member_row(period, "Lê Văn Cường")
    assert (row.self_score, row.self_level) == (93, Level.EXCELLENT)
    assert "93 điểm — Hoàn thành xuất sắc nhiệm vụ" in response.content.decode()


def test_it_refuses_criteria_over_their_maximum(cast: Cast, login: Login) -> None:
    period = _setup(cast)
    url = _item_url(period, "Lê Văn Cường", "self_assess")
    response = login("alice").post(url, {"criteria_general": "31", "criteria_results": "65"})
    assert response.status_code == 200
    assert "Điểm không được vượt quá 30" in response.content.decode()
    assert member_row(period, "Lê Văn Cường").stage == Stage.PENDING


def test_it_requires_a_reason_to_reopen(cast: Cast, login: Login) -> None:
    period = _setup(cast)
    url = _item_url(period, "Trần Thị Bích", "reopen")
    response = login("alice").post(url, {"step": "proposal", "reason": ""})
    assert response.status_code == 200
    assert "Trường này là bắt buộc" in response.content.decode()
    assert member_row(period, "Trần Thị Bích").stage == Stage.PROPOSED


def test_it_keeps_the_reopening_reason_in_the_history(cast: Cast, login: Login) -> None:
    period = _setup(cast)
    url = _item_url(period, "Trần Thị Bích", "reopen")
    reason = "Chi bộ họp lại ngày 20/12"
    response = login("bob").post(url, {"step": "proposal", "reason": reason}, follow=True)
    assert member_row(period, "Trần Thị Bích").stage == Stage.SELF_ASSESSED
    assert response.content.decode().count(reason) >= 2  # the last reason and the history


def test_it_lets_only_the_deciding_body_reopen_a_decision(cast: Cast, login: Login) -> None:
    period = _setup(cast)
    services.decide(cast.user("alice"), member_row(period, "Trần Thị Bích"), score="80")
    url = _item_url(period, "Trần Thị Bích", "reopen")
    response = login("bob").post(url, {"step": "decision", "reason": "Sai"})
    assert response.status_code == 403
    assert member_row(period, "Trần Thị Bích").stage == Stage.DECIDED


def test_it_explains_a_forced_ranking_in_the_page(cast: Cast, login: Login) -> None:
    period = _setup(cast)
    an = member_row(period, "Nguyễn Văn An")
    services.record_discipline(
        cast.user("alice"), member=an.member, form="reprimand",
        decided_on=date(2025, 3, 10), authority="Đảng ủy xã Hòa An",
    )  # fmt: skip
    propose(cast, an, Level.GOOD)
    response = login("alice").post(_item_url(period, "Nguyễn Văn An", "decide"), {"score": "80"})
    assert response.status_code == 200
    assert "Quy định 366-QĐ/TW" in response.content.decode().split('id="decision-form"')[1]
    assert member_row(period, "Nguyễn Văn An").stage == Stage.PROPOSED


def test_it_offers_a_commendation_only_after_an_excellent_decision(
    cast: Cast, login: Login
) -> None:
    period = _setup(cast)
    alice = login("alice")
    assert "Ghi khen thưởng" in alice.get(_item_url(period, KHEN)).content.decode()
    assert "Ghi khen thưởng" not in alice.get(_item_url(period, "Nguyễn Văn An")).content.decode()


def test_it_counts_the_years_in_a_row(cast: Cast, login: Login) -> None:
    _setup(cast)
    earlier = make_period(cast, year=2024)
    walk(cast, member_row(earlier, KHEN), Level.EXCELLENT)
    body = login("alice").get(_item_url(_period(), KHEN)).content.decode()
    assert "Hoàn thành xuất sắc nhiệm vụ 2 năm liên tục" in body


# ---------------------------------------------------------------------------
# The quota panel


def _decide_rest(cast: Cast, period: EvaluationPeriod) -> None:
    """Every member decided: An excellent too (2 excellent, 3 good: limit 0)."""
    walk(cast, member_row(period, "Lê Văn Cường"), Level.GOOD)
    walk(cast, member_row(period, "Phạm Thị Dung"), Level.GOOD)
    walk(cast, member_row(period, "Đỗ Văn Hùng"), Level.GOOD)
    an = member_row(period, "Nguyễn Văn An")
    services.reopen(cast.user("alice"), an, "self", "Nhập lại")
    walk(cast, member_row(period, "Nguyễn Văn An"), Level.EXCELLENT)
    services.decide(cast.user("alice"), member_row(period, "Trần Thị Bích"), score="80")


def test_it_names_who_is_over_the_quota(cast: Cast, login: Login) -> None:
    period = _setup(cast)
    _decide_rest(cast, period)
    body = login("alice").get(reverse("evaluations:period", args=[period.pk])).content.decode()
    panel = body.split(f'data-group="{GROUP_XA_MEMBERS}"')[1].split("</article>")[0]
    assert KHEN in panel and "Nguyễn Văn An" in panel and "vượt giới hạn 0" in panel


def test_it_refuses_to_finalise_over_the_quota_with_the_reason(cast: Cast, login: Login) -> None:
    period = _setup(cast)
    _decide_rest(cast, period)
    url = reverse("evaluations:finalize", args=[period.pk])
    response = login("alice").post(url, _group()(cast))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Cần ghi nhận văn bản cho phép vượt tỷ lệ" in body.split('class="alert alert-error"')[1]
    assert not Finalization.objects.exists()


def test_it_finalises_once_the_exception_is_recorded(cast: Cast, login: Login) -> None:
    period = _setup(cast)
    _decide_rest(cast, period)
    alice = login("alice")
    alice.post(reverse("evaluations:record_exception", args=[period.pk]), _exception_data(cast))
    response = alice.post(reverse("evaluations:finalize", args=[period.pk]), _group()(cast))
    assert response.status_code == 302
    assert Finalization.objects.get(kind="member").exception is not None


def test_it_refuses_an_exception_without_a_reason(cast: Cast, login: Login) -> None:
    period = _setup(cast)
    data = {**_exception_data(cast), "reason": "", "decided_on": "31/02/2025"}
    response = login("alice").post(reverse("evaluations:record_exception", args=[period.pk]), data)
    body = response.content.decode()
    assert "Trường này là bắt buộc" in body and "Ngày không hợp lệ" in body
    assert not QuotaException.objects.exists()


def test_it_refuses_a_group_of_another_commune(cast: Cast, login: Login) -> None:
    period = _setup(cast)
    data = {"deciding_org": cast.org("XB").pk, "kind": "member"}
    response = login("alice").post(reverse("evaluations:finalize", args=[period.pk]), data)
    assert response.status_code == 200
    assert "Không có cấp quyết định này" in response.content.decode()


# ---------------------------------------------------------------------------
# The summary


def test_it_shows_the_exception_and_the_shares_on_the_summary(cast: Cast, login: Login) -> None:
    period = _with_exception(cast)
    _decide_rest(cast, period)
    url = reverse("evaluations:summary", args=[cast.org("XA").pk]) + "?year=2025"
    body = login("dave").get(url).content.decode()
    assert "15-CV/HU" in body
    assert "2/6 = 33,33%" in body  # excellent members over those evaluated


def test_it_explains_a_bad_year_on_the_summary(cast: Cast, login: Login) -> None:
    _setup(cast)
    url = reverse("evaluations:summary", args=[cast.org("XA").pk]) + "?year=abc&quarter=9"
    response = login("alice").get(url)
    assert response.status_code == 200
    assert "không hợp lệ" in response.content.decode()


def test_it_hides_the_summary_from_a_plain_member(cast: Cast, login: Login) -> None:
    _setup(cast)
    url = reverse("evaluations:summary", args=[cast.org("XA-DONG").pk])
    assert login("charlie").get(url).status_code == 403


# ---------------------------------------------------------------------------
# Fixed numbers of queries


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _grow(cast: Cast, period: EvaluationPeriod) -> None:
    """Five more members in each cell, each at a different step."""
    for n in range(5):
        for code in ("XA-DONG", "XA-TH"):
            new_member(cast, f"Đảng viên {code} {n}", cell=code)
    services.refresh_subjects(cast.user("alice"), period)
    for evaluation in Evaluation.objects.filter(period=period, member__full_name__contains=" 1"):
        walk(cast, evaluation, Level.GOOD)


def test_it_reads_the_period_page_in_a_fixed_number_of_queries(cast: Cast, login: Login) -> None:
    period = _setup(cast)
    alice, url = login("alice"), reverse("evaluations:period", args=[period.pk])
    small = _queries(alice, url)
    _grow(cast, period)
    assert _queries(alice, url) == small
    assert small <= 16


def test_it_reads_the_unit_page_in_a_fixed_number_of_queries(cast: Cast, login: Login) -> None:
    period = _setup(cast)
    alice, url = login("alice"), _unit(period, cast)
    small = _queries(alice, url)
    _grow(cast, period)
    assert _queries(alice, url) == small
    assert small <= 12


@pytest.mark.parametrize(
    "url",
    [
        "/evaluations/99999999999999999999999/",
        "/evaluations/1/units/99999999999999999999999/",
        "/evaluations/item/99999999999999999999999/",
        "/evaluations/summary/99999999999999999999999/",
    ],
)
def test_it_answers_404_to_huge_ids(url: str, cast: Cast, login: Login) -> None:
    _setup(cast)
    assert login("alice").get(url).status_code == 404
