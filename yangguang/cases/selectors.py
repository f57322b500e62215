"""Reads of cases: lists scoped to the user, the timeline, the available next actions, deadlines
per officer and per agency, and the home page panels."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from yangguang.access import policy
from yangguang.roster.models import Role, User

from .deadlines import DEADLINE_STATES, PREFETCH, CaseDeadline, case_deadlines, warning_horizon

__all__ = ["case_deadlines"]
from yangguang.documents.selectors import documents_for_subject
from yangguang.ledger.services import export_bundle

from .access_rules import StepRequest
from .models import Case, Step
from .workflow import OPEN_STATES, CaseSource, CaseState, DecisionType, Transition, workflow_for


def visible_cases(user: User) -> QuerySet[Case]:
    """Cases the user may read (the policy's ``case.view``: officers the cases they handle or
    handled; heads and reviewers their agency's; supervisors those of their region and below; a
    secret case only its handlers, the head of its handling unit and the agency's heads)."""
    return policy.scope(user, "case.view", Case.objects.select_related("agency", "item", "region"))


def my_cases(user: User, *, open_only: bool = False, q: str = "") -> QuerySet[Case]:
    """ "My cases": an officer's cases (those they handle now), or the agency's for heads."""
    if user.role == Role.OFFICER:
        qs = visible_cases(user).filter(case_officers__officer_id=user.officer_id or 0, case_officers__active=True)
    else:
        qs = visible_cases(user)
    if open_only:
        qs = qs.filter(state__in=OPEN_STATES)
    if q:
        qs = qs.filter(title__contains=q) | qs.filter(number__contains=q) | qs.filter(parties__name__contains=q)
    return qs.distinct().order_by("-registered_on", "-pk")


def get_case(user: User, pk: int) -> Case | None:
    return visible_cases(user).filter(pk=pk).first()


def timeline(case: Case) -> list[Step]:
    return list(case.steps.select_related("actor").order_by("seq"))


def available_actions(case: Case, user: User, on: dt.date | None = None) -> list[Transition]:
    """The next steps of the declared workflow that this user may take on this case now (the
    policy's ``case.act``; the guards are checked when the step is submitted, so that the refusal
    names its rule)."""
    on = on or timezone.localdate()
    return [
        t
        for t in workflow_for(case.kind).from_state(case.state)
        if policy.allows(user, "case.act", StepRequest(case, t), on=on)
    ]


# Steps beside the procedure (who handles, recusal, extensions, the decision's later fate) come after it.
SIDE_ACTIONS = ("add_officer", "recuse", "extend_decision_deadline", "extend_seizure", "extend_licensing", "annul")


def in_procedural_order(case: Case, steps: list[Transition]) -> list[Transition]:
    """The steps in the order of the procedure: first those that move the case on (by the layer of
    the state they lead to, the main path before its alternatives: 立案 before 不予立案), then what is
    recorded in the current state (as declared), then the side steps."""
    wf = workflow_for(case.kind)
    layer = {state: i for i, states in enumerate(wf.layers) for state in states}
    position = {t.action: i for i, t in enumerate(wf.transitions)}

    def key(t: Transition) -> tuple[int, int, int]:
        if t.action in SIDE_ACTIONS:
            return (2, 0, position.get(t.action, 0))
        if t.target is not None:
            column = next((states.index(t.target) for states in wf.layers if t.target in states), 0)
            return (0, layer.get(t.target, 99) * 10 + column, position.get(t.action, 0))
        return (1, 0, position.get(t.action, 0))

    return sorted(steps, key=key)


def _rows(cases: Any, today: dt.date) -> list[dict[str, Any]]:
    """The running deadlines of ``cases`` (a queryset of cases in ``DEADLINE_STATES``), soonest first."""
    rows: list[dict[str, Any]] = []
    for case in cases:
        for d in case_deadlines(case):
            left = d.days_left(today)
            rows.append({"case": case, "deadline": d, "status": d.status(today), "days_left": left, "days_over": -left})
    rows.sort(key=lambda r: (r["deadline"].due, r["case"].pk))
    return rows


def officer_deadlines(user: User, today: dt.date | None = None) -> list[dict[str, Any]]:
    """The running deadlines of the open cases the officer handles, soonest first."""
    if not user.officer_id:
        return []
    cases = Case.objects.filter(
        case_officers__officer_id=user.officer_id, case_officers__active=True, state__in=OPEN_STATES
    ).distinct()
    cases = cases.filter(state__in=DEADLINE_STATES).prefetch_related("parties", *PREFETCH)
    return _rows(cases, today or timezone.localdate())


# The agency list of the deadlines page and API shows the soonest this many.
AGENCY_DEADLINES_LIMIT = 200


def agency_deadlines(
    user: User, today: dt.date | None = None, *, due_by: dt.date | None = None, limit: int | None = None
) -> list[dict[str, Any]]:
    """The running deadlines of the open cases the user oversees and may read (unit heads,
    agency heads, reviewers, supervisors), soonest first: only those due by ``due_by``, only the
    first ``limit``. An index read on the cases' stored soonest due date (``Case.next_due_on``):
    the deadlines are computed only for the cases listed (the first ``limit`` cases by their
    soonest due date hold the first ``limit`` deadlines)."""
    if not policy.allows(user, "case.deadlines.agency"):
        return []
    cases = visible_cases(user).filter(state__in=OPEN_STATES, next_due_on__isnull=False)
    if due_by is not None:
        cases = cases.filter(next_due_on__lte=due_by)
    cases = cases.order_by("next_due_on", "pk").prefetch_related("parties", *PREFETCH)
    if limit is not None:
        cases = cases[:limit]
    rows = _rows(cases, today or timezone.localdate())
    if due_by is not None:
        rows = [r for r in rows if r["deadline"].due <= due_by]
    return rows[:limit] if limit is not None else rows


def due_soon(user: User, today: dt.date, *, limit: int | None = None) -> list[dict[str, Any]]:
    """The user's deadlines overdue or due within 3 working days (the "即将到期" panel, the to-do
    centre), soonest first: an officer's own cases, the cases a head or supervisor oversees."""
    horizon = warning_horizon(today)
    if user.role == Role.OFFICER:
        rows = [r for r in officer_deadlines(user, today) if r["deadline"].due <= horizon]
        return rows[:limit] if limit is not None else rows
    return agency_deadlines(user, today, due_by=horizon, limit=limit)


def passed_deadlines(case: Case, on: dt.date) -> list[str]:
    """The statutory periods of the case already run out on ``on`` (the day of an act), as warnings:
    "作出处罚决定（90日，《行政处罚法》第六十条）已于2026年6月1日届满，已逾期3日"."""
    out = []
    for d in case_deadlines(case):
        if on > d.due:
            out.append(
                f"{d.label}（{d.period}，{d.basis}）已于{d.due.year}年{d.due.month}月{d.due.day}日届满，"
                f"已逾期{(on - d.due).days}日"
            )
    return out


def deadline_dict(d: CaseDeadline, today: dt.date) -> dict[str, Any]:
    return {
        "code": d.code,
        "label": d.label,
        "basis": d.basis,
        "period": d.period,
        "start": d.start,
        "due": d.due,
        "status": d.status(today),
        "days_left": d.days_left(today),
        "days_over": -d.days_left(today),
        "provisional": d.provisional,
        "provisional_note": d.provisional_note,
        "detail": d.detail,
    }


def home_panels(user: User, role: str) -> list[dict[str, Any]]:
    """Panels for the home pages (contributed as ``extensions.HOME_PANELS`` in ``apps.py``)."""
    today = timezone.localdate()
    panels: list[dict[str, Any]] = []
    if role in (Role.OFFICER, Role.UNIT_HEAD, Role.AGENCY_HEAD):
        cases = list(my_cases(user, open_only=True)[:10])
        panels.append({"title": "我的待办案件", "template": "cases/_panel_cases.html", "cases": cases})
    if role in (Role.OFFICER, Role.UNIT_HEAD, Role.AGENCY_HEAD, Role.SUPERVISOR):
        soon = due_soon(user, today, limit=10)
        panels.append({"title": "即将到期", "template": "cases/_panel_deadlines.html", "rows": soon})
    return panels


# --- the timeline as shown ----------------------------------------------------------------------

CREATE_LABELS = {
    "number": "案件编号",
    "title": "案由",
    "source": "案件来源",
    "source_detail": "来源说明",
    "facts": "涉嫌违法事实",
    "violation_date": "违法行为发生日期",
    "discovery_date": "发现日期",
    "harms_safety": "涉及生命健康、金融安全",
    "parties": "当事人",
    "officers": "承办人员",
}
EXTRA_LABELS = {
    "preservation_id": "登记保存记录号",
    "fine": "罚款（元）",
    "surcharge": "加处罚款（元）",
    "outstanding": "尚欠金额（元）",
    "penalty_case_number": "转立案案件",
    "remade_case_number": "重新作出决定的案件",
    # legal review (法制审核) records
    "major_reasons": "重大执法决定情形",
    "discretion": "裁量基准核对",
    "discretion_outside": "超出裁量基准",
    "review_request": "法制审核申请号",
    "review_round": "审核轮次",
    "review_due": "审核期限",
    "truth_statement": "承办机构对材料真实性、完整性负责",
    "changed": "本轮修改的材料",
    "reviewer": "审核人员",
    "review_opinion": "审核结论",
    "review_text": "书面审核意见",
    "review_findings": "审核事项",
    "unit_position": "承办机构意见",
    "reviewer_position": "法制审核机构意见",
    "coordination_outcome": "协调结果",
    "coordination_conclusion": "协调结论",
}
HIDDEN_KEYS = {"kind", "item", "region", "penalty_case", "remade_case"}
# Approval steps (提请审批, 同意, 退回): the submitted step's fields, and the approval's own keys.
APPROVAL_ACTIONS = ("approval_request", "approval_approve", "approval_return", "approval_withdraw")
APPROVAL_LABELS = {"by": "审批人", "opinion": "审批意见", "delegated_from": "委托人", "requested_by": "提请人"}
APPROVAL_HIDDEN = {"request", "step", "by_id", "delegation", "label", "on", "withdrawn"}


def approval_text(value: dict[str, Any]) -> str:
    """An approval as the timeline shows it: "立案审批：钱科长（受周局长委托）2026-03-02 同意"."""
    by = str(value.get("by") or "")
    if value.get("delegated_from"):
        by += f"（受{value['delegated_from']}委托）"
    return f"{value.get('label', '')}：{by} {value.get('on', '')} {value.get('opinion', '')}".strip()


def _show(value: Any, choices: dict[str, str]) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dict):
        return str(value.get("name", ""))
    if isinstance(value, list):
        return "、".join(_show(v, choices) for v in value)
    text = str(value)
    return choices.get(text, text)


