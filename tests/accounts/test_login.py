from __future__ import annotations

from django.conf import settings
from django.test import Client, override_settings
from django.urls import reverse

from dangvu.accounts.models import User
from tests.fixtures.cast import PASSWORD, Cast

LOGIN = "/accounts/login/"


def _post(client: Client, username: str, password: str = PASSWORD) -> object:
    return client.post(LOGIN, {"username": username, "password": password})


def test_it_shows_the_login_page_in_vietnamese(db: object) -> None:
    response = Client().get(reverse("accounts:login"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "<title>Đăng nhập" in body
    assert "Tên đăng nhập" in body and "Mật khẩu" in body
    assert 'type="submit"' in body and 'lang="vi"' in body


def test_it_logs_in_with_the_right_password(cast: Cast) -> None:
    client = Client()
    response = _post(client, "alice")
    assert response.status_code == 302  # type: ignore[attr-defined]
    assert response["Location"] == reverse("core:home")  # type: ignore[index]
    assert client.get(reverse("core:home")).status_code == 200


def test_it_refuses_a_wrong_password_in_vietnamese(cast: Cast) -> None:
    response = _post(Client(), "alice", "not-the-password")
    assert response.status_code == 200  # type: ignore[attr-defined]
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in response.content.decode()  # type: ignore[attr-defined]


def test_it_locks_the_account_after_repeated_failures(cast: Cast) -> None:
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _post(client, "alice", "wrong-password")
    response = _post(client, "alice")
    assert response.status_code == 429  # type: ignore[attr-defined]
    assert "bị tạm khóa trong 30 phút" in response.content.decode()  # type: ignore[attr-defined]
    assert "_auth_user_id" not in client.session


@override_settings(AXES_FAILURE_LIMIT=2)
def test_it_follows_the_failure_limit_setting(cast: Cast) -> None:
    client = Client()
    _post(client, "bob", "wrong-password")
    _post(client, "bob", "wrong-password")
    assert _post(client, "bob").status_code == 429  # type: ignore[attr-defined]


@override_settings(DEMO_MODE=False)
def test_it_refuses_a_demo_account_outside_demo_mode(cast: Cast) -> None:
    User.objects.create_user("demo-staff", password=PASSWORD, is_demo=True)
    response = _post(Client(), "demo-staff")
    assert response.status_code == 200  # type: ignore[attr-defined]
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in response.content.decode()  # type: ignore[attr-defined]


@override_settings(DEMO_MODE=True)
def test_it_lets_a_demo_account_in_demo_mode(cast: Cast) -> None:
    User.objects.create_user("demo-staff", password=PASSWORD, is_demo=True)
    response = _post(Client(), "demo-staff")
    assert response.status_code == 302  # type: ignore[attr-defined]


def test_it_logs_out_by_post_only(login: object) -> None:
    client = login("alice")  # type: ignore[operator]
    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_it_expires_sessions() -> None:
    assert settings.SESSION_COOKIE_AGE <= 12 * 3600
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert settings.SESSION_COOKIE_HTTPONLY is True
