"""``dangvu grant`` and ``dangvu api_token``."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from rest_framework.authtoken.models import Token

from dangvu.accounts.models import RoleAssignment, User
from tests.fixtures.cast import PASSWORD, Cast


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_it_creates_a_user_with_the_role_and_prints_the_password(cast: Cast) -> None:
    out = run("grant", "hoa", "staff", "XA")
    password = out.split("Mật khẩu: ")[1].strip()
    user = User.objects.get(username="hoa")
    assert user.check_password(password)
    assert len(password) >= 16
    assert user.roles.get().organization == cast.org("XA")


def test_it_keeps_the_password_of_an_existing_user(cast: Cast) -> None:
    out = run("grant", "alice", "viewer", "XB")
    assert "Giữ nguyên mật khẩu" in out
    assert cast.user("alice").check_password(PASSWORD)
    assert cast.user("alice").roles.filter(role="viewer", organization__code="XB").exists()


def test_it_sets_the_password_it_is_given(cast: Cast) -> None:
    out = run("grant", "alice", "staff", "XA", "--password", "mat-khau-moi-2022")
    assert "Mật khẩu: mat-khau-moi-2022" in out
    assert cast.user("alice").check_password("mat-khau-moi-2022")


def test_it_does_not_duplicate_a_role_granted_twice(cast: Cast) -> None:
    before = RoleAssignment.objects.count()
    run("grant", "alice", "staff", "XA")
    assert RoleAssignment.objects.count() == before


def test_it_refuses_an_unknown_role_in_vietnamese(cast: Cast) -> None:
    with pytest.raises(CommandError, match="Vai trò “boss” không hợp lệ"):
        run("grant", "hoa", "boss", "XA")
    assert not User.objects.filter(username="hoa").exists()


def test_it_refuses_an_unknown_organisation_code(cast: Cast) -> None:
    with pytest.raises(CommandError, match="Không tìm thấy tổ chức có mã “NOPE”"):
        run("grant", "hoa", "staff", "NOPE")
    assert not User.objects.filter(username="hoa").exists()


def test_it_refuses_a_weak_password_and_writes_nothing(cast: Cast) -> None:
    with pytest.raises(CommandError):
        run("grant", "hoa", "staff", "XA", "--password", "ngan")
    assert not User.objects.filter(username="hoa").exists()


def test_it_refuses_a_cell_secretary_above_a_cell(cast: Cast) -> None:
    with pytest.raises(CommandError, match="chỉ cấp tại một chi bộ"):
        run("grant", "hoa", "cell_secretary", "XA")


def test_it_prints_only_the_token(cast: Cast) -> None:
    out = run("api_token", "alice")
    assert out == Token.objects.get(user__username="alice").key + "\n"
    assert len(out.strip()) == 40


def test_it_prints_the_same_token_twice(cast: Cast) -> None:
    assert run("api_token", "alice") == run("api_token", "alice")
    assert Token.objects.filter(user__username="alice").count() == 1


def test_it_refuses_a_token_for_an_unknown_user(cast: Cast) -> None:
    with pytest.raises(CommandError, match="Không tìm thấy người dùng “nobody”"):
        run("api_token", "nobody")
    assert not Token.objects.exists()
