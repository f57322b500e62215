"""Writes of the supervision app. Every write: keyword-only arguments, one transaction, the row
locked, the ledger entry in the same transaction."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from yangguang.access import policy
from yangguang.accounts import notify
from yangguang.core.errors import DomainError
from yangguang.documents.services import abbreviation_for
from yangguang.ledger.services import append_entry
from yangguang.roster.models import Agency, Role, User
from yangguang.workdays.periods import PERIODS

from . import parameters, selectors
from .campaigns import escalate_overdue as campaign_escalate
from .models import (
    ANSWERED_KINDS,
    DOC_NUMBER_WORD,
    Answer,
    AnswerStatus,
    Clue,
    ClueSource,
    ClueStatus,
    DocKind,
    DocStatus,
    Finding,
    HitMark,
    SupervisionDocument,
    SupervisionSequence,
    Verdict,
)
from .rules import RULES

MSG_NO_RULE = "没有这个监督预警模型"
MSG_NO_HIT = "该对象目前未被此模型命中（可能已整改或不在您的监督范围内）"
MSG_VERDICT = "请选择判定结果（属实或误报）"


def mark_hit(
    *, actor: User, rule_code: str, key: str, verdict: str, note: str = "", today: dt.date | None = None
) -> HitMark:
    """Record the supervisor's verdict on a hit (属实 or 误报); a later verdict replaces it. The hit
    must be one the model finds now in the supervisor's scope."""
    r = RULES.get(rule_code)
    if r is None:
        raise DomainError(MSG_NO_RULE, code="rule_not_found")
    if verdict not in Verdict.values:
        raise DomainError(MSG_VERDICT, code="verdict_required")
    hit = selectors.find_hit(actor, r, key, today)
    if hit is None:
        raise DomainError(MSG_NO_HIT, code="hit_not_found")
    agency = Agency.objects.get(pk=hit.agency_id)
    policy.require(actor, "supervision.mark", agency)
    bureau = selectors.bureau_of(actor)
    assert bureau is not None  # the policy grants marking to supervisors only
    with transaction.atomic():
        mark = HitMark.objects.select_for_update().filter(bureau=bureau, rule=r.code, key=key).first()
        if mark is None:
            mark = HitMark(bureau=bureau, rule=r.code, key=key, agency=agency)
        mark.rule_version = parameters.for_user(actor, r)[1]
        mark.verdict = verdict
        mark.note = note.strip()[:300]
        mark.marked_by = actor
        mark.save()
        entry = append_entry(
            actor=actor,
            subject=mark,
            action="supervision.hit.mark",
            payload={
                "rule": r.code,
                "version": mark.rule_version,
                "key": key,
                "agency": agency.pk,
                "verdict": verdict,
                "on": timezone.localdate().isoformat(),
            },
            refs=[f"cases.case:{hit.case_id}"] if hit.case_id else [],
        )
        mark.ledger_seq = entry.seq
        mark.save(update_fields=["ledger_seq"])
    return mark


# --- clues and supervision documents ------------------------------------------------------------------

MSG_TITLE = "请填写线索标题"
MSG_DESCRIPTION = "请填写线索内容"
MSG_AGENCY = "请选择被投诉或被监督的执法主体"
MSG_NO_BUREAU = "该执法主体所在区划没有执法监督机构"
MSG_ASSIGNEE = "只能分派给本监督机构的执法监督人员"
MSG_CLUE_CLOSED = "线索已办结，不能再办理"
MSG_FINDING = "请选择核查结论并填写核查情况"
MSG_OPEN_DOCS = "该线索还有未审核认可的监督文书，不能办结"
MSG_DOC_KIND = "请选择监督文书种类"
MSG_DOC_TEXT = "请填写发现的问题和监督意见（决定）"
MSG_DUE = "答复期限应晚于制发日期"
MSG_NOT_ANSWERABLE = "该文书目前不需要答复（已答复待审核或已认可）"
MSG_RECTIFICATION = "请填写整改情况"
MSG_EVIDENCE_SIZE = "整改证明材料不能超过20MB"
MSG_NOTHING_TO_DECIDE = "没有待审核的整改答复"
MSG_RETURN_NOTE = "退回时请写明理由"
MSG_COMPLAINANT = "请填写投诉人姓名和联系方式，以便答复"
EVIDENCE_MAX = 20 * 1024 * 1024


