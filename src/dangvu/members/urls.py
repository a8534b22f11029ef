from django.urls import include, path

from dangvu.members import views, views_io

app_name = "members"
urlpatterns = [
    path("", views.member_list, name="list"),
    path("new/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    # Import and export (views_io.py).
    path("import/", views_io.import_page, name="import"),
    path("import/template.xlsx", views_io.import_template, name="import_template"),
    path("export.xlsx", views_io.export, name="export"),
    # The member lifecycle: decisions and transfers, badges, dues.
    path("", include("dangvu.members.urls_lifecycle")),
    path("", include("dangvu.members.urls_badges")),
    path("", include("dangvu.members.urls_dues")),
]
