"""The tasks the workers run (Django's task API, ``django_tasks`` backport; database backend)."""

from __future__ import annotations

import logging

from django_tasks import task

from . import outbox, registry

logger = logging.getLogger("yangguang.jobs")


@task()
def run_outbox_item(item_id: int) -> str:
    return outbox.run_item(item_id)


@task()
def run_periodic(name: str) -> str:
    job = registry.get_periodic(name)
    if job is None:
        return f"unknown periodic job {name}"
    summary = job.func() or ""
    if summary:
        logger.info("%s: %s", name, summary, extra={"job": name})
    return summary
