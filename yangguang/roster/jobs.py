"""The roster's periodic job: record the lapse (失效) of each certificate whose period ran out, so
that its history and its status say so (``roster.certificates.record_due_lapses``)."""

from __future__ import annotations

from yangguang.jobs import registry

from .certificates import record_due_lapses


def certificate_lapses() -> str:
    count = record_due_lapses()
    return f"recorded {count} certificate lapse(s)" if count else ""


def register() -> None:
    registry.periodic("roster.certificate_lapses", every=600.0, func=certificate_lapses, queue="maintenance")
