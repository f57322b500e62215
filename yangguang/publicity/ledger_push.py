"""Ledger checkpoints leave the server with the publications: each new checkpoint is written to the
push outbox in the checkpoint's own transaction (registered as a ledger checkpoint listener), with a
consistency proof from the previous checkpoint, so the superior platform can check for itself that
the log only grew, and hold a checkpoint the platform's operators cannot take back."""

from __future__ import annotations

from django.utils import timezone

from yangguang.ledger import selectors as ledger_selectors
from yangguang.ledger.models import Checkpoint, CheckpointFormat
from yangguang.publicity.models import PushTask
from yangguang.publicity.push import config

EVENT = "ledger.checkpoint"


def push_checkpoint(cp: Checkpoint) -> None:
    if cp.format != CheckpointFormat.NOTE or not config().url:
        return  # nowhere to push to: the latest checkpoint vouches for all earlier ones anyway
    previous = (
        Checkpoint.objects.filter(format=CheckpointFormat.NOTE, tree_size__lt=cp.tree_size)
        .order_by("-tree_size")
        .values_list("tree_size", flat=True)
        .first()
        or 0
    )
    proof = ledger_selectors.consistency_proof(previous, cp.tree_size) if previous else []
    key = f"ledger.checkpoint:{cp.tree_size}"
    PushTask.objects.get_or_create(
        key=key,
        defaults={
            "event": EVENT,
            "publication": None,
            "payload": {
                "event": EVENT,
                "idempotency_key": key,
                "tree_size": cp.tree_size,
                "root": cp.root,
                "hash": cp.hash_alg,
                "checkpoint": ledger_selectors.checkpoint_note(cp, cosigned=False),
                "previous_size": previous,
                "consistency_proof": [p.hex() for p in proof],
            },
            "next_attempt_at": timezone.now(),
        },
    )
