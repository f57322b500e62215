"""The REST API (django-ninja). Each app contributes a router from its ``api.py``; the OpenAPI
document is served at /api/openapi.json and browsable at /api/docs."""

from __future__ import annotations

from importlib import import_module

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.security import django_auth

from yangguang.core.errors import DomainError

api = NinjaAPI(title="Yangguang 阳光执法 API", version="1", urls_namespace="api")

# Apps whose api.py exposes ``router``; the prefix is the app label.
API_APPS = [
    "core",
    "workdays",
    "roster",
    "ledger",
    "documents",
    "cases",
    "discretion",
    "publicity",
    "review",
    "evidence",
]


@api.exception_handler(DomainError)
def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return api.create_response(request, exc.as_dict(), status=exc.http_status)


@api.exception_handler(AuthenticationError)
def auth_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(request, {"code": "not_authenticated", "message": "需要登录"}, status=401)


for _label in API_APPS:
    try:
        _module = import_module(f"yangguang.{_label}.api")
    except ModuleNotFoundError as exc:  # an app without an API yet
        if exc.name != f"yangguang.{_label}.api":
            raise
        continue
    api.add_router(f"/{_label}/", _module.router)

__all__ = ["api", "django_auth"]
