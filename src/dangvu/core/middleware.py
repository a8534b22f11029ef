"""A ceiling on the size of a request body, checked before anything reads it.

Django keeps small uploads in memory and spools large ones to disk, but only
the form that receives a file decides whether it is too big — after the whole
body has been read. A request announcing more than ``DANGVU_MAX_REQUEST_BYTES``
is refused at once with 413, so no upload, however large, costs more than
the ceiling in memory or disk (issue 14: bounded memory on any upload). A body
sent without a length (chunked) is read by Django as empty, so the announced
length is the whole of what can arrive.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _

from dangvu.core.views_errors import API_PREFIX


def _announced_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


class RequestSizeLimitMiddleware:
    """413 for a body announced above ``DANGVU_MAX_REQUEST_BYTES`` (pages and API)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit: int = settings.DANGVU_MAX_REQUEST_BYTES
        if _announced_length(request) > limit:
            return self.too_large(request, limit)
        return self.get_response(request)

    def too_large(self, request: HttpRequest, limit: int) -> HttpResponse:
        megabytes = max(1, limit // (1024 * 1024))
        message = _("Dữ liệu gửi lên lớn hơn %(size)s MB, hệ thống không nhận.") % {
            "size": megabytes
        }
        if request.path.startswith(API_PREFIX):
            return JsonResponse({"detail": message}, status=413)
        body = loader.render_to_string("413.html", {"message": message}, request=request)
        return HttpResponse(body, status=413)
