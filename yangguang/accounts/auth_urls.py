"""Sign-in, sign-out and the password page, under their usual global names (``login``,
``logout``, ``password_change``…), mounted at ``/accounts/``."""

from django.urls import path

from . import views

urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("login/otp/", views.login_otp, name="login_otp"),
    path("logout/", views.logout_view, name="logout"),
    path("password/", views.password_change, name="password_change"),
    path("password/done/", views.password_change_done, name="password_change_done"),
]
