"""End to end in Chromium: an officer files a penalty case against a company, records the
investigation, issues the notice of rights; the agency head decides after the statement period;
the officer serves, records the payment and closes the case. Illegal shortcuts are refused on the
page with the exact Chinese reason; the timeline shows every step; the ledger verifies."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from yangguang.cases.guards import fmt
from yangguang.cases.models import Case
from yangguang.core.validators import make_uscc
from yangguang.ledger.tests.tampering import record_logins
from yangguang.roster.models import ActionKind
from yangguang.roster.tests.factories import EnforcementItemFactory, EntityFactory
from yangguang.workdays.selectors import add_working_days

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _act(page: Any, action: str, occurred_on: dt.date, **fields: str) -> None:
    """Open the action's form on the case page, fill it and submit."""
    box = page.locator(f"#action-{action}")
    if box.get_attribute("open") is None:
        box.locator("summary").click()
    for name, value in fields.items():
        page.fill(f"#f-{action}-{name}", value)
    page.fill(f"#f-{action}-occurred_on", occurred_on.isoformat())
    box.locator("button[type=submit]").click()


def _switch(page: Any, login: Any, live_server: Any, user: Any) -> None:
    page.click("text=退出")
    page.wait_for_url(f"{live_server.url}/accounts/login/")
    login(user)


def _done(page: Any, label: str) -> None:
    expect(page.locator(".messages")).to_contain_text(f"已完成：{label}")


def _refused(page: Any, action: str, message: str) -> None:
    expect(page.locator(f"#action-{action} .error-box")).to_have_text(message)


