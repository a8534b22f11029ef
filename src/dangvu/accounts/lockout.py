"""The answer to a locked-out login (django-axes, AXES_LOCKOUT_CALLABLE).

A page in the site layout for the browser; for the API or a script asking for
JSON, ``{"detail": …}`` like every other API error. Both say the same
Vietnamese sentence, and neither says whether the account or the address
reached the limit (issue 14, item 8).
"""

from __future__ import annotations

from typing import Any

from axes.helpers import get_cool_off, get_failure_limit
from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from dangvu.core.templatetags.dangvu import minutes

STATUS = 429


def lockout_message(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    limit = get_failure_limit(request, credentials)
    cool_off = get_cool_off(request)
    if cool_off:
        return _(
            "Đăng nhập sai %(limit)s lần: tài khoản hoặc máy này bị tạm khóa trong "
            "%(minutes)s phút."
        ) % {"limit": limit, "minutes": minutes(cool_off)}
    return _(
        "Đăng nhập sai %(limit)s lần: tài khoản hoặc máy này bị khóa. Hãy liên hệ quản trị viên."
    ) % {"limit": limit}


def _wants_json(request: HttpRequest) -> bool:
    return (
        request.path.startswith("/api/")
        or request.headers.get("x-requested-with") == "XMLHttpRequest"
        or "application/json" in request.headers.get("accept", "")
    )


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    message = lockout_message(request, credentials)
    if _wants_json(request):
        return JsonResponse({"detail": message}, status=STATUS)
    return render(request, settings.AXES_LOCKOUT_TEMPLATE, {"message": message}, status=STATUS)
