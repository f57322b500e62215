"""Every write of the random inspections (双随机、一公开), each with its ledger entry in the same
transaction: plans (made, approved, published before any draw), the draw (commit, reveal; every
attempt kept), recusal conflicts, manual replacement of an inspector, results, their review and
publication, and the case a finding leads to."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import timezone

from yangguang.access import policy
from yangguang.cases.models import Case
from yangguang.cases.services import create_case
from yangguang.cases.workflow import CaseKind, CaseSource, PartyKind
from yangguang.core.errors import DomainError
from yangguang.ledger.models import Entry
from yangguang.ledger.services import append_entry
from yangguang.publicity import services as publicity
from yangguang.publicity.models import Publication, PublicationStatus, SourceKind
from yangguang.publicity.redaction import Known
from yangguang.roster.models import (
    ActionKind,
    Agency,
    EnforcementItem,
    Entity,
    InspectionItem,
    Officer,
    Region,
    RiskGrade,
    User,
)
from yangguang.workdays.periods import PERIODS

from . import draw as drawing
from . import selectors
from .models import (
    ENTITY_TYPES,
    Assignment,
    Conflict,
    ConflictKind,
    Draw,
    DrawFile,
    DrawStatus,
    InspectionPlan,
    InspectionTask,
    PlanKind,
    PlanStatus,
    ResultCode,
    TaskStatus,
)


def _invalid(message: str, code: str = "invalid") -> DomainError:
    return DomainError(message, code=code)


def today() -> dt.date:
    return timezone.localdate()


# --- plans ---------------------------------------------------------------------------------------


def clean_quotas(quotas: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Quotas by risk grade: a ratio (0–1, e.g. "0.02") or a count, a floor and a cap."""
    out: dict[str, dict[str, Any]] = {}
    for stratum, q in quotas.items():
        if stratum not in RiskGrade.values:
            raise _invalid(f"风险分层无效：{stratum}")
        ratio = q.get("ratio")
        count = q.get("count")
        if ratio in (None, "") and count in (None, ""):
            continue
        try:
            if ratio not in (None, ""):
                r = Decimal(str(ratio))
                if not (0 <= r <= 1):
                    raise _invalid(f"{stratum} 的抽查比例应在 0 与 1 之间")
                ratio = format(r.normalize(), "f")
            if count not in (None, ""):
                count = int(count)
            floor = int(q.get("floor") or 0)
            cap = None if q.get("cap") in (None, "") else int(q["cap"])
        except (InvalidOperation, ValueError, TypeError) as exc:
            raise _invalid(f"{stratum} 的抽查比例或户数不是数字") from exc
        if (count is not None and count < 0) or floor < 0 or (cap is not None and cap < floor):
            raise _invalid(f"{stratum} 的户数、下限或上限无效")
        out[stratum] = drawing.Quota(
            ratio=None if ratio in (None, "") else str(ratio), count=count, floor=floor, cap=cap
        ).as_dict()
    if not out:
        raise _invalid("请至少为一个风险分层设定抽查比例或户数")
    return out


def _next_code(agency: Agency, year: int) -> str:
    n = InspectionPlan.objects.filter(agency=agency, year=year).count() + 1
    while True:
        code = f"SJ{year}-{agency.uscc[-8:]}-{n:03d}"
        if not InspectionPlan.objects.filter(code=code).exists():
            return code
        n += 1