def timeline_rows(case: Case) -> list[dict[str, Any]]:
    """Every step with its data as (label, text) pairs, for the case page."""
    wf = workflow_for(case.kind)
    rows = []
    for step in timeline(case):
        approval_step = step.action in APPROVAL_ACTIONS
        t = wf.by_action(str((step.data or {}).get("step", ""))) if approval_step else wf.by_action(step.action)
        labels = dict(CREATE_LABELS) if t is None else {f.name: f.label for f in t.fields}
        if approval_step:
            labels.update(APPROVAL_LABELS)
        choices: dict[str, str] = {v: str(lbl) for v, lbl in CaseSource.choices} if t is None else {}
        for f in t.fields if t else ():
            choices.update(dict(f.choices))
        items = []
        for key, value in (step.data or {}).items():
            if value in (None, "", []) or key in HIDDEN_KEYS or (approval_step and key in APPROVAL_HIDDEN):
                continue
            if key == "approval":
                if isinstance(value, dict):
                    items.append(("审批", approval_text(value)))
                continue
            label = labels.get(key) or EXTRA_LABELS.get(key) or key
            items.append((label, _show(value, choices)))
        rows.append(
            {
                "step": step,
                "items": items,
                "from_label": CaseState(step.from_state).label if step.from_state else "",
                "to_label": CaseState(step.to_state).label if step.to_state else "",
                "moved": step.from_state != step.to_state,
            }
        )
    return rows


