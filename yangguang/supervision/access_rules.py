"""The supervision app's part of the permission policy. Registered once by ``SupervisionConfig.ready()``.

Supervisors (the justice bureau, 司法行政部门, the government's supervision organ by Art. 6 of the
《行政执法监督条例》) work on the agencies of their region and below; agencies never see the
models or the verdicts.
"""

from __future__ import annotations

from typing import Any

from yangguang.access import policy
from yangguang.access.policy import grant
from yangguang.access.roles import SUPERVISOR
from yangguang.core.params import row_by_id
from yangguang.roster.access_rules import in_supervised_region
from yangguang.roster.models import Agency

from .models import HitMark

MSG_SUPERVISOR = "只有执法监督机构的人员可以使用监督预警模型"


def _hitmark(pk: str) -> Any:
    return row_by_id(HitMark.objects, pk)


def register() -> None:
    policy.register(
        "supervision.view",
        label="查看监督预警模型及命中情况",
        owner="supervision",
        role_message=MSG_SUPERVISOR,
        grants=[grant(SUPERVISOR)],
    )
    policy.register(
        "supervision.mark",
        label="判定预警命中（属实、误报）",
        model=Agency,
        owner="supervision",
        role_message=MSG_SUPERVISOR,
        grants=[grant(SUPERVISOR, in_supervised_region(""))],
    )
    policy.register(
        "supervision.hitmark.view",
        label="查看预警判定记录",
        model=HitMark,
        owner="supervision",
        role_message=MSG_SUPERVISOR,
        grants=[grant(SUPERVISOR, in_supervised_region("agency"))],
    )
    policy.register_subject("supervision.hitmark", resolve=_hitmark, action="supervision.hitmark.view")