def create_plan(
    *,
    actor: User,
    title: str,
    year: int,
    items: Iterable[InspectionItem],
    period_start: dt.date,
    period_end: dt.date,
    quotas: Mapping[str, Any],
    kind: str = PlanKind.ANNUAL,
    participants: Iterable[Agency] = (),
    regions: Iterable[Region] = (),
    industries: Iterable[str] = (),
    entity_types: Iterable[str] = (),
    per_agency: int = 2,
    key_items: bool = False,
    allow_repeat: bool = False,
    recent_days: int = 180,
) -> InspectionPlan:
    """A draft plan of the actor's agency (the lead agency of a joint plan)."""
    agency = actor.agency
    if agency is None:
        raise _invalid("您的账号未关联执法主体")
    policy.require(actor, "inspection.plan.manage", agency)
    title = (title or "").strip()
    if not title:
        raise _invalid("请填写计划名称")
    if kind not in PlanKind.values:
        raise _invalid("计划类型无效")
    if period_end < period_start:
        raise _invalid("检查结束日期不能早于开始日期")
    if period_start.year != year and period_end.year != year:
        raise _invalid("检查期间应在计划年度内")
    items = list(items)
    if not items:
        raise _invalid("请至少选择一个抽查事项")
    participants = [p for p in participants if p.pk != agency.pk]
    agencies = [agency, *participants]
    if any(i.agency_id not in {a.pk for a in agencies} for i in items):
        raise _invalid("抽查事项应为牵头部门或参与部门的随机抽查事项")
    types = [t for t in entity_types if t]
    if any(t not in ENTITY_TYPES for t in types):
        raise _invalid("主体类型无效")
    minimum = 1 if participants else 2
    if per_agency < minimum:
        raise _invalid("每户至少由两名执法人员检查（《行政处罚法》第四十二条）：联合抽查每部门至少一名，单部门至少两名")
    cleaned = clean_quotas(quotas)
    with transaction.atomic():
        plan = InspectionPlan.objects.create(
            code=_next_code(agency, year),
            title=title,
            kind=kind,
            year=year,
            agency=agency,
            industries=[s.strip() for s in industries if s and s.strip()],
            entity_types=types,
            period_start=period_start,
            period_end=period_end,
            quotas=cleaned,
            per_agency=per_agency,
            key_items=key_items,
            allow_repeat=allow_repeat,
            recent_days=recent_days,
            created_by=actor,
        )
        plan.items.set(items)
        plan.participants.set(participants)
        plan.regions.set(list(regions))
        entry = append_entry(
            actor=actor, subject=plan.subject_label, action="inspection.plan.create", payload=_plan_payload(plan)
        )
        plan.ledger_seq = entry.seq
        plan.save(update_fields=["ledger_seq"])
    return plan


def _plan_payload(plan: InspectionPlan) -> dict[str, Any]:
    return {
        "code": plan.code,
        "title": plan.title,
        "kind": plan.kind,
        "year": plan.year,
        "agency": plan.agency.uscc,
        "participants": sorted(a.uscc for a in plan.participants.all()),
        "items": sorted(f"{i.agency.uscc}/{i.code}" for i in plan.items.select_related("agency")),
        "regions": sorted(r.code for r in plan.regions.all()),
        "industries": plan.industries,
        "entity_types": plan.entity_types,
        "period": [plan.period_start.isoformat(), plan.period_end.isoformat()],
        "quotas": plan.quotas,
        "per_agency": plan.per_agency,
        "key_items": plan.key_items,
        "allow_repeat": plan.allow_repeat,
        "recent_days": plan.recent_days,
    }


def _locked_plan(plan: InspectionPlan) -> InspectionPlan:
    return InspectionPlan.objects.select_for_update(of=("self",)).select_related("agency").get(pk=plan.pk)


def approve_plan(*, plan: InspectionPlan, actor: User) -> InspectionPlan:
    """The agency head approves a draft plan."""
    policy.require(actor, "inspection.plan.approve", plan)
    with transaction.atomic():
        plan = _locked_plan(plan)
        if plan.status != PlanStatus.DRAFT:
            raise _invalid("只有草拟的计划可以批准", "state")
        plan.status = PlanStatus.APPROVED
        plan.approved_by = actor
        plan.approved_at = timezone.now()
        plan.save(update_fields=["status", "approved_by", "approved_at"])
        append_entry(
            actor=actor, subject=plan.subject_label, action="inspection.plan.approve", payload={"code": plan.code}
        )
    return plan


def publish_plan(*, plan: InspectionPlan, actor: User) -> InspectionPlan:
    """Publish an approved plan before the draw (事前公开): a public ledger entry with its content."""
    policy.require(actor, "inspection.plan.manage", plan.agency)
    with transaction.atomic():
        plan = _locked_plan(plan)
        if plan.status != PlanStatus.APPROVED:
            raise _invalid("计划须经批准后才能公开", "state")
        plan.status = PlanStatus.PUBLISHED
        plan.published_at = timezone.now()
        plan.save(update_fields=["status", "published_at"])
        append_entry(
            actor=actor,
            subject=plan.subject_label,
            action="inspection.plan.publish",
            payload=_plan_payload(plan),
            public=True,
        )
    return plan


