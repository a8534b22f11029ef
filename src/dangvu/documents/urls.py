from django.urls import path

from dangvu.documents import views

app_name = "documents"

urlpatterns = [
    path("", views.document_list, name="list"),
    path("new/", views.issue, name="issue"),
    path("incoming/", views.register, name="register"),
    path("templates/", views.templates, name="templates"),
    path("templates/<int:organization_pk>/<str:kind>/", views.template_edit, name="template_edit"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/docx/", views.docx, name="docx"),
    path("<int:pk>/pdf/", views.pdf, name="pdf"),
    path("<int:pk>/files/", views.upload, name="upload"),
    path("<int:pk>/files/<int:file_pk>/", views.download, name="file"),
]
