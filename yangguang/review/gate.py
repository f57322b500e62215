"""The hard gate of legal review and what makes a case major.

The review's guards (``guards.py``) and effects (``assess_proposal``, ``keep_major_current`` here,
``services.open_request`` / ``open_round``) are contributed to the case workflow in ``apps.py``: the
review app keeps ``case.is_major`` current from the agency's catalog (重大执法决定法制审核目录清单)
and opens review rounds when the unit submits.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from yangguang.cases.extensions import GuardContext
from yangguang.cases.models import Case
from yangguang.cases.workflow import CaseKind
from yangguang.core.errors import DomainError, NotFoundError
from yangguang.discretion.services import check_proposal, evaluate_major, require_outside_reason, suggest

from .models import REVIEWER_HOLDS, RequestStatus, ReviewRequest

FLAG_ACTIONS = ("flag_major", "clear_major_flag")
# Steps after which the case may have become major, or stopped being major.
MAJOR_ACTIONS = frozenset({"propose", "issue_notice", "renotify", "hold_hearing", *FLAG_ACTIONS})

MSG_IN_PROGRESS = "法制审核进行中，拟处罚和重大执法决定情形标记不能修改；审核意见退回后方可修改"
MSG_TRUTH = "提交法制审核须由承办机构声明对提交材料的真实性、完整性负责"
MSG_NO_PROPOSAL = "请先拟定处罚意见，再提交法制审核"
MSG_ALREADY_PASSED = "本案法制审核已通过，无需重复提交"
MSG_NOT_RETURNED = "审核意见尚未退回，不能重新提交法制审核"
MSG_NO_REQUEST = "本案尚未提交法制审核"


def current_flags(case: Case, ctx: GuardContext | None = None) -> dict[str, str]:
    """The circumstances the handlers marked, with their reasons, from the case's steps (and the step
    being taken now, which is not recorded yet)."""
    flags: dict[str, str] = {}
    rows = case.steps.filter(action__in=FLAG_ACTIONS).order_by("seq").values_list("action", "data", "reason")
    events = [(a, (d or {}).get("flag", ""), r) for a, d, r in rows]
    if ctx is not None and ctx.transition.action in FLAG_ACTIONS:
        events.append((ctx.transition.action, ctx.data.get("flag") or "", ctx.reason))
    for action, code, reason in events:
        if action == "flag_major":
            flags[code] = reason
        else:
            flags.pop(code, None)
    return flags


def major_reasons(case: Case, ctx: GuardContext | None = None) -> list[Any]:
    """Why the case's proposed decision is major under its agency's catalog (empty: not major).
    Only the ordinary penalty procedure has a legal review step; the other kinds are never blocked."""
    party = case.main_party
    if case.kind != CaseKind.PENALTY_ORDINARY or party is None:
        return []
    return evaluate_major(
        agency=case.agency,
        party_kind=party.kind,
        fine_amount=case.proposed_fine or 0,
        confiscation_amount=case.proposed_confiscation or 0,
        penalty_types=list(case.proposed_penalty_types or []),
        hearing_held=case.hearings.filter(held_on__isnull=False).exists(),
        flags=current_flags(case, ctx),
    )


def fingerprint(case: Case) -> str:
    """What a passed review vouches for: the proposed decision, its facts and its legal basis."""
    data = {
        "types": sorted(case.proposed_penalty_types or []),
        "fine": str(case.proposed_fine or Decimal(0)),
        "confiscation": str(case.proposed_confiscation or Decimal(0)),
        "legal_basis": case.legal_basis.strip(),
        "facts": case.facts.strip(),
    }
    return hashlib.sha256(json.dumps(data, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def latest_request(case: Case) -> ReviewRequest | None:
    return ReviewRequest.objects.filter(case_id=case.pk).order_by("-pk").first()


def review_required(case: Case) -> bool:
    return bool(case.is_major)


def review_passed(case: Case) -> bool:
    request = latest_request(case)
    return (
        request is not None
        and request.status == RequestStatus.PASSED
        and request.passed_fingerprint == fingerprint(case)
    )


def review_stale(case: Case) -> bool:
    """The review passed, but for a proposal the case no longer carries."""
    request = latest_request(case)
    return (
        request is not None
        and request.status == RequestStatus.PASSED
        and request.passed_fingerprint != fingerprint(case)
    )


# --- Guards -------------------------------------------------------------------------------------


def check_editable(case: Case) -> None:
    request = latest_request(case)
    if request is not None and request.status in REVIEWER_HOLDS:
        raise DomainError(MSG_IN_PROGRESS, code="review_in_progress")


def _truth(data: Mapping[str, Any]) -> None:
    if data.get("truth_statement") is not True:
        raise DomainError(MSG_TRUTH, code="truth_statement_required")


def check_submission(case: Case, data: Mapping[str, Any]) -> None:
    _truth(data)
    if not case.proposed_penalty_types:
        raise DomainError(MSG_NO_PROPOSAL, code="proposal_missing")
    check_editable(case)
    if review_passed(case):
        raise DomainError(MSG_ALREADY_PASSED, code="review_already_passed")


def check_resubmission(case: Case, data: Mapping[str, Any]) -> None:
    _truth(data)
    request = latest_request(case)
    if request is None:
        raise DomainError(MSG_NO_REQUEST, code="review_not_submitted")
    check_editable(case)
    if request.status == RequestStatus.PASSED and not review_stale(case):
        raise DomainError(MSG_ALREADY_PASSED, code="review_already_passed")
    if request.status not in (RequestStatus.RETURNED, RequestStatus.PASSED):
        raise DomainError(MSG_NOT_RETURNED, code="review_not_returned")


# --- Discretion (裁量基准) on the proposal -----------------------------------------------------------


def _money(value: Decimal | None) -> str:
    if value is None:
        return "—"
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def discretion_assessment(
    case: Case, *, level: str | None, illegal_gains: Decimal | None, types: list[str], fine: Decimal | None
) -> dict[str, Any]:
    """The benchmark's level and range for the case and the check of the proposal against it, as
    lines for the case file, the review materials and the reviewer's checklist item 6."""
    party = case.main_party
    if case.item is None or party is None:
        return {"available": False, "outside": False, "lines": ["本案未关联执法事项，无法适用裁量基准"]}
    facts: dict[str, Any] = {}
    if level:
        facts["level"] = level
    if illegal_gains is not None:
        facts["illegal_gains"] = illegal_gains
    try:
        suggestion = suggest(agency=case.agency, item=case.item, party_kind=party.kind, facts=facts)
    except NotFoundError as exc:
        return {"available": False, "outside": False, "lines": [exc.message]}
    check = check_proposal(suggestion=suggestion, amount=fine, penalty_types=list(types or []))
    if suggestion.amount_min is not None:
        amount_range = f"{_money(suggestion.amount_min)}元至{_money(suggestion.amount_max)}元"
    else:
        amount_range = "—"
    lines = [
        f"裁量基准：{suggestion.benchmark_version}",
        f"适用情形：{suggestion.level_label}",
        f"罚款幅度：{amount_range}",
        f"处罚种类：{'、'.join(suggestion.penalty_type_labels) or '—'}",
        *suggestion.reasons,
        *check.messages,
        *check.notes,
    ]
    if suggestion.past.count:
        lines.append(
            f"本机关同一事项以往决定{suggestion.past.count}件，罚款中位数{_money(suggestion.past.median)}元"
            f"（{_money(suggestion.past.minimum)}元至{_money(suggestion.past.maximum)}元）"
        )
    return {
        "available": True,
        "outside": not check.inside,
        "range": amount_range,
        "level_label": suggestion.level_label,
        "lines": lines,
        "check": check,
    }


