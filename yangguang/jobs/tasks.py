"""The tasks the workers run (Django's task API, ``django_tasks`` backport; database backend)."""

from __future__ import annotations

import logging

from django_tasks import task

from . import outbox, registry

logger = logging.getLogger("yangguang.jobs")


@task()
def run_outbox_item(item_id: int) -> str:
    outcome = outbox.run_item(item_id)
    # Database transport: go on with the publication pipeline's items waiting behind this one
    # without a task claim each (a worker that took this task had nothing of higher priority).
    outbox.drain_following(priority=0)
    return outcome


@task()
def run_periodic(name: str) -> str:
    job = registry.get_periodic(name)
    if job is None:
        return f"unknown periodic job {name}"
    summary = job.func() or ""
    if summary:
        logger.info("%s: %s", name, summary, extra={"job": name})
    return summary
