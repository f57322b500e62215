"""Recording a step (``Step`` + ledger entry) and the hooks run around it: listeners after the
commit, apply hooks and in-transaction hooks inside the step's transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db.models import Max

from yangguang.ledger.services import append_entry
from yangguang.roster.models import User

from ..guards import GuardContext
from ..models import (
    Case,
    Step,
)
from .validation import jsonable

# --- side effects after commit ------------------------------------------------------------------

TransitionListener = Callable[[Case, Step], None]
_listeners: list[TransitionListener] = []


def on_transition(listener: TransitionListener) -> TransitionListener:
    """Register ``listener(case, step)`` to run after a step commits (e.g. publicity of decisions)."""
    _listeners.append(listener)
    return listener


def _notify(case: Case, step: Step) -> None:
    for listener in list(_listeners):
        listener(case, step)


# Hooks run inside the step's transaction, after the step is applied and before the case is saved
# and the step recorded; what they return is added to the step's data (the legal review app keeps
# ``case.is_major`` current and opens review rounds from here).
ApplyHook = Callable[[GuardContext], dict[str, Any] | None]
_apply_hooks: list[ApplyHook] = []


def on_apply(hook: ApplyHook) -> ApplyHook:
    if hook not in _apply_hooks:
        _apply_hooks.append(hook)
    return hook


_in_transaction_hooks: list[TransitionListener] = []


def in_transaction(hook: TransitionListener) -> TransitionListener:
    """Register ``hook(case, step)`` to run INSIDE ``case_transition``'s transaction, after the step
    is recorded (a transactional outbox: e.g. the publication record of a decision is created with
    the decision or not at all). An exception from a hook rolls the step back."""
    _in_transaction_hooks.append(hook)
    return hook


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
    return step
