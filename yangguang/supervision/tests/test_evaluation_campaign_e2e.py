"""End to end in Chromium (the second and third stories of issue 19's "Done when"): a 案卷评查 plan
draws 10 closed cases, two evaluators score one file and the report shows the grades; a campaign
like seed 003 collects two agencies' self-inspection reports and problem lists and tracks one
problem to closure."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from yangguang.cases.models import CaseOfficer
from yangguang.roster.tests.factories import AgencyFactory, OfficerFactory, UserFactory

from .conftest import D, make_case

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _score(page: Any, url: str, s1: str) -> None:
    page.goto(url)
    page.fill("input[name=p_F3]", "5")
    page.fill("input[name=p_S1]", s1)
    page.fill("input[name=p_S2]", "15")
    page.fill("input[name=p_S3]", "10")
    page.click("#score-form button[type=submit]")
    assert "已保存评分" in page.locator(".messages").inner_text()


def test_evaluation_two_evaluators_and_campaign_to_closure(
    page: Any,
    live_server: Any,
    login: Any,
    agency: Any,
    officer: Any,
    supervisor: Any,
    agency_head: Any,
    justice_bureau: Any,
) -> None:
    for _ in range(12):
        case = make_case(
            agency, officer, state="closed", filed_on=D(2026, 3, 2), notice_on=D(2026, 3, 20),
            decided_on=D(2026, 4, 1), served_on=D(2026, 4, 2), closed_on=D(2026, 6, 1),
        )  # fmt: skip
        for _ in range(2):
            handler: Any = OfficerFactory(agency=agency)
            CaseOfficer.objects.create(case=case, officer=handler, added_on=D(2026, 3, 2))
    second_evaluator: Any = UserFactory(username="supervisor2", role="supervisor", agency=justice_bureau)
    other: Any = AgencyFactory(name="杭州市城市管理局", region=agency.region)
    other_head: Any = UserFactory(username="cghead", role="agency_head", agency=other)

    login(supervisor)
    page.goto(f"{live_server.url}/supervision/evaluations/")
    page.fill("#e-name", "2026年行政处罚案卷评查")
    page.fill("#e-size", "10")
    page.fill("#e-from", "2026-01-01")
    page.fill("#e-until", "2026-12-31")
    page.click("#new-plan button[type=submit]")
    assert "已抽取10件案卷" in page.locator(".messages").inner_text()
    plan_url = page.url
    assert page.locator("#files tbody tr").count() == 10
    _score(page, f"{plan_url}files/1/", "25")
    page.click("text=退出")
    login(second_evaluator)
    _score(page, f"{plan_url}files/1/", "20")
    row = page.locator("#files tr[data-rank='1']")
    assert "相差5分" in row.locator(".agreement").inner_text()
    assert row.locator(".final").inner_text() == "77.5分 合格"
    report = page.locator("#report").inner_text()
    assert agency.name in report and "77.5" in report

    # the campaign
    page.goto(f"{live_server.url}/supervision/campaigns/")
    page.fill("#c-title", "落实“三项制度”专项活动")
    page.fill("#c-tasks", "逐条对照三项制度自查，建立问题清单，明确整改时限。")
    page.fill("#c-due", (timezone.localdate() + dt.timedelta(days=30)).isoformat())
    page.click("#new-campaign button[type=submit]")
    campaign_url = page.url
    page.click("text=退出")
    due = (timezone.localdate() + dt.timedelta(days=20)).isoformat()
    for head, text in ((agency_head, "执法决定公开不及时"), (other_head, "执法人员清单未更新")):
        login(head)
        page.goto(campaign_url)
        page.fill(".report-form textarea", "已对照任务逐条自查。")
        page.click(".report-form button[type=submit]")
        page.select_option(".problem-form select", "publicity")
        page.fill(".problem-form textarea[name=description]", text)
        page.fill(".problem-form textarea[name=measure]", "建立台账，每周检查")
        page.fill(".problem-form input[name=owner]", "法规科")
        page.fill(".problem-form input[name=due_on]", due)
        page.click(".problem-form button[type=submit]")
        assert "已列入问题清单" in page.locator(".messages").inner_text()
        if head is agency_head:
            page.fill(".progress-form textarea", "台账已建立")
            page.click(".progress-form button[type=submit]")
            assert "已报送整改情况" in page.locator(".messages").inner_text()
        page.click("text=退出")
    login(supervisor)
    page.goto(campaign_url)
    page.click(".decide-form button[value=accept]")
    assert "已验收" in page.locator(".messages").inner_text()
    closure = page.locator("#closure").inner_text()
    assert "问题2个，已销号1个" in closure and "整改完成率 50.0%" in closure
    assert "执法公示" in page.locator("#repeats").inner_text()
