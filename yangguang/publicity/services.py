"""Every write of the publication pipeline (事后公开).

``create_publication`` is generic (a ``Draft`` from any source); ``on_decision`` turns a case
decision into a draft and runs INSIDE the case transition's transaction (an effect
contributed to the case workflow in ``apps.py``; ``on_annulment`` withdraws or blocks it). That transaction holds only what the law needs:
the publication record with its statutory due date and the decision's text as decided, and a
durable outbox item (``jobs.outbox``). After commit a task worker redacts and publishes it
(``publicity.prepare``) and indexes it for search (``publicity.index``), each idempotent and retried
with backoff: a redaction or index failure never undoes the decision, it is retried and shown to
administrators on /jobs/. Publishing, withdrawal and correction each append a public ledger entry
and an outbox row for the push to the superior platform in the same transaction; the search index
follows each of them through the outbox.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import json
import re
import secrets
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from yangguang.access import policy
from yangguang.cases.extensions import GuardContext
from yangguang.cases.models import Case, Step
from yangguang.cases.workflow import (
    KIND_CATEGORY,
    CaseKind,
    DecisionType,
    LicenceDecision,
    PartyKind,
    PenaltyType,
)
from yangguang.core.errors import DomainError
from yangguang.jobs import outbox, registry
from yangguang.ledger.services import append_entry
from yangguang.roster.models import ActionKind, Agency, Region, User
from yangguang.workdays.periods import PERIODS, add_months

from . import search
from .models import (
    AgencyPublicitySetting,
    Publication,
    PublicationStatus,
    PublicationVersion,
    PushTask,
    SourceKind,
    WithdrawGround,
)
from .redaction import Known, mask_name, redact, redact_all
from .redaction.names import ROLE_WORDS
from .redaction.surnames import surname_of

# Decisions on licensing and penalties are published faster (domain.md §3; 国办发〔2018〕118号); the
# periods themselves are in the one table (yangguang.workdays.periods).
FAST_KINDS = frozenset({ActionKind.LICENSING, ActionKind.PENALTY})
LIGHT_PENALTY_TYPES = frozenset({"warning", "criticism"})
HEAVY_PENALTY_TYPES = frozenset(
    {"revoke_licence", "suspend_business", "close", "restrict_practice", "restrict_business", "downgrade"}
)


def today() -> dt.date:
    return timezone.localdate()


def due_date(action_kind: str, decided_on: dt.date) -> dt.date:
    code = "publication_fast" if action_kind in FAST_KINDS else "publication_other"
    return PERIODS[code].due(decided_on).due


@dataclass
class Draft:
    """What a source hands to the pipeline."""

    source_kind: str
    source_id: int
    agency: Agency
    region: Region
    action_kind: str
    number: str
    title: str
    party_label: str
    conclusion: str
    decided_on: dt.date
    original_text: str
    known: Known
    period_months: int = 12  # the "publication_default" period of the table
    blocked_reason: str = ""
    case: Any = None
    extra: dict[str, Any] = field(default_factory=dict)


def approval_required(agency: Agency) -> bool:
    return AgencyPublicitySetting.objects.filter(agency=agency, approval_required=True).exists()


def set_approval_required(*, agency: Agency, required: bool, actor: User) -> None:
    policy.require(actor, "publicity.setting.edit", agency)
    with transaction.atomic():
        AgencyPublicitySetting.objects.update_or_create(agency=agency, defaults={"approval_required": required})
        append_entry(
            actor=actor,
            subject=f"roster.agency:{agency.pk}",
            action="publicity.setting",
            payload={"approval": required},
        )


def create_publication(*, draft: Draft, actor: User | None) -> Publication:
    """The publication record of ``draft`` with its due date, in the caller's transaction; never
    published when the draft is blocked (minors, secrets). The redaction and the publication (at
    once unless the agency requires approval) follow after commit (``prepare_publication``)."""
    status = PublicationStatus.PENDING
    if draft.blocked_reason:
        status = PublicationStatus.BLOCKED
    pub = Publication.objects.create(
        source_kind=draft.source_kind,
        source_id=draft.source_id,
        case=draft.case,
        agency=draft.agency,
        region=draft.region,
        region_path=draft.region.path,
        action_kind=draft.action_kind,
        number=draft.number,
        title=draft.title,
        party_label=draft.party_label,
        conclusion=draft.conclusion,
        decided_on=draft.decided_on,
        due_on=due_date(draft.action_kind, draft.decided_on),
        status=status,
        blocked_reason=draft.blocked_reason,
        original_text=draft.original_text if not draft.blocked_reason else "",
        redacted_text="",
        manual_terms={"terms": [], "period_months": draft.period_months},
    )
    PublicationVersion.objects.create(publication=pub, version=1, redacted_text="", reason="", created_on=today())
    if status == PublicationStatus.PENDING:
        outbox.add(
            kind="publicity.prepare",
            key=f"{pub.subject_label}:prepare",
            payload={"publication": pub.pk, "actor": getattr(actor, "pk", None)},
        )
    return pub


def _ensure_redacted(pub: Publication) -> None:
    """Redact the decision's text once (from the case's structured data, then by the detectors)."""
    if pub.redacted_text or not pub.original_text:
        return
    # Every published field goes through the same redaction, in one call (a name found in the text
    # is masked in the title/案由 too).
    known = known_for(pub)
    pub.redacted_text, pub.title, pub.conclusion = redact_all([pub.original_text, pub.title, pub.conclusion], known)
    pub.save(update_fields=["redacted_text", "title", "conclusion"])
    PublicationVersion.objects.filter(publication=pub, version=pub.version).update(redacted_text=pub.redacted_text)


@registry.handler("publicity.prepare", atomic=True)
def prepare_publication(payload: dict[str, Any]) -> str:
    """After the decision committed: redact, then publish unless the agency requires approval.
    Runs again harmlessly (a publication no longer pending is left alone)."""
    rows = Publication.objects.select_for_update(of=("self",)).select_related("agency", "region", "case")
    pub = rows.filter(pk=payload["publication"]).first()
    if pub is None or pub.status != PublicationStatus.PENDING:
        return "not pending"
    _ensure_redacted(pub)
    if approval_required(pub.agency):
        return "awaiting approval"
    actor_id = payload.get("actor")
    actor = User.objects.filter(pk=int(actor_id)).first() if actor_id else None
    _publish(pub, actor, period_months=_period(pub))
    return "published"


def _reindex_later(pub: Publication, event: str) -> None:
    """The search index follows the publication's state after commit (``sync_index``)."""
    outbox.add(
        kind="publicity.index",
        key=f"{pub.subject_label}:index:{event}:v{pub.version}",
        payload={"publication": pub.pk},
    )


