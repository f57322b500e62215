"""End to end in Chromium: a 60,000-yuan fine against a company is flagged major (the case page says
why) and outside the discretion benchmark's range; a direct decision is refused before the review
passes; the case is submitted, returned with problems, fixed, resubmitted (the reviewer sees what
changed), passed, then decided."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from yangguang.cases.demo import approved
from yangguang.cases.models import Case
from yangguang.cases.services import case_transition, create_case
from yangguang.core.validators import make_uscc

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

REFUSED = "重大执法决定未经法制审核或者审核未通过的，不得作出决定（《行政处罚法》第五十八条）"
BASIS = "《企业信息公示暂行条例》第十八条"


def _open(page: Any, action: str) -> Any:
    box = page.locator(f"#action-{action}")
    if box.get_attribute("open") is None:
        box.locator("summary").click()
    return box


def _submit(page: Any, action: str) -> None:
    page.locator(f"#action-{action} button[type=submit]").click()


def _done(page: Any, label: str) -> None:
    expect(page.locator(".messages")).to_contain_text(f"已完成：{label}")


def _switch(page: Any, login: Any, live_server: Any, user: Any) -> None:
    page.click("text=退出")
    page.wait_for_url(f"{live_server.url}/accounts/login/")
    login(user)


def _answer_checks(page: Any, problem: int = 0) -> None:
    """Nothing is pre-selected: the reviewer answers each of the nine checks."""
    for n in range(1, 10):
        page.check(f"#check-{n} input[value={'problem' if n == problem else 'ok'}]")


def _propose(page: Any, fine: str, reason: str = "") -> None:
    _open(page, "propose")
    page.check("#action-propose input[name=penalty_types][value=fine]")
    page.fill("#f-propose-fine", fine)
    page.select_option("#f-propose-level", "severe")
    page.fill("#f-propose-outside_reason", reason)
    _submit(page, "propose")


def _submit_review(page: Any, action: str, **fields: str) -> None:
    _open(page, action)
    page.check(f"#f-{action}-truth_statement")
    for name, value in fields.items():
        page.fill(f"#f-{action}-{name}", value)
    _submit(page, action)


def test_major_fine_is_reviewed_before_the_decision(
    page: Any, live_server: Any, login: Any, officer: Any, officer2: Any, reviewer: Any, agency_head: Any, agency: Any
) -> None:
    from yangguang.discretion.tests.helpers import import_standard

    _bench, item = import_standard(agency, agency_head, publish=True)
    rev_officer = reviewer.officer
    rev_officer.unit = agency.units.get(is_review_unit=True)
    rev_officer.save()
    d0 = timezone.localdate() - dt.timedelta(days=20)
    case = create_case(
        actor=officer,
        kind="penalty_ordinary",
        title="未按规定公示年度报告案",
        parties=[
            {
                "kind": "organization",
                "name": "杭州某某贸易有限公司",
                "id_number": make_uscc(818_001),
                "legal_representative": "王五",
                "address": "杭州市西湖区文三路1号",
            }
        ],
        officers=[officer2.officer],
        item=item,
        facts="当事人未按规定公示2025年度报告，经责令仍未改正。",
        violation_date=d0 - dt.timedelta(days=30),
        discovery_date=d0,
        occurred_on=d0,
    )
    for action, data in (
        ("file", {}),
        ("evidence", {"name": "企业信用信息公示系统截图"}),
        (
            "end_investigation",
            {"violated_provisions": "《企业信息公示暂行条例》第八条", "legal_basis": BASIS, "report": "建议罚款"},
        ),
    ):
        approved(case_transition(case=case, action=action, actor=officer, data=data, occurred_on=d0))
    url = f"{live_server.url}/cases/{case.pk}/"

    # The officer proposes 60,000 yuan: outside the benchmark's 严重 range, so a written reason is needed.
    login(officer)
    page.goto(url)
    expect(page.locator("#major-badge")).to_contain_text("尚未拟定处罚意见")
    _propose(page, "60000")
    expect(page.locator("#action-propose .error-box")).to_have_text("拟处罚超出裁量基准范围，须书面说明理由")
    page.fill("#f-propose-outside_reason", "当事人经责令仍拒不改正，情节特别严重")
    _submit(page, "propose")
    _done(page, "拟定处罚意见")
    expect(page.locator("#major-badge")).to_have_text("重大执法决定：作出决定前须经法制审核")
    expect(page.locator("#major-reasons")).to_contain_text("对法人或者其他组织处以5万元以上罚款（拟罚款60000元）")
    expect(page.locator("#discretion-range")).to_have_text("20000元至50000元")
    expect(page.locator("#discretion-outside")).to_be_visible()

    # Notice of the proposed penalty; the party waives the statement.
    _open(page, "issue_notice")
    page.check("#action-issue_notice input[name=penalty_types][value=fine]")
    page.fill("#f-issue_notice-fine", "60000")
    _submit(page, "issue_notice")
    _done(page, "告知拟处罚及权利")
    _open(page, "waive_statement")
    page.fill("#f-waive_statement-content", "当事人书面放弃陈述申辩")
    _submit(page, "waive_statement")
    _done(page, "当事人放弃陈述申辩")

    # The agency head tries to decide directly: refused before the review passes.
    _switch(page, login, live_server, agency_head)
    page.goto(url)
    _open(page, "decide")
    page.select_option("#f-decide-decision_type", "penalty")
    page.check("#action-decide input[name=penalty_types][value=fine]")
    page.fill("#f-decide-fine", "60000")
    page.fill("#f-decide-reasons", "依法处罚")
    _submit(page, "decide")
    page.click("#confirm")  # 作出决定 is irreversible: the summary is confirmed first
    expect(page.locator("#action-decide .error-box")).to_have_text(REFUSED)
    expect(page.locator("#case-state")).to_have_text("告知·陈述申辩·听证")

    # The officer submits the case for review, answering for the materials.
    _switch(page, login, live_server, officer)
    page.goto(url)
    _submit_review(page, "submit_review", note="请审核")
    _done(page, "提交法制审核")
    expect(page.locator("#case-state")).to_have_text("法制审核")

    # The reviewer takes it from the queue and returns it: item 6 is flagged (outside the range).
    _switch(page, login, live_server, reviewer)
    page.goto(f"{live_server.url}/review/")
    page.locator("#unassigned a", has_text=case.number).click()
    expect(page.locator("#materials")).to_contain_text("罚款；罚款60000元")
    expect(page.locator("#materials")).to_contain_text("企业信用信息公示系统截图")
    page.select_option("#f-reviewer", str(rev_officer.pk))
    page.locator("#assign button[type=submit]").click()
    expect(page.locator("#review-status")).to_have_text("审核中")
    expect(page.locator("#check-6-flag")).to_be_visible()
    _answer_checks(page, problem=6)
    page.fill("#check-6 textarea", "罚款超出裁量基准「严重」情形上限50000元，理由不足以支持突破基准")
    page.select_option("#f-opinion", "problems")
    page.fill("#f-text", "请在裁量基准幅度内重新拟定罚款金额")
    page.locator("#opinion-form button[type=submit]").click()
    expect(page.locator("#review-status")).to_have_text("退回补正")
    expect(page.locator("#round-1")).to_contain_text("法制审核意见书")

    # The unit fixes the proposal and resubmits.
    _switch(page, login, live_server, officer)
    page.goto(url)
    expect(page.locator("#review-state")).to_have_text("退回补正")
    _propose(page, "50000")
    _done(page, "拟定处罚意见")
    expect(page.locator("#discretion-panel")).to_contain_text("在裁量基准范围内")
    _submit_review(page, "resubmit_review", changes="罚款调整为50000元")
    _done(page, "重新提交法制审核")

    # The reviewer sees what changed and passes the review.
    _switch(page, login, live_server, reviewer)
    page.goto(f"{live_server.url}/review/")
    page.locator("#mine a", has_text=case.number).click()
    expect(page.locator("#changes tr[data-key=proposal]")).to_contain_text("罚款；罚款60000元")
    expect(page.locator("#changes tr[data-key=proposal]")).to_contain_text("罚款；罚款50000元")
    _answer_checks(page)
    page.fill("#f-text", "事实清楚，证据确凿，适用依据正确，程序合法，裁量适当，同意")
    page.locator("#opinion-form button[type=submit]").click()
    expect(page.locator("#review-status")).to_have_text("审核通过")

    # The agency head decides.
    _switch(page, login, live_server, agency_head)
    page.goto(url)
    expect(page.locator("#review-state")).to_have_text("审核通过")
    _open(page, "decide")
    page.select_option("#f-decide-decision_type", "penalty")
    page.check("#action-decide input[name=penalty_types][value=fine]")
    page.fill("#f-decide-fine", "50000")
    page.fill("#f-decide-reasons", "依据《企业信息公示暂行条例》第十八条，罚款50000元")
    _submit(page, "decide")
    expect(page.locator("#confirm-summary")).to_contain_text("50000")
    page.click("#confirm")
    _done(page, "作出决定")
    expect(page.locator("#case-state")).to_have_text("已决定")
    case.refresh_from_db()
    assert case.fine_amount == 50000
    assert list(Case.objects.get(pk=case.pk).review_requests.get().rounds.values_list("opinion", flat=True)) == [
        "problems",
        "agree",
    ]
