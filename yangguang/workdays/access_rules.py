"""The working-day calendar's part of the permission policy (``WorkdaysConfig.ready()``): every
signed-in user reads the calendar; the system administrator edits a year's schedule; the due dates
moved by a new schedule are listed to the agency concerned, its supervisors and the system
administrator."""

from __future__ import annotations

from yangguang.access import policy
from yangguang.access.policy import SIGNED_IN, grant
from yangguang.access.roles import AGENCY_STAFF, SUPERVISOR, SYSTEM_ADMINS
from yangguang.core.params import row_by_id
from yangguang.roster.access_rules import in_supervised_region, same_agency

from .models import CalendarYear, DueDateChange


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
    policy.register(
        "workdays.due_changes.list",
        label="打开到期日变更清单",
        owner="workdays",
        role_message="到期日变更清单供执法机关、执法监督机构和系统管理员查看",
        grants=[grant(SYSTEM_ADMINS), grant(SUPERVISOR), grant(AGENCY_STAFF)],
    )
    policy.register(
        "workdays.due_changes.view",
        label="查看因节假日安排变更而改变的到期日",
        model=DueDateChange,
        owner="workdays",
        grants=[
            grant(SYSTEM_ADMINS),
            grant(SUPERVISOR, in_supervised_region()),
            grant(AGENCY_STAFF, same_agency(message="只能查看本机关的到期日变更")),
        ],
    )
    policy.register_subject(
        "workdays.calendaryear",
        resolve=lambda pk: row_by_id(CalendarYear.objects, pk),
        action="workdays.view",
        audit=True,
    )