@registry.handler("publicity.index", atomic=True)
def sync_index(payload: dict[str, Any]) -> str:
    """Make the search index match the publication now: indexed while published, out otherwise
    (idempotent: indexing replaces a publication's postings)."""
    pub = Publication.objects.filter(pk=payload["publication"]).first()
    if pub is None:
        return "gone"
    if pub.status == PublicationStatus.PUBLISHED:
        search.index_publication(pub)
        return "indexed"
    search.unindex_publication(pub)
    return "unindexed"


def _terms(pub: Publication) -> list[str]:
    return list(pub.manual_terms.get("terms", []))


def _period(pub: Publication) -> int:
    return int(pub.manual_terms.get("period_months", PERIODS["publication_default"].length))


COMMITMENT_ALG = "sha256(salt||json)"


def committed_fields(*, title: str, party: str, conclusion: str, text: str, reason: str) -> str:
    """The canonical JSON a version's commitment covers (what a reader hashes with the salt)."""
    fields = {"title": title, "party": party, "conclusion": conclusion, "text": text, "reason": reason}
    return json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def commitment_of(salt: str, canonical: str) -> str:
    return hashlib.sha256((salt + canonical).encode()).hexdigest()


def _commit_version(pub: Publication, version: PublicationVersion) -> None:
    """Give ``version`` a fresh salt and the commitment to its public fields."""
    version.salt = secrets.token_hex(16)
    canonical = committed_fields(
        title=pub.title,
        party=pub.party_label,
        conclusion=pub.conclusion,
        text=version.redacted_text,
        reason=version.reason,
    )
    version.commitment = commitment_of(version.salt, canonical)
    version.save(update_fields=["salt", "commitment"])


