"""Campaigns, planning, the dated steps, holding, approving and cancelling a congress."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from dangvu.congresses import services
from dangvu.congresses.models import Campaign, Congress, CongressDocument, Guide
from tests.congresses.factories import (
    BICH,
    CONGRESS_DAY,
    DUE_ON,
    STEPS,
    TERM,
    campaign_on,
    planned_congress,
    ready_congress,
    record_steps,
)
from tests.fixtures.cast import Cast


def _message(info: pytest.ExceptionInfo[ValidationError]) -> str:
    return " ".join(info.value.messages)


def _district_campaign(cast: Cast, **fields: object) -> Campaign:
    values: dict[str, object] = {
        "term_start": TERM[0],
        "term_end": TERM[1],
        "title": "Kế hoạch đại hội chi bộ của huyện",
        "plan_number": "108-KH/HU",
        "due_on": DUE_ON,
        **fields,
    }
    return services.create_campaign(cast.user("root"), organization=cast.org("H01"), **values)


# ---------------------------------------------------------------------------
# Campaigns and guides


def test_it_creates_a_campaign_with_its_plan_and_author(cast: Cast) -> None:
    campaign = campaign_on(cast)
    assert campaign.code == "Kế hoạch số 12-KH/ĐU ngày 10/3/2025"
    assert (campaign.term, campaign.target_level, campaign.due_on) == ("2025-2030", "cell", DUE_ON)
    assert campaign.history.get().history_user == cast.user("alice")


def test_it_links_a_commune_plan_to_the_district_plan_it_implements(cast: Cast) -> None:
    district = _district_campaign(cast)
    commune = campaign_on(cast, parent=district, due_on=date(2025, 6, 15))
    assert commune.parent == district
    with pytest.raises(ValidationError) as info:
        campaign_on(cast, code="XB", user="eve", parent=district, due_on=date(2025, 7, 15))
    assert "không được sau hạn của kế hoạch cấp trên (30/06/2025)" in _message(info)
    assert not Campaign.objects.filter(organization__code="XB").exists()


def test_it_refuses_a_campaign_at_a_cell_or_twice_for_a_term(cast: Cast) -> None:
    with pytest.raises(ValidationError) as info:
        campaign_on(cast, code="XA-DONG")
    assert "do đảng ủy cơ sở hoặc cấp trên ban hành" in _message(info)
    campaign_on(cast)
    with pytest.raises(ValidationError) as info:
        campaign_on(cast, title="Lần hai")
    assert "đã có kế hoạch đại hội nhiệm kỳ 2025–2030" in _message(info)
    assert Campaign.objects.count() == 1


def test_it_refuses_a_campaign_with_bad_dates_or_term(cast: Cast) -> None:
    with pytest.raises(ValidationError) as info:
        campaign_on(cast, term_end=2024, starts_on=date(2025, 7, 1), notice_working_days=-1)
    errors = info.value.message_dict
    assert set(errors) == {"term_end", "starts_on", "notice_working_days"}
    assert not Campaign.objects.exists()


@pytest.mark.parametrize("username", ["bob", "dave", "lan", "eve", "charlie"])
def test_it_lets_only_the_staff_above_plan_campaigns(cast: Cast, username: str) -> None:
    with pytest.raises(PermissionDenied):
        services.create_campaign(
            cast.user(username),
            organization=cast.org("XA"),
            term_start=2025,
            term_end=2030,
            title="Kế hoạch",
            due_on=DUE_ON,
        )
    assert not Campaign.objects.exists()


def test_it_assigns_a_committee_member_to_guide_a_cell(cast: Cast) -> None:
    campaign = campaign_on(cast)
    alice, an = cast.user("alice"), cast.member("Nguyễn Văn An")
    day = date(2025, 3, 20)
    guide = services.assign_guide(
        alice, campaign, cell=cast.org("XA-TH"), member=an, assigned_on=day
    )
    assert (guide.organization.code, guide.org_path) == ("XA-TH", cast.org("XA-TH").path)
    with pytest.raises(ValidationError) as info:
        services.assign_guide(
            alice,
            campaign,
            cell=cast.org("XB-BAC"),
            member=cast.member("Hoàng Văn Em"),
            assigned_on=day,
        )
    assert set(info.value.message_dict) == {"cell", "member"}
    assert Guide.objects.count() == 1


# ---------------------------------------------------------------------------
# Planning


def test_it_plans_a_congress_under_the_nearest_campaign(cast: Cast) -> None:
    district = _district_campaign(cast)
    bac = services.plan_congress(
        cast.user("eve"), cell=cast.org("XB-BAC"), term_start=2025, term_end=2030
    )
    assert bac.campaign == district
    commune = campaign_on(cast, parent=district)
    congress = planned_congress(cast)
    assert congress.campaign == commune
    assert (congress.status, congress.planned_on, congress.org_path) == (
        "preparing",
        CONGRESS_DAY,
        cast.org("XA-DONG").path,
    )


def test_it_lets_the_cell_secretary_plan_their_own_congress_only(cast: Cast) -> None:
    campaign_on(cast)
    bob = cast.user("bob")
    congress = services.plan_congress(bob, cell=cast.org("XA-DONG"), term_start=2025, term_end=2030)
    assert congress.history.get().history_user == bob
    with pytest.raises(PermissionDenied):
        services.plan_congress(bob, cell=cast.org("XA-TH"), term_start=2025, term_end=2030)


def test_it_refuses_a_second_congress_for_the_term_until_the_first_is_cancelled(
    cast: Cast,
) -> None:
    first = planned_congress(cast)
    with pytest.raises(ValidationError) as info:
        planned_congress(cast)
    assert "đã có đại hội nhiệm kỳ 2025–2030" in _message(info)
    services.cancel_congress(cast.user("alice"), first, "Dời sang quý sau")
    assert planned_congress(cast, day=date(2025, 6, 10)).pk != first.pk


def test_it_refuses_a_term_that_does_not_match_the_campaign(cast: Cast) -> None:
    campaign_on(cast)
    with pytest.raises(ValidationError) as info:
        services.plan_congress(
            cast.user("alice"), cell=cast.org("XA-DONG"), term_start=2025, term_end=2027
        )
    assert "là của nhiệm kỳ 2025–2030" in _message(info)
    assert not Congress.objects.exists()


# ---------------------------------------------------------------------------
# Steps


def test_it_records_the_steps_in_order(cast: Cast) -> None:
    congress = record_steps(cast, planned_congress(cast))
    assert congress.preparation_on == STEPS["preparation"]
    assert congress.convening_notice_on == STEPS["convening_notice"]
    assert Congress.objects.get().personnel_plan_on == STEPS["personnel_plan"]


def test_it_refuses_a_step_whose_previous_step_is_missing(cast: Cast) -> None:
    congress = planned_congress(cast)
    with pytest.raises(ValidationError) as info:
        services.record_step(cast.user("alice"), congress, "political_report", date(2025, 4, 8))
    assert "Chưa ghi bước trước: “Họp chuẩn bị đại hội”" in _message(info)
    assert Congress.objects.get().political_report_on is None


def test_it_refuses_a_step_dated_before_the_previous_one(cast: Cast) -> None:
    alice = cast.user("alice")
    congress = services.record_step(alice, planned_congress(cast), "preparation", date(2025, 4, 1))
    with pytest.raises(ValidationError) as info:
        services.record_step(alice, congress, "political_report", date(2025, 3, 31))
    assert "không được trước ngày của bước “Họp chuẩn bị đại hội” (01/04/2025)" in _message(info)
    assert Congress.objects.get().political_report_on is None


def test_it_corrects_a_step_only_between_its_neighbours(cast: Cast) -> None:
    alice = cast.user("alice")
    congress = record_steps(cast, planned_congress(cast))
    congress = services.record_step(alice, congress, "political_report", date(2025, 4, 9))
    assert congress.political_report_on == date(2025, 4, 9)
    with pytest.raises(ValidationError) as info:
        services.record_step(alice, congress, "political_report", date(2025, 4, 11))
    assert "không được sau ngày của bước “Phương án nhân sự” (10/04/2025)" in _message(info)


def test_it_refuses_the_held_step_a_bad_step_and_a_future_date(cast: Cast) -> None:
    alice, congress = cast.user("alice"), planned_congress(cast)
    for step, day in [("held", CONGRESS_DAY), ("approved", CONGRESS_DAY), ("vote", CONGRESS_DAY)]:
        with pytest.raises(ValidationError, match="chức năng riêng"):
            services.record_step(alice, congress, step, day)
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError, match="không được sau ngày hôm nay"):
        services.record_step(alice, congress, "preparation", tomorrow)


def test_it_requires_the_notice_working_days_before_the_congress(cast: Cast) -> None:
    campaign_on(cast, notice_working_days=30)
    alice = cast.user("alice")
    congress = planned_congress(cast)
    for step in ("preparation", "political_report", "personnel_plan"):
        congress = services.record_step(alice, congress, step, date(2025, 4, 1))
    with pytest.raises(ValidationError) as info:
        services.record_step(alice, congress, "convening_notice", date(2025, 4, 15))
    assert "ít nhất 30 ngày làm việc" in _message(info)
    assert "đại hội sớm nhất ngày 29/05/2025 (không phải 20/05/2025)" in _message(info)
    congress = services.record_step(alice, congress, "convening_notice", date(2025, 4, 1))
    assert congress.convening_notice_on == date(2025, 4, 1)


def test_it_checks_the_notice_again_on_the_day_the_congress_is_held(cast: Cast) -> None:
    campaign_on(cast, notice_working_days=30)
    alice = cast.user("alice")
    congress = planned_congress(cast, day=date(2025, 6, 2))
    congress = record_steps(cast, congress)
    services.convene(alice, congress, date(2025, 5, 20))
    with pytest.raises(ValidationError) as info:
        services.hold_congress(alice, congress, held_on=date(2025, 5, 20))
    assert "đại hội sớm nhất ngày 29/05/2025" in _message(info)
    assert Congress.objects.get().status == "preparing"


def test_it_moves_the_planned_day_before_the_list_is_made(cast: Cast) -> None:
    alice = cast.user("alice")
    congress = services.update_congress_plan(
        alice, planned_congress(cast), planned_on=date(2025, 5, 27), place="Hội trường xã"
    )
    assert (congress.planned_on, congress.place) == (date(2025, 5, 27), "Hội trường xã")
    services.convene(alice, congress)
    with pytest.raises(ValidationError, match="lập lại danh sách"):
        services.update_congress_plan(alice, congress, planned_on=date(2025, 5, 28))


def test_it_refuses_values_of_the_wrong_type_with_a_message(cast: Cast) -> None:
    alice, congress = cast.user("alice"), planned_congress(cast)
    calls = [
        lambda: services.record_step(alice, congress, "preparation", "01/04/2025"),  # type: ignore[arg-type]
        lambda: services.record_step(alice, congress, "preparation", timezone.now()),
        lambda: services.update_congress_plan(alice, congress, planned_on=timezone.now()),
        lambda: services.convene(alice, congress, "20/05/2025"),  # type: ignore[arg-type]
        lambda: campaign_on(cast, code="XB", user="eve", term_start="2025", due_on=None),
    ]
    for call in calls:
        with pytest.raises(ValidationError):
            call()
    assert Congress.objects.get().preparation_on is None


# ---------------------------------------------------------------------------
# Documents


def test_it_adds_documents_as_text_or_file(cast: Cast) -> None:
    alice, congress = cast.user("alice"), planned_congress(cast)
    day = date(2025, 4, 8)
    text = services.add_document(
        alice,
        congress,
        kind="political_report",
        title="Dự thảo báo cáo chính trị",
        on=day,
        text="Nhiệm kỳ 2022–2025 chi bộ đã …",
    )
    upload = SimpleUploadedFile("phuong-an.docx", b"PK\x03\x04 docx")
    scanned = services.add_document(
        alice, congress, kind="personnel_plan", title="Phương án nhân sự", on=day, file=upload
    )
    assert text.org_path == congress.org_path and scanned.file.name.endswith(".docx")


def test_it_refuses_a_document_without_content_or_of_a_bad_type(cast: Cast) -> None:
    alice, congress = cast.user("alice"), planned_congress(cast)
    with pytest.raises(ValidationError, match="Tải lên tệp hoặc nhập nội dung"):
        services.add_document(
            alice, congress, kind="resolution", title="Nghị quyết", on=CONGRESS_DAY
        )
    upload = SimpleUploadedFile("virus.exe", b"MZ")
    with pytest.raises(ValidationError) as info:
        services.add_document(alice, congress, kind="bogus", title="", on=CONGRESS_DAY, file=upload)
    assert set(info.value.message_dict) == {"kind", "title", "file"}
    assert not CongressDocument.objects.exists()


# ---------------------------------------------------------------------------
# Holding, approving, cancelling


def test_it_holds_the_congress_on_the_day_of_its_list(cast: Cast) -> None:
    congress = services.hold_congress(
        cast.user("bob"), ready_congress(cast), held_on=CONGRESS_DAY, chair=BICH
    )
    assert (congress.status, congress.held_on, congress.chair) == ("held", CONGRESS_DAY, BICH)
    assert congress.place == "Nhà văn hóa thôn"


def test_it_refuses_to_hold_a_congress_before_its_notice_or_list(cast: Cast) -> None:
    alice, congress = cast.user("alice"), planned_congress(cast)
    with pytest.raises(ValidationError) as info:
        services.hold_congress(alice, congress, held_on=CONGRESS_DAY)
    assert "“Thông báo triệu tập đại hội”" in _message(info)
    assert "Chưa lập danh sách" in _message(info)
    congress = ready_congress(cast, "XA-TH")
    with pytest.raises(ValidationError, match="lập lại danh sách cho ngày đại hội"):
        services.hold_congress(alice, congress, held_on=date(2025, 5, 21))


def test_it_refuses_changes_to_the_plan_once_held(cast: Cast) -> None:
    alice = cast.user("alice")
    congress = services.hold_congress(alice, ready_congress(cast), held_on=CONGRESS_DAY)
    with pytest.raises(ValidationError, match="Đại hội đã tổ chức ngày 20/05/2025"):
        services.record_step(alice, congress, "convening_notice", date(2025, 4, 16))
    with pytest.raises(ValidationError, match="Đại hội đã tổ chức"):
        services.convene(alice, congress)
    with pytest.raises(ValidationError, match="Đại hội đã tổ chức"):
        services.cancel_congress(alice, congress, "Nhầm")


def test_it_lets_the_level_above_approve_the_results(cast: Cast) -> None:
    alice = cast.user("alice")
    congress = services.hold_congress(alice, ready_congress(cast), held_on=CONGRESS_DAY)
    with pytest.raises(PermissionDenied):
        services.approve_congress(
            cast.user("bob"), congress, on=date(2025, 6, 2), number="45-QĐ/ĐU", approved_by="x"
        )
    congress = services.approve_congress(
        alice, congress, on=date(2025, 6, 2), number="45-QĐ/ĐU", approved_by="Đảng ủy xã Hòa An"
    )
    assert (congress.status, congress.approved_on, congress.approval_number) == (
        "approved",
        date(2025, 6, 2),
        "45-QĐ/ĐU",
    )


def test_it_refuses_an_approval_before_the_congress_or_without_a_number(cast: Cast) -> None:
    alice, congress = cast.user("alice"), ready_congress(cast)
    with pytest.raises(ValidationError, match="đại hội đã tổ chức"):
        services.approve_congress(alice, congress, on=CONGRESS_DAY, number="1", approved_by="ĐU")
    congress = services.hold_congress(alice, congress, held_on=CONGRESS_DAY)
    with pytest.raises(ValidationError) as info:
        services.approve_congress(alice, congress, on=date(2025, 5, 19), number="", approved_by="")
    assert set(info.value.message_dict) == {"on", "number", "approved_by"}
    assert Congress.objects.get().status == "held"


def test_it_cancels_a_congress_with_a_reason_and_its_open_elections(cast: Cast) -> None:
    alice, congress = cast.user("alice"), ready_congress(cast)
    election = services.create_election(
        alice, congress, kind="secretary", seats=1, candidates=[cast.member(BICH)]
    )
    with pytest.raises(ValidationError, match="Ghi lý do hủy"):
        services.cancel_congress(alice, congress, "  ")
    congress = services.cancel_congress(alice, congress, "Sáp nhập chi bộ")
    assert (congress.status, congress.cancelled_reason) == ("cancelled", "Sáp nhập chi bộ")
    election.refresh_from_db()
    assert election.status == "cancelled"


# ---------------------------------------------------------------------------
# Scope


@pytest.mark.parametrize("username", ["dave", "lan", "charlie", "eve"])
def test_it_refuses_every_congress_write_to_readers_and_outsiders(
    cast: Cast, username: str
) -> None:
    congress = ready_congress(cast)
    user = cast.user(username)
    writes = [
        lambda: services.record_step(user, congress, "preparation", date(2025, 4, 2)),
        lambda: services.convene(user, congress),
        lambda: services.hold_congress(user, congress, held_on=CONGRESS_DAY),
        lambda: services.cancel_congress(user, congress, "Không"),
        lambda: services.create_election(
            user, congress, kind="secretary", seats=1, candidates=[cast.member(BICH)]
        ),
    ]
    for write in writes:
        with pytest.raises(PermissionDenied):
            write()
    assert Congress.history.filter(history_user=user).count() == 0


# ---------------------------------------------------------------------------
# Admin


def test_it_shows_congresses_read_only_in_the_admin(cast: Cast, login: Any) -> None:
    congress = ready_congress(cast)
    root = login("root")
    for model in ("campaign", "congress", "convened", "election", "ballot", "guide"):
        assert root.get(reverse(f"admin:congresses_{model}_changelist")).status_code == 200
    page = root.get(reverse("admin:congresses_congress_change", args=[congress.pk]))
    assert page.status_code == 200 and "Chi bộ thôn Đông" in page.content.decode()
    assert root.get(reverse("admin:congresses_congress_add")).status_code == 403
