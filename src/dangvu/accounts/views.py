"""Scaffold: replaced by the pages work in this session."""

from django.http import Http404, HttpRequest, HttpResponse


def login_view(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


def logout_view(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404
