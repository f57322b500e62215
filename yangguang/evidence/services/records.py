"""Record access (调阅), recording exceptions and rules, legal hold, retention and purge."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone

from yangguang.access import policy
from yangguang.cases.workflow import CaseKind, workflow_for
from yangguang.core.errors import DomainError, NotFoundError
from yangguang.ledger.services import append_entry
from yangguang.roster.models import User

from ..models import (
    AccessKind,
    AccessLog,
    Blob,
    Evidence,
    RecordingException,
    RecordingRule,
)
from ..rules import DEFAULT_STORAGE_YEARS
from ..storage import get_storage
from .intake import StatusError

# --- Record access (调阅) ----------------------------------------------------------------------------


def record_access(*, evidence: Evidence, actor: User, kind: str, reason: str) -> AccessLog:
    """Log one view or download of evidence (with its reason) to the access log and the ledger."""
    reason = (reason or "").strip()
    policy.require(actor, "evidence.view", evidence)
    if not reason:
        raise DomainError("调阅证据须填写调阅事由", code="evidence_reason_required")
    if evidence.purged_at is not None:
        raise StatusError(
            "该证据文件已超过存储期限并已清除，仅保留哈希值和记录", code="evidence_purged", http_status=410
        )
    with transaction.atomic():
        log = AccessLog.objects.create(
            evidence=evidence,
            case=evidence.case,
            user=actor,
            user_name=actor.full_name or actor.username,
            kind=kind,
            reason=reason,
        )
        entry = append_entry(
            actor=actor,
            subject=evidence.subject_label,
            action=f"evidence.{kind}",
            payload={"case": evidence.case.subject_label, "reason": reason, "access_id": log.pk},
            refs=[evidence.case.subject_label],
        )
        AccessLog.objects.filter(pk=log.pk).update(ledger_seq=entry.seq)
    return log


def record_export(*, case: Any, actor: User, reason: str) -> AccessLog:
    """Log the export of the whole case file (一案一卷)."""
    reason = (reason or "").strip()
    policy.require(actor, "evidence.export", case)
    if not reason:
        raise DomainError("导出案卷须填写调阅事由", code="evidence_reason_required")
    with transaction.atomic():
        log = AccessLog.objects.create(
            case=case, user=actor, user_name=actor.full_name or actor.username, kind=AccessKind.EXPORT, reason=reason
        )
        entry = append_entry(
            actor=actor,
            subject=case.subject_label,
            action="evidence.export",
            payload={"reason": reason, "access_id": log.pk},
        )
        AccessLog.objects.filter(pk=log.pk).update(ledger_seq=entry.seq)
    return log


def record_document_access(*, case: Any, document: Any, actor: User, reason: str) -> AccessLog:
    """Log the opening of one document of the case file (调阅) with its reason, e.g. from the legal
    review page (the reason names the review)."""
    reason = (reason or "").strip()
    policy.require(actor, "case.view", case)
    if document.subject != case.subject_label:
        raise NotFoundError("文书不存在或不属于本案", code="not_found")
    if not reason:
        raise DomainError("调阅文书须填写调阅事由", code="evidence_reason_required")
    with transaction.atomic():
        log = AccessLog.objects.create(
            case=case,
            document=document,
            user=actor,
            user_name=actor.full_name or actor.username,
            kind=AccessKind.DOCUMENT,
            reason=reason,
        )
        entry = append_entry(
            actor=actor,
            subject=case.subject_label,
            action="evidence.document_view",
            payload={"reason": reason, "access_id": log.pk, "document": document.pk, "title": document.title},
        )
        AccessLog.objects.filter(pk=log.pk).update(ledger_seq=entry.seq)
    return log


# --- Recording exceptions, rules, legal hold, purge ---------------------------------------------------


def record_exception(*, case: Any, step: str, actor: User, reason: str) -> RecordingException:
    """The officer states why a mandatory recording is missing; flagged for the supervisor."""
    policy.require(actor, "evidence.exception.record", case)
    if workflow_for(case.kind).by_action(step) is None:
        raise DomainError(f"本案没有“{step}”这一执法环节", code="evidence_invalid")
    reason = (reason or "").strip()
    if len(reason) < 4:
        raise DomainError("请具体说明未能音像记录的原因（如设备故障），不少于4个字", code="evidence_reason_required")
    with transaction.atomic():
        exc = RecordingException.objects.create(case=case, step=step, reason=reason, recorded_by=actor)
        append_entry(
            actor=actor,
            subject=case.subject_label,
            action="evidence.recording_exception",
            payload={"step": step, "reason": reason, "exception_id": exc.pk},
        )
    return exc


def review_exception(*, exception: RecordingException, actor: User, note: str) -> RecordingException:
    policy.require(actor, "evidence.exception.review", exception)
    with transaction.atomic():
        exc = RecordingException.objects.select_for_update().get(pk=exception.pk)
        if exc.reviewed_at is not None:
            raise DomainError("该例外情况已审阅", code="evidence_already_reviewed")
        exc.reviewed_by = actor
        exc.reviewed_at = timezone.now()
        exc.review_note = (note or "").strip()
        exc.save(update_fields=["reviewed_by", "reviewed_at", "review_note"])
        append_entry(
            actor=actor,
            subject=exc.case.subject_label,
            action="evidence.exception_reviewed",
            payload={"exception_id": exc.pk, "note": exc.review_note},
        )
    return exc


def save_rule(*, agency: Any, actor: User, values: Mapping[str, Any]) -> RecordingRule:
    """Set one line of an agency's AV item list."""
    policy.require(actor, "evidence.rules.edit", agency)
    fields = ("required", "full_process", "method", "start", "content", "end", "storage_years")

    kind, step = str(values.get("case_kind", "")), str(values.get("step", ""))
    if kind not in CaseKind.values or workflow_for(kind).by_action(step) is None:
        raise DomainError("音像记录事项的执法类别或记录环节无效", code="evidence_invalid")
    with transaction.atomic():
        rule, _ = RecordingRule.objects.update_or_create(
            agency=agency,
            case_kind=values["case_kind"],
            step=values["step"],
            defaults={k: values[k] for k in fields if k in values},
        )
        rule.full_clean()
        append_entry(
            actor=actor,
            subject=f"roster.agency:{agency.pk}",
            action="evidence.rule",
            payload={"case_kind": rule.case_kind, "step": rule.step, **{k: getattr(rule, k) for k in fields}},
        )
    return rule


