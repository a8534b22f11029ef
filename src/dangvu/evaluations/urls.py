from django.urls import path

from dangvu.evaluations import views, views_files, views_item, views_summary, views_unit

app_name = "evaluations"
urlpatterns = [
    path("", views.period_list, name="list"),
    path("<int:pk>/", views.period_detail, name="period"),
    path("<int:pk>/exceptions/", views.record_exception, name="record_exception"),
    path(
        "<int:pk>/exceptions/<int:exception_pk>/withdraw/",
        views.withdraw_exception,
        name="withdraw_exception",
    ),
    path("<int:pk>/finalize/", views.finalize, name="finalize"),
    path(
        "<int:pk>/finalizations/<int:finalization_pk>/reopen/",
        views.reopen_finalization,
        name="reopen_finalization",
    ),
    path("<int:pk>/refresh/", views.refresh, name="refresh"),
    path("<int:pk>/close/", views.close, name="close"),
    path("<int:pk>/export.xlsx", views_files.period_export, name="export"),
    path("<int:pk>/decision.docx", views_files.ranking_decision, name="decision-docx"),
    path("<int:pk>/units/<int:org_pk>/", views_unit.unit_detail, name="unit"),
    path("<int:pk>/units/<int:org_pk>/self/", views_unit.bulk_self, name="bulk_self"),
    path("<int:pk>/units/<int:org_pk>/propose/", views_unit.bulk_propose, name="bulk_propose"),
    path("<int:pk>/units/<int:org_pk>/decide/", views_unit.bulk_decide, name="bulk_decide"),
    path("item/<int:pk>/", views_item.item_detail, name="item"),
    path("item/<int:pk>/self/", views_item.self_assess, name="self_assess"),
    path("item/<int:pk>/propose/", views_item.propose, name="propose"),
    path("item/<int:pk>/decide/", views_item.decide, name="decide"),
    path("item/<int:pk>/reopen/", views_item.reopen, name="reopen"),
    path("item/<int:pk>/exclude/", views_item.exclude, name="exclude"),
    path("item/<int:pk>/include/", views_item.include, name="include"),
    path("item/<int:pk>/discipline/", views_item.add_discipline, name="discipline"),
    path("item/<int:pk>/commend/", views_item.commend, name="commend"),
    path("summary/<int:org_pk>/", views_summary.summary_page, name="summary"),
]
