"""The ledger's periodic job, run by the task workers (``jobs`` app): sign a checkpoint every
30 s while there are new entries."""

from __future__ import annotations

from yangguang.jobs import registry

from . import services


def checkpoint() -> str:
    cp = services.checkpoint_if_stale(max_age=30)
    return f"checkpoint size {cp.tree_size}" if cp is not None else ""


def register() -> None:
    # Its own queue: a backlog of publications or slow pushes never delays a checkpoint.
    registry.periodic("ledger.checkpoint", every=10.0, func=checkpoint, queue="ledger")
