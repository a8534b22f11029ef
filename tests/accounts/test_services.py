"""The account services: roles, passwords, tokens."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from dangvu.accounts.models import RoleAssignment
from dangvu.accounts.services import grant_role, issue_api_token, revoke_role, set_password
from dangvu.core import scope
from dangvu.members.models import Member
from tests.fixtures.cast import Cast


def test_it_opens_the_subtree_of_a_granted_role(cast: Cast) -> None:
    user, password = grant_role(
        actor=cast.user("root"), username="hoa", role="viewer", organization=cast.org("XB")
    )
    assert password is not None and user.check_password(password)
    names = set(Member.objects.visible_to(user).values_list("full_name", flat=True))
    assert names == {"Hoàng Văn Em", "Đỗ Thị Giang"}


def test_it_records_who_granted_the_role(cast: Cast) -> None:
    root = cast.user("root")
    grant_role(actor=root, username="hoa", role="staff", organization=cast.org("XA"))
    record = RoleAssignment.history.get(user__username="hoa")
    assert record.history_user == root
    assert record.history_type == "+"


def test_it_revokes_a_role_keeping_its_history(cast: Cast) -> None:
    alice = cast.user("alice")
    assert revoke_role(actor=None, user=alice, role="staff", organization=cast.org("XA"))
    assert not Member.objects.visible_to(alice).exists()
    assert RoleAssignment.objects.filter(user=alice, is_active=False).exists()
    assert not revoke_role(actor=None, user=alice, role="staff", organization=cast.org("XA"))


def test_it_reactivates_a_revoked_role(cast: Cast) -> None:
    alice, xa = cast.user("alice"), cast.org("XA")
    revoke_role(actor=None, user=alice, role="staff", organization=xa)
    grant_role(actor=None, username="alice", role="staff", organization=xa)
    scope.forget_grants(alice)
    assert Member.objects.visible_to(alice).count() == 5


def test_it_refuses_a_member_already_linked_to_another_account(cast: Cast) -> None:
    with pytest.raises(ValidationError, match="đã gắn với một tài khoản khác"):
        grant_role(
            actor=None,
            username="hoa",
            role="member",
            organization=cast.org("XA-DONG"),
            member=cast.member("Lê Văn Cường"),
        )


def test_it_refuses_a_short_password(cast: Cast) -> None:
    alice = cast.user("alice")
    with pytest.raises(ValidationError):
        set_password(alice, actor=None, password="ngan")
    set_password(alice, actor=None, password="mot-mat-khau-dai")
    assert cast.user("alice").check_password("mot-mat-khau-dai")


def test_it_issues_one_token_per_user(cast: Cast) -> None:
    alice = cast.user("alice")
    assert issue_api_token(alice).key == issue_api_token(alice).key
