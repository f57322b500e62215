from django.urls import path

from yangguang.ledger import views

app_name = "ledger"

urlpatterns = [
    path("", views.status, name="status"),
    path("export/", views.export, name="export"),
    path("verifier.py", views.verifier_script, name="verifier"),
    path("witness.py", views.witness_script, name="witness"),
    # Published checkpoints: stable public URLs (C2SP signed notes; a JSON mirror of the history).
    path("checkpoint", views.checkpoint_latest, name="checkpoint"),
    path("checkpoints/<int:size>", views.checkpoint_at, name="checkpoint_at"),
    path("checkpoints.json", views.checkpoints_json, name="checkpoints_json"),
]