def _next_number(*, bureau: Agency, series: str, year: int) -> int:
    SupervisionSequence.objects.get_or_create(bureau=bureau, year=year, series=series)
    row = SupervisionSequence.objects.select_for_update().get(bureau=bureau, year=year, series=series)
    row.last += 1
    row.save(update_fields=["last"])
    return row.last


def bureau_for(agency: Agency) -> Agency | None:
    """The supervision organ nearest above an agency: the justice bureau whose region holds the
    agency's region with the longest path (county before city before province)."""
    path = agency.region.path
    bureaus = [
        b
        for b in Agency.objects.filter(is_supervisor=True, is_active=True).select_related("region")
        if path.startswith(b.region.path)
    ]
    return max(bureaus, key=lambda b: len(b.region.path), default=None)


def _clue_entry(actor: Any, clue: Clue, action: str, **payload: Any) -> None:
    append_entry(
        actor=actor,
        subject=clue,
        action=action,
        payload={"number": clue.number, "agency": clue.agency_id, "status": clue.status, **payload},
        refs=[f"cases.case:{clue.case_id}"] if clue.case_id else [],
    )


def _new_clue(*, bureau: Agency, actor: Any, today: dt.date, **fields: Any) -> Clue:
    seq = _next_number(bureau=bureau, series="clue", year=today.year)
    clue = Clue.objects.create(
        bureau=bureau, number=f"{abbreviation_for(bureau)}线索〔{today.year}〕{seq}号", received_on=today, **fields
    )
    _clue_entry(
        actor,
        clue,
        "supervision.clue.create",
        source=clue.source,
        rule=clue.rule,
        version=clue.rule_version,
        key=clue.hit_key,
    )
    return clue


def clue_from_hit(*, actor: User, rule_code: str, key: str, today: dt.date | None = None) -> Clue:
    """Turn a model's hit into a clue of the supervisor's bureau (one open clue per hit)."""
    today = today or timezone.localdate()
    r = RULES.get(rule_code)
    if r is None:
        raise DomainError(MSG_NO_RULE, code="rule_not_found")
    hit = selectors.find_hit(actor, r, key, today)
    if hit is None:
        raise DomainError(MSG_NO_HIT, code="hit_not_found")
    agency = Agency.objects.get(pk=hit.agency_id)
    policy.require(actor, "supervision.clue.manage", agency)
    bureau = selectors.bureau_of(actor)
    assert bureau is not None
    with transaction.atomic():
        existing = (
            Clue.objects.select_for_update()
            .filter(bureau=bureau, rule=r.code, hit_key=key)
            .exclude(status=ClueStatus.CLOSED)
            .first()
        )
        if existing is not None:
            return existing
        return _new_clue(
            bureau=bureau,
            actor=actor,
            today=today,
            source=ClueSource.MODEL,
            rule=r.code,
            rule_version=parameters.for_user(actor, r)[1],
            hit_key=key,
            agency=agency,
            case_id=hit.case_id,
            title=f"{r.name}：{hit.title}"[:200],
            description=hit.detail,
            created_by=actor,
        )


def create_clue(
    *, actor: User, agency: Agency | None, title: str, description: str, today: dt.date | None = None
) -> Clue:
    """A clue a supervisor found (监督人员发现)."""
    today = today or timezone.localdate()
    if agency is None:
        raise DomainError(MSG_AGENCY, code="agency_required")
    policy.require(actor, "supervision.clue.manage", agency)
    if not title.strip():
        raise DomainError(MSG_TITLE, code="title_required")
    if not description.strip():
        raise DomainError(MSG_DESCRIPTION, code="description_required")
    bureau = selectors.bureau_of(actor)
    assert bureau is not None
    with transaction.atomic():
        return _new_clue(
            bureau=bureau,
            actor=actor,
            today=today,
            source=ClueSource.SUPERVISOR,
            agency=agency,
            title=title.strip()[:200],
            description=description.strip(),
            created_by=actor,
        )


