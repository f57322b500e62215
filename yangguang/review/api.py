"""Legal review API (/api/review/): submit a case for review, resubmit, the queue, a request with its
rounds, assign a reviewer, record the findings and the opinion, coordination. Errors are
{code, message}. Session authentication (the same login as the pages)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.security import django_auth

from yangguang.access import policy
from yangguang.cases.selectors import get_case
from yangguang.cases.services import case_transition
from yangguang.core.errors import DomainError, NotFoundError
from yangguang.roster.models import Officer, User

from . import gate, selectors, services
from .models import CHECKS, Coordination, ReviewRequest, ReviewRound

router = Router(tags=["review"], auth=django_auth)


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _get(request: HttpRequest, pk: int) -> ReviewRequest:
    found = selectors.get_request(_user(request), pk)
    if found is None:
        raise NotFoundError("法制审核申请不存在或无权查看", code="review_not_found")
    return found


def _case(request: HttpRequest, case_id: int) -> Any:
    case = get_case(_user(request), case_id)
    if case is None:
        raise NotFoundError("案件不存在或无权查看", code="case_not_found")
    return case


def round_dict(rnd: ReviewRound) -> dict[str, Any]:
    return {
        "number": rnd.number,
        "submitted_on": rnd.submitted_on,
        "submitted_by": rnd.submitted_by.display_name(),
        "due_on": rnd.due_on,
        "truth_statement": rnd.truth_statement,
        "note": rnd.note,
        "materials": rnd.materials,
        "changes": rnd.changes,
        "discretion_outside": rnd.discretion_outside,
        "outside_reason": rnd.outside_reason,
        "opinion": rnd.opinion,
        "opinion_text": rnd.opinion_text,
        "reviewed_on": rnd.reviewed_on,
        "findings": [
            {"check": f.check_no, "label": f.label, "result": f.result, "note": f.note, "flagged": f.flagged}
            for f in rnd.findings.all()
        ],
        "document": rnd.document,
    }


def request_dict(r: ReviewRequest, *, full: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": r.pk,
        "case": {"id": r.case_id, "number": r.case.number, "title": r.case.title},
        "status": r.status,
        "reviewer": {"id": r.reviewer_id, "name": r.reviewer.name} if r.reviewer else None,
        "submitted_on": r.submitted_on,
        "major_reasons": r.major_reasons,
        "passed_on": r.passed_on,
    }
    if full:
        out["rounds"] = [round_dict(x) for x in r.rounds.order_by("number").prefetch_related("findings")]
        out["coordinations"] = [
            {
                "id": c.pk,
                "round": c.round.number,
                "unit_position": c.unit_position,
                "reviewer_position": c.reviewer_position,
                "method": c.method,
                "outcome": c.outcome,
                "conclusion": c.conclusion,
            }
            for c in r.coordinations.select_related("round")
        ]
    return out


class SubmitIn(Schema):
    truth_statement: bool = False
    note: str = ""
    changes: str = ""
    occurred_on: dt.date | None = None


class AssignIn(Schema):
    reviewer_id: int


class FindingIn(Schema):
    check: int
    result: str
    note: str = ""


class OpinionIn(Schema):
    findings: list[FindingIn]
    opinion: str
    text: str


class CoordinationIn(Schema):
    unit_position: str


class ResolveIn(Schema):
    method: str
    outcome: str
    conclusion: str
    reviewer_position: str = ""


@router.get("/checks")
def checks(request: HttpRequest) -> list[dict[str, Any]]:
    """The nine checks of the reviewer (domain.md §5)."""
    return [{"check": n, "label": label} for n, label in CHECKS]


@router.get("/queue")
def queue(request: HttpRequest) -> dict[str, Any]:
    q = selectors.queue(_user(request))
    return {
        key: [{**request_dict(r["request"]), "round": r["round"].number, "deadline": r["deadline"]} for r in rows]
        for key, rows in q.items()
    }


@router.get("/cases/{case_id}")
def case_review(request: HttpRequest, case_id: int) -> dict[str, Any]:
    """Whether the case is major and why, the discretion check, and its latest review."""
    case = _case(request, case_id)
    latest = gate.latest_request(case)
    discretion = gate.case_discretion(case) if case.proposed_penalty_types else None
    return {
        "case_id": case.pk,
        "major": case.is_major,
        "reasons": [r.text for r in gate.major_reasons(case)],
        "flags": gate.current_flags(case),
        "discretion": {k: v for k, v in discretion.items() if k != "check"} if discretion else None,
        "review": request_dict(latest, full=True) if latest else None,
        "passed": gate.review_passed(case),
    }


def _transition(request: HttpRequest, case_id: int, action: str, data: dict[str, Any], on: dt.date | None) -> Any:
    case = _case(request, case_id)
    case_transition(case=case, action=action, actor=_user(request), data=data, occurred_on=on)
    found = gate.latest_request(case)
    assert found is not None
    return found


@router.post("/cases/{case_id}/submit", response={201: dict})
def submit(request: HttpRequest, case_id: int, payload: SubmitIn) -> Status[dict[str, Any]]:
    """The case unit submits the case for review (the case step 提交法制审核)."""
    data = {"truth_statement": payload.truth_statement, "note": payload.note}
    return Status(
        201, request_dict(_transition(request, case_id, "submit_review", data, payload.occurred_on), full=True)
    )


@router.post("/cases/{case_id}/resubmit", response={201: dict})
def resubmit(request: HttpRequest, case_id: int, payload: SubmitIn) -> Status[dict[str, Any]]:
    """The unit resubmits after changing the case (重新提交法制审核)."""
    data = {"truth_statement": payload.truth_statement, "changes": payload.changes}
    return Status(
        201, request_dict(_transition(request, case_id, "resubmit_review", data, payload.occurred_on), full=True)
    )


@router.get("/requests/{pk}")
def get_request(request: HttpRequest, pk: int) -> dict[str, Any]:
    return request_dict(_get(request, pk), full=True)


@router.post("/requests/{pk}/assign")
def assign(request: HttpRequest, pk: int, payload: AssignIn) -> dict[str, Any]:
    review = _get(request, pk)
    officer = Officer.objects.filter(pk=payload.reviewer_id).first()
    if officer is None:
        raise NotFoundError("审核人员不存在", code="reviewer_not_found")
    return request_dict(services.assign_reviewer(request=review, reviewer=officer, actor=_user(request)), full=True)


@router.post("/requests/{pk}/opinion")
def opinion(request: HttpRequest, pk: int, payload: OpinionIn) -> dict[str, Any]:
    review = _get(request, pk)
    findings = {f.check: (f.result, f.note) for f in payload.findings}
    services.record_opinion(
        request=review, actor=_user(request), findings=findings, opinion=payload.opinion, text=payload.text
    )
    return request_dict(_get(request, pk), full=True)


@router.post("/requests/{pk}/coordination", response={201: dict})
def coordination(request: HttpRequest, pk: int, payload: CoordinationIn) -> Status[dict[str, Any]]:
    review = _get(request, pk)
    services.request_coordination(request=review, actor=_user(request), unit_position=payload.unit_position)
    return Status(201, request_dict(_get(request, pk), full=True))


@router.post("/requests/{pk}/coordination/resolve")
def resolve(request: HttpRequest, pk: int, payload: ResolveIn) -> dict[str, Any]:
    review = _get(request, pk)
    policy.require(_user(request), "review.coordinate.resolve", review)  # before the state: 403
    pending = Coordination.objects.filter(request=review, outcome="").first()
    if pending is None:
        raise DomainError(services.MSG_RESOLVE_STATE, code="review_state")
    services.resolve_coordination(
        coordination=pending,
        actor=_user(request),
        method=payload.method,
        outcome=payload.outcome,
        conclusion=payload.conclusion,
        reviewer_position=payload.reviewer_position,
    )
    return request_dict(_get(request, pk), full=True)
