from django.urls import path

from dangvu.meetings import views, views_attendance, views_calendar, views_reports

app_name = "meetings"
urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("this-month/", views.this_month, name="this_month"),
    path("new/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/attendance/", views_attendance.take_attendance, name="attendance"),
    path("<int:pk>/approve/", views.approve, name="approve"),
    path("<int:pk>/cancel/", views.cancel, name="cancel"),
    path("<int:pk>/held/", views.mark_held, name="mark_held"),
    path("<int:pk>/guests/", views.add_guest, name="add_guest"),
    path("<int:pk>/opinions/", views.add_opinion, name="add_opinion"),
    path("<int:pk>/resolutions/", views.add_resolution, name="add_resolution"),
    path("<int:pk>/resolutions/<int:resolution_pk>/hand-off/", views.hand_off, name="hand_off"),
    path("<int:pk>/files/", views.upload_file, name="upload_file"),
    path("<int:pk>/files/<int:file_pk>/", views.download_file, name="download_file"),
    path("<int:pk>/minutes.docx", views.minutes_docx, name="minutes_docx"),
    path("rates/", views_reports.rates, name="rates"),
    path("compliance/", views_reports.compliance_page, name="compliance"),
    path("oversight/", views_reports.oversight, name="oversight"),
    path("oversight/<int:pk>/end/", views_reports.end_oversight, name="end_oversight"),
    path("calendar/", views_calendar.calendar_page, name="calendar"),
    path("calendar/new-link/", views_calendar.calendar_token, name="calendar_token"),
    path("calendar/revoke/", views_calendar.calendar_revoke, name="calendar_revoke"),
    path("calendar/<str:token>.ics", views_calendar.calendar_feed, name="calendar_feed"),
]