def submit_complaint(
    *, agency: Agency | None, title: str, description: str, complainant: str, contact: str, today: dt.date | None = None
) -> Clue:
    """A public complaint about an agency's enforcement (投诉举报), received by the supervision organ
    nearest above the agency. The complainant's name and contact stay out of the ledger."""
    today = today or timezone.localdate()
    if agency is None or agency.is_supervisor:
        raise DomainError(MSG_AGENCY, code="agency_required")
    if not title.strip():
        raise DomainError(MSG_TITLE, code="title_required")
    if not description.strip():
        raise DomainError(MSG_DESCRIPTION, code="description_required")
    if not complainant.strip() or not contact.strip():
        raise DomainError(MSG_COMPLAINANT, code="complainant_required")
    bureau = bureau_for(agency)
    if bureau is None:
        raise DomainError(MSG_NO_BUREAU, code="no_bureau")
    with transaction.atomic():
        return _new_clue(
            bureau=bureau,
            actor=None,
            today=today,
            source=ClueSource.COMPLAINT,
            agency=agency,
            title=title.strip()[:200],
            description=description.strip()[:5000],
            complainant=complainant.strip()[:50],
            complainant_contact=contact.strip()[:100],
        )


def _locked_clue(clue: Clue) -> Clue:
    locked = Clue.objects.select_for_update().get(pk=clue.pk)
    if locked.status == ClueStatus.CLOSED:
        raise DomainError(MSG_CLUE_CLOSED, code="clue_closed")
    return locked


def assign_clue(*, actor: User, clue: Clue, assignee: User | None) -> Clue:
    """Assign the clue to a supervisor of its bureau, who investigates it (核查)."""
    policy.require(actor, "supervision.clue.manage", clue.agency)
    if assignee is None or assignee.agency_id != clue.bureau_id or assignee.role != "supervisor":
        raise DomainError(MSG_ASSIGNEE, code="assignee_invalid")
    with transaction.atomic():
        locked = _locked_clue(clue)
        locked.assignee = assignee
        locked.status = ClueStatus.INVESTIGATING
        locked.save(update_fields=["assignee", "status"])
        _clue_entry(actor, locked, "supervision.clue.assign", assignee=assignee.username)
    return locked


