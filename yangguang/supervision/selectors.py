"""Reads of the supervision app: the supervision scope, the warning models with their hit counts and
precision, a model's hits with the supervisors' verdicts."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from yangguang.access import policy
from yangguang.roster.models import Agency, Role, User

from . import parameters
from .models import Clue, ClueStatus, DocStatus, HitMark, SupervisionDocument, Verdict
from .rules import RULES, Hit, Rule


def scope_agencies(user: User) -> QuerySet[Agency]:
    """The enforcement agencies the user supervises: the region of their justice bureau and below
    (the permission policy's ``agency.work`` for a supervisor), without the bureaus themselves."""
    return policy.scope(user, "agency.work", Agency.objects.all()).filter(is_supervisor=False)


def bureau_of(user: User) -> Agency | None:
    agency = getattr(user, "agency", None)
    return agency if agency is not None and agency.is_supervisor else None


def precision(confirmed: int, false_alarms: int) -> float | None:
    """Share of confirmed hits among those judged (None before any verdict)."""
    judged = confirmed + false_alarms
    return round(100 * confirmed / judged, 1) if judged else None


def mark_counts(user: User) -> dict[str, dict[str, int]]:
    bureau = bureau_of(user)
    if bureau is None:
        return {}
    rows = (
        HitMark.objects.filter(bureau=bureau)
        .values("rule")
        .annotate(
            confirmed=Count("pk", filter=Q(verdict=Verdict.CONFIRMED)),
            false_alarms=Count("pk", filter=Q(verdict=Verdict.FALSE_ALARM)),
        )
    )
    return {r["rule"]: {"confirmed": r["confirmed"], "false_alarms": r["false_alarms"]} for r in rows}


def model_rows(user: User, today: dt.date | None = None, *, with_hits: bool = True) -> list[dict[str, Any]]:
    """Every warning model with its declaration, the parameters in force for the user's bureau, its
    hit count in the user's scope (with those parameters) and its precision."""
    today = today or timezone.localdate()
    agencies = scope_agencies(user)
    marks = mark_counts(user)
    settings = parameters.in_force(bureau_of(user))
    out = []
    for r in RULES.values():
        m = marks.get(r.code, {"confirmed": 0, "false_alarms": 0})
        setting = settings.get(r.code)
        out.append(
            {
                "rule": r,
                "params": parameters.describe(r, setting),
                "version": parameters.version_label(r, setting),
                "setting": setting,
                "hits": len(r.hits(agencies, today, parameters.values_of(r, setting))) if with_hits else None,
                "confirmed": m["confirmed"],
                "false_alarms": m["false_alarms"],
                "precision": precision(m["confirmed"], m["false_alarms"]),
            }
        )
    return out


def hits_of(user: User, r: Rule, today: dt.date | None = None, agency_id: int | None = None) -> list[dict[str, Any]]:
    """The hits of one model in the user's scope (optionally of one agency), newest first, each with
    its agency and the supervisors' verdict if any."""
    today = today or timezone.localdate()
    agencies = scope_agencies(user)
    if agency_id is not None:
        agencies = agencies.filter(pk=agency_id)
    values, _version = parameters.for_user(user, r)
    hits: list[Hit] = sorted(r.hits(agencies, today, values), key=lambda h: (h.on or dt.date.min, h.key), reverse=True)
    names = dict(Agency.objects.filter(pk__in={h.agency_id for h in hits}).values_list("pk", "name"))
    bureau = bureau_of(user)
    verdicts = (
        {m.key: m for m in HitMark.objects.filter(bureau=bureau, rule=r.code, key__in=[h.key for h in hits])}
        if bureau is not None
        else {}
    )
    return [{"hit": h, "agency": names.get(h.agency_id, ""), "mark": verdicts.get(h.key)} for h in hits]


def find_hit(user: User, r: Rule, key: str, today: dt.date | None = None) -> Hit | None:
    """The hit ``key`` of model ``r`` as the model computes it now in the user's scope."""
    values, _version = parameters.for_user(user, r)
    for h in r.hits(scope_agencies(user), today or timezone.localdate(), values):
        if h.key == key:
            return h
    return None


def clues(user: User, status: str = "") -> QuerySet[Clue]:
    qs = policy.scope(user, "supervision.clue.view", Clue.objects.all()).select_related("agency", "assignee")
    if status in ClueStatus.values:
        qs = qs.filter(status=status)
    return qs.order_by("-pk")


def get_clue(user: User, pk: int) -> Clue | None:
    return clues(user).filter(pk=pk).first()


def documents(user: User) -> QuerySet[SupervisionDocument]:
    qs = policy.scope(user, "supervision.document.view", SupervisionDocument.objects.all())
    return qs.select_related("agency", "clue", "bureau").order_by("-issued_on", "-pk")


def get_document(user: User, pk: int) -> SupervisionDocument | None:
    return documents(user).filter(pk=pk).first()


def overdue_documents(user: User, today: dt.date | None = None) -> list[SupervisionDocument]:
    today = today or timezone.localdate()
    return [
        d
        for d in documents(user).filter(status__in=(DocStatus.SENT, DocStatus.RETURNED), due_on__lt=today)
        if d.is_overdue(today)
    ]


def bureau_supervisors(clue: Clue) -> QuerySet[User]:
    return User.objects.filter(agency_id=clue.bureau_id, role=Role.SUPERVISOR, is_active=True).order_by("username")


def home_panels(user: User, role: str) -> list[dict[str, Any]]:
    """Home panels (contributed as ``extensions.HOME_PANELS``): the supervisor's warning models and
    overdue answers; an agency head's supervision documents waiting for an answer."""
    today = timezone.localdate()
    if role == Role.SUPERVISOR:
        return [
            {"title": "监督预警模型", "template": "supervision/_panel_models.html", "rules": list(RULES.values())},
            {
                "title": "逾期未答复的监督文书",
                "template": "supervision/_panel_documents.html",
                "rows": overdue_documents(user, today)[:10],
            },
        ]
    if role in (Role.AGENCY_HEAD, Role.UNIT_HEAD):
        waiting = list(documents(user).filter(status__in=(DocStatus.SENT, DocStatus.RETURNED))[:10])
        return [{"title": "待答复的执法监督文书", "template": "supervision/_panel_documents.html", "rows": waiting}]
    return []
