"""Readiness checks for ``/readyz``: can this process serve requests right now?"""

from __future__ import annotations

import time
from typing import Any

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from yangguang.core import filestore

_migrations_ok_at = 0.0


def _database() -> dict[str, Any]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"ok": True}


def _migrations() -> dict[str, Any]:
    # Checking the migration graph costs a few ms; once it was clean, trust it for a minute.
    global _migrations_ok_at
    if time.monotonic() - _migrations_ok_at < 60:
        return {"ok": True}
    executor = MigrationExecutor(connection)
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if pending:
        return {"ok": False, "error": f"{len(pending)} migration(s) not applied"}
    _migrations_ok_at = time.monotonic()
    return {"ok": True}


def _storage() -> dict[str, Any]:
    filestore.check()
    return {"ok": True}


def readiness() -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for name, check in (("database", _database), ("migrations", _migrations), ("storage", _storage)):
        try:
            out[name] = check()
        except Exception as exc:  # a probe reports, it never raises
            out[name] = {"ok": False, "error": f"{type(exc).__name__}: {exc}"[:300]}
    return out
