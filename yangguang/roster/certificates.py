"""Services for certificates (执法证) and qualifications: every change of a certificate — issue,
renewal, suspension, reinstatement, revocation, lapse — and of the 法律职业资格 / reviewer
designation goes through here (the roster's ``services`` for these facts).

Who: the certificate-issuing authority (发证机关), i.e. the security administrator of a justice
bureau, for officers of agencies in the bureau's region and below (policy actions
``certificate.manage`` and ``qualification.grant``). An agency head may only *request* a
qualification or reviewer designation for an officer of his own agency
(``qualification.request``); the authority grants or refuses it. ``actor=None`` is the system
itself (a management command, the lapse job).

Each step locks the officer, checks the history, appends one ``CertificateEvent`` and its ledger
entry (non-public) in one transaction, and brings the officer's current fields (valid from/until,
status) in line with the history, so lists and counts keep reading plain columns while every act is
judged on its own date by ``roster.selectors.certificate_state_on``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone

from yangguang.access import policy
from yangguang.core.errors import DomainError
from yangguang.ledger.services import append_entry
from yangguang.roster import certificate_history as history
from yangguang.roster.models import (
    Agency,
    CertificateEvent,
    CertificateEventKind,
    CertificateStatus,
    Officer,
    QualificationKind,
    QualificationRequest,
    RequestStatus,
    User,
)

MSG_REASON = "请填写事由"
MSG_FUTURE = "生效日期不能晚于今天（{today}）"
MSG_PERIOD = "有效期至不能早于有效期起"
MSG_RENEW_SHORT = "换发的证件有效期应晚于原有效期（原有效期至 {until}）"
MSG_ALREADY_SUSPENDED = "执法证已处于暂扣状态（自 {since} 起）"
MSG_NOT_SUSPENDED = "执法证未被暂扣，无需恢复"
MSG_REINSTATE_DAY = "恢复日期应晚于暂扣日期（{since}）"
MSG_REVOKED = "执法证已被吊销，请重新发证"
MSG_NUMBER_TAKEN = "执法证号“{number}”已被{name}使用"
MSG_QUAL_UNCHANGED = "{name}的{kind}已是“{state}”，无需变更"
MSG_REQUEST_DECIDED = "该申请已处理"
MSG_EVIDENCE = "请填写依据（如法律职业资格证书编号、任命文件）"

STATUS_OF_STATE = {
    history.VALID: CertificateStatus.VALID,
    history.NOT_YET_VALID: CertificateStatus.VALID,
    history.SUSPENDED: CertificateStatus.SUSPENDED,
    history.REVOKED: CertificateStatus.REVOKED,
    history.EXPIRED: CertificateStatus.EXPIRED,
}


def _today() -> dt.date:
    return timezone.localdate()


def _authority(actor: User | None) -> Agency | None:
    agency = getattr(actor, "agency", None)
    return agency if agency is not None and agency.is_supervisor else None


def _require(actor: User | None, action: str, officer: Officer) -> None:
    if actor is not None:
        policy.require(actor, action, officer)


def _lock(officer: Officer) -> Officer:
    return Officer.objects.select_for_update().select_related("agency__region").get(pk=officer.pk)


def ensure_history(officer: Officer) -> None:
    """An officer recorded before the history existed gets the history its current fields imply
    (the same as the backfill migration), so that a new step adds to it instead of replacing it."""
    if officer.certificate_events.exists():
        return
    implied = history.events_from_fields(
        officer.cert_valid_from, officer.cert_valid_until, officer.cert_status, today=_today()
    )
    CertificateEvent.objects.bulk_create(
        [
            CertificateEvent(
                officer=officer,
                certificate_no=officer.certificate_no,
                kind=e.kind,
                effective_on=e.effective_on,
                valid_from=e.valid_from,
                valid_until=e.valid_until,
                reason="依据原有证件信息补建",
                source="backfill",
            )
            for e in implied
        ]
    )
    officer.forget_certificate_history()


def _event(
    *,
    officer: Officer,
    kind: str,
    effective_on: dt.date,
    actor: User | None,
    reason: str,
    valid_from: dt.date | None = None,
    valid_until: dt.date | None = None,
    source: str = "service",
) -> CertificateEvent:
    event = CertificateEvent.objects.create(
        officer=officer,
        certificate_no=officer.certificate_no,
        kind=kind,
        effective_on=effective_on,
        valid_from=valid_from,
        valid_until=valid_until,
        reason=reason,
        authority=_authority(actor),
        recorded_by=actor,
        source=source,
    )
    entry = append_entry(
        actor=actor,
        subject=officer,
        action=f"roster.certificate.{kind}",
        payload={
            "event": event.pk,
            "certificate_no": officer.certificate_no,
            "effective_on": effective_on,
            "valid_from": valid_from,
            "valid_until": valid_until,
            "reason": reason,
            "authority": event.authority_id,
            "source": source,
        },
    )
    event.ledger_seq = entry.seq
    event.save(update_fields=["ledger_seq"])
    officer.forget_certificate_history()
    _sync_fields(officer)
    return event


def _sync_fields(officer: Officer) -> None:
    """Bring the current fields in line with the history: the period running today (else the next
    one, else the last one) and today's status."""
    events = officer.certificate_history()
    r = history.replay(events)
    today = _today()
    if r.periods:
        running = [p for p in r.periods if p[0] <= today <= p[1]]
        upcoming = sorted(p for p in r.periods if p[0] > today)
        start, end = running[-1] if running else upcoming[0] if upcoming else max(r.periods, key=lambda p: p[1])
        officer.cert_valid_from, officer.cert_valid_until = start, end
    officer.cert_status = STATUS_OF_STATE[history.judge(events, today).status]
    officer.save(update_fields=["cert_valid_from", "cert_valid_until", "cert_status"])


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(MSG_REASON, code="reason_required")
    return reason[:200]


