"""Inspection (行政检查) and licensing (行政许可) workflows."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from yangguang.cases.deadlines import case_deadlines
from yangguang.cases.models import Case
from yangguang.cases.tests.conftest import SERVE
from yangguang.core.errors import DomainError

D = dt.date


def test_inspection_converts_to_a_penalty_case(new_case: Any, step: Any, officer: Any) -> None:
    case = new_case("inspection")
    step(case, "start_inspection", officer, D(2026, 3, 2), place="当事人仓库")
    step(
        case,
        "record_result",
        officer,
        D(2026, 3, 2),
        result="violation",
        content="发现过期食品",
        inspected_at="2026-03-02T10:00",
    )
    step(case, "convert_to_penalty", officer, D(2026, 3, 3), facts="销售过期食品", violation_date="2026-03-01")
    case.refresh_from_db()
    assert case.state == "converted"
    new = case.derived_cases.get()
    assert (new.kind, new.state, new.source) == ("penalty_ordinary", "clue", "inspection")
    assert new.case_officers.count() == 2 and new.parties.count() == 1


def test_inspection_without_violation_cannot_convert(new_case: Any, step: Any, officer: Any) -> None:
    case = new_case("inspection")
    step(case, "start_inspection", officer, D(2026, 3, 2), place="仓库")
    step(
        case,
        "record_result",
        officer,
        D(2026, 3, 2),
        result="compliant",
        content="未见异常",
        inspected_at="2026-03-02T10:00",
    )
    with pytest.raises(DomainError) as exc:
        step(case, "convert_to_penalty", officer, D(2026, 3, 3), facts="x", violation_date="2026-03-01")
    assert exc.value.message == "检查未发现违法行为，不能转为行政处罚案件"
    step(case, "end", officer, D(2026, 3, 3))


def test_licensing_with_extension(new_case: Any, step: Any, officer: Any, unit_head: Any, agency_head: Any) -> None:
    case = new_case("licensing")
    step(case, "accept", officer, D(2026, 3, 2), materials="申请书、营业执照")
    case.refresh_from_db()
    (d,) = case_deadlines(case)
    assert (d.code, d.due) == ("licensing", D(2026, 3, 30))  # 20 working days
    step(case, "extend_licensing", agency_head, D(2026, 3, 20), reason="需现场核查", days=10)
    (d,) = case_deadlines(case)
    assert d.due == D(2026, 4, 14)  # 10 more working days, skipping 清明 (4-6 April)
    with pytest.raises(DomainError) as exc:
        step(case, "extend_licensing", agency_head, D(2026, 3, 21), reason="x", days=5)
    assert (
        exc.value.message
        == "许可决定期限经本行政机关负责人批准只能延长一次，且不得超过十个工作日（《行政许可法》第四十二条）"
    )
    step(
        case,
        "decide_licence",
        unit_head,
        D(2026, 4, 1),
        licence_decision="grant",
        reasons="符合条件",
        legal_basis="《食品安全法》第三十五条",
        license_content="食品经营许可",
    )
    step(case, "serve", officer, D(2026, 4, 2), method="direct", recipient="王五", **SERVE)
    assert Case.objects.get(pk=case.pk).state == "closed"