def set_legal_hold(*, evidence: Evidence, actor: User, hold: bool, reason: str) -> Evidence:
    policy.require(actor, "evidence.hold", evidence)
    if not (reason or "").strip():
        raise DomainError("请填写依法保全（或解除）的理由", code="evidence_reason_required")
    with transaction.atomic():
        Evidence.objects.filter(pk=evidence.pk).update(legal_hold=hold)
        evidence.legal_hold = hold
        append_entry(
            actor=actor,
            subject=evidence.subject_label,
            action="evidence.legal_hold" if hold else "evidence.legal_hold_released",
            payload={"reason": reason.strip()},
            refs=[evidence.case.subject_label],
        )
    return evidence


def retention_ends(ev: Evidence) -> dt.datetime:
    start = ev.capture_end or ev.created_at
    years = ev.retention_years or DEFAULT_STORAGE_YEARS
    try:
        return start.replace(year=start.year + years)
    except ValueError:  # 29 February
        return start.replace(year=start.year + years, day=28)


def purge_expired(*, now: dt.datetime | None = None, dry_run: bool = False) -> list[Evidence]:
    """Remove the bytes of evidence past its retention period and not under legal hold. The record,
    its hashes and a ledger entry stay; a blob shared with other evidence still kept stays stored."""
    now = now or timezone.now()
    purged: list[Evidence] = []
    for ev in Evidence.objects.filter(purged_at__isnull=True, legal_hold=False).select_related("case", "blob"):
        if retention_ends(ev) > now:
            continue
        purged.append(ev)
        if dry_run:
            continue
        with transaction.atomic():
            Evidence.objects.filter(pk=ev.pk).update(purged_at=now)
            append_entry(
                actor=None,
                subject=ev.subject_label,
                action="evidence.purge",
                payload={"retention_years": ev.retention_years, "retention_ended": retention_ends(ev).isoformat()},
                file_hashes={"sha256": ev.sha256, "sm3": ev.sm3},
                refs=[ev.case.subject_label],
            )
        still_used = Evidence.objects.filter(blob=ev.blob, purged_at__isnull=True).exists()
        if not still_used:
            get_storage().delete(ev.blob.sha256)
            Blob.objects.filter(pk=ev.blob_id).update(purged_at=now)
    return purged
