"""The administrators' page of background work: failed and waiting outbox items, live workers,
periodic jobs; a failed item can be sent again."""

from __future__ import annotations

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from . import outbox, scheduler, transport
from .models import OutboxItem, OutboxStatus, Schedule
from .permissions import can_manage_jobs

logger = logging.getLogger("yangguang.jobs")


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    if not can_manage_jobs(request.user):
        raise PermissionDenied
    counts = {s: OutboxItem.objects.filter(status=s).count() for s in OutboxStatus.values}
    try:
        depths = transport.queue_depths()
    except Exception:  # a broker that is down must not take the page down with it
        logger.exception("could not read the task queues")
        depths = []
    problems = OutboxItem.objects.filter(status__in=[OutboxStatus.FAILED, OutboxStatus.PENDING]).exclude(last_error="")
    return render(
        request,
        "jobs/overview.html",
        {
            "counts": [(OutboxStatus(s).label, n) for s, n in counts.items()],
            "problems": problems.order_by("-status", "next_attempt_at")[:200],
            "workers": scheduler.live_workers(),
            "schedules": Schedule.objects.order_by("name"),
            "broker": transport.is_broker(),
            "depths": depths,
        },
    )


@login_required
def retry(request: HttpRequest, pk: int) -> HttpResponse:
    if request.method != "POST" or not can_manage_jobs(request.user, "jobs.retry"):
        raise PermissionDenied
    item = get_object_or_404(OutboxItem, pk=pk)
    with transaction.atomic():
        outbox.retry(item=item)
    messages.success(request, _("已重新提交该后台任务"))
    return redirect("jobs:overview")
