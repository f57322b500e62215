"""Fixtures for the cases tests: an enforcement item, parties, and helpers that register a case and
take steps on given dates (occurred_on, which is how the tests move past statutory periods)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from yangguang.core.validators import make_resident_id, make_uscc
from yangguang.roster.models import ActionKind

D = dt.date

# Data the documents need, entered once per step.
END = {
    "violated_provisions": "《中华人民共和国食品安全法》第三十四条第（十）项",
    "legal_basis": "《中华人民共和国食品安全法》第一百二十四条",
}
SERVE = {"place": "当事人经营场所", "served_at": "2026-01-01T10:00"}
SEIZE = {
    "measure": "扣押",
    "items": "过期食品，500克/袋，12袋",
    "storage_place": "本局暂扣物品仓库",
    "legal_basis": "《中华人民共和国食品安全法》第一百一十条",
    "approval": "局长批准",
}
SPOT = {
    "occurred_at": "2026-03-02T09:00",
    "place": "某某路口",
    "facts": "占道经营",
    "violated_provisions": "《某某条例》第十条",
    "legal_basis": "《某某条例》第三十条",
}


def company(n: int = 1) -> dict[str, Any]:
    return {
        "kind": "organization",
        "name": f"杭州某某食品有限公司{n}",
        "id_number": make_uscc(900_000 + n),
        "address": "杭州市西湖区文三路1号",
        "phone": "0571-88888888",
        "legal_representative": "王五",
    }


def person(n: int = 1) -> dict[str, Any]:
    return {
        "kind": "person",
        "name": "张三",
        "id_number": make_resident_id("330106", "19800101", n),
        "address": "杭州市西湖区某路2号",
        "phone": "13800000000",
    }


@pytest.fixture
def item(agency: Any) -> Any:
    from yangguang.roster.tests.factories import EnforcementItemFactory

    return EnforcementItemFactory(agency=agency, name="对销售过期食品的行政处罚", kind=ActionKind.PENALTY)


@pytest.fixture
def new_case(officer: Any, officer2: Any, item: Any) -> Callable[..., Any]:
    """new_case(kind=..., on=..., parties=..., officers=...) registers a case as ``officer``."""
    from yangguang.cases.services import create_case

    def make(
        kind: str = "penalty_ordinary",
        *,
        on: dt.date | None = None,
        parties: list[Any] | None = None,
        officers: list[Any] | None = None,
        actor: Any = None,
        **kw: Any,
    ) -> Any:
        on = on or D(2026, 3, 2)
        kw.setdefault("facts", "当事人销售超过保质期的食品。")
        kw.setdefault("violation_date", on - dt.timedelta(days=30))
        kw.setdefault("discovery_date", on)
        return create_case(
            actor=actor or officer,
            kind=kind,
            title="涉嫌销售过期食品案",
            parties=parties if parties is not None else [company()],
            officers=[officer2.officer] if officers is None else officers,
            item=item if kind.startswith("penalty") else None,
            source="complaint",
            occurred_on=on,
            **kw,
        )

    return make


def head_of(agency: Any) -> Any:
    """The agency's responsible person (made when the test has none): approves what is submitted."""
    from yangguang.roster.models import User
    from yangguang.roster.tests.factories import UserFactory

    head = User.objects.filter(agency=agency, role="agency_head", is_active=True).order_by("pk").first()
    return head or UserFactory(role="agency_head", agency=agency, full_name="周局长")


@pytest.fixture
def step() -> Callable[..., Any]:
    """step(case, action, actor, on, reason="", **data) takes one step and returns the Step; a step
    submitted for approval (提请审批) is approved by the agency's responsible person the same day
    (``submit``: the same without approving)."""
    from yangguang.cases.demo import approved
    from yangguang.cases.services import case_transition

    def take(case: Any, action: str, actor: Any, on: dt.date, reason: str = "", **data: Any) -> Any:
        s = case_transition(case=case, action=action, actor=actor, data=data, reason=reason, occurred_on=on)
        if s.action == "approval_request":
            s = approved(s, approver=head_of(case.agency))
        return s

    return take


@pytest.fixture
def submit() -> Callable[..., Any]:
    """submit(case, action, actor, on, reason="", **data): case_transition, never approving."""
    from yangguang.cases.services import case_transition

    def take(case: Any, action: str, actor: Any, on: dt.date, reason: str = "", **data: Any) -> Any:
        return case_transition(case=case, action=action, actor=actor, data=data, reason=reason, occurred_on=on)

    return take


@pytest.fixture
def notified_case(new_case: Any, step: Any, officer: Any) -> Callable[..., Any]:
    """notified_case(fine="5000", types=["fine"], parties=...) -> a case notified on 2026-03-12
    (Thursday; the 5-working-day statement period ends on 2026-03-19)."""

    def make(fine: str | None = "5000", types: list[str] | None = None, **kw: Any) -> Any:
        case = new_case(**kw)
        step(case, "file", officer, D(2026, 3, 2))
        step(case, "evidence", officer, D(2026, 3, 3), name="现场照片")
        step(case, "end_investigation", officer, D(2026, 3, 11), report="建议罚款", **END)
        step(
            case,
            "issue_notice",
            officer,
            D(2026, 3, 12),
            penalty_types=types or ["fine"],
            fine=fine,
            legal_basis="《食品安全法》第一百二十四条",
        )
        case.refresh_from_db()
        return case

    return make


def refused(exc_info: Any) -> tuple[str, str]:
    return exc_info.value.code, exc_info.value.message
