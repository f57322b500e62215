"""Issue the documents (执法文书) a step requires through the documents app.

The context of each document is built from the case and the step's data: what was entered once
(party, officers, facts, provisions, evidence, amounts, earlier document numbers) is reused by every
document. A document whose required content is missing refuses the step with the documents app's
message (e.g. "生成《行政处罚决定书》缺少必填内容：…"), so a step never completes without its documents.

The reconsideration organ, the court and the payment account printed in decisions come from the
agency's roster entry (``Agency.reconsideration_organ_name``, ``court``, ``payment_account``; issue
16). Nothing is derived or invented: a document that needs one the roster lacks refuses the step,
naming what is missing (``MissingAppealData``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from django.urls import reverse

from yangguang.core.errors import DomainError
from yangguang.documents.services import issue_document
from yangguang.documents.types import DOC_TYPES
from yangguang.roster.models import User

from .deadlines import amount_owed, demand_steps, period
from .guards import is_heavy
from .models import Case
from .records import minute, parse_qa
from .workflow import CaseSource, DecisionType, PenaltyType, ServiceMethod, Transition

Context = dict[str, Any]
Builder = Callable[[Case, dict[str, Any], dt.date], Context]


class MissingAppealData(Exception):
    """The agency's roster entry lacks what a document must print (caught by ``issue_for_step``,
    which names the document)."""

    def __init__(self, missing: list[str]) -> None:
        super().__init__("、".join(missing))
        self.missing = missing


def _required(case: Case, *, account: bool = False) -> None:
    missing = case.agency.missing_appeal_data(account=account)
    if missing:
        raise MissingAppealData(missing)


def review_organ(case: Case) -> str:
    _required(case)
    return case.agency.reconsideration_organ_name


def court(case: Case) -> str:
    _required(case)
    return case.agency.court.strip()


def bank(case: Case) -> str:
    _required(case, account=True)
    return case.agency.payment_account.strip()


def money(value: Decimal | None) -> str:
    return "" if value is None else f"{value:.2f}".rstrip("0").rstrip(".")


def party(case: Case) -> dict[str, str]:
    p = case.main_party
    if p is None:
        return {}
    return {
        "name": p.name,
        "kind": p.kind,
        "id_number": p.id_number,
        "address": p.address,
        "legal_representative": p.legal_representative,
        "phone": p.phone,
    }


def officers(case: Case) -> list[dict[str, str]]:
    return [
        {"name": link.officer.name, "certificate_no": link.officer.certificate_no}
        for link in case.case_officers.filter(active=True).select_related("officer")
    ]


def evidence(case: Case) -> list[str]:
    """The evidence of the case as registered by its steps (证据, 笔录, 先行登记保存)."""
    out: list[str] = []
    actions = ("evidence", "inspection_record", "inquiry_record", "preserve_evidence")
    for step in case.steps.filter(action__in=actions).order_by("seq"):
        if step.action == "evidence":
            out.append(str(step.data.get("name", "")))
        elif step.action == "preserve_evidence":
            names = "、".join(i["name"] for i in items(str(step.data.get("items", ""))))
            out.append(f"先行登记保存的证据（{names}）")
        elif step.action == "inspection_record":
            out.append(f"现场检查笔录（{step.occurred_on.isoformat()}）")
        else:
            out.append(f"询问笔录（被询问人：{step.data.get('person', '')}）")
    return [e for e in out if e]


def penalty_text(types: Iterable[str], fine: Decimal | None, confiscation: Decimal | None) -> str:
    parts = []
    for code in types:
        label = str(PenaltyType(code).label)
        if code == PenaltyType.FINE and fine:
            label = f"罚款人民币{money(fine)}元"
        elif code in (PenaltyType.CONFISCATE_INCOME, PenaltyType.CONFISCATE_PROPERTY) and confiscation:
            label = f"{label}人民币{money(confiscation)}元"
        parts.append(label)
    return "；".join(f"{i}.{p}" for i, p in enumerate(parts, 1))


def items(text: str) -> list[dict[str, str]]:
    """Lines "名称，规格，数量" as the documents' item list."""
    out = []
    for line in (text or "").splitlines():
        cells = [c.strip() for c in line.replace(",", "，").split("，")]
        if cells and cells[0]:
            out.append(
                {
                    "name": cells[0],
                    "spec": cells[1] if len(cells) > 1 else "",
                    "quantity": cells[2] if len(cells) > 2 else "",
                }
            )
    return out


def lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def latest_document(case: Case, doc_types: Iterable[str]) -> dict[str, Any] | None:
    wanted = set(doc_types)
    for step in case.steps.order_by("-seq"):
        for ref in reversed(step.documents or []):
            if ref.get("doc_type") in wanted:
                return dict(ref)
    return None


def step_data(case: Case, action: str) -> dict[str, Any]:
    step = case.steps.filter(action=action).order_by("-seq").first()
    return dict(step.data) if step else {}


DECISION_DOCS = ("penalty_decision", "no_penalty_decision", "case_transfer")


def _numbered(ref: dict[str, Any] | None) -> str:
    if ref is None:
        return ""
    return f"《{ref['title']}》{ref['number']}" if ref.get("number") else f"《{ref['title']}》"


# --- one builder per document type ---------------------------------------------------------------


def _approver(data: dict[str, Any]) -> str:
    """The approver as printed: "周局长", or "李副局长（受周局长委托）" under a delegation."""
    approval = data.get("approval")
    if not isinstance(approval, dict):
        return ""
    by = str(approval.get("by") or "")
    return f"{by}（受{approval['delegated_from']}委托）" if approval.get("delegated_from") else by


def _approval_fields(data: dict[str, Any]) -> Context:
    """The approval of the step (``services.approvals``) on an approval form (审批表)."""
    approval = data.get("approval")
    if not isinstance(approval, dict):
        return {}
    return {"approver_opinion": str(approval.get("opinion") or ""), "approver": _approver(data)}


def _case_filing(case: Case, data: dict[str, Any], on: dt.date) -> Context:
    return {
        "case_number": case.number,
        "case_cause": case.display_title,
        "case_source": str(CaseSource(case.source).label) + (f"：{case.source_detail}" if case.source_detail else ""),
        "party": party(case),
        "facts": case.facts,
        "officers": officers(case),
        **_approval_fields(data),
    }


def _inspection_record(case: Case, data: dict[str, Any], on: dt.date) -> Context:
    return {
        "case_number": case.number,
        "party": party(case),
        "place": data["place"],
        "started_at": minute(data["started_at"]),
        "ended_at": minute(data["ended_at"]),
        "officers": officers(case),
        "record": data["content"],
        "present": data.get("present") or "",
    }


def _inquiry_record(case: Case, data: dict[str, Any], on: dt.date) -> Context:
    interviewee = {"name": data["person"]}
    for key in ("relation", "id_number"):
        if data.get(key):
            interviewee[key] = data[key]
    return {
        "case_number": case.number,
        "case_cause": case.display_title,
        "party": party(case),
        "interviewee": interviewee,
        "place": data["place"],
        "started_at": minute(data["started_at"]),
        "ended_at": minute(data["ended_at"]),
        "officers": officers(case),
        "qa": parse_qa(data["content"]),
    }


def _statement_record(case: Case, data: dict[str, Any], on: dt.date) -> Context:
    waiver = "adopted" not in data  # waive_statement has no review opinion field
    statement = data["content"]
    if not waiver and data.get("adopted"):
        statement = f"{statement}\n复核意见：{data['adopted']}"
    return {
        "case_number": case.number,
        "case_cause": case.display_title,
        "party": party(case),
        "officers": officers(case),
        "statement": statement,
        "waiver": waiver,
    }


def _payment_record(case: Case, data: dict[str, Any], on: dt.date) -> Context:
    decision = latest_document(case, ("penalty_decision", "summary_penalty_decision")) or {}
    _fine, _surcharge, outstanding = amount_owed(case, on)
    ctx: Context = {
        "case_number": case.number,
        "party": party(case),
        "paid_amount": money(data["amount"]),
        "paid_on": on.isoformat(),
        "receipt_number": data.get("receipt") or "",
        "decision_number": decision.get("number", ""),
        "paid_total": money(case.total_paid()),
        "outstanding": money(outstanding),
        "officers": officers(case),
    }
    if case.fine_amount:
        ctx["fine_amount"] = money(case.fine_amount)
    return ctx


def _seizure_record(case: Case, data: dict[str, Any], on: dt.date) -> Context:
    original = latest_document(case, ("seizure_decision",)) or {}
    imposed = step_data(case, "impose")
    return {
        "case_number": case.number,
        "party": party(case),
        "place": data["place"],
        "started_at": minute(data["started_at"]),
        "ended_at": minute(data["ended_at"]),
        "officers": officers(case),
        "measure": imposed.get("measure", "查封、扣押"),
        "seized_items": items(imposed.get("items", "")),
        "record": data["record"],
        "original_decision_number": original.get("number", ""),
        "present": data.get("present") or "",
    }