def drop_salts(pub: Publication) -> int:
    """Delete the salts of every version of ``pub`` (withdrawal, expiry): its ledger entries then
    commit to words nobody can recover or confirm."""
    return PublicationVersion.objects.filter(publication=pub).exclude(salt="").update(salt="")


def drop_expired_salts(*, day: dt.date | None = None) -> int:
    """Periodic: the salts of publications past their period are deleted."""
    day = day or today()
    rows = PublicationVersion.objects.filter(publication__expires_on__lt=day).exclude(salt="")
    return rows.update(salt="")


def _ledger_payload(pub: Publication, action: str, extra: dict[str, Any]) -> dict[str, Any]:
    """What a public ledger entry of ``pub`` says: identifiers, dates and, for a version, its
    commitment — no title, party, conclusion, text or reason (those can be taken down)."""
    payload: dict[str, Any] = {
        "id": pub.pk,
        "source_kind": pub.source_kind,
        "agency": pub.agency.name,
        "agency_uscc": pub.agency.uscc,
        "region": pub.region.code,
        "kind": pub.action_kind,
        "number": pub.number,
        "decided_on": pub.decided_on.isoformat(),
        "published_on": pub.published_on.isoformat() if pub.published_on else None,
        "expires_on": pub.expires_on.isoformat() if pub.expires_on else None,
        "version": pub.version,
    }
    if action in ("publish", "correct"):
        version = PublicationVersion.objects.get(publication=pub, version=pub.version)
        payload["commitment"] = version.commitment
        payload["commitment_alg"] = COMMITMENT_ALG
    if action == "withdraw":
        payload["ground"] = extra.get("ground", "")
        payload["withdrawn_on"] = extra.get("withdrawn_on")
    return payload


def _public_payload(pub: Publication) -> dict[str, Any]:
    return {
        "id": pub.pk,
        "source_kind": pub.source_kind,
        "agency": pub.agency.name,
        "agency_uscc": pub.agency.uscc,
        "region": pub.region.code,
        "kind": pub.action_kind,
        "number": pub.number,
        "title": pub.title,
        "party": pub.party_label,
        "conclusion": pub.conclusion,
        "decided_on": pub.decided_on.isoformat(),
        "published_on": pub.published_on.isoformat() if pub.published_on else None,
        "expires_on": pub.expires_on.isoformat() if pub.expires_on else None,
        "version": pub.version,
        "text": pub.redacted_text,
        "text_sha256": hashlib.sha256(pub.redacted_text.encode()).hexdigest(),
    }


def _record(pub: Publication, actor: User | None, action: str, extra: dict[str, Any]) -> int | None:
    """Public ledger entry (commitments, no text) and push outbox row (the text, for the superior
    platform) for one event of ``pub``."""
    payload = {**_public_payload(pub), **extra}
    refs = [pub.case.subject_label] if pub.case is not None else []
    entry = append_entry(
        actor=actor,
        subject=pub.subject_label,
        action=f"publicity.{action}",
        payload=_ledger_payload(pub, action, extra),
        public=True,
        refs=refs,
    )
    seq = getattr(entry, "seq", None)
    key = f"{pub.subject_label}:{action}:v{pub.version}"
    PushTask.objects.get_or_create(
        key=key,
        defaults={
            "event": action,
            "publication": pub,
            "payload": {"event": action, "idempotency_key": key, "ledger_seq": seq, **payload},
            "next_attempt_at": timezone.now(),
        },
    )
    return seq


def _publish(pub: Publication, actor: User | None, *, period_months: int) -> None:
    pub.status = PublicationStatus.PUBLISHED
    pub.published_on = today()
    pub.expires_on = add_months(pub.published_on, period_months)
    pub.save(update_fields=["status", "published_on", "expires_on"])
    _commit_version(pub, PublicationVersion.objects.get(publication=pub, version=pub.version))
    _reindex_later(pub, "publish")
    pub.ledger_seq = _record(pub, actor, "publish", {})
    pub.save(update_fields=["ledger_seq"])
    PublicationVersion.objects.filter(publication=pub, version=pub.version).update(ledger_seq=pub.ledger_seq)


