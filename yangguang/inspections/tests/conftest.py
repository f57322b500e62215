"""A joint inspection world: the city market regulation bureau (the ``agency`` persona fixture)
leads, the city health commission takes part; restaurants of three risk grades."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest

from yangguang.core.validators import make_uscc
from yangguang.inspections import services
from yangguang.roster.models import ActionKind, InspectionItem, RiskGrade
from yangguang.roster.tests.factories import AgencyFactory, EntityFactory, OfficerFactory, UnitFactory, UserFactory

DAY = dt.date(2026, 3, 2)
GRADES = {RiskGrade.LOW: 60, RiskGrade.MEDIUM: 30, RiskGrade.HIGH: 10}


@dataclass
class Joint:
    market: Any
    health: Any
    health_head: Any
    health_officers: list[Any]
    market_item: Any
    health_item: Any
    restaurants: list[Any]
    shops: list[Any]


@pytest.fixture
def joint(agency: Any, officer: Any, officer2: Any, unit_head: Any, agency_head: Any, city: Any) -> Joint:
    health: Any = AgencyFactory(name="杭州市卫生健康委员会", region=city, power_kinds=[ActionKind.INSPECTION])
    UnitFactory(agency=health, name="卫生监督所")
    health_officers = [OfficerFactory(agency=health, name=n) for n in ("卫监一", "卫监二", "卫监三")]
    for n, o in enumerate(health_officers):
        UserFactory(username=f"health{n}", role="officer", agency=health, officer=o)
    health_head = UserFactory(
        username="healthhead", role="agency_head", agency=health, officer=OfficerFactory(agency=health, name="卫健主任")
    )
    OfficerFactory(agency=agency, name="王检查")  # a third market inspector without a login
    market_item = InspectionItem.objects.create(
        agency=agency, code="SJ-SP-01", name="餐饮服务食品安全检查", ratio_percent=2
    )
    health_item = InspectionItem.objects.create(agency=health, code="SJ-WS-01", name="公共场所卫生检查")
    restaurants = []
    n = 0
    for grade, count in GRADES.items():
        for _ in range(count):
            n += 1
            restaurants.append(
                EntityFactory(
                    name=f"杭州好味餐饮有限公司{n}",
                    uscc=make_uscc(700_000 + n),
                    industry="餐饮服务",
                    risk_grade=grade,
                    region=city,
                )
            )
    shops = [EntityFactory(name=f"杭州五金商店{i}", industry="零售", region=city) for i in range(5)]
    return Joint(agency, health, health_head, health_officers, market_item, health_item, restaurants, shops)


def make_plan(joint: Joint, actor: Any, **kw: Any) -> Any:
    args: dict[str, Any] = {
        "actor": actor,
        "title": "2026年度餐饮单位联合双随机抽查",
        "year": 2026,
        "items": [joint.market_item, joint.health_item],
        "participants": [joint.health],
        "industries": ["餐饮服务"],
        "period_start": DAY,
        "period_end": dt.date(2026, 6, 30),
        "quotas": {"low": {"ratio": "0.02"}, "medium": {"ratio": "0.1"}, "high": {"ratio": "0.3"}},
        "per_agency": 1,
    }
    args.update(kw)
    return services.create_plan(**args)


def published_plan(joint: Joint, unit_head: Any, agency_head: Any, **kw: Any) -> Any:
    plan = make_plan(joint, unit_head, **kw)
    services.approve_plan(plan=plan, actor=agency_head)
    return services.publish_plan(plan=plan, actor=unit_head)