# --- the draw ------------------------------------------------------------------------------------


def snapshots(plan: InspectionPlan, on: dt.date) -> tuple[bytes, bytes, bytes, dict[str, Any]]:
    """The three canonical snapshot files of ``plan`` for an inspection on ``on``, and what the
    commitment's ``extra`` says about them (counts)."""
    ents = selectors.eligible_entities(plan, on).values_list("uscc", "risk_grade")
    entities = drawing.entities_file(ents.iterator(chunk_size=5000))
    agencies = selectors.plan_agencies(plan)
    officers = selectors.eligible_inspectors(agencies, on)
    inspectors = drawing.inspectors_file((o.certificate_no, o.agency.uscc) for o in officers)
    pairs = selectors.active_conflicts(officers).values_list("officer__certificate_no", "entity__uscc")
    conflicts = drawing.conflicts_file(plan.code, pairs)
    extra = {
        "entities": entities.count(b"\n") - 1,
        "inspectors": inspectors.count(b"\n") - 1,
        "conflicts": conflicts.count(b"\n") - 1,
        "inspection_date": on.isoformat(),
        "key_items": plan.key_items,
    }
    return entities, inspectors, conflicts, extra


def _quotas(plan: InspectionPlan) -> dict[str, drawing.Quota]:
    out = {}
    for stratum, q in plan.quotas.items():
        quota = drawing.Quota.from_dict(q)
        if plan.key_items:  # 重点事项: no ratio cap
            quota = drawing.Quota(ratio=quota.ratio, count=quota.count, floor=quota.floor, cap=None)
        out[stratum] = quota
    return out


def _store(draw: Draw, name: str, data: bytes) -> None:
    DrawFile.objects.create(draw=draw, name=name, sha256=drawing.sha256_hex(data), content=data)


def commit_draw(
    *,
    plan: InspectionPlan,
    actor: User,
    seed_source: str,
    revealer: User,
    inspection_date: dt.date,
    reason: str = "",
) -> Draw:
    """Fix the draw before its seed exists: the snapshots (eligible entities, eligible inspectors,
    recusal pairs), their hashes, the quotas and the public value that will seed it, in a public
    ledger entry. A new attempt (after a failure, or replacing an unrevealed one) needs a reason;
    the earlier attempt stays, superseded."""
    policy.require(actor, "inspection.plan.manage", plan.agency)
    seed_source = (seed_source or "").strip()
    reason = (reason or "").strip()
    if not seed_source:
        raise _invalid("请写明将作为随机种子的公开随机数（如 drand 轮次、彩票开奖期号、公证现场摇号）")
    if revealer.agency_id != plan.agency_id:
        raise _invalid("种子录入人应为牵头部门的人员")
    if not (plan.period_start <= inspection_date <= plan.period_end):
        raise _invalid("检查日期应在计划的检查期间内")
    with transaction.atomic():
        plan = _locked_plan(plan)
        if plan.status == PlanStatus.DRAWN:
            raise _invalid("本计划已完成抽取，不得重新抽取", "state")
        if plan.status != PlanStatus.PUBLISHED:
            raise _invalid("计划须经批准并公开后才能抽取（事前公开）", "state")
        earlier = list(plan.draws.select_for_update().order_by("attempt"))
        if earlier and not reason:
            raise _invalid("再次抽取须写明理由（此前的抽取记录保留并公开）", "reason_required")
        entities, inspectors, conflicts, extra = snapshots(plan, inspection_date)
        agencies = [a.uscc for a in selectors.plan_agencies(plan)]
        commitment = drawing.make_commitment(
            plan=plan.code,
            entities=entities,
            inspectors=inspectors,
            conflicts=conflicts,
            quotas=_quotas(plan),
            agencies=agencies,
            per_agency=plan.per_agency,
            seed_source=seed_source,
            extra={**extra, "attempt": len(earlier) + 1},
        )
        for old in earlier:
            if old.status == DrawStatus.COMMITTED:
                old.status = DrawStatus.SUPERSEDED
                old.save(update_fields=["status"])
        draw = Draw.objects.create(
            plan=plan,
            attempt=len(earlier) + 1,
            inspection_date=inspection_date,
            seed_source=seed_source,
            revealer=revealer,
            reason=reason,
            commitment=commitment.to_json().decode(),
            commitment_sha256=commitment.digest,
            committed_by=actor,
        )
        _store(draw, "commitment.json", commitment.to_json())
        _store(draw, "entities.tsv", entities)
        _store(draw, "inspectors.tsv", inspectors)
        _store(draw, "conflicts.tsv", conflicts)
        entry = append_entry(
            actor=actor,
            subject=draw.subject_label,
            action="inspection.draw.commit",
            payload={
                "plan": plan.code,
                "attempt": draw.attempt,
                "commitment_sha256": commitment.digest,
                "entities_sha256": commitment.entities_sha256,
                "inspectors_sha256": commitment.inspectors_sha256,
                "conflicts_sha256": commitment.conflicts_sha256,
                "seed_source": seed_source,
                "superseded": [d.attempt for d in earlier if d.status == DrawStatus.SUPERSEDED],
                "reason": reason,
            },
            public=True,
            refs=[plan.subject_label],
        )
        draw.commit_seq = entry.seq
        draw.save(update_fields=["commit_seq"])
    return draw


