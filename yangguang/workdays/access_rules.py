"""The working-day calendar's part of the permission policy (``WorkdaysConfig.ready()``): every
signed-in user reads the calendar; the system administrator edits a year's schedule."""

from __future__ import annotations

from yangguang.access import policy
from yangguang.access.policy import SIGNED_IN, grant
from yangguang.access.roles import SYSTEM_ADMINS
from yangguang.core.params import row_by_id

from .models import CalendarYear


def register() -> None:
    policy.register(
        "workdays.view", label="查看工作日历", model=CalendarYear, owner="workdays", grants=[grant(SIGNED_IN)]
    )
    policy.register(
        "workdays.schedule.edit",
        label="修改节假日安排",
        owner="workdays",
        role_message="只有系统管理员可以修改节假日安排",
        grants=[grant(SYSTEM_ADMINS)],
    )
    policy.register_subject(
        "workdays.calendaryear",
        resolve=lambda pk: row_by_id(CalendarYear.objects, pk),
        action="workdays.view",
        audit=True,
    )
