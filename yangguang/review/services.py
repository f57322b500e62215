"""Every write of the legal review (法制审核): open a request and its rounds (from the case steps
``submit_review`` / ``resubmit_review``), assign a reviewer, record the nine findings and the written
opinion (with the opinion document), coordinate a disagreement, set the agency's review period.

Each write locks the case row, records a step of the case's timeline (which appends the ledger entry)
in the same transaction, and refuses with a Chinese message naming the rule.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from yangguang.access import policy
from yangguang.cases.extensions import GuardContext, StepKind
from yangguang.cases.models import Case, Step
from yangguang.cases.services import record_step
from yangguang.cases.workflow import TRUTH_STATEMENT, CaseKind
from yangguang.core.errors import DomainError
from yangguang.documents.services import issue_document
from yangguang.ledger.services import append_entry
from yangguang.roster.models import Agency, Officer, User
from yangguang.workdays.periods import PERIODS
from yangguang.workdays.selectors import add_working_days

from . import gate
from .materials import assemble, diff
from .models import (
    CHECK_DISCRETION,
    CHECK_LABELS,
    CHECKS,
    Coordination,
    CoordinationMethod,
    CoordinationOutcome,
    Finding,
    FindingResult,
    Opinion,
    RequestStatus,
    ReviewRequest,
    ReviewRound,
    ReviewSetting,
)

MSG_NOT_REVIEWER = "{name}不是本机关法制审核机构的法制审核人员"
MSG_HANDLER = "{name}是本案的承办人员，不得审核本案（法制审核与案件办理相分离）"
MSG_FIRST_REVIEW = "{name}未取得法律职业资格，不得初次从事行政处罚决定法制审核（《行政处罚法》第五十八条）"
MSG_ASSIGNER = "只有本机关的法制审核人员或行政机关负责人可以分配法制审核任务"
MSG_ASSIGN_STATE = "该法制审核申请当前为“{status}”，不能分配审核人员"
MSG_NOT_ASSIGNED = "只有分配的审核人员可以出具审核意见"
MSG_NOT_IN_REVIEW = "该法制审核申请当前为“{status}”，不能出具审核意见"
MSG_FINDINGS_MISSING = "请对九项审核事项逐项作出审核结论（缺少第{n}项「{label}」）"
MSG_FINDING_NOTE = "第{n}项「{label}」存在问题，请写明问题及修改意见"
MSG_DISCRETION_NOTE = "第6项「裁量基准运用是否适当」已标记：拟处罚超出裁量基准范围，请对承办机构的书面理由出具意见"
MSG_OPINION_TEXT = "请填写书面审核意见"
MSG_AGREE_WITH_PROBLEMS = "审核事项存在问题的，不能出具同意的审核意见"
MSG_PROBLEMS_WITHOUT_FINDING = "退回补正的，请至少标记一项存在问题的审核事项"
MSG_COORD_ROLE = "对审核意见有异议的，由本案承办人员或承办机构负责人申请协调"
MSG_COORD_STATE = "审核意见退回补正后，承办机构有异议的方可申请协调"
MSG_POSITION = "请写明承办机构的意见及理由"
MSG_RESOLVE_ROLE = "审核意见的分歧由行政机关负责人协调或者提请集体讨论决定"
MSG_RESOLVE_STATE = "没有待协调的审核意见分歧"
MSG_CONCLUSION = "请填写协调结论"
MSG_SETTING_ROLE = "法制审核期限由行政机关负责人或系统管理员设置"
MSG_SETTING_DAYS = "审核期限应为1至30个工作日"

# The review's entries in the case timeline (recorded with cases.services.record_step).
STEP_KINDS = (
    StepKind("review_assign", "分配法制审核人员"),
    StepKind("review_opinion", "法制审核意见", documents=("legal_review_opinion",)),
    StepKind("review_coordination_request", "对审核意见有异议，申请协调"),
    StepKind("review_coordination", "审核意见协调"),
)


def _today() -> dt.date:
    return timezone.localdate()


def setting_for(agency: Agency) -> ReviewSetting:
    """The agency's review settings (unsaved defaults when it has none)."""
    found = ReviewSetting.objects.filter(agency=agency).first()
    return found or ReviewSetting(agency=agency, deadline_working_days=PERIODS["legal_review"].length)


def set_deadline_days(*, agency: Agency, days: int, actor: User, warning_days: int = 1) -> ReviewSetting:
    policy.require(actor, "review.setting.edit", agency)
    if not 1 <= days <= 30 or not 0 <= warning_days < days:
        raise DomainError(MSG_SETTING_DAYS, code="invalid_days")
    with transaction.atomic():
        setting, _ = ReviewSetting.objects.select_for_update().get_or_create(agency=agency)
        setting.deadline_working_days = days
        setting.warning_working_days = warning_days
        setting.save()
        append_entry(
            actor=actor,
            subject=f"roster.agency:{agency.pk}",
            action="review.setting",
            payload={"deadline_working_days": days, "warning_working_days": warning_days},
        )
    return setting


