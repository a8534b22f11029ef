"""Changes of user accounts and role grants are in the history (issue 14, item 11)."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client

from dangvu.accounts import services
from dangvu.accounts.models import RoleAssignment, User
from dangvu.core.services import save_as
from tests.fixtures.cast import Cast

Login = Callable[[str], Client]


def _history_fields() -> set[str]:
    model = User.history.model
    return {field.name for field in model._meta.fields}


def test_it_keeps_who_turned_an_account_off_or_made_it_superuser(cast: Cast) -> None:
    root, dave = cast.user("root"), cast.user("dave")
    dave.is_active = False
    save_as(dave, root)
    dave.is_superuser, dave.is_staff = True, True
    save_as(dave, root)
    rows = list(dave.history.order_by("-history_id")[:2])
    assert [(r.is_active, r.is_superuser, r.is_staff) for r in rows] == [
        (False, True, True),
        (False, False, False),
    ]
    assert {r.history_user for r in rows} == {root}
    assert sorted(rows[0].diff_against(rows[1]).changed_fields) == ["is_staff", "is_superuser"]


def test_it_never_copies_the_password_hash_into_the_history(cast: Cast) -> None:
    assert "password" not in _history_fields()
    assert "last_login" not in _history_fields()
    assert {"is_active", "is_superuser", "is_staff", "member", "is_demo"} <= _history_fields()


def test_it_shows_the_account_history_in_the_admin(cast: Cast, login: Login) -> None:
    dave = cast.user("dave")
    dave.is_active = False
    save_as(dave, cast.user("root"))
    page = login("root").get(f"/admin/accounts/user/{dave.pk}/history/")
    assert page.status_code == 200
    assert "root" in page.content.decode()


def test_it_keeps_who_granted_and_revoked_a_role(cast: Cast) -> None:
    root = cast.user("root")
    user, _password = services.grant_role(
        actor=root, username="hoa", role="viewer", organization=cast.org("XA")
    )
    assignment = RoleAssignment.objects.get(user=user)
    services.revoke_role(actor=root, user=user, role="viewer", organization=cast.org("XA"))
    rows = list(assignment.history.order_by("history_id"))
    assert [(r.history_type, r.is_active) for r in rows] == [("+", True), ("~", False)]
    assert {r.history_user for r in rows} == {root}
    created = user.history.get()
    assert (created.history_type, created.history_user) == ("+", root)
