from django.urls import path

from dangvu.congresses import views, views_congress, views_delegates, views_election

app_name = "congresses"
urlpatterns = [
    path("", views.campaign_list, name="list"),
    path("campaigns/new/", views.campaign_create, name="campaign_create"),
    path("campaigns/<int:pk>/", views.campaign_detail, name="campaign"),
    path("campaigns/<int:pk>/guides/", views.assign_guide, name="assign_guide"),
    path("campaigns/<int:pk>/plan/<int:cell_pk>/", views.plan_congress, name="plan"),
    path("<int:pk>/", views_congress.congress_detail, name="detail"),
    path("<int:pk>/plan/", views_congress.edit_plan, name="edit_plan"),
    path("<int:pk>/step/", views_congress.record_step, name="step"),
    path("<int:pk>/convene/", views_congress.convene, name="convene"),
    path(
        "<int:pk>/convened/<int:row_pk>/exclusion/",
        views_congress.set_exclusion,
        name="exclusion",
    ),
    path("<int:pk>/presence/", views_congress.record_presence, name="presence"),
    path("<int:pk>/delegates/", views_delegates.add_delegate, name="add_delegate"),
    path("<int:pk>/delegates/replace/", views_delegates.replace_delegate, name="replace_delegate"),
    path("<int:pk>/documents/", views_congress.add_document, name="add_document"),
    path(
        "<int:pk>/documents/<int:document_pk>/",
        views_congress.download_document,
        name="document",
    ),
    path("<int:pk>/hold/", views_congress.hold, name="hold"),
    path("<int:pk>/elections/", views_congress.create_election, name="create_election"),
    path("<int:pk>/install/", views_congress.install, name="install"),
    path("<int:pk>/approve/", views_congress.approve, name="approve"),
    path("<int:pk>/cancel/", views_congress.cancel, name="cancel"),
    path("<int:pk>/election-result.docx", views_congress.result_docx, name="result_docx"),
    path("elections/<int:pk>/", views_election.election_detail, name="election"),
    path("elections/<int:pk>/ballots/", views_election.add_ballot, name="add_ballot"),
    path(
        "elections/<int:pk>/ballots/<int:ballot_pk>/remove/",
        views_election.remove_ballot,
        name="remove_ballot",
    ),
    path("elections/<int:pk>/tally/", views_election.enter_tally, name="tally"),
    path("elections/<int:pk>/count/", views_election.count, name="count"),
    path(
        "elections/<int:pk>/denominator/",
        views_election.set_denominator,
        name="denominator",
    ),
    path("elections/<int:pk>/next-round/", views_election.next_round, name="next_round"),
    path(
        "elections/<int:pk>/counting-minutes.docx",
        views_election.minutes_docx,
        name="minutes_docx",
    ),
]
