"""Periodic jobs run once per period however many workers tick; a job still queued is not
enqueued again; tasks of a dead worker are reaped."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from yangguang.jobs import registry, scheduler
from yangguang.jobs.models import Schedule, WorkerHeartbeat
from yangguang.jobs.tasks import run_periodic

runs: list[str] = []


def _job() -> str:
    runs.append("ran")
    return "did one round"


@pytest.fixture(autouse=True)
def _only_test_job(monkeypatch: pytest.MonkeyPatch) -> None:
    runs.clear()
    monkeypatch.setattr(registry, "_periodic", {})
    monkeypatch.setattr(scheduler, "INLINE", {})
    registry.periodic("test.every_minute", every=60, func=_job, queue="maintenance")


@pytest.mark.django_db
def test_many_workers_ticking_enqueue_a_period_once() -> None:
    now = timezone.now()
    started = [scheduler.tick(now=now) for _ in range(5)]  # five workers, same moment
    assert started.count(["test.every_minute"]) == 1
    queued = DBTaskResult.objects.filter(task_path__endswith="run_periodic")
    assert queued.count() == 1 and queued.get().queue_name == "maintenance"
    # Next period, but the first run has not been taken yet: not enqueued twice.
    assert scheduler.tick(now=now + dt.timedelta(seconds=61)) == []
    queued.update(status=TaskResultStatus.SUCCESSFUL, finished_at=now)
    assert scheduler.tick(now=now + dt.timedelta(seconds=62)) == ["test.every_minute"]
    assert Schedule.objects.get(name="test.every_minute").next_run_at == now + dt.timedelta(seconds=122)


@pytest.mark.django_db
def test_the_task_runs_the_registered_function() -> None:
    assert run_periodic.call("test.every_minute") == "did one round"
    assert runs == ["ran"]


@pytest.mark.django_db
def test_a_task_claimed_by_a_dead_worker_is_reaped_and_the_job_runs_again() -> None:
    now = timezone.now()
    scheduler.tick(now=now)
    WorkerHeartbeat.objects.create(
        worker_id="w-live", hostname="h", pid=8, queues="*", seen_at=now + dt.timedelta(seconds=60)
    )
    WorkerHeartbeat.objects.create(
        worker_id="w-dead", hostname="h", pid=9, queues="*", seen_at=now - dt.timedelta(minutes=2)
    )
    # Running on a live worker: the next period waits for it.
    DBTaskResult.objects.update(status=TaskResultStatus.RUNNING, worker_ids=["w-live"], started_at=now)
    assert scheduler.tick(now=now + dt.timedelta(seconds=61)) == []
    # Running on a worker that stopped heartbeating: it holds nothing back, and the reaper marks it.
    DBTaskResult.objects.update(status=TaskResultStatus.RUNNING, worker_ids=["w-dead"], started_at=now)
    assert scheduler.tick(now=now + dt.timedelta(seconds=62)) == ["test.every_minute"]
    assert scheduler.reap(now=now + dt.timedelta(seconds=62))["lost"] == 1
    assert DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).count() == 1
