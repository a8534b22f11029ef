"""The demo logins, and a second load that changes nothing."""

from __future__ import annotations

from datetime import date
from io import StringIO
from typing import Any

from django.apps import apps
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse

from dangvu.accounts.models import User
from dangvu.core.demo import DEMO_PASSWORD, DemoResult, load_demo
from dangvu.members.models import Member
from dangvu.organizations.models import Organization, Position
from dangvu.organizations.stats import organization_stats

DEMO_USERNAMES = {
    "admin",
    *(f"{place}.{role}" for place in ("thanhba", "bacbinh") for role in
      ("staff", "leader", "viewer", "secretary", "member")),
    "thanhba.district", "thuongxuan.staff", "thuongxuan.leader",
}  # fmt: skip


def row_counts() -> dict[str, int]:
    return {m._meta.label: m._default_manager.count() for m in apps.get_models()}


def test_it_creates_every_demo_login_with_the_demo_password(demo: DemoResult) -> None:
    assert {login.username for login in demo.logins} == DEMO_USERNAMES
    for user in User.objects.filter(username__in=DEMO_USERNAMES):
        assert user.is_demo and user.check_password(DEMO_PASSWORD), user
    assert User.objects.get(username="admin").is_superuser


def test_it_links_the_leaders_to_the_secretaries(demo: DemoResult) -> None:
    assert User.objects.get(username="thanhba.leader").member.full_name == "Nguyễn Văn Khai"
    assert User.objects.get(username="bacbinh.leader").member.full_name == "Đỗ Văn Tuấn"
    assert User.objects.get(username="thuongxuan.leader").member.full_name == "Hà Huy Hiền"


def test_it_links_the_cell_secretary_and_the_plain_member(demo: DemoResult) -> None:
    secretary = User.objects.get(username="thanhba.secretary")
    assert secretary.roles.get().organization.code == "PT-TB-TT-01"
    assert (
        Position.objects.get(
            member=secretary.member, committee__body="cell_committee", role="secretary"
        ).committee.organization.code
        == "PT-TB-TT-01"
    )
    member = User.objects.get(username="thanhba.member").member
    assert member.cell.code == "PT-TB-TT-01" and not member.positions.exists()


def test_it_scopes_the_demo_users(demo: DemoResult) -> None:
    staff = User.objects.get(username="thanhba.staff")
    assert Member.objects.visible_to(staff).exclude(status="deceased").count() == 767
    secretary = User.objects.get(username="thanhba.secretary")
    assert set(Member.objects.visible_to(secretary).values_list("cell__code", flat=True)) == {
        "PT-TB-TT-01"
    }
    district = User.objects.get(username="thanhba.district")
    assert Member.objects.visible_to(district).exclude(status="deceased").count() == 767
    assert not Member.objects.visible_to(staff).filter(cell__code__startswith="VP-").exists()


def test_a_second_load_changes_nothing(demo: DemoResult) -> None:
    before = row_counts()
    again = load_demo()
    assert not again.created
    assert row_counts() == before
    assert again.logins == demo.logins


def test_the_command_prints_the_logins_and_the_password(demo: DemoResult) -> None:
    out = StringIO()
    call_command("load_demo", stdout=out)
    text = out.getvalue()
    assert "không thay đổi gì" in text
    assert "thanhba.leader" in text and "Nguyễn Văn Khai" in text
    assert DEMO_PASSWORD in text
    assert "chế độ minh họa" in text


def test_the_command_dry_run_writes_nothing(demo: DemoResult) -> None:
    before = row_counts()
    out = StringIO()
    call_command("load_demo", "--dry-run", stdout=out)
    assert "không ghi lại" in out.getvalue()
    assert row_counts() == before


def test_stats_use_a_fixed_number_of_queries_on_the_demo(
    demo: DemoResult, django_assert_num_queries: Any
) -> None:
    for code in ("PT", "PT-TB-TT", "DT-TM"):
        org = Organization.objects.get(code=code)
        with django_assert_num_queries(13):
            organization_stats(org, date(2022, 12, 31))


def test_the_demo_logins_work_only_in_demo_mode(demo: DemoResult) -> None:
    credentials = {"username": "thanhba.staff", "password": DEMO_PASSWORD}
    with override_settings(DEMO_MODE=True):
        client = Client()
        assert client.post(reverse("accounts:login"), credentials).status_code == 302
        assert client.get(reverse("core:home")).status_code == 200
    with override_settings(DEMO_MODE=False):
        assert Client().post(reverse("accounts:login"), credentials).status_code == 200