def last_proposal_step(case: Case) -> Any:
    return case.steps.filter(action="propose").order_by("-seq").first()


def case_discretion(case: Case) -> dict[str, Any]:
    """The assessment of the proposal the case carries now, with the facts of its last proposal."""
    step = last_proposal_step(case)
    data = step.data if step else {}
    gains = data.get("illegal_gains")
    result = discretion_assessment(
        case,
        level=data.get("level") or None,
        illegal_gains=Decimal(gains) if gains else None,
        types=list(case.proposed_penalty_types or []),
        fine=case.proposed_fine,
    )
    result["outside_reason"] = (data.get("outside_reason") or "") if result.get("outside") else ""
    return result


# --- Effects inside case_transition (contributed in apps.py) ----------------------------------------


def assess_proposal(ctx: GuardContext) -> dict[str, Any]:
    """A proposal is checked against the discretion benchmark: outside its range it needs the
    handlers' written reason; the assessment goes into the step."""
    d = ctx.data
    assessment = discretion_assessment(
        ctx.case,
        level=d.get("level"),
        illegal_gains=d.get("illegal_gains"),
        types=d["penalty_types"],
        fine=d.get("fine"),
    )
    if assessment["outside"]:
        require_outside_reason(check=assessment["check"], reason=d.get("outside_reason") or "")
    return {"discretion": assessment["lines"], "discretion_outside": assessment["outside"]}


def keep_major_current(ctx: GuardContext) -> dict[str, Any]:
    """After a step that may make the case major (or stop it being major), ``case.is_major`` is
    re-evaluated from the agency's catalog (saved with the step)."""
    reasons = major_reasons(ctx.case, ctx)
    ctx.case.is_major = bool(reasons)
    return {"major_reasons": [r.text for r in reasons] or ["不属于重大执法决定"]}
