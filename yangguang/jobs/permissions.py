"""Who may see and retry background work: the permission policy's ``jobs.view``/``jobs.retry``."""

from __future__ import annotations

from typing import Any

from yangguang.access import policy


def can_manage_jobs(user: Any, action: str = "jobs.view") -> bool:
    return bool(user.is_authenticated and policy.allows(user, action))
