"""The durable outbox: ``add`` inside the transaction of a fact, ``run_item`` after it.

A handler that raises is retried with exponential backoff (``backoff_seconds`` × 2^(attempt-1),
capped at an hour); after ``max_attempts`` the item is marked failed, which administrators see on
``/jobs/`` (and in the admin) and may retry. Nothing here ever undoes the fact that created the item.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import logging
import time
import traceback
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from yangguang.core import faults
from yangguang.env import env_int

from . import registry, transport
from .models import OutboxItem, OutboxStatus, WorkerHeartbeat
from .tasks import run_outbox_item

logger = logging.getLogger("yangguang.jobs")

LEASE = dt.timedelta(minutes=10)  # a claimed item whose worker vanished is handed on after this
# A worker not seen for this long is dead (its work is handed on); crash tests shorten it.
WORKER_STALE = dt.timedelta(seconds=env_int("YG_WORKER_STALE_SECONDS", 20))
MAX_BACKOFF = 3600.0
# A waiting item woken this long ago has its task looked up: sent again if the backend lost it.
RECHECK = dt.timedelta(seconds=env_int("YG_OUTBOX_RECHECK_SECONDS", 30))

# The id of the task worker this process runs (set by ``run_tasks``); "" outside a worker.
current_worker_id = ""


def add(*, kind: str, key: str, payload: dict[str, Any], delay: float = 0.0) -> OutboxItem:
    """Record work that must follow the caller's transaction. Call it inside that transaction: the
    item commits with the fact or not at all. ``key`` makes it idempotent (an item with the same key
    is returned, not duplicated).

    How its task is sent: with the database transport the task row is written in the same
    transaction (it commits with the item, and no second write follows the commit); with a broker,
    when the transaction commits. Inside a task worker's handler, a follow-on item of the same queue
    and no lower priority gets no task at all: the worker runs it as soon as the handler is done
    (``run_item``). Either way the sweep sends again whatever a crash left without a task."""
    handler = registry.get_handler(kind)
    if handler is None:
        raise LookupError(f"no outbox handler registered for {kind!r}")
    now = timezone.now()
    item, created = OutboxItem.objects.get_or_create(
        key=key,
        defaults={
            "kind": kind,
            "queue": handler.queue,
            "payload": payload,
            "max_attempts": handler.max_attempts,
            "next_attempt_at": now + dt.timedelta(seconds=delay),
            # Sent now (below): the sweep leaves it alone unless its task is lost (RECHECK).
            "woken_at": None if delay else now,
        },
    )
    if created and not delay:
        chain = _chain.get()
        if getattr(settings, "JOBS_OUTBOX_EAGER", False):
            run_item(item.pk)  # tests of other behaviour: the work happens at once, in line
        elif chain is not None and chain.takes(handler):
            chain.items.append(item.pk)
        elif transport.enqueues_in_transaction():
            try:
                with transaction.atomic():  # a savepoint: a failed enqueue must not spoil the caller's transaction
                    _enqueue(item.pk, item.queue, item.kind)
            except Exception:
                logger.exception("could not enqueue outbox item %s; the sweep will", item.pk)
        else:
            transaction.on_commit(lambda: wake(item.pk, item.queue, item.kind))
    return item


def coalesce(*, kind: str, payload: dict[str, Any]) -> int:
    """Mark as done the waiting items of ``kind`` with exactly this ``payload``: for handlers that
    recompute a whole thing from the records (a roll-up key), one run covers every change committed
    before it starts. Call it first in the handler, before reading the records: an item visible now
    was committed with its change, so the recomputation that follows sees that change. Items a worker
    has already claimed are left alone (they run again, harmlessly). Returns how many were settled."""
    waiting = OutboxItem.objects.filter(status=OutboxStatus.PENDING, kind=kind)
    for name, value in payload.items():
        waiting = waiting.filter(**{f"payload__{name}": value})
    # Compare whole payloads in Python too: the key lookups above do not exclude extra keys.
    ids = [pk for pk, p in waiting.values_list("pk", "payload") if p == payload]
    if not ids:
        return 0
    return OutboxItem.objects.filter(pk__in=ids, status=OutboxStatus.PENDING).update(
        status=OutboxStatus.DONE, done_at=timezone.now(), result={"coalesced": True}, lease_until=None
    )


def wake(item_id: int, queue: str, kind: str = "") -> None:
    """Enqueue the task that runs ``item_id`` (best effort: the sweep finds anything missed), at
    its handler's priority (a worker takes higher priorities first)."""
    try:
        _enqueue(item_id, queue, kind)
    except Exception:
        logger.exception("could not enqueue outbox item %s; the sweep will", item_id)


def _enqueue(item_id: int, queue: str, kind: str) -> None:
    handler = registry.get_handler(kind) if kind else None
    priority = handler.priority if handler is not None else 0
    task = transport.routed(run_outbox_item, queue=queue, priority=priority)
    result = task.enqueue(item_id)
    OutboxItem.objects.filter(pk=item_id).update(woken_at=timezone.now(), task_id=str(result.id)[:64])


