"""Fixtures of the supervision tests: records as the warning models read them, made directly (the
models judge what is recorded, however it got there), a county below the city, and an agency of
another city outside the bureau's scope."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from typing import Any

import pytest

from yangguang.cases.models import Case, Party, Step
from yangguang.core.validators import make_uscc
from yangguang.publicity.models import Publication, PublicationStatus, SourceKind
from yangguang.roster.models import Region, RegionLevel

D = dt.date
TODAY = D(2026, 12, 1)
_serial = itertools.count(1)


@pytest.fixture
def county(city: Any) -> Any:
    region, _ = Region.objects.get_or_create(
        code="330106",
        defaults={"name": "西湖区", "level": RegionLevel.COUNTY, "parent": city, "path": "/330000/330100/330106/"},
    )
    return region


@pytest.fixture
def other_city_agency(db: Any) -> Any:
    from yangguang.roster.tests.factories import AgencyFactory

    province = Region.objects.get(code="330000")
    ningbo, _ = Region.objects.get_or_create(
        code="330200",
        defaults={"name": "宁波市", "level": RegionLevel.CITY, "parent": province, "path": "/330000/330200/"},
    )
    return AgencyFactory(name="宁波市市场监督管理局", region=ningbo)


def make_case(
    agency: Any, user: Any, *, kind: str = "penalty_ordinary", state: str = "investigating", **kw: Any
) -> Case:
    n = next(_serial)
    kw.setdefault("registered_on", D(2026, 6, 1))
    kw.setdefault("region", agency.region)
    return Case.objects.create(
        agency=agency,
        kind=kind,
        number=f"测罚案〔2026〕{n}号",
        year=2026,
        serial=n,
        state=state,
        title=f"测试案件{n}",
        created_by=user,
        **kw,
    )


def add_step(case: Case, action: str, *, on: dt.date, actor: Any = None, **data: Any) -> Step:
    seq = case.steps.count() + 1
    return Step.objects.create(
        case=case, seq=seq, action=action, label=action, actor=actor, actor_name="测试", occurred_on=on, data=data
    )


def add_party(case: Case, n: int, name: str = "杭州某某食品有限公司") -> Party:
    return Party.objects.create(
        case=case, kind="organization", name=name, id_number=make_uscc(800_000 + n), legal_representative="王五"
    )


def make_publication(case: Case, *, due: dt.date, status: str = PublicationStatus.PUBLISHED, **kw: Any) -> Publication:
    kw.setdefault("decided_on", due - dt.timedelta(days=9))
    return Publication.objects.create(
        source_kind=SourceKind.CASE_DECISION,
        source_id=case.pk,
        case=case,
        agency=case.agency,
        region=case.region,
        region_path=case.region.path,
        action_kind="penalty",
        number=case.number,
        title=case.title,
        due_on=due,
        status=status,
        original_text="决定书",
        redacted_text="决定书",
        **kw,
    )


def money(value: str) -> Decimal:
    return Decimal(value)


@pytest.fixture
def item(agency: Any) -> Any:
    from yangguang.roster.models import ActionKind
    from yangguang.roster.tests.factories import EnforcementItemFactory

    return EnforcementItemFactory(agency=agency, name="对销售过期食品的行政处罚", kind=ActionKind.PENALTY)
