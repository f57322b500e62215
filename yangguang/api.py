"""The REST API (django-ninja). Each app contributes a router from its ``api.py``; the OpenAPI
document is served at /api/openapi.json and browsable at /api/docs."""

from __future__ import annotations

from importlib import import_module
from typing import Any

from ninja import NinjaAPI
from ninja.security import django_auth

from yangguang.core import apierrors


class YangguangAPI(NinjaAPI):
    """Errors are ``{code, message}`` everywhere (core.apierrors), and the OpenAPI document says so."""

    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        return apierrors.document_errors(super().get_openapi_schema(*args, **kwargs))


api = YangguangAPI(title="Yangguang 阳光执法 API", version="1", urls_namespace="api")
apierrors.install(api)

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
    "inspections",
    "supervision",
]


for _label in API_APPS:
    try:
        _module = import_module(f"yangguang.{_label}.api")
    except ModuleNotFoundError as exc:  # an app without an API yet
        if exc.name != f"yangguang.{_label}.api":
            raise
        continue
    api.add_router(f"/{_label}/", _module.router)

__all__ = ["api", "django_auth"]
