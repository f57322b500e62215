"""End to end in Chromium: each role signs in through the real login page and sees its home page;
a wrong password gets a Chinese error; password change and logout work."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

HOMES = {
    "officer": "执法人员工作台",
    "unit_head": "承办机构负责人工作台",
    "reviewer": "法制审核工作台",
    "agency_head": "机关负责人工作台",
    "supervisor": "执法监督工作台",
    "admin_user": "系统管理工作台",
    "security_admin": "安全管理工作台",
    "audit_admin": "安全审计工作台",
}


def test_every_role_logs_in_and_sees_its_home(
    request: pytest.FixtureRequest, page: Any, live_server: Any, login: Any
) -> None:
    users = {name: request.getfixturevalue(name) for name in HOMES}
    for name, title in HOMES.items():
        login(users[name])
        assert page.locator("h1").first.inner_text() == title
        page.click("text=退出")
        page.wait_for_url(f"{live_server.url}/accounts/login/")


def test_wrong_password_is_refused_in_chinese(page: Any, live_server: Any, officer: Any) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", officer.username)
    page.fill("#id_password", "wrong-password")
    page.click("button[type=submit]")
    assert page.locator(".error-box").inner_text() == "用户名或密码不正确，请重新输入。"


def test_officer_changes_password(page: Any, live_server: Any, login: Any, officer: Any) -> None:
    login(officer)
    page.click("text=修改密码")
    page.fill("#id_old_password", PASSWORD)
    page.fill("#id_new_password1", "Zhifa-Xin-2026!")
    page.fill("#id_new_password2", "Zhifa-Xin-2026!")
    page.click("main button[type=submit]")
    assert page.locator("h1").inner_text() == "密码已修改"
    officer.refresh_from_db()
    assert officer.check_password("Zhifa-Xin-2026!")


def test_supervisor_home_shows_region_agencies_and_chart(
    page: Any, live_server: Any, login: Any, supervisor: Any, agency: Any
) -> None:
    login(supervisor)
    assert page.locator("table").inner_text().count("杭州市市场监督管理局") == 1
    # The ECharts bar chart renders from the vendored script (no internet here).
    page.wait_for_selector("#holding-chart canvas")


def test_phone_layout_has_menu_toggle(browser: Any, live_server: Any, officer: Any) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    pg = context.new_page()
    pg.goto(f"{live_server.url}/accounts/login/")
    pg.fill("#id_username", officer.username)
    pg.fill("#id_password", PASSWORD)
    pg.click("button[type=submit]")
    pg.wait_for_url(f"{live_server.url}/")
    assert not pg.locator(".mainnav").is_visible()
    pg.click(".nav-toggle")
    assert pg.locator(".mainnav").is_visible()
    context.close()
