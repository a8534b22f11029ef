"""Scaffold: replaced by the pages work in this session."""

from django.http import Http404, HttpRequest, HttpResponse


def home(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


def access_log(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404
