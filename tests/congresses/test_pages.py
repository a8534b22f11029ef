"""Congress pages: scope on every page and action, the forms, fixed query counts."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dangvu.congresses import services
from dangvu.congresses.models import (
    Ballot,
    Campaign,
    Congress,
    CongressDocument,
    Convened,
    Election,
    Guide,
)
from dangvu.organizations.models import Committee
from dangvu.organizations.services import create_organization
from tests.congresses.factories import (
    AN,
    BICH,
    CUONG,
    DECISION,
    campaign_on,
    counted,
    held_congress,
    planned_congress,
    ready_congress,
)
from tests.congresses.pages import CAMPAIGN_TITLE, DUNG, scene
from tests.fixtures.cast import Cast
from tests.generic import Endpoint, check_endpoint
from tests.meetings.helpers import new_member

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
        lambda c: {
            "kind": "committee",
            "seats": 1,
            "members": [str(c.member(DUNG).pk)],
            "list_decision": DECISION,
        },
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


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _body(response: Any) -> str:
    return str(response.content.decode())


# ---------------------------------------------------------------------------
# Campaigns


def test_it_offers_the_campaign_form_to_staff_only(cast: Cast, login: Login) -> None:
    scene(cast)
    assert "Tạo kế hoạch đại hội" in _body(login("alice").get(reverse("congresses:list")))
    assert "Tạo kế hoạch đại hội" not in _body(login("dave").get(reverse("congresses:list")))
    assert CAMPAIGN_TITLE in _body(login("dave").get(reverse("congresses:list")))


def _campaign_data(cast: Cast, **changes: Any) -> dict[str, Any]:
    data = {
        "organization": cast.org("XA").pk,
        "title": "Kế hoạch 43-KH/ĐU",
        "term_start": 2022,
        "term_end": 2025,
        "target_level": "cell",
        "plan_number": "43-KH/ĐU",
        "plan_date": "14/03/2022",
        "due_on": "31/05/2022",
        "notice_working_days": 0,
    }
    return {**data, **changes}


def test_it_creates_a_campaign_from_the_form(cast: Cast, login: Login) -> None:
    response = login("alice").post(reverse("congresses:campaign_create"), _campaign_data(cast))
    campaign = Campaign.objects.get()
    assert response["Location"] == reverse("congresses:campaign", args=[campaign.pk])
    assert (campaign.plan_number, campaign.due_on) == ("43-KH/ĐU", date(2022, 5, 31))
    assert campaign.code == "Kế hoạch số 43-KH/ĐU ngày 14/3/2022"


def test_it_refuses_a_bad_campaign_in_vietnamese_and_writes_nothing(
    cast: Cast, login: Login
) -> None:
    data = _campaign_data(cast, due_on="", term_end=2020, plan_date="31/02/2022")
    response = login("alice").post(reverse("congresses:campaign_create"), data)
    body = _body(response)
    assert response.status_code == 200
    assert "Trường này là bắt buộc." in body and "Năm cuối nhiệm kỳ phải sau năm đầu." in body
    assert "Ngày không hợp lệ" in body
    assert not Campaign.objects.exists()


def test_it_shows_the_service_refusal_on_the_campaign_form(cast: Cast, login: Login) -> None:
    scene(cast)
    data = _campaign_data(cast, term_start=2025, term_end=2030, due_on="30/06/2025")
    body = _body(login("alice").post(reverse("congresses:campaign_create"), data))
    assert "đã có kế hoạch đại hội nhiệm kỳ 2025–2030" in body
    assert Campaign.objects.count() == 1


def _progress(login: Login, day: str) -> str:
    url = reverse("congresses:campaign", args=[_campaign().pk])
    return _body(login("alice").get(url, {"as_of": day}))


def test_it_shows_progress_per_cell_as_of_a_day(cast: Cast, login: Login) -> None:
    scene(cast)
    before = _progress(login, "19/05/2025")
    assert '<strong data-figure="cells">3</strong>' in before
    assert '<strong data-figure="held">0</strong>' in before
    after = _progress(login, "2025-05-21")
    assert '<strong data-figure="held">1</strong>' in after
    assert "Trường học" in after and "1/1 đã tổ chức" in after


def test_it_marks_late_cells_in_red_after_the_deadline(cast: Cast, login: Login) -> None:
    scene(cast)
    assert 'class="late"' not in _progress(login, "30/06/2025")
    late = _progress(login, "01/07/2025")
    assert late.count('class="late"') == 2
    assert '<strong data-figure="late">2</strong>' in late


def test_it_explains_a_bad_as_of_day(cast: Cast, login: Login) -> None:
    scene(cast)
    body = _progress(login, "31/02/2025")
    assert "Ngày “31/02/2025” không hợp lệ" in body


def test_it_reads_the_campaign_in_a_fixed_number_of_queries(cast: Cast, login: Login) -> None:
    found = scene(cast)
    alice, url = login("alice"), reverse("congresses:campaign", args=[found.campaign.pk])
    small = _queries(alice, url)
    for number in range(3):
        new = create_organization(
            actor=None, code=f"XA-N{number}", name=f"Chi bộ mới {number}", level="cell",
            kind="agency", parent=cast.org("XA"), founded_on=date(2000, 1, 1),
        )  # fmt: skip
        services.assign_guide(
            cast.user("alice"), found.campaign, cell=new, member=cast.member(AN),
            assigned_on=date(2025, 4, 1),
        )  # fmt: skip
    assert _queries(alice, url) == small


def test_it_assigns_a_guide_and_shows_it_on_the_row(cast: Cast, login: Login) -> None:
    found = scene(cast)
    alice = login("alice")
    data = {
        "cell": cast.org("XA-TH").pk,
        "member": cast.member(BICH).pk,
        "assigned_on": "02/04/2025",
    }
    response = alice.post(reverse("congresses:assign_guide", args=[found.campaign.pk]), data)
    assert response.status_code == 302
    assert Guide.objects.get().member == cast.member(BICH)
    assert BICH in _progress(login, "01/06/2025")


def test_it_refuses_a_guide_from_another_commune(cast: Cast, login: Login) -> None:
    found = scene(cast)
    data = {"cell": cast.org("XA-TH").pk, "member": cast.member("Hoàng Văn Em").pk}
    url = reverse("congresses:assign_guide", args=[found.campaign.pk])
    body = _body(login("alice").post(url, {**data, "assigned_on": "02/04/2025"}))
    assert "Chọn một đảng viên trong danh sách." in body
    assert not Guide.objects.exists()


def test_it_plans_a_congress_for_a_cell_without_one(cast: Cast, login: Login) -> None:
    found = scene(cast)
    url = reverse("congresses:plan", args=[found.campaign.pk, found.new_cell.pk])
    assert "Lập kế hoạch đại hội" in _body(login("alice").get(url))
    data = {"planned_on": "05/06/2025", "kind": "all_members", "place": "Nhà văn hóa"}
    response = login("alice").post(url, data)
    planned = Congress.objects.get(organization=found.new_cell)
    assert response["Location"] == reverse("congresses:detail", args=[planned.pk])
    assert planned.campaign == found.campaign and planned.planned_on == date(2025, 6, 5)


def test_it_refuses_a_second_congress_on_the_plan_form(cast: Cast, login: Login) -> None:
    found = scene(cast)
    url = reverse("congresses:plan", args=[found.campaign.pk, cast.org("XA-DONG").pk])
    response = login("alice").post(url, {"kind": "all_members"})
    assert response.status_code == 200
    assert "đã có đại hội nhiệm kỳ 2025–2030" in _body(response)
    assert Congress.objects.filter(organization__code="XA-DONG").count() == 1


def test_it_lets_the_cell_secretary_plan_their_own_cell(cast: Cast, login: Login) -> None:
    campaign = campaign_on(cast)
    bob = login("bob")
    listed = _body(bob.get(reverse("congresses:list")))
    url = reverse("congresses:plan", args=[campaign.pk, cast.org("XA-DONG").pk])
    assert url in listed and "Chi bộ thôn Đông" in listed
    assert bob.post(url, {"kind": "all_members", "planned_on": "20/05/2025"}).status_code == 302
    other = reverse("congresses:plan", args=[campaign.pk, cast.org("XA-TH").pk])
    assert bob.get(other).status_code == 404
    assert "Mở hồ sơ đại hội" in _body(bob.get(reverse("congresses:list")))


# ---------------------------------------------------------------------------
# One congress


def _detail(congress: Congress, name: str = "detail", *rest: int) -> str:
    return reverse(f"congresses:{name}", args=[congress.pk, *rest])


def test_it_records_the_next_step_from_the_page(cast: Cast, login: Login) -> None:
    planned = planned_congress(cast)
    alice = login("alice")
    assert 'value="preparation" selected' in _body(alice.get(_detail(planned)))
    data = {"step": "preparation", "on": "01/04/2025"}
    assert alice.post(_detail(planned, "step"), data).status_code == 302
    planned.refresh_from_db()
    assert planned.preparation_on == date(2025, 4, 1)
    assert 'value="political_report" selected' in _body(alice.get(_detail(planned)))


def test_it_refuses_a_step_out_of_order_and_writes_nothing(cast: Cast, login: Login) -> None:
    planned = planned_congress(cast)
    data = {"step": "personnel_plan", "on": "10/04/2025"}
    response = login("alice").post(_detail(planned, "step"), data)
    assert response.status_code == 200
    assert "Chưa ghi bước trước: “Dự thảo báo cáo chính trị”." in _body(response)
    planned.refresh_from_db()
    assert planned.personnel_plan_on is None


def _row_of(congress: Congress, cast: Cast, name: str) -> Convened:
    return Convened.objects.get(congress=congress, member=cast.member(name))


def _exclude(login: Login, congress: Congress, row: Convened, kind: str, note: str) -> Any:
    prefix = f"row{row.pk}"
    data = {f"{prefix}-exclusion": kind, f"{prefix}-note": note}
    return login("alice").post(_detail(congress, "exclusion", row.pk), data)


def test_it_shows_how_the_denominator_is_computed(cast: Cast, login: Login) -> None:
    ready = ready_congress(cast)
    row = _row_of(ready, cast, CUONG)
    assert _exclude(login, ready, row, "detained", "Quyết định tạm giữ").status_code == 302
    body = _body(login("alice").get(_detail(ready)))
    assert '<strong data-figure="denominator">2</strong>' in body and "= 3 − 1" in body
    assert "đang bị tạm giam, tạm giữ: 1" in body and "Quyết định tạm giữ" in body
    assert "trúng cử phải đạt từ 2 phiếu" in body


def test_it_requires_a_reason_for_an_exclusion(cast: Cast, login: Login) -> None:
    ready = ready_congress(cast)
    row = _row_of(ready, cast, CUONG)
    response = _exclude(login, ready, row, "suspended", "")
    assert response.status_code == 200 and "Ghi lý do." in _body(response)
    row.refresh_from_db()
    assert row.exclusion == ""


def test_it_answers_404_for_a_row_of_another_congress(cast: Cast, login: Login) -> None:
    found = scene(cast)
    row = Convened.objects.get(congress=found.held)
    url = _detail(found.prepared, "exclusion", row.pk)
    assert login("alice").post(url, {}).status_code == 404


def test_it_records_presence_from_the_checkboxes(cast: Cast, login: Login) -> None:
    ready = ready_congress(cast)
    present = [str(cast.member(AN).pk), str(cast.member(BICH).pk)]
    response = login("alice").post(_detail(ready, "presence"), {"present": present})
    assert response["Location"].endswith("#convened")
    ready.refresh_from_db()
    assert ready.present_count == 2
    assert _row_of(ready, cast, CUONG).present is False


@pytest.mark.parametrize("value", ["abc", "99999999", "1" * 30])
def test_it_refuses_a_forged_presence_list(cast: Cast, login: Login, value: str) -> None:
    ready = ready_congress(cast)
    response = login("alice").post(_detail(ready, "presence"), {"present": [value]}, follow=True)
    assert response.status_code == 200
    assert "alert-error" in _body(response)
    assert not Convened.objects.filter(congress=ready, present__isnull=False).exists()


def test_it_creates_an_election_with_members_and_an_outsider(cast: Cast, login: Login) -> None:
    ready = ready_congress(cast)
    members = [str(cast.member(BICH).pk), str(cast.member(AN).pk)]
    data = {
        "kind": "committee",
        "seats": 3,
        "members": members,
        "outsiders": "Hoàng  Văn Khách\n",
        "list_decision": DECISION,
    }
    response = login("alice").post(_detail(ready, "create_election"), data)
    election = Election.objects.get()
    assert response["Location"] == reverse("congresses:election", args=[election.pk])
    names = list(election.candidates.values_list("name", flat=True))
    assert names == [AN, BICH, "Hoàng Văn Khách"]


def test_it_shows_the_list_check_message_and_writes_nothing(cast: Cast, login: Login) -> None:
    ready = ready_congress(cast)
    members = [str(cast.member(name).pk) for name in (AN, BICH, CUONG)]
    data = {"kind": "committee", "seats": 1, "members": members}
    response = login("alice").post(_detail(ready, "create_election"), data)
    assert response.status_code == 200
    assert "vượt số dư cho phép (tối đa 1 người" in _body(response)
    assert not Election.objects.exists()


def test_it_refuses_an_empty_list_or_bad_seats(cast: Cast, login: Login) -> None:
    ready = ready_congress(cast)
    data = {"kind": "committee", "seats": "ba", "members": ["999"]}
    body = _body(login("alice").post(_detail(ready, "create_election"), data))
    assert "Số lượng cần bầu là một số nguyên." in body
    assert "Chọn đảng viên trong danh sách triệu tập." in body
    body = _body(
        login("alice").post(_detail(ready, "create_election"), {"kind": "committee", "seats": 3})
    )
    assert "Danh sách bầu cử chưa có ai." in body
    assert not Election.objects.exists()


def test_it_holds_the_congress_from_the_page(cast: Cast, login: Login) -> None:
    ready = ready_congress(cast)
    data = {"held_on": "20/05/2025", "place": "Hội trường", "chair": BICH, "secretary": CUONG}
    assert login("bob").post(_detail(ready, "hold"), data).status_code == 302
    ready.refresh_from_db()
    assert (ready.status, ready.held_on, ready.place) == ("held", date(2025, 5, 20), "Hội trường")


def test_it_refuses_to_hold_on_another_day_than_the_list(cast: Cast, login: Login) -> None:
    ready = ready_congress(cast)
    response = login("alice").post(_detail(ready, "hold"), {"held_on": "21/05/2025"})
    assert "lập lại danh sách" in _body(response)
    ready.refresh_from_db()
    assert ready.status == "preparing"


def test_it_shows_the_new_committee_and_installs_it(cast: Cast, login: Login) -> None:
    held = held_congress(cast)
    alice = login("alice")
    preview = _body(alice.get(_detail(held)))
    assert "Kiện toàn cấp ủy mới" in preview
    assert f"<td>{BICH}</td><td>Bí thư</td>" in preview.replace("\\n", "")
    assert alice.post(_detail(held, "install"), {"on": "20/05/2025"}).status_code == 302
    committee = Committee.objects.get(organization__code="XA-DONG", term_start=2025)
    roles = dict(committee.positions.values_list("member__full_name", "role"))
    assert roles == {BICH: "secretary", AN: "member", CUONG: "member"}
    page = _body(alice.get(reverse("organizations:detail", args=["XA-DONG"])))
    assert "nhiệm kỳ 2025–2030" in page and "Đã kiện toàn" in _body(alice.get(_detail(held)))


def test_it_lets_only_the_level_above_approve(cast: Cast, login: Login) -> None:
    held = held_congress(cast)
    data = {"on": "01/06/2025", "number": "125-QĐ/ĐU", "approved_by": "Đảng ủy xã Hòa An"}
    assert "Ghi quyết định chuẩn y" not in _body(login("bob").get(_detail(held)))
    assert login("bob").post(_detail(held, "approve"), data).status_code == 403
    assert login("alice").post(_detail(held, "approve"), data).status_code == 302
    held.refresh_from_db()
    assert (held.status, held.approval_number) == ("approved", "125-QĐ/ĐU")


def test_it_uploads_and_downloads_a_document(cast: Cast, login: Login) -> None:
    ready = ready_congress(cast)
    upload = SimpleUploadedFile("phuong-an.docx", b"PK\x03\x04 word", "application/msword")
    data = {"kind": "personnel_plan", "title": "Phương án nhân sự", "on": "10/04/2025"}
    posted = login("bob").post(_detail(ready, "add_document"), {**data, "file": upload})
    assert posted.status_code == 302
    document = CongressDocument.objects.get()
    response = login("dave").get(_detail(ready, "document", document.pk))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"PK\x03\x04 word"  # type: ignore[attr-defined]


def test_it_refuses_a_document_without_file_or_text(cast: Cast, login: Login) -> None:
    ready = ready_congress(cast)
    data = {"kind": "other", "title": "Trống", "on": "10/04/2025"}
    response = login("alice").post(_detail(ready, "add_document"), data)
    assert "Tải tệp lên hoặc ghi nội dung tài liệu." in _body(response)
    assert not CongressDocument.objects.exists()


def test_it_cancels_a_congress_with_a_reason(cast: Cast, login: Login) -> None:
    ready = ready_congress(cast)
    assert "Lý do hủy" in _body(login("alice").post(_detail(ready, "cancel"), {"reason": ""}))
    login("alice").post(_detail(ready, "cancel"), {"reason": "Sáp nhập chi bộ"})
    body = _body(login("alice").get(_detail(ready)))
    assert "Đại hội đã hủy. Lý do: Sáp nhập chi bộ" in body and "Ghi ngày" not in body


def test_it_reads_the_congress_in_a_fixed_number_of_queries(cast: Cast, login: Login) -> None:
    ready = ready_congress(cast)
    alice, url = login("alice"), _detail(ready)
    small = _queries(alice, url)
    for name in ("Vũ Văn Một", "Vũ Văn Hai", "Vũ Văn Ba"):
        new_member(cast, name)
    assert services.convene(cast.user("alice"), ready) == 6
    row = _row_of(ready, cast, "Vũ Văn Hai")
    services.set_exclusion(cast.user("alice"), row, "suspended", "Quyết định đình chỉ")
    counted(cast, ready, "delegates", 1, [AN], [[AN], [AN]])
    assert "Vũ Văn Hai" in _body(alice.get(url))
    assert _queries(alice, url) == small


@pytest.mark.parametrize("page", ["detail", "election"])
def test_it_gives_every_field_its_own_id(cast: Cast, login: Login, page: str) -> None:
    found = scene(cast)
    target = found.prepared if page == "detail" else found.committee
    body = _body(login("alice").get(reverse(f"congresses:{page}", args=[target.pk])))
    ids = re.findall(r'\sid="([^"]+)"', body)
    assert len(ids) > 10 and len(ids) == len(set(ids))
