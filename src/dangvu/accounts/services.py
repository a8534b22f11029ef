"""Every write to accounts: users, their scoped roles, passwords and API tokens.

The CLI (``dangvu grant``, ``dangvu api_token``), the demo data and any future
page call these functions (ARCHITECTURE.md, rule 1). Errors are raised as one
``ValidationError`` with Vietnamese messages, field by field, and nothing is
written when one is raised.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from dangvu.accounts.choices import Role
from dangvu.accounts.entry import refused_as_demo
from dangvu.accounts.models import RoleAssignment, User
from dangvu.core.scope import forget_grants
from dangvu.core.services import add_error, raise_if, save_as
from dangvu.members.models import Member
from dangvu.organizations.models import Organization

# A generated password: 16 URL-safe characters (96 bits), above every validator.
GENERATED_PASSWORD_BYTES = 12


def generate_password() -> str:
    return secrets.token_urlsafe(GENERATED_PASSWORD_BYTES)


def _password_problems(password: str, user: User | None) -> list[str]:
    try:
        validate_password(password, user)
    except ValidationError as exc:
        return list(exc.messages)
    return []


def _check_username(username: str, errors: dict[str, list[str]]) -> None:
    if not username:
        add_error(errors, "username", _("Thiếu tên đăng nhập."))
        return
    try:
        User.username_validator(username)
    except ValidationError:
        add_error(
            errors,
            "username",
            _("Tên đăng nhập chỉ gồm chữ không dấu, chữ số và các ký tự @ . + - _."),
        )


def _check_role(role: str, organization: Organization, errors: dict[str, list[str]]) -> None:
    if role not in Role.values:
        add_error(
            errors,
            "role",
            _("Vai trò “%(role)s” không hợp lệ; chọn một trong: %(choices)s.")
            % {"role": role, "choices": ", ".join(Role.values)},
        )
    elif role == Role.CELL_SECRETARY and not organization.is_member_unit:
        add_error(errors, "role", _("Vai trò bí thư chi bộ chỉ cấp tại một chi bộ."))
    if organization.ended_on:
        add_error(errors, "organization", _("Tổ chức đã kết thúc hoạt động."))


def _check_member(user: User | None, member: Member | None, errors: dict[str, list[str]]) -> None:
    if member is None:
        return
    linked = User.objects.filter(member=member)
    if user is not None and user.pk:
        linked = linked.exclude(pk=user.pk)
    if linked.exists():
        add_error(errors, "member", _("Đảng viên này đã gắn với một tài khoản khác."))


@transaction.atomic
def grant_role(
    *,
    actor: Any,
    username: str,
    role: str,
    organization: Organization,
    password: str | None = None,
    member: Member | None = None,
    is_demo: bool = False,
    encoded_password: str | None = None,
) -> tuple[User, str | None]:
    """Create or update ``username`` and give it ``role`` at ``organization``.

    Returns the user and the password that was set: ``password`` when given, a
    generated one for a new user, ``None`` when an existing user keeps theirs.
    ``member`` links the account to its registry record; ``is_demo`` marks a new
    account as demo-only (it logs in only in demo mode). ``encoded_password`` is
    an already hashed password (``make_password``) for a new user: the demo hashes
    its one password once instead of once per account (Argon2 is slow on purpose).
    """
    username = username.strip()
    user = User.objects.filter(username=username).first()
    errors: dict[str, list[str]] = {}
    _check_username(username, errors)
    _check_role(role, organization, errors)
    _check_member(user, member, errors)
    if password is not None:
        for problem in _password_problems(password, user):
            add_error(errors, "password", problem)
    raise_if(errors)
    new_password = password
    if user is None:
        user = User(username=username, is_demo=is_demo)
        if encoded_password is not None and password is None:
            user.password = encoded_password
        else:
            new_password = password or generate_password()
    if new_password is not None:
        user.set_password(new_password)
    if member is not None:
        user.member = member
    save_as(user, actor)
    _add_role(user, role, organization, actor)
    return user, new_password


def _add_role(user: User, role: str, organization: Organization, actor: Any) -> RoleAssignment:
    assignment = RoleAssignment.objects.filter(
        user=user, organization=organization, role=role
    ).first()
    if assignment is None:
        assignment = RoleAssignment(
            user=user, organization=organization, org_path=organization.path, role=role
        )
        save_as(assignment, actor)
    elif not assignment.is_active:
        assignment.is_active = True
        save_as(assignment, actor)
    forget_grants(user)
    return assignment


@transaction.atomic
def revoke_role(*, actor: Any, user: User, role: str, organization: Organization) -> bool:
    """End a role (kept in the history, never deleted). False when it was not held."""
    assignment = RoleAssignment.objects.filter(
        user=user, organization=organization, role=role, is_active=True
    ).first()
    if assignment is None:
        return False
    assignment.is_active = False
    save_as(assignment, actor)
    forget_grants(user)
    return True


@transaction.atomic
def set_password(user: User, *, actor: Any, password: str) -> User:
    """Set a new password after Django's validators (length, common passwords)."""
    raise_if({"password": _password_problems(password, user)})
    user.set_password(password)
    save_as(user, actor)
    return user


@transaction.atomic
def create_superuser(
    *, actor: Any, username: str, password: str, is_demo: bool = False
) -> tuple[User, bool]:
    """The administrator account (sees everything); returns it and whether it was new."""
    user = User.objects.filter(username=username).first()
    if user is not None:
        return user, False
    errors: dict[str, list[str]] = {}
    _check_username(username, errors)
    for problem in _password_problems(password, None):
        add_error(errors, "password", problem)
    raise_if(errors)
    user = User(username=username, is_demo=is_demo, is_staff=True, is_superuser=True)
    user.set_password(password)
    save_as(user, actor)
    return user, True


@transaction.atomic
def issue_api_token(user: User) -> Token:
    """The user's API token (``Authorization: Token …``), created on first request.

    Refused for a demo account outside demo mode (issue 14, item 5): such a
    token would be refused at every request anyway.
    """
    if refused_as_demo(user):
        message = _("Tài khoản minh họa chỉ dùng được ở chế độ minh họa; không cấp mã API.")
        raise_if({"username": [message]})
    token, _created = Token.objects.get_or_create(user=user)
    return token
