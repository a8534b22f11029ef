from django.urls import path

from dangvu.programs import views, views_body, views_review, views_task

app_name = "programs"
urlpatterns = [
    path("", views.programme_list, name="list"),
    path("new/", views.programme_create, name="create"),
    path("<int:pk>/", views.programme_detail, name="detail"),
    path("<int:pk>/tasks/", views.add_task, name="add_task"),
    path("<int:pk>/review/", views.review_create, name="review_create"),
    path("tasks/<int:pk>/", views_task.task_detail, name="task"),
    path("tasks/<int:pk>/edit/", views_task.edit_task, name="task_edit"),
    path("tasks/<int:pk>/progress/", views_task.report_progress, name="task_progress"),
    path("tasks/<int:pk>/complete/", views_task.complete, name="task_complete"),
    path("tasks/<int:pk>/not-done/", views_task.not_done, name="task_not_done"),
    path("tasks/<int:pk>/reopen/", views_task.reopen, name="task_reopen"),
    path("tasks/<int:pk>/carry-over/", views_task.carry_over, name="task_carry_over"),
    path("tasks/<int:pk>/files/", views_task.add_file, name="task_file_add"),
    path("tasks/<int:pk>/files/<int:file_pk>/", views_task.download_file, name="task_file"),
    path("body/org/<int:pk>/", views_body.body_org, name="body_org"),
    path("body/agency/<int:pk>/", views_body.body_agency, name="body_agency"),
    path("person/<int:member_id>/", views_body.person, name="person"),
    path("targets/", views_body.target_list, name="targets"),
    path("targets/new/", views_body.add_target, name="target_add"),
    path("targets/<int:pk>/values/", views_body.record_value, name="target_value"),
    path("targets/refresh/", views_body.refresh, name="targets_refresh"),
    path("reviews/<int:pk>/", views_review.review_detail, name="review"),
    path("reviews/<int:pk>/edit/", views_review.edit_review, name="review_edit"),
    path("reviews/<int:pk>/notes/", views_review.add_note, name="review_note"),
    path("reviews/<int:pk>/close/", views_review.close, name="review_close"),
    path("reviews/<int:pk>/reopen/", views_review.reopen, name="review_reopen"),
    path("reviews/<int:pk>/docx/", views_review.review_docx, name="review_docx"),
]
