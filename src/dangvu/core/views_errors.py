"""The error answers: Vietnamese pages in the site layout, JSON under /api/.

Django's own handlers render 500 and the CSRF failure without the request, so
neither the navigation nor the user's name could show; these render with it
(issue 14, item 10). Under /api/ an error stays JSON (``{"detail": …}``) like
the answers of the viewsets, also for an address no route matches.
"""

from __future__ import annotations

import logging

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _

log = logging.getLogger(__name__)

API_PREFIX = "/api/"


def _api_message(status: int) -> str:
    return {
        400: _("Yêu cầu không hợp lệ."),
        403: _("Không có quyền thực hiện thao tác này."),
        404: _("Không tìm thấy."),
        500: _("Lỗi máy chủ. Sự cố đã được ghi lại; hãy thử lại sau."),
    }[status]


def _answer(request: HttpRequest, status: int, template: str) -> HttpResponse:
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"detail": _api_message(status)}, status=status)
    return HttpResponse(loader.render_to_string(template, request=request), status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _answer(request, 400, "400.html")


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _answer(request, 403, "403.html")


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _answer(request, 404, "404.html")


def server_error(request: HttpRequest) -> HttpResponse:
    try:
        return _answer(request, 500, "500.html")
    except Exception:
        # The navigation reads the database, which may be what failed: the page
        # without the request (no user, no navigation) still comes out in Vietnamese.
        log.exception("The 500 page could not be rendered with the request")
        return HttpResponse(loader.render_to_string("500.html"), status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: a form sent from an expired or foreign page."""
    if request.path.startswith(API_PREFIX):
        detail = _("Thiếu hoặc sai mã CSRF: tải lại trang rồi gửi lại.")
        return JsonResponse({"detail": detail}, status=403)
    body = loader.render_to_string("403_csrf.html", request=request)
    return HttpResponse(body, status=403)