def _not_future(on: dt.date) -> None:
    if on > _today():
        raise DomainError(MSG_FUTURE.format(today=_today().isoformat()), code="invalid_date")


def _period(valid_from: dt.date, valid_until: dt.date) -> None:
    if valid_until < valid_from:
        raise DomainError(MSG_PERIOD, code="invalid_period")


def _renumber(officer: Officer, number: str | None) -> None:
    number = (number or "").strip()
    if not number or number == officer.certificate_no:
        return
    other = Officer.objects.filter(certificate_no=number).exclude(pk=officer.pk).first()
    if other is not None:
        raise DomainError(MSG_NUMBER_TAKEN.format(number=number, name=other.name), code="certificate_no_taken")
    officer.certificate_no = number
    officer.save(update_fields=["certificate_no"])


def _dated_change(
    *,
    officer: Officer,
    kind: str,
    on: dt.date,
    actor: User | None,
    reason: str,
    check: Callable[[Officer], None] = lambda officer: None,
    future_ok: bool = False,
    period: tuple[dt.date, dt.date, str | None] | None = None,
    source: str = "service",
) -> CertificateEvent:
    """One dated event of the certificate: the policy, the new period if any (valid from, until,
    and a new number), a reason, a date not in the future (but a lapse or a period), then, with the
    officer locked and its history in place, ``check`` (a DomainError refuses), the new number, and
    the event with its ledger entry."""
    _require(actor, "certificate.manage", officer)
    if period is not None:
        _period(period[0], period[1])
    reason = _reason(reason)
    if not future_ok and period is None:
        _not_future(on)
    with transaction.atomic():
        officer = _lock(officer)
        ensure_history(officer)
        check(officer)
        if period is None:
            return _event(officer=officer, kind=kind, effective_on=on, actor=actor, reason=reason, source=source)
        _renumber(officer, period[2])
        return _event(
            officer=officer,
            kind=kind,
            effective_on=on,
            valid_from=period[0],
            valid_until=period[1],
            actor=actor,
            reason=reason,
            source=source,
        )


def _not_revoked_on(on: dt.date) -> Callable[[Officer], None]:
    def check(officer: Officer) -> None:
        if officer.certificate_state_on(on).status == history.REVOKED:
            raise DomainError(MSG_REVOKED, code="revoked")

    return check


