"""Demo cases: a few cases of one agency in different states, made through the real services
(every step is in the timeline, the documents and the ledger), dated in the past so that the
statutory periods have run. Used by ``python manage.py seed_demo_cases``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from yangguang.core.errors import DomainError
from yangguang.core.validators import make_uscc
from yangguang.roster.models import ActionKind, EnforcementItem, Entity, Officer, Role, User
from yangguang.workdays.periods import PERIODS

from .models import ApprovalRequest, Case, Step
from .services import case_transition, create_case, decide_approval
from .services.approvals import APPROVAL_REQUEST

END = {
    "violated_provisions": "《中华人民共和国食品安全法》第三十四条第（十）项",
    "legal_basis": "《中华人民共和国食品安全法》第一百二十四条",
    "report": "事实清楚，证据确凿，建议依法罚款",
}


def approver_of(case: Case) -> User | None:
    """The agency's responsible person (the first active agency head), who may give every approval."""
    return User.objects.filter(agency_id=case.agency_id, role=Role.AGENCY_HEAD, is_active=True).order_by("pk").first()


def approved(step: Step, *, approver: User | None = None, on: dt.date | None = None) -> Step:
    """Demo data and tests: when ``step`` is a submission for approval (提请审批), ``approver`` (by
    default the agency's responsible person) approves it; returns the step taken."""
    if step.action != APPROVAL_REQUEST:
        return step
    req = ApprovalRequest.objects.select_related("case").get(pk=step.data["request"])
    approver = approver or approver_of(req.case)
    if approver is None:
        raise LookupError(f"no agency head of agency {req.case.agency_id} to approve {req.label}")
    return decide_approval(request=req, actor=approver, approve=True, occurred_on=on or step.occurred_on)


def _party(entity: Entity | None, n: int) -> dict[str, Any]:
    if entity is not None:
        return {"kind": "organization", "entity": entity.pk}

    return {
        "kind": "organization",
        "name": f"演示食品经营有限公司{n}",
        "id_number": make_uscc(880_000 + n),
        "legal_representative": "王五",
        "address": "演示地址1号",
    }


def seed_demo_cases(*, officer_user: User, today: dt.date | None = None) -> list[Case]:
    """Four penalty cases handled by ``officer_user`` and a colleague: a fresh clue, one under
    investigation, one notified (statement period running), one closed. Needs a second certified
    officer and an agency head in the same agency."""
    today = today or timezone.localdate()
    agency = officer_user.agency
    if agency is None or officer_user.officer is None:
        raise DomainError("演示案件需要一名关联执法人员的执法人员账号", code="demo_no_officer")
    colleague = next(
        (
            o
            for o in Officer.objects.filter(agency=agency).exclude(pk=officer_user.officer_id or 0).order_by("pk")
            if o.certificate_valid_on(today) and ActionKind.PENALTY in (o.categories or [])
        ),
        None,
    )
    head = User.objects.filter(agency=agency, role=Role.AGENCY_HEAD).first()
    if colleague is None or head is None:
        raise DomainError("演示案件需要本机关另一名持证执法人员和一名机关负责人账号", code="demo_missing_people")
    item = EnforcementItem.objects.filter(agency=agency, kind=ActionKind.PENALTY).first()
    entities = list(Entity.objects.filter(region__path__startswith=agency.region.path)[:4])
    start = today - dt.timedelta(days=45)

    def new(n: int, title: str, on: dt.date) -> Case:
        return create_case(
            actor=officer_user,
            kind="penalty_ordinary",
            title=title,
            parties=[_party(entities[n] if n < len(entities) else None, n)],
            officers=[colleague],
            item=item,
            source="complaint",
            source_detail="12345热线转办",
            facts="当事人在其经营场所销售超过保质期的预包装食品。",
            violation_date=on - dt.timedelta(days=10),
            discovery_date=on,
            occurred_on=on,
        )

    def go(case: Case, action: str, actor: User, on: dt.date, **data: Any) -> None:
        approved(case_transition(case=case, action=action, actor=actor, data=data, occurred_on=on))

    cases = [new(0, "涉嫌销售过期食品案（线索）", today)]
    investigating = new(1, "涉嫌销售过期食品案（调查中）", start)
    go(investigating, "file", officer_user, start)
    go(
        investigating,
        "inspection_record",
        officer_user,
        start + dt.timedelta(days=1),
        place="经营场所",
        started_at=f"{start + dt.timedelta(days=1)}T09:30",
        ended_at=f"{start + dt.timedelta(days=1)}T10:00",
        content="货架上有过期食品",
    )
    cases.append(investigating)

    notified = new(2, "涉嫌销售过期食品案（已告知）", start)
    go(notified, "file", officer_user, start)
    go(notified, "evidence", officer_user, start + dt.timedelta(days=1), name="现场照片")
    notice_day = today - dt.timedelta(days=1)
    go(notified, "end_investigation", officer_user, notice_day, **END)
    go(notified, "issue_notice", officer_user, notice_day, penalty_types=["fine"], fine="3000")
    cases.append(notified)

    closed = new(3, "涉嫌销售过期食品案（已结案）", start)
    go(closed, "file", officer_user, start)
    asked = start + dt.timedelta(days=1)
    go(
        closed,
        "inquiry_record",
        officer_user,
        asked,
        person="王五",
        place="本局询问室",
        started_at=f"{asked}T14:00",
        ended_at=f"{asked}T14:30",
        content="问：货架上的过期食品是否由你销售？\n答：是，承认销售过期食品。",
    )
    go(closed, "end_investigation", officer_user, start + dt.timedelta(days=2), **END)
    notice = start + dt.timedelta(days=3)
    go(closed, "issue_notice", officer_user, notice, penalty_types=["warning", "fine"], fine="5000")
    decided = PERIODS["statement"].due(notice).due + dt.timedelta(days=1)
    go(
        closed,
        "decide",
        head,
        decided,
        decision_type="penalty",
        penalty_types=["warning", "fine"],
        fine="5000",
        reasons="依法处罚",
    )
    go(
        closed,
        "serve",
        officer_user,
        decided,
        method="direct",
        recipient="王五",
        place="经营场所",
        served_at=f"{decided}T10:00",
    )
    go(closed, "record_payment", officer_user, decided + dt.timedelta(days=3), amount="5000")
    go(closed, "close", officer_user, decided + dt.timedelta(days=3), summary="罚款已缴清")
    cases.append(closed)
    return cases
