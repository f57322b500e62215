"""Reads of the public portal from a read replica (``YG_REPLICA_DATABASE_URL``).

The portal (``/public/``, the public API) is read-only, anonymous and most of the traffic: its
requests read from the replica, everything else (staff pages, every write, and any read inside a
transaction) from the primary. A replica lags the primary by a moment, so a just-published decision
can take that long to appear on the portal; staff never read from it.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.db import connections
from django.http import HttpRequest, HttpResponse

REPLICA = "replica"
PORTAL_PREFIXES = ("/public/", "/api/publicity/")
_portal_read: ContextVar[bool] = ContextVar("portal_read", default=False)


class ReplicaRouter:
    def db_for_read(self, model: Any, **hints: Any) -> str | None:
        if _portal_read.get() and REPLICA in settings.DATABASES and not connections["default"].in_atomic_block:
            return REPLICA
        return None

    def db_for_write(self, model: Any, **hints: Any) -> str | None:
        return "default"

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        return True  # the replica is the same database

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == "default"


class PortalReplicaMiddleware:
    """Marks safe (GET/HEAD) portal requests as replica reads for the router."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in ("GET", "HEAD") and request.path.startswith(PORTAL_PREFIXES):
            token = _portal_read.set(True)
            try:
                return self.get_response(request)
            finally:
                _portal_read.reset(token)
        return self.get_response(request)
