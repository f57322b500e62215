from django.urls import path

from yangguang.documents import views

app_name = "documents"

urlpatterns = [
    path("", views.document_list, name="list"),
    path("types/", views.type_list, name="types"),
    path("<int:pk>/", views.document_detail, name="detail"),
    path("<int:pk>/download", views.document_download, name="download"),
    path("<int:pk>/sign", views.document_sign, name="sign"),
    path("<int:pk>/signatures/<int:signature_id>/scan", views.signature_scan, name="signature_scan"),
]