def _check(pub: Publication, actor: User | None, action: str) -> None:
    """The policy's ``publication.*`` actions; the system itself (actor None) may act."""
    if actor is not None:
        policy.require(actor, action, pub)


def _locked(pub: Publication) -> Publication:
    return Publication.objects.select_for_update(of=("self",)).select_related("agency", "region", "case").get(pk=pub.pk)


def add_redactions(*, publication: Publication, terms: list[str], actor: User) -> Publication:
    """Add manual terms to mask (人工遮蔽); a published text is corrected as a new version."""
    terms = [t.strip() for t in terms if t and t.strip()]
    if not terms:
        raise DomainError("请填写需要遮蔽的内容", code="invalid")
    with transaction.atomic():
        pub = _locked(publication)
        _check(pub, actor, "publication.redact")
        if pub.status in (PublicationStatus.WITHDRAWN, PublicationStatus.BLOCKED):
            raise DomainError("该信息已撤回或不予公开，不能修改", code="illegal_state")
        _ensure_redacted(pub)
        missing = [t for t in terms if t not in pub.original_text and t not in pub.redacted_text]
        if missing:
            raise DomainError(f"原文中没有“{missing[0]}”", code="invalid")
        pub.manual_terms = {**pub.manual_terms, "terms": sorted(set(_terms(pub)) | set(terms))}
        pub.save(update_fields=["manual_terms"])
        text = pub.redacted_text
        for t in sorted(terms, key=len, reverse=True):
            text = text.replace(t, "***")
            pub.title = pub.title.replace(t, "***")
        pub.save(update_fields=["title"])
        if pub.status == PublicationStatus.PENDING:
            pub.redacted_text = text
            pub.save(update_fields=["redacted_text"])
            PublicationVersion.objects.filter(publication=pub, version=pub.version).update(redacted_text=text)
            return pub
    return correct_publication(publication=pub, text=None, redacted=text, reason="补充遮蔽个人信息", actor=actor)


def approve_publication(*, publication: Publication, actor: User) -> Publication:
    with transaction.atomic():
        pub = _locked(publication)
        _check(pub, actor, "publication.approve")
        if pub.status == PublicationStatus.BLOCKED:
            raise DomainError(f"该信息不予公开：{pub.blocked_reason}", code="blocked")
        if pub.status != PublicationStatus.PENDING:
            raise DomainError("该信息不在待审核状态", code="illegal_state")
        _ensure_redacted(pub)
        _publish(pub, actor, period_months=_period(pub))
    return pub


def correct_publication(
    *,
    publication: Publication,
    text: str | None,
    reason: str,
    actor: User | None,
    redacted: str | None = None,
    title: str | None = None,
) -> Publication:
    """A correction (更正): a new version of the public text, the old ones stay visible. ``text`` is
    a corrected original (redacted again from the case data); ``redacted`` replaces the public text
    as given (manual redactions)."""
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("请填写更正理由", code="invalid")
    reason = redact(reason, known_for(publication))
    with transaction.atomic():
        pub = _locked(publication)
        _check(pub, actor, "publication.correct")
        if pub.status != PublicationStatus.PUBLISHED:
            raise DomainError("只有已公开的信息可以更正", code="illegal_state")
        if text is not None:
            pub.original_text = text
            known = known_for(pub)
            known.manual = _terms(pub)
            redacted = redact(text, known)
        assert redacted is not None
        pub.version += 1
        pub.redacted_text = redacted
        if title is not None:
            pub.title = title
        pub.save(update_fields=["version", "redacted_text", "original_text", "title"])
        _reindex_later(pub, "correct")
        version = PublicationVersion.objects.create(
            publication=pub, version=pub.version, redacted_text=redacted, reason=reason, created_on=today()
        )
        _commit_version(pub, version)
        version.ledger_seq = _record(pub, actor, "correct", {"reason": reason})
        version.save(update_fields=["ledger_seq"])
    return pub


