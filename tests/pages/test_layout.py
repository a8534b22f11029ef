"""The site layout and the home page: menu by role, demo banner, assets, the user's numbers."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from django.contrib.staticfiles import finders
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from dangvu.accounts.models import RoleAssignment
from dangvu.organizations.services import create_organization
from tests.fixtures.cast import Cast
from tests.generic import Endpoint, check_endpoint

Login = Callable[[str], Client]


def test_it_applies_the_scope_rule_to_home(cast: Cast, login: Login) -> None:
    endpoint = Endpoint("home", lambda c: "/", object_level=False, hidden_text="Hòa An")
    check_endpoint(endpoint, cast, login)


def test_it_speaks_vietnamese_on_a_phone(cast: Cast, login: Login) -> None:
    body = login("alice").get("/").content.decode()
    assert '<html lang="vi">' in body
    assert 'name="viewport" content="width=device-width, initial-scale=1"' in body


def test_it_serves_every_asset_from_the_app(cast: Cast, login: Login) -> None:
    body = login("alice").get("/").content.decode()
    assets = re.findall(r'(?:href|src)="([^"]+\.(?:css|js|svg))"', body)
    assert assets and all(url.startswith("/static/") for url in assets)
    assert all(finders.find(url.removeprefix("/static/")) for url in assets)
    assert "http://" not in body and "https://" not in body


def test_it_shows_the_user_and_a_post_logout(cast: Cast, login: Login) -> None:
    body = login("alice").get("/").content.decode()
    assert "alice" in body
    assert re.search(r'<form method="post" action="/accounts/logout/"', body)
    assert "Đăng xuất" in body


def test_it_shows_the_menu_by_role(cast: Cast, login: Login) -> None:
    staff = login("alice").get("/").content.decode()
    assert all(
        item in staff
        for item in (
            "Tổng quan",
            "Tổ chức đảng",
            "Đảng viên",
            "Nhập Excel",
            "Nhật ký truy cập",
            "API",
        )
    )
    leader = login("lan").get("/").content.decode()
    assert "Nhật ký truy cập" in leader and "Nhập Excel" not in leader
    viewer = login("dave").get("/").content.decode()
    assert "Nhật ký truy cập" not in viewer and "Nhập Excel" not in viewer


@override_settings(DEMO_MODE=True)
def test_it_shows_the_demo_banner_in_demo_mode(cast: Cast, login: Login) -> None:
    assert "Chế độ minh họa" in login("alice").get("/").content.decode()


@override_settings(DEMO_MODE=False)
def test_it_hides_the_demo_banner_otherwise(cast: Cast, login: Login) -> None:
    assert "Chế độ minh họa" not in login("alice").get("/").content.decode()


def test_it_shows_the_numbers_of_the_users_organisations(cast: Cast, login: Login) -> None:
    cards = login("alice").get("/").context["cards"]
    assert [card.organization.code for card in cards] == ["XA"]
    assert cards[0].stats["members"] == 5 and cards[0].stats["cells"] == 2


def test_it_shows_a_plain_member_their_profile_and_cell(cast: Cast, login: Login) -> None:
    body = login("charlie").get("/").content.decode()
    assert f"/members/{cast.member('Lê Văn Cường').pk}/" in body
    assert "/organizations/XA-DONG/" in body and "Chi bộ thôn Đông" in body
    assert "Chi bộ có chi ủy" not in body


def test_it_shows_messages(cast: Cast, login: Login) -> None:
    alice = login("alice")
    response = alice.post(
        "/organizations/XA-DONG/edit/",
        {"name": "Chi bộ thôn Đông", "kind": "residential"},
        follow=True,
    )
    assert 'class="alert alert-success"' in response.content.decode()


def test_it_opens_the_admin_to_superusers_only(cast: Cast, login: Login) -> None:
    assert "Quản trị Đảng vụ" in login("root").get("/admin/").content.decode()
    assert login("alice").get("/admin/").status_code == 302


def test_it_shows_the_registry_read_only_in_the_admin(cast: Cast, login: Login) -> None:
    root = login("root")
    org = cast.org("XA")
    assert root.get(f"/admin/organizations/organization/{org.pk}/change/").status_code == 200
    assert root.get(f"/admin/organizations/organization/{org.pk}/history/").status_code == 200
    assert root.get("/admin/organizations/organization/add/").status_code == 403
    assert (
        root.get(f"/admin/members/member/{cast.member('Lê Văn Cường').pk}/delete/").status_code
        == 403
    )


def test_it_lets_the_administrator_grant_a_role_in_the_admin(cast: Cast, login: Login) -> None:
    data = {
        "user": cast.user("dave").pk,
        "organization": cast.org("XB").pk,
        "role": "viewer",
        "is_active": "on",
    }
    response = login("root").post("/admin/accounts/roleassignment/add/", data)
    assert response.status_code == 302
    role = RoleAssignment.objects.get(user__username="dave", organization__code="XB")
    assert role.org_path == cast.org("XB").path
    assert role.history.first().history_user == cast.user("root")


def test_it_reads_a_fixed_number_of_queries_for_home(
    cast: Cast, login: Login, django_assert_num_queries: Any
) -> None:
    alice = login("alice")
    with CaptureQueriesContext(connection) as small:
        alice.get("/")
    xa = cast.org("XA")
    for n in range(3):
        create_organization(
            actor=None, code=f"XA-K{n}", name=f"Chi bộ {n}", level="cell", kind="school", parent=xa
        )
    with django_assert_num_queries(len(small)):
        alice.get("/")
