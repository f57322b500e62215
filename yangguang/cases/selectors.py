"""Reads of cases: lists scoped to the user, the timeline, the available next actions, deadlines
per officer and per agency, and the home page panels."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from yangguang.core.errors import DomainError
from yangguang.roster.models import Role, User
from yangguang.roster.selectors import visible_agencies

from .deadlines import CaseDeadline, case_deadlines
from .models import Case, Step
from .services import check_actor
from .workflow import OPEN_STATES, Transition, workflow_for

AGENCY_WIDE_ROLES = {Role.UNIT_HEAD, Role.AGENCY_HEAD, Role.REVIEWER, Role.SUPERVISOR, Role.ADMIN}


def visible_cases(user: User) -> QuerySet[Case]:
    """Cases the user may read: officers their own cases; heads and reviewers their agency's;
    supervisors every agency of their region and below; administrators all."""
    qs = Case.objects.select_related("agency", "item", "region")
    if not user.is_authenticated:
        return qs.none()
    if user.is_superuser or user.role in AGENCY_WIDE_ROLES:
        return qs.filter(agency__in=visible_agencies(user))
    if user.role == Role.OFFICER and user.officer_id:
        return qs.filter(case_officers__officer_id=user.officer_id).distinct()
    return qs.none()


def my_cases(user: User, *, open_only: bool = False, q: str = "") -> QuerySet[Case]:
    """ "My cases": an officer's cases (those they handle now), or the agency's for heads."""
    if user.role == Role.OFFICER:
        qs = visible_cases(user).filter(case_officers__officer_id=user.officer_id or 0, case_officers__active=True)
    else:
        qs = visible_cases(user)
    if open_only:
        qs = qs.filter(state__in=OPEN_STATES)
    if q:
        qs = qs.filter(title__contains=q) | qs.filter(number__contains=q) | qs.filter(parties__name__contains=q)
    return qs.distinct().order_by("-registered_on", "-pk")


def get_case(user: User, pk: int) -> Case | None:
    return visible_cases(user).filter(pk=pk).first()


def timeline(case: Case) -> list[Step]:
    return list(case.steps.select_related("actor").order_by("seq"))


def available_actions(case: Case, user: User, on: dt.date | None = None) -> list[Transition]:
    """The next steps of the declared workflow that this user may take on this case now (the
    guards are checked when the step is submitted, so that the refusal names its rule)."""
    on = on or timezone.localdate()
    out = []
    for t in workflow_for(case.kind).from_state(case.state):
        try:
            check_actor(case, t, user, on)
        except DomainError:
            continue
        out.append(t)
    return out


def _rows(cases: QuerySet[Case], today: dt.date) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for case in cases.prefetch_related("parties"):
        for d in case_deadlines(case):
            rows.append({"case": case, "deadline": d, "status": d.status(today), "days_left": d.days_left(today)})
    rows.sort(key=lambda r: (r["deadline"].due, r["case"].pk))
    return rows


def officer_deadlines(user: User, today: dt.date | None = None) -> list[dict[str, Any]]:
    """The running deadlines of the open cases the officer handles, soonest first."""
    if not user.officer_id:
        return []
    cases = Case.objects.filter(
        case_officers__officer_id=user.officer_id, case_officers__active=True, state__in=OPEN_STATES
    ).distinct()
    return _rows(cases, today or timezone.localdate())


def agency_deadlines(user: User, today: dt.date | None = None) -> list[dict[str, Any]]:
    """The running deadlines of every open case of the agencies the user oversees (unit heads,
    agency heads, reviewers, supervisors, administrators)."""
    if not (user.is_superuser or user.role in AGENCY_WIDE_ROLES):
        return []
    cases = Case.objects.filter(agency__in=visible_agencies(user), state__in=OPEN_STATES).select_related("agency")
    return _rows(cases, today or timezone.localdate())


def deadline_dict(d: CaseDeadline, today: dt.date) -> dict[str, Any]:
    return {
        "code": d.code,
        "label": d.label,
        "basis": d.basis,
        "period": d.period,
        "start": d.start,
        "due": d.due,
        "status": d.status(today),
        "days_left": d.days_left(today),
        "provisional": d.provisional,
        "provisional_note": d.provisional_note,
        "detail": d.detail,
    }


def home_panels(user: User, role: str) -> list[dict[str, Any]]:
    """Panels for the home pages (contract in ``yangguang.core.selectors.home_extras``)."""
    today = timezone.localdate()
    panels: list[dict[str, Any]] = []
    if role in (Role.OFFICER, Role.UNIT_HEAD, Role.AGENCY_HEAD):
        cases = list(my_cases(user, open_only=True)[:10])
        panels.append({"title": "我的待办案件", "template": "cases/_panel_cases.html", "cases": cases})
    if role == Role.OFFICER:
        rows = officer_deadlines(user, today)
    elif role in AGENCY_WIDE_ROLES:
        rows = agency_deadlines(user, today)
    else:
        rows = []
    if role in (Role.OFFICER, Role.UNIT_HEAD, Role.AGENCY_HEAD, Role.SUPERVISOR):
        soon = [r for r in rows if r["status"] != "ok"][:10]
        panels.append({"title": "即将到期", "template": "cases/_panel_deadlines.html", "rows": soon})
    return panels
