"""Fixtures for the legal review tests: a penalty item with a discretion benchmark, a case that
finished investigation, the reviewer moved into the review unit, and step helpers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from yangguang.cases.tests.conftest import END, company, person  # noqa: F401  (re-exported helpers)

D = dt.date
ON = D(2026, 3, 2)
PROPOSAL = {"penalty_types": ["fine"], "fine": "60000", "legal_basis": "《企业信息公示暂行条例》第十八条"}
FINDINGS_OK: dict[int, tuple[str, str]] = {n: ("ok", "") for n in range(1, 10)}


@pytest.fixture
def item(agency: Any, agency_head: Any) -> Any:
    """The item with the standard benchmark (严重: 20000-50000 yuan), published."""
    from yangguang.discretion.tests.helpers import import_standard

    _bench, item = import_standard(agency, agency_head, publish=True)
    return item


@pytest.fixture
def review_reviewer(reviewer: Any, agency: Any) -> Any:
    """The reviewer persona, in the agency's review unit (法规处)."""
    officer = reviewer.officer
    officer.unit = agency.units.get(is_review_unit=True)
    officer.save()
    return reviewer


@pytest.fixture
def step() -> Callable[..., Any]:
    from yangguang.cases.demo import approved
    from yangguang.cases.services import case_transition
    from yangguang.cases.tests.conftest import head_of

    def take(case: Any, action: str, actor: Any, on: dt.date = ON, reason: str = "", **data: Any) -> Any:
        s = case_transition(case=case, action=action, actor=actor, data=data, reason=reason, occurred_on=on)
        return approved(s, approver=head_of(case.agency)) if s.action == "approval_request" else s

    return take


@pytest.fixture
def ended_case(officer: Any, officer2: Any, item: Any, step: Any) -> Callable[..., Any]:
    """ended_case(parties=...) -> a penalty case whose investigation ended on ON."""
    from yangguang.cases.services import create_case

    def make(parties: list[Any] | None = None) -> Any:
        case = create_case(
            actor=officer,
            kind="penalty_ordinary",
            title="未按规定公示年度报告案",
            parties=parties or [company()],
            officers=[officer2.officer],
            item=item,
            facts="当事人未按规定公示2025年度报告。",
            violation_date=ON - dt.timedelta(days=30),
            discovery_date=ON,
            occurred_on=ON,
        )
        step(case, "file", officer)
        step(case, "evidence", officer, name="企业信用信息公示系统截图")
        step(case, "end_investigation", officer, report="建议罚款", **END)
        case.refresh_from_db()
        return case

    return make


@pytest.fixture
def submitted_case(ended_case: Any, step: Any, officer: Any) -> Callable[..., Any]:
    """submitted_case(fine=...) -> a case proposed (severe level) and submitted for review."""

    def make(fine: str = "50000", outside_reason: str = "") -> Any:
        case = ended_case()
        step(
            case, "propose", officer, **{**PROPOSAL, "fine": fine, "level": "severe", "outside_reason": outside_reason}
        )
        step(case, "submit_review", officer, truth_statement=True)
        case.refresh_from_db()
        return case

    return make


def refresh(obj: Any) -> Any:
    obj.refresh_from_db()
    return obj
