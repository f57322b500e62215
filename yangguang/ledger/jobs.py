"""The ledger's periodic jobs, run by the task workers (``jobs`` app): sign a checkpoint every 30 s
while there are new entries, and have the configured witnesses cosign the latest one."""

from __future__ import annotations

from yangguang.jobs import registry

from . import integration, services, witnessing


def checkpoint() -> str:
    cp = services.checkpoint_if_stale(max_age=30)
    return f"checkpoint size {cp.tree_size}" if cp is not None else ""


def cosign() -> str:
    return "; ".join(f"{o.witness}: {o.message}" for o in witnessing.cosign_latest())


def integrate() -> str:
    """PostgreSQL: integrate what the writers sequenced and no commit integrated since (the tail of
    a burst, see ``LEDGER_INTEGRATE_INTERVAL``)."""
    done = integration.integrate()
    return f"integrated {done}" if done else ""


def register() -> None:
    registry.periodic("ledger.integrate", every=2.0, func=integrate, queue="ledger")
    # Its own queue: a backlog of publications or slow pushes never delays a checkpoint.
    registry.periodic("ledger.checkpoint", every=10.0, func=checkpoint, queue="ledger")
    # Witnesses are remote, like the superior platform: their queue, so a slow one delays no checkpoint.
    registry.periodic("ledger.cosign", every=10.0, func=cosign, queue="push")
