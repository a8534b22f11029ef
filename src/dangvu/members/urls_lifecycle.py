"""The lifecycle pages, inside the ``members`` namespace (mounted at /members/)."""

from django.urls import path

from dangvu.members import lifecycle_views as views

urlpatterns = [
    path("transfers/", views.transfer_list, name="transfers"),
    path("transfers/receive/", views.receive, name="transfer_receive"),
    path(
        "transfers/<int:pk>/present/",
        views.transfer_step,
        {"step": "present"},
        name="transfer_present",
    ),
    path(
        "transfers/<int:pk>/start/", views.transfer_step, {"step": "start"}, name="transfer_start"
    ),
    path(
        "transfers/<int:pk>/return/",
        views.transfer_step,
        {"step": "return"},
        name="transfer_return",
    ),
    path(
        "transfers/<int:pk>/cancel/",
        views.transfer_step,
        {"step": "cancel"},
        name="transfer_cancel",
    ),
    path("<int:pk>/transfer/", views.transfer_issue, name="transfer_issue"),
    path("<int:pk>/decision/<str:kind>/", views.decision, name="decision"),
]
