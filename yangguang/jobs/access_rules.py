"""The jobs app's part of the permission policy: the system administrator (系统管理员) runs the
platform and sees its background work (no case data is shown there) and may send failed work
again. Registered once by ``JobsConfig.ready()``."""

from __future__ import annotations

from yangguang.access import policy
from yangguang.access.policy import grant

SYSTEM_ADMIN = "system_admin"  # roster.Role.SYSTEM_ADMIN (jobs sits below roster's models)


def register() -> None:
    policy.register(
        "jobs.view",
        label="查看后台任务",
        grants=[grant(SYSTEM_ADMIN)],
        role_message="后台任务仅系统管理员可以查看",
        owner="jobs",
    )
    policy.register(
        "jobs.retry",
        label="重新提交后台任务",
        grants=[grant(SYSTEM_ADMIN)],
        role_message="仅系统管理员可以重新提交后台任务",
        owner="jobs",
    )
