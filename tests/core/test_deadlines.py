"""The deadline inbox: ``collect``, the page ``core:deadlines`` and ``/api/v1/deadlines/``.

The real providers belong to the lifecycle apps; here two test providers (a
member's item and a cell's item, one query each) stand in for them, so the
inbox itself is tested on the cast: the scope, the order, the filters, the
overdue badge and a query count that does not grow with the items.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dangvu.core import deadlines, scope
from dangvu.core.deadlines import DeadlineItem
from dangvu.members.models import Member
from dangvu.members.rules import make_national_id
from dangvu.members.services import create_member
from dangvu.organizations.models import Organization
from tests.fixtures.cast import Cast
from tests.generic import Endpoint, check_endpoint

Login = Callable[[str], Client]
TEST_PROVIDERS = (
    "tests.core.test_deadlines.member_items",
    "tests.core.test_deadlines.cell_items",
)
# "Nguyễn Văn An" is 3 days overdue; other members are due in 10 days, cells in 45.
OVERDUE_NAME = "Nguyễn Văn An"


def member_items(user: Any, root: Any, today: date, horizon: date) -> list[DeadlineItem]:
    members = Member.objects.visible_to(user)
    if root is not None:
        members = members.filter(scope.subtree_q("org_path", root.path))
    items = []
    for member in members.only("pk", "full_name", "org_path"):
        due = today - timedelta(days=3) if member.full_name == OVERDUE_NAME else today
        due += timedelta(days=0 if member.full_name == OVERDUE_NAME else 10)
        if due <= horizon:
            items.append(
                DeadlineItem(
                    kind="probation_ending",
                    label="Hết thời gian dự bị",
                    due_on=due,
                    name=member.full_name,
                    org_path=member.org_path,
                    url=reverse("members:detail", args=[member.pk]),
                    member_id=member.pk,
                )
            )
    return items


def cell_items(user: Any, root: Any, today: date, horizon: date) -> list[DeadlineItem]:
    cells = Organization.objects.cells().filter(scope.visibility_q(user, Organization))
    if root is not None:
        cells = cells.filter(scope.subtree_q("path", root.path))
    due = today + timedelta(days=45)
    return [
        DeadlineItem(
            kind="test_cell",
            label="Việc của chi bộ",
            due_on=due,
            name=cell.name,
            org_path=cell.path,
            url=reverse("organizations:detail", args=[cell.code]),
        )
        for cell in cells
        if due <= horizon
    ]


@pytest.fixture(autouse=True)
def test_providers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(deadlines, "PROVIDERS", TEST_PROVIDERS)


def page(client: Client, **params: Any) -> str:
    response = client.get("/deadlines/", params)
    assert response.status_code == 200
    return str(response.content.decode())


def api(client: Client, **params: Any) -> Any:
    return client.get("/api/v1/deadlines/", params)


ENDPOINTS = [
    Endpoint("inbox page", lambda c: "/deadlines/", object_level=False, hidden_text=OVERDUE_NAME),
    Endpoint("inbox page of XA", lambda c: f"/deadlines/?organization={c.org('XA').pk}"),
    Endpoint(
        "inbox API",
        lambda c: "/api/v1/deadlines/",
        api=True,
        object_level=False,
        hidden_text=OVERDUE_NAME,
    ),
    Endpoint(
        "inbox API of XA", lambda c: f"/api/v1/deadlines/?organization={c.org('XA').pk}", api=True
    ),
]


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=str)
def test_it_applies_the_scope_rule(endpoint: Endpoint, cast: Cast, login: Login) -> None:
    check_endpoint(endpoint, cast, login)


def test_it_collects_every_provider_soonest_first(cast: Cast) -> None:
    today = date(2026, 3, 2)
    items = deadlines.collect(cast.user("alice"), None, today, today + timedelta(days=60))
    assert [item.name for item in items][:1] == [OVERDUE_NAME]
    assert [item.due_on for item in items] == sorted(item.due_on for item in items)
    assert {item.kind for item in items} == {"probation_ending", "test_cell"}
    assert len(items) == 5 + 2


def test_it_never_shows_eve_an_item_of_xa(cast: Cast) -> None:
    today = date(2026, 3, 2)
    items = deadlines.collect(cast.user("eve"), None, today, today + timedelta(days=90))
    assert {item.name for item in items} == {"Hoàng Văn Em", "Đỗ Thị Giang", "Chi bộ thôn Bắc"}
    assert all(item.org_path.startswith(cast.org("XB").path) for item in items)


def test_it_skips_an_app_whose_provider_module_is_absent(monkeypatch: pytest.MonkeyPatch) -> None:
    missing = ("dangvu.members.no_such_module.items", "dangvu.no_such_app.deadlines.items")
    monkeypatch.setattr(deadlines, "PROVIDERS", (*missing, TEST_PROVIDERS[0]))
    assert deadlines.providers() == [member_items]


def test_it_raises_when_a_provider_imports_a_missing_module(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(deadlines, "PROVIDERS", ("tests.core.broken_provider.items",))
    with pytest.raises(ModuleNotFoundError):
        deadlines.providers()


def test_it_marks_overdue_items_in_red_with_the_days(cast: Cast, login: Login) -> None:
    html = page(login("alice"))
    assert "Quá hạn 3 ngày" in html
    assert html.count("badge-danger") == 2  # the item and the headline count
    assert html.index(OVERDUE_NAME) < html.index("Trần Thị Bích")
    assert 'href="/members/' in html


def test_it_groups_by_kind_with_counts(cast: Cast, login: Login) -> None:
    html = page(login("alice"))
    assert "Sắp hết thời gian dự bị" in html  # the title of a known kind
    assert "Việc của chi bộ" in html  # an unknown kind takes its label
    assert "<strong>5</strong>" in html and "<strong>2</strong>" in html


def test_it_filters_by_kind_and_horizon(cast: Cast, login: Login) -> None:
    alice, cell_link = login("alice"), 'href="/organizations/XA-DONG/"'
    assert cell_link not in page(alice, kind="probation_ending")
    assert cell_link not in page(alice, horizon=30)
    assert cell_link in page(alice, horizon=90)


def test_it_filters_by_organisation_subtree(cast: Cast, login: Login) -> None:
    html = page(login("alice"), organization=cast.org("XA-TH").pk)
    assert "Phạm Thị Dung" in html
    assert "Trần Thị Bích" not in html


def test_it_refuses_a_bad_horizon_with_a_message(cast: Cast, login: Login) -> None:
    html = page(login("alice"), horizon="abc")
    assert "Khoảng thời gian “abc” không hợp lệ" in html
    assert OVERDUE_NAME in html


def test_it_answers_404_for_an_unknown_organisation(cast: Cast, login: Login) -> None:
    alice = login("alice")
    assert alice.get("/deadlines/", {"organization": "x"}).status_code == 404
    assert alice.get("/deadlines/", {"organization": "99999999999"}).status_code == 404
    assert alice.get("/deadlines/", {"organization": cast.org("XB").pk}).status_code == 404


def test_it_lists_items_in_the_api(cast: Cast, login: Login) -> None:
    body = api(login("alice")).json()
    assert body["count"] == 7
    first = body["results"][0]
    assert first["name"] == OVERDUE_NAME and first["overdue"] is True
    assert first["member"] == cast.member(OVERDUE_NAME).pk and first["candidate"] is None
    assert first["days_overdue"] == 3 and first["url"] == f"/members/{first['member']}/"
    assert {"kind", "label", "due_on"} <= set(first)


def test_it_filters_the_api_by_organisation_kind_and_horizon(cast: Cast, login: Login) -> None:
    alice = login("alice")
    assert api(alice, organization=cast.org("XA-TH").pk).json()["count"] == 3
    assert api(alice, kind="test_cell").json()["count"] == 2
    assert api(alice, horizon=30).json()["count"] == 5


def test_it_refuses_bad_api_parameters_in_vietnamese(cast: Cast, login: Login) -> None:
    alice = login("alice")
    response = api(alice, horizon="abc")
    assert response.status_code == 400
    assert response.json()["horizon"] == ["Phải là một số nguyên."]
    assert api(alice, horizon=0).status_code == 400
    assert api(alice, organization=cast.org("XB").pk).status_code == 404


def test_it_shows_the_inbox_card_on_home(cast: Cast, login: Login) -> None:
    html = login("alice").get("/").content.decode()
    assert reverse("core:deadlines") in html
    assert "1 việc quá hạn" in html


def add_members(cast: Cast, n: int) -> None:
    for serial in range(n):
        create_member(
            actor=None,
            cell=cast.org("XA-TH"),
            data={
                "full_name": f"Người Thêm {serial}",
                "gender": "male",
                "birth_date": date(1990, 1, 1),
                "national_id": make_national_id(25, "male", date(1990, 1, 1), 900 + serial),
                "ceremony_date": date(2020, 1, 1),
            },
        )


@pytest.mark.parametrize("url", ["/deadlines/", "/api/v1/deadlines/"])
def test_it_reads_a_fixed_number_of_queries(
    url: str, cast: Cast, login: Login, django_assert_num_queries: Any
) -> None:
    alice = login("alice")
    with CaptureQueriesContext(connection) as small:
        alice.get(url)
    add_members(cast, 3)
    with django_assert_num_queries(len(small)):
        alice.get(url)


def test_it_previews_each_kind_and_links_to_all(
    cast: Cast, login: Login, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(deadlines, "GROUP_PREVIEW", 2)
    html = page(login("alice"))
    assert html.count('class="deadline-main"') == 2 + 2  # 5 members and 2 cells, 2 of each
    assert "Xem tất cả (còn 3 việc nữa)" in html and "kind=probation_ending" in html


def test_it_pages_one_kind(cast: Cast, login: Login, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(deadlines, "KIND_PAGE", 2)
    alice = login("alice")
    first = page(alice, kind="probation_ending")
    assert first.count('class="deadline-main"') == 2 and "1–2 trong 5" in first
    assert "Trang sau" in first and "Trang trước" not in first
    last = page(alice, kind="probation_ending", page=3)
    assert last.count('class="deadline-main"') == 1 and "5–5 trong 5" in last
    assert "Trang trước" in last and "Trang sau" not in last
    assert page(alice, kind="probation_ending", page="x").count('class="deadline-main"') == 2
