"""Field mode (现场执法模式) under /field/: see ``field.py``."""

from __future__ import annotations

from django.urls import path

from . import field

app_name = "field"

urlpatterns = [
    path("", field.home, name="home"),
    path("case/<int:case_id>/", field.case_page, name="case"),
    path("manifest.webmanifest", field.manifest, name="manifest"),
    path("sw.js", field.service_worker, name="sw"),
]