def _preservation(case: Case, data: dict[str, Any], on: dt.date) -> Context:
    return {
        "case_number": case.number,
        "case_cause": case.display_title,
        "party": party(case),
        "preserved_items": items(data["items"]),
        "storage_place": data["storage_place"],
        "officers": officers(case),
        **({"approver": _approver(data)} if _approver(data) else {}),
    }


def _investigation_report(case: Case, data: dict[str, Any], on: dt.date) -> Context:
    return {
        "case_number": case.number,
        "case_cause": case.display_title,
        "party": party(case),
        "facts": case.facts,
        "evidence": evidence(case),
        "violated_provisions": case.violated_provisions,
        "legal_basis": case.legal_basis,
        "proposal": data["report"],
        "officers": officers(case),
    }


def _penalty_notice(case: Case, data: dict[str, Any], on: dt.date) -> Context:
    renotice: Context = {}
    if data.get("new_facts"):
        earlier = latest_document(case, ("penalty_notice",))
        renotice = {"new_facts": data["new_facts"], "replaces_notice": _numbered(earlier)}
    return {
        **renotice,
        "case_number": case.number,
        "party": party(case),
        "facts": case.facts,
        "evidence": evidence(case),
        "violated_provisions": case.violated_provisions,
        "legal_basis": case.legal_basis,
        "penalty": penalty_text(case.proposed_penalty_types, case.proposed_fine, case.proposed_confiscation),
        "hearing_right": is_heavy(
            case.proposed_penalty_types, case.proposed_fine, case.proposed_confiscation, case.main_party
        ),
    }


def _hearing_notice(case: Case, data: dict[str, Any], on: dt.date) -> Context:
    return {
        "case_number": case.number,
        "case_cause": case.display_title,
        "party": party(case),
        "hearing_time": data["hearing_time"].strftime("%Y-%m-%dT%H:%M"),
        "hearing_place": data["place"],
        "hearing_host": data["chair"].name,
    }


def _statement_summary(case: Case) -> str:
    parts = []
    for s in case.statements.order_by("occurred_on", "pk"):
        if s.kind == "waiver":
            parts.append(f"{s.occurred_on.isoformat()} 当事人放弃陈述申辩")
        else:
            parts.append(
                f"{s.occurred_on.isoformat()} 当事人陈述申辩：{s.content}"
                + (f"；复核意见：{s.review}" if s.review else "")
            )
    report = step_data(case, "hearing_report")
    for h in case.hearings.filter(held_on__isnull=False, superseded_on__isnull=True):
        held = f"{h.held_on.isoformat()} 举行听证，根据听证笔录（{h.summary}）"  # type: ignore[union-attr]
        if report:
            held += f"，听证主持人处理意见：{report.get('opinion', '')}"
        parts.append(held)
    return "；".join(parts) or "当事人在规定期限内未提出陈述申辩"


def _penalty_decision(case: Case, data: dict[str, Any], on: dt.date) -> Context:
    ctx: Context = {
        "case_number": case.number,
        "party": party(case),
        "facts": case.facts,
        "evidence": evidence(case),
        "violated_provisions": case.violated_provisions,
        "legal_basis": case.legal_basis,
        "penalty": penalty_text(case.penalty_types, case.fine_amount, case.confiscation_amount),
        "review_organ": review_organ(case),
        "court": court(case),
        "discretion": data["reasons"],
        "statement_summary": _statement_summary(case),
    }
    if case.fine_amount:
        ctx["fine_amount"] = money(case.fine_amount)
        ctx["bank"] = bank(case)
    return ctx


def _no_penalty_decision(case: Case, data: dict[str, Any], on: dt.date) -> Context:
    reason = data["reasons"]
    if case.decision_type == DecisionType.NOT_ESTABLISHED:
        reason = f"违法事实不能成立。{reason}"
    return {
        "case_number": case.number,
        "party": party(case),
        "facts": case.facts,
        "evidence": evidence(case),
        "no_penalty_reason": reason,
        "legal_basis": case.legal_basis or "《中华人民共和国行政处罚法》第五十七条",
        "review_organ": review_organ(case),
        "court": court(case),
    }


