"""Meeting pages: scope on every page, the forms, the attendance page, the panels."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from dangvu.meetings import services
from dangvu.meetings.models import Attendance, Meeting, MeetingFile, OversightAssignment
from dangvu.organizations.services import appoint_position, create_committee
from tests.fixtures.cast import Cast
from tests.generic import Endpoint, check_endpoint
from tests.meetings.helpers import held, meeting, new_member

Login = Callable[[str], Client]
PLANNED = "Kỳ họp thôn Đông tháng 3"
HELD = "Kỳ họp thôn Đông tháng 4"
BRIEFING = "Giao ban xã Hòa An tháng 3"
UPCOMING = "Kỳ họp sắp tới thôn Đông"


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


def _setup(cast: Cast) -> None:
    meeting(cast, date(2024, 3, 5), title=PLANNED, place="Nhà văn hóa thôn Đông")
    done = held(cast, date(2024, 4, 5), title=HELD)
    services.add_resolution(
        cast.user("alice"), done, text="Làm đường", owner_name="Chi bộ", due_on=date(2024, 6, 30)
    )
    meeting(cast, date(2024, 3, 6), cell="XA", kind="briefing", title=BRIEFING)
    meeting(cast, timezone.localdate() + timedelta(days=40), kind="extraordinary", title=UPCOMING)
    attached = SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 test", "application/pdf")
    services.attach_file(cast.user("alice"), done, file=attached, title="Biên bản ký")


def _pk(title: str) -> int:
    return Meeting.objects.get(title=title).pk


def _url(name: str, title: str, *rest: int) -> Callable[[Cast], str]:
    return lambda c: reverse(f"meetings:{name}", args=[_pk(title), *rest])


def _an(c: Cast) -> int:
    return c.member("Nguyễn Văn An").pk


def _xa(c: Cast) -> str:
    return f"?organization={c.org('XA').pk}"


def _file(c: Cast) -> dict[str, Any]:
    return {"title": "Ảnh", "file": SimpleUploadedFile("anh.png", b"\x89PNG", "image/png")}


ENDPOINTS = [
    Endpoint("list", lambda c: reverse("meetings:list"), object_level=False, hidden_text=PLANNED),
    Endpoint("this_month", lambda c: reverse("meetings:this_month") + "?cell=XA-DONG"),
    Endpoint(
        "create",
        lambda c: reverse("meetings:create") + "?organization=XA-DONG",
        object_level=False,
        hidden_text="Chi bộ thôn Đông",
        writes=True,
    ),
    Endpoint("detail", _url("detail", PLANNED)),
    Endpoint("edit", _url("edit", PLANNED), writes=True),
    Endpoint("attendance", _url("attendance", PLANNED), writes=True),
    Endpoint(
        "attendance_post",
        _url("attendance", PLANNED),
        method="post",
        data=lambda c: {f"state_{_an(c)}": "present"},
        writes=True,
        ok_status=(302,),
    ),
    Endpoint(
        "approve",
        _url("approve", HELD),
        method="post",
        data=lambda c: {"approved_on": "10/04/2024"},
        writes=True,
        ok_status=(302,),
    ),
    Endpoint(
        "cancel",
        _url("cancel", PLANNED),
        method="post",
        data=lambda c: {"reason": "Mưa bão"},
        writes=True,
        ok_status=(302,),
    ),
    Endpoint(
        "mark_held", _url("mark_held", BRIEFING), method="post", writes=True, ok_status=(302,)
    ),
    Endpoint(
        "guest",
        _url("add_guest", PLANNED),
        method="post",
        data=lambda c: {"kind": "superior", "name": "Đồng chí Hải", "role": "Huyện ủy viên"},
        writes=True,
        ok_status=(302,),
    ),
    Endpoint(
        "opinion",
        _url("add_opinion", PLANNED),
        method="post",
        data=lambda c: {"speaker_name": "Nguyễn Văn An", "text": "Nhất trí."},
        writes=True,
        ok_status=(302,),
    ),
    Endpoint(
        "resolution",
        _url("add_resolution", PLANNED),
        method="post",
        data=lambda c: {"text": "Sửa nhà văn hóa", "owner_name": "Chi ủy"},
        writes=True,
        ok_status=(302,),
    ),
    Endpoint(
        "hand_off",
        lambda c: reverse(
            "meetings:hand_off",
            args=[_pk(HELD), Meeting.objects.get(title=HELD).resolutions.get().pk],
        ),
        method="post",
        writes=True,
        ok_status=(302,),
    ),
    Endpoint(
        "upload",
        _url("upload_file", PLANNED),
        method="post",
        data=_file,
        writes=True,
        ok_status=(302,),
    ),
    Endpoint(
        "download",
        lambda c: reverse("meetings:download_file", args=[_pk(HELD), MeetingFile.objects.get().pk]),
    ),
    Endpoint("rates", lambda c: reverse("meetings:rates") + _xa(c)),
    Endpoint("compliance", lambda c: reverse("meetings:compliance") + _xa(c)),
    Endpoint("oversight", lambda c: reverse("meetings:oversight") + _xa(c)),
    Endpoint(
        "oversight_post",
        lambda c: reverse("meetings:oversight") + _xa(c),
        method="post",
        data=lambda c: {},
        writes=True,
    ),
    Endpoint(
        "calendar", lambda c: reverse("meetings:calendar"), object_level=False, hidden_text=UPCOMING
    ),
]


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=str)
def test_it_scopes_every_page(endpoint: Endpoint, cast: Cast, login: Login) -> None:
    _setup(cast)
    check_endpoint(endpoint, cast, login)


# ---------------------------------------------------------------------------
# The list


def test_it_filters_the_list_by_kind_and_month(cast: Cast, login: Login) -> None:
    _setup(cast)
    page = login("alice").get(reverse("meetings:list"), {"month": "2024-04", "kind": "regular"})
    body = page.content.decode()
    assert HELD in body and PLANNED not in body and BRIEFING not in body


def test_it_explains_a_bad_month_in_vietnamese(cast: Cast, login: Login) -> None:
    _setup(cast)
    page = login("alice").get(reverse("meetings:list"), {"month": "13/2024"})
    assert page.status_code == 200
    assert "Tháng không hợp lệ" in page.content.decode()


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_it_reads_the_list_in_a_fixed_number_of_queries(cast: Cast, login: Login) -> None:
    _setup(cast)
    alice, url = login("alice"), reverse("meetings:list")
    small = _queries(alice, url)
    for month in range(5, 11):
        held(cast, date(2024, month, 5), cell="XA-TH")
    assert _queries(alice, url) == small


# ---------------------------------------------------------------------------
# This month, and planning a meeting


def test_it_offers_this_month_regular_meeting_to_the_secretary(cast: Cast, login: Login) -> None:
    page = login("bob").get(reverse("meetings:this_month")).content.decode()
    assert "Chi bộ thôn Đông" in page
    assert "kind=regular" in page
    meeting(cast, timezone.localdate())
    page = login("bob").get(reverse("meetings:this_month")).content.decode()
    assert "kind=regular" not in page and "Điểm danh" in page


def test_it_sends_staff_without_a_cell_to_the_list(login: Login, db: Any) -> None:
    response = login("alice").get(reverse("meetings:this_month"))
    assert response["Location"] == reverse("meetings:list")


def test_it_prefills_the_form_from_the_this_month_button(cast: Cast, login: Login) -> None:
    today = timezone.localdate().strftime("%d/%m/%Y")
    url = reverse("meetings:create") + f"?organization=XA-DONG&kind=regular&date={today}"
    body = login("bob").get(url).content.decode()
    assert f'value="{today}"' in body
    assert '<option value="regular" selected>' in body
    assert f'<option value="{cast.member("Trần Thị Bích").pk}">Trần Thị Bích</option>' in body


def test_it_lets_the_secretary_plan_a_meeting(cast: Cast, login: Login) -> None:
    response = login("bob").post(
        reverse("meetings:create"),
        {
            "organization": cast.org("XA-DONG").pk,
            "kind": "regular",
            "date": "05/03/2024",
            "start_time": "19h30",
            "place": "Nhà văn hóa",
            "chair": cast.member("Trần Thị Bích").pk,
        },
    )
    created = Meeting.objects.get()
    assert response["Location"] == reverse("meetings:detail", args=[created.pk])
    assert created.start_time is not None and created.start_time.hour == 19
    assert created.title == "Sinh hoạt chi bộ thường kỳ tháng 3/2024"


def test_it_refuses_bad_input_in_vietnamese_and_writes_nothing(cast: Cast, login: Login) -> None:
    response = login("bob").post(
        reverse("meetings:create"),
        {"organization": cast.org("XA-DONG").pk, "kind": "thematic", "start_time": "25:99"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Trường này là bắt buộc." in body and "Giờ không hợp lệ" in body
    assert not Meeting.objects.exists()


def test_it_shows_the_service_refusal_on_the_form(cast: Cast, login: Login) -> None:
    response = login("bob").post(
        reverse("meetings:create"),
        {"organization": cast.org("XA-DONG").pk, "kind": "thematic", "date": "05/03/2024"},
    )
    assert "Sinh hoạt chuyên đề phải chọn chủ đề." in response.content.decode()
    assert not Meeting.objects.exists()


def test_it_refuses_a_cell_outside_the_secretary_cell(cast: Cast, login: Login) -> None:
    response = login("bob").post(
        reverse("meetings:create"),
        {"organization": cast.org("XA-TH").pk, "kind": "regular", "date": "05/03/2024"},
    )
    assert response.status_code == 200
    assert not Meeting.objects.exists()


def test_it_edits_the_minutes(cast: Cast, login: Login) -> None:
    planned = meeting(cast, date(2024, 3, 5))
    response = login("bob").post(
        reverse("meetings:edit", args=[planned.pk]),
        {"kind": "regular", "date": "05/03/2024", "conclusion": "Chi bộ thống nhất."},
    )
    planned.refresh_from_db()
    assert response.status_code == 302 and planned.conclusion == "Chi bộ thống nhất."


# ---------------------------------------------------------------------------
# Taking attendance


def _marks(cast: Cast, **states: str) -> dict[str, str]:
    names = {"an": "Nguyễn Văn An", "bich": "Trần Thị Bích", "cuong": "Lê Văn Cường"}
    data: dict[str, str] = {}
    for key, state in states.items():
        pk = cast.member(names[key]).pk
        data[f"state_{pk}"] = state
        data[f"reason_{pk}"] = "Ốm" if state == "excused" else ""
    return data


def _rows() -> list[tuple[int, str, str]]:
    return sorted(Attendance.objects.values_list("member_id", "state", "reason"))


def test_it_records_the_same_rows_when_the_form_is_sent_twice(cast: Cast, login: Login) -> None:
    planned = meeting(cast, date(2024, 3, 5))
    bob, url = login("bob"), reverse("meetings:attendance", args=[planned.pk])
    data = {
        **_marks(cast, an="present", bich="present", cuong="excused"),
        "key": "3f1e0c9e-1c1a-4d5e-9a55-6f1f0b8f2a11",
    }
    bob.post(url, data)
    first = _rows()
    bob.post(url, data)
    assert _rows() == first and len(first) == 3
    planned.refresh_from_db()
    assert (planned.present_count, planned.excused_count, planned.status) == (2, 1, "held")


def test_it_answers_the_script_in_json(cast: Cast, login: Login) -> None:
    planned = meeting(cast, date(2024, 3, 5))
    response = login("bob").post(
        reverse("meetings:attendance", args=[planned.pk]),
        {
            **_marks(cast, an="present", bich="present", cuong="absent"),
            "key": "3f1e0c9e-1c1a-4d5e-9a55-6f1f0b8f2a11",
        },
        HTTP_ACCEPT="application/json",
    )
    answer = json.loads(response.content)
    assert answer["ok"] and answer["key"] == "3f1e0c9e-1c1a-4d5e-9a55-6f1f0b8f2a11"
    assert (answer["present"], answer["expected"], answer["rate"]) == (2, 3, "66,7%")


def test_it_shows_the_saved_rate_where_the_script_lands(cast: Cast, login: Login) -> None:
    planned = meeting(cast, date(2024, 3, 5))
    bob = login("bob")
    answer = bob.post(
        reverse("meetings:attendance", args=[planned.pk]),
        _marks(cast, an="present", bich="present", cuong="absent"),
        HTTP_ACCEPT="application/json",
    )
    page = bob.get(json.loads(answer.content)["redirect"]).content.decode()
    assert "Đã điểm danh: 2/3 có mặt (66,7%)." in page


def test_it_refuses_an_excused_absence_without_reason(cast: Cast, login: Login) -> None:
    planned = meeting(cast, date(2024, 3, 5))
    data = _marks(cast, an="present", cuong="excused")
    data[f"reason_{cast.member('Lê Văn Cường').pk}"] = ""
    url = reverse("meetings:attendance", args=[planned.pk])
    page = login("bob").post(url, data)
    answer = login("bob").post(url, data, HTTP_ACCEPT="application/json")
    assert "Lê Văn Cường vắng có lý do: ghi lý do." in page.content.decode()
    assert answer.status_code == 400 and "ghi lý do" in json.loads(answer.content)["errors"][0]
    assert not Attendance.objects.exists()


def test_it_refuses_attendance_before_the_meeting_day(cast: Cast, login: Login) -> None:
    planned = meeting(cast, timezone.localdate() + timedelta(days=3))
    url = reverse("meetings:attendance", args=[planned.pk])
    page = login("bob").get(url).content.decode()
    response = login("bob").post(url, _marks(cast, an="present"))
    assert "chưa diễn ra" in page and "chưa diễn ra" in response.content.decode()
    assert not Attendance.objects.exists()


def test_it_ignores_marks_for_members_outside_the_roster(cast: Cast, login: Login) -> None:
    planned = meeting(cast, date(2024, 3, 5))
    outsider = cast.member("Phạm Thị Dung").pk
    login("bob").post(
        reverse("meetings:attendance", args=[planned.pk]), {f"state_{outsider}": "present"}
    )
    assert not Attendance.objects.exists()


def test_it_shows_one_tap_target_and_a_radio_fallback_per_member(cast: Cast, login: Login) -> None:
    planned = meeting(cast, date(2024, 3, 5))
    page = login("bob").get(reverse("meetings:attendance", args=[planned.pk])).content.decode()
    assert page.count('class="att-tap"') == 3
    assert page.count('type="radio"') == 9
    assert 'name="key"' in page and "attendance.js" in page and "Tất cả có mặt" in page


def test_it_reads_the_attendance_page_in_a_fixed_number_of_queries(
    cast: Cast, login: Login
) -> None:
    planned = meeting(cast, date(2024, 3, 5))
    bob, url = login("bob"), reverse("meetings:attendance", args=[planned.pk])
    small = _queries(bob, url)
    for n in range(4):
        new_member(cast, f"Vũ Văn Mới {n}")
    assert _queries(bob, url) == small


# ---------------------------------------------------------------------------
# The meeting


def test_it_shows_the_computed_attendance_on_the_meeting(cast: Cast, login: Login) -> None:
    done = held(
        cast,
        date(2024, 3, 5),
        {"Nguyễn Văn An": "present", "Trần Thị Bích": "present", "Lê Văn Cường": "excused"},
    )
    page = login("alice").get(reverse("meetings:detail", args=[done.pk])).content.decode()
    assert "66,7%" in page and "Vắng có lý do" in page and "Ốm" in page


def test_it_shows_a_plain_member_only_their_own_mark(cast: Cast, login: Login) -> None:
    done = held(cast, date(2024, 3, 5))
    page = login("charlie").get(reverse("meetings:detail", args=[done.pk])).content.decode()
    assert "Lê Văn Cường" in page and "Nguyễn Văn An" not in page
    assert "Điểm danh</a>" not in page


def test_it_reads_the_meeting_in_a_fixed_number_of_queries(cast: Cast, login: Login) -> None:
    done = held(cast, date(2024, 3, 5))
    alice, url = login("alice"), reverse("meetings:detail", args=[done.pk])
    small = _queries(alice, url)
    for n in range(3):
        services.add_opinion(cast.user("alice"), done, speaker_name=f"Người {n}", text="Ý kiến")
        services.add_guest(cast.user("alice"), done, kind="non_member", name=f"Khách {n}")
    assert _queries(alice, url) == small


def test_it_approves_and_then_locks_the_meeting(cast: Cast, login: Login) -> None:
    done = held(cast, date(2024, 3, 5))
    bob = login("bob")
    bob.post(reverse("meetings:approve", args=[done.pk]), {"approved_on": "06/03/2024"})
    page = bob.get(reverse("meetings:detail", args=[done.pk])).content.decode()
    assert "Biên bản đã duyệt ngày 06/03/2024" in page
    assert reverse("meetings:attendance", args=[done.pk]) not in page


def test_it_shows_why_a_cancel_was_refused(cast: Cast, login: Login) -> None:
    done = held(cast, date(2024, 3, 5))
    response = login("bob").post(
        reverse("meetings:cancel", args=[done.pk]), {"reason": "Mưa"}, follow=True
    )
    assert "không hủy được" in response.content.decode()
    done.refresh_from_db()
    assert done.status == "held"


def test_it_uploads_and_downloads_a_file(cast: Cast, login: Login) -> None:
    planned = meeting(cast, date(2024, 3, 5))
    bob = login("bob")
    bob.post(reverse("meetings:upload_file", args=[planned.pk]), _file(cast))
    attached = MeetingFile.objects.get()
    response = bob.get(reverse("meetings:download_file", args=[planned.pk, attached.pk]))
    assert b"".join(response.streaming_content) == b"\x89PNG"  # type: ignore[attr-defined]


def test_it_refuses_a_file_of_an_unknown_kind(cast: Cast, login: Login) -> None:
    planned = meeting(cast, date(2024, 3, 5))
    script = SimpleUploadedFile("x.html", b"<script>", "text/html")
    response = login("bob").post(
        reverse("meetings:upload_file", args=[planned.pk]), {"file": script}, follow=True
    )
    assert "Chỉ nhận tệp" in response.content.decode()
    assert not MeetingFile.objects.exists()


# ---------------------------------------------------------------------------
# Reports


def test_it_shows_the_rates_and_the_flagged_members(cast: Cast, login: Login) -> None:
    states = {"Nguyễn Văn An": "present", "Trần Thị Bích": "present", "Lê Văn Cường": "absent"}
    for month in (1, 2, 3):
        held(cast, date(2024, month, 5), states)
    page = login("alice").get(
        reverse("meetings:rates"), {"organization": cast.org("XA").pk, "year": 2024}
    )
    body = page.content.decode()
    assert "66,7%" in body and "Chi bộ thôn Đông" in body
    assert "vắng không lý do 3 kỳ liên tiếp" in body and "Lê Văn Cường</a>" in body


def test_it_hides_the_flagged_names_from_a_plain_member(cast: Cast, login: Login) -> None:
    for month in (1, 2, 3):
        held(cast, date(2024, month, 5), {"Nguyễn Văn An": "present", "Lê Văn Cường": "absent"})
    body = login("charlie").get(reverse("meetings:rates"), {"year": 2024}).content.decode()
    assert "liên tiếp" not in body


@pytest.mark.parametrize("name", ["rates", "compliance", "oversight"])
def test_it_reads_a_report_in_a_fixed_number_of_queries(
    name: str, cast: Cast, login: Login
) -> None:
    held(cast, date(2024, 1, 5), {"Nguyễn Văn An": "absent"})
    held(cast, date(2024, 1, 6), {"Phạm Thị Dung": "present"}, cell="XA-TH")
    alice = login("alice")
    url = reverse(f"meetings:{name}") + f"?organization={cast.org('XA').pk}&year=2024"
    small = _queries(alice, url)
    for month in range(2, 8):
        held(cast, date(2024, month, 5), {"Phạm Thị Dung": "present"}, cell="XA-TH")
        held(cast, date(2024, month, 6), {"Nguyễn Văn An": "present"})
    assert _queries(alice, url) == small


def test_it_lists_cells_that_missed_their_meeting(cast: Cast, login: Login) -> None:
    held(cast, date(2024, 1, 5))
    page = login("alice").get(
        reverse("meetings:compliance"),
        {"organization": cast.org("XA").pk, "year": 2024, "quarter": 1},
    )
    body = page.content.decode()
    assert "Chi bộ Trường Tiểu học Hòa An" in body and "tháng 2/2024" in body
    assert "quý I/2024" in body


def _committee_member(cast: Cast) -> Any:
    committee = create_committee(
        cast.org("XA"), actor=None, body="executive", term_start=2020, term_end=2025
    )
    appoint_position(committee, cast.member("Phạm Thị Dung"), actor=None, role="member")
    return cast.member("Phạm Thị Dung")


def test_it_assigns_oversight_and_counts_the_meetings_attended(cast: Cast, login: Login) -> None:
    dung = _committee_member(cast)
    url = reverse("meetings:oversight") + f"?organization={cast.org('XA').pk}&year=2024"
    login("alice").post(
        url, {"member": dung.pk, "cell": cast.org("XA-DONG").pk, "start_date": "01/01/2024"}
    )
    assert OversightAssignment.objects.get().member == dung
    first, _second = held(cast, date(2024, 2, 5)), held(cast, date(2024, 3, 5))
    services.add_guest(cast.user("alice"), first, kind="overseer", member=dung)
    body = login("alice").get(url).content.decode()
    assert "Phạm Thị Dung" in body and '<td class="num">2</td>' in body
    assert '<td class="num">1</td>' in body


# ---------------------------------------------------------------------------
# Panels on other pages


def _panel(body: str) -> str:
    start = body.index('id="meetings-panel-title"')
    return body[start : body.index("</section>", start)]


def test_it_shows_the_meetings_card_on_the_organization_page(cast: Cast, login: Login) -> None:
    held(cast, timezone.localdate().replace(day=1))
    body = login("alice").get(reverse("organizations:detail", args=["XA"])).content.decode()
    panel = _panel(body)
    not_yet = panel[panel.index("Chưa họp tháng") :]
    assert "100,0%" in panel
    assert "Chi bộ Trường Tiểu học Hòa An" in not_yet and "Chi bộ thôn Đông" not in not_yet


def test_it_reads_the_organization_card_in_a_fixed_number_of_queries(
    cast: Cast, login: Login
) -> None:
    alice, url = login("alice"), reverse("organizations:detail", args=["XA"])
    small = _queries(alice, url)
    today = timezone.localdate()
    held(cast, today.replace(day=1))
    held(cast, today.replace(day=1), cell="XA-TH")
    assert _queries(alice, url) == small


def test_it_shows_a_member_their_own_attendance(cast: Cast, login: Login) -> None:
    today = timezone.localdate()
    held(cast, today.replace(day=1), {"Lê Văn Cường": "excused"})
    cuong = cast.member("Lê Văn Cường").pk
    body = login("charlie").get(reverse("members:detail", args=[cuong])).content.decode()
    assert "Sinh hoạt đảng" in body and "Vắng có lý do" in body and "Ốm" in body
