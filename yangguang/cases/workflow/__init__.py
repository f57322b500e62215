"""The workflow of every kind of case, declared once as data.

The engine (``services.case_transition``), the case page (available actions, forms, status) and the
published flowchart (``flowchart.render_svg``) are all made from the declarations of this package, so the law
as encoded, the law as shown to officers and the law as published to the public cannot drift apart.

A ``Transition`` either moves the case to ``target`` or, with ``target=None``, records something in
the current state (an inquiry, a statement, a payment...). ``guards`` name functions registered in
``guards.py``; ``fields`` are the data the step needs (they build the forms and validate the API);
``documents`` are the document types (执法文书) issued through the documents app when the step is
taken; ``deadlines`` name the ``DEADLINES`` the step starts (computed in ``deadlines.py``).

The package: ``choices`` (kinds, states and other choices, statutory limits and deadlines),
``declaration`` (the declaration language, roles and shared step forms), ``penalty`` and
``other_kinds`` (the transition table of each kind of case).
"""

from __future__ import annotations

from yangguang.core.choices import MajorFlag
from yangguang.roster.models import (
    ActionKind,
    Role,
)

from .choices import (
    DEADLINES,
    HEARING_PENALTY_TYPES,
    KIND_CATEGORY,
    KIND_NUMBER_CHAR,
    LARGE_AMOUNT,
    SUMMARY_FINE_LIMIT,
    SUMMARY_PENALTY_TYPES,
    SURCHARGE_RATE_PER_DAY,
    AnnulmentChannel,
    AnnulmentGround,
    CaseKind,
    CaseSource,
    CaseState,
    DecisionType,
    LicenceDecision,
    PartyKind,
    PenaltyType,
    ServiceMethod,
)
from .declaration import (
    ADD_OFFICER,
    ANNUL_ACTION,
    ANNULMENT_FIELDS,
    DECISION_APPROVAL,
    DISCRETION_LEVELS,
    EXTENSION_APPROVAL,
    FILING_APPROVAL,
    HANDLERS,
    HANDLERS_AND_HEADS,
    HEADS,
    LICENSING_DECISION_APPROVAL,
    MAJOR_FLAG_CHOICES,
    MAJOR_STATES,
    PENALTY_PROPOSAL,
    PRESERVATION_APPROVAL,
    SEIZURE_APPROVAL,
    TRUTH_STATEMENT,
    Approval,
    F,
    FieldSpec,
    S,
    Transition,
    Workflow,
    _add_officer,
    _annulment,
    _choices,
    _recusal,
    is_irreversible,
)
from .other_kinds import (
    COERCIVE_MEASURE,
    INSPECTION,
    LICENSING,
)
from .penalty import (
    PENALTY_ORDINARY,
    PENALTY_SUMMARY,
)

__all__ = [
    "ADD_OFFICER",
    "ANNULMENT_FIELDS",
    "ANNUL_ACTION",
    "APPROVALS",
    "COERCIVE_MEASURE",
    "CREATE_ACTION",
    "CREATE_LABEL",
    "DEADLINES",
    "DECISION_APPROVAL",
    "DISCRETION_LEVELS",
    "EXTENSION_APPROVAL",
    "FILING_APPROVAL",
    "HANDLERS",
    "HANDLERS_AND_HEADS",
    "HEADS",
    "HEARING_PENALTY_TYPES",
    "INSPECTION",
    "KIND_CATEGORY",
    "KIND_NUMBER_CHAR",
    "LARGE_AMOUNT",
    "LICENSING",
    "LICENSING_DECISION_APPROVAL",
    "MAJOR_FLAG_CHOICES",
    "MAJOR_STATES",
    "OPEN_STATES",
    "PENALTY_ORDINARY",
    "PENALTY_PROPOSAL",
    "PENALTY_SUMMARY",
    "PRESERVATION_APPROVAL",
    "SEIZURE_APPROVAL",
    "SUMMARY_FINE_LIMIT",
    "SUMMARY_PENALTY_TYPES",
    "SURCHARGE_RATE_PER_DAY",
    "TRUTH_STATEMENT",
    "WORKFLOWS",
    "ActionKind",
    "AnnulmentChannel",
    "AnnulmentGround",
    "Approval",
    "CaseKind",
    "CaseSource",
    "CaseState",
    "DecisionType",
    "F",
    "FieldSpec",
    "LicenceDecision",
    "MajorFlag",
    "PartyKind",
    "PenaltyType",
    "Role",
    "S",
    "ServiceMethod",
    "Transition",
    "Workflow",
    "_add_officer",
    "_annulment",
    "_choices",
    "_recusal",
    "is_irreversible",
    "workflow_for",
]

WORKFLOWS: dict[str, Workflow] = {
    w.kind: w for w in (PENALTY_ORDINARY, PENALTY_SUMMARY, COERCIVE_MEASURE, INSPECTION, LICENSING)
}

# Every approval a workflow declares, by code.
APPROVALS: dict[str, Approval] = {
    t.approval.code: t.approval for wf in WORKFLOWS.values() for t in wf.transitions if t.approval is not None
}

# States in which a case is still open (for lists and deadlines); an annulled case waits only to be
# archived, like a closed one.
OPEN_STATES = frozenset(s for s in CaseState.values) - frozenset(
    {S.NOT_FILED, S.CLOSED, S.ARCHIVED, S.CONVERTED, S.REJECTED, S.ANNULLED}
)

# Steps recorded outside the table (creation) and their labels.
CREATE_ACTION = "create"
CREATE_LABEL: dict[str, str] = {
    CaseKind.PENALTY_ORDINARY: "登记案件线索",
    CaseKind.PENALTY_SUMMARY: "现场登记（简易程序）",
    CaseKind.COERCIVE_MEASURE: "登记拟实施的强制措施",
    CaseKind.INSPECTION: "登记检查任务",
    CaseKind.LICENSING: "登记许可申请",
}


def workflow_for(kind: str) -> Workflow:
    return WORKFLOWS[kind]
