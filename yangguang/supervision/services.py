"""Writes of the supervision app. Every write: keyword-only arguments, one transaction, the row
locked, the ledger entry in the same transaction."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from yangguang.access import policy
from yangguang.core.errors import DomainError
from yangguang.ledger.services import append_entry
from yangguang.roster.models import Agency, User

from . import selectors
from .models import HitMark, Verdict
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
        mark.rule_version = r.version
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
                "version": r.version,
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