def renew_certificate(
    *,
    officer: Officer,
    valid_from: dt.date,
    valid_until: dt.date,
    actor: User | None,
    reason: str = "换发执法证",
    certificate_no: str | None = None,
) -> CertificateEvent:
    """A new validity period (换证). A gap between the old period's end and the new one's start is
    a lapse: acts dated inside it stay refused after the renewal."""

    def check(locked: Officer) -> None:
        r = history.replay(locked.certificate_history())
        latest_end = max((end for _, end in r.periods), default=None)
        if latest_end is not None and valid_until <= latest_end:
            raise DomainError(MSG_RENEW_SHORT.format(until=latest_end.isoformat()), code="renewal_too_short")

    return _dated_change(
        officer=officer,
        kind=CertificateEventKind.RENEWAL,
        on=valid_from,
        actor=actor,
        reason=reason,
        check=check,
        period=(valid_from, valid_until, certificate_no),
    )


def issue_certificate(
    *,
    officer: Officer,
    valid_from: dt.date,
    valid_until: dt.date,
    actor: User | None,
    reason: str = "发证",
    certificate_no: str | None = None,
) -> CertificateEvent:
    """Issue a certificate anew (e.g. after a revocation, possibly under a new number)."""
    return _dated_change(
        officer=officer,
        kind=CertificateEventKind.ISSUE,
        on=valid_from,
        actor=actor,
        reason=reason,
        period=(valid_from, valid_until, certificate_no),
    )


def _open_suspension(officer: Officer) -> dt.date | None:
    r = history.replay(officer.certificate_history())
    return next((start for start, until in r.suspensions if until is None), None)


def suspend_certificate(*, officer: Officer, on: dt.date, actor: User | None, reason: str) -> CertificateEvent:
    """Suspend (暂扣) from ``on`` until reinstated."""

    def check(locked: Officer) -> None:
        since = _open_suspension(locked)
        if since is not None:
            raise DomainError(MSG_ALREADY_SUSPENDED.format(since=since.isoformat()), code="already_suspended")
        _not_revoked_on(on)(locked)

    return _dated_change(
        officer=officer, kind=CertificateEventKind.SUSPENSION, on=on, actor=actor, reason=reason, check=check
    )


def reinstate_certificate(*, officer: Officer, on: dt.date, actor: User | None, reason: str) -> CertificateEvent:
    """End a suspension on ``on`` (the certificate is usable again from that day)."""

    def check(locked: Officer) -> None:
        since = _open_suspension(locked)
        if since is None:
            raise DomainError(MSG_NOT_SUSPENDED, code="not_suspended")
        if on <= since:
            raise DomainError(MSG_REINSTATE_DAY.format(since=since.isoformat()), code="invalid_date")

    return _dated_change(
        officer=officer, kind=CertificateEventKind.REINSTATEMENT, on=on, actor=actor, reason=reason, check=check
    )


def revoke_certificate(*, officer: Officer, on: dt.date, actor: User | None, reason: str) -> CertificateEvent:
    """Revoke (吊销/注销) from ``on``: no act from that day, whatever renewal was recorded before."""
    return _dated_change(
        officer=officer,
        kind=CertificateEventKind.REVOCATION,
        on=on,
        actor=actor,
        reason=reason,
        check=_not_revoked_on(on),
    )


def record_lapse(
    *, officer: Officer, on: dt.date, actor: User | None, reason: str, source: str = "service"
) -> CertificateEvent:
    """Record that the certificate lapsed (失效) on ``on``: its period ran out (the lapse job) or
    the authority declared it invalid early."""
    return _dated_change(
        officer=officer,
        kind=CertificateEventKind.LAPSE,
        on=on,
        actor=actor,
        reason=reason,
        future_ok=True,
        source=source,
    )


def record_due_lapses(*, today: dt.date | None = None, limit: int = 500) -> int:
    """The worker's round: certificates whose period ended before today and that still read as
    valid get their lapse recorded (dated the day after the end) and their status set to expired."""
    today = today or _today()
    due = list(
        Officer.objects.filter(cert_status=CertificateStatus.VALID, cert_valid_until__lt=today)
        .order_by("pk")
        .values_list("pk", "cert_valid_until")[:limit]
    )
    for pk, until in due:
        record_lapse(
            officer=Officer(pk=pk),
            on=until + history.ONE_DAY,
            actor=None,
            reason="有效期届满",
            source="lapse_job",
        )
    return len(due)