@dataclass
class _Chain:
    """Follow-on items added by the handler a worker is running, run by the same worker next."""

    queue: str
    priority: int
    items: list[int] = field(default_factory=list)

    def takes(self, handler: registry.Handler) -> bool:
        return handler.queue == self.queue and handler.priority >= self.priority


_chain: contextvars.ContextVar[_Chain | None] = contextvars.ContextVar("outbox_chain", default=None)
MAX_CHAIN = 50  # follow-ons one task runs in line at most (the rest get tasks)


def backoff(handler: registry.Handler, attempts: int) -> float:
    return min(MAX_BACKOFF, handler.backoff_seconds * (2 ** max(0, attempts - 1)))


def run_item(item_id: int, *, drop_task: str = "") -> str:
    """Claim ``item_id`` if it is due and run its handler once. Returns what happened.

    An ``atomic`` handler runs in one transaction with the claim and the done mark: one write
    transaction per item (a worker that dies in it leaves the item waiting, its task dead, and the
    sweep sends it again). Otherwise the claim commits first (attempts counted, the lease taken) and
    the handler runs outside. ``drop_task``: the id of the item's task row, deleted with the claim
    when a worker takes the item without it (``drain_following``)."""
    row = OutboxItem.objects.filter(pk=item_id).values_list("kind", flat=True).first()
    if row is None:
        return "not due"
    handler = registry.get_handler(row)
    if handler is None:
        orphan = OutboxItem.objects.get(pk=item_id)
        _failed(orphan, f"no handler registered for {orphan.kind!r}", final=True)
        return "failed"
    chain = _Chain(queue=handler.queue, priority=handler.priority) if current_worker_id else None
    token = _chain.set(chain)
    item: OutboxItem | None = None
    try:
        if handler.atomic:
            with transaction.atomic():
                item = _claim(item_id, drop_task)
                if item is None:
                    return "not due"
                result = handler.func(item.payload)
                faults.point("jobs.after_handler", item.key)  # dies before commit: nothing happened
                faults.point(f"jobs.after_handler.{item.kind}", item.key)  # the same, one kind only
                _done(item, result)
        else:
            with transaction.atomic():
                item = _claim(item_id, drop_task)
            if item is None:
                return "not due"
            result = handler.func(item.payload)
            faults.point("jobs.after_handler", item.key)  # dies after the work: it runs again
            faults.point(f"jobs.after_handler.{item.kind}", item.key)
            _done(item, result)
    except Exception as exc:
        _send_chain(chain, run=False)
        if item is None:
            raise
        final = item.attempts >= item.max_attempts
        text = "".join(traceback.format_exception_only(type(exc), exc)).strip()
        # An atomic handler's claim rolled back with its work: the attempt is counted here.
        _failed(item, text, final=final, delay=backoff(handler, item.attempts), attempts=item.attempts)
        logger.warning(
            "outbox item failed",
            extra={"kind": item.kind, "key": item.key, "attempts": item.attempts, "final": final, "error": text},
            exc_info=True,
        )
        return "failed" if final else "retry"
    finally:
        _chain.reset(token)
    _send_chain(chain, run=True)
    return "done"


def _claim(item_id: int, drop_task: str) -> OutboxItem | None:
    """Compare-and-set the item from waiting to running (in the caller's transaction)."""
    now = timezone.now()
    claimed = OutboxItem.objects.filter(pk=item_id, status=OutboxStatus.PENDING, next_attempt_at__lte=now).update(
        status=OutboxStatus.RUNNING,
        attempts=F("attempts") + 1,
        lease_until=now + LEASE,
        worker_id=current_worker_id,
    )
    if not claimed:
        return None
    if drop_task:
        DBTaskResult.objects.filter(pk=drop_task, status=TaskResultStatus.READY).delete()
    return OutboxItem.objects.get(pk=item_id)


# The queues the task worker of this process serves (set by ``run_tasks``).
current_queues: frozenset[str] = frozenset()
DRAIN_ITEMS = 20
DRAIN_SECONDS = 2.0


def drain_following(*, priority: int) -> int:
    """Database transport, in a task worker, after running an item: go on with the due items of
    this worker's queues at ``priority`` or above, oldest first, without going through their task
    rows (each is claimed with its task row deleted in the same transaction, so an atomic handler's
    item costs one write transaction instead of four: task claim, item claim, work, task done). At
    most ``DRAIN_ITEMS`` items or ``DRAIN_SECONDS``, so the worker's other tasks (checkpoints,
    lower priorities) are not kept waiting. Returns how many items ran."""
    if not current_worker_id or not current_queues or not transport.enqueues_in_transaction():
        return 0
    kinds = [k for k, h in registry.handlers().items() if h.priority >= priority and h.queue in current_queues]
    deadline = time.monotonic() + DRAIN_SECONDS
    ran = 0
    while ran < DRAIN_ITEMS and time.monotonic() < deadline:
        due = list(
            OutboxItem.objects.filter(status=OutboxStatus.PENDING, next_attempt_at__lte=timezone.now(), kind__in=kinds)
            .exclude(task_id="")
            .order_by("next_attempt_at", "pk")
            .values_list("pk", "task_id")[:5]
        )
        if not due:
            break
        for pk, task_id in due:
            if run_item(pk, drop_task=task_id) != "not due":
                ran += 1
    return ran


