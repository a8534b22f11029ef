"""Login throttling: per account whatever the address, per address whatever the
account, and the address behind a reverse proxy only from a trusted proxy
(issue 14, item 8)."""

from __future__ import annotations

from django.conf import settings
from django.test import Client, override_settings
from django.urls import reverse

from dangvu.core.models import AccessLog
from tests.fixtures.cast import PASSWORD, Cast

LOGIN = "/accounts/login/"
PROXY = "10.0.0.2"
LOCKED = "bị tạm khóa trong 30 phút"


def _post(username: str, password: str, remote: str, forwarded: str = "", **extra: str) -> object:
    headers = {"REMOTE_ADDR": remote, **extra}
    if forwarded:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return Client().post(LOGIN, {"username": username, "password": password}, **headers)


def _fail_limit_times(usernames: list[str], remotes: list[str], forwarded: list[str]) -> None:
    for i in range(settings.AXES_FAILURE_LIMIT):
        _post(
            usernames[i % len(usernames)],
            "wrong-password",
            remotes[i % len(remotes)],
            forwarded[i % len(forwarded)] if forwarded else "",
        )


def test_it_locks_an_account_tried_from_many_addresses(cast: Cast) -> None:
    _fail_limit_times(["alice"], [f"198.51.100.{i}" for i in range(1, 20)], [])
    response = _post("alice", PASSWORD, "203.0.113.50")
    assert response.status_code == 429  # type: ignore[attr-defined]
    assert LOCKED in response.content.decode()  # type: ignore[attr-defined]
    # Another account from that fresh address is not concerned.
    assert _post("bob", PASSWORD, "203.0.113.50").status_code == 302  # type: ignore[attr-defined]


def test_it_locks_an_address_trying_many_accounts(cast: Cast) -> None:
    _fail_limit_times(["alice", "bob", "dave", "eve", "lan", "charlie"], ["198.51.100.7"], [])
    assert _post("charlie", PASSWORD, "198.51.100.7").status_code == 429  # type: ignore[attr-defined]
    assert _post("charlie", PASSWORD, "198.51.100.8").status_code == 302  # type: ignore[attr-defined]


def test_it_answers_a_locked_api_client_in_json(cast: Cast) -> None:
    _fail_limit_times(["alice"], ["198.51.100.7"], [])
    response = _post("alice", PASSWORD, "198.51.100.7", HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    assert response.status_code == 429  # type: ignore[attr-defined]
    assert LOCKED in response.json()["detail"]  # type: ignore[attr-defined]


def test_it_ignores_forwarded_for_from_an_untrusted_sender(cast: Cast) -> None:
    # A prober rotating a forged header stays one address: its own.
    forged = [f"192.0.2.{i}" for i in range(1, 20)]
    _fail_limit_times(["alice", "bob", "dave"], ["198.51.100.7"], forged)
    assert _post("eve", PASSWORD, "198.51.100.7", "192.0.2.99").status_code == 429  # type: ignore[attr-defined]


@override_settings(DANGVU_TRUSTED_PROXIES=["10.0.0.0/8"])
def test_it_counts_the_client_behind_a_trusted_proxy(cast: Cast) -> None:
    _fail_limit_times(["alice", "bob", "dave"], [PROXY], ["198.51.100.7"])
    # That client is locked; another client behind the same proxy is not.
    assert _post("eve", PASSWORD, PROXY, "198.51.100.7").status_code == 429  # type: ignore[attr-defined]
    assert _post("eve", PASSWORD, PROXY, "198.51.100.8").status_code == 302  # type: ignore[attr-defined]


@override_settings(DANGVU_TRUSTED_PROXIES=["10.0.0.0/8"])
def test_it_ignores_what_the_client_wrote_left_of_the_trusted_proxy(cast: Cast) -> None:
    # The proxy appends the address it saw; entries left of it came from the client.
    forged = [f"192.0.2.{i}, 198.51.100.7" for i in range(1, 20)]
    _fail_limit_times(["alice", "bob", "dave"], [PROXY], forged)
    assert _post("eve", PASSWORD, PROXY, "192.0.2.99, 198.51.100.7").status_code == 429  # type: ignore[attr-defined]


def _profile_view_ip(login: object, cast: Cast, **headers: str) -> str | None:
    url = reverse("members:detail", args=[cast.member("Lê Văn Cường").pk])
    assert login("alice").get(url, **headers).status_code == 200  # type: ignore[operator]
    return AccessLog.objects.filter(action=AccessLog.Action.VIEW_PROFILE).latest("id").ip_address


def test_it_logs_the_sender_when_the_header_is_untrusted(login: object, cast: Cast) -> None:
    ip = _profile_view_ip(login, cast, REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="192.0.2.1")
    assert ip == "198.51.100.7"


@override_settings(DANGVU_TRUSTED_PROXIES=["10.0.0.2"])
def test_it_logs_the_client_behind_a_trusted_proxy(login: object, cast: Cast) -> None:
    ip = _profile_view_ip(
        login, cast, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="192.0.2.1, 198.51.100.7"
    )
    assert ip == "198.51.100.7"
