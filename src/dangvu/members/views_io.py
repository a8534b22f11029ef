"""Scaffold: replaced by the import/export work in this session."""

from django.http import Http404, HttpRequest, HttpResponse


def import_page(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


def import_template(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


def export(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404
