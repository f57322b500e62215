"""The case workflow's extension point: what an upper app (review, evidence, publicity, …) may add to
the declared workflows without the cases app importing it (``yangguang.core.extensions`` explains
the mechanism).

An app contributes, once, in its ``AppConfig.ready()``::

    from yangguang.cases import extensions as workflow

    workflow.contribute(
        "review",
        guards={"legal_review_passed": review_passed_guard},
        effects=[workflow.Effect("review.open_request", run=open_request, actions={"submit_review"})],
        step_kinds=[workflow.StepKind("review_opinion", "法制审核意见", documents=("legal_review_opinion",))],
    )

- **Guards** are the names a ``Transition.guards`` tuple lists; ``guard(ctx)`` raises ``DomainError``
  to refuse the step. The cases app's own guards (``guards.py``) are registered the same way.
- **Effects** react to named actions (``actions``; for the kinds in ``kinds``, every kind if empty):
  ``BEFORE_RECORD`` effects run in the step's transaction after the step is applied and before the
  case is saved and the step recorded, as ``run(ctx)``, and may return data added to the step (and
  its ledger entry); ``AFTER_RECORD`` effects run in the same transaction after the step is
  recorded, as ``run(ctx, step)`` (a transactional outbox: an exception rolls the step back);
  ``AFTER_COMMIT`` effects run after the commit, as ``run(ctx, step)``. Effects run in registration
  order (``INSTALLED_APPS`` order, then the order of the app's list).
- **Step kinds** are the app's own timeline entries, recorded with ``services.record_step`` outside
  the workflow table (a reviewer's opinion, a coordination); their action names may not collide
  with the workflow's and the documents they issue must exist.

``problems()`` (run by the start-up check) compares every contribution with the declarations: a
guard no step names, a step naming a guard no app registered, an effect or step kind naming an
action, kind or document code that does not exist — each is reported with the app that made it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from yangguang.core.extensions import Registry, validator
from yangguang.documents.types import DOC_TYPES
from yangguang.roster.models import User
from yangguang.workdays.periods import PERIODS

from .workflow import CREATE_ACTION, DEADLINES, WORKFLOWS, Transition

if TYPE_CHECKING:
    from .models import Case


@dataclass
class GuardContext:
    """What a guard or an effect sees of the step being taken (the case row is locked)."""

    case: Case
    transition: Transition
    actor: User
    data: dict[str, Any]
    on: dt.date  # the day the step happened (occurred_on)
    reason: str = ""
    # The approval (审批) the step was taken under, for steps the workflow declares an approval for:
    # {"label", "by", "by_id", "on", "opinion", "request", "delegated_from"} (``services.approvals``).
    approval: dict[str, Any] | None = None


Guard = Callable[[GuardContext], None]

BEFORE_RECORD = "before_record"
AFTER_RECORD = "after_record"
AFTER_COMMIT = "after_commit"
PHASES = (BEFORE_RECORD, AFTER_RECORD, AFTER_COMMIT)


@dataclass(frozen=True)
class Effect:
    """Something an app does when a step with one of ``actions`` is taken (see the module doc)."""

    name: str
    run: Callable[..., dict[str, Any] | None]
    actions: Iterable[str]
    phase: str = BEFORE_RECORD
    kinds: Iterable[str] = frozenset()

    def __post_init__(self) -> None:
        object.__setattr__(self, "actions", frozenset(self.actions))
        object.__setattr__(self, "kinds", frozenset(self.kinds))

    def applies(self, kind: str, action: str) -> bool:
        return action in self.actions and (not self.kinds or kind in self.kinds)


@dataclass(frozen=True)
class StepKind:
    """A timeline entry an app records outside the workflow table (``services.record_step``)."""

    action: str
    label: str
    documents: tuple[str, ...] = field(default=())


GUARDS: Registry[Guard] = Registry("workflow guard")
EFFECTS: Registry[Effect] = Registry("workflow effect")
STEP_KINDS: Registry[StepKind] = Registry("timeline step kind")


def guard(name: str, *, app: str = "cases") -> Callable[[Guard], Guard]:
    """Decorator registering a guard under the name the transition tables use."""

    def register(fn: Guard) -> Guard:
        GUARDS.add(name, fn, app=app)
        return fn

    return register


def contribute(
    app: str,
    *,
    guards: Mapping[str, Guard] | None = None,
    effects: Iterable[Effect] = (),
    step_kinds: Iterable[StepKind] = (),
) -> None:
    """Everything ``app`` adds to the workflow, in one call from its ``AppConfig.ready()``."""
    for name, fn in (guards or {}).items():
        GUARDS.add(name, fn, app=app)
    for effect in effects:
        if effect.phase not in PHASES:
            raise ValueError(f"effect {effect.name}: unknown phase {effect.phase!r}")
        EFFECTS.add(effect.name, effect, app=app)
    for kind in step_kinds:
        STEP_KINDS.add(kind.action, kind, app=app)


def effects_for(kind: str, action: str, phase: str) -> list[Effect]:
    return [e for e in EFFECTS.values() if e.phase == phase and e.applies(kind, action)]


# --- start-up validation ---------------------------------------------------------------------------


def _declared_actions() -> dict[str, set[str]]:
    """Every action of every kind (effects react to transitions; creation runs none)."""
    return {kind: {t.action for t in wf.transitions} for kind, wf in WORKFLOWS.items()}


@validator("cases.workflow")
def problems() -> list[str]:
    out: list[str] = []
    declared = _declared_actions()
    all_actions = set().union(*declared.values())
    named_guards: set[str] = set()
    for kind, wf in WORKFLOWS.items():
        for t in wf.transitions:
            for g in t.guards:
                named_guards.add(g)
                if g not in GUARDS:
                    out.append(f"workflow {kind}, step “{t.action}” names guard “{g}” that no app registered")
            for code in t.documents:
                if code not in DOC_TYPES:
                    out.append(f"workflow {kind}, step “{t.action}” issues document “{code}” that is not declared")
            for name in t.deadlines:
                if name not in DEADLINES or name not in PERIODS:
                    out.append(f"workflow {kind}, step “{t.action}” starts deadline “{name}” that is not declared")
    for name in GUARDS:
        if name not in named_guards:
            out.append(f"guard “{name}” registered by {GUARDS.app_of(name)} is named by no step")
    for name, effect in EFFECTS.items():
        app = EFFECTS.app_of(name)
        for kind in sorted(effect.kinds):
            if kind not in WORKFLOWS:
                out.append(f"effect “{name}” of {app} names case kind “{kind}” that does not exist")
        kinds = [k for k in effect.kinds if k in declared] or list(declared)
        for action in sorted(effect.actions):
            if not any(action in declared[k] for k in kinds):
                out.append(f"effect “{name}” of {app} reacts to step “{action}” that no workflow declares")
    for name, step_kind in STEP_KINDS.items():
        app = STEP_KINDS.app_of(name)
        if name in all_actions or name == CREATE_ACTION:
            out.append(f"timeline step kind “{name}” of {app} collides with a workflow step")
        for code in step_kind.documents:
            if code not in DOC_TYPES:
                out.append(f"timeline step kind “{name}” of {app} issues document “{code}” that is not declared")
    return out
