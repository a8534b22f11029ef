from django.urls import path

from dangvu.core import views, views_deadlines, views_workdays

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("access-log/", views.access_log, name="access_log"),
    path("deadlines/", views_deadlines.deadline_inbox, name="deadlines"),
    path("workdays/", views_workdays.workday_exceptions, name="workday_exceptions"),
    path(
        "workdays/<int:pk>/withdraw/",
        views_workdays.withdraw_exception,
        name="withdraw_workday_exception",
    ),
]
