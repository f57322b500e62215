"""The transport of the queue: the task backend that carries "run outbox item 17" to a worker.

``YG_TASKS_BACKEND=database`` (default): django-tasks' database backend, tasks are rows of the
same database. ``rq``: django-tasks-rq, tasks go through Redis (``YG_REDIS_URL``) and RQ workers
block on it, so an idle worker costs the database nothing and a task starts as soon as it is
enqueued. The outbox never moves: its rows, in the database, are the record of what must follow
(the broker only carries wake-ups), so a task the broker lost is sent again by the sweep
(``outbox.sweep`` asks ``task_alive``) and each item runs once by its key.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Iterable
from typing import Any, ParamSpec, TypeVar

from django.conf import settings
from django.db import OperationalError, close_old_connections, connections
from django.db.models import Count
from django_tasks import TaskResultStatus, default_task_backend
from django_tasks.base import Task
from django_tasks.exceptions import TaskResultDoesNotExist
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception
from redis.exceptions import RedisError

logger = logging.getLogger("yangguang.jobs")

P = ParamSpec("P")
T = TypeVar("T")


def is_broker() -> bool:
    return getattr(settings, "TASKS_BACKEND", "database") == "rq"


def enqueues_in_transaction() -> bool:
    """The database transport writes a task in the transaction of its outbox item (a worker cannot
    see it before the commit); a broker would hand it to a worker at once, so it is sent on commit."""
    return not is_broker()


def routed(task: Task[P, T], *, queue: str, priority: int) -> Task[P, T]:
    """``task`` on ``queue`` at ``priority``: the database backend orders a queue by priority;
    RQ has none, so a negative priority goes to the queue's "-later" twin (taken last)."""
    if is_broker():
        return task.using(queue_name=f"{queue}-later" if priority < 0 else queue)
    return task.using(queue_name=queue, priority=priority)


def task_alive(task_id: str, live_workers: Iterable[str]) -> bool:
    """Is the task ``task_id`` still going to run, or running on a live worker? False when the
    backend lost it (a broker restarted without its data, an expired key), when it finished or
    failed, or when the worker running it stopped heartbeating."""
    if not task_id:
        return False
    try:
        result = default_task_backend.get_result(task_id)
    except TaskResultDoesNotExist:
        return False
    if result.status == TaskResultStatus.READY:
        return True
    if result.status == TaskResultStatus.RUNNING:
        return bool(result.worker_ids) and result.worker_ids[-1] in set(live_workers)
    return False


def queue_depths() -> list[dict[str, Any]]:
    """Per queue: tasks waiting and running (the /jobs/ page)."""
    if is_broker():
        import django_rq  # only installed with the rq backend

        out = []
        for name in settings.TASK_QUEUES:
            queue = django_rq.get_queue(name)
            out.append(
                {
                    "queue": name,
                    "waiting": queue.count,
                    "running": queue.started_job_registry.count,
                    "failed": queue.failed_job_registry.count,
                }
            )
        return out
    counts = {
        (row["queue_name"], row["status"]): row["n"]
        for row in DBTaskResult.objects.filter(status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING])
        .values("queue_name", "status")
        .annotate(n=Count("id"))
    }
    return [
        {
            "queue": name,
            "waiting": counts.get((name, TaskResultStatus.READY), 0),
            "running": counts.get((name, TaskResultStatus.RUNNING), 0),
            "failed": None,
        }
        for name in settings.TASK_QUEUES
    ]


def run_rq_worker(*, worker_id: str, queue_names: list[str], max_tasks: int | None) -> None:
    """An RQ worker in this process (``SimpleWorker``: no fork per job, so the process keeps its
    database connections and a ``kill -9`` takes the running job with it, as with the database
    backend). It is named ``worker_id``, the name of this worker's heartbeat, so a task running
    on a dead worker is recognised (``task_alive``). Queues are taken in ``queue_names`` order,
    then their "-later" twins."""
    import django_rq.queues
    from django_tasks_rq import Job as TaskJob
    from rq import SimpleWorker
    from rq.job import Job

    class Worker(SimpleWorker):
        def execute_job(self, job: Job, queue: Any) -> None:
            close_old_connections()
            try:
                super().execute_job(job, queue)
            finally:
                close_old_connections()

    names = [*queue_names, *(f"{q}-later" for q in queue_names)]
    queues = django_rq.queues.get_queues(*names, job_class=TaskJob)
    try:
        queues[0].connection.ping()
    except RedisError as exc:
        # Say so plainly, and do not let serve/systemd restart the worker in a tight loop.
        logger.error("task worker cannot reach the broker (YG_REDIS_URL): %s", exc)
        time.sleep(BROKER_RETRY_SECONDS)
        raise SystemExit(1) from exc
    worker = Worker(queues, name=worker_id, connection=queues[0].connection, job_class=TaskJob)
    worker.work(burst=False, logging_level="WARNING", max_jobs=max_tasks, with_scheduler=False)


BROKER_RETRY_SECONDS = 5.0


class DatabaseWorker(Worker):
    """django-tasks-db's worker, polling politely on SQLite: it looks for a ready task with a plain
    read (WAL: no lock) and takes the write lock to claim one only when there is one, instead of
    opening an exclusive transaction every ``interval`` whether or not there is work. Idle workers
    then cost the writers (web requests recording decisions) nothing."""

    def run(self) -> None:
        if self.startup_delay and self.interval:
            time.sleep(random.random())
        while self.running:
            close_old_connections()
            tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
            if not self.process_all_queues:
                tasks = tasks.filter(queue_name__in=self.queue_names)
            if self.excluded_queue_names:
                tasks = tasks.exclude(queue_name__in=self.excluded_queue_names)
            task_result = None
            if connections[tasks.db].vendor != "sqlite" or tasks.exists():
                with exclusive_transaction(tasks.db):
                    try:
                        task_result = tasks.get_locked()
                        if task_result is not None:
                            task_result.claim(self.worker_id)
                    except OperationalError as exc:
                        if not is_locked_database_exception(exc):
                            raise
                        task_result = None
            if task_result is not None:
                self.run_task(task_result)
            if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
                return
            close_old_connections()
            if self.running and task_result is None:
                time.sleep(self.interval)
