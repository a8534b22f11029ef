from django.urls import path

from dangvu.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("access-log/", views.access_log, name="access_log"),
]