def close_clue(*, actor: User, clue: Clue, finding: str, text: str, today: dt.date | None = None) -> Clue:
    """Close the clue with its finding (核查结论); every answered document must be accepted first."""
    today = today or timezone.localdate()
    policy.require(actor, "supervision.clue.manage", clue.agency)
    if finding not in Finding.values or not text.strip():
        raise DomainError(MSG_FINDING, code="finding_required")
    with transaction.atomic():
        locked = _locked_clue(clue)
        if locked.documents.filter(kind__in=ANSWERED_KINDS).exclude(status=DocStatus.ACCEPTED).exists():
            raise DomainError(MSG_OPEN_DOCS, code="documents_open")
        locked.finding = finding
        locked.finding_text = text.strip()
        locked.status = ClueStatus.CLOSED
        locked.closed_on = today
        locked.save(update_fields=["finding", "finding_text", "status", "closed_on"])
        _clue_entry(actor, locked, "supervision.clue.close", finding=finding, on=today.isoformat())
        if locked.rule and locked.hit_key and finding in (Finding.CONFIRMED, Finding.UNFOUNDED):
            # The clue's finding is the supervisors' verdict on the model's hit (its precision).
            HitMark.objects.update_or_create(
                bureau=locked.bureau,
                rule=locked.rule,
                key=locked.hit_key,
                defaults={
                    "rule_version": locked.rule_version,
                    "agency": locked.agency,
                    "verdict": Verdict.CONFIRMED if finding == Finding.CONFIRMED else Verdict.FALSE_ALARM,
                    "note": f"线索{locked.number}核查结论",
                    "marked_by": actor,
                },
            )
    return locked


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def issue_document(
    *,
    actor: User,
    clue: Clue,
    kind: str,
    problems: str,
    requirements: str,
    due_on: dt.date | None = None,
    today: dt.date | None = None,
) -> SupervisionDocument:
    """Issue a numbered supervision document to the clue's agency. Opinions and decisions are
    answered within the period (``supervision_answer`` of the table, or ``due_on``)."""
    today = today or timezone.localdate()
    policy.require(actor, "supervision.clue.manage", clue.agency)
    if kind not in DocKind.values:
        raise DomainError(MSG_DOC_KIND, code="kind_required")
    if not problems.strip() or not requirements.strip():
        raise DomainError(MSG_DOC_TEXT, code="text_required")
    answered = kind in ANSWERED_KINDS
    provisional = False
    if answered and due_on is None:
        deadline = PERIODS["supervision_answer"].due(today)
        due_on, provisional = deadline.due, deadline.provisional
    if due_on is not None and due_on <= today:
        raise DomainError(MSG_DUE, code="due_invalid")
    with transaction.atomic():
        locked = _locked_clue(clue)
        seq = _next_number(bureau=locked.bureau, series=kind, year=today.year)
        number = f"{abbreviation_for(locked.bureau)}{DOC_NUMBER_WORD[DocKind(kind)]}〔{today.year}〕{seq}号"
        body = f"{problems.strip()}\n\n{requirements.strip()}"
        doc = SupervisionDocument.objects.create(
            clue=locked,
            bureau=locked.bureau,
            agency=locked.agency,
            kind=kind,
            number=number,
            problems=problems.strip(),
            requirements=requirements.strip(),
            issued_on=today,
            issued_by=actor,
            due_on=due_on if answered else None,
            due_provisional=provisional,
            status=DocStatus.SENT if answered else DocStatus.RECORDED,
            sha256=_sha(body),
        )
        if locked.status == ClueStatus.NEW:
            locked.status = ClueStatus.INVESTIGATING
            locked.assignee = locked.assignee or actor
            locked.save(update_fields=["status", "assignee"])
        entry = append_entry(
            actor=actor,
            subject=doc,
            action="supervision.document.issue",
            payload={
                "number": number,
                "kind": kind,
                "agency": doc.agency_id,
                "clue": locked.number,
                "issued_on": today.isoformat(),
                "due_on": doc.due_on.isoformat() if doc.due_on else None,
            },
            file_hashes={"text_sha256": doc.sha256},
            refs=[locked],
        )
        doc.ledger_seq = entry.seq
        doc.save(update_fields=["ledger_seq"])
    return doc


def answer_document(
    *,
    actor: User,
    document: SupervisionDocument,
    rectification: str,
    evidence: UploadedFile | None = None,
    today: dt.date | None = None,
) -> Answer:
    """The agency answers an opinion or decision with its rectification and evidence (整改情况)."""
    today = today or timezone.localdate()
    policy.require(actor, "supervision.document.answer", document)
    if not rectification.strip():
        raise DomainError(MSG_RECTIFICATION, code="rectification_required")
    data = b""
    if evidence is not None:
        if evidence.size and evidence.size > EVIDENCE_MAX:
            raise DomainError(MSG_EVIDENCE_SIZE, code="evidence_too_large")
        data = evidence.read()
    sha = hashlib.sha256(data).hexdigest() if data else ""
    with transaction.atomic():
        doc = SupervisionDocument.objects.select_for_update().get(pk=document.pk)
        if doc.status not in (DocStatus.SENT, DocStatus.RETURNED):
            raise DomainError(MSG_NOT_ANSWERABLE, code="not_answerable")
        answer = Answer(
            document=doc,
            round=doc.answers.count() + 1,
            rectification=rectification.strip(),
            answered_by=actor,
            answered_on=today,
            late=bool(doc.due_on and today > doc.due_on),
        )
        if data:
            name = (evidence.name if evidence is not None else "") or "evidence"
            answer.evidence_name = name[-200:]
            answer.evidence_sha256 = sha
            answer.evidence.save(f"{sha}{Path(name).suffix[:10]}", ContentFile(data), save=False)
        answer.save()
        doc.status = DocStatus.ANSWERED
        doc.save(update_fields=["status"])
        append_entry(
            actor=actor,
            subject=doc,
            action="supervision.document.answer",
            payload={"number": doc.number, "round": answer.round, "late": answer.late, "on": today.isoformat()},
            file_hashes={
                "rectification_sha256": _sha(answer.rectification),
                **({"evidence_sha256": sha} if sha else {}),
            },
            refs=[doc.clue],
        )
    return answer


