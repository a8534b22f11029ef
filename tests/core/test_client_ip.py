"""``core.http.client_ip``: X-Forwarded-For only from a trusted proxy (issue 14, item 8)."""

from __future__ import annotations

import pytest
from django.test import RequestFactory, override_settings

from dangvu.core.http import client_ip


def _ip(remote: str, forwarded: str | None = None) -> str | None:
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_ip(RequestFactory().get("/", **headers))


def test_it_takes_the_sender_without_trusted_proxies() -> None:
    assert _ip("198.51.100.7", "192.0.2.1") == "198.51.100.7"


@override_settings(DANGVU_TRUSTED_PROXIES=["10.0.0.0/8", "2001:db8::1"])
@pytest.mark.parametrize(
    ("remote", "forwarded", "expected"),
    [
        ("10.1.2.3", "198.51.100.7", "198.51.100.7"),
        ("2001:db8::1", "198.51.100.7", "198.51.100.7"),
        # Two trusted proxies in a row are skipped.
        ("10.1.2.3", "198.51.100.7, 10.9.9.9", "198.51.100.7"),
        # What the client wrote itself (left of its real address) is ignored.
        ("10.1.2.3", "192.0.2.1, 198.51.100.7", "198.51.100.7"),
        # Not from a trusted proxy: the header is ignored.
        ("198.51.100.9", "192.0.2.1", "198.51.100.9"),
        # A malformed entry stops the walk at the last trusted hop.
        ("10.1.2.3", "198.51.100.7, not-an-ip", "10.1.2.3"),
        ("10.1.2.3", None, "10.1.2.3"),
        ("10.1.2.3", "", "10.1.2.3"),
    ],
)
def test_it_reads_forwarded_for_from_a_trusted_proxy(
    remote: str, forwarded: str | None, expected: str
) -> None:
    assert _ip(remote, forwarded) == expected


def test_it_answers_none_without_an_address() -> None:
    assert _ip("") is None
