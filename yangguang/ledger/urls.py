from django.urls import path

from yangguang.ledger import views

app_name = "ledger"

urlpatterns = [
    path("", views.status, name="status"),
    path("export/", views.export, name="export"),
    path("verifier.py", views.verifier_script, name="verifier"),
]