def decide_answer(
    *, actor: User, document: SupervisionDocument, accept: bool, note: str = "", today: dt.date | None = None
) -> SupervisionDocument:
    """The supervisor accepts the rectification (认可) or returns it (退回) with a reason; a returned
    document is answered again within its period."""
    today = today or timezone.localdate()
    policy.require(actor, "supervision.clue.manage", document.agency)
    if not accept and not note.strip():
        raise DomainError(MSG_RETURN_NOTE, code="note_required")
    with transaction.atomic():
        doc = SupervisionDocument.objects.select_for_update().get(pk=document.pk)
        answer = doc.answers.filter(status=AnswerStatus.PENDING).order_by("-round").first()
        if doc.status != DocStatus.ANSWERED or answer is None:
            raise DomainError(MSG_NOTHING_TO_DECIDE, code="nothing_to_decide")
        answer.status = AnswerStatus.ACCEPTED if accept else AnswerStatus.RETURNED
        answer.decided_by = actor
        answer.decided_on = today
        answer.decision_note = note.strip()
        answer.save(update_fields=["status", "decided_by", "decided_on", "decision_note"])
        doc.status = DocStatus.ACCEPTED if accept else DocStatus.RETURNED
        doc.save(update_fields=["status"])
        append_entry(
            actor=actor,
            subject=doc,
            action="supervision.document.accept" if accept else "supervision.document.return",
            payload={"number": doc.number, "round": answer.round, "on": today.isoformat()},
            refs=[doc.clue],
        )
    return doc


def escalate_overdue(*, today: dt.date | None = None) -> int:
    """Mark every document whose answer is overdue as escalated (逾期升级): it is listed in red to the
    bureau and to the supervision organs above it, and the escalation is in the ledger. Run by the
    periodic job ``supervision.escalate``."""
    today = today or timezone.localdate()
    n = 0
    for pk in SupervisionDocument.objects.filter(
        status__in=(DocStatus.SENT, DocStatus.RETURNED), due_on__lt=today, escalated_on__isnull=True
    ).values_list("pk", flat=True):
        with transaction.atomic():
            doc = SupervisionDocument.objects.select_for_update().get(pk=pk)
            if doc.escalated_on is not None or not doc.is_overdue(today):
                continue
            doc.escalated_on = today
            doc.save(update_fields=["escalated_on"])
            _notify_overdue_document(doc)
            append_entry(
                actor=None,
                subject=doc,
                action="supervision.document.escalate",
                payload={
                    "number": doc.number,
                    "due_on": doc.due_on.isoformat() if doc.due_on else None,
                    "on": today.isoformat(),
                },
                refs=[doc.clue],
            )
            n += 1
    return n


def agency_heads(agency_id: int) -> list[User]:
    """The heads (行政机关负责人) of an agency: who answers for it."""
    return list(User.objects.filter(agency_id=agency_id, role=Role.AGENCY_HEAD, is_active=True))


def _notify_overdue_document(doc: SupervisionDocument) -> None:
    """Overdue answer: the agency's heads and the supervisors who issued it and handle the clue are
    notified through the to-do centre's channels (YG_NOTIFY_CHANNELS), in the escalation's
    transaction (sent after its commit)."""
    clue = doc.clue
    supervisors = [doc.issued_by, *([clue.assignee] if clue.assignee is not None else [])]
    due = doc.due_on.isoformat() if doc.due_on else ""
    notify.users(
        users=[*agency_heads(doc.agency_id), *supervisors],
        key=f"supervision.document.{doc.pk}.overdue",
        subject=f"监督文书逾期未答复：{doc.number}",
        body=f"{doc.agency.name}未在{due}前答复{doc.get_kind_display()}{doc.number}，已逾期升级。",
        url=reverse("supervision:document", args=[doc.pk]),
    )


def escalate_job() -> str:
    from_problems = campaign_escalate()
    return f"{escalate_overdue()} overdue supervision documents and {from_problems} campaign problems escalated"
