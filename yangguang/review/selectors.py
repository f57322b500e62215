"""Reads of the legal review: the reviewers' queue with deadlines, a request with its rounds, the
panel on the case page, reviewer staffing per agency, the home page panels."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from yangguang.access import policy
from yangguang.cases.workflow import MAJOR_FLAG_CHOICES, CaseKind
from yangguang.core.errors import DomainError
from yangguang.documents.selectors import documents_for_subject
from yangguang.evidence.models import EvidenceKind
from yangguang.evidence.selectors import case_evidence
from yangguang.roster.models import Agency, Officer, Role, User
from yangguang.roster.selectors import agency_stats, certificate_state_on, visible_agencies
from yangguang.workdays.selectors import working_days_between

from . import gate
from .materials import MATERIAL_LABELS
from .models import (
    CHECKS,
    REVIEWER_HOLDS,
    RequestStatus,
    ReviewRequest,
    ReviewRound,
)
from .services import reviewer_problems, setting_for

if TYPE_CHECKING:
    from yangguang.cases.models import Case


def visible_requests(user: User) -> QuerySet[ReviewRequest]:
    """Requests the user may read (the policy's ``review.request.view``: who may read the case)."""
    return policy.scope(user, "review.request.view", ReviewRequest.objects.select_related("case", "agency", "reviewer"))


def get_request(user: User, pk: int) -> ReviewRequest | None:
    return visible_requests(user).filter(pk=pk).first()


def deadline_status(rnd: ReviewRound, agency: Agency, today: dt.date) -> dict[str, Any]:
    """The round's review deadline: ok, warning (within the agency's warning days) or overdue."""
    try:
        left, _ = working_days_between(today, rnd.due_on)
    except DomainError:  # far outside the calendar: count calendar days
        left = (rnd.due_on - today).days
    if rnd.reviewed_on is not None:
        status = "done"
    elif today > rnd.due_on:
        status = "overdue"
    elif left <= setting_for(agency).warning_working_days:
        status = "warning"
    else:
        status = "ok"
    return {"due": rnd.due_on, "status": status, "working_days_left": left, "provisional": rnd.due_provisional}


def _row(request: ReviewRequest, today: dt.date) -> dict[str, Any]:
    rnd = request.rounds.order_by("-number").first()
    assert rnd is not None
    return {
        "request": request,
        "case": request.case,
        "round": rnd,
        "status_label": RequestStatus(request.status).label,
        "deadline": deadline_status(rnd, request.agency, today),
    }


def queue(user: User, today: dt.date | None = None) -> dict[str, list[dict[str, Any]]]:
    """The reviewer's queue: mine (assigned to me, awaiting my opinion), unassigned requests of the
    agency, and those returned to the units or in coordination; soonest deadline first."""
    today = today or timezone.localdate()
    qs = visible_requests(user).exclude(status=RequestStatus.PASSED).prefetch_related("rounds")
    rows = [_row(r, today) for r in qs]
    rows.sort(key=lambda r: (r["deadline"]["due"], r["request"].pk))
    mine = [
        r
        for r in rows
        if r["request"].status == RequestStatus.IN_REVIEW
        and user.officer_id is not None
        and r["request"].reviewer_id == user.officer_id
    ]
    return {
        "mine": mine,
        "unassigned": [r for r in rows if r["request"].status == RequestStatus.PENDING],
        "in_review": [r for r in rows if r["request"].status == RequestStatus.IN_REVIEW and r not in mine],
        "returned": [r for r in rows if r["request"].status in (RequestStatus.RETURNED, RequestStatus.COORDINATION)],
    }


def eligible_reviewers(case: Case) -> list[Officer]:
    officers = (
        Officer.objects.filter(agency_id=case.agency_id, is_reviewer=True).select_related("unit").order_by("name")
    )
    return [o for o in officers if reviewer_problems(case, o) is None]


def rounds(request: ReviewRequest) -> list[dict[str, Any]]:
    out = []
    for rnd in request.rounds.order_by("number").prefetch_related("findings"):
        findings = {f.check_no: f for f in rnd.findings.all()}
        out.append(
            {
                "round": rnd,
                "findings": [{"no": n, "label": label, "finding": findings.get(n)} for n, label in CHECKS],
                "coordinations": list(rnd.coordinations.all()),
            }
        )
    return out


def handler_flags(case: Case, on: dt.date) -> list[dict[str, str]]:
    """The case's active handlers whose certificate is not valid on ``on`` (持证上岗), with why: the
    reviewer checks 执法人员是否具备执法资格 (check 2)."""
    out = []
    for link in case.case_officers.filter(active=True).select_related("officer"):
        state = certificate_state_on(link.officer, on)
        if not state.valid:
            out.append({"name": link.officer.name, "reason": str(state.reason)})
    return out


def case_file(request: ReviewRequest, user: User) -> dict[str, Any]:
    """The evidence and the documents of the case, each opened from the review page with the
    review as the reason of the access (调阅)."""
    case = request.case
    current = request.rounds.order_by("-number").first()
    number = current.number if current else 1
    evidence = [
        {"ev": ev, "kind_label": EvidenceKind(ev.kind).label if ev.kind in EvidenceKind.values else ev.kind}
        for ev in case_evidence(case)
    ]
    return {
        "file_evidence": evidence,
        "file_documents": list(documents_for_subject(case.subject_label, user=user)),
        "access_reason": f"法制审核：{case.number}（第{number}轮）",
    }


def request_context(request: ReviewRequest, user: User, today: dt.date | None = None) -> dict[str, Any]:
    """Everything the review page shows and which forms it offers to this user."""
    today = today or timezone.localdate()
    case = request.case
    current = request.rounds.order_by("-number").first()
    assert current is not None
    materials = [
        {"key": k, "label": label, "value": current.materials.get(k)}
        for k, label in MATERIAL_LABELS.items()
        if current.materials.get(k) not in (None, "", [])
    ]
    is_reviewer = policy.allows(user, "review.opinion", request)
    can_assign = request.status in (RequestStatus.PENDING, RequestStatus.IN_REVIEW) and policy.allows(
        user, "review.assign", request
    )
    open_coordination = request.coordinations.filter(outcome="").first()
    unit_member = policy.allows(user, "review.coordinate.request", request)
    return {
        "request": request,
        "case": case,
        "status_label": RequestStatus(request.status).label,
        "current": current,
        "materials": materials,
        "changes": current.changes,
        "rounds": rounds(request),
        "checks": CHECKS,
        "deadline": deadline_status(current, request.agency, today),
        "can_assign": can_assign,
        "reviewers": eligible_reviewers(case) if can_assign else [],
        "can_review": is_reviewer and request.status == RequestStatus.IN_REVIEW,
        "can_request_coordination": unit_member and request.status == RequestStatus.RETURNED,
        "open_coordination": open_coordination,
        "can_resolve": open_coordination is not None and policy.allows(user, "review.coordinate.resolve", request),
        "coordinations": list(request.coordinations.all()),
        "handler_flags": handler_flags(case, today),
        **case_file(request, user),
    }


def case_panel(case: Case, user: User) -> dict[str, Any]:
    """The legal review panel of the case page: is the case major and why, the discretion check of the
    proposal, the review status and rounds."""
    if case.kind != CaseKind.PENALTY_ORDINARY:
        return {"show": False}
    request = gate.latest_request(case)
    reasons = [r.text for r in gate.major_reasons(case)] if case.proposed_penalty_types or case.is_major else []

    labels = dict(MAJOR_FLAG_CHOICES)
    flags = {labels.get(code, code): reason for code, reason in gate.current_flags(case).items()}
    discretion = gate.case_discretion(case) if case.proposed_penalty_types else None
    row = None
    if request is not None:
        row = _row(request, timezone.localdate())
    return {
        "show": True,
        "case": case,
        "is_major": case.is_major,
        "reasons": reasons,
        "flags": flags,
        "discretion": discretion,
        "request": request,
        "row": row,
        "rounds": request.rounds.order_by("number") if request else [],
        "passed": gate.review_passed(case),
        "stale": gate.review_stale(case),
        "holds": request is not None and request.status in REVIEWER_HOLDS,
        "user": user,
    }


# --- staffing -----------------------------------------------------------------------------------


def staffing(user: User, today: dt.date | None = None) -> list[dict[str, Any]]:
    """Reviewers as a share of each agency's enforcement staff, against the 5% floor (domain.md §5)."""
    agencies = visible_agencies(user).filter(is_supervisor=False)
    return agency_stats(agencies, today=today or timezone.localdate())


# --- home panels ------------------------------------------------------------------------------


def home_panels(user: User, role: str) -> list[dict[str, Any]]:
    """Panels for the home pages (contributed as ``extensions.HOME_PANELS`` in ``apps.py``)."""
    if role not in (Role.REVIEWER, Role.AGENCY_HEAD):
        return []
    q = queue(user)
    rows = q["mine"] + q["unassigned"] if role == Role.REVIEWER else q["unassigned"] + q["in_review"] + q["mine"]
    return [{"title": "法制审核待办", "template": "review/_panel_queue.html", "rows": rows[:10]}]


def todo_items(user: User, today: dt.date) -> list[dict[str, Any]]:
    """The review items of the to-do centre (``core.extensions.TODO_SOURCES``): a reviewer's assigned
    reviews awaiting his opinion, the requests waiting for a reviewer to be assigned (for those who
    assign), and the review deadlines of the reviews he holds (3 working days / overdue)."""
    if getattr(user, "role", "") not in ("reviewer", "agency_head"):
        return []
    q = queue(user, today)
    items: list[dict[str, Any]] = []

    def item(row: dict[str, Any], kind: str, bucket: str) -> dict[str, Any]:
        case = row["case"]
        return {
            "bucket": bucket,
            "kind": kind,
            "title": f"{case.number} {case.title}",
            "note": f"第{row['round'].number}轮，审核期限 {row['deadline']['due'].isoformat()}",
            "url": reverse("review:detail", args=[row["request"].pk]),
            "due": row["deadline"]["due"],
            "since": row["round"].submitted_on,
        }

    for row in q["mine"]:
        items.append(item(row, "待审核", "mine"))
        if row["deadline"]["status"] in ("warning", "overdue"):
            items.append(item(row, "审核期限", "overdue" if row["deadline"]["status"] == "overdue" else "soon"))
    items.extend(
        item(row, "待分配审核人员", "mine")
        for row in q["unassigned"]
        if policy.allows(user, "review.assign", row["request"], on=today)
    )
    return items
