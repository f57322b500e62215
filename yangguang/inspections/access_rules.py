"""The random inspections' part of the permission policy (``InspectionsConfig.ready()``).

- A plan is seen by the staff of its lead and participating agencies and by the supervisor of
  the region; it is made, published and drawn by the lead agency's unit or agency head, approved
  by its agency head.
- The seed is entered only by the person the commitment named (``Draw.revealer``).
- A task is worked by its active inspectors (持证, judged on the inspection date), reviewed by the
  lead agency's unit or agency head; a manual replacement is made by a unit or agency head of the
  inspector's agency.
- Recusal conflicts are declared by the officer himself or his unit/agency head.
- Published plans, draws, results and the entity's page are public (``inspection.public.view``).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from yangguang.access import policy
from yangguang.access.policy import ANYONE, NONE, Condition, Ctx, grant
from yangguang.access.roles import AGENCY_HEAD, AGENCY_STAFF, OFFICER, SUPERVISOR, UNIT_HEAD
from yangguang.core.params import row_by_id
from yangguang.roster.access_rules import certified, in_supervised_region, same_agency
from yangguang.roster.models import Agency, Officer

from .models import Assignment, Conflict, Draw, InspectionPlan, InspectionTask

HEADS = frozenset({UNIT_HEAD, AGENCY_HEAD})


def _plan(obj: Any, path: str) -> Any:
    return getattr(obj, path.rstrip("_"), None) if path else obj


def plan_member(path: str = "", message: str = "只能查看本部门牵头或参与的抽查计划") -> Condition:
    """The user's agency leads or takes part in the plan (``path``: "plan__" from a task)."""

    def test(c: Ctx) -> bool:
        plan = _plan(c.obj, path)
        aid = c.user.agency_id
        if plan is None or aid is None:
            return False
        return bool(plan.agency_id == aid or plan.participants.filter(pk=aid).exists())

    def q(c: Ctx) -> Q:
        aid = c.user.agency_id
        if aid is None:
            return NONE
        return Q(**{f"{path}agency_id": aid}) | Q(**{f"{path}participants": aid})

    return Condition("plan_member", "牵头或参与部门", test, message, q)


def _assigned_test(c: Ctx) -> bool:
    officer_id = getattr(c.user, "officer_id", None)
    return bool(
        officer_id is not None
        and c.obj is not None
        and Assignment.objects.filter(task_id=c.obj.pk, officer_id=officer_id, active=True).exists()
    )


def _assigned_q(c: Ctx) -> Q:
    officer_id = getattr(c.user, "officer_id", None)
    if officer_id is None:
        return NONE
    return Q(pk__in=Assignment.objects.filter(officer_id=officer_id, active=True).values("task_id"))


assigned = Condition(
    "assigned", "本任务检查人员", _assigned_test, "只有本任务抽中的检查人员可以录入检查结果", _assigned_q
)

revealer = Condition(
    "revealer",
    "指定的种子录入人",
    lambda c: c.obj is not None and c.obj.revealer_id == c.user.pk,
    "只有承诺时指定的人员可以录入随机种子",
    lambda c: Q(revealer_id=c.user.pk),
)

own_officer = Condition(
    "own_officer",
    "本人",
    lambda c: c.obj is not None and c.obj.pk == getattr(c.user, "officer_id", None),
    "执法人员只能登记本人的回避情形",
    lambda c: Q(pk=getattr(c.user, "officer_id", None)) if getattr(c.user, "officer_id", None) else NONE,
)


def _task(pk: str) -> Any:
    return row_by_id(InspectionTask.objects.select_related("plan", "plan__agency"), pk)


def _draw_plan(pk: str) -> Any:
    draw = row_by_id(Draw.objects.select_related("plan"), pk)
    return draw.plan if draw is not None else None


def _conflict_officer(pk: str) -> Any:
    conflict = row_by_id(Conflict.objects.select_related("officer"), pk)
    return conflict.officer if conflict is not None else None


