"""The OpenAPI schema and its Swagger page: open in the demo, behind login otherwise.

The schema names every endpoint, field and rule of the API — a map for an
attacker — so outside demo mode only a signed-in user reads it (issue 14,
item 9). The page is the split variant of drf-spectacular's Swagger view: its
start-up script is a separate request rather than inline code, and the
template keeps its styles in a static file, so the site's Content-Security-
Policy needs no exception for it.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponseBase
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from dangvu.accounts.authentication import SessionAuthentication, TokenAuthentication


class SignedInOutsideDemo(BasePermission):
    def has_permission(self, request: Request, view: Any) -> bool:
        return bool(settings.DEMO_MODE or request.user.is_authenticated)


class SchemaView(SpectacularAPIView):
    authentication_classes = [TokenAuthentication, SessionAuthentication]
    permission_classes = [SignedInOutsideDemo]


class DocsView(SpectacularSwaggerSplitView):
    template_name = "api/swagger_ui.html"


schema_view = SchemaView.as_view()
_docs_view = DocsView.as_view(url_name="api:schema")


def docs_view(request: HttpRequest) -> HttpResponseBase:
    """The Swagger page (and its start-up script); the login page first when needed."""
    if not (settings.DEMO_MODE or request.user.is_authenticated):
        return redirect_to_login(request.get_full_path())
    return _docs_view(request)
