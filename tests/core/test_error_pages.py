"""400, 403, 404, 500 and a CSRF failure: Vietnamese pages in the site layout,
JSON under /api/ (issue 14, item 10). This module is also the URLconf of its
tests: the site's routes plus views that fail on purpose."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, path

from dangvu import urls as site_urls


def _boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a bug")


def _forbidden(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied


def _bad(request: HttpRequest) -> HttpResponse:
    raise SuspiciousOperation("a forged value")


urlpatterns: list[URLPattern | URLResolver] = [
    path("boom/", _boom),
    path("forbidden/", _forbidden),
    path("bad/", _bad),
    path("api/v1/boom/", _boom),
    *site_urls.urlpatterns,
]
handler400 = site_urls.handler400
handler403 = site_urls.handler403
handler404 = site_urls.handler404
handler500 = site_urls.handler500

pytestmark = pytest.mark.usefixtures("production_errors")

NAV = 'aria-label="Điều hướng chính"'


@pytest.fixture
def production_errors() -> Any:
    with override_settings(DEBUG=False, ROOT_URLCONF=__name__):
        yield


def _page(response: Any, status: int, heading: str) -> str:
    assert response.status_code == status
    assert response["Content-Type"].startswith("text/html")
    body: str = response.content.decode()
    assert '<html lang="vi">' in body
    assert f"<h1>{heading}</h1>" in body
    assert "dangvu/css/dangvu.css" in body  # the site layout
    return body


def test_it_shows_a_vietnamese_404_with_the_navigation(login: Any) -> None:
    body = _page(login("alice").get("/no-such-page/"), 404, "Không tìm thấy trang")
    assert NAV in body and "Đăng xuất" in body


def test_it_shows_a_404_without_navigation_to_a_visitor(db: Any) -> None:
    body = _page(Client().get("/no-such-page/"), 404, "Không tìm thấy trang")
    assert NAV not in body


def test_it_shows_a_vietnamese_403(login: Any) -> None:
    body = _page(login("dave").get("/forbidden/"), 403, "Không có quyền truy cập")
    assert NAV in body


def test_it_shows_a_vietnamese_400(login: Any) -> None:
    _page(login("alice").get("/bad/"), 400, "Yêu cầu không hợp lệ")


def test_it_shows_a_vietnamese_500_with_the_navigation(db: Any) -> None:
    from dangvu.accounts.models import User

    client = Client(raise_request_exception=False)
    client.force_login(User.objects.get(username="alice"))
    body = _page(client.get("/boom/"), 500, "Lỗi máy chủ")
    assert NAV in body


def test_it_shows_a_vietnamese_csrf_failure(db: Any) -> None:
    from dangvu.accounts.models import User

    client = Client(enforce_csrf_checks=True)
    client.force_login(User.objects.get(username="alice"))
    body = _page(client.post("/accounts/logout/"), 403, "Biểu mẫu đã hết hạn")
    assert NAV in body
    assert "_auth_user_id" in client.session  # nothing was done


def test_it_answers_an_unknown_api_address_in_json(login: Any) -> None:
    response = login("alice").get("/api/v1/no-such-endpoint/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Không tìm thấy."}


def test_it_answers_an_api_server_error_in_json(db: Any) -> None:
    response = Client(raise_request_exception=False).get("/api/v1/boom/")
    assert response.status_code == 500
    assert "Lỗi máy chủ" in response.json()["detail"]


def test_it_keeps_the_api_404_of_an_object_in_json(login: Any) -> None:
    response = login("alice").get("/api/v1/organizations/999999999/")
    assert response.status_code == 404
    assert "detail" in response.json()
