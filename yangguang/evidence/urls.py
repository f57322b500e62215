from __future__ import annotations

from django.urls import path

from . import views

app_name = "evidence"

urlpatterns = [
    path("tus/", views.tus_create, name="tus_create"),
    path("tus/<str:upload_id>", views.tus_upload, name="tus_upload"),
    path("case/<int:case_id>/upload", views.plain_upload, name="upload"),
    path("case/<int:case_id>/exception", views.add_exception, name="add_exception"),
    path("case/<int:case_id>/export", views.export_case, name="export"),
    path("case/<int:case_id>/documents/<int:doc_id>/open", views.open_document, name="open_document"),
    path("exceptions/", views.exceptions, name="exceptions"),
    path("av-items/", views.av_items, name="av_items"),
    path("<int:pk>/", views.evidence_detail, name="detail"),
    path("<int:pk>/download", views.evidence_download, name="download"),
    path("<int:pk>/media", views.evidence_media, name="media"),
    path("<int:pk>/thumb", views.evidence_thumb, name="thumb"),
    path("<int:pk>/hold", views.legal_hold, name="legal_hold"),
]