def _file(draw: Draw, name: str) -> bytes:
    return bytes(DrawFile.objects.get(draw=draw, name=name).content)


def reveal_draw(*, draw: Draw, actor: User, seed: str) -> Draw:
    """The designated person enters the seed; the draw runs and its result (or its failure) is
    recorded in a public ledger entry. A failure raises after it is recorded."""
    policy.require(actor, "inspection.draw.reveal", draw)
    seed = (seed or "").strip()
    if not seed:
        raise _invalid("请录入随机种子")
    failure = ""
    with transaction.atomic():
        draw = Draw.objects.select_for_update(of=("self",)).select_related("plan", "plan__agency").get(pk=draw.pk)
        plan = _locked_plan(draw.plan)
        if draw.status != DrawStatus.COMMITTED:
            raise _invalid("该次抽取不在待揭示状态", "state")
        commitment = drawing.Commitment.from_json(draw.commitment)
        draw.seed = seed
        draw.revealed_at = timezone.now()
        try:
            result = drawing.run_draw(
                commitment=commitment,
                seed=seed,
                entities=_file(draw, "entities.tsv"),
                inspectors=_file(draw, "inspectors.tsv"),
                conflicts=_file(draw, "conflicts.tsv"),
            )
        except drawing.DrawError as exc:
            failure = str(exc)
            draw.status = DrawStatus.FAILED
            draw.failure = failure[:300]
            draw.save(update_fields=["seed", "revealed_at", "status", "failure"])
            entry = append_entry(
                actor=actor,
                subject=draw.subject_label,
                action="inspection.draw.fail",
                payload={"plan": plan.code, "attempt": draw.attempt, "seed": seed, "failure": failure},
                public=True,
                refs=[plan.subject_label],
            )
            draw.reveal_seq = entry.seq
            draw.save(update_fields=["reveal_seq"])
        else:
            _record_result(draw, plan, result)
            entry = append_entry(
                actor=actor,
                subject=draw.subject_label,
                action="inspection.draw.reveal",
                payload={
                    "plan": plan.code,
                    "attempt": draw.attempt,
                    "commitment_sha256": draw.commitment_sha256,
                    "seed": seed,
                    "result_sha256": result.digest,
                    "population": result.population,
                    "sizes": result.sizes,
                },
                public=True,
                refs=[plan.subject_label],
            )
            draw.reveal_seq = entry.seq
            draw.save(update_fields=["reveal_seq"])
    if failure:
        raise DomainError(f"抽取失败（已记录）：{failure}", code="draw_failed")
    return draw