def withdraw_publication(
    *, publication: Publication, ground: str, reason: str, actor: User, occurred_on: dt.date | None = None
) -> Publication:
    """Withdraw (撤回) a published decision that was revoked, confirmed illegal or is to be re-made;
    due within 3 working days of ``occurred_on``; the reason is shown publicly in its place."""
    reason = (reason or "").strip()
    if ground not in WithdrawGround.values:
        raise DomainError("撤回事由应为：决定被撤销、被确认违法或被责令重新作出", code="invalid")
    if not reason:
        raise DomainError("请填写撤回理由（将向社会公开）", code="invalid")
    reason = redact(reason, known_for(publication))
    on = occurred_on or today()
    if on > today():
        raise DomainError("撤销等事由发生日期不能晚于今天", code="invalid")
    with transaction.atomic():
        pub = _locked(publication)
        _check(pub, actor, "publication.withdraw")
        if pub.status != PublicationStatus.PUBLISHED:
            raise DomainError("只有已公开的信息可以撤回", code="illegal_state")
        pub.status = PublicationStatus.WITHDRAWN
        pub.revoked_on = on
        pub.withdraw_due = PERIODS["withdrawal"].due(on).due
        pub.withdrawn_on = today()
        pub.withdraw_ground = ground
        pub.withdraw_reason = reason
        pub.save()
        drop_salts(pub)
        _reindex_later(pub, "withdraw")
        _record(
            pub, actor, "withdraw", {"ground": ground, "reason": reason, "withdrawn_on": pub.withdrawn_on.isoformat()}
        )
    return pub


# --- the case decision as a source --------------------------------------------------------------


def known_for(pub: Publication) -> Known:
    case = Case.objects.get(pk=pub.case_id) if pub.case_id else None
    return known_for_case(case) if case is not None else Known()


def known_for_case(case: Any) -> Known:
    known = Known()
    for p in case.parties.all():
        if p.kind == PartyKind.PERSON:
            known.persons.append(p.name)
            known.remove.extend([p.id_number, p.phone, p.address, p.bank_account])
        else:
            known.organizations.append(p.name)
            # Decided once, the same in every version: an organization's credit code, legal
            # representative and business address are public.
            known.keep.extend([p.id_number, p.legal_representative, p.address])
    # The natural persons the case data names besides the party (涉案人员).
    for person in case.persons.all():
        known.persons.append(person.name)
        known.remove.extend([person.id_number, person.phone, person.address])
    # Natural persons named in the case's steps where officers type them: recipients of documents
    # (受送达人, 签收人), the person questioned in an inquiry record (被询问人, with the ID typed
    # there), those present (在场人员, a list), witnesses.
    orgs = set(known.organizations)
    for data in case.steps.values_list("data", flat=True):
        data = data or {}
        for key in STEP_PERSON_KEYS:
            value = data.get(key)
            for token in re.split(r"[、，,；;\s（）()]+", value) if isinstance(value, str) else ():
                name = step_person_name(token)
                if name and name not in orgs:
                    known.persons.append(name)
        if isinstance(data.get("person"), str) and isinstance(data.get("id_number"), str):
            known.remove.append(data["id_number"])
    return known


STEP_PERSON_KEYS = ("recipient", "witness", "witnesses", "person", "present")


def step_person_name(token: str) -> str:
    """A person's name in a list typed by an officer ("见证人李四" → 李四; "当事人", "李某某" → "")."""
    token = token.strip()
    for word in ROLE_WORDS:
        if token.startswith(word) and len(token) > len(word):
            token = token[len(word) :].lstrip("：:")
            break
    if "·" in token:
        return token
    if not 2 <= len(token) <= 4 or "某" in token or not surname_of(token) or token in ROLE_WORDS:
        return ""
    return token


