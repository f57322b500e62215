"""Who may see and retry background work (moves into ``yangguang.access.policy`` as
``jobs.view`` / ``jobs.retry`` once the policy lands)."""

from __future__ import annotations

from typing import Any


def can_manage_jobs(user: Any) -> bool:
    """The system administrator (系统管理员) runs the platform; no case data is shown here."""
    return bool(user.is_authenticated and (user.is_superuser or getattr(user, "role", "") == "admin"))
