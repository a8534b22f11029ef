"""Badge pages, included into the ``members`` namespace at /members/."""

from django.urls import path

from dangvu.members import badge_views

urlpatterns = [
    path("badges/due/", badge_views.due, name="badges_due"),
    path("<int:pk>/badges/new/", badge_views.create, name="badge_create"),
]
