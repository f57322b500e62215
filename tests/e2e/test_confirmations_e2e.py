"""End to end in Chromium: confirmations before irreversible acts, with the deadline warnings of the
moment of acting. The agency head publishes last year's annual report after the region's January
deadline: a confirmation page summarises the figures and warns that the deadline has passed; only
the confirmation publishes it. (作出决定 is confirmed in test_case_penalty_e2e and test_review_e2e,
撤销 in publicity's test_revocation_withdraws_public_decision_e2e, the approvals in
test_approvals_e2e.)"""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from yangguang.publicity.models import AnnualReport
from yangguang.publicity.reports import deadline_for

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_late_annual_report_is_published_only_after_the_warning(
    page: Any, live_server: Any, login: Any, agency_head: Any
) -> None:
    today = timezone.localdate()
    year = today.year - 1
    deadline = deadline_for(agency_head.agency.region, year)
    login(agency_head)
    page.goto(f"{live_server.url}/public/manage/reports/?year={year}")
    page.locator("form[action$='/manage/reports/publish/'] button[type=submit]").click()
    expect(page.locator("h1")).to_have_text(f"确认：发布{year}年度统计年报")
    expect(page.locator("#confirm-summary")).to_contain_text(agency_head.agency.name)
    if today > deadline:
        expect(page.locator("#confirm-warnings")).to_contain_text(
            f"{year}年度统计年报的发布期限（{deadline.year}年{deadline.month}月{deadline.day}日，本区划设置）已过，"
            f"已逾期{(today - deadline).days}日"
        )
    assert not AnnualReport.objects.filter(agency=agency_head.agency, year=year).exists()
    page.click("#confirm")
    expect(page.locator(".messages")).to_contain_text("统计年报已发布")
    report = AnnualReport.objects.get(agency=agency_head.agency, year=year)
    assert report.published_on == today and report.deadline == deadline
