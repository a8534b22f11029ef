"""The API's ways in: DRF's token and session authentication, refusing demo
accounts outside demo mode (``accounts.entry``)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.authentication import SessionScheme
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from dangvu.accounts.entry import refused_as_demo


class TokenAuthentication(authentication.TokenAuthentication):
    """``Authorization: Token …``; a demo account's token is refused outside demo mode."""

    def authenticate_credentials(self, key: str) -> tuple[Any, Any]:
        user, token = super().authenticate_credentials(key)
        if refused_as_demo(user):
            # The same answer as an unknown token: nothing tells a prober it was a demo one.
            raise exceptions.AuthenticationFailed()
        return user, token


class SessionAuthentication(authentication.SessionAuthentication):
    """The page session; a demo account's session is refused outside demo mode.

    The password backend already refuses such a session; this holds for a
    session opened by any other backend too.
    """

    def authenticate(self, request: Request) -> tuple[Any, None] | None:
        found = super().authenticate(request)
        if found is not None and refused_as_demo(found[0]):
            return None
        return found


class DemoAwareSessionScheme(SessionScheme):
    """The OpenAPI description of ``SessionAuthentication`` (DRF's cookie scheme);
    the token one matches subclasses by itself."""

    target_class = "dangvu.accounts.authentication.SessionAuthentication"
