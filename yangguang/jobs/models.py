"""Background work that must not be lost (后台任务).

``OutboxItem`` is the durable record of work that follows a committed fact (render and store a
document, publish and index a decision, push it): written in the same transaction as the fact, so
it exists if and only if the fact committed, and drained after commit by the task workers, each
item idempotent (its ``key`` is unique) and retried with exponential backoff until done or, after
``max_attempts``, marked failed for an administrator to see and retry.

``Schedule`` holds one row per periodic job; whichever worker moves ``next_run_at`` forward first
(a compare-and-set UPDATE) enqueues the run, so a job runs once per period however many workers
there are. ``WorkerHeartbeat`` tells live workers from dead ones, so the tasks a killed worker had
claimed are handed to another.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class OutboxStatus(models.TextChoices):
    PENDING = "pending", _("待执行")
    RUNNING = "running", _("执行中")
    DONE = "done", _("已完成")
    FAILED = "failed", _("失败")


class OutboxItem(models.Model):
    """One piece of after-commit work (``kind`` names its handler, ``payload`` its arguments)."""

    key = models.CharField(_("幂等键"), max_length=200, unique=True)
    kind = models.CharField(_("类型"), max_length=80)
    queue = models.CharField(_("队列"), max_length=32, default="default")
    payload = models.JSONField(_("参数"), default=dict)
    status = models.CharField(_("状态"), max_length=10, choices=OutboxStatus.choices, default=OutboxStatus.PENDING)
    attempts = models.PositiveIntegerField(_("尝试次数"), default=0)
    max_attempts = models.PositiveIntegerField(_("最多尝试"), default=12)
    next_attempt_at = models.DateTimeField(_("下次执行"))
    lease_until = models.DateTimeField(_("租约到期"), null=True, blank=True)
    worker_id = models.CharField(_("任务进程"), max_length=64, blank=True)
    woken_at = models.DateTimeField(null=True, blank=True)
    # The task last enqueued for this item (the sweep asks the task backend whether it still lives).
    task_id = models.CharField(max_length=64, blank=True)
    last_error = models.TextField(_("最近错误"), blank=True)
    result = models.JSONField(_("结果"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    done_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("后台任务")
        verbose_name_plural = _("后台任务")
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="jobs_outbox_due")]

    def __str__(self) -> str:
        return f"{self.kind} {self.key} ({self.status})"


class Schedule(models.Model):
    """A periodic job: when it runs next, and the task of its last run (not enqueued twice)."""

    name = models.CharField(max_length=80, unique=True)
    every_seconds = models.FloatField()
    next_run_at = models.DateTimeField()
    last_run_at = models.DateTimeField(null=True, blank=True)
    last_task_id = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("定时任务")
        verbose_name_plural = _("定时任务")

    def __str__(self) -> str:
        return self.name


class WorkerHeartbeat(models.Model):
    """A running task worker; ``seen_at`` is refreshed every few seconds while it lives."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    hostname = models.CharField(max_length=200)
    pid = models.IntegerField()
    queues = models.CharField(max_length=200)
    started_at = models.DateTimeField(auto_now_add=True)
    seen_at = models.DateTimeField()

    class Meta:
        verbose_name = _("任务进程")
        verbose_name_plural = _("任务进程")

    def __str__(self) -> str:
        return f"{self.worker_id} {self.hostname}:{self.pid}"