def _record_result(draw: Draw, plan: InspectionPlan, result: drawing.Result) -> None:
    draw.status = DrawStatus.DRAWN
    draw.result_sha256 = result.digest
    draw.population = result.population
    draw.sizes = result.sizes
    draw.save(update_fields=["seed", "revealed_at", "status", "result_sha256", "population", "sizes"])
    _store(draw, "result.tsv", result.to_file())
    _store(draw, "seed.txt", (draw.seed + "\n").encode())
    plan.status = PlanStatus.DRAWN
    plan.save(update_fields=["status"])
    codes = [s.credit_code for s in result.selected]
    entities: dict[str, int] = {}
    for i in range(0, len(codes), 2000):
        entities.update(Entity.objects.filter(uscc__in=codes[i : i + 2000]).values_list("uscc", "pk"))
    certs = {c for s in result.selected for c in s.inspectors}
    officers = {o.certificate_no: o for o in Officer.objects.filter(certificate_no__in=certs)}
    tasks = InspectionTask.objects.bulk_create(
        [
            InspectionTask(
                plan=plan,
                draw=draw,
                entity_id=entities[s.credit_code],
                stratum=s.stratum,
                ticket=s.ticket,
                rank=n,
            )
            for n, s in enumerate(result.selected, start=1)
        ]
    )
    if tasks and tasks[0].pk is None:  # backends that do not return keys
        tasks = list(InspectionTask.objects.filter(draw=draw).order_by("rank"))
    Assignment.objects.bulk_create(
        [
            Assignment(task=t, officer=officers[c], agency_id=officers[c].agency_id, drawn=True)
            for t, s in zip(tasks, result.selected, strict=True)
            for c in s.inspectors
        ]
    )


def draw_files(draw: Draw) -> dict[str, bytes]:
    return {f.name: bytes(f.content) for f in draw.files.all()}


# --- recusal and replacement ---------------------------------------------------------------------


def declare_conflict(*, officer: Officer, entity: Entity, kind: str, note: str, actor: User) -> Conflict:
    """Record a recusal (回避) between an officer and an entity: excluded before every later draw."""
    policy.require(actor, "inspection.conflict.manage", officer)
    if kind not in ConflictKind.values:
        raise _invalid("回避事由无效")
    with transaction.atomic():
        if Conflict.objects.filter(officer=officer, entity=entity, active=True).exists():
            raise _invalid("该回避情形已登记", "duplicate")
        conflict = Conflict.objects.create(
            officer=officer, entity=entity, kind=kind, note=(note or "").strip()[:300], declared_by=actor
        )
        entry = append_entry(
            actor=actor,
            subject=f"inspections.conflict:{conflict.pk}",
            action="inspection.conflict.declare",
            payload={"officer": officer.certificate_no, "entity": entity.uscc, "kind": kind},
        )
        conflict.ledger_seq = entry.seq
        conflict.save(update_fields=["ledger_seq"])
    return conflict


def withdraw_conflict(*, conflict: Conflict, actor: User) -> Conflict:
    policy.require(actor, "inspection.conflict.manage", conflict.officer)
    with transaction.atomic():
        conflict = Conflict.objects.select_for_update().get(pk=conflict.pk)
        if not conflict.active:
            raise _invalid("该回避情形已撤销", "state")
        conflict.active = False
        conflict.save(update_fields=["active"])
        append_entry(
            actor=actor,
            subject=f"inspections.conflict:{conflict.pk}",
            action="inspection.conflict.withdraw",
            payload={},
        )
    return conflict


def replace_inspector(*, assignment: Assignment, officer: Officer, reason: str, actor: User) -> Assignment:
    """Put ``officer`` in place of a drawn inspector, only with a reason; in the ledger and on the
    supervisor's list of replacements."""
    policy.require(actor, "inspection.assignment.replace", assignment)
    reason = (reason or "").strip()
    if not reason:
        raise _invalid("人工调整检查人员须写明理由", "reason_required")
    with transaction.atomic():
        assignment = (
            Assignment.objects.select_for_update(of=("self",))
            .select_related("task", "task__draw")
            .get(pk=assignment.pk)
        )
        task = assignment.task
        if not assignment.active:
            raise _invalid("该检查人员已被替换", "state")
        if task.status == TaskStatus.APPROVED:
            raise _invalid("检查结果已审核通过，不能再调整检查人员", "state")
        if officer.agency_id != assignment.agency_id:
            raise _invalid("替换的检查人员应与原检查人员同属一个部门")
        problem = selectors.inspector_problem(officer, task.draw.inspection_date)
        if problem:
            raise _invalid(f"不能替换为该人员：{problem}")
        if task.assignments.filter(active=True, officer=officer).exists():
            raise _invalid("该人员已是本任务的检查人员")
        if selectors.has_conflict(officer, task.entity):
            raise _invalid("该人员与检查对象存在回避情形")
        assignment.active = False
        assignment.save(update_fields=["active"])
        new = Assignment.objects.create(
            task=task,
            officer=officer,
            agency_id=assignment.agency_id,
            drawn=False,
            replaces=assignment,
            reason=reason[:300],
            created_by=actor,
        )
        entry = append_entry(
            actor=actor,
            subject=task.subject_label,
            action="inspection.assignment.replace",
            payload={"out": assignment.officer.certificate_no, "in": officer.certificate_no, "reason": reason},
        )
        new.ledger_seq = entry.seq
        new.save(update_fields=["ledger_seq"])
    return new


