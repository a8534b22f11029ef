"""Congress pages: scope on every page and action, the forms, fixed query counts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from dangvu.congresses.models import (
    Ballot,
    Campaign,
    Congress,
    CongressDocument,
    Convened,
    Election,
)
from tests.congresses.factories import AN, BICH, CUONG
from tests.congresses.pages import CAMPAIGN_TITLE, DUNG, scene
from tests.fixtures.cast import Cast
from tests.generic import Endpoint, check_endpoint

Login = Callable[[str], Client]


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


def _campaign() -> Campaign:
    return Campaign.objects.get(organization__code="XA")


def _congress(code: str) -> Congress:
    return Congress.objects.get(organization__code=code)


def _election(code: str, kind: str) -> Election:
    return Election.objects.get(congress__organization__code=code, kind=kind)


def _url(name: str, *args: Callable[[], Any]) -> Callable[[Cast], str]:
    return lambda c: reverse(f"congresses:{name}", args=[arg().pk for arg in args])


def _prepared() -> Congress:
    return _congress("XA-DONG")


def _held() -> Congress:
    return _congress("XA-TH")


def _committee() -> Election:
    return _election("XA-DONG", "committee")


def _row(c: Cast) -> str:
    row = Convened.objects.get(congress=_prepared(), member=c.member(CUONG))
    return reverse("congresses:exclusion", args=[row.congress_id, row.pk])


def _post(name: str, url: Callable[[Cast], str], data: dict[str, Any]) -> Endpoint:
    return Endpoint(name, url, "post", lambda c: data, writes=True, ok_status=(302,))


ENDPOINTS = [
    Endpoint("list", _url("list"), object_level=False, hidden_text=CAMPAIGN_TITLE),
    Endpoint(
        "campaign_create",
        _url("campaign_create"),
        object_level=False,
        hidden_text="Đảng bộ xã Hòa An",
        writes=True,
    ),
    Endpoint(
        "campaign_create_post",
        _url("campaign_create"),
        "post",
        lambda c: {
            "organization": c.org("XA").pk,
            "title": "Kế hoạch đại hội nhiệm kỳ 2030–2035",
            "term_start": 2030,
            "term_end": 2035,
            "target_level": "cell",
            "due_on": "30/06/2030",
            "notice_working_days": 0,
        },
        writes=True,
        object_level=False,
        hidden_text="Đảng bộ xã Hòa An",
        ok_status=(302,),
    ),
    Endpoint("campaign", _url("campaign", _campaign)),
    Endpoint("campaign_as_of", lambda c: _url("campaign", _campaign)(c) + "?as_of=04/08/2025"),
    Endpoint(
        "assign_guide",
        _url("assign_guide", _campaign),
        "post",
        lambda c: {
            "cell": c.org("XA-DONG").pk,
            "member": c.member(AN).pk,
            "assigned_on": "01/04/2025",
        },
        writes=True,
        ok_status=(302,),
    ),
    Endpoint(
        "plan",
        lambda c: reverse("congresses:plan", args=[_campaign().pk, c.org("XA-BAC").pk]),
        writes=True,
    ),
    Endpoint(
        "plan_post",
        lambda c: reverse("congresses:plan", args=[_campaign().pk, c.org("XA-BAC").pk]),
        "post",
        lambda c: {"planned_on": "01/06/2025", "kind": "all_members", "place": "Nhà văn hóa"},
        writes=True,
        ok_status=(302,),
    ),
    Endpoint("detail", _url("detail", _prepared)),
    _post(
        "edit_plan",
        _url("edit_plan", _prepared),
        {"planned_on": "20/05/2025", "kind": "all_members", "place": "Hội trường thôn"},
    ),
    _post("step", _url("step", _prepared), {"step": "convening_notice", "on": "16/04/2025"}),
    _post("convene", _url("convene", _prepared), {"day": ""}),
    Endpoint(
        "exclusion",
        _row,
        "post",
        lambda c: {
            f"row{Convened.objects.get(member=c.member(CUONG)).pk}-exclusion": "excused_absent",
            f"row{Convened.objects.get(member=c.member(CUONG)).pk}-note": "Đi công tác",
        },
        writes=True,
        ok_status=(302,),
    ),
    Endpoint(
        "presence",
        _url("presence", _prepared),
        "post",
        lambda c: {"present": [c.member(AN).pk, c.member(BICH).pk]},
        writes=True,
        ok_status=(302,),
    ),
    _post(
        "add_document",
        _url("add_document", _prepared),
        {"kind": "personnel_plan", "title": "Phương án nhân sự", "on": "10/04/2025", "text": "…"},
    ),
    Endpoint(
        "document",
        lambda c: reverse(
            "congresses:document", args=[_held().pk, CongressDocument.objects.get().pk]
        ),
    ),
    _post("hold", _url("hold", _prepared), {"held_on": "20/05/2025", "chair": BICH}),
    Endpoint(
        "create_election",
        _url("create_election", _held),
        "post",
        lambda c: {"kind": "committee", "seats": 1, "members": [str(c.member(DUNG).pk)]},
        writes=True,
        ok_status=(302,),
    ),
    _post("install", _url("install", _held), {"on": "20/05/2025"}),
    _post(
        "approve",
        _url("approve", _held),
        {"on": "01/06/2025", "number": "125-QĐ/ĐU", "approved_by": "Đảng ủy xã Hòa An"},
    ),
    _post("cancel", _url("cancel", _prepared), {"reason": "Sáp nhập chi bộ"}),
    Endpoint("result_docx", _url("result_docx", _held)),
    Endpoint("election", _url("election", _committee)),
    _post("add_ballot", _url("add_ballot", _committee), {"kept": [AN]}),
    Endpoint(
        "remove_ballot",
        lambda c: reverse(
            "congresses:remove_ballot",
            args=[_committee().pk, Ballot.objects.get(election=_committee(), number=2).pk],
        ),
        "post",
        writes=True,
        ok_status=(302,),
    ),
    _post(
        "tally",
        _url("tally", lambda: _election("XA-TH", "delegates")),
        {"valid": 1, "votes_1": 1},
    ),
    _post("count", _url("count", _committee), {"on": "20/05/2025", "unreturned": 0}),
    _post(
        "denominator",
        _url("denominator", lambda: _election("XA-TH", "delegates")),
        {"denominator": 1, "reason": "Nhập lại"},
    ),
    _post(
        "next_round",
        _url("next_round", lambda: _election("XA-DONG", "delegates")),
        {"names": [AN, CUONG]},
    ),
    Endpoint("minutes_docx", _url("minutes_docx", lambda: _election("XA-TH", "secretary"))),
]


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=str)
def test_it_scopes_every_page(endpoint: Endpoint, cast: Cast, login: Login) -> None:
    scene(cast)
    check_endpoint(endpoint, cast, login)
