"""End to end in Chromium, as a new user would try the publication after action (事后公开): a
penalty decided today on the case page appears on the portal redacted with its due date met;
searching 罚款 with an agency filter finds it; the leak scanner is clean; revoking the decision
withdraws the publication with the reason shown in its place; the annual report for last year is
published and downloads as XLSX."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from yangguang.cases.services import create_case
from yangguang.core.validators import make_resident_id
from yangguang.publicity.models import Publication

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ID_NUMBER = make_resident_id("330106", "19850505", 21)


def _switch(page: Any, login: Any, live_server: Any, user: Any) -> None:
    page.goto(f"{live_server.url}/")
    page.click("text=退出")
    page.wait_for_url(f"{live_server.url}/accounts/login/")
    login(user)


def test_publication_flow(
    page: Any, login: Any, live_server: Any, officer: Any, officer2: Any, supervisor: Any, agency_head: Any, agency: Any
) -> None:
    today = timezone.localdate()
    case = create_case(
        actor=officer,
        kind="penalty_summary",
        title="占道经营案",
        parties=[
            {
                "kind": "person",
                "name": "张三",
                "id_number": ID_NUMBER,
                "address": "杭州市西湖区文一路88号",
                "phone": "13812345678",
            }
        ],
        officers=[officer2.officer],
        violation_date=today,
        discovery_date=today,
        occurred_on=today,
    )
    # The officer decides on the spot through the case page.
    login(officer)
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    box = page.locator("#action-decide_on_spot")
    box.locator("summary").click()
    box.locator("input[name=penalty_types][value=fine]").check()
    page.fill("#f-decide_on_spot-fine", "50")
    page.fill("#f-decide_on_spot-occurred_at", f"{today.isoformat()}T09:00")
    page.fill("#f-decide_on_spot-place", "文一路口")
    page.fill("#f-decide_on_spot-facts", "当事人张三在人行道上占道经营，联系电话13812345678。")
    page.fill("#f-decide_on_spot-violated_provisions", "《杭州市城市市容和环境卫生管理条例》第十条")
    page.fill("#f-decide_on_spot-legal_basis", "《杭州市城市市容和环境卫生管理条例》第五十条")
    box.locator("button[type=submit]").click()
    page.click("#confirm")  # the decision is confirmed with its summary first
    expect(page.locator("#action-decide_on_spot")).to_have_count(0)
    expect(page.locator("#action-deliver")).to_have_count(1)
    pub = Publication.objects.get(case=case)

    # The public searches 罚款 with the agency filter and opens the decision: redacted, on time.
    page.goto(f"{live_server.url}/public/decisions/")
    page.fill("#decision-q", "罚款")
    page.select_option("#decision-agency", str(agency.pk))
    page.click("form.search button[type=submit]")
    hit = page.locator(".decision-hit", has_text="占道经营案")
    expect(hit).to_have_count(1)
    expect(hit.locator("mark").first).to_have_text("罚款")
    hit.locator("h2 a").click()
    text = page.locator("#decision-text")
    expect(text).to_contain_text("当事人：张某某")
    expect(text).to_contain_text("当事人张某某在人行道上占道经营，联系电话***。")
    for secret in ("张三", ID_NUMBER, "13812345678", "文一路88号"):
        expect(page.locator("main")).not_to_contain_text(secret)
    facts = page.locator("dl.facts")
    expect(facts).to_contain_text(f"公开期限{pub.due_on:%Y-%m-%d}".replace("公开期限", ""))
    assert pub.published_on is not None and pub.published_on <= pub.due_on
    expect(page.locator("#proof-link")).to_have_attribute("href", f"/api/ledger/entries/{pub.ledger_seq}/proof")
    entry = page.request.get(f"{live_server.url}/api/ledger/entries/{pub.ledger_seq}")
    assert entry.status == 200 and entry.json()["public"] is True  # served without login
    call_command("ledger", "checkpoint", stdout=io.StringIO())
    proof = page.request.get(f"{live_server.url}/api/ledger/entries/{pub.ledger_seq}/proof")
    assert proof.status == 200 and proof.json()["seq"] == pub.ledger_seq

    # The supervisor's leak scanner is clean.
    _switch(page, login, live_server, supervisor)
    page.goto(f"{live_server.url}/public/manage/leaks/")
    summary = page.locator("#leak-summary").inner_text().strip()
    assert summary == "未发现个人信息泄露", page.locator("main").inner_text()

    # The decision is revoked on reconsideration: the officer records it on the case (the manage
    # page points there), and the publication is withdrawn in the same step with the reason.
    _switch(page, login, live_server, officer)
    page.goto(f"{live_server.url}/public/manage/{pub.pk}/")
    expect(page.locator("#original-text")).to_contain_text(ID_NUMBER)  # side by side
    expect(page.locator("#redacted-text")).not_to_contain_text(ID_NUMBER)
    page.click("#withdraw-via-case a")
    page.click("#action-annul summary")
    page.select_option("#f-annul-ground", "revoked")
    page.select_option("#f-annul-channel", "reconsideration")
    page.fill("#f-annul-organ", "杭州市人民政府")
    page.fill("#f-annul-document_number", "杭政复〔2026〕12号")
    page.fill("#f-annul-public_reason", "经行政复议，原处罚决定被撤销")
    page.locator("form[data-action=annul] button[type=submit]").click()
    expect(page.locator("#confirm-summary")).to_contain_text("杭政复〔2026〕12号")
    page.click("#confirm")  # 撤销 is irreversible: its summary is confirmed first
    expect(page.locator("#case-annulled")).to_be_visible()
    page.goto(f"{live_server.url}/public/manage/{pub.pk}/")
    expect(page.locator("#pub-status")).to_have_text("已撤回")
    page.goto(f"{live_server.url}/public/decisions/{pub.pk}/")
    page.reload()  # the portal's pages are cacheable for a minute; a reload revalidates
    expect(page.locator("#withdrawn")).to_contain_text("经行政复议，原处罚决定被撤销")
    expect(page.locator("#decision-text")).to_have_count(0)

    # The agency head publishes last year's annual report; it downloads as XLSX.
    _switch(page, login, live_server, agency_head)
    last_year = today.year - 1
    page.goto(f"{live_server.url}/public/manage/reports/?year={last_year}")
    page.click("text=审核并发布")
    page.click("#confirm")  # publishing is confirmed with the figures first (test_confirmations_e2e)
    expect(page.locator("#report-status")).to_contain_text("已发布")
    page.goto(f"{live_server.url}/public/reports/")
    with page.expect_download() as info:
        page.click("text=XLSX")
    with open(info.value.path(), "rb") as fh:
        sheet = load_workbook(io.BytesIO(fh.read())).active
    assert sheet["A1"].value == f"{agency.name} {last_year}年度行政执法统计年报"