def _case_transfer(case: Case, data: dict[str, Any], on: dt.date) -> Context:
    return {
        "case_number": case.number,
        "case_cause": case.display_title,
        "party": party(case),
        "receiving_organ": data["receiving_organ"],
        "facts": case.facts,
        "suspected_crime": data["reasons"],
        "evidence": evidence(case),
    }


def _service_receipt(case: Case, data: dict[str, Any], on: dt.date) -> Context:
    served = latest_document(case, DECISION_DOCS)
    return {
        "case_number": case.number,
        "served_document": _numbered(served) or "行政处罚决定书",
        "party": party(case),
        "service_method": str(ServiceMethod(data["method"]).label),
        "service_place": data["place"],
        "served_at": data["served_at"].strftime("%Y-%m-%dT%H:%M"),
        "recipient": data["recipient"],
        "officers": officers(case),
    }


def _current_hearing(case: Case) -> Any:
    return case.hearings.filter(held_on__isnull=False, superseded_on__isnull=True).order_by("-pk").first()


def _hearing_record(case: Case, data: dict[str, Any], on: dt.date) -> Context:
    hearing = _current_hearing(case)
    noticed = step_data(case, "hearing_notice")
    ctx: Context = {
        "case_number": case.number,
        "case_cause": case.title,
        "party": party(case),
        "hearing_time": str(noticed.get("hearing_time", ""))[:16],
        "hearing_place": hearing.place if hearing else "",
        "hearing_host": hearing.chair.name if hearing and hearing.chair else "",
        "hearing_clerk": data["clerk"],
        "officers": officers(case),
        "record": data["summary"],
    }
    if data.get("ended_at"):
        ctx["ended_at"] = data["ended_at"].strftime("%Y-%m-%dT%H:%M")
    return ctx


def _hearing_report(case: Case, data: dict[str, Any], on: dt.date) -> Context:
    hearing = _current_hearing(case)
    return {
        "case_number": case.number,
        "case_cause": case.title,
        "party": party(case),
        "hearing_date": hearing.held_on.isoformat() if hearing and hearing.held_on else "",
        "hearing_place": hearing.place if hearing else "",
        "hearing_host": hearing.chair.name if hearing and hearing.chair else "",
        "penalty": penalty_text(case.proposed_penalty_types, case.proposed_fine, case.proposed_confiscation),
        "hearing_findings": data["findings"],
        "hearing_opinion": data["opinion"],
    }


def _collective_discussion(case: Case, data: dict[str, Any], on: dt.date) -> Context:
    return {
        "case_number": case.number,
        "case_cause": case.title,
        "party": party(case),
        "started_at": data["started_at"].strftime("%Y-%m-%dT%H:%M"),
        "place": data["place"],
        "chair": data["chair"],
        "participants": [p for p in re.split(r"[、，,；;\s]+", data["participants"]) if p],
        "record": data["record"],
        "conclusion": data["conclusion"],
    }


def _surcharge_demand(case: Case, data: dict[str, Any], on: dt.date) -> Context:
    decision = latest_document(case, DECISION_DOCS) or {}
    fine, surcharge, outstanding = amount_owed(case, on)
    return {
        "case_number": case.number,
        "party": party(case),
        "decision_number": decision.get("number", ""),
        "decision_date": case.decided_on.isoformat() if case.decided_on else "",
        "fine_amount": money(fine),
        "surcharge_amount": money(surcharge),
        "outstanding_amount": money(outstanding),
        "bank": bank(case),
    }


def _enforcement_application(case: Case, data: dict[str, Any], on: dt.date) -> Context:
    decision = latest_document(case, DECISION_DOCS) or {}
    fine, surcharge, outstanding = amount_owed(case, on)
    demand_doc = latest_document(case, ("surcharge_demand",)) or {}
    _, served = demand_steps(case)
    demanded = (
        f"本机关于{served.occurred_on}向当事人送达{_numbered(demand_doc)}，催告期限届满后当事人仍未履行；"
        if served is not None
        else ""
    )
    return {
        "case_number": case.number,
        "court": data["court"],
        "party": party(case),
        "decision_number": decision.get("number", ""),
        "decision_date": case.decided_on.isoformat() if case.decided_on else "",
        "obligation": penalty_text(case.penalty_types, case.fine_amount, case.confiscation_amount),
        "performance": (
            f"当事人于{case.served_on}收到行政处罚决定书，逾期未缴纳罚款；{demanded}截至{on}，"
            f"罚款{money(fine)}元，加处罚款{money(surcharge)}元，尚欠{money(outstanding)}元"
        ),
    }


