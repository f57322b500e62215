"""The engine: ``case_transition`` takes one step of the declared workflow (or, for a step that needs
an approval the actor may not give, submits it for approval)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import transaction

from yangguang.core.errors import DomainError
from yangguang.roster.models import User

from ..extensions import GUARDS, GuardContext
from ..models import (
    Case,
    Step,
)
from ..workflow import (
    CaseKind,
    CaseState,
    Transition,
    workflow_for,
)
from .approvals import approval_authority, approval_info, submit_for_approval
from .taking import take_step
from .validation import _invalid, _today, check_actor, check_occurred_on, parse_data

# --- the engine ---------------------------------------------------------------------------------


def transition_or_refuse(case: Case, action: str, actor: User, on: dt.date) -> Transition:
    wf = workflow_for(case.kind)
    transition = wf.get(case.state, action)
    if transition is None:
        declared = wf.by_action(action)
        state_label = CaseState(case.state).label
        if declared is None:
            raise DomainError(f"{CaseKind(case.kind).label}没有“{action}”这一步骤", code="unknown_action")
        # The policy first: who may not take this step learns nothing of the case's state.
        check_actor(case, declared, actor, on)
        raise DomainError(f"案件处于“{state_label}”状态，不能进行“{declared.label}”", code="illegal_transition")
    return transition


def case_transition(
    *,
    case: Case,
    action: str,
    actor: User,
    data: Mapping[str, Any] | None = None,
    reason: str = "",
    occurred_on: dt.date | None = None,
) -> Step:
    """Take ``action`` on ``case`` as ``actor``; ``occurred_on`` records a step after the fact.
    Raises DomainError (code + Chinese message) when the table, the actor or a guard refuses.

    A step the workflow declares an approval for (``Transition.approval``) is taken at once when
    the actor may approve it (``case.approve``: the approval is recorded as his); otherwise it is
    submitted for approval and the returned step is the request (action ``approval_request``)."""
    on = occurred_on or _today()
    reason = (reason or "").strip()
    with transaction.atomic():
        case = Case.objects.select_for_update(of=("self",)).select_related("agency", "region").get(pk=case.pk)
        transition = transition_or_refuse(case, action, actor, on)
        check_actor(case, transition, actor, on)
        check_occurred_on(case, on)
        parsed = parse_data(transition, data or {}, agency_id=case.agency_id)
        if transition.reason_required and not reason:
            raise _invalid("请填写理由")
        ctx = GuardContext(case=case, transition=transition, actor=actor, data=parsed, on=on, reason=reason)
        for name in transition.guards:
            GUARDS[name](ctx)
        if transition.approval is not None:
            allowed, delegation = approval_authority(actor, case, transition, on)
            if not allowed:
                return submit_for_approval(ctx)
            ctx.approval = approval_info(
                transition, actor=actor, on=on, opinion="同意", request=None, delegation=delegation
            )
        return take_step(ctx)