# --- rounds (called from the case step's transaction) ------------------------------------------


def _round_fields(ctx: GuardContext, number: int) -> dict[str, Any]:
    case = ctx.case
    due = add_working_days(ctx.on, setting_for(case.agency).deadline_working_days)
    discretion = gate.case_discretion(case)
    return {
        "number": number,
        "submitted_by": ctx.actor,
        "submitted_on": ctx.on,
        "due_on": due.due,
        "due_provisional": due.provisional,
        "truth_statement": str(TRUTH_STATEMENT.label),
        "discretion_outside": bool(discretion.get("outside")),
        "outside_reason": discretion.get("outside_reason", ""),
        "materials": assemble(case, discretion=discretion),
    }


def open_request(ctx: GuardContext) -> dict[str, Any]:
    """The unit submits the case for review: a new request with its first round."""
    case = ctx.case
    reasons = [r.text for r in gate.major_reasons(case)]
    request = ReviewRequest.objects.create(
        case=case, agency=case.agency, submitted_by=ctx.actor, submitted_on=ctx.on, major_reasons=reasons
    )
    fields = _round_fields(ctx, 1)
    fields["note"] = ctx.data.get("note") or ""
    rnd = ReviewRound.objects.create(request=request, **fields)
    return {
        "review_request": request.pk,
        "review_round": 1,
        "review_due": rnd.due_on,
        "major_reasons": reasons,
        "truth_statement": True,
    }


def open_round(ctx: GuardContext) -> dict[str, Any]:
    """The unit resubmits after changing the case: a new round, with what changed since the last."""
    case = ctx.case
    request = gate.latest_request(case)
    assert request is not None  # the resubmission guard checked it
    request = ReviewRequest.objects.select_for_update().get(pk=request.pk)
    previous = request.rounds.order_by("-number").first()
    assert previous is not None
    fields = _round_fields(ctx, previous.number + 1)
    fields["note"] = ctx.data.get("changes") or ""
    fields["changes"] = diff(previous.materials, fields["materials"])
    rnd = ReviewRound.objects.create(request=request, **fields)
    request.status = RequestStatus.IN_REVIEW if request.reviewer_id else RequestStatus.PENDING
    request.passed_fingerprint = ""
    request.passed_on = None
    request.major_reasons = [r.text for r in gate.major_reasons(case)]
    request.save()
    return {
        "review_request": request.pk,
        "review_round": rnd.number,
        "review_due": rnd.due_on,
        "changed": [c["label"] for c in rnd.changes] or ["无变化"],
        "truth_statement": True,
    }


# --- helpers -----------------------------------------------------------------------------------


def _lock(request: ReviewRequest) -> tuple[ReviewRequest, Case]:
    case = Case.objects.select_for_update(of=("self",)).select_related("agency", "region").get(pk=request.case_id)
    request = ReviewRequest.objects.select_for_update().get(pk=request.pk)
    return request, case


def _step(
    case: Case,
    *,
    action: str,
    label: str,
    actor: User,
    on: dt.date,
    data: dict[str, Any],
    reason: str = "",
    documents: list[dict[str, Any]] | None = None,
) -> Step:
    """A record in the case's timeline (and, through it, the ledger): a step kind of this app."""
    return record_step(
        case=case, kind=action, label=label, actor=actor, on=on, data=data, reason=reason, documents=documents
    )


def current_round(request: ReviewRequest) -> ReviewRound:
    rnd = request.rounds.order_by("-number").first()
    assert rnd is not None
    return rnd


def reviewer_problems(case: Case, officer: Officer) -> str | None:
    """Why ``officer`` may not review ``case`` (None: eligible)."""
    if (
        not officer.is_reviewer
        or officer.agency_id != case.agency_id
        or officer.unit is None
        or not officer.unit.is_review_unit
    ):
        return MSG_NOT_REVIEWER.format(name=officer.name)
    if case.case_officers.filter(officer=officer).exists():
        return MSG_HANDLER.format(name=officer.name)
    if case.kind in (CaseKind.PENALTY_ORDINARY, CaseKind.PENALTY_SUMMARY) and not officer.legal_qualification:
        reviewed_before = ReviewRound.objects.filter(
            request__reviewer=officer, reviewed_on__isnull=False, request__case__kind__startswith="penalty"
        ).exists()
        if not reviewed_before:
            return MSG_FIRST_REVIEW.format(name=officer.name)
    return None


# --- assignment --------------------------------------------------------------------------------


