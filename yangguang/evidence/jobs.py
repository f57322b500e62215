"""The evidence app's periodic job: expiry of abandoned uploads (tus expiration)."""

from __future__ import annotations

from yangguang.jobs import registry

from . import services


def expire_uploads() -> str:
    count = services.expire_uploads()
    return f"expired {count} incomplete upload(s)" if count else ""


def register() -> None:
    # Purging evidence past its retention stays a deliberate act (`manage.py evidence purge`).
    registry.periodic("evidence.expire_uploads", every=3600.0, func=expire_uploads, queue="maintenance")
