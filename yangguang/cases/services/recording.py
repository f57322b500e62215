"""Recording a step (``Step`` + ledger entry): the engine's own steps (``_record_step``) and the
timeline steps an upper app records outside the workflow table (``record_step``, for the step kinds
it contributed through ``extensions``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Max

from yangguang.core.extensions import todo_changed
from yangguang.ledger.services import append_entry
from yangguang.roster.models import User

from ..extensions import STEP_KINDS
from ..models import (
    Case,
    Step,
)
from .validation import check_occurred_on, jsonable

# --- recording a step ---------------------------------------------------------------------------


def _record_step(
    *,
    case: Case,
    action: str,
    label: str,
    from_state: str,
    to_state: str,
    actor: User,
    on: dt.date,
    reason: str,
    data: dict[str, Any],
    documents: list[dict[str, Any]],
) -> Step:
    last = case.steps.aggregate(last=Max("seq"))["last"]
    payload_data = jsonable(data)
    step = Step.objects.create(
        case=case,
        seq=(last or 0) + 1,
        action=action,
        label=label,
        from_state=from_state,
        to_state=to_state,
        actor=actor,
        actor_name=actor.display_name(),
        occurred_on=on,
        reason=reason,
        data=payload_data,
        documents=documents,
    )
    entry = append_entry(
        actor=actor,
        subject=case.subject_label,
        action=f"cases.{action}",
        payload={
            "case": case.number,
            "step": step.seq,
            "label": label,
            "from": from_state,
            "to": to_state,
            "occurred_on": on.isoformat(),
            "reason": reason,
            "data": payload_data,
            "documents": documents,
        },
    )
    step.ledger_seq = getattr(entry, "seq", None)
    step.save(update_fields=["ledger_seq"])
    transaction.on_commit(todo_changed)  # the to-do counts of the top bar are stale
    return step


def record_step(
    *,
    case: Case,
    kind: str,
    actor: User,
    on: dt.date,
    data: dict[str, Any],
    label: str = "",
    reason: str = "",
    documents: list[dict[str, Any]] | None = None,
) -> Step:
    """Record a timeline step of a contributed ``StepKind`` (``kind``) on ``case``, in the current
    state, with its ledger entry. The caller holds the case row locked inside its transaction."""
    step_kind = STEP_KINDS.get(kind)
    if step_kind is None:
        raise ValueError(f"“{kind}” is not a contributed timeline step kind")
    check_occurred_on(case, on)
    return _record_step(
        case=case,
        action=kind,
        label=label or step_kind.label,
        from_state=case.state,
        to_state=case.state,
        actor=actor,
        on=on,
        reason=reason,
        data=jsonable(data),
        documents=documents or [],
    )
