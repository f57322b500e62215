"""Reads of the random inspections: eligible entities and inspectors of a draw (the snapshots),
task lists, the figures (completion, closure, finding rate, non-compliance estimate with its
Wilson interval) and an entity's own record."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from yangguang.access import policy
from yangguang.publicity.models import Publication, PublicationStatus, SourceKind
from yangguang.roster.models import ActionKind, Agency, Entity, Officer, RiskGrade, User
from yangguang.roster.selectors import certificate_state_on

from .models import (
    NOT_ASSESSED_CODES,
    PROBLEM_CODES,
    Assignment,
    Conflict,
    DrawStatus,
    InspectionPlan,
    InspectionTask,
    TaskStatus,
)

STRATUM_LABELS = {code: str(label) for code, label in RiskGrade.choices}


def plan_agencies(plan: InspectionPlan) -> list[Agency]:
    """The lead agency first, then the participants (by credit code): the draw's agency order."""
    return [plan.agency, *sorted(plan.participants.exclude(pk=plan.agency_id), key=lambda a: a.uscc)]


def eligible_entities(plan: InspectionPlan, on: dt.date) -> QuerySet[Entity]:
    """The plan's scope (regions and below, by default the lead agency's; industries; entity types
    from the credit code) minus
    the entities the rules exclude: the same item already inspected this year (unless the plan
    allows it) and entities inspected within ``recent_days`` before ``on``."""
    qs = Entity.objects.all()
    regions = list(plan.regions.all()) or [plan.agency.region]
    if regions:
        cond = Q()
        for r in regions:
            cond |= Q(region__path__startswith=r.path)
        qs = qs.filter(cond)
    if plan.industries:
        qs = qs.filter(industry__in=plan.industries)
    if plan.entity_types:
        cond = Q()
        for t in plan.entity_types:
            cond |= Q(uscc__startswith=t)
        qs = qs.filter(cond)
    drawn = InspectionTask.objects.filter(draw__status=DrawStatus.DRAWN).exclude(plan=plan)
    if not plan.allow_repeat:
        same_item = drawn.filter(plan__year=plan.year, plan__items__in=plan.items.all())
        qs = qs.exclude(pk__in=same_item.values("entity_id"))
    if plan.recent_days:
        since = on - dt.timedelta(days=plan.recent_days)
        recent = drawn.filter(
            Q(inspected_on__gte=since, inspected_on__lte=on)
            | Q(inspected_on__isnull=True, draw__inspection_date__gte=since, draw__inspection_date__lte=on)
        )
        qs = qs.exclude(pk__in=recent.values("entity_id"))
    return qs


def inspector_problem(officer: Officer, on: dt.date) -> str | None:
    """Why ``officer`` may not inspect on ``on`` (certificate, category), or None."""
    state = certificate_state_on(officer, on)
    if not state.valid:
        return f"{officer.name}：{state.reason}"
    if ActionKind.INSPECTION not in (officer.categories or []):
        return f"{officer.name}：执法类别不含行政检查"
    return None


def eligible_inspectors(agencies: list[Agency], on: dt.date) -> list[Officer]:
    """Officers of ``agencies`` with a certificate valid on ``on`` whose categories cover
    inspection (持证上岗)."""
    officers = (
        Officer.objects.filter(agency__in=agencies).select_related("agency").prefetch_related("certificate_events")
    )
    return [o for o in officers if inspector_problem(o, on) is None]


def active_conflicts(officers: list[Officer]) -> QuerySet[Conflict]:
    return Conflict.objects.filter(active=True, officer__in=[o.pk for o in officers])


def has_conflict(officer: Officer, entity: Entity) -> bool:
    return Conflict.objects.filter(active=True, officer=officer, entity=entity).exists()


# --- lists -----------------------------------------------------------------------------------------


def visible_plans(user: Any) -> QuerySet[InspectionPlan]:
    return policy.scope(user, "inspection.plan.view", InspectionPlan.objects.select_related("agency"))


def published_plans() -> QuerySet[InspectionPlan]:
    return InspectionPlan.objects.exclude(status__in=["draft", "approved"]).select_related("agency")


def my_tasks(user: Any) -> QuerySet[InspectionTask]:
    """The tasks the user is an active inspector of, open ones first."""
    officer_id = getattr(user, "officer_id", None)
    if officer_id is None:
        return InspectionTask.objects.none()
    ids = Assignment.objects.filter(officer_id=officer_id, active=True).values("task_id")
    return (
        InspectionTask.objects.filter(pk__in=ids, draw__status=DrawStatus.DRAWN)
        .select_related("plan", "entity")
        .order_by("status", "plan__period_end", "rank")
    )


def review_queue(user: Any) -> QuerySet[InspectionTask]:
    return policy.scope(
        user, "inspection.task.review", InspectionTask.objects.filter(status=TaskStatus.SUBMITTED)
    ).select_related("plan", "entity")