def case_documents(case: Case) -> list[Any]:
    """Every document issued for the case (执法文书), in the order issued."""
    return list(documents_for_subject(case.subject_label))


def record_bundle(case: Case) -> dict[str, Any]:
    """The case's ledger record as a verifiable export bundle (entries of the case and of the
    documents that name it, inclusion proofs, signed checkpoint)."""
    return export_bundle(subjects=[case.subject_label])


def past_fines(*, agency: Any, item: Any, party_kind: str) -> list[Decimal]:
    """Fines the agency imposed before on the same enforcement item for the same kind of party
    (the discretion assistant's past-decisions hook: like cases get like penalties)."""
    qs = Case.objects.filter(
        agency=agency,
        item=item,
        decision_type=DecisionType.PENALTY,
        fine_amount__isnull=False,
        decided_on__isnull=False,
        annulled_on__isnull=True,  # a revoked or illegal decision is no precedent
    )
    if party_kind:
        qs = qs.filter(parties__kind=party_kind)
    return [amount for amount in qs.distinct().values_list("fine_amount", flat=True) if amount is not None]


def subject_of_number(number: str) -> str | None:
    """The ledger subject of the case registered with ``number`` (案号), if any."""
    case = Case.objects.filter(number=number).order_by("legacy_duplicate", "pk").first() if number else None
    return case.subject_label if case is not None else None
