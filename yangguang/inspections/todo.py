"""Inspections' items of the to-do centre (``core.extensions.TODO_SOURCES``): an inspector's open
tasks (to inspect and record the result by the plan's period end; soon/overdue as well), and the
results waiting for the user's review. Bounded queries (the same as the home panels)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse

from yangguang.workdays.selectors import add_working_days

from . import selectors
from .models import TaskStatus

LIMIT = 50


def todo_items(user: Any, today: dt.date) -> list[dict[str, Any]]:
    role = getattr(user, "role", "")
    items: list[dict[str, Any]] = []
    if role in ("officer", "unit_head"):
        soon = add_working_days(today, 3).due
        tasks = selectors.my_tasks(user).filter(status__in=(TaskStatus.PENDING, TaskStatus.RETURNED))[:LIMIT]
        for t in tasks:
            url = reverse("inspections:task", args=[t.pk])
            due = t.plan.period_end
            title = f"{t.plan.title}：{t.entity.name}"
            returned = "（已退回）" if t.status == TaskStatus.RETURNED else ""
            items.append(
                {
                    "bucket": "mine",
                    "kind": "抽查任务",
                    "title": title,
                    "note": f"检查期限 {due.isoformat()}{returned}",
                    "url": url,
                    "due": due,
                    "since": t.plan.period_start,
                }
            )
            if due <= soon:
                items.append(
                    {
                        "bucket": "overdue" if due < today else "soon",
                        "kind": "抽查期限",
                        "title": title,
                        "note": f"检查期限 {due.isoformat()}",
                        "url": url,
                        "due": due,
                        "since": None,
                    }
                )
    if role in ("unit_head", "agency_head"):
        for t in selectors.review_queue(user).order_by("inspected_on", "pk")[:LIMIT]:
            items.append(
                {
                    "bucket": "mine",
                    "kind": "待审核抽查结果",
                    "title": f"{t.plan.title}：{t.entity.name}",
                    "note": f"检查日期 {t.inspected_on.isoformat() if t.inspected_on else '—'}",
                    "url": reverse("inspections:task", args=[t.pk]),
                    "due": t.publish_due,
                    "since": t.inspected_on,
                }
            )
    return items
