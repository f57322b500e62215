"""Data of the public portal tests: a county below the city, a second agency there, officers in
every certificate status, items and a regulated entity whose private data must never show."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from yangguang.roster.models import CertificateStatus, InspectionItem, Region, RegionLevel
from yangguang.roster.tests.factories import (
    AgencyFactory,
    EnforcementItemFactory,
    EntityFactory,
    OfficerFactory,
    UnitFactory,
)

ENTITY_PHONE = "13905710000"
ENTITY_LEGAL_REP = "钱多多"
USERNAME = "portal-secret-login"


@pytest.fixture
def today() -> dt.date:
    return timezone.localdate()


@pytest.fixture
def county(city: Any) -> Region:
    return Region.objects.create(
        code="330106", name="西湖区", level=RegionLevel.COUNTY, parent=city, path=f"{city.path}330106/"
    )


@pytest.fixture
def county_agency(county: Region) -> Any:
    agency = AgencyFactory(
        name="杭州市西湖区综合行政执法局",
        region=county,
        address="杭州市西湖区文三路1号",
        phone="0571-87000000",
        legal_basis="《浙江省综合行政执法条例》",
    )
    UnitFactory(agency=agency, name="执法一中队")
    return agency


@pytest.fixture
def other_region_agency(db: Any) -> Any:
    province, _ = Region.objects.get_or_create(
        code="320000", defaults={"name": "江苏省", "level": RegionLevel.PROVINCE, "path": "/320000/"}
    )
    return AgencyFactory(name="江苏省市场监督管理局", region=province)


@pytest.fixture
def statuses(agency: Any, today: dt.date) -> dict[str, Any]:
    """One officer per certificate status, as of today."""
    unit = agency.units.get(name="执法稽查处")
    return {
        "valid": OfficerFactory(agency=agency, unit=unit, name="王有效", certificate_no="ZJ-VALID-0001"),
        "expired": OfficerFactory(
            agency=agency,
            unit=unit,
            name="陈过期",
            certificate_no="ZJ-LAPSED-0002",
            cert_valid_until=today - dt.timedelta(days=1),
        ),
        "suspended": OfficerFactory(
            agency=agency,
            unit=unit,
            name="刘暂扣",
            certificate_no="ZJ-SUSP-0003",
            cert_status=CertificateStatus.SUSPENDED,
        ),
        "revoked": OfficerFactory(
            agency=agency,
            unit=unit,
            name="黄吊销",
            certificate_no="ZJ-REVOKED-0004",
            cert_status=CertificateStatus.REVOKED,
        ),
    }


@pytest.fixture
def private_data(agency: Any, officer: Any) -> dict[str, str]:
    """Things that exist in the database and must never reach the portal."""
    EntityFactory(name="杭州隐私测试有限公司", phone=ENTITY_PHONE, legal_representative=ENTITY_LEGAL_REP)
    officer.username = USERNAME
    officer.save()
    return {"phone": ENTITY_PHONE, "legal_rep": ENTITY_LEGAL_REP, "username": USERNAME}


@pytest.fixture
def items(agency: Any) -> dict[str, Any]:
    item = EnforcementItemFactory(
        agency=agency,
        code="330217001000",
        name="对未按规定公示年度报告的行政处罚",
        kind="penalty",
        legal_basis="《企业信息公示暂行条例》第十八条",
        accepting_body="执法稽查处",
        approving_body="杭州市市场监督管理局",
        conditions="无",
        preferential_policies="首违不罚",
        materials="立案审批表",
        process="立案、调查、告知、决定、送达、执行",
        time_limit="90日",
        supervision="12345热线",
        accountability="依照《行政执法责任制》追究",
        remedies="行政复议、行政诉讼",
        office_hours="工作日 9:00-17:00",
        address="杭州市解放东路18号",
        phone="0571-85000000",
    )
    inspection = InspectionItem.objects.create(
        agency=agency,
        code="CC-001",
        name="食品生产企业监督检查",
        legal_basis="《食品安全法》第一百一十条",
        targets="食品生产企业",
        content="生产环境、进货查验",
        ratio_percent=5,
        method="现场检查",
        frequency="每年一次",
    )
    return {"item": item, "inspection": inspection}


# --- after action (事后公开) -----------------------------------------------------------------------

PERSON_NAME = "张三"
PERSON_PHONE = "13812345678"
PERSON_ADDRESS = "杭州市西湖区文一路88号"
PERSON_BANK = "6222021234567890128"  # passes Luhn


def person_party(n: int = 7) -> dict[str, Any]:
    from yangguang.core.validators import make_resident_id

    return {
        "kind": "person",
        "name": PERSON_NAME,
        "id_number": make_resident_id("330106", "19800101", n),
        "address": PERSON_ADDRESS,
        "phone": PERSON_PHONE,
        "bank_account": PERSON_BANK,
    }


def org_party(n: int = 3) -> dict[str, Any]:
    from yangguang.core.validators import make_uscc

    return {
        "kind": "organization",
        "name": "杭州阳光食品有限公司",
        "id_number": make_uscc(700_000 + n),
        "address": "杭州市西湖区文三路1号",
        "phone": "0571-88888888",
        "legal_representative": "王五",
    }


@pytest.fixture
def decide(officer: Any, officer2: Any) -> Any:
    """decide(party=..., facts=..., fine=..., on=today, **case_kw) -> a summary-procedure penalty
    decided on the spot by ``officer`` (its publication is created in the same transaction)."""
    from yangguang.cases.services import case_transition, create_case

    def make(
        party: dict[str, Any] | None = None,
        *,
        facts: str = "当事人在人行道上占道经营，经劝阻未改正。",
        fine: str = "50",
        on: dt.date | None = None,
        types: list[str] | None = None,
        **case_kw: Any,
    ) -> Any:
        on = on or timezone.localdate()
        case_kw.setdefault("violation_date", on)
        case_kw.setdefault("discovery_date", on)
        case_kw.setdefault("title", "占道经营案")
        case = create_case(
            actor=officer,
            kind="penalty_summary",
            parties=[party or person_party()],
            officers=[officer2.officer],
            occurred_on=on,
            **case_kw,
        )
        case_transition(
            case=case,
            action="decide_on_spot",
            actor=officer,
            occurred_on=on,
            data={
                "penalty_types": types or ["fine"],
                "fine": fine,
                "occurred_at": f"{on.isoformat()}T09:00",
                "place": "文一路口",
                "facts": facts,
                "violated_provisions": "《杭州市城市市容和环境卫生管理条例》第十条",
                "legal_basis": "《杭州市城市市容和环境卫生管理条例》第五十条",
            },
        )
        case.refresh_from_db()
        return case

    return make