# --- field work ----------------------------------------------------------------------------------


def _locked_task(task: InspectionTask) -> InspectionTask:
    return (
        InspectionTask.objects.select_for_update(of=("self",))
        .select_related("plan", "plan__agency", "entity", "draw")
        .get(pk=task.pk)
    )


def record_result(
    *, task: InspectionTask, actor: User, result_code: str, record: str, inspected_on: dt.date
) -> InspectionTask:
    """An inspector of the task records the inspection (现场检查笔录) and its result: 待审核."""
    if result_code not in ResultCode.values:
        raise _invalid("请选择检查结果")
    record = (record or "").strip()
    if not record:
        raise _invalid("请填写检查记录")
    if inspected_on > today():
        raise _invalid("检查日期不能晚于今天")
    policy.require(actor, "inspection.task.record", task, on=inspected_on)
    with transaction.atomic():
        task = _locked_task(task)
        if task.status not in (TaskStatus.PENDING, TaskStatus.RETURNED):
            raise _invalid("该任务的检查结果已提交", "state")
        if inspected_on < task.plan.period_start:
            raise _invalid("检查日期早于计划的检查期间")
        task.result_code = result_code
        task.record = record
        task.inspected_on = inspected_on
        task.publish_due = PERIODS["inspection_result_publication"].due(inspected_on).due
        task.status = TaskStatus.SUBMITTED
        task.submitted_by = actor
        task.save(update_fields=["result_code", "record", "inspected_on", "publish_due", "status", "submitted_by"])
        append_entry(
            actor=actor,
            subject=task.subject_label,
            action="inspection.task.record",
            payload={"result": result_code, "inspected_on": inspected_on.isoformat(), "record": record},
            refs=[task.plan.subject_label],
        )
    return task


def review_result(*, task: InspectionTask, actor: User, approve: bool, note: str = "") -> InspectionTask:
    """待审核 → 通过 (then published through publicity, due 20 working days after the
    inspection) or 退回 (with the reason)."""
    policy.require(actor, "inspection.task.review", task)
    note = (note or "").strip()
    if not approve and not note:
        raise _invalid("退回须写明理由", "reason_required")
    with transaction.atomic():
        task = _locked_task(task)
        if task.status != TaskStatus.SUBMITTED:
            raise _invalid("只有待审核的检查结果可以审核", "state")
        task.status = TaskStatus.APPROVED if approve else TaskStatus.RETURNED
        task.reviewed_by = actor
        task.review_note = note[:300]
        task.save(update_fields=["status", "reviewed_by", "review_note"])
        append_entry(
            actor=actor,
            subject=task.subject_label,
            action="inspection.task.approve" if approve else "inspection.task.return",
            payload={"note": note},
            refs=[task.plan.subject_label],
        )
        if approve:
            _publish_result(task, actor)
    return task


def result_text(task: InspectionTask) -> str:
    plan, draw, entity = task.plan, task.draw, task.entity
    agencies = "、".join(a.name for a in selectors.plan_agencies(plan))
    items = "、".join(i.name for i in plan.items.all())
    return (
        f"抽查计划：{plan.title}（{plan.code}）\n"
        f"抽查部门：{agencies}\n"
        f"抽查事项：{items}\n"
        f"检查对象：{entity.name}（统一社会信用代码 {entity.uscc}）\n"
        f"检查日期：{task.inspected_on.isoformat() if task.inspected_on else ''}\n"
        f"检查结果：{task.get_result_code_display()}\n"
        f"随机抽取证明：承诺哈希 {draw.commitment_sha256}；随机种子 {draw.seed}（{draw.seed_source}）；"
        f"票号 {task.ticket}；抽取结果哈希 {draw.result_sha256}"
    )


