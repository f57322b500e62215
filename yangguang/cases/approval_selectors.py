"""Reads of approvals (审批): the approver's queue, a submitter's requests, delegations, and the
to-do items the cases app contributes to the to-do centre."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from yangguang.access import policy
from yangguang.roster.models import Role, User

from .access_rules import ApprovalSubject
from .models import ApprovalDelegation, ApprovalRequest, Case
from .selectors import due_soon
from .workflow import workflow_for

APPROVER_ROLES = (Role.UNIT_HEAD, Role.AGENCY_HEAD)


def _pending(agency_id: int | None) -> QuerySet[ApprovalRequest]:
    return (
        ApprovalRequest.objects.filter(status=ApprovalRequest.Status.PENDING, case__agency_id=agency_id or 0)
        .select_related("case", "case__agency", "requested_by")
        .order_by("requested_on", "pk")
    )


def subject_of(req: ApprovalRequest) -> ApprovalSubject | None:
    t = workflow_for(req.case.kind).by_action(req.action)
    return ApprovalSubject(req.case, t, req.requested_by) if t is not None else None


def may_decide(user: User, req: ApprovalRequest, on: dt.date | None = None) -> bool:
    subject = subject_of(req)
    return subject is not None and policy.allows(user, "case.approve", subject, on=on or timezone.localdate())


def approval_queue(user: User, on: dt.date | None = None) -> list[ApprovalRequest]:
    """The pending requests ``user`` may approve today (his own authority or a delegation)."""
    if getattr(user, "role", "") not in APPROVER_ROLES:
        return []
    on = on or timezone.localdate()
    return [r for r in _pending(user.agency_id) if may_decide(user, r, on)]


def my_requests(user: User, *, days: int = 30) -> list[ApprovalRequest]:
    """The user's pending requests and those decided in the last ``days`` days."""
    since = timezone.localdate() - dt.timedelta(days=days)
    qs = ApprovalRequest.objects.filter(requested_by=user).select_related("case")
    pending = qs.filter(status=ApprovalRequest.Status.PENDING)
    decided = qs.filter(decided_on__gte=since).exclude(status=ApprovalRequest.Status.PENDING)
    return list(pending.order_by("requested_on", "pk")) + list(decided.order_by("-decided_on", "-pk"))


def returned_to_redo(user: User) -> list[ApprovalRequest]:
    """Requests returned to ``user`` whose step is still to be taken (no later request of the same step)."""
    out = []
    for r in ApprovalRequest.objects.filter(requested_by=user, status=ApprovalRequest.Status.RETURNED).select_related(
        "case"
    ):
        later = ApprovalRequest.objects.filter(case_id=r.case_id, action=r.action, pk__gt=r.pk).exists()
        step = workflow_for(r.case.kind).get(r.case.state, r.action)
        if not later and step is not None:
            out.append(r)
    return out


def delegations_of(user: User) -> list[ApprovalDelegation]:
    """Delegations given by or to ``user`` that have not ended."""
    today = timezone.localdate()
    given = ApprovalDelegation.objects.filter(principal=user, ends_on__gte=today, revoked_on__isnull=True)
    received = ApprovalDelegation.objects.filter(delegate=user, ends_on__gte=today, revoked_on__isnull=True)
    return list((given | received).select_related("principal", "delegate").order_by("starts_on", "pk"))


def delegate_candidates(user: User) -> list[User]:
    return [
        u
        for u in User.objects.filter(agency_id=user.agency_id or 0, is_active=True, role__in=APPROVER_ROLES)
        .exclude(pk=user.pk)
        .order_by("role", "full_name", "username")
        if policy.allows(user, "case.approval.delegate", u)
    ]


# --- the to-do centre (contributed to core.extensions.TODO_SOURCES) --------------------------------


def _case_text(case: Case) -> str:
    return f"{case.number} {case.title}"


def todo_items(user: User, today: dt.date) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for r in approval_queue(user, today):
        items.append(
            {
                "bucket": "mine",
                "kind": "待审批",
                "title": f"{r.label}：{_case_text(r.case)}",
                "note": f"{r.requested_by.display_name()}于{r.requested_on.isoformat()}提请",
                "url": reverse("cases:approval", args=[r.pk]),
                "due": None,
                "since": r.requested_on,
            }
        )
    for r in returned_to_redo(user):
        items.append(
            {
                "bucket": "mine",
                "kind": "被退回",
                "title": f"{r.label}：{_case_text(r.case)}",
                "note": f"{r.decided_by_name}退回：{r.opinion}",
                "url": reverse("cases:detail", args=[r.case_id]),
                "due": None,
                "since": r.decided_on,
            }
        )
    rows = due_soon(user, today) if user.role == Role.OFFICER or user.role in APPROVER_ROLES else []
    for row in rows:
        if row["status"] == "ok":
            continue
        d, case = row["deadline"], row["case"]
        items.append(
            {
                "bucket": "overdue" if row["status"] == "overdue" else "soon",
                "kind": d.label,
                "title": _case_text(case),
                "note": f"{d.period}，{d.basis}",
                "url": reverse("cases:detail", args=[case.pk]),
                "due": d.due,
                "since": None,
            }
        )
    return items
