from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("security/", views.security, name="security"),
    path("security/qr.svg", views.security_qr, name="security_qr"),
    path("users/", views.users, name="users"),
    path("users/new/", views.user_new, name="user_new"),
    path("users/<int:pk>/", views.user_detail, name="user"),
    path("locks/unlock/", views.unlock_address, name="unlock"),
    path("audit/", views.audit, name="audit"),
]