def register() -> None:
    policy.register(
        "inspection.plan.view",
        label="查看抽查计划",
        model=InspectionPlan,
        owner="inspections",
        grants=[
            grant(SUPERVISOR, in_supervised_region("agency", "只能监督本区划及下级区划的抽查计划")),
            grant(AGENCY_STAFF, plan_member()),
        ],
    )
    policy.register(
        "inspection.plan.manage",
        label="制定、公开抽查计划并承诺抽取",
        model=Agency,
        owner="inspections",
        role_message="只有承办机构负责人或行政机关负责人可以制定抽查计划",
        grants=[grant(HEADS, same_agency("", "只能制定本机关牵头的抽查计划"))],
    )
    policy.register(
        "inspection.plan.approve",
        label="批准抽查计划",
        model=InspectionPlan,
        owner="inspections",
        role_message="只有行政机关负责人可以批准抽查计划",
        grants=[grant(AGENCY_HEAD, same_agency("agency", "只能批准本机关牵头的抽查计划"))],
    )
    policy.register(
        "inspection.draw.reveal",
        label="录入随机种子",
        model=Draw,
        owner="inspections",
        grants=[grant(AGENCY_STAFF, revealer)],
    )
    policy.register(
        "inspection.task.view",
        label="查看抽查任务",
        model=InspectionTask,
        owner="inspections",
        grants=[
            grant(SUPERVISOR, in_supervised_region("plan__agency", "只能监督本区划及下级区划的抽查任务")),
            grant(AGENCY_STAFF, plan_member("plan__", "只能查看本部门牵头或参与的抽查任务")),
        ],
    )
    policy.register(
        "inspection.task.record",
        label="录入检查结果",
        model=InspectionTask,
        owner="inspections",
        grants=[grant(AGENCY_STAFF, assigned, certified)],
    )
    policy.register(
        "inspection.task.review",
        label="审核检查结果",
        model=InspectionTask,
        owner="inspections",
        role_message="只有承办机构负责人或行政机关负责人可以审核检查结果",
        grants=[grant(HEADS, same_agency("plan__agency", "只能审核本机关牵头的抽查任务"))],
    )
    policy.register(
        "inspection.task.case",
        label="检查发现问题转立案",
        model=InspectionTask,
        owner="inspections",
        grants=[grant({OFFICER, UNIT_HEAD, AGENCY_HEAD}, assigned, certified)],
    )
    policy.register(
        "inspection.assignment.replace",
        label="人工调整检查人员（须写明理由）",
        model=Assignment,
        owner="inspections",
        role_message="只有承办机构负责人或行政机关负责人可以调整检查人员",
        grants=[grant(HEADS, same_agency("agency", "只能调整本机关的检查人员"))],
    )
    policy.register(
        "inspection.conflict.manage",
        label="登记回避情形",
        model=Officer,
        owner="inspections",
        grants=[
            grant(HEADS, same_agency("agency", "只能登记本机关执法人员的回避情形")),
            grant(OFFICER, own_officer),
        ],
    )
    policy.register(
        "inspection.conflict.view",
        label="查看回避情形",
        model=Conflict,
        owner="inspections",
        grants=[
            grant(SUPERVISOR, in_supervised_region("officer__agency", "只能监督本区划及下级区划的回避情形")),
            grant(HEADS, same_agency("officer__agency", "只能查看本机关的回避情形")),
        ],
    )
    policy.register(
        "inspection.public.view",
        label="查看公开的抽查计划、抽取证明与结果",
        owner="inspections",
        grants=[grant(ANYONE)],
    )
    policy.register_subject(
        "inspections.plan",
        resolve=lambda pk: row_by_id(InspectionPlan.objects.select_related("agency"), pk),
        action="inspection.plan.view",
    )
    policy.register_subject("inspections.draw", resolve=_draw_plan, action="inspection.plan.view")
    policy.register_subject("inspections.task", resolve=_task, action="inspection.task.view")
    policy.register_subject("inspections.conflict", resolve=_conflict_officer, action="inspection.conflict.manage")
