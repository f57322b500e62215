"""Home panels: an inspector's open tasks; for unit and agency heads, results awaiting review and
the due-date board of result publication (overdue first, flagged)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from . import selectors
from .models import TaskStatus


def home_panels(user: Any, role: str) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    if role in ("officer", "unit_head"):
        open_tasks = [t for t in selectors.my_tasks(user)[:50] if t.status in (TaskStatus.PENDING, TaskStatus.RETURNED)]
        if open_tasks:
            out.append(
                {"title": "双随机抽查任务", "template": "inspections/_panel_tasks.html", "rows": open_tasks[:10]}
            )
    if role in ("unit_head", "agency_head"):
        queue = list(selectors.review_queue(user)[:10])
        board = selectors.due_board(user, timezone.localdate())
        if queue or board:
            out.append(
                {
                    "title": "抽查结果审核与公示期限",
                    "template": "inspections/_panel_board.html",
                    "rows": queue,
                    "board": board[:10],
                    "overdue": sum(1 for b in board if b["overdue"]),
                }
            )
    return out
