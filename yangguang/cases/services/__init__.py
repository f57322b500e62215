"""Every write to a case: the workflow engine.

``create_case`` registers a case; ``case_transition`` takes one step of the declared workflow
(``workflow``): it locks the case row, checks the step against the table, the actor and the
guards, applies it, runs the effects other apps contributed (``extensions``), records the ``Step``,
issues the documents the step requires and appends the ledger entry, all in one transaction.
``record_step`` records a timeline step of a kind an upper app contributed (a reviewer's opinion).

The package: ``validation`` (parsing and checking a step's data, date and actor), ``recording``
(recording a step), ``creation`` (numbering and ``create_case``), ``appliers`` (what each step
writes, ``APPLY``) and ``engine`` (``case_transition``). Only the names below are for other apps.
"""

from __future__ import annotations

from .approvals import (
    APPROVAL_STEPS,
    create_delegation,
    decide_approval,
    revoke_delegation,
    withdraw_approval,
)
from .creation import create_case
from .engine import case_transition
from .persons import add_person, remove_person
from .recording import record_step
from .validation import check_actor

__all__ = [
    "APPROVAL_STEPS",
    "add_person",
    "case_transition",
    "check_actor",
    "create_case",
    "create_delegation",
    "decide_approval",
    "record_step",
    "remove_person",
    "revoke_delegation",
    "withdraw_approval",
]
