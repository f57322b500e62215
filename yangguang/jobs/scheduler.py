"""The beat: periodic jobs enqueued once per period however many workers run, the workers'
heartbeats, the sweep of the outbox and the reaping of tasks whose worker died.

Every worker runs ``tick`` about once a second. For each due job, the workers race to move its
``Schedule.next_run_at`` forward with a compare-and-set UPDATE; the one whose UPDATE changed a row
enqueues the run. A job whose previous run is still queued or running is not enqueued again, so a
slow job (a push to an unreachable platform) never piles up runs.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
from collections.abc import Callable

from django.db.models import Q
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from yangguang.env import env_int

from . import outbox, registry, transport
from .models import OutboxItem, OutboxStatus, Schedule, WorkerHeartbeat
from .tasks import run_periodic

logger = logging.getLogger("yangguang.jobs")

HEARTBEAT_EVERY = float(env_int("YG_WORKER_HEARTBEAT_SECONDS", 5))
KEEP_FINISHED_TASKS = dt.timedelta(days=1)
KEEP_DONE_ITEMS = dt.timedelta(days=90)


def _win(name: str, every: float, now: dt.datetime) -> bool:
    """Compare-and-set: True for exactly one caller per period of ``name``."""
    sched, _ = Schedule.objects.get_or_create(name=name, defaults={"every_seconds": every, "next_run_at": now})
    if sched.next_run_at > now:
        return False
    if sched.last_task_id and _still_queued(sched.last_task_id, now):
        return False
    won = Schedule.objects.filter(pk=sched.pk, next_run_at=sched.next_run_at).update(
        next_run_at=now + dt.timedelta(seconds=every), last_run_at=now, every_seconds=every
    )
    return bool(won)


def _still_queued(task_id: str, now: dt.datetime) -> bool:
    """The last run is waiting, or running on a live worker (a run whose worker died, or that the
    broker lost, does not hold the job back)."""
    live = WorkerHeartbeat.objects.filter(seen_at__gte=now - outbox.WORKER_STALE).values_list("worker_id", flat=True)
    return transport.task_alive(task_id, live)


def reap(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Tasks claimed by a worker that stopped heartbeating are marked failed (their outbox items
    are handed on by the sweep, their periodic jobs enqueued again next period); finished tasks
    older than a day and done outbox items older than 90 days are deleted."""
    now = now or timezone.now()
    dead = set(
        WorkerHeartbeat.objects.filter(seen_at__lt=now - outbox.WORKER_STALE).values_list("worker_id", flat=True)
    )
    lost = 0
    if transport.is_broker():
        # RQ keeps its own registries (a dead worker's jobs move to its failed registry, results
        # expire by their TTL); only our heartbeats are ours to prune.
        WorkerHeartbeat.objects.filter(worker_id__in=dead, seen_at__lt=now - dt.timedelta(hours=1)).delete()
        OutboxItem.objects.filter(status=OutboxStatus.DONE, done_at__lt=now - KEEP_DONE_ITEMS).delete()
        return {"lost": 0, "pruned": 0}
    if dead:
        for result in DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).only("pk", "worker_ids"):
            if result.worker_ids and result.worker_ids[-1] in dead:
                lost += DBTaskResult.objects.filter(pk=result.pk, status=TaskResultStatus.RUNNING).update(
                    status=TaskResultStatus.FAILED,
                    finished_at=now,
                    exception_class_path="yangguang.jobs.WorkerLost",
                    traceback=f"worker {result.worker_ids[-1]} stopped while running this task",
                )
        WorkerHeartbeat.objects.filter(worker_id__in=dead, seen_at__lt=now - dt.timedelta(hours=1)).delete()
    pruned = DBTaskResult.objects.filter(
        Q(status=TaskResultStatus.SUCCESSFUL) | Q(status=TaskResultStatus.FAILED),
        finished_at__lt=now - KEEP_FINISHED_TASKS,
    ).delete()[0]
    OutboxItem.objects.filter(status=OutboxStatus.DONE, done_at__lt=now - KEEP_DONE_ITEMS).delete()
    return {"lost": lost, "pruned": pruned}


# Run by the beat itself (cheap database work), not as tasks.
INLINE: dict[str, tuple[float, Callable[[], object]]] = {
    "jobs.sweep": (2.0, outbox.sweep),
    "jobs.reap": (10.0, reap),
}


def tick(*, now: dt.datetime | None = None) -> list[str]:
    """One beat: enqueue the due periodic jobs this worker won; run the inline ones it won."""
    now = now or timezone.now()
    started: list[str] = []
    for job in registry.periodic_jobs():
        if _win(job.name, job.every, now):
            result = run_periodic.using(queue_name=job.queue).enqueue(job.name)
            Schedule.objects.filter(name=job.name).update(last_task_id=str(result.id))
            started.append(job.name)
    for name, (every, func) in INLINE.items():
        if _win(name, every, now):
            outcome = func()
            if isinstance(outcome, dict) and any(outcome.values()):
                logger.info("%s: %s", name, outcome, extra={"job": name})
            started.append(name)
    return started


def worker_identity() -> tuple[str, str, int]:
    host = socket.gethostname()
    pid = os.getpid()
    return f"{host[:40]}-{pid}-{os.urandom(4).hex()}", host, pid


def heartbeat(worker_id: str, *, host: str, pid: int, queues: str) -> None:
    now = timezone.now()
    updated = WorkerHeartbeat.objects.filter(pk=worker_id).update(seen_at=now)
    if not updated:
        WorkerHeartbeat.objects.create(worker_id=worker_id, hostname=host[:200], pid=pid, queues=queues, seen_at=now)


def live_workers(*, now: dt.datetime | None = None) -> list[WorkerHeartbeat]:
    now = now or timezone.now()
    return list(WorkerHeartbeat.objects.filter(seen_at__gte=now - outbox.WORKER_STALE).order_by("started_at"))
