"""The engine: ``case_transition`` takes one step of the declared workflow."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import transaction

from yangguang.core.errors import DomainError
from yangguang.roster.models import User

from .. import documents_bridge
from ..extensions import AFTER_COMMIT, AFTER_RECORD, BEFORE_RECORD, GUARDS, GuardContext, effects_for
from ..models import (
    Case,
    Step,
)
from ..workflow import (
    CaseKind,
    CaseState,
    workflow_for,
)
from .appliers import APPLY, _no_apply
from .recording import _record_step
from .validation import _invalid, _today, check_actor, check_occurred_on, parse_data

# --- the engine ---------------------------------------------------------------------------------


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
    Raises DomainError (code + Chinese message) when the table, the actor or a guard refuses."""
    on = occurred_on or _today()
    reason = (reason or "").strip()
    with transaction.atomic():
        case = Case.objects.select_for_update(of=("self",)).select_related("agency", "region").get(pk=case.pk)
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
        check_actor(case, transition, actor, on)
        check_occurred_on(case, on)
        parsed = parse_data(transition, data or {}, agency_id=case.agency_id)
        if transition.reason_required and not reason:
            raise _invalid("请填写理由")
        ctx = GuardContext(case=case, transition=transition, actor=actor, data=parsed, on=on, reason=reason)
        for name in transition.guards:
            GUARDS[name](ctx)
        from_state = case.state
        extra = APPLY.get(action, _no_apply)(ctx) or {}
        for effect in effects_for(case.kind, action, BEFORE_RECORD):
            extra.update(effect.run(ctx) or {})
        if transition.target is not None:
            case.state = transition.target
        case.save()
        docs = documents_bridge.issue_for_step(
            case=case, transition=transition, actor=actor, data=parsed, on=on, reason=reason
        )
        step = _record_step(
            case=case,
            action=action,
            label=transition.label,
            from_state=from_state,
            to_state=case.state,
            actor=actor,
            on=on,
            reason=reason,
            data={**parsed, **extra},
            documents=docs,
        )
        for effect in effects_for(case.kind, action, AFTER_RECORD):
            effect.run(ctx, step)
        after = effects_for(case.kind, action, AFTER_COMMIT)
        if after:
            transaction.on_commit(lambda: [effect.run(ctx, step) for effect in after])
    return step