def _send_chain(chain: _Chain | None, *, run: bool) -> None:
    """Run the follow-on items of a finished handler here, at once (no queue hop: the next step of
    a publication starts the moment the previous one committed), or give them tasks (the handler
    failed; or past ``MAX_CHAIN``). Committed items only: the handler's transaction is over."""
    if chain is None:
        return
    for n, pk in enumerate(chain.items):
        if run and n < MAX_CHAIN:
            run_item(pk)
        else:
            item = OutboxItem.objects.filter(pk=pk).values_list("queue", "kind").first()
            if item is not None:
                wake(pk, *item)


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, str | int | float | bool | list | dict):
        return value
    return str(value)


def _done(item: OutboxItem, result: Any) -> None:
    OutboxItem.objects.filter(pk=item.pk).update(
        status=OutboxStatus.DONE, done_at=timezone.now(), lease_until=None, last_error="", result=_jsonable(result)
    )


def _failed(item: OutboxItem, error: str, *, final: bool, delay: float = 0.0, attempts: int | None = None) -> None:
    OutboxItem.objects.filter(pk=item.pk).update(
        **({"attempts": attempts} if attempts is not None else {}),
        status=OutboxStatus.FAILED if final else OutboxStatus.PENDING,
        next_attempt_at=timezone.now() + dt.timedelta(seconds=delay),
        lease_until=None,
        last_error=error[:4000],
    )


def retry(*, item: OutboxItem) -> OutboxItem:
    """An administrator sends a failed (or pending) item again now, with a fresh attempt budget."""
    OutboxItem.objects.filter(pk=item.pk, status__in=[OutboxStatus.FAILED, OutboxStatus.PENDING]).update(
        status=OutboxStatus.PENDING, next_attempt_at=timezone.now(), attempts=0
    )
    item.refresh_from_db()
    transaction.on_commit(lambda: wake(item.pk, item.queue, item.kind))
    return item


def sweep(*, now: dt.datetime | None = None, limit: int = 500) -> dict[str, int]:
    """Hand on items whose worker died (lease expired or worker not seen), wake due items no task
    was enqueued for (a missed wake-up, a retry whose backoff has passed), and wake again items
    whose task is gone (a broker that lost its messages, a task that died with its worker):
    waiting items woken more than ``RECHECK`` ago have their task looked up in the backend."""
    now = now or timezone.now()
    live_ids = set(WorkerHeartbeat.objects.filter(seen_at__gte=now - WORKER_STALE).values_list("worker_id", flat=True))
    lost = OutboxItem.objects.filter(status=OutboxStatus.RUNNING).filter(
        Q(lease_until__lt=now) | (~Q(worker_id="") & ~Q(worker_id__in=live_ids))
    )
    recovered = lost.update(status=OutboxStatus.PENDING, next_attempt_at=now, lease_until=None, woken_at=None)
    waiting = OutboxItem.objects.filter(status=OutboxStatus.PENDING, next_attempt_at__lte=now)
    due = list(
        waiting.filter(Q(woken_at__isnull=True) | Q(woken_at__lt=F("next_attempt_at")))
        .order_by("next_attempt_at")
        .values_list("pk", "queue", "kind")[:limit]
    )
    for pk, queue, kind in due:
        wake(pk, queue, kind)
    lost_tasks = 0
    stale = waiting.filter(woken_at__lt=now - RECHECK, woken_at__gte=F("next_attempt_at")).order_by("woken_at")
    for pk, queue, kind, task_id in stale.values_list("pk", "queue", "kind", "task_id")[:limit]:
        if transport.task_alive(task_id, live_ids):
            OutboxItem.objects.filter(pk=pk, task_id=task_id).update(woken_at=now)  # look again later
        else:
            lost_tasks += 1
            wake(pk, queue, kind)
    return {"recovered": recovered, "woken": len(due), "lost_tasks": lost_tasks}


def drain(*, max_items: int = 10_000) -> int:
    """Run every due item here and now, in this process (tests, ``manage.py run_tasks --drain``)."""
    count = 0
    while count < max_items:
        ids = list(
            OutboxItem.objects.filter(status=OutboxStatus.PENDING, next_attempt_at__lte=timezone.now())
            .order_by("pk")
            .values_list("pk", flat=True)[:100]
        )
        if not ids:
            break
        for pk in ids:
            run_item(pk)
            count += 1
    return count
