"""Taking a step once it is allowed: apply it, run the effects, issue the documents, record it.

``case_transition`` (the engine) and ``decide_approval`` (an approver's approval takes the submitted
step) both end here, with the case row locked and the guards passed."""

from __future__ import annotations

from django.db import transaction

from .. import documents_bridge
from ..extensions import AFTER_COMMIT, AFTER_RECORD, BEFORE_RECORD, GuardContext, effects_for
from ..models import Step
from .appliers import APPLY, _no_apply
from .recording import _record_step


def take_step(ctx: GuardContext) -> Step:
    case, transition = ctx.case, ctx.transition
    action = transition.action
    from_state = case.state
    extra = APPLY.get(action, _no_apply)(ctx) or {}
    for effect in effects_for(case.kind, action, BEFORE_RECORD):
        extra.update(effect.run(ctx) or {})
    if ctx.approval is not None:
        extra["approval"] = ctx.approval
    if transition.target is not None:
        case.state = transition.target
    case.save()
    docs = documents_bridge.issue_for_step(
        case=case,
        transition=transition,
        actor=ctx.actor,
        data={**ctx.data, "approval": ctx.approval} if ctx.approval else ctx.data,
        on=ctx.on,
        reason=ctx.reason,
    )
    step = _record_step(
        case=case,
        action=action,
        label=transition.label,
        from_state=from_state,
        to_state=case.state,
        actor=ctx.actor,
        on=ctx.on,
        reason=ctx.reason,
        data={**ctx.data, **extra},
        documents=docs,
    )
    for effect in effects_for(case.kind, action, AFTER_RECORD):
        effect.run(ctx, step)
    after = effects_for(case.kind, action, AFTER_COMMIT)
    if after:
        transaction.on_commit(lambda: [effect.run(ctx, step) for effect in after])
    return step
