"""The embedded background worker: the periodic jobs of every app in one loop, so the embedded
mode needs no extra service (no cron, no broker). Each job is a plain function that does one round
of work against the database and returns a short summary; a job that fails is logged and retried
on its next turn without stopping the others."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

logger = logging.getLogger("yangguang.worker")


def _ledger_checkpoint() -> str:
    from yangguang.ledger import services

    cp = services.checkpoint_if_stale(max_age=30)
    return f"checkpoint size {cp.tree_size}" if cp is not None else ""


def _publicity_push() -> str:
    from yangguang.publicity.push import run_once

    counts = run_once()
    return f"push sent={counts['sent']} failed={counts['failed']}" if counts["sent"] or counts["failed"] else ""


def _evidence_expire_uploads() -> str:
    from yangguang.evidence.services import expire_uploads

    count = expire_uploads()
    return f"expired {count} incomplete upload(s)" if count else ""


@dataclass
class Job:
    name: str
    every: float  # seconds between runs
    run: Callable[[], str]
    next_at: float = field(default=0.0)


def default_jobs() -> list[Job]:
    # Purging evidence past its retention stays a deliberate act (`manage.py evidence purge`).
    return [
        Job("ledger.checkpoint", 10.0, _ledger_checkpoint),
        Job("publicity.push", 5.0, _publicity_push),
        Job("evidence.expire_uploads", 3600.0, _evidence_expire_uploads),
    ]


def run(
    *, jobs: list[Job] | None = None, max_rounds: int = 0, sleep: Callable[[float], Any] = time.sleep
) -> dict[str, int]:
    """Run due jobs until ``max_rounds`` rounds have passed (0: forever). Returns failures per job."""
    from django.db import close_old_connections, connection

    jobs = jobs if jobs is not None else default_jobs()
    failures = {job.name: 0 for job in jobs}
    rounds = 0
    while True:
        now = time.monotonic()
        for job in jobs:
            if now < job.next_at:
                continue
            job.next_at = now + job.every
            # Drop connections the database closed or that outlived CONN_MAX_AGE, as a request
            # would; never inside a transaction (a caller's, or a test's), which it would break.
            if not connection.in_atomic_block:
                close_old_connections()
            try:
                summary = job.run()
            except Exception:  # one failing job must not stop the others
                failures[job.name] += 1
                logger.exception("worker job %s failed", job.name)
                continue
            if summary:
                logger.info("%s: %s", job.name, summary)
        rounds += 1
        if max_rounds and rounds >= max_rounds:
            return failures
        sleep(min(job.next_at for job in jobs) - time.monotonic() if jobs else 1.0)