def _closing_approval(case: Case, data: dict[str, Any], on: dt.date) -> Context:
    decision = latest_document(case, DECISION_DOCS) or {}
    if case.decision_type == DecisionType.PENALTY:
        outcome = "给予行政处罚：" + penalty_text(case.penalty_types, case.fine_amount, case.confiscation_amount)
    else:
        outcome = str(DecisionType(case.decision_type).label) if case.decision_type else "—"
    paid = case.total_paid()
    if case.compulsory_execution_on:
        execution = f"已于{case.compulsory_execution_on}申请人民法院强制执行"
    elif case.fine_amount:
        execution = f"已缴纳{money(paid)}元（含加处罚款）"
    else:
        execution = "无需执行罚没款项"
    return {
        "case_number": case.number,
        "case_cause": case.display_title,
        "party": party(case),
        "decision_number": decision.get("number", ""),
        "outcome": outcome,
        "execution": execution,
        "officers": officers(case),
        "handler_opinion": data["summary"],
    }


def _summary_decision(case: Case, data: dict[str, Any], on: dt.date) -> Context:
    ctx: Context = {
        "case_number": case.number,
        "party": party(case),
        "occurred_at": data["occurred_at"].strftime("%Y-%m-%dT%H:%M"),
        "place": data["place"],
        "facts": data["facts"],
        "violated_provisions": data["violated_provisions"],
        "legal_basis": data["legal_basis"],
        "penalty": penalty_text(case.penalty_types, case.fine_amount, None),
        "officers": officers(case),
        "review_organ": review_organ(case),
        "court": court(case),
    }
    if case.fine_amount:
        ctx["fine_amount"] = money(case.fine_amount)
        ctx["bank"] = bank(case)
    return ctx


def _seizure_decision(case: Case, data: dict[str, Any], on: dt.date) -> Context:
    return {
        "case_number": case.number,
        "party": party(case),
        "facts": case.facts,
        "legal_basis": data["legal_basis"],
        "measure": data["measure"],
        "seized_items": items(data["items"]),
        "storage_place": data["storage_place"],
        "period_days": data["term_days"],
        "period_start": on.isoformat(),
        "period_end": period("seizure", on, days=data["term_days"]).due.isoformat(),
        "review_organ": review_organ(case),
        "court": court(case),
        **({"approver": _approver(data)} if _approver(data) else {}),
    }


def _seizure_extension(case: Case, data: dict[str, Any], on: dt.date) -> Context:
    seizure = case.seizures.filter(released_on__isnull=True).get()
    original = latest_document(case, ("seizure_decision",)) or {}
    imposed = step_data(case, "impose")
    return {
        "case_number": case.number,
        "party": party(case),
        "original_decision_number": original.get("number", ""),
        "measure": imposed.get("measure", "查封、扣押"),
        "extension_reason": data.get("_reason", ""),
        "period_days": data["days"],
        "period_end": period(
            "seizure", seizure.started_on, seizure.extended_days, days=seizure.term_days
        ).due.isoformat(),
        "review_organ": review_organ(case),
        "court": court(case),
    }


def _seizure_release(case: Case, data: dict[str, Any], on: dt.date) -> Context:
    original = latest_document(case, ("seizure_decision",)) or {}
    imposed = step_data(case, "impose")
    return {
        "case_number": case.number,
        "party": party(case),
        "original_decision_number": original.get("number", ""),
        "measure": imposed.get("measure", "查封、扣押"),
        "release_reason": data.get("_reason", ""),
        "seized_items": items(imposed.get("items", "")),
    }


def _inspection_check(case: Case, data: dict[str, Any], on: dt.date) -> Context:
    started = step_data(case, "start_inspection")
    return {
        "case_number": case.number,
        "party": party(case),
        "place": started.get("place", ""),
        "inspected_at": data["inspected_at"].strftime("%Y-%m-%dT%H:%M"),
        "officers": officers(case),
        "inspection_item": case.item.name if case.item else case.title,
        "findings": data["content"],
        "result": "发现违法行为" if data["result"] == "violation" else "未发现问题",
        "rectification": data.get("rectification") or "",
    }


def _licensing_acceptance(case: Case, data: dict[str, Any], on: dt.date) -> Context:
    return {
        "application_number": case.number,
        "party": party(case),
        "application_item": case.item.name if case.item else case.title,
        "applied_on": case.registered_on.isoformat(),
        "materials": lines(data["materials"]),
    }


