from django.urls import path

from dangvu.admissions import views

app_name = "admissions"
urlpatterns = [
    path("", views.candidate_list, name="list"),
    path("new/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/step/", views.step, name="step"),
    path("<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("<int:pk>/admit/", views.admit, name="admit"),
    path("<int:pk>/decision.docx", views.admission_decision_docx, name="admission_decision_docx"),
    path("recognise/<int:member_pk>/", views.recognise, name="recognise"),
    path(
        "recognise/<int:member_pk>/decision.docx",
        views.recognition_decision_docx,
        name="recognition_decision_docx",
    ),
    path("targets/", views.targets, name="targets"),
    path("courses/", views.courses, name="courses"),
    path("courses/new/", views.course_create, name="course_create"),
]