# --- qualifications (法律职业资格, 法制审核人员) -------------------------------------------------------

QUALIFICATION_FIELD = {
    QualificationKind.LEGAL_QUALIFICATION: "legal_qualification",
    QualificationKind.REVIEWER: "is_reviewer",
}


def set_qualification(
    *, officer: Officer, kind: str, value: bool, actor: User | None, evidence: str, request_id: int | None = None
) -> Officer:
    """Record (or withdraw) the legal professional qualification or the reviewer designation."""
    _require(actor, "qualification.grant", officer)
    evidence = (evidence or "").strip()
    if not evidence:
        raise DomainError(MSG_EVIDENCE, code="evidence_required")
    field = QUALIFICATION_FIELD[QualificationKind(kind)]
    with transaction.atomic():
        officer = _lock(officer)
        if getattr(officer, field) == value:
            raise DomainError(
                MSG_QUAL_UNCHANGED.format(
                    name=officer.name, kind=QualificationKind(kind).label, state="是" if value else "否"
                ),
                code="unchanged",
            )
        setattr(officer, field, value)
        officer.save(update_fields=[field])
        append_entry(
            actor=actor,
            subject=officer,
            action=f"roster.qualification.{'grant' if value else 'withdraw'}",
            payload={
                "kind": kind,
                "value": value,
                "evidence": evidence[:200],
                "request": request_id,
                "authority": getattr(_authority(actor), "pk", None),
            },
        )
    return officer


def request_qualification(
    *, officer: Officer, kind: str, actor: User, evidence: str, grant: bool = True
) -> QualificationRequest:
    """An agency head asks the issuing authority to record a qualification for his officer."""
    policy.require(actor, "qualification.request", officer)
    evidence = (evidence or "").strip()
    if not evidence:
        raise DomainError(MSG_EVIDENCE, code="evidence_required")
    kind = QualificationKind(kind)
    with transaction.atomic():
        req = QualificationRequest.objects.create(
            officer=officer, kind=kind, grant=grant, evidence=evidence[:200], requested_by=actor
        )
        append_entry(
            actor=actor,
            subject=officer,
            action="roster.qualification.request",
            payload={"request": req.pk, "kind": kind, "grant": grant, "evidence": req.evidence},
        )
    return req


def decide_qualification_request(
    *, request: QualificationRequest, approve: bool, actor: User, note: str = ""
) -> QualificationRequest:
    """The issuing authority grants or refuses a request (granting records the qualification)."""
    policy.require(actor, "qualification.grant", request.officer)
    with transaction.atomic():
        req = QualificationRequest.objects.select_for_update().select_related("officer").get(pk=request.pk)
        if req.status != RequestStatus.PENDING:
            raise DomainError(MSG_REQUEST_DECIDED, code="already_decided")
        if approve:
            set_qualification(
                officer=req.officer,
                kind=req.kind,
                value=req.grant,
                actor=actor,
                evidence=req.evidence,
                request_id=req.pk,
            )
        req.status = RequestStatus.GRANTED if approve else RequestStatus.REFUSED
        req.decided_by = actor
        req.decided_at = timezone.now()
        req.decision_note = (note or "").strip()[:200]
        req.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
        append_entry(
            actor=actor,
            subject=req.officer,
            action="roster.qualification.decide",
            payload={"request": req.pk, "status": req.status, "note": req.decision_note},
        )
    return req


def describe(event: CertificateEvent) -> dict[str, Any]:
    """A history line for pages: kind label, dates and reason (no internal identifiers)."""
    return {
        "kind": event.get_kind_display(),
        "effective_on": event.effective_on,
        "valid_from": event.valid_from,
        "valid_until": event.valid_until,
        "reason": event.reason,
        "authority": event.authority.name if event.authority else "",
        "recorded_at": event.recorded_at,
    }