def publications_of(tasks: list[InspectionTask]) -> dict[int, Publication]:
    pubs = Publication.objects.filter(source_kind=SourceKind.INSPECTION_RESULT, source_id__in=[t.pk for t in tasks])
    return {p.source_id: p for p in pubs}


def due_board(user: Any, today: dt.date) -> list[dict[str, Any]]:
    """Approved or pending results not yet published, with their due dates (the overdue first)."""
    tasks = list(
        policy.scope(user, "inspection.task.review", InspectionTask.objects.filter(draw__status=DrawStatus.DRAWN))
        .exclude(publish_due=None)
        .select_related("plan", "entity")
        .order_by("publish_due")[:200]
    )
    pubs = publications_of(tasks)
    out = []
    for t in tasks:
        pub = pubs.get(t.pk)
        if pub is not None and pub.status == PublicationStatus.PUBLISHED:
            continue
        due = t.publish_due
        out.append({"task": t, "due": due, "overdue": due is not None and due < today, "publication": pub})
    return out


# --- figures -------------------------------------------------------------------------------------


def wilson(successes: int, n: int, z: float = 1.959964) -> tuple[float, float]:
    """The Wilson score interval of a proportion (95% by default); (0, 1) for n = 0."""
    if n <= 0:
        return (0.0, 1.0)
    p = successes / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return (max(0.0, centre - half), min(1.0, centre + half))


@dataclass
class StratumFigures:
    stratum: str
    label: str
    population: int
    drawn: int
    recorded: int
    closed: int
    published: int
    problems: int
    assessed: int

    @property
    def completion_rate(self) -> float:
        return self.published / self.drawn if self.drawn else 0.0

    @property
    def closure_rate(self) -> float:
        return self.closed / self.drawn if self.drawn else 0.0

    @property
    def finding_rate(self) -> float:
        return self.problems / self.recorded if self.recorded else 0.0

    @property
    def estimate(self) -> float:
        return self.problems_assessed / self.assessed if self.assessed else 0.0

    problems_assessed: int = 0

    @property
    def interval(self) -> tuple[float, float]:
        return wilson(self.problems_assessed, self.assessed)

    def as_dict(self) -> dict[str, Any]:
        low, high = self.interval
        return {
            "stratum": self.stratum,
            "label": self.label,
            "population": self.population,
            "drawn": self.drawn,
            "recorded": self.recorded,
            "closed": self.closed,
            "published": self.published,
            "problems": self.problems,
            "assessed": self.assessed,
            "completion_rate": round(self.completion_rate, 4),
            "closure_rate": round(self.closure_rate, 4),
            "finding_rate": round(self.finding_rate, 4),
            "noncompliance_estimate": round(self.estimate, 4),
            "ci95_low": round(low, 4),
            "ci95_high": round(high, 4),
        }


def plan_figures(plan: InspectionPlan) -> list[StratumFigures]:
    """Per stratum of the plan's successful draw: 完成率 = 已公示/抽查户数, 完结率 = 审核通过/抽查户数,
    the finding rate among recorded results, and the stratum's non-compliance estimate (problems
    among the assessable results) with its 95% Wilson interval. Entities with no business to
    inspect (停业、注销、无经营活动) are left out of the estimate."""
    draw = plan.draws.filter(status=DrawStatus.DRAWN).first()
    if draw is None:
        return []
    tasks = list(InspectionTask.objects.filter(draw=draw))
    pubs = publications_of(tasks)
    out: dict[str, StratumFigures] = {}
    for stratum, population in sorted(draw.population.items()):
        out[stratum] = StratumFigures(stratum, STRATUM_LABELS.get(stratum, stratum), population, 0, 0, 0, 0, 0, 0)
    for t in tasks:
        f = out.setdefault(
            t.stratum, StratumFigures(t.stratum, STRATUM_LABELS.get(t.stratum, t.stratum), 0, 0, 0, 0, 0, 0, 0)
        )
        f.drawn += 1
        if t.status != TaskStatus.PENDING and t.result_code:
            f.recorded += 1
            f.problems += t.result_code in PROBLEM_CODES
        if t.status == TaskStatus.APPROVED:
            f.closed += 1
            if t.result_code not in NOT_ASSESSED_CODES:
                f.assessed += 1
                f.problems_assessed += t.result_code in PROBLEM_CODES
        pub = pubs.get(t.pk)
        if pub is not None and pub.status == PublicationStatus.PUBLISHED:
            f.published += 1
    return list(out.values())


# --- the entity's own page -----------------------------------------------------------------------


def entity_record(entity: Entity, year: int) -> list[InspectionTask]:
    """The entity's drawn inspections of ``year`` (by the plan's year)."""
    return list(
        InspectionTask.objects.filter(entity=entity, plan__year=year, draw__status=DrawStatus.DRAWN)
        .select_related("plan", "plan__agency", "draw")
        .prefetch_related("plan__items")
        .order_by("draw__revealed_at")
    )


def users_of_officers(officer_ids: list[int]) -> dict[int, User]:
    return {u.officer_id: u for u in User.objects.filter(officer_id__in=officer_ids) if u.officer_id}
