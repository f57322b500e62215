"""Random inspections API (/api/inspections/): plans, the draw (commit, reveal), tasks (result,
review, case), manual replacement, recusal conflicts, figures, XLSX import; the public part
(published plans, the draw's proof, an entity's record) without login. Session authentication."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import File, Router, Schema
from ninja.files import UploadedFile
from ninja.security import django_auth
from pydantic import Field

from yangguang.access import policy
from yangguang.core.errors import DomainError, NotFoundError
from yangguang.core.params import Id
from yangguang.roster.models import Agency, EnforcementItem, Entity, InspectionItem, Officer, Region, User

from . import importer, selectors, services
from .models import Assignment, Conflict, Draw, DrawStatus, InspectionPlan, InspectionTask, PlanKind

router = Router(tags=["inspections"], auth=django_auth)

MSG_PLAN = "抽查计划不存在或无权查看"
MSG_TASK = "抽查任务不存在或无权查看"
MSG_DRAW = "随机抽取不存在或无权查看"

Year = Annotated[int, Field(ge=2000, le=2199)]
Count = Annotated[int, Field(ge=0, le=2**31 - 1)]
Day = Annotated[dt.date, Field(ge=dt.date(1900, 1, 1), le=dt.date(2199, 12, 31))]


class QuotaIn(Schema):
    ratio: str | None = Field(None, max_length=20, description="0–1 的小数，如 0.02")
    count: Count | None = None
    floor: Count = 0
    cap: Count | None = None


class PlanIn(Schema):
    title: str = Field(max_length=200)
    kind: str = PlanKind.ANNUAL
    year: Year
    item_ids: list[Id]
    participant_ids: list[Id] = []
    region_ids: list[Id] = []
    industries: list[str] = []
    entity_types: list[str] = []
    period_start: Day
    period_end: Day
    quotas: dict[str, QuotaIn]
    per_agency: Annotated[int, Field(ge=1, le=20)] = 2
    key_items: bool = False
    allow_repeat: bool = False
    recent_days: Annotated[int, Field(ge=0, le=3660)] = 180


class CommitIn(Schema):
    seed_source: str = Field(max_length=300)
    revealer_id: Id
    inspection_date: Day
    reason: str = Field("", max_length=300)


class RevealIn(Schema):
    seed: str = Field(max_length=300)


class ResultIn(Schema):
    result_code: str
    record: str = Field(max_length=20000)
    inspected_on: Day


class ReviewIn(Schema):
    approve: bool
    note: str = Field("", max_length=300)


class CaseIn(Schema):
    item_id: Id
    facts: str = Field("", max_length=20000)


class ReplaceIn(Schema):
    officer_id: Id
    reason: str = Field(max_length=300)


class ConflictIn(Schema):
    officer_id: Id
    uscc: str = Field(max_length=18)
    kind: str
    note: str = Field("", max_length=300)


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _plan(p: InspectionPlan, *, full: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": p.pk,
        "code": p.code,
        "title": p.title,
        "kind": p.kind,
        "year": p.year,
        "agency_id": p.agency_id,
        "agency_name": p.agency.name,
        "status": p.status,
        "status_label": p.get_status_display(),
        "period_start": p.period_start.isoformat(),
        "period_end": p.period_end.isoformat(),
    }
    if full:
        out |= {
            "agencies": [{"id": a.pk, "name": a.name, "uscc": a.uscc} for a in selectors.plan_agencies(p)],
            "items": [{"id": i.pk, "code": i.code, "name": i.name} for i in p.items.all()],
            "regions": [r.code for r in p.regions.all()],
            "industries": p.industries,
            "entity_types": p.entity_types,
            "quotas": p.quotas,
            "per_agency": p.per_agency,
            "key_items": p.key_items,
            "allow_repeat": p.allow_repeat,
            "recent_days": p.recent_days,
            "draws": [_draw(d) for d in p.draws.order_by("attempt")],
        }
    return out


def _draw(d: Draw) -> dict[str, Any]:
    return {
        "id": d.pk,
        "attempt": d.attempt,
        "status": d.status,
        "status_label": d.get_status_display(),
        "seed_source": d.seed_source,
        "reason": d.reason,
        "commitment_sha256": d.commitment_sha256,
        "seed": d.seed,
        "result_sha256": d.result_sha256,
        "failure": d.failure,
        "committed_at": d.committed_at.isoformat(),
        "revealed_at": d.revealed_at.isoformat() if d.revealed_at else None,
        "population": d.population,
        "sizes": d.sizes,
        "files": {f.name: f.sha256 for f in d.files.all()} if d.status == DrawStatus.DRAWN else {},
    }


def _task(t: InspectionTask, *, full: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": t.pk,
        "plan_id": t.plan_id,
        "entity_name": t.entity.name,
        "entity_uscc": t.entity.uscc,
        "stratum": t.stratum,
        "rank": t.rank,
        "ticket": t.ticket,
        "status": t.status,
        "status_label": t.get_status_display(),
        "result_code": t.result_code,
        "inspected_on": t.inspected_on.isoformat() if t.inspected_on else None,
        "publish_due": t.publish_due.isoformat() if t.publish_due else None,
        "case_id": t.case_id,
    }
    if full:
        out |= {
            "record": t.record,
            "review_note": t.review_note,
            "assignments": [
                {
                    "id": a.pk,
                    "officer_id": a.officer_id,
                    "officer_name": a.officer.name,
                    "certificate_no": a.officer.certificate_no,
                    "agency_id": a.agency_id,
                    "drawn": a.drawn,
                    "active": a.active,
                    "reason": a.reason,
                }
                for a in t.assignments.select_related("officer").order_by("pk")
            ],
        }
    return out


def _visible_plan(request: HttpRequest, plan_id: int) -> InspectionPlan:
    plan = selectors.visible_plans(_user(request)).filter(pk=plan_id).first()
    if plan is None:
        raise NotFoundError(MSG_PLAN)
    return plan


def _visible_task(request: HttpRequest, task_id: int) -> InspectionTask:
    qs = policy.scope(_user(request), "inspection.task.view", InspectionTask.objects.all())
    task = qs.select_related("plan", "plan__agency", "entity", "draw").filter(pk=task_id).first()
    if task is None:
        raise NotFoundError(MSG_TASK)
    return task


@router.get("/plans", summary="抽查计划列表（本部门牵头或参与的；监督机构为本区划的）")
def list_plans(request: HttpRequest) -> dict[str, Any]:
    rows = list(selectors.visible_plans(_user(request))[:500])
    return {"count": len(rows), "items": [_plan(p) for p in rows]}


@router.post("/plans", summary="制定抽查计划（草拟）")
def create_plan(request: HttpRequest, data: PlanIn) -> dict[str, Any]:
    user = _user(request)
    plan = services.create_plan(
        actor=user,
        title=data.title,
        kind=data.kind,
        year=data.year,
        items=InspectionItem.objects.filter(pk__in=data.item_ids),
        participants=Agency.objects.filter(pk__in=data.participant_ids, is_supervisor=False),
        regions=Region.objects.filter(pk__in=data.region_ids),
        industries=data.industries,
        entity_types=data.entity_types,
        period_start=data.period_start,
        period_end=data.period_end,
        quotas={k: q.dict() for k, q in data.quotas.items()},
        per_agency=data.per_agency,
        key_items=data.key_items,
        allow_repeat=data.allow_repeat,
        recent_days=data.recent_days,
    )
    return _plan(plan, full=True)


@router.get("/plans/{plan_id}", summary="抽查计划详情（含各次抽取）")
def plan_detail(request: HttpRequest, plan_id: Id) -> dict[str, Any]:
    return _plan(_visible_plan(request, plan_id), full=True)


@router.post("/plans/{plan_id}/approve", summary="批准抽查计划")
def approve_plan(request: HttpRequest, plan_id: Id) -> dict[str, Any]:
    plan = services.approve_plan(plan=_visible_plan(request, plan_id), actor=_user(request))
    return _plan(plan)


@router.post("/plans/{plan_id}/publish", summary="公开抽查计划（事前公开）")
def publish_plan(request: HttpRequest, plan_id: Id) -> dict[str, Any]:
    plan = services.publish_plan(plan=_visible_plan(request, plan_id), actor=_user(request))
    return _plan(plan)


@router.post("/plans/{plan_id}/commit", summary="承诺抽取：固定快照哈希与随机种子来源")
def commit_draw(request: HttpRequest, plan_id: Id, data: CommitIn) -> dict[str, Any]:
    plan = _visible_plan(request, plan_id)
    policy.require(_user(request), "inspection.plan.manage", plan.agency)
    revealer = User.objects.filter(pk=data.revealer_id).first()
    if revealer is None:
        raise DomainError("种子录入人不存在", code="invalid")
    draw = services.commit_draw(
        plan=plan,
        actor=_user(request),
        seed_source=data.seed_source,
        revealer=revealer,
        inspection_date=data.inspection_date,
        reason=data.reason,
    )
    return _draw(draw)


@router.post("/draws/{draw_id}/reveal", summary="录入随机种子并抽取（仅指定的种子录入人）")
def reveal_draw(request: HttpRequest, draw_id: Id, data: RevealIn) -> dict[str, Any]:
    draw = Draw.objects.select_related("plan").filter(pk=draw_id).first()
    if draw is None or not policy.allows(_user(request), "inspection.plan.view", draw.plan):
        raise NotFoundError(MSG_DRAW)
    return _draw(services.reveal_draw(draw=draw, actor=_user(request), seed=data.seed))


@router.get("/plans/{plan_id}/figures", summary="完成率、完结率、问题发现率与不合规率估计（95%置信区间）")
def figures(request: HttpRequest, plan_id: Id) -> dict[str, Any]:
    plan = _visible_plan(request, plan_id)
    return {"plan_id": plan.pk, "strata": [f.as_dict() for f in selectors.plan_figures(plan)]}


@router.get("/tasks", summary="我的抽查任务")
def my_tasks(request: HttpRequest) -> dict[str, Any]:
    rows = list(selectors.my_tasks(_user(request))[:500])
    return {"count": len(rows), "items": [_task(t) for t in rows]}


@router.get("/tasks/{task_id}", summary="抽查任务详情")
def task_detail(request: HttpRequest, task_id: Id) -> dict[str, Any]:
    return _task(_visible_task(request, task_id), full=True)


@router.post("/tasks/{task_id}/result", summary="录入检查结果（提交审核）")
def record_result(request: HttpRequest, task_id: Id, data: ResultIn) -> dict[str, Any]:
    task = services.record_result(
        task=_visible_task(request, task_id),
        actor=_user(request),
        result_code=data.result_code,
        record=data.record,
        inspected_on=data.inspected_on,
    )
    return _task(task)


@router.post("/tasks/{task_id}/review", summary="审核检查结果（通过或退回）")
def review_result(request: HttpRequest, task_id: Id, data: ReviewIn) -> dict[str, Any]:
    task = services.review_result(
        task=_visible_task(request, task_id), actor=_user(request), approve=data.approve, note=data.note
    )
    return _task(task)


@router.post("/tasks/{task_id}/case", summary="发现问题转为立案")
def register_case(request: HttpRequest, task_id: Id, data: CaseIn) -> dict[str, Any]:
    task = _visible_task(request, task_id)
    policy.require(_user(request), "inspection.task.case", task)
    item = EnforcementItem.objects.filter(pk=data.item_id).first()
    if item is None:
        raise DomainError("执法事项不存在", code="invalid")
    case = services.register_case(task=task, actor=_user(request), item=item, facts=data.facts)
    return {"task_id": task.pk, "case_id": case.pk, "case_number": case.number}


@router.post("/assignments/{assignment_id}/replace", summary="人工调整检查人员（须写明理由）")
def replace_inspector(request: HttpRequest, assignment_id: Id, data: ReplaceIn) -> dict[str, Any]:
    a = Assignment.objects.select_related("task").filter(pk=assignment_id).first()
    if a is None:
        raise NotFoundError("检查人员分派不存在")
    _visible_task(request, a.task_id)
    officer = Officer.objects.filter(pk=data.officer_id).first()
    if officer is None:
        raise DomainError("执法人员不存在", code="invalid")
    new = services.replace_inspector(assignment=a, officer=officer, reason=data.reason, actor=_user(request))
    return {"id": new.pk, "task_id": new.task_id, "officer_id": new.officer_id, "replaces": a.pk}


def _conflict(c: Conflict) -> dict[str, Any]:
    return {
        "id": c.pk,
        "officer_id": c.officer_id,
        "officer_name": c.officer.name,
        "entity_uscc": c.entity.uscc,
        "entity_name": c.entity.name,
        "kind": c.kind,
        "note": c.note,
        "active": c.active,
        "declared_at": c.declared_at.isoformat(),
    }


@router.get("/conflicts", summary="回避情形（本机关；监督机构为本区划）")
def list_conflicts(request: HttpRequest) -> dict[str, Any]:
    qs = policy.scope(_user(request), "inspection.conflict.view", Conflict.objects.all())
    rows = list(qs.select_related("officer", "entity").order_by("-declared_at", "-pk")[:500])
    return {"count": len(rows), "items": [_conflict(c) for c in rows]}


@router.post("/conflicts", summary="登记回避情形")
def declare_conflict(request: HttpRequest, data: ConflictIn) -> dict[str, Any]:
    user = _user(request)
    officer = policy.scope(user, "inspection.conflict.manage", Officer.objects.all()).filter(pk=data.officer_id).first()
    if officer is None:
        raise NotFoundError("执法人员不存在或无权登记其回避情形")
    entity = Entity.objects.filter(uscc=data.uscc.strip().upper()).first()
    if entity is None:
        raise DomainError("名录库中没有该统一社会信用代码的市场主体", code="invalid")
    conflict = services.declare_conflict(officer=officer, entity=entity, kind=data.kind, note=data.note, actor=user)
    return _conflict(conflict)


@router.post("/import/plans", summary="导入抽查计划（XLSX，全部校验通过才导入）")
def import_plans(request: HttpRequest, file: File[UploadedFile]) -> dict[str, Any]:
    result = importer.import_plans(actor=_user(request), filename=file.name or "plans.xlsx", data=file.read())
    return {"created": result.created, "ids": result.ids}


@router.post("/import/conflicts", summary="导入回避情形（XLSX，全部校验通过才导入）")
def import_conflicts(request: HttpRequest, file: File[UploadedFile]) -> dict[str, Any]:
    result = importer.import_conflicts(actor=_user(request), filename=file.name or "conflicts.xlsx", data=file.read())
    return {"created": result.created, "ids": result.ids}


# --- public (no login) ---------------------------------------------------------------------------


@router.get("/public/plans", auth=None, summary="公开的抽查计划")
def public_plans(request: HttpRequest) -> dict[str, Any]:
    rows = list(selectors.published_plans()[:500])
    return {"count": len(rows), "items": [_plan(p) for p in rows]}


@router.get("/public/plans/{plan_id}", auth=None, summary="公开的抽查计划、各次抽取证明与统计")
def public_plan(request: HttpRequest, plan_id: Id) -> dict[str, Any]:
    plan = selectors.published_plans().filter(pk=plan_id).first()
    if plan is None:
        raise NotFoundError("抽查计划不存在或尚未公开")
    return {**_plan(plan, full=True), "figures": [f.as_dict() for f in selectors.plan_figures(plan)]}


@router.get("/public/entities/{uscc}", auth=None, summary="市场主体本年度的抽查记录与随机抽取证明")
def public_entity(
    request: HttpRequest, uscc: Annotated[str, Field(max_length=18)], year: Year | None = None
) -> dict[str, Any]:
    year = year or timezone.localdate().year
    entity = Entity.objects.filter(uscc=uscc.upper()).first()
    if entity is None:
        raise NotFoundError("名录库中没有该统一社会信用代码的市场主体")
    tasks = selectors.entity_record(entity, year)
    pubs = selectors.publications_of(tasks)
    rows = []
    for t in tasks:
        pub = pubs.get(t.pk)
        published = pub is not None and pub.status == "published"
        rows.append(
            {
                "plan_id": t.plan_id,
                "plan_title": t.plan.title,
                "agency_name": t.plan.agency.name,
                "items": [i.name for i in t.plan.items.all()],
                "commitment_sha256": t.draw.commitment_sha256,
                "seed": t.draw.seed,
                "seed_source": t.draw.seed_source,
                "ticket": t.ticket,
                "result": pub.conclusion if published and pub is not None else None,
            }
        )
    return {"uscc": entity.uscc, "name": entity.name, "year": year, "count": len(rows), "inspections": rows}