def assign_reviewer(
    *, request: ReviewRequest, reviewer: Officer, actor: User, on: dt.date | None = None
) -> ReviewRequest:
    """Assign the request to a legal reviewer of the agency's review unit (or take it oneself)."""
    on = on or _today()
    policy.require(actor, "review.assign", request)
    with transaction.atomic():
        request, case = _lock(request)
        if request.status not in (RequestStatus.PENDING, RequestStatus.IN_REVIEW):
            raise DomainError(MSG_ASSIGN_STATE.format(status=RequestStatus(request.status).label), code="review_state")
        reviewer = Officer.objects.select_related("unit").get(pk=reviewer.pk)
        problem = reviewer_problems(case, reviewer)
        if problem:
            code = "reviewer_is_handler" if "承办人员" in problem else "reviewer_not_eligible"
            if "法律职业资格" in problem:
                code = "reviewer_not_qualified"
            raise DomainError(problem, code=code)
        request.reviewer = reviewer
        request.assigned_on = on
        request.status = RequestStatus.IN_REVIEW
        request.save()
        rnd = current_round(request)
        _step(
            case,
            action="review_assign",
            label="分配法制审核人员",
            actor=actor,
            on=on,
            data={
                "review_request": request.pk,
                "review_round": rnd.number,
                "reviewer": reviewer.name,
                "review_due": rnd.due_on,
            },
        )
    return request


# --- findings and opinion -----------------------------------------------------------------------


def _parse_findings(rnd: ReviewRound, findings: Mapping[int, tuple[str, str]]) -> list[Finding]:
    out = []
    for n, label in CHECKS:
        if n not in findings or findings[n][0] not in FindingResult.values:
            raise DomainError(MSG_FINDINGS_MISSING.format(n=n, label=label), code="findings_missing")
        result, note = findings[n][0], (findings[n][1] or "").strip()
        if result == FindingResult.PROBLEM and not note:
            raise DomainError(MSG_FINDING_NOTE.format(n=n, label=label), code="finding_note_required")
        flagged = n == CHECK_DISCRETION and rnd.discretion_outside
        if flagged and not note:
            raise DomainError(MSG_DISCRETION_NOTE, code="discretion_note_required")
        out.append(Finding(round=rnd, check_no=n, result=result, note=note, flagged=flagged))
    return out


def _opinion_document(
    case: Case, rnd: ReviewRound, findings: list[Finding], actor: User, on: dt.date
) -> dict[str, Any]:
    party = case.main_party
    materials = rnd.materials
    context = {
        "case_number": case.number,
        "case_cause": case.title,
        "party": {
            "name": party.name if party else "",
            "kind": party.kind if party else "organization",
            "id_number": party.id_number if party else "",
            "address": (party.address if party else "") or "—",
        },
        "proposal": materials.get("proposal") or "—",
        "review_round": rnd.number,
        "review_findings": [
            f"{f.check_no}. {CHECK_LABELS[f.check_no]}：{FindingResult(f.result).label}"
            + (f"。{f.note}" if f.note else "")
            for f in findings
        ],
        "review_conclusion": str(Opinion(rnd.opinion).label),
        "review_opinion": rnd.opinion_text,
        "reviewer": actor.display_name(),
        "date": on.isoformat(),
    }
    doc = issue_document(
        agency=case.agency, doc_type="legal_review_opinion", subject=case.subject_label, context=context, actor=actor
    )
    return {
        "id": doc.pk,
        "doc_type": doc.doc_type,
        "number": doc.number,
        "title": doc.title,
        "url": reverse("documents:detail", args=[doc.pk]),
        "download": reverse("documents:download", args=[doc.pk]),
    }