def _licensing_grant(case: Case, data: dict[str, Any], on: dt.date) -> Context:
    return {
        "application_number": case.number,
        "party": party(case),
        "application_item": case.item.name if case.item else case.title,
        "applied_on": case.registered_on.isoformat(),
        "license_content": data.get("license_content") or "",
        "legal_basis": data["legal_basis"],
    }


def _licensing_denial(case: Case, data: dict[str, Any], on: dt.date) -> Context:
    return {
        "application_number": case.number,
        "party": party(case),
        "application_item": case.item.name if case.item else case.title,
        "applied_on": case.registered_on.isoformat(),
        "denial_reason": data["reasons"],
        "legal_basis": data["legal_basis"],
        "review_organ": review_organ(case),
        "court": court(case),
    }


BUILDERS: dict[str, Builder] = {
    "case_filing": _case_filing,
    "inspection_record": _inspection_record,
    "inquiry_record": _inquiry_record,
    "statement_record": _statement_record,
    "payment_record": _payment_record,
    "seizure_record": _seizure_record,
    "evidence_preservation_notice": _preservation,
    "investigation_report": _investigation_report,
    "penalty_notice": _penalty_notice,
    "hearing_notice": _hearing_notice,
    "penalty_decision": _penalty_decision,
    "no_penalty_decision": _no_penalty_decision,
    "case_transfer": _case_transfer,
    "service_receipt": _service_receipt,
    "hearing_record": _hearing_record,
    "hearing_report": _hearing_report,
    "collective_discussion": _collective_discussion,
    "surcharge_demand": _surcharge_demand,
    "enforcement_application": _enforcement_application,
    "closing_approval": _closing_approval,
    "summary_penalty_decision": _summary_decision,
    "seizure_decision": _seizure_decision,
    "seizure_extension_decision": _seizure_extension,
    "seizure_release_decision": _seizure_release,
    "inspection_check": _inspection_check,
    "licensing_acceptance": _licensing_acceptance,
    "licensing_grant": _licensing_grant,
    "licensing_denial": _licensing_denial,
}

# Steps whose document depends on the outcome: the table lists every possible one.
SELECT: dict[str, Callable[[Case, dict[str, Any]], list[str]]] = {
    "decide": lambda case, data: [
        {
            DecisionType.PENALTY: "penalty_decision",
            DecisionType.NO_PENALTY: "no_penalty_decision",
            DecisionType.NOT_ESTABLISHED: "no_penalty_decision",
            DecisionType.REFERRAL: "case_transfer",
        }[data["decision_type"]]
    ],
    "decide_licence": lambda case, data: [
        "licensing_grant" if data["licence_decision"] == "grant" else "licensing_denial"
    ],
}


def doc_ref(doc: Any) -> dict[str, Any]:
    return {
        "id": doc.pk,
        "doc_type": doc.doc_type,
        "title": doc.title,
        "number": doc.number,
        "url": reverse("documents:detail", args=[doc.pk]),
        "download": reverse("documents:download", args=[doc.pk]),
    }


def issue_for_step(
    *, case: Case, transition: Transition, actor: User, data: dict[str, Any], on: dt.date, reason: str = ""
) -> list[dict[str, Any]]:
    """Issue every document of ``transition`` (inside the caller's transaction) and return their
    references for the step."""
    if not transition.documents:
        return []
    select = SELECT.get(transition.action)
    codes = select(case, data) if select else list(transition.documents)
    refs = []
    for code in codes:
        try:
            context = BUILDERS[code](case, {**data, "_reason": reason}, on)
        except MissingAppealData as exc:
            # Name everything the document lacks, not only what its builder met first.
            spec = DOC_TYPES[code]
            account = "bank" in spec.required or ("bank" in spec.optional and bool(case.fine_amount))
            missing = case.agency.missing_appeal_data(account=account) or exc.missing
            raise DomainError(
                f"执法主体“{case.agency.name}”的名册信息缺少{'、'.join(missing)}，不能制作《{spec.name}》："
                "决定书须载明真实的行政复议机关、管辖人民法院和罚没款缴纳账户。"
                "请系统管理员在执法主体名册中补充（执法主体导入或管理后台）",
                code="agency_appeal_data_missing",
                details={"missing": missing, "document": code},
            ) from None
        context.setdefault("date", on.isoformat())
        doc = issue_document(
            agency=case.agency, doc_type=code, subject=case.subject_label, context=context, actor=actor
        )
        refs.append(doc_ref(doc))
    return refs