def _case_text(case: Any, number: str) -> tuple[str, str, str]:
    """(original text, party label, conclusion) of a decision from the structured case data."""
    lines = [f"{case.agency.name}", f"{CaseKind(case.kind).label}决定（{number}）"]
    labels = []
    for p in case.parties.all():
        if p.kind == PartyKind.PERSON:
            line = f"当事人：{p.name}，公民身份号码：{p.id_number}"
            if p.address:
                line += f"，住址：{p.address}"
            if p.phone:
                line += f"，联系电话：{p.phone}"
            if p.bank_account:
                line += f"，银行账号：{p.bank_account}"
            labels.append(mask_name(p.name))
        else:
            line = f"当事人：{p.name}，统一社会信用代码：{p.id_number}"
            if p.legal_representative:
                line += f"，法定代表人：{p.legal_representative}"
            if p.address:
                line += f"，住所：{p.address}"
            labels.append(p.name)
        lines.append(line + "。")
    if case.facts:
        lines.append(f"违法事实：{case.facts}")
    if case.violated_provisions:
        lines.append(f"违反的规定：{case.violated_provisions}")
    if case.legal_basis:
        lines.append(f"依据：{case.legal_basis}")
    if case.kind == CaseKind.LICENSING:
        conclusion = LicenceDecision(case.licence_decision).label if case.licence_decision else ""
    else:
        conclusion = DecisionType(case.decision_type).label if case.decision_type else ""
        types = [
            f"罚款{case.fine_amount:.2f}元" if t == "fine" and case.fine_amount else str(PenaltyType(t).label)
            for t in case.penalty_types or []
            if t in PenaltyType.values
        ]
        if types:
            conclusion = "、".join(types)
        if case.confiscation_amount:
            conclusion += f"，没收{case.confiscation_amount:.2f}元"
    lines.append(f"决定内容：{conclusion}")
    if case.decision_reasons:
        lines.append(f"理由：{case.decision_reasons}")
    lines.append(f"作出决定日期：{case.decided_on:%Y年%m月%d日}")
    return "\n".join(lines), "、".join(labels), conclusion[:300]


def _period_for_case(case: Any, action_kind: str) -> int:
    """The publication period (公示期) in months, heavier penalties longer."""
    if action_kind == ActionKind.LICENSING:
        code = "publication_licensing"
    elif action_kind != ActionKind.PENALTY:
        code = "publication_default"
    else:
        types = set(case.penalty_types or [])
        if types & HEAVY_PENALTY_TYPES:
            code = "publication_heavy"
        elif types and types <= LIGHT_PENALTY_TYPES:
            code = "publication_light"
        else:
            code = "publication_penalty"
    return PERIODS[code].length


def draft_for_case(case: Any, step: Any) -> Draft:
    action_kind = KIND_CATEGORY[case.kind]
    number = next((d.get("number") for d in step.documents or [] if d.get("number")), "") or case.number
    text, party_label, conclusion = _case_text(case, number)
    blocked = ""
    if case.involves_minor:
        blocked = "涉及未成年人的案件不予公开"
    elif case.is_secret:
        blocked = "涉及国家秘密的案件不予公开"
    elif case.decision_type == DecisionType.REFERRAL:
        blocked = "移送司法机关的案件不予公开"
    known = known_for_case(case)
    return Draft(
        source_kind=SourceKind.CASE_DECISION,
        source_id=case.pk,
        agency=case.agency,
        region=case.region,
        action_kind=action_kind,
        number=number,
        title=case.display_title,
        party_label=party_label,
        conclusion=conclusion,
        decided_on=case.decided_on or step.occurred_on,
        original_text=text,
        known=known,
        period_months=_period_for_case(case, action_kind),
        blocked_reason=blocked,
        case=case,
    )


DECISION_ACTIONS = frozenset({"decide", "decide_on_spot", "decide_licence"})


