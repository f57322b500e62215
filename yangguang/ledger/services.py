"""Writes to the ledger. Services of every app call ``append_entry`` inside their own transaction."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from yangguang.ledger.models import Entry


def subject_label(subject: models.Model | str) -> str:
    if isinstance(subject, str):
        return subject
    return f"{subject._meta.label_lower}:{subject.pk}"


def append_entry(
    *,
    actor: Any,
    subject: models.Model | str,
    action: str,
    payload: Mapping[str, Any],
    file_hashes: Mapping[str, str] | None = None,
) -> Entry:
    """Append one entry; must run in the caller's transaction so that the change and its record
    commit or roll back together."""
    with transaction.atomic():
        last = Entry.objects.select_for_update().order_by("-seq").values_list("seq", flat=True).first()
        seq = 0 if last is None else last + 1
        now = timezone.now()
        actor_label = "" if actor is None else getattr(actor, "username", str(actor))
        doc = {
            "seq": seq,
            "time": now.isoformat(),
            "actor": actor_label,
            "subject": subject_label(subject),
            "action": action,
            "payload": payload,
            "files": dict(file_hashes or {}),
        }
        canonical = json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
        leaf = hashlib.new("sm3", b"\x00" + canonical.encode()).hexdigest()
        return Entry.objects.create(
            seq=seq,
            recorded_at=now,
            actor=actor_label,
            subject=doc["subject"],
            action=action,
            canonical=canonical,
            leaf_hash=leaf,
        )
