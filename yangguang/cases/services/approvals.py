"""Approvals (审批): a step the workflow declares an approval for is submitted by whoever may take
it but not approve it; it waits in the approvers' queue until one approves it (the step is then
taken, as the submitter's, under the approval) or returns it with a reason. Approvers absent for a
while delegate their approvals for dated periods (``ApprovalDelegation``). Who may approve is the
permission policy's ``case.approve`` (``cases/access_rules.py``). Every request, approval, return
and delegation is a timeline step or a record with its ledger entry; approvers and submitters are
notified after commit when notifications are switched on (``yangguang.accounts.notify``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.urls import reverse

from yangguang.access import policy
from yangguang.accounts import notify
from yangguang.core.errors import DomainError
from yangguang.core.extensions import todo_changed
from yangguang.ledger.services import append_entry
from yangguang.roster.models import Officer, User

from ..access_rules import ApprovalSubject, delegation_for
from ..extensions import GUARDS, GuardContext
from ..models import ApprovalDelegation, ApprovalRequest, Case, Step
from ..workflow import CaseState, Transition, workflow_for
from .recording import _record_step
from .taking import take_step
from .validation import _invalid, _today, check_actor, check_occurred_on, jsonable, parse_data

APPROVAL_REQUEST = "approval_request"
APPROVAL_APPROVE = "approval_approve"
APPROVAL_RETURN = "approval_return"
APPROVAL_WITHDRAW = "approval_withdraw"
APPROVAL_STEPS = (APPROVAL_REQUEST, APPROVAL_APPROVE, APPROVAL_RETURN, APPROVAL_WITHDRAW)


def approval_authority(
    user: User, case: Case, transition: Transition, on: dt.date, requested_by: User | None = None
) -> tuple[bool, ApprovalDelegation | None]:
    """May ``user`` approve ``transition`` on ``case`` on ``on``, and under which delegation (None: his own)."""
    subject = ApprovalSubject(case, transition, requested_by)
    if not policy.allows(user, "case.approve", subject, on=on):
        return False, None
    own = policy.allows(user, "case.approve", ApprovalSubject(case, transition, requested_by, own=True), on=on)
    return True, (None if own else delegation_for(user, subject, on))


def approval_info(
    transition: Transition,
    *,
    actor: User,
    on: dt.date,
    opinion: str,
    request: ApprovalRequest | None,
    delegation: ApprovalDelegation | None,
) -> dict[str, Any]:
    """The approval as the step, its ledger entry and its documents carry it."""
    assert transition.approval is not None
    return {
        "label": transition.approval.label,
        "by": actor.display_name(),
        "by_id": actor.pk,
        "on": on.isoformat(),
        "opinion": opinion,
        "request": request.pk if request else None,
        "delegated_from": delegation.principal.display_name() if delegation else "",
        "delegation": delegation.pk if delegation else None,
    }


def _storable(data: dict[str, Any]) -> dict[str, Any]:
    """The parsed data as it is kept on the request and parsed again when approved."""
    return {k: (v.pk if isinstance(v, Officer) else jsonable(v)) for k, v in data.items() if v is not None}


def _case_url(case: Case) -> str:
    return reverse("cases:detail", args=[case.pk])


def submit_for_approval(ctx: GuardContext) -> Step:
    """Record the submission of ``ctx``'s step for approval (inside the engine's transaction)."""
    case, t = ctx.case, ctx.transition
    assert t.approval is not None
    if ApprovalRequest.objects.filter(case=case, action=t.action, status=ApprovalRequest.Status.PENDING).exists():
        raise DomainError(f"“{t.label}”已提请{t.approval.label}，正在等待审批", code="approval_pending")
    req = ApprovalRequest.objects.create(
        case=case,
        action=t.action,
        approval=t.approval.code,
        label=t.approval.label,
        data=_storable(ctx.data),
        reason=ctx.reason,
        requested_by=ctx.actor,
        requested_on=ctx.on,
    )
    step = _record_step(
        case=case,
        action=APPROVAL_REQUEST,
        label=f"提请{t.approval.label}：{t.label}",
        from_state=case.state,
        to_state=case.state,
        actor=ctx.actor,
        on=ctx.on,
        reason=ctx.reason,
        data={"request": req.pk, "step": t.action, "approval": t.approval.code, **ctx.data},
        documents=[],
    )
    approvers = [u for u in _approver_candidates(case) if approval_authority(u, case, t, ctx.on, ctx.actor)[0]]
    notify.users(
        users=approvers,
        key=f"cases.approval.{req.pk}.requested",
        subject=f"待审批：{t.approval.label}（{case.number}）",
        body=f"{ctx.actor.display_name()}提请{t.approval.label}：{case.title}（{case.number}）。",
        url=reverse("cases:approval", args=[req.pk]),
    )
    return step


def _approver_candidates(case: Case) -> list[User]:
    heads = list(User.objects.filter(agency_id=case.agency_id, is_active=True, role__in=("unit_head", "agency_head")))
    delegates = User.objects.filter(
        pk__in=ApprovalDelegation.objects.filter(
            principal__in=heads, revoked_on__isnull=True, ends_on__gte=_today()
        ).values("delegate_id"),
        is_active=True,
    )
    return heads + [u for u in delegates if u not in heads]


def decide_approval(
    *,
    request: ApprovalRequest,
    actor: User,
    approve: bool,
    opinion: str = "",
    occurred_on: dt.date | None = None,
) -> Step:
    """Approve (the submitted step is taken) or return (退回, with the reason) a pending request.
    Returns the step taken (approve) or the return step."""
    on = occurred_on or _today()
    opinion = (opinion or "").strip()
    with transaction.atomic():
        case = Case.objects.select_for_update(of=("self",)).select_related("agency", "region").get(pk=request.case_id)
        req = ApprovalRequest.objects.select_for_update().select_related("requested_by").get(pk=request.pk)
        if req.status != ApprovalRequest.Status.PENDING:
            raise DomainError(f"该审批事项{req.get_status_display()}，不能再次审批", code="approval_decided")
        wf = workflow_for(case.kind)
        declared = wf.by_action(req.action)
        t = wf.get(case.state, req.action)
        if declared is None or declared.approval is None:
            raise DomainError("该步骤无需审批", code="approval_unknown")
        policy.require(actor, "case.approve", ApprovalSubject(case, declared, req.requested_by), on=on)
        _, delegation = approval_authority(actor, case, declared, on, req.requested_by)
        if approve and t is None:
            raise DomainError(
                f"案件已处于“{CaseState(case.state).label}”状态，不能再进行“{declared.label}”，请退回",
                code="illegal_transition",
            )
        if not approve and not opinion:
            raise _invalid("退回须填写理由")
        check_occurred_on(case, on)
        info = approval_info(
            declared, actor=actor, on=on, opinion=opinion or "同意", request=req, delegation=delegation
        )
        _record_step(
            case=case,
            action=APPROVAL_APPROVE if approve else APPROVAL_RETURN,
            label=f"{declared.approval.label}：{'同意' if approve else '退回'}（{declared.label}）",
            from_state=case.state,
            to_state=case.state,
            actor=actor,
            on=on,
            reason=opinion,
            data={**info, "step": req.action, "requested_by": req.requested_by.display_name()},
            documents=[],
        )
        req.status = ApprovalRequest.Status.APPROVED if approve else ApprovalRequest.Status.RETURNED
        req.decided_by = actor
        req.decided_by_name = actor.display_name()
        req.decided_on = on
        req.opinion = info["opinion"]
        req.delegation = delegation
        req.save()
        notify.users(
            users=[req.requested_by],
            key=f"cases.approval.{req.pk}.{req.status}",
            subject=f"{declared.approval.label}{'已批准' if approve else '被退回'}（{case.number}）",
            body=f"{actor.display_name()}：{info['opinion']}",
            url=_case_url(case),
        )
        if not approve:
            return case.steps.order_by("-seq").first()  # type: ignore[return-value]
        assert t is not None
        requester = req.requested_by
        check_actor(case, t, requester, on)
        parsed = parse_data(t, req.data, agency_id=case.agency_id)
        ctx = GuardContext(case=case, transition=t, actor=requester, data=parsed, on=on, reason=req.reason)
        ctx.approval = info
        for name in t.guards:
            GUARDS[name](ctx)
        return take_step(ctx)


def withdraw_approval(*, request: ApprovalRequest, actor: User) -> ApprovalRequest:
    """The submitter takes back a pending request (撤回)."""
    with transaction.atomic():
        case = Case.objects.select_for_update(of=("self",)).get(pk=request.case_id)
        req = ApprovalRequest.objects.select_for_update().get(pk=request.pk)
        if req.requested_by_id != actor.pk:
            raise DomainError("只有提请人可以撤回审批申请", code="forbidden")
        if req.status != ApprovalRequest.Status.PENDING:
            raise DomainError(f"该审批事项{req.get_status_display()}，不能撤回", code="approval_decided")
        on = max(_today(), req.requested_on)
        _record_step(
            case=case,
            action=APPROVAL_WITHDRAW,
            label=f"撤回{req.label}申请",
            from_state=case.state,
            to_state=case.state,
            actor=actor,
            on=on,
            reason="提请人撤回",
            data={"request": req.pk, "step": req.action, "withdrawn": True},
            documents=[],
        )
        req.status = ApprovalRequest.Status.WITHDRAWN
        req.decided_on = on
        req.save(update_fields=["status", "decided_on"])
        return req


# --- delegation ------------------------------------------------------------------------------------


def create_delegation(
    *, actor: User, delegate: User, starts_on: dt.date, ends_on: dt.date, reason: str
) -> ApprovalDelegation:
    """``actor`` (an approver) lets ``delegate`` approve for him from ``starts_on`` to ``ends_on``."""
    policy.require(actor, "case.approval.delegate", delegate)
    reason = (reason or "").strip()
    if not reason:
        raise _invalid("请填写委托事由（如：外出培训）")
    today = _today()
    if ends_on < starts_on:
        raise _invalid("委托结束日期不能早于开始日期")
    if starts_on < today:
        raise _invalid("委托开始日期不能早于今天")
    if (ends_on - starts_on).days > 90:
        raise _invalid("一次委托最长90日")
    with transaction.atomic():
        overlapping = ApprovalDelegation.objects.select_for_update().filter(
            principal=actor, revoked_on__isnull=True, starts_on__lte=ends_on, ends_on__gte=starts_on
        )
        if overlapping.exists():
            raise _invalid("该期间已有有效的审批委托，请先撤销")
        d = ApprovalDelegation.objects.create(
            principal=actor,
            delegate=delegate,
            starts_on=starts_on,
            ends_on=ends_on,
            reason=reason[:200],
            created_on=today,
        )
        append_entry(
            actor=actor,
            subject=f"roster.user:{actor.pk}",
            action="cases.approval_delegation",
            payload={
                "delegation": d.pk,
                "principal": actor.display_name(),
                "delegate": delegate.display_name(),
                "starts_on": starts_on.isoformat(),
                "ends_on": ends_on.isoformat(),
                "reason": d.reason,
            },
            refs=[f"roster.user:{delegate.pk}"],
        )
        transaction.on_commit(todo_changed)
        notify.users(
            users=[delegate],
            key=f"cases.delegation.{d.pk}",
            subject="审批委托",
            body=f"{actor.display_name()}委托您于{starts_on.isoformat()}至{ends_on.isoformat()}代为审批：{d.reason}",
            url=reverse("cases:approvals"),
        )
        return d


def revoke_delegation(*, delegation: ApprovalDelegation, actor: User) -> ApprovalDelegation:
    with transaction.atomic():
        d = ApprovalDelegation.objects.select_for_update().get(pk=delegation.pk)
        if d.principal_id != actor.pk:
            raise DomainError("只有委托人可以撤销委托", code="forbidden")
        if d.revoked_on is not None:
            raise _invalid("该委托已撤销")
        d.revoked_on = _today()
        d.save(update_fields=["revoked_on"])
        transaction.on_commit(todo_changed)
        append_entry(
            actor=actor,
            subject=f"roster.user:{actor.pk}",
            action="cases.approval_delegation_revoked",
            payload={"delegation": d.pk, "revoked_on": d.revoked_on.isoformat()},
            refs=[f"roster.user:{d.delegate_id}"],
        )
        return d
