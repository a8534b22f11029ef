from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from dangvu.api_router import router
from dangvu.core.api_docs import docs_view, schema_view

api_patterns: list[URLPattern | URLResolver] = [
    # Behind login outside demo mode (core.api_docs).
    path("schema/", schema_view, name="schema"),
    path("docs/", docs_view, name="docs"),
    path("", include(router.urls)),
]

urlpatterns = [
    path("", include("dangvu.core.urls")),
    path("accounts/", include("dangvu.accounts.urls")),
    path("organizations/", include("dangvu.organizations.urls")),
    path("members/", include("dangvu.members.urls")),
    path("admissions/", include("dangvu.admissions.urls")),
    path("meetings/", include("dangvu.meetings.urls")),
    path("congresses/", include("dangvu.congresses.urls")),
    path("evaluations/", include("dangvu.evaluations.urls")),
    path("documents/", include("dangvu.documents.urls")),
    path("programs/", include("dangvu.programs.urls")),
    path("api/v1/", include((api_patterns, "api"))),
    path("admin/", admin.site.urls),
]

# Vietnamese pages in the site layout; JSON under /api/ (core.views_errors).
handler400 = "dangvu.core.views_errors.bad_request"
handler403 = "dangvu.core.views_errors.permission_denied"
handler404 = "dangvu.core.views_errors.page_not_found"
handler500 = "dangvu.core.views_errors.server_error"
