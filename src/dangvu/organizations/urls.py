from django.urls import path

from dangvu.organizations import views

app_name = "organizations"
urlpatterns = [
    path("", views.tree, name="tree"),
    path("new/", views.create, name="create"),
    path("<str:code>/", views.detail, name="detail"),
    path("<str:code>/edit/", views.edit, name="edit"),
    path("<str:code>/committees/new/", views.committee_create, name="committee_create"),
    path(
        "<str:code>/committees/<int:pk>/positions/new/",
        views.position_create,
        name="position_create",
    ),
]
