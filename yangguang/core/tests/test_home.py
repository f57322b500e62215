"""Each role signs in and sees its own home page."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import PASSWORD

HOME_TITLES = {
    "officer": "执法人员工作台",
    "unit_head": "承办机构负责人工作台",
    "reviewer": "法制审核工作台",
    "agency_head": "机关负责人工作台",
    "supervisor": "执法监督工作台",
    "system_admin": "系统管理工作台",
    "security_admin": "安全管理工作台",
    "audit_admin": "安全审计工作台",
}


@pytest.mark.parametrize(
    "persona",
    ["officer", "unit_head", "reviewer", "agency_head", "supervisor", "admin_user", "security_admin", "audit_admin"],
)
def test_each_role_sees_its_home_page(client: Any, request: pytest.FixtureRequest, persona: str) -> None:
    user = request.getfixturevalue(persona)
    assert client.login(username=user.username, password=PASSWORD)
    response = client.get("/")
    assert response.status_code == 200
    assert HOME_TITLES[user.role] in response.content.decode()


def test_anonymous_home_redirects_to_login(public: Any, db: Any) -> None:
    response = public.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_supervisor_sees_agencies_of_region_only(client: Any, supervisor: Any, agency: Any) -> None:
    from yangguang.roster.models import Region, RegionLevel
    from yangguang.roster.tests.factories import AgencyFactory

    other = Region.objects.create(code="320100", name="南京市", level=RegionLevel.CITY, path="/320100/")
    AgencyFactory(name="南京市交通运输局", region=other)
    client.login(username="supervisor", password=PASSWORD)
    body = client.get("/").content.decode()
    assert "杭州市市场监督管理局" in body
    assert "南京市交通运输局" not in body


def test_healthz(public: Any, db: Any) -> None:
    assert public.get("/healthz").json()["status"] == "ok"
