"""Registering a case refuses what does not belong to it, each with its Chinese message: an item of
another agency or category, a handler of another agency, no handler, dates after the registration
or a discovery before the violation."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from yangguang.cases.services import create_case
from yangguang.cases.tests.conftest import company
from yangguang.core.errors import DomainError
from yangguang.roster.models import ActionKind
from yangguang.roster.tests.factories import AgencyFactory, EnforcementItemFactory, OfficerFactory

pytestmark = pytest.mark.django_db
D = dt.date
ON = D(2026, 3, 2)


def test_registration_refusals(officer: Any, officer2: Any, agency: Any, agency_head: Any, item: Any) -> None:
    def register(**kw: Any) -> Any:
        args: dict[str, Any] = {
            "actor": officer,
            "kind": "penalty_ordinary",
            "title": "涉嫌销售过期食品案",
            "parties": [company()],
            "officers": [officer2.officer],
            "item": item,
            "occurred_on": ON,
            "violation_date": D(2026, 2, 1),
            "discovery_date": ON,
            **kw,
        }
        return create_case(**args)

    def refused(**kw: Any) -> str:
        with pytest.raises(DomainError) as exc:
            register(**kw)
        return exc.value.message

    other = AgencyFactory(name="宁波市市场监督管理局", region=agency.region)
    assert refused(item=EnforcementItemFactory(agency=other)) == "执法事项应为本机关的事项"
    assert (
        refused(item=EnforcementItemFactory(agency=agency, kind=ActionKind.LICENSING)) == "执法事项的类别与案件类别不符"
    )
    assert refused(item=999_999) == "所选执法事项不存在"
    assert refused(officers=[OfficerFactory(agency=other)]) == "承办人员应为本机关的执法人员"
    assert refused(actor=agency_head, officers=[]) == "请至少选择一名承办人员"
    assert refused(violation_date=ON + dt.timedelta(days=1)) == "违法行为发生日期和发现日期不能晚于登记日期"
    assert refused(violation_date=D(2026, 3, 1), discovery_date=D(2026, 2, 1)) == "发现日期不能早于违法行为发生日期"
    case = register()
    assert case.item == item
    assert [link.officer for link in case.case_officers.order_by("-is_lead", "pk")] == [
        officer.officer,
        officer2.officer,
    ]
