"""The cases app's access rules with personas: who reads a case (own and other agency, secret
case, region), scope agreeing with allows, and the certificate rule (持证上岗) on registration, on
being made a handler and on every workflow step, judged on the act's date."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from yangguang.access import policy
from yangguang.access.errors import AccessDenied
from yangguang.cases.models import Case
from yangguang.roster.models import CertificateStatus
from yangguang.roster.tests.factories import AgencyFactory, OfficerFactory, UnitFactory, UserFactory

D = dt.date


@pytest.fixture
def world(agency: Any, justice_bureau: Any, new_case: Any, officer: Any, officer2: Any) -> dict[str, Any]:
    """Two agencies, a district supervisor, an ordinary and a secret case of the city agency."""
    from yangguang.roster.models import Region

    district = Region.objects.create(code="330106", name="西湖区", level="county", path="/330000/330100/330106/")
    other_agency = AgencyFactory(name="西湖区市场监督管理局", region=district)
    district_bureau = AgencyFactory(name="西湖区司法局", region=district, is_supervisor=True, power_kinds=[])
    other_unit = UnitFactory(agency=agency, name="网络监管处")
    users = {
        "officer": officer,
        "officer2": officer2,
        "bystander": UserFactory(
            username="bystander", role="officer", agency=agency, officer=OfficerFactory(agency=agency)
        ),
        "unit_head": UserFactory(
            username="uh",
            role="unit_head",
            agency=agency,
            officer=OfficerFactory(agency=agency, unit=officer.officer.unit),
        ),
        "other_unit_head": UserFactory(
            username="uh2", role="unit_head", agency=agency, officer=OfficerFactory(agency=agency, unit=other_unit)
        ),
        "reviewer": UserFactory(username="rv", role="reviewer", agency=agency, officer=OfficerFactory(agency=agency)),
        "agency_head": UserFactory(
            username="ah", role="agency_head", agency=agency, officer=OfficerFactory(agency=agency)
        ),
        "supervisor": UserFactory(username="sv", role="supervisor", agency=justice_bureau),
        "district_supervisor": UserFactory(username="dsv", role="supervisor", agency=district_bureau),
        "other_agency_head": UserFactory(
            username="oah", role="agency_head", agency=other_agency, officer=OfficerFactory(agency=other_agency)
        ),
        "system_admin": UserFactory(username="adm", role="system_admin", is_staff=True),
        "security_admin": UserFactory(username="sec", role="security_admin", agency=justice_bureau, is_staff=True),
        "audit_admin": UserFactory(username="aud", role="audit_admin"),
    }
    return {"users": users, "plain": new_case(), "secret": new_case(is_secret=True)}


VIEW = {
    # user: (plain case, secret case)
    "officer": (True, True),
    "officer2": (True, True),
    "bystander": (False, False),
    "unit_head": (True, True),
    "other_unit_head": (True, False),
    "reviewer": (True, False),
    "agency_head": (True, True),
    "supervisor": (True, False),
    "district_supervisor": (False, False),
    "other_agency_head": (False, False),
    "system_admin": (False, False),
    "security_admin": (False, False),
    "audit_admin": (False, False),
}


def test_who_reads_a_case_and_scope_agrees(world: dict[str, Any]) -> None:
    for name, user in world["users"].items():
        got = tuple(policy.allows(user, "case.view", world[k]) for k in ("plain", "secret"))
        assert got == VIEW[name], name
        listed = set(policy.scope(user, "case.view", Case.objects.all()).values_list("pk", flat=True))
        assert listed == {world[k].pk for k, ok in zip(("plain", "secret"), got, strict=True) if ok}, name


def test_secret_case_refusal_names_the_rule(world: dict[str, Any]) -> None:
    decision = policy.explain(world["users"]["reviewer"], "case.view", world["secret"])
    assert decision.reason == "涉密案件仅限本案承办人员、承办机构负责人和机关负责人查看"


def test_an_expired_officer_registers_no_case(new_case: Any, officer: Any) -> None:
    o = officer.officer
    o.cert_valid_until = D(2026, 4, 30)
    o.save()
    with pytest.raises(AccessDenied) as exc:
        new_case(on=D(2026, 5, 1))
    assert exc.value.message == (
        "持证上岗：执法证在 2026-05-01 已过期（有效期至 2026-04-30），不得从事执法活动（《行政处罚法》第五十五条）"
    )
    # judged on the act's date: a registration recorded for a day the certificate was valid passes
    assert new_case(on=D(2026, 4, 30)).pk


def test_an_expired_officer_is_made_no_handler(new_case: Any, officer2: Any) -> None:
    o2 = officer2.officer
    o2.cert_status = CertificateStatus.SUSPENDED
    o2.save()
    with pytest.raises(AccessDenied) as exc:
        new_case(on=D(2026, 3, 2))
    assert exc.value.message == (
        "持证上岗：执法人员赵强的执法证在 2026-03-02 处于暂扣期间，不得承办案件（《行政处罚法》第四十二条、第五十五条）"
    )


def test_workflow_step_on_an_expired_certificate(new_case: Any, step: Any, officer: Any) -> None:
    case = new_case(on=D(2026, 3, 2))
    o = officer.officer
    o.cert_valid_until = D(2026, 3, 2)
    o.save()
    with pytest.raises(AccessDenied) as exc:
        step(case, "file", officer, D(2026, 3, 3))
    assert exc.value.rule == "certificate"
    assert exc.value.message.startswith("持证上岗：执法证在 2026-03-03 已过期")


def test_the_assigned_reviewer_reads_a_secret_case(world: dict[str, Any]) -> None:
    from yangguang.review.models import ReviewRequest

    reviewer, secret = world["users"]["reviewer"], world["secret"]
    assert not policy.allows(reviewer, "case.view", secret)
    ReviewRequest.objects.create(
        case=secret,
        agency=secret.agency,
        reviewer=reviewer.officer,
        submitted_by=secret.created_by,
        submitted_on=D(2026, 3, 2),
    )
    assert policy.allows(reviewer, "case.view", secret)
    assert secret in policy.scope(reviewer, "case.view", Case.objects.all())
