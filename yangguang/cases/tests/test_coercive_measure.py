"""Coercive measures (查封、扣押): at most 30 days, one extension of at most 30 days approved by the
agency head (《行政强制法》第二十五条)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from yangguang.cases.deadlines import case_deadlines
from yangguang.cases.models import ApprovalRequest, Case
from yangguang.cases.services import decide_approval
from yangguang.cases.tests.conftest import SEIZE
from yangguang.core.errors import DomainError, PermissionDeniedError
from yangguang.evidence.services import record_exception

D = dt.date


def test_seizure_lifecycle_and_limits(
    new_case: Any, step: Any, submit: Any, officer: Any, unit_head: Any, agency_head: Any
) -> None:
    case = new_case("coercive_measure")
    assert case.state == "preparing"
    # No body-worn recording for this seizure: the officer records why (音像记录例外).
    record_exception(case=case, step="impose", actor=officer, reason="执法记录仪故障")
    with pytest.raises(DomainError) as exc:
        step(case, "impose", officer, D(2026, 3, 2), term_days=31, **SEIZE)
    assert (exc.value.code, exc.value.message) == (
        "seizure_term",
        "查封、扣押的期限不得超过三十日（《行政强制法》第二十五条）",
    )
    step(case, "impose", officer, D(2026, 3, 2), term_days=30, **SEIZE)
    case.refresh_from_db()
    (d,) = case_deadlines(case)
    assert (d.code, d.due) == ("seizure", D(2026, 4, 1))
    seized = case.steps.get(action="impose")
    assert seized.data["approval"]["label"] == "查封、扣押审批" and seized.data["approval"]["by"] == "周局长"
    with pytest.raises(DomainError) as exc:
        step(case, "extend_seizure", agency_head, D(2026, 3, 25), reason="情况复杂", days=31)
    assert exc.value.message == "延长查封、扣押的期限不得超过三十日（《行政强制法》第二十五条）"
    # The officer submits the extension; only the agency's responsible person approves it.
    submitted = submit(case, "extend_seizure", officer, D(2026, 3, 25), reason="情况复杂", days=30)
    req = ApprovalRequest.objects.get(pk=submitted.data["request"])
    with pytest.raises(PermissionDeniedError) as exc:
        decide_approval(request=req, actor=unit_head, approve=True, occurred_on=D(2026, 3, 25))
    assert exc.value.message == "延长期限审批由行政机关负责人审批"
    decide_approval(request=req, actor=agency_head, approve=True, occurred_on=D(2026, 3, 25))
    assert Case.objects.get(pk=case.pk).seizures.get().extension_approved_by == agency_head
    (d,) = case_deadlines(case)
    assert d.due == D(2026, 5, 6)  # 60 days after 2 March is 1 May, a holiday through 5 May
    with pytest.raises(DomainError) as exc:
        step(case, "extend_seizure", agency_head, D(2026, 3, 26), reason="再次延长", days=10)
    assert exc.value.message == "查封、扣押期限只能延长一次（《行政强制法》第二十五条）"
    step(case, "release", officer, D(2026, 4, 20), reason="违法事实已查清")
    step(case, "close", officer, D(2026, 4, 21), summary="已解除")
    assert Case.objects.get(pk=case.pk).state == "closed"
    assert case_deadlines(Case.objects.get(pk=case.pk)) == []


def test_extension_after_expiry_is_refused(new_case: Any, step: Any, officer: Any, agency_head: Any) -> None:
    case = new_case("coercive_measure")
    record_exception(case=case, step="impose", actor=officer, reason="执法记录仪故障")
    step(case, "impose", officer, D(2026, 3, 2), term_days=10, **SEIZE)
    with pytest.raises(DomainError) as exc:
        step(case, "extend_seizure", agency_head, D(2026, 3, 13), reason="x", days=10)
    assert exc.value.message == "查封、扣押期限已于2026年3月12日届满，不能再延长（《行政强制法》第二十五条）"


def test_two_officers_needed(new_case: Any, step: Any, officer: Any) -> None:
    case = new_case("coercive_measure", officers=[])
    with pytest.raises(DomainError) as exc:
        step(case, "impose", officer, D(2026, 3, 2), term_days=10, **SEIZE)
    assert exc.value.message == "实施行政强制措施须由两名以上持有效执法证的执法人员实施（《行政强制法》第十八条）"
