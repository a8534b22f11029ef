"""Scaffold: replaced by the pages work in this session."""

from django.http import Http404, HttpRequest, HttpResponse


def tree(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


def create(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


def detail(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


def edit(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404
