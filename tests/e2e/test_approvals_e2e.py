"""End to end in Chromium: approvals (审批) from the to-do centre. The officer submits the filing of
a case; the unit head sees the count in the top bar, opens the approval from his to-do centre and
returns it with a reason; the officer sees the return in his to-do centre and submits again; the unit
head approves it and the case is filed with the approval on the timeline. While away, the unit head
delegates his approvals for dated days; the deputy approves under the delegation."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from yangguang.cases.models import Case
from yangguang.cases.services import create_case
from yangguang.core.validators import make_uscc
from yangguang.roster.models import ActionKind
from yangguang.roster.tests.factories import EnforcementItemFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _case(officer: Any, officer2: Any, title: str) -> Case:
    today = timezone.localdate()
    item: Any = EnforcementItemFactory(agency=officer.agency, name="对销售过期食品的行政处罚", kind=ActionKind.PENALTY)
    return create_case(
        actor=officer,
        kind="penalty_ordinary",
        title=title,
        parties=[
            {
                "kind": "organization",
                "name": "杭州某某食品有限公司",
                "id_number": make_uscc(770_001),
                "legal_representative": "王五",
                "address": "杭州市西湖区文三路1号",
            }
        ],
        officers=[officer2.officer],
        item=item,
        source="complaint",
        facts="当事人销售超过保质期的食品。",
        violation_date=today - dt.timedelta(days=10),
        discovery_date=today,
        occurred_on=today,
    )


def _switch(page: Any, login: Any, live_server: Any, user: Any) -> None:
    page.click("text=退出")
    page.wait_for_url(f"{live_server.url}/accounts/login/")
    login(user)


def _submit_filing(page: Any, live_server: Any, case: Case) -> None:
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    box = page.locator("#action-file")
    box.locator("summary").click()
    box.locator("button[type=submit]").click()
    expect(page.locator(".messages")).to_contain_text("已提请立案审批：立案，等待审批")
    expect(page.locator("#pending-approvals")).to_contain_text("立案审批")


def test_unit_head_returns_then_approves_from_the_todo_centre(
    page: Any, live_server: Any, login: Any, officer: Any, officer2: Any, unit_head: Any
) -> None:
    case = _case(officer, officer2, "涉嫌销售过期食品案")
    login(officer)
    _submit_filing(page, live_server, case)

    _switch(page, login, live_server, unit_head)
    expect(page.locator("#todo-count-mine")).to_have_text("1")  # the count in the top bar (htmx)
    page.click("#todo-counts")
    page.locator("#todo-bucket-mine a", has_text="立案审批").click()
    expect(page.locator("#approval-status")).to_have_text("待审批")
    page.click("#return")  # returning needs the reason
    expect(page.locator("#approval-error")).to_have_text("退回须填写理由")
    page.fill("#f-opinion", "请补充投诉举报材料")
    page.click("#return")
    expect(page.locator(".messages")).to_contain_text("已退回：立案审批")

    _switch(page, login, live_server, officer)
    expect(page.locator("#todo-count-mine")).to_have_text("1")
    page.goto(f"{live_server.url}/todo/")
    expect(page.locator("#todo-bucket-mine")).to_contain_text("钱科长退回：请补充投诉举报材料")
    page.locator("#todo-bucket-mine a", has_text="立案审批").click()
    box = page.locator("#action-file")
    box.locator("summary").click()
    page.fill("#f-file-reason", "已补充投诉举报材料")
    box.locator("button[type=submit]").click()
    expect(page.locator(".messages")).to_contain_text("等待审批")

    _switch(page, login, live_server, unit_head)
    page.goto(f"{live_server.url}/todo/")
    page.locator("#todo-bucket-mine a", has_text="立案审批").click()
    expect(page.locator("#approval-summary")).to_contain_text("已补充投诉举报材料")
    page.fill("#f-opinion", "同意立案")
    page.click("#approve")
    expect(page.locator(".messages")).to_contain_text("已批准：立案审批")
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    expect(page.locator("#case-state")).to_have_text("调查取证")
    labels = page.locator("#timeline ol.timeline > li strong").all_inner_texts()
    assert labels == [
        "登记案件线索",
        "提请立案审批：立案",
        "立案审批：退回（立案）",
        "提请立案审批：立案",
        "立案审批：同意（立案）",
        "立案",
    ]
    expect(page.locator('#timeline li[data-action="file"]')).to_contain_text("立案审批：钱科长")
    expect(page.locator("#documents")).to_contain_text("立案审批表")


def test_deputy_approves_under_a_dated_delegation(
    page: Any, live_server: Any, login: Any, officer: Any, officer2: Any, unit_head: Any
) -> None:
    deputy: Any = UserFactory(username="deputy", role="unit_head", agency=unit_head.agency, full_name="李副科长")
    case = _case(officer, officer2, "涉嫌销售过期食品案（委托审批）")
    today = timezone.localdate()

    login(unit_head)
    page.goto(f"{live_server.url}/cases/approvals/")
    page.select_option("#f-delegate", str(deputy.pk))
    page.fill("#f-ends", (today + dt.timedelta(days=2)).isoformat())
    page.fill("#f-dreason", "外出培训")
    page.click("#delegation-form button[type=submit]")
    expect(page.locator(".messages")).to_contain_text("已委托代为审批")
    expect(page.locator("#delegations")).to_contain_text("钱科长 委托 李副科长 代为审批")

    _switch(page, login, live_server, officer)
    _submit_filing(page, live_server, case)

    _switch(page, login, live_server, deputy)
    expect(page.locator("#todo-count-mine")).to_have_text("1")
    page.goto(f"{live_server.url}/todo/")
    page.locator("#todo-bucket-mine a", has_text="立案审批").click()
    page.fill("#f-opinion", "同意")
    page.click("#approve")
    expect(page.locator(".messages")).to_contain_text("已批准：立案审批")
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    expect(page.locator('#timeline li[data-action="file"]')).to_contain_text("立案审批：李副科长（受钱科长委托）")