def withdraw_for_case(case: Any, step: Any) -> Publication | None:
    """The case's decision was revoked, confirmed illegal or ordered re-made (the case's ``annul``
    step, in its transaction): a published decision is withdrawn by ``withdraw_publication`` (its
    rules: the ground, the public reason, due within 3 working days of the day the revocation took
    effect, unindexed, pushed, ledger); a pending one is blocked and never goes out; a blocked or
    withdrawn one, or none, is left as it is."""
    pub = Publication.objects.filter(source_kind=SourceKind.CASE_DECISION, source_id=case.pk).first()
    if pub is None or pub.status not in (PublicationStatus.PUBLISHED, PublicationStatus.PENDING):
        return pub
    data = step.data or {}
    ground = str(data.get("ground", ""))
    # The reason goes out as written, with the organ and document that decided it; names of
    # natural-person parties are masked as in the decision text.
    basis = "，".join(str(v) for v in (data.get("organ"), data.get("document_number")) if v)
    reason = str(data.get("public_reason") or step.reason or "").strip()
    reason = redact(f"{reason}（{basis}）" if basis else reason, known_for_case(case))
    if pub.status == PublicationStatus.PUBLISHED:
        return withdraw_publication(
            publication=pub, ground=ground, reason=reason, actor=step.actor, occurred_on=step.occurred_on
        )
    pub = _locked(pub)
    _check(pub, step.actor, "publication.withdraw")
    label = WithdrawGround(ground).label if ground in WithdrawGround.values else ground
    pub.status = PublicationStatus.BLOCKED
    pub.blocked_reason = f"{label}，不予公开"[:200]
    pub.save(update_fields=["status", "blocked_reason"])
    append_entry(
        actor=step.actor,
        subject=pub.subject_label,
        action="publicity.block",
        payload={"case": case.number, "step": step.seq, "ground": ground, "reason": pub.blocked_reason},
        refs=[case.subject_label],
    )
    return pub


def on_decision(ctx: GuardContext, step: Step) -> None:
    """Effect of the case workflow (in the decision's transaction): a decision creates its
    publication record, once."""
    case = ctx.case
    if Publication.objects.filter(source_kind=SourceKind.CASE_DECISION, source_id=case.pk).exists():
        return
    create_publication(draft=draft_for_case(case, step), actor=step.actor)


def on_annulment(ctx: GuardContext, step: Step) -> None:
    """Effect of the case workflow (in the annulment's transaction): the decision's revocation
    (confirmation of illegality, order to re-make) withdraws or blocks its publication."""
    withdraw_for_case(ctx.case, step)


# --- re-running the redaction over published decisions ----------------------------------------


@dataclass
class RerunItem:
    """One published decision whose public text the current detectors would redact further."""

    publication: int
    number: str
    newly_masked: list[str]
    applied: bool


RERUN_REASON = "脱敏规则更新后重新脱敏"


def _newly_masked(old: str, new: str) -> list[str]:
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    return [old[i1:i2] for tag, i1, i2, _j1, _j2 in matcher.get_opcodes() if tag in ("replace", "delete")]


def rerun_redaction(*, agency: Agency, actor: User | None, apply: bool) -> list[RerunItem]:
    """Redact the agency's published decisions again with today's detectors (from the original text
    and the case data, keeping the manual terms). Report what would change; with ``apply`` each
    change becomes a correction (a new version, ledger entry and push, reason: RERUN_REASON)."""
    if actor is not None:
        policy.require(actor, "publicity.rerun", agency)
    items: list[RerunItem] = []
    rows = Publication.objects.filter(agency=agency, status=PublicationStatus.PUBLISHED).select_related("case")
    for pub in rows.order_by("pk").iterator(chunk_size=200):
        known = known_for(pub)
        known.manual = _terms(pub)
        title_source = pub.case.title if pub.case is not None else pub.title
        new_text, new_title = redact_all([pub.original_text, title_source], known)
        for term in sorted(known.manual, key=len, reverse=True):
            new_title = new_title.replace(term, "***")
        if new_text == pub.redacted_text and new_title == pub.title:
            continue
        masked = _newly_masked(pub.redacted_text, new_text) + _newly_masked(pub.title, new_title)
        if not any(m.strip() for m in masked):
            continue
        if apply:
            correct_publication(
                publication=pub, text=None, redacted=new_text, title=new_title, reason=RERUN_REASON, actor=actor
            )
        items.append(RerunItem(pub.pk, pub.number, [m for m in masked if m.strip()], apply))
    return items