def record_opinion(
    *,
    request: ReviewRequest,
    actor: User,
    findings: Mapping[int, tuple[str, str]],
    opinion: str,
    text: str,
    on: dt.date | None = None,
) -> ReviewRound:
    """The reviewer's finding on each of the nine checks and the written opinion on the current round.
    Problems send the case back to the unit; agreement passes the review for the current proposal."""
    on = on or _today()
    text = (text or "").strip()
    with transaction.atomic():
        request, case = _lock(request)
        policy.require(actor, "review.opinion", request, on=on)
        if request.status != RequestStatus.IN_REVIEW:
            raise DomainError(MSG_NOT_IN_REVIEW.format(status=RequestStatus(request.status).label), code="review_state")
        if opinion not in Opinion.values:
            raise DomainError("审核意见应为同意、修改后同意或存在问题", code="invalid_opinion")
        rnd = current_round(request)
        parsed = _parse_findings(rnd, findings)
        if not text:
            raise DomainError(MSG_OPINION_TEXT, code="opinion_text_required")
        problems = [f for f in parsed if f.result == FindingResult.PROBLEM]
        if opinion != Opinion.PROBLEMS and problems:
            raise DomainError(MSG_AGREE_WITH_PROBLEMS, code="agree_with_problems")
        if opinion == Opinion.PROBLEMS and not problems:
            raise DomainError(MSG_PROBLEMS_WITHOUT_FINDING, code="problems_without_finding")
        Finding.objects.bulk_create(parsed)
        rnd.opinion = opinion
        rnd.opinion_text = text
        rnd.reviewed_by = actor
        rnd.reviewed_on = on
        if opinion == Opinion.PROBLEMS:
            request.status = RequestStatus.RETURNED
        else:
            request.status = RequestStatus.PASSED
            request.passed_fingerprint = gate.fingerprint(case)
            request.passed_on = on
        request.save()
        document = _opinion_document(case, rnd, parsed, actor, on)
        rnd.document = document
        rnd.save()
        _step(
            case,
            action="review_opinion",
            label=f"法制审核意见（第{rnd.number}轮）：{Opinion(opinion).label}",
            actor=actor,
            on=on,
            data={
                "review_request": request.pk,
                "review_round": rnd.number,
                "review_opinion": str(Opinion(opinion).label),
                "review_text": text,
                "review_findings": [
                    f"{f.check_no}.{CHECK_LABELS[f.check_no]}：{FindingResult(f.result).label}"
                    + (f"（{f.note}）" if f.note else "")
                    for f in parsed
                ],
            },
            documents=[document],
        )
    return rnd


# --- coordination ------------------------------------------------------------------------------


def request_coordination(
    *, request: ReviewRequest, actor: User, unit_position: str, on: dt.date | None = None
) -> Coordination:
    """The unit disagrees with the opinion that sent the case back: both positions go to the agency head."""
    on = on or _today()
    unit_position = (unit_position or "").strip()
    with transaction.atomic():
        request, case = _lock(request)
        policy.require(actor, "review.coordinate.request", request, on=on)
        if request.status != RequestStatus.RETURNED:
            raise DomainError(MSG_COORD_STATE, code="review_state")
        if not unit_position:
            raise DomainError(MSG_POSITION, code="position_required")
        rnd = current_round(request)
        coordination = Coordination.objects.create(
            request=request,
            round=rnd,
            unit_position=unit_position,
            requested_by=actor,
            requested_on=on,
            reviewer_position=rnd.opinion_text,
        )
        request.status = RequestStatus.COORDINATION
        request.save()
        _step(
            case,
            action="review_coordination_request",
            label="对审核意见有异议，申请协调",
            actor=actor,
            on=on,
            data={"review_request": request.pk, "review_round": rnd.number, "unit_position": unit_position},
        )
    return coordination


def resolve_coordination(
    *,
    coordination: Coordination,
    actor: User,
    method: str,
    outcome: str,
    conclusion: str,
    reviewer_position: str = "",
    on: dt.date | None = None,
) -> Coordination:
    """The agency head (alone or by collective discussion) settles the disagreement: the reviewer's
    opinion stands (the unit changes the case) or the unit's position is adopted (the review passes)."""
    on = on or _today()
    conclusion = (conclusion or "").strip()
    with transaction.atomic():
        request, case = _lock(coordination.request)
        coordination = Coordination.objects.select_for_update().get(pk=coordination.pk)
        policy.require(actor, "review.coordinate.resolve", request, on=on)
        if request.status != RequestStatus.COORDINATION or coordination.outcome:
            raise DomainError(MSG_RESOLVE_STATE, code="review_state")
        if method not in CoordinationMethod.values or outcome not in CoordinationOutcome.values:
            raise DomainError("请选择协调方式和协调结果", code="invalid_coordination")
        if not conclusion:
            raise DomainError(MSG_CONCLUSION, code="conclusion_required")
        if reviewer_position.strip():
            coordination.reviewer_position = reviewer_position.strip()
        coordination.method = method
        coordination.outcome = outcome
        coordination.conclusion = conclusion
        coordination.decided_by = actor
        coordination.decided_on = on
        coordination.save()
        if outcome == CoordinationOutcome.UNIT:
            request.status = RequestStatus.PASSED
            request.passed_fingerprint = gate.fingerprint(case)
            request.passed_on = on
        else:
            request.status = RequestStatus.RETURNED
        request.save()
        _step(
            case,
            action="review_coordination",
            label=f"审核意见协调：{CoordinationMethod(method).label}",
            actor=actor,
            on=on,
            data={
                "review_request": request.pk,
                "unit_position": coordination.unit_position,
                "reviewer_position": coordination.reviewer_position,
                "coordination_outcome": str(CoordinationOutcome(outcome).label),
                "coordination_conclusion": conclusion,
            },
        )
    return coordination
