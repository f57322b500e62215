"""Certificate facts in officer imports (执法人员导入中的证件信息).

A roster import must not be a way around the issuing authority: a new certificate, a changed
period or status, and a granted or withdrawn 法律职业资格 / reviewer designation are acts of the
certificate-issuing justice bureau (policy ``certificate.manage`` and ``qualification.grant``).
For any other importer (an agency head, the system administrator) such rows are refused, each with
its own message; the rest of the officer's row (name, unit, post, categories, region) stays his.

For the authority the changes become certificate history (``CertificateEvent``), recorded with the
import's ledger entry (the file's SHA-256 covers every row): a new officer's issue; a longer
period's renewal; a status change as of the import day (suspension, reinstatement, revocation,
lapse). A back-dated step (a suspension from an earlier day) is recorded on the certificate page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from yangguang.access import policy
from yangguang.roster import certificate_history as history
from yangguang.roster.importers.base import Row
from yangguang.roster.models import Agency, CertificateEvent, CertificateStatus, Officer, User

CERT_FIELDS = ("cert_valid_from", "cert_valid_until", "cert_status")
QUAL_FIELDS = ("legal_qualification", "is_reviewer")

MSG_NEW = "新增执法人员的执法证须由发证机关（司法行政部门）的安全管理员办理"
MSG_CERT = "执法证的有效期和状态须由发证机关（司法行政部门）的安全管理员变更（现为{old}）"
MSG_QUAL = "{what}须由发证机关（司法行政部门）的安全管理员认定，机关负责人可在“资格申请”中提出申请"
MSG_SHORTEN = "不能通过导入缩短或前移执法证有效期（现为{old}），请在证件管理中办理失效或吊销"
MSG_UNREVOKE = "已吊销的执法证不能通过导入恢复，请填写新的有效期重新发证"

STATUS_EVENTS = {
    CertificateStatus.SUSPENDED: history.SUSPENSION,
    CertificateStatus.REVOKED: history.REVOCATION,
    CertificateStatus.EXPIRED: history.LAPSE,
}
STATUS_LABELS = dict(CertificateStatus.choices)
QUAL_LABELS = {"legal_qualification": "法律职业资格", "is_reviewer": "法制审核人员"}


@dataclass
class Pending:
    """History to write for the rows of one import (by certificate number), after the upsert."""

    events: dict[str, list[history.PlainEvent]] = field(default_factory=dict)
    backfill: dict[str, dict[str, Any]] = field(default_factory=dict)  # old fields of officers without history

    def add(self, number: str, event: history.PlainEvent) -> None:
        self.events.setdefault(number, []).append(event)


def _period_text(old: dict[str, Any]) -> str:
    status = STATUS_LABELS.get(old["cert_status"], old["cert_status"])
    return f"{old['cert_valid_from'].isoformat()}至{old['cert_valid_until'].isoformat()}，{status}"


def authority_over(actor: User | None, agency_ids: set[int]) -> set[int]:
    """The agencies (of ``agency_ids``) whose certificates ``actor`` issues; the system (None) all."""
    if actor is None:
        return set(agency_ids)
    agencies = Agency.objects.select_related("region").in_bulk(sorted(agency_ids))
    return {pk for pk, a in agencies.items() if policy.allows(actor, "certificate.manage", Officer(agency=a))}


def check_rows(
    rows: list[Row],
    existing: dict[str, dict[str, Any]],
    actor: User | None,
    err: Any,
    today: dt.date | None = None,
) -> Pending:
    """Refuse certificate and qualification changes the importer may not make (``err(row, key,
    message)``); for those it may, collect the history to write."""
    today = today or timezone.localdate()
    pending = Pending()
    allowed = authority_over(actor, {r.values["agency_id"] for r in rows if "agency_id" in r.values})
    for row in rows:
        number = row.get("certificate_no")
        if not number or "agency_id" not in row.values:
            continue
        authority = row.values["agency_id"] in allowed
        old = existing.get(number)
        if old is None:
            if not authority:
                err(row, "certificate_no", MSG_NEW)
                continue
            _new_certificate(row, number, pending)
            continue
        _changed_certificate(row, number, old, authority, pending, err, today)
        if not authority:
            for key in QUAL_FIELDS:
                if row.has(key) and bool(row.values[key]) != bool(old[key]):
                    err(row, key, MSG_QUAL.format(what=QUAL_LABELS[key]))
    return pending


def _new_certificate(row: Row, number: str, pending: Pending) -> None:
    start, end = row.get("cert_valid_from"), row.get("cert_valid_until")
    if not isinstance(start, dt.date) or not isinstance(end, dt.date):
        return  # reported by the column checks
    pending.add(number, history.PlainEvent(history.ISSUE, start, start, end))
    kind = STATUS_EVENTS.get(row.get("cert_status") or CertificateStatus.VALID)
    if kind is not None:
        pending.add(number, history.PlainEvent(kind, start))


def _changed_certificate(
    row: Row, number: str, old: dict[str, Any], authority: bool, pending: Pending, err: Any, today: dt.date
) -> None:
    new = {k: row.values[k] for k in CERT_FIELDS if k in row.values and row.values[k] is not None}
    changed = [k for k, v in new.items() if v != old[k]]
    if not changed:
        return
    if not authority:
        err(row, changed[0], MSG_CERT.format(old=_period_text(old)))
        return
    start = new.get("cert_valid_from", old["cert_valid_from"])
    end = new.get("cert_valid_until", old["cert_valid_until"])
    status = new.get("cert_status", old["cert_status"])
    dates_changed = "cert_valid_from" in changed or "cert_valid_until" in changed
    events: list[history.PlainEvent] = []
    if dates_changed:
        if end <= old["cert_valid_until"] or start < old["cert_valid_from"]:
            err(row, "cert_valid_until", MSG_SHORTEN.format(old=_period_text(old)))
            return
        events.append(history.PlainEvent(history.RENEWAL, start, start, end))
    if status != old["cert_status"] or (dates_changed and status != CertificateStatus.VALID):
        if status == CertificateStatus.VALID:
            if old["cert_status"] == CertificateStatus.SUSPENDED:
                events.append(history.PlainEvent(history.REINSTATEMENT, max(today, start)))
            elif old["cert_status"] == CertificateStatus.REVOKED and not dates_changed:
                err(row, "cert_status", MSG_UNREVOKE)
                return
        elif status == CertificateStatus.EXPIRED:
            events.append(history.PlainEvent(history.LAPSE, min(today, end + history.ONE_DAY)))
        else:
            events.append(history.PlainEvent(STATUS_EVENTS[status], today))
    pending.backfill.setdefault(number, old)
    for e in events:
        pending.add(number, e)


def write(pending: Pending, actor: User | None, source: str = "import") -> list[int]:
    """Write the collected history (after the upsert); returns the new events' ids, for the import's
    ledger entry to be attached to them."""
    if not pending.events:
        return []
    numbers = sorted(pending.events)
    officers = dict(Officer.objects.filter(certificate_no__in=numbers).values_list("certificate_no", "pk"))
    with_history = set(
        CertificateEvent.objects.filter(officer_id__in=officers.values()).values_list("officer_id", flat=True)
    )
    authority = getattr(actor, "agency", None) if actor is not None else None
    today = timezone.localdate()
    rows: list[CertificateEvent] = []

    def make(number: str, e: history.PlainEvent, src: str, reason: str) -> CertificateEvent:
        return CertificateEvent(
            officer_id=officers[number],
            certificate_no=number,
            kind=e.kind,
            effective_on=e.effective_on,
            valid_from=e.valid_from,
            valid_until=e.valid_until,
            reason=reason,
            authority=authority if authority is not None and authority.is_supervisor else None,
            recorded_by=actor,
            source=src,
        )

    for number in numbers:
        old = pending.backfill.get(number)
        if old is not None and officers[number] not in with_history:
            implied = history.events_from_fields(
                old["cert_valid_from"], old["cert_valid_until"], old["cert_status"], today=today
            )
            rows.extend(make(number, e, "backfill", "依据原有证件信息补建") for e in implied)
        rows.extend(make(number, e, source, "名册导入") for e in pending.events[number])
    created = CertificateEvent.objects.bulk_create(rows, batch_size=1000)
    return [e.pk for e in created if e.pk is not None and e.source == source]


def attach_ledger(event_ids: list[int], seq: int) -> None:
    for start in range(0, len(event_ids), 500):
        CertificateEvent.objects.filter(pk__in=event_ids[start : start + 500]).update(ledger_seq=seq)
