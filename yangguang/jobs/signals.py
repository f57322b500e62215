"""Signal receivers of the jobs app."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management import call_command


def create_cache_table(**kwargs: Any) -> None:
    """``YG_CACHE_URL=db://`` keeps the cache in a table: create it with the schema (idempotent)."""
    backends = {c.get("BACKEND") for c in settings.CACHES.values()}
    if "django.core.cache.backends.db.DatabaseCache" in backends:
        call_command("createcachetable", database=kwargs.get("using", "default"), verbosity=0)