def test_officer_handles_a_penalty_case_to_the_end(
    page: Any, live_server: Any, login: Any, officer: Any, officer2: Any, agency_head: Any
) -> None:
    item: Any = EnforcementItemFactory(agency=officer.agency, name="对销售过期食品的行政处罚", kind=ActionKind.PENALTY)
    uscc = make_uscc(777_001)
    entity: Any = EntityFactory(
        name="杭州某某食品有限公司", uscc=uscc, legal_representative="王五", address="杭州市西湖区文三路1号"
    )
    today = timezone.localdate()
    d0 = today - dt.timedelta(days=60)  # the steps are recorded with the days they happened
    notice_day = d0 + dt.timedelta(days=3)
    statement_due = add_working_days(notice_day, 5).due
    decide_day = statement_due + dt.timedelta(days=1)
    serve_day = decide_day + dt.timedelta(days=1)

    # The officer registers the case against a company.
    login(officer)
    page.goto(f"{live_server.url}/cases/new/")
    page.select_option("#id_kind", "penalty_ordinary")
    page.fill("#id_title", "涉嫌销售过期食品案")
    page.select_option("#id_item", str(item.pk))
    page.select_option("#id_source", "complaint")
    # the company is picked from the entity directory (enter once)
    page.fill("#entity-search", "某某食品")
    page.dispatch_event("#entity-search", "search")
    page.click(f"#entity-choices button[data-uscc='{uscc}']")
    expect(page.locator("#id_party_id_number")).to_have_value(uscc)
    expect(page.locator("#id_party_legal_representative")).to_have_value("王五")
    page.fill("#id_facts", "当事人在其经营场所销售超过保质期的预包装食品。")
    page.fill("#id_violation_date", (d0 - dt.timedelta(days=5)).isoformat())
    page.fill("#id_discovery_date", d0.isoformat())
    page.fill("#id_occurred_on", d0.isoformat())
    page.click("#new-case-form button[type=submit]")
    expect(page.locator("#case-state")).to_have_text("线索登记")
    case = Case.objects.get()
    assert page.locator("#case-number").inner_text() == case.number
    assert case.parties.get().entity == entity

    # Shortcut 1: filing with a single officer is refused (Art. 42).
    _act(page, "file", d0)
    _refused(page, "file", "立案需至少两名持有效执法证的执法人员承办（《行政处罚法》第四十二条）")
    expect(page.locator("#case-state")).to_have_text("线索登记")
    box = page.locator("#action-add_officer")
    box.locator("summary").click()
    page.select_option("#f-add_officer-officer", str(officer2.officer.pk))
    page.fill("#f-add_officer-occurred_on", d0.isoformat())
    box.locator("button[type=submit]").click()
    _done(page, "增加承办人员")
    _act(page, "file", d0)
    expect(page.locator(".messages")).to_contain_text("已提请立案审批：立案，等待审批")
    expect(page.locator("#case-state")).to_have_text("线索登记")
    # 立案审批: the agency head finds it in his to-do centre and approves it (dated when it happened).
    _switch(page, login, live_server, agency_head)
    page.goto(f"{live_server.url}/todo/")
    page.locator("#todo-bucket-mine a", has_text="立案审批").click()
    expect(page.locator("#approval-summary")).to_contain_text("立案")
    page.fill("#f-opinion", "同意立案")
    page.fill("#f-occurred_on", d0.isoformat())
    page.click("#approve")
    expect(page.locator(".messages")).to_contain_text("已批准：立案审批")
    _switch(page, login, live_server, officer)
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    expect(page.locator("#case-state")).to_have_text("调查取证")

    # Shortcut 2: the investigation cannot end without evidence (Art. 40).
    end_fields = {
        "violated_provisions": "《中华人民共和国食品安全法》第三十四条第（十）项",
        "legal_basis": "《中华人民共和国食品安全法》第一百二十四条",
        "report": "事实清楚，证据确凿，建议罚款",
    }
    _act(page, "end_investigation", d0 + dt.timedelta(days=1), **end_fields)
    _refused(
        page,
        "end_investigation",
        "尚未登记证据，不能调查终结：违法事实不清、证据不足的，不得给予行政处罚（《行政处罚法》第四十条）",
    )
    d1, d2 = d0 + dt.timedelta(days=1), d0 + dt.timedelta(days=2)
    _act(
        page,
        "inspection_record",
        d1,
        place="当事人经营场所",
        started_at=f"{d1}T09:30",
        ended_at=f"{d1}T10:00",
        content="货架上有过期食品12袋",
    )
    _done(page, "现场检查笔录")
    _act(
        page,
        "inquiry_record",
        d2,
        person="王五",
        place="本局询问室",
        started_at=f"{d2}T14:00",
        ended_at=f"{d2}T14:30",
        content="问：货架上的过期食品是否由你销售？\n答：承认销售过期食品",
    )
    _done(page, "询问笔录")
    _act(page, "evidence", d0 + dt.timedelta(days=2), name="现场照片6张")
    _done(page, "证据登记")
    _act(page, "end_investigation", d0 + dt.timedelta(days=2), **end_fields)
    _done(page, "调查终结")

    # Notice of the proposed penalty and of the rights.
    page.locator("#action-issue_notice summary").click()
    page.check("#action-issue_notice input[name=penalty_types][value=fine]")
    _act(page, "issue_notice", notice_day, fine="5000")
    _done(page, "告知拟处罚及权利")
    expect(page.locator("#deadlines")).to_contain_text("陈述申辩、申请听证")
    # the notice was issued as a numbered document, linked from the timeline
    expect(page.locator("#timeline")).to_contain_text("行政处罚事先告知书")

    # Shortcut 3: the agency head may not decide before the statement period ends (Art. 44/45).
    _switch(page, login, live_server, agency_head)
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    decision = {"fine": "5000", "reasons": "当事人销售过期食品，责令改正并罚款"}
    page.locator("#action-decide summary").click()
    page.select_option("#f-decide-decision_type", "penalty")
    page.check("#action-decide input[name=penalty_types][value=fine]")
    _act(page, "decide", notice_day, **decision)
    # 作出决定 cannot be undone: a summary to confirm first (no script; the values are posted again)
    expect(page.locator("#confirm-summary")).to_contain_text("罚款金额（元）")
    expect(page.locator("#confirm-summary")).to_contain_text("5000")
    page.click("#confirm")
    _refused(
        page,
        "decide",
        f"告知后五个工作日的陈述申辩期（至{fmt(statement_due)}）届满前不得作出决定，当事人已陈述申辩或明确放弃的除外"
        "（《行政处罚法》第四十四条、第四十五条）",
    )
    # the refused form keeps what was entered; after the period the decision goes through
    _act(page, "decide", decide_day)
    page.click("#confirm")
    _done(page, "作出决定")
    expect(page.locator("#case-state")).to_have_text("已决定")

    # The officer serves the decision; closing before the fine is paid is refused.
    _switch(page, login, live_server, officer)
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    page.locator("#action-serve summary").click()
    page.select_option("#f-serve-method", "direct")
    _act(page, "serve", serve_day, recipient="王五", place="当事人经营场所", served_at=f"{serve_day.isoformat()}T10:00")
    _done(page, "送达")
    _act(page, "close", serve_day, summary="执行完毕")
    _refused(page, "close", "罚款及加处罚款未缴清且未申请强制执行的，不能结案（《行政处罚法》第六十七条、第七十二条）")
    _act(page, "record_payment", serve_day, amount="5000", receipt="FS2026-0001")
    _done(page, "登记缴款")
    _act(page, "close", serve_day, summary="罚款已缴清，执行完毕")
    _done(page, "结案")
    expect(page.locator("#case-state")).to_have_text("结案")

    # The timeline shows every step, with who and when; the flowchart marks the current state.
    labels = page.locator("#timeline ol.timeline > li strong").all_inner_texts()
    assert labels == [
        "登记案件线索",
        "增加承办人员",
        "提请立案审批：立案",
        "立案审批：同意（立案）",
        "立案",
        "现场检查笔录",
        "询问笔录",
        "证据登记",
        "调查终结",
        "告知拟处罚及权利",
        "作出决定",
        "送达",
        "登记缴款",
        "结案",
    ]
    expect(page.locator("#timeline")).to_contain_text("周局长")
    expect(page.locator("#timeline")).to_contain_text("行政处罚决定书")
    expect(page.locator('#flowchart g.state.current[data-state="closed"]')).to_have_count(1)
    case.refresh_from_db()
    assert case.state == "closed" and case.steps.count() == 14

    # The whole record verifies, reconciled with the records (the personas' logins were made by test
    # factories: record them as roster.services.create_user does).
    record_logins(officer, officer2, agency_head)
    call_command("ledger", "verify")
