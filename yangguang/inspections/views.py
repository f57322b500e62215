"""Random inspection pages: plans (make, approve, publish, commit, reveal), tasks (the phone page
of an inspector, the result, the review, the case), recusal conflicts, the supervisor's list of
manual replacements, and the public pages (published plans, the draw's proof and files, an
entity's own record)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from yangguang.access import policy
from yangguang.access.errors import AccessDenied
from yangguang.core.errors import DomainError
from yangguang.core.params import optional_date, optional_id
from yangguang.publicity.models import Publication, PublicationStatus, SourceKind
from yangguang.publicity.portal import sections
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

from . import draw as drawing
from . import selectors, services
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

PAGE_SIZE = 50
PUBLIC_FILES = ("commitment.json", "entities.tsv", "inspectors.tsv", "conflicts.tsv", "seed.txt", "result.tsv")
DRAW_PY = Path(drawing.__file__)


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _back(pk: int, anchor: str = "") -> HttpResponse:
    return redirect(f"/inspections/plans/{pk}/{anchor}")


# --- plans -----------------------------------------------------------------------------------------


def _plan_choices(user: User) -> dict[str, Any]:
    own = user.agency
    region_path = own.region.path if own is not None else "/"
    agencies = Agency.objects.filter(is_supervisor=False, is_active=True, region__path__startswith=region_path[:8])
    return {
        "kinds": PlanKind.choices,
        "grades": RiskGrade.choices,
        "entity_types": [(k, str(v)) for k, v in ENTITY_TYPES.items()],
        "participants": (agencies.exclude(pk=own.pk) if own is not None else agencies).order_by("name"),
        "items": InspectionItem.objects.filter(agency__in=agencies)
        .select_related("agency")
        .order_by("agency_id", "code"),
        "regions": Region.objects.filter(path__startswith=region_path).order_by("code")[:200],
    }


def _percent(raw: str, label: str) -> str | None:
    raw = (raw or "").strip()
    if not raw:
        return None
    try:
        value = Decimal(raw) / 100
    except InvalidOperation as exc:
        raise DomainError(f"{label}的抽查比例应为数字（百分比）") from exc
    return format(value.normalize(), "f")


def _plan_from_post(request: HttpRequest, user: User) -> InspectionPlan:
    post = request.POST
    quotas: dict[str, Any] = {}
    for code, label in RiskGrade.choices:
        quotas[code] = {
            "ratio": _percent(post.get(f"ratio_{code}", ""), str(label)),
            "count": post.get(f"count_{code}") or None,
            "floor": post.get(f"floor_{code}") or 0,
            "cap": post.get(f"cap_{code}") or None,
        }
    start = optional_date(post.get("period_start"))
    end = optional_date(post.get("period_end"))
    if start is None or end is None:
        raise DomainError("请填写检查期间")
    year = optional_id(post.get("year")) or start.year
    item_ids = [i for i in (optional_id(v) for v in post.getlist("items")) if i]
    participant_ids = [i for i in (optional_id(v) for v in post.getlist("participants")) if i]
    region_ids = [i for i in (optional_id(v) for v in post.getlist("regions")) if i]
    return services.create_plan(
        actor=user,
        title=post.get("title", ""),
        kind=post.get("kind", PlanKind.ANNUAL),
        year=year,
        items=InspectionItem.objects.filter(pk__in=item_ids),
        participants=Agency.objects.filter(pk__in=participant_ids, is_supervisor=False),
        regions=Region.objects.filter(pk__in=region_ids),
        industries=[s for s in post.get("industries", "").replace("，", ",").split(",")],
        entity_types=post.getlist("entity_types"),
        period_start=start,
        period_end=end,
        quotas=quotas,
        per_agency=optional_id(post.get("per_agency")) or 0,
        key_items=post.get("key_items") == "1",
        allow_repeat=post.get("allow_repeat") == "1",
        recent_days=optional_id(post.get("recent_days")) or 0,
    )


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    can_create = user.agency is not None and policy.allows(user, "inspection.plan.manage", user.agency)
    error = ""
    if request.method == "POST":
        if user.agency is None:
            raise AccessDenied("您的账号未关联执法主体")
        policy.require(user, "inspection.plan.manage", user.agency)
        try:
            plan = _plan_from_post(request, user)
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(request, _("已制定抽查计划（草拟），请报行政机关负责人批准"))
            return _back(plan.pk)
    page = Paginator(selectors.visible_plans(user), PAGE_SIZE).get_page(request.GET.get("page"))
    context: dict[str, Any] = {"page": page, "can_create": can_create, "error": error, "post": request.POST}
    if can_create:
        context |= _plan_choices(user)
    return render(request, "inspections/plans.html", context, status=400 if error else 200)


def _visible_plan(user: User, pk: int) -> InspectionPlan:
    plan = selectors.visible_plans(user).filter(pk=pk).first()
    if plan is None:
        raise Http404
    return plan


@login_required
@require_safe
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    plan = _visible_plan(user, pk)
    draws = list(plan.draws.select_related("revealer").order_by("attempt"))
    drawn = next((d for d in draws if d.status == DrawStatus.DRAWN), None)
    tasks = []
    if drawn is not None:
        tasks = list(
            policy.scope(user, "inspection.task.view", InspectionTask.objects.filter(draw=drawn))
            .select_related("entity")
            .prefetch_related("assignments__officer")
            .order_by("rank")[:500]
        )
    can_manage = policy.allows(user, "inspection.plan.manage", plan.agency)
    context = {
        "plan": plan,
        "agencies": selectors.plan_agencies(plan),
        "items": list(plan.items.select_related("agency")),
        "regions": list(plan.regions.all()),
        "draws": draws,
        "drawn": drawn,
        "tasks": tasks,
        "figures": selectors.plan_figures(plan),
        "can_approve": plan.status == PlanStatus.DRAFT and policy.allows(user, "inspection.plan.approve", plan),
        "can_publish": plan.status == PlanStatus.APPROVED and can_manage,
        "can_commit": plan.status == PlanStatus.PUBLISHED and can_manage,
        "reveal": [d for d in draws if d.status == DrawStatus.COMMITTED and d.revealer_id == user.pk],
        "revealers": User.objects.filter(agency=plan.agency, is_active=True).order_by("username"),
        "grades": dict(RiskGrade.choices),
        "today": timezone.localdate(),
    }
    return render(request, "inspections/plan.html", context)


def _act(request: HttpRequest, pk: int, fn: Any, done: str) -> HttpResponse:
    try:
        fn()
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done)
    return _back(pk)


@login_required
@require_POST
def plan_approve(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    plan = _visible_plan(user, pk)
    return _act(request, pk, lambda: services.approve_plan(plan=plan, actor=user), _("已批准"))


@login_required
@require_POST
def plan_publish(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    plan = _visible_plan(user, pk)
    return _act(request, pk, lambda: services.publish_plan(plan=plan, actor=user), _("已公开（事前公开）"))


@login_required
@require_POST
def draw_commit(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    plan = _visible_plan(user, pk)
    policy.require(user, "inspection.plan.manage", plan.agency)
    revealer = User.objects.filter(pk=optional_id(request.POST.get("revealer")) or 0).first()
    day = optional_date(request.POST.get("inspection_date"))

    def commit() -> None:
        if revealer is None or day is None:
            raise DomainError("请指定种子录入人和检查日期")
        services.commit_draw(
            plan=plan,
            actor=user,
            seed_source=request.POST.get("seed_source", ""),
            revealer=revealer,
            inspection_date=day,
            reason=request.POST.get("reason", ""),
        )

    return _act(request, pk, commit, _("已承诺：快照哈希与种子来源已写入记录并公开"))


@login_required
@require_POST
def draw_reveal(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    draw = get_object_or_404(Draw.objects.select_related("plan"), pk=pk)
    if not policy.allows(user, "inspection.plan.view", draw.plan):
        raise Http404
    return _act(
        request,
        draw.plan_id,
        lambda: services.reveal_draw(draw=draw, actor=user, seed=request.POST.get("seed", "")),
        _("已录入随机种子并完成抽取"),
    )


# --- tasks -----------------------------------------------------------------------------------------


@login_required
@require_safe
def my_tasks(request: HttpRequest) -> HttpResponse:
    tasks = list(selectors.my_tasks(_user(request))[:200])
    return render(request, "inspections/my_tasks.html", {"tasks": tasks})


def _visible_task(user: User, pk: int) -> InspectionTask:
    qs = policy.scope(user, "inspection.task.view", InspectionTask.objects.all())
    task = qs.select_related("plan", "plan__agency", "entity", "draw", "case").filter(pk=pk).first()
    if task is None:
        raise Http404
    return task


@login_required
@require_safe
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    task = _visible_task(user, pk)
    assignments = list(task.assignments.select_related("officer", "agency", "replaces__officer").order_by("pk"))
    can_record = task.status in (TaskStatus.PENDING, TaskStatus.RETURNED) and policy.allows(
        user, "inspection.task.record", task
    )
    can_review = task.status == TaskStatus.SUBMITTED and policy.allows(user, "inspection.task.review", task)
    can_case = task.found_problem and not task.case_id and policy.allows(user, "inspection.task.case", task)
    replaceable = [a for a in assignments if a.active and policy.allows(user, "inspection.assignment.replace", a)]
    publication = Publication.objects.filter(source_kind=SourceKind.INSPECTION_RESULT, source_id=task.pk).first()
    context = {
        "task": task,
        "assignments": assignments,
        "can_record": can_record,
        "can_review": can_review,
        "can_case": can_case,
        "replaceable": replaceable if task.status != TaskStatus.APPROVED else [],
        "spares": Officer.objects.filter(agency_id__in=[a.agency_id for a in replaceable]).order_by("name")
        if replaceable
        else [],
        "codes": ResultCode.choices,
        "penalty_items": EnforcementItem.objects.filter(agency=user.agency, kind=ActionKind.PENALTY).order_by("code")
        if can_case
        else [],
        "publication": publication,
        "published": publication is not None and publication.status == PublicationStatus.PUBLISHED,
        "today": timezone.localdate(),
    }
    return render(request, "inspections/task.html", context)


def _task_act(request: HttpRequest, pk: int, fn: Any, done: str) -> HttpResponse:
    try:
        fn()
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done)
    return redirect(f"/inspections/tasks/{pk}/")


@login_required
@require_POST
def task_result(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    task = _visible_task(user, pk)
    policy.require(user, "inspection.task.record", task, on=optional_date(request.POST.get("inspected_on")))

    def record() -> None:
        day = optional_date(request.POST.get("inspected_on"))
        if day is None:
            raise DomainError("请填写检查日期")
        services.record_result(
            task=task,
            actor=user,
            result_code=request.POST.get("result_code", ""),
            record=request.POST.get("record", ""),
            inspected_on=day,
        )

    return _task_act(request, pk, record, _("检查结果已提交，待审核"))


@login_required
@require_POST
def task_review(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    task = _visible_task(user, pk)
    approve = request.POST.get("decision") == "approve"
    return _task_act(
        request,
        pk,
        lambda: services.review_result(task=task, actor=user, approve=approve, note=request.POST.get("note", "")),
        _("审核通过，检查结果将公示") if approve else _("已退回"),
    )


@login_required
@require_POST
def task_case(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    task = _visible_task(user, pk)
    policy.require(user, "inspection.task.case", task)

    def register() -> None:
        item = EnforcementItem.objects.filter(pk=optional_id(request.POST.get("item")) or 0).first()
        if item is None:
            raise DomainError("请选择执法事项")
        case = services.register_case(task=task, actor=user, item=item, facts=request.POST.get("facts", ""))
        messages.info(request, _("案件编号：%(number)s") % {"number": case.number})

    return _task_act(request, pk, register, _("已转为立案"))


@login_required
@require_POST
def assignment_replace(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    a = get_object_or_404(Assignment.objects.select_related("task"), pk=pk)
    task = _visible_task(user, a.task_id)
    officer = Officer.objects.filter(pk=optional_id(request.POST.get("officer")) or 0).first()

    def replace() -> None:
        if officer is None:
            raise DomainError("请选择替换的检查人员")
        services.replace_inspector(assignment=a, officer=officer, reason=request.POST.get("reason", ""), actor=user)

    return _task_act(request, task.pk, replace, _("已替换检查人员（理由已记录，监督机构可见）"))


# --- conflicts and replacements ----------------------------------------------------------------------


@login_required
def conflict_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    error = ""
    officers = policy.scope(user, "inspection.conflict.manage", Officer.objects.all()).order_by("name")
    if request.method == "POST":
        if not officers.exists():
            raise AccessDenied("只有执法人员本人或其承办机构负责人、行政机关负责人可以登记回避情形")
        officer = officers.filter(pk=optional_id(request.POST.get("officer")) or 0).first()
        entity = Entity.objects.filter(uscc=request.POST.get("uscc", "").strip().upper()).first()
        try:
            if officer is None:
                raise DomainError("请选择执法人员")
            if entity is None:
                raise DomainError("名录库中没有该统一社会信用代码的市场主体")
            services.declare_conflict(
                officer=officer,
                entity=entity,
                kind=request.POST.get("kind", ""),
                note=request.POST.get("note", ""),
                actor=user,
            )
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(request, _("已登记回避情形：此后的抽取将排除该人员检查该主体"))
            return redirect("inspections:conflicts")
    conflicts = policy.scope(user, "inspection.conflict.view", Conflict.objects.all()).select_related(
        "officer", "entity"
    )
    if user.role == "officer" and user.officer_id:
        conflicts = conflicts | Conflict.objects.filter(officer_id=user.officer_id)
    page = Paginator(conflicts.order_by("-declared_at", "-pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "inspections/conflicts.html",
        {"page": page, "officers": officers[:500], "kinds": ConflictKind.choices, "error": error, "post": request.POST},
        status=400 if error else 200,
    )


@login_required
@require_POST
def conflict_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    conflict = get_object_or_404(Conflict.objects.select_related("officer"), pk=pk)
    try:
        services.withdraw_conflict(conflict=conflict, actor=user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已撤销回避情形"))
    return redirect("inspections:conflicts")


@login_required
@require_safe
def replacements(request: HttpRequest) -> HttpResponse:
    """Manual replacements of drawn inspectors with their reasons (for the supervisor)."""
    user = _user(request)
    tasks = policy.scope(user, "inspection.task.view", InspectionTask.objects.all()).values("pk")
    rows = (
        Assignment.objects.filter(drawn=False, task__in=tasks)
        .select_related("task", "task__plan", "task__entity", "officer", "replaces__officer", "created_by")
        .order_by("-created_at")
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "inspections/replacements.html", {"page": page})


# --- public pages (no login) ---------------------------------------------------------------------------


def _public(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    layout = "publicity/base_public.html"
    full = {"layout": layout, "sections": sections("inspection_items"), "section": "inspection_items", **context}
    return HttpResponse(render_to_string(template, full, request))


@require_safe
def public_plans(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.published_plans(), PAGE_SIZE).get_page(request.GET.get("page"))
    return _public(request, "inspections/public_plans.html", {"page": page})


@require_safe
def public_plan(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.published_plans().filter(pk=pk).first()
    if plan is None:
        raise Http404
    draws = list(plan.draws.order_by("attempt"))
    results = list(
        Publication.objects.filter(
            source_kind=SourceKind.INSPECTION_RESULT,
            status=PublicationStatus.PUBLISHED,
            source_id__in=InspectionTask.objects.filter(plan=plan).values("pk"),
        ).order_by("number")[:500]
    )
    context = {
        "plan": plan,
        "agencies": selectors.plan_agencies(plan),
        "items": list(plan.items.all()),
        "draws": draws,
        "files": PUBLIC_FILES,
        "results": results,
        "figures": selectors.plan_figures(plan),
        "grades": dict(RiskGrade.choices),
    }
    return _public(request, "inspections/public_plan.html", context)


@require_safe
def public_draw_file(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    if name not in PUBLIC_FILES:
        raise Http404
    row = DrawFile.objects.filter(draw_id=pk, name=name).select_related("draw__plan").first()
    if row is None or row.draw.plan.status in (PlanStatus.DRAFT, PlanStatus.APPROVED):
        raise Http404
    kind = "application/json" if name.endswith(".json") else "text/plain; charset=utf-8"
    response = HttpResponse(bytes(row.content), content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="{row.draw.plan.code}-{row.draw.attempt}-{name}"'
    return response


@require_safe
def public_draw_py(request: HttpRequest) -> HttpResponse:
    """The verifier itself (``python draw.py DIR``), the same file the platform draws with."""
    response = HttpResponse(DRAW_PY.read_bytes(), content_type="text/x-python; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="draw.py"'
    return response


@require_safe
def public_entity(request: HttpRequest) -> HttpResponse:
    """An entity's own inspections of a year against the cap (each item at most once a year), each
    with the proof that it was drawn at random."""
    uscc = (request.GET.get("uscc") or "").strip().upper()[:18]
    year = optional_id(request.GET.get("year")) or timezone.localdate().year
    entity = Entity.objects.filter(uscc=uscc).first() if uscc else None
    rows: list[dict[str, Any]] = []
    if entity is not None:
        tasks = selectors.entity_record(entity, year)
        pubs = selectors.publications_of(tasks)
        for t in tasks:
            pub = pubs.get(t.pk)
            rows.append(
                {
                    "task": t,
                    "items": [i.name for i in t.plan.items.all()],
                    "publication": pub if pub is not None and pub.status == PublicationStatus.PUBLISHED else None,
                }
            )
    item_counts: dict[str, int] = {}
    for r in rows:
        for name in r["items"]:
            item_counts[name] = item_counts.get(name, 0) + 1
    context = {
        "uscc": uscc,
        "year": year,
        "entity": entity,
        "rows": rows,
        "item_counts": sorted(item_counts.items()),
        "over_cap": [name for name, n in item_counts.items() if n > 1],
        "searched": bool(uscc),
        "years": list(range(timezone.localdate().year, timezone.localdate().year - 5, -1)),
        "today": dt.date.today(),
    }
    return _public(request, "inspections/public_entity.html", context)
