"""Reads of evidence: the effective AV item list, what a step still lacks, gaps in full-process
recordings, access logs, flagged exceptions, and who may see what."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from yangguang.access import policy
from yangguang.cases.selectors import visible_cases
from yangguang.cases.workflow import workflow_for
from yangguang.roster.models import User

from .models import AV_KINDS, AccessLog, Evidence, RecordingException, RecordingRule
from .rules import DEFAULT_BY_KEY, DEFAULT_RULES, Rule

# A pause longer than this between two segments of one device breaks a full-process recording.
GAP_TOLERANCE = dt.timedelta(seconds=5)


def _as_rule(row: RecordingRule) -> Rule:
    return Rule(
        row.case_kind,
        row.step,
        row.required,
        row.full_process,
        row.method,
        row.start,
        row.content,
        row.end,
        row.storage_years,
    )


def rule_for(agency_id: int, case_kind: str, step: str) -> Rule | None:
    """The agency's line for this step, else the default line, else None."""
    row = RecordingRule.objects.filter(agency_id=agency_id, case_kind=case_kind, step=step).first()
    if row is not None:
        return _as_rule(row)
    return DEFAULT_BY_KEY.get((case_kind, step))


def av_item_list(agency_id: int) -> list[Rule]:
    """The effective AV item list of an agency: defaults overridden by its own lines."""
    merged: dict[tuple[str, str], Rule] = {(r.case_kind, r.step): r for r in DEFAULT_RULES}
    for row in RecordingRule.objects.filter(agency_id=agency_id):
        merged[(row.case_kind, row.step)] = _as_rule(row)
    return sorted(merged.values(), key=lambda r: (r.case_kind, not r.required, r.step))


def step_label(case_kind: str, step: str) -> str:
    t = workflow_for(case_kind).by_action(step)
    return t.label if t else step


def recording_message(case_kind: str, step: str, full_process: bool) -> str:
    label = step_label(case_kind, step)
    how = "全程音像记录" if full_process else "音像记录"
    return (
        f"“{label}”应当进行{how}（音像记录事项清单），尚未上传本环节的录像或录音；"
        "如因设备故障等原因未能记录，请登记例外情况及理由"
    )


def recording_missing(case: Any, step: str) -> str | None:
    """The refusal message if the step's mandatory recording is missing and no exception was
    recorded for it, else None (the guard ``av_recording`` of the cases workflow)."""
    rule = rule_for(case.agency_id, case.kind, step)
    if rule is None or not rule.required:
        return None
    if Evidence.objects.filter(case=case, step=step, kind__in=AV_KINDS).exists():
        return None
    if RecordingException.objects.filter(case=case, step=step).exists():
        return None
    return recording_message(case.kind, step, rule.full_process)


@dataclass(frozen=True)
class Gap:
    step: str
    device_no: str
    before: Evidence
    after: Evidence

    @property
    def seconds(self) -> int:
        assert self.before.capture_end is not None and self.after.capture_start is not None
        return int((self.after.capture_start - self.before.capture_end).total_seconds())


def gaps(case: Any) -> list[Gap]:
    """Gaps between consecutive segments of the same device in the case's full-process recordings."""
    out: list[Gap] = []
    rows = (
        Evidence.objects.filter(case=case, kind__in=AV_KINDS, capture_start__isnull=False, capture_end__isnull=False)
        .exclude(step="")
        .order_by("step", "device_no", "capture_start", "pk")
    )
    previous: Evidence | None = None
    full: dict[str, bool] = {}
    for ev in rows:
        if ev.step not in full:
            rule = rule_for(case.agency_id, case.kind, ev.step)
            full[ev.step] = bool(rule and rule.full_process)
        if not full[ev.step]:
            previous = None
            continue
        if previous is not None and (previous.step, previous.device_no) == (ev.step, ev.device_no):
            assert previous.capture_end is not None and ev.capture_start is not None
            if ev.capture_start - previous.capture_end > GAP_TOLERANCE:
                out.append(Gap(ev.step, ev.device_no, previous, ev))
        if previous is None or (previous.step, previous.device_no) != (ev.step, ev.device_no):
            previous = ev
        elif ev.capture_end and previous.capture_end and ev.capture_end > previous.capture_end:
            previous = ev
    return out


def case_evidence(case: Any) -> QuerySet[Evidence]:
    return Evidence.objects.filter(case=case).select_related("officer", "uploaded_by").order_by("created_at", "pk")


def can_access_case(user: User, case: Any) -> bool:
    """May the user see the case's evidence? (who may read the case: the policy's ``evidence.export``)"""
    return policy.allows(user, "evidence.export", case)


def can_upload(user: User, case: Any) -> bool:
    """May the user upload evidence to the case today (handlers and heads, 持证上岗)?"""
    return policy.allows(user, "evidence.upload", case)


def can_see_access_log(user: User, case: Any) -> bool:
    """The access log is shown to the case's handlers and to heads and supervisors."""
    return policy.allows(user, "evidence.access_log.view", case)


def access_log(case: Any) -> QuerySet[AccessLog]:
    return AccessLog.objects.filter(case=case).select_related("evidence").order_by("-at", "-pk")


def case_exceptions(case: Any) -> QuerySet[RecordingException]:
    return RecordingException.objects.filter(case=case).select_related("recorded_by", "reviewed_by")


def flagged_exceptions(user: User, *, open_only: bool = True) -> QuerySet[RecordingException]:
    """Recording exceptions for the supervisor (and agency heads) to look at."""
    qs = RecordingException.objects.filter(case__in=visible_cases(user)).select_related(
        "case", "recorded_by", "reviewed_by"
    )
    if open_only:
        qs = qs.filter(reviewed_at__isnull=True)
    return qs.order_by("-recorded_at", "-pk")


def requirements(case: Any) -> list[dict[str, Any]]:
    """The AV lines that apply to the case's kind, each with what is recorded so far."""
    rows = []
    for rule in av_item_list(case.agency_id):
        if rule.case_kind != case.kind:
            continue
        count = Evidence.objects.filter(case=case, step=rule.step, kind__in=AV_KINDS).count()
        excepted = RecordingException.objects.filter(case=case, step=rule.step).exists()
        rows.append(
            {
                "rule": rule,
                "label": step_label(case.kind, rule.step),
                "count": count,
                "excepted": excepted,
                "missing": rule.required and not count and not excepted,
            }
        )
    return rows
