"""``python manage.py run_tasks``: a task worker (run several, on one host or many).

It runs the tasks queued in the database (django-tasks' database backend: ``SELECT … FOR UPDATE
SKIP LOCKED`` on PostgreSQL, an exclusive transaction on SQLite) or, with ``YG_TASKS_BACKEND=rq``,
the tasks in Redis (an RQ worker named after this worker's heartbeat), and beside them the beat
(``jobs.scheduler``): its heartbeat, the periodic jobs (each enqueued once per period whatever the
number of workers) and the outbox sweep. ``--drain`` runs every due outbox item in this process
and exits (maintenance, tests).
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections
from django.db.utils import OperationalError

from yangguang.jobs import outbox, registry, scheduler, transport
from yangguang.jobs.models import WorkerHeartbeat

logger = logging.getLogger("yangguang.jobs")


def beat(worker_id: str, host: str, pid: int, queues: str, stop: threading.Event, every: float = 1.0) -> None:
    last_heartbeat = 0.0
    while not stop.is_set():
        try:
            close_old_connections()
            if time.monotonic() - last_heartbeat >= scheduler.HEARTBEAT_EVERY:
                scheduler.heartbeat(worker_id, host=host, pid=pid, queues=queues)
                last_heartbeat = time.monotonic()
            scheduler.tick()
        except OperationalError as exc:  # SQLite busy under load: try again next beat
            logger.debug("beat skipped: %s", exc)
        except Exception:
            logger.exception("beat failed")
        stop.wait(every)


class Command(BaseCommand):
    help = "任务进程：执行后台任务队列与定时任务"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--queues", default="*", help="queues to run, comma-separated, or * (default)")
        parser.add_argument("--exclude-queues", default="", help="with --queues=*: queues not to run")
        parser.add_argument("--interval", type=float, default=0.5, help="seconds between polls when idle")
        parser.add_argument("--no-beat", action="store_true", help="do not schedule periodic jobs here")
        parser.add_argument("--max-tasks", type=int, default=None, help="exit after this many tasks")
        parser.add_argument("--drain", action="store_true", help="run every due outbox item here and exit")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["drain"]:
            self.stdout.write(f"drained {outbox.drain()} outbox item(s)")
            return
        worker_id, host, pid = scheduler.worker_identity()
        outbox.current_worker_id = worker_id
        queues = options["queues"]
        excluded = [q for q in options["exclude_queues"].split(",") if q]
        names = sorted(registry.QUEUES) if queues == "*" else queues.split(",")
        label = ",".join(q for q in names if q not in excluded)
        outbox.current_queues = frozenset(q for q in names if q not in excluded)
        scheduler.heartbeat(worker_id, host=host, pid=pid, queues=label)
        stop = threading.Event()
        if not options["no_beat"]:
            threading.Thread(target=beat, args=(worker_id, host, pid, label, stop), daemon=True, name="beat").start()
        logger.info("task worker started", extra={"worker_id": worker_id, "queues": label})
        if transport.is_broker():
            try:
                transport.run_rq_worker(
                    worker_id=worker_id,
                    queue_names=[q for q in names if q not in excluded],
                    max_tasks=options["max_tasks"],
                )
            finally:
                stop.set()
                WorkerHeartbeat.objects.filter(pk=worker_id).delete()
            return
        worker = transport.DatabaseWorker(
            queue_names=queues.split(","),
            interval=options["interval"],
            batch=False,
            backend_name="default",
            startup_delay=True,
            max_tasks=options["max_tasks"],
            worker_id=worker_id,
            excluded_queue_names=excluded,
        )
        worker.configure_signals()
        try:
            worker.run()
        finally:
            stop.set()
            WorkerHeartbeat.objects.filter(pk=worker_id).delete()
