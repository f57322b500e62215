"""Cases API (/api/cases/): register a case, list my cases, read a case with its timeline and
available actions, take a step (errors as {code, message}), deadlines, the workflow declarations
and the case's verifiable record. Session authentication (the same login as the pages)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema, Status
from ninja.security import django_auth

from yangguang.core.errors import NotFoundError
from yangguang.core.params import Id, PageNumber
from yangguang.roster.models import User

from . import approval_selectors, selectors, services
from .access_rules import APPROVERS
from .models import ApprovalRequest, Case, Step
from .workflow import WORKFLOWS, CaseKind, CaseState, Transition

router = Router(tags=["cases"], auth=django_auth)


class PartyIn(Schema):
    kind: str = ""
    name: str = ""
    id_number: str = ""
    address: str = ""
    phone: str = ""
    legal_representative: str = ""
    entity: int | None = None


class PersonIn(Schema):
    """A natural person the case touches besides the party (涉案人员)."""

    role: str
    name: str
    minor: bool = False
    id_number: str = ""
    phone: str = ""
    address: str = ""


class CaseIn(Schema):
    kind: str
    title: str
    parties: list[PartyIn]
    persons: list[PersonIn] = []
    officers: list[int] = []
    item: int | None = None
    source: str = "other"
    source_detail: str = ""
    facts: str = ""
    legal_basis: str = ""
    violation_date: dt.date | None = None
    discovery_date: dt.date | None = None
    harms_safety: bool = False
    involves_minor: bool = False
    is_secret: bool = False
    occurred_on: dt.date | None = None


class TransitionIn(Schema):
    action: str
    data: dict[str, Any] = {}
    reason: str = ""
    occurred_on: dt.date | None = None


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _get(request: HttpRequest, case_id: int) -> Case:
    case = selectors.get_case(_user(request), case_id)
    if case is None:
        raise NotFoundError("案件不存在或无权查看", code="case_not_found")
    return case


def transition_dict(t: Transition) -> dict[str, Any]:
    return {
        "action": t.action,
        "label": t.label,
        "from": list(t.sources),
        "to": t.target,
        "record": t.is_record,
        "roles": sorted(t.roles),
        "fields": [
            {
                "name": f.name,
                "label": f.label,
                "type": f.type,
                "required": f.required,
                "choices": [list(c) for c in f.choices],
            }
            for f in t.fields
        ],
        "reason_required": t.reason_required,
        "guards": list(t.guards),
        "documents": list(t.documents),
        "deadlines": list(t.deadlines),
        "requires": t.requires,
        "approval": (
            {"code": t.approval.code, "label": t.approval.label, "approvers": sorted(APPROVERS[t.approval.code])}
            if t.approval
            else None
        ),
    }


def case_summary(case: Case) -> dict[str, Any]:
    return {
        "id": case.pk,
        "number": case.number,
        "kind": case.kind,
        "kind_label": CaseKind(case.kind).label,
        "title": case.title,
        "state": case.state,
        "state_label": CaseState(case.state).label,
        "agency": case.agency.name,
        "registered_on": case.registered_on,
        "parties": [p.name for p in case.parties.all()],
    }


def step_dict(step: Step) -> dict[str, Any]:
    return {
        "seq": step.seq,
        "action": step.action,
        "label": step.label,
        "from": step.from_state,
        "to": step.to_state,
        "actor": step.actor_name,
        "occurred_on": step.occurred_on,
        "recorded_at": step.recorded_at,
        "reason": step.reason,
        "data": step.data,
        "documents": step.documents,
        "ledger_seq": step.ledger_seq,
    }


@router.post("/", response={201: dict[str, Any]})
def create(request: HttpRequest, payload: CaseIn) -> Status[dict[str, Any]]:
    case = services.create_case(
        actor=_user(request),
        kind=payload.kind,
        title=payload.title,
        parties=[p.dict() for p in payload.parties],
        officers=payload.officers,
        item=payload.item,
        source=payload.source,
        source_detail=payload.source_detail,
        facts=payload.facts,
        legal_basis=payload.legal_basis,
        violation_date=payload.violation_date,
        discovery_date=payload.discovery_date,
        harms_safety=payload.harms_safety,
        involves_minor=payload.involves_minor,
        is_secret=payload.is_secret,
        occurred_on=payload.occurred_on,
        persons=[p.dict() for p in payload.persons],
    )
    return Status(201, case_summary(case))


@router.get("/", response=dict[str, Any])
def my_cases(request: HttpRequest, q: str = "", open: bool = False, page: PageNumber = 1) -> dict[str, Any]:
    qs = selectors.my_cases(_user(request), open_only=open, q=q).prefetch_related("parties")
    page = max(page, 1)
    size = 50
    total = qs.count()
    items = [case_summary(c) for c in qs[(page - 1) * size : page * size]]
    return {"count": total, "page": page, "page_size": size, "items": items}


@router.get("/deadlines", response=dict[str, Any])
def deadlines(request: HttpRequest) -> dict[str, Any]:
    user = _user(request)
    today = timezone.localdate()

    def rows(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [
            {"case": r["case"].pk, "number": r["case"].number, **selectors.deadline_dict(r["deadline"], today)}
            for r in items
        ]

    return {
        "today": today,
        "mine": rows(selectors.officer_deadlines(user, today)),
        # the soonest AGENCY_DEADLINES_LIMIT of the cases the user oversees
        "agency": rows(selectors.agency_deadlines(user, today, limit=selectors.AGENCY_DEADLINES_LIMIT)),
    }


class DecisionIn(Schema):
    approve: bool
    opinion: str = ""
    occurred_on: dt.date | None = None


def approval_dict(r: ApprovalRequest) -> dict[str, Any]:
    return {
        "id": r.pk,
        "case": r.case_id,
        "number": r.case.number,
        "action": r.action,
        "approval": r.approval,
        "label": r.label,
        "data": r.data,
        "reason": r.reason,
        "requested_by": r.requested_by.display_name(),
        "requested_on": r.requested_on,
        "status": r.status,
        "decided_by": r.decided_by_name,
        "decided_on": r.decided_on,
        "opinion": r.opinion,
    }


@router.get("/approvals", response=dict[str, Any])
def approvals(request: HttpRequest) -> dict[str, Any]:
    """The approvals waiting for the user (his own authority or a delegation) and his own requests."""
    user = _user(request)
    return {
        "queue": [approval_dict(r) for r in approval_selectors.approval_queue(user)],
        "mine": [approval_dict(r) for r in approval_selectors.my_requests(user)],
    }


@router.post("/approvals/{request_id}/decision", response={201: dict[str, Any]})
def decide(request: HttpRequest, request_id: int, payload: DecisionIn) -> Status[dict[str, Any]]:
    """Approve (the submitted step is taken) or return with the reason (``opinion``)."""
    req = ApprovalRequest.objects.select_related("case", "requested_by").filter(pk=request_id).first()
    if req is None or selectors.get_case(_user(request), req.case_id) is None:
        raise NotFoundError("审批事项不存在或无权查看", code="approval_not_found")
    step = services.decide_approval(
        request=req,
        actor=_user(request),
        approve=payload.approve,
        opinion=payload.opinion,
        occurred_on=payload.occurred_on,
    )
    req.refresh_from_db()
    case = Case.objects.get(pk=req.case_id)
    return Status(201, {"step": step_dict(step), "case": case_summary(case), "approval": approval_dict(req)})


@router.get("/workflows", response=dict[str, Any], auth=None)
def workflows(request: HttpRequest) -> dict[str, Any]:
    """Every workflow as declared (public: the same data as the published flowcharts)."""
    return {
        kind: {
            "label": CaseKind(kind).label,
            "initial": wf.initial,
            "states": [{"code": s, "label": CaseState(s).label} for s in wf.states],
            "terminal": sorted(wf.terminal),
            "transitions": [transition_dict(t) for t in wf.transitions],
        }
        for kind, wf in WORKFLOWS.items()
    }


@router.get("/{case_id}", response=dict[str, Any])
def detail(request: HttpRequest, case_id: int) -> dict[str, Any]:
    case = _get(request, case_id)
    today = timezone.localdate()
    return {
        **case_summary(case),
        "facts": case.facts,
        "legal_basis": case.legal_basis,
        "decision_type": case.decision_type,
        "fine_amount": str(case.fine_amount) if case.fine_amount is not None else None,
        "parties": [
            {
                "kind": p.kind,
                "name": p.name,
                "id_number": p.id_number,
                "address": p.address,
                "phone": p.phone,
                "legal_representative": p.legal_representative,
                "entity": p.entity_id,
            }
            for p in case.parties.all()
        ],
        "persons": [person_dict(p) for p in case.persons.all()],
        "officers": [
            {"id": link.officer_id, "name": link.officer.name, "lead": link.is_lead, "active": link.active}
            for link in case.case_officers.select_related("officer")
        ],
        "deadlines": [selectors.deadline_dict(d, today) for d in selectors.case_deadlines(case)],
        "available_actions": [transition_dict(t) for t in selectors.available_actions(case, _user(request), today)],
        "timeline": [step_dict(s) for s in selectors.timeline(case)],
    }


def person_dict(p: Any) -> dict[str, Any]:
    return {
        "id": p.pk,
        "role": p.role,
        "name": p.name,
        "minor": p.minor,
        "id_number": p.id_number,
        "phone": p.phone,
        "address": p.address,
    }


@router.post("/{case_id}/persons", response={201: dict[str, Any]}, summary="登记涉案人员")
def add_person(request: HttpRequest, case_id: int, payload: PersonIn) -> Status[dict[str, Any]]:
    case = _get(request, case_id)
    person = services.add_person(case=case, actor=_user(request), data=payload.dict())
    return Status(201, person_dict(person))


@router.delete("/{case_id}/persons/{person_id}", response={204: None}, summary="删除涉案人员")
def remove_person(request: HttpRequest, case_id: int, person_id: Id) -> Status[None]:
    case = _get(request, case_id)
    services.remove_person(case=case, actor=_user(request), person_id=person_id)
    return Status(204, None)


@router.post("/{case_id}/transitions", response={201: dict[str, Any]})
def transition(request: HttpRequest, case_id: int, payload: TransitionIn) -> Status[dict[str, Any]]:
    case = _get(request, case_id)
    step = services.case_transition(
        case=case,
        action=payload.action,
        actor=_user(request),
        data=payload.data,
        reason=payload.reason,
        occurred_on=payload.occurred_on,
    )
    case.refresh_from_db()
    return Status(201, {"step": step_dict(step), "case": case_summary(case)})


@router.get("/{case_id}/record", response=dict[str, Any])
def record(request: HttpRequest, case_id: int) -> dict[str, Any]:
    """The case's record as a bundle verifiable offline (tools/verify_bundle.py)."""
    return selectors.record_bundle(_get(request, case_id))
