"""Pages: a demo account signed in while demo mode was on is anonymous once it is off."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject

from dangvu.accounts.entry import refused_as_demo


class DemoGateMiddleware:
    """After ``AuthenticationMiddleware``: whatever backend opened the session,
    a demo account outside demo mode is treated as not signed in (issue 14, item 5).
    The user stays lazy, so requests that never look at it cost nothing."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        original = request.user

        def gated() -> Any:
            return AnonymousUser() if refused_as_demo(original) else original

        request.user = SimpleLazyObject(gated)  # type: ignore[assignment]
        return self.get_response(request)
