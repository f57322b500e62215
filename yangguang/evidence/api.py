"""Evidence API (/api/evidence/): a case's evidence list with hashes, its AV requirements and gaps,
recording exceptions, and record access with a reason. Uploads use the tus endpoint at
/evidence/tus/ (see views.py); file bytes are served by the pages after a logged access."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.security import django_auth

from yangguang.access import policy
from yangguang.cases.selectors import get_case
from yangguang.core.errors import NotFoundError
from yangguang.roster.models import User

from . import selectors, services
from .models import Evidence

router = Router(tags=["evidence"], auth=django_auth)


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def _case(request: HttpRequest, case_id: int) -> Any:
    case = get_case(_user(request), case_id)
    if case is None:
        raise NotFoundError("案件不存在或无权查看", code="case_not_found")
    return case


def _ev(ev: Evidence) -> dict[str, Any]:
    return {
        "id": ev.pk,
        "case": ev.case_id,
        "kind": ev.kind,
        "step": ev.step,
        "filename": ev.filename,
        "content_type": ev.content_type,
        "size": ev.size,
        "sha256": ev.sha256,
        "sm3": ev.sm3,
        "device_no": ev.device_no,
        "capture_start": ev.capture_start.isoformat() if ev.capture_start else None,
        "capture_end": ev.capture_end.isoformat() if ev.capture_end else None,
        "location": ev.location,
        "ledger_seq": ev.ledger_seq,
        "purged": ev.purged_at is not None,
        "legal_hold": ev.legal_hold,
    }


@router.get("/cases/{case_id}")
def case_evidence(request: HttpRequest, case_id: int) -> dict[str, Any]:
    """Evidence of the case, the AV item list lines that apply, exceptions and recording gaps."""
    case = _case(request, case_id)
    return {
        "evidence": [_ev(e) for e in selectors.case_evidence(case)],
        "requirements": [
            {
                "step": r["rule"].step,
                "label": r["label"],
                "required": r["rule"].required,
                "full_process": r["rule"].full_process,
                "storage_years": r["rule"].storage_years,
                "recorded": r["count"],
                "excepted": r["excepted"],
                "missing": r["missing"],
            }
            for r in selectors.requirements(case)
        ],
        "exceptions": [
            {"id": e.pk, "step": e.step, "reason": e.reason, "reviewed": e.reviewed_at is not None}
            for e in selectors.case_exceptions(case)
        ],
        "gaps": [
            {
                "step": g.step,
                "device_no": g.device_no,
                "from": g.before.capture_end.isoformat() if g.before.capture_end else None,
                "to": g.after.capture_start.isoformat() if g.after.capture_start else None,
                "seconds": g.seconds,
            }
            for g in selectors.gaps(case)
        ],
    }


class ReasonIn(Schema):
    reason: str


class ExceptionIn(Schema):
    step: str
    reason: str


@router.post("/cases/{case_id}/exceptions", response={201: dict})
def add_exception(request: HttpRequest, case_id: int, body: ExceptionIn) -> tuple[int, dict[str, Any]]:
    exc = services.record_exception(
        case=_case(request, case_id), step=body.step, actor=_user(request), reason=body.reason
    )
    return 201, {"id": exc.pk, "step": exc.step}


@router.post("/{evidence_id}/access")
def access(request: HttpRequest, evidence_id: int, body: ReasonIn) -> dict[str, Any]:
    """State a reason to view the evidence (logged to the access log and the ledger); the session
    may then play it at /evidence/{id}/media."""
    ev = Evidence.objects.select_related("case").filter(pk=evidence_id).first()
    if ev is None or not policy.allows(_user(request), "evidence.view", ev):
        raise NotFoundError("证据不存在或无权查看", code="evidence_not_found")
    log = services.record_access(evidence=ev, actor=_user(request), kind="view", reason=body.reason)
    import time

    grants = dict(request.session.get("evidence_grants", {}))
    grants[str(ev.pk)] = time.time()
    request.session["evidence_grants"] = grants
    return {"access_id": log.pk, "ledger_seq": log.ledger_seq, "media": f"/evidence/{ev.pk}/media", **_ev(ev)}
