"""Dues pages, included into the ``members`` namespace at /members/."""

from django.urls import path, re_path

from dangvu.members import dues_views

urlpatterns = [
    path("dues/unpaid/", dues_views.unpaid, name="dues_unpaid"),
    path("dues/<str:cell_code>/", dues_views.current_sheet, name="dues_sheet_now"),
    # The month as yyyy-mm, e.g. /members/dues/XA-DONG/2026-05/.
    re_path(
        r"^dues/(?P<cell_code>[^/]+)/(?P<year>[0-9]{4})-(?P<month>[0-9]{2})/$",
        dues_views.sheet,
        name="dues_sheet",
    ),
    path("<int:pk>/dues/profile/", dues_views.profile, name="dues_profile"),
    path("<int:pk>/dues/reduction/", dues_views.reduction, name="dues_reduction"),
]
