"""What each step writes (the appliers) and the ``APPLY`` table from action to applier."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from yangguang.access import policy
from yangguang.core.errors import DomainError

from ..access_rules import HandlerCandidate
from ..deadlines import amount_owed
from ..guards import GuardContext
from ..models import (
    CaseOfficer,
    CollectiveDiscussion,
    DeadlineExtension,
    EvidencePreservation,
    Hearing,
    Payment,
    Recusal,
    Seizure,
    Statement,
)
from ..records import check_times, parse_qa
from ..workflow import (
    AnnulmentChannel,
    AnnulmentGround,
    CaseKind,
    CaseSource,
    DecisionType,
    PenaltyType,
    ServiceMethod,
)
from .creation import _party_snapshot, create_case
from .validation import _invalid

# --- what each step writes ----------------------------------------------------------------------


def _no_apply(ctx: GuardContext) -> dict[str, Any] | None:
    return None


def _add_officer(ctx: GuardContext) -> None:
    case, officer = ctx.case, ctx.data["officer"]
    policy.require(ctx.actor, "case.handler.assign", HandlerCandidate(case.agency_id, officer), on=ctx.on)
    if case.recusals.filter(officer=officer).exists():
        raise DomainError(
            f"执法人员{officer.name}已回避本案，不得承办（《行政处罚法》第四十三条）", code="officer_recused"
        )
    _link, created = CaseOfficer.objects.get_or_create(case=case, officer=officer, defaults={"added_on": ctx.on})
    if not created:
        raise _invalid(f"{officer.name}已是本案承办人员")


def _recuse(ctx: GuardContext) -> None:
    case, officer = ctx.case, ctx.data["officer"]
    link = case.case_officers.filter(officer=officer, active=True).first()
    if link is None:
        raise _invalid(f"{officer.name}不是本案的承办人员")
    Recusal.objects.create(
        case=case, officer=officer, grounds=ctx.data["grounds"], decided_by=ctx.actor, decided_on=ctx.on
    )
    link.active = False
    link.save(update_fields=["active"])


def _file(ctx: GuardContext) -> None:
    ctx.case.filed_on = ctx.on


def _close_now(ctx: GuardContext) -> None:
    ctx.case.closed_on = ctx.on


def _preserve(ctx: GuardContext) -> dict[str, Any]:
    p = EvidencePreservation.objects.create(case=ctx.case, items=ctx.data["items"], registered_on=ctx.on)
    return {"preservation_id": p.pk}


def _dispose(ctx: GuardContext) -> None:
    p = ctx.case.preservations.filter(pk=ctx.data["preservation"], disposed_on__isnull=True).first()
    if p is None:
        raise _invalid("没有该项待处理的先行登记保存记录")
    p.disposed_on = ctx.on
    p.disposal = ctx.data["disposal"]
    p.save(update_fields=["disposed_on", "disposal"])


def _approver_id(ctx: GuardContext) -> int:
    """Who approved the step: the approver of its approval, or the actor who took it himself."""
    return int(ctx.approval["by_id"]) if ctx.approval else ctx.actor.pk


def _extension(code: str) -> Callable[[GuardContext], None]:
    def apply(ctx: GuardContext) -> None:
        if ctx.data["days"] < 1:
            raise _invalid("延长天数应为正整数")
        DeadlineExtension.objects.create(
            case=ctx.case,
            deadline=code,
            days=ctx.data["days"],
            approved_by_id=_approver_id(ctx),
            approved_on=ctx.on,
            reason=ctx.reason,
        )

    return apply


def _end_investigation(ctx: GuardContext) -> None:
    ctx.case.violated_provisions = ctx.data["violated_provisions"]
    ctx.case.legal_basis = ctx.data["legal_basis"]


def _issue_notice(ctx: GuardContext) -> None:
    case, d = ctx.case, ctx.data
    case.proposed_penalty_types = d["penalty_types"]
    case.proposed_fine = d.get("fine")
    case.proposed_confiscation = d.get("confiscation")
    if d.get("legal_basis"):
        case.legal_basis = d["legal_basis"]
    elif not case.legal_basis:
        raise _invalid("请填写“处罚依据”")
    if d.get("facts"):
        case.facts = d["facts"]
    case.notice_on = ctx.on


def _renotify(ctx: GuardContext) -> dict[str, Any]:
    """重新告知: new facts found after the notice. The new notice replaces the old one: the proposal is
    the new one, the statement period runs again from today, and the statements and hearing
    requests that answered the old notice no longer count for the new one (they stay on record)."""
    case = ctx.case
    previous = {
        "notice_on": case.notice_on.isoformat() if case.notice_on else None,
        "penalty_types": list(case.proposed_penalty_types or []),
        "fine": str(case.proposed_fine) if case.proposed_fine is not None else None,
        "confiscation": str(case.proposed_confiscation) if case.proposed_confiscation is not None else None,
    }
    statements = case.statements.filter(superseded_on__isnull=True).update(superseded_on=ctx.on)
    hearings = case.hearings.filter(superseded_on__isnull=True).update(superseded_on=ctx.on)
    _issue_notice(ctx)
    return {"previous_notice": previous, "superseded_statements": statements, "superseded_hearings": hearings}


def _propose(ctx: GuardContext) -> None:
    """The proposed penalty recorded before the notice (the materials of the legal review)."""
    case, d = ctx.case, ctx.data
    case.proposed_penalty_types = d["penalty_types"]
    case.proposed_fine = d.get("fine")
    case.proposed_confiscation = d.get("confiscation")
    if d.get("legal_basis"):
        case.legal_basis = d["legal_basis"]
    elif not case.legal_basis:
        raise _invalid("请填写“处罚依据”")
    if d.get("facts"):
        case.facts = d["facts"]


def _statement(kind: str) -> Callable[[GuardContext], None]:
    def apply(ctx: GuardContext) -> None:
        Statement.objects.create(
            case=ctx.case,
            kind=kind,
            occurred_on=ctx.on,
            content=ctx.data["content"],
            review=ctx.data.get("adopted") or "",
        )

    return apply


def _request_hearing(ctx: GuardContext) -> None:
    Hearing.objects.create(case=ctx.case, requested_on=ctx.on)


def _hearing_notice(ctx: GuardContext) -> None:
    hearing = ctx.case.hearings.filter(held_on__isnull=True, superseded_on__isnull=True).get()
    hearing.notified_on = ctx.on
    hearing.scheduled_for = ctx.data["hearing_time"].date()
    hearing.place = ctx.data["place"]
    hearing.chair = ctx.data["chair"]
    hearing.save()


def _hold_hearing(ctx: GuardContext) -> None:
    hearing = ctx.case.hearings.filter(held_on__isnull=True, superseded_on__isnull=True).get()
    hearing.held_on = ctx.on
    hearing.summary = ctx.data["summary"]
    hearing.save()


def _order_discussion(ctx: GuardContext) -> None:
    ctx.case.collective_discussion_ordered = True


def _discussion(ctx: GuardContext) -> None:
    CollectiveDiscussion.objects.create(
        case=ctx.case, held_on=ctx.on, participants=ctx.data["participants"], conclusion=ctx.data["conclusion"]
    )


def _decide(ctx: GuardContext) -> None:
    case, d = ctx.case, ctx.data
    if d["decision_type"] == DecisionType.REFERRAL and not d.get("receiving_organ"):
        raise _invalid("移送司法机关的，请填写“接收机关”")
    case.decision_type = d["decision_type"]
    case.penalty_types = d.get("penalty_types") or []
    case.fine_amount = d.get("fine")
    case.confiscation_amount = d.get("confiscation")
    case.decision_reasons = d["reasons"]
    case.decided_on = ctx.on


def _decide_on_spot(ctx: GuardContext) -> None:
    case, d = ctx.case, ctx.data
    case.decision_type = DecisionType.PENALTY
    case.penalty_types = d["penalty_types"]
    case.fine_amount = d.get("fine") if PenaltyType.FINE in d["penalty_types"] else None
    case.legal_basis = d["legal_basis"]
    case.violated_provisions = d["violated_provisions"]
    case.facts = d["facts"]
    case.decision_reasons = d["legal_basis"]
    case.decided_on = ctx.on
    case.notice_on = ctx.on  # rights are told on the spot before deciding (第五十二条)
    if d.get("statement"):
        Statement.objects.create(case=case, kind=Statement.Kind.STATEMENT, occurred_on=ctx.on, content=d["statement"])


def _serve(ctx: GuardContext) -> None:
    ctx.case.served_on = ctx.on
    ctx.case.service_method = ctx.data["method"]
    if ctx.case.kind == CaseKind.LICENSING:
        ctx.case.closed_on = ctx.on


def _deliver(ctx: GuardContext) -> None:
    ctx.case.served_on = ctx.on
    ctx.case.service_method = ServiceMethod.DIRECT


def _payment(ctx: GuardContext) -> dict[str, Any]:
    if ctx.data["amount"] <= 0:
        raise _invalid("缴款金额应大于0")
    Payment.objects.create(
        case=ctx.case, amount=ctx.data["amount"], paid_on=ctx.on, receipt=ctx.data.get("receipt") or ""
    )
    fine, surcharge, outstanding = amount_owed(ctx.case, ctx.on)
    return {"fine": fine, "surcharge": surcharge, "outstanding": outstanding}


def _compulsory(ctx: GuardContext) -> None:
    ctx.case.compulsory_execution_on = ctx.on


def _archive(ctx: GuardContext) -> None:
    ctx.case.archived_on = ctx.on


def _impose(ctx: GuardContext) -> None:
    Seizure.objects.create(case=ctx.case, items=ctx.data["items"], started_on=ctx.on, term_days=ctx.data["term_days"])


def _extend_seizure(ctx: GuardContext) -> None:
    seizure = ctx.case.seizures.filter(released_on__isnull=True).get()
    seizure.extended_days = ctx.data["days"]
    seizure.extension_approved_by_id = _approver_id(ctx)
    seizure.extended_on = ctx.on
    seizure.save()


def _release(ctx: GuardContext) -> None:
    ctx.case.seizures.filter(released_on__isnull=True).update(released_on=ctx.on)


def _record_result(ctx: GuardContext) -> None:
    ctx.case.inspection_result = ctx.data["result"]


def _convert(ctx: GuardContext) -> dict[str, Any]:
    case = ctx.case
    new = create_case(
        actor=ctx.actor,
        kind=CaseKind.PENALTY_ORDINARY,
        title=case.title,
        parties=[_party_snapshot(p) for p in case.parties.all()],
        officers=[link.officer for link in case.case_officers.filter(active=True)],
        region=case.region,
        source=CaseSource.INSPECTION,
        source_detail=f"由检查案件{case.number}转立案",
        facts=ctx.data["facts"],
        violation_date=ctx.data["violation_date"],
        discovery_date=ctx.on,
        occurred_on=ctx.on,
        source_case=case,
    )
    case.closed_on = ctx.on
    return {"penalty_case": new.pk, "penalty_case_number": new.number}


def _accept(ctx: GuardContext) -> None:
    ctx.case.accepted_on = ctx.on


def _decide_licence(ctx: GuardContext) -> None:
    if ctx.data["licence_decision"] == "grant" and not ctx.data.get("license_content"):
        raise _invalid("准予许可的，请填写“许可内容”")
    ctx.case.legal_basis = ctx.data["legal_basis"]
    ctx.case.licence_decision = ctx.data["licence_decision"]
    ctx.case.decision_reasons = ctx.data["reasons"]
    ctx.case.decided_on = ctx.on


# The kind of the case in which a decision ordered re-made is made again: a summary procedure is
# only for the spot (《行政处罚法》第五十一条), so its decision is re-made in the ordinary procedure.
REMADE_KIND: dict[str, str] = {CaseKind.PENALTY_SUMMARY: CaseKind.PENALTY_ORDINARY}


def _annul(ctx: GuardContext) -> dict[str, Any]:
    """The decision was revoked, confirmed illegal or ordered re-made. The case keeps its decision
    and history; a measure still in force ends; a decision to be re-made gets a new case linked to
    this one (``source_case``), in the initial state of its workflow, with the same parties,
    handlers and facts."""
    case, d = ctx.case, ctx.data
    case.annulled_on = ctx.on
    case.annulment_ground = d["ground"]
    organ = d.get("organ") or (case.agency.name if d["channel"] == AnnulmentChannel.SELF else "")
    if not organ:
        raise _invalid("请填写“作出机关”（复议机关或人民法院）")
    extra: dict[str, Any] = {"organ": organ}
    if case.kind == CaseKind.COERCIVE_MEASURE:
        case.seizures.filter(released_on__isnull=True).update(released_on=ctx.on)
    if d["ground"] == AnnulmentGround.REMADE:
        kind = REMADE_KIND.get(case.kind, case.kind)
        new = create_case(
            actor=ctx.actor,
            kind=kind,
            title=case.title,
            parties=[_party_snapshot(p) for p in case.parties.all()],
            officers=[link.officer for link in case.case_officers.filter(active=True)],
            item=case.item,
            region=case.region,
            source=CaseSource.APPLICATION if kind == CaseKind.LICENSING else CaseSource.OTHER,
            source_detail=f"原决定（{case.number}）被{organ}撤销并责令重新作出（{d['document_number']}）",
            facts=case.facts,
            legal_basis=case.legal_basis,
            violation_date=case.violation_date,
            discovery_date=case.discovery_date,
            harms_safety=case.harms_safety,
            occurred_on=ctx.on,
            source_case=case,
            involves_minor=case.involves_minor,
            is_secret=case.is_secret,
        )
        extra.update({"remade_case": new.pk, "remade_case_number": new.number})
    return extra


def _on_site_record(ctx: GuardContext) -> None:
    check_times(ctx.data)


def _inquiry(ctx: GuardContext) -> dict[str, Any]:
    check_times(ctx.data)
    return {"qa": parse_qa(ctx.data["content"])}


APPLY: dict[str, Callable[[GuardContext], dict[str, Any] | None]] = {
    "inspection_record": _on_site_record,
    "inquiry_record": _inquiry,
    "seizure_record": _on_site_record,
    "add_officer": _add_officer,
    "recuse": _recuse,
    "file": _file,
    "not_file": _close_now,
    "preserve_evidence": _preserve,
    "dispose_evidence": _dispose,
    "extend_decision_deadline": _extension("decision"),
    "end_investigation": _end_investigation,
    "issue_notice": _issue_notice,
    "renotify": _renotify,
    "propose": _propose,
    "record_statement": _statement(Statement.Kind.STATEMENT),
    "waive_statement": _statement(Statement.Kind.WAIVER),
    "request_hearing": _request_hearing,
    "hearing_notice": _hearing_notice,
    "hold_hearing": _hold_hearing,
    "order_collective_discussion": _order_discussion,
    "collective_discussion": _discussion,
    "decide": _decide,
    "decide_on_spot": _decide_on_spot,
    "serve": _serve,
    "deliver": _deliver,
    "record_payment": _payment,
    "apply_compulsory_execution": _compulsory,
    "close": _close_now,
    "archive": _archive,
    "impose": _impose,
    "extend_seizure": _extend_seizure,
    "release": _release,
    "record_result": _record_result,
    "end": _close_now,
    "convert_to_penalty": _convert,
    "accept": _accept,
    "reject_application": _close_now,
    "extend_licensing": _extension("licensing"),
    "decide_licence": _decide_licence,
    "annul": _annul,
}