def _publish_result(task: InspectionTask, actor: User) -> None:
    draft = publicity.Draft(
        source_kind=SourceKind.INSPECTION_RESULT,
        source_id=task.pk,
        agency=task.plan.agency,
        region=task.plan.agency.region,
        action_kind=ActionKind.INSPECTION,
        number=f"{task.plan.code}-{task.rank:05d}",
        title=f"双随机抽查结果：{task.entity.name}",
        party_label=task.entity.name,
        conclusion=task.get_result_code_display(),
        decided_on=task.inspected_on or today(),
        original_text=result_text(task),
        known=Known(organizations=[task.entity.name]),
    )
    pub = publicity.create_publication(draft=draft, actor=actor)
    if task.publish_due and pub.due_on != task.publish_due:
        pub.due_on = task.publish_due
        pub.save(update_fields=["due_on"])


def register_case(*, task: InspectionTask, actor: User, item: EnforcementItem, facts: str) -> Case:
    """A finding becomes a case (行政处罚, 普通程序), linked to the task; the actor's fellow
    inspectors of his agency join as handlers."""
    policy.require(actor, "inspection.task.case", task)
    if not task.found_problem:
        raise _invalid("只有发现问题的检查结果可以转为立案")
    if task.case_id:
        raise _invalid("该检查结果已立案", "state")
    entity = task.entity
    crew = task.assignments.filter(active=True, agency=actor.agency).select_related("officer")
    handlers = [actor.officer] if actor.officer is not None else []
    handlers += [a.officer for a in crew if a.officer_id != actor.officer_id]
    with transaction.atomic():
        task = _locked_task(task)
        if task.case_id:
            raise _invalid("该检查结果已立案", "state")
        case = create_case(
            actor=actor,
            kind=CaseKind.PENALTY_ORDINARY,
            title=f"{entity.name}涉嫌违法案（双随机抽查发现）",
            parties=[
                {
                    "kind": PartyKind.ORGANIZATION,
                    "name": entity.name,
                    "id_number": entity.uscc,
                    "address": entity.address,
                    "phone": entity.phone,
                    "legal_representative": entity.legal_representative,
                }
            ],
            officers=handlers,
            item=item,
            source=CaseSource.INSPECTION,
            source_detail=f"双随机抽查 {task.plan.code} 第{task.rank}户",
            facts=(facts or "").strip() or task.record,
            discovery_date=task.inspected_on,
        )
        task.case = case
        task.save(update_fields=["case"])
        append_entry(
            actor=actor,
            subject=task.subject_label,
            action="inspection.task.case",
            payload={"case": case.number},
            refs=[case.subject_label],
        )
    return case


# --- overdue results -------------------------------------------------------------------------------


def flag_overdue(*, today_: dt.date | None = None) -> int:
    """Record each result not published by its due date (20 working days after the inspection) once,
    as a ledger entry on the task (seen by the lead agency and the supervisor); returns how many
    were newly flagged. Run hourly (``inspections.overdue``)."""
    day = today_ or today()
    published = Publication.objects.filter(
        source_kind=SourceKind.INSPECTION_RESULT, status=PublicationStatus.PUBLISHED
    ).values("source_id")
    late = list(
        InspectionTask.objects.filter(draw__status=DrawStatus.DRAWN, publish_due__lt=day)
        .exclude(pk__in=published)
        .select_related("plan")
        .order_by("pk")[:1000]
    )
    if not late:
        return 0
    flagged = set(
        Entry.objects.filter(
            action="inspection.result.overdue", subject__in=[t.subject_label for t in late]
        ).values_list("subject", flat=True)
    )
    n = 0
    with transaction.atomic():
        for t in late:
            if t.subject_label in flagged:
                continue
            append_entry(
                actor=None,
                subject=t.subject_label,
                action="inspection.result.overdue",
                payload={"plan": t.plan.code, "due": t.publish_due.isoformat() if t.publish_due else None},
                refs=[t.plan.subject_label],
            )
            n += 1
    return n


def overdue_job() -> str:
    return f"{flag_overdue()} 项抽查结果逾期未公示"
