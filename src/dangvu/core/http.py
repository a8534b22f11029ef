"""The client's address, the one answer for the login lockout and the access log.

Behind a reverse proxy ``REMOTE_ADDR`` is the proxy; the client is in
``X-Forwarded-For``. That header is whatever the sender wrote, so it is read
only when the request comes from a proxy listed in ``DANGVU_TRUSTED_PROXIES``:
otherwise anyone could pick the address their failed logins are counted
against, or the address the access log records (issue 14, item 8).
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


def trusted_networks() -> tuple[Network, ...]:
    """``DANGVU_TRUSTED_PROXIES`` parsed: addresses and CIDR ranges."""
    return _networks(tuple(getattr(settings, "DANGVU_TRUSTED_PROXIES", ())))


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def _is_trusted(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    return any(address in network for network in trusted_networks())


def client_ip(request: HttpRequest) -> str | None:
    """The address of the client that sent ``request`` (None when unknown).

    ``X-Forwarded-For`` is read right to left — each proxy appends the address
    it received from — skipping trusted proxies; the first address that is not
    a trusted proxy is the client. Entries left of it were written by the
    client itself and are ignored.
    """
    remote = _address(request.META.get("REMOTE_ADDR") or "")
    if remote is None:
        return None
    if not _is_trusted(remote):
        return str(remote)
    client = remote
    hops = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    for hop in reversed(hops):
        address = _address(hop)
        if address is None:
            # A malformed entry: nothing left of it can be trusted.
            break
        client = address
        if not _is_trusted(address):
            break
    return str(client)
