"""End to end in Chromium: the new-case form at scale. The officer finds a co-handler by typing in
the handler search (the list narrows), sees an expired colleague disabled with the rule, picks the kind
of case and is offered only that kind's items; the case is registered with the chosen handler."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from yangguang.cases.models import Case
from yangguang.core.validators import make_uscc
from yangguang.roster.models import ActionKind
from yangguang.roster.tests.factories import EnforcementItemFactory, OfficerFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_officer_registers_with_handler_search_and_kind_items(
    page: Any, live_server: Any, login: Any, officer: Any, officer2: Any
) -> None:
    agency = officer.agency
    for n in range(30):
        OfficerFactory(agency=agency, name=f"同事{n:02d}", categories=["penalty"])
    expired: Any = OfficerFactory(agency=agency, name="过期人员", cert_valid_until=dt.date(2020, 12, 31))
    penalty: Any = EnforcementItemFactory(agency=agency, name="对销售过期食品的行政处罚", kind=ActionKind.PENALTY)
    licence: Any = EnforcementItemFactory(agency=agency, name="食品经营许可", kind=ActionKind.LICENSING)
    today = timezone.localdate()

    login(officer)
    page.goto(f"{live_server.url}/cases/new/")
    expect(page.locator("#handler-list li.handler:visible")).to_have_count(32)
    page.fill("#handler-search", officer2.officer.name)
    expect(page.locator("#handler-list li.handler:visible")).to_have_count(1)
    page.check(f"#handler-{officer2.officer.pk}")
    page.fill("#handler-search", "过期")
    row = page.locator("#handler-list li.handler:visible")
    expect(row).to_contain_text("不得承办案件")
    expect(page.locator(f"#handler-{expired.pk}")).to_be_disabled()
    page.fill("#handler-search", "")

    page.select_option("#id_kind", "licensing")
    expect(page.locator(f"#id_item option[value='{penalty.pk}']")).to_be_disabled()
    expect(page.locator(f"#id_item option[value='{licence.pk}']")).to_be_enabled()
    page.select_option("#id_kind", "penalty_ordinary")
    expect(page.locator(f"#id_item option[value='{licence.pk}']")).to_be_disabled()
    page.select_option("#id_item", str(penalty.pk))
    page.fill("#id_title", "涉嫌销售过期食品案")
    page.fill("#id_party_name", "杭州某某食品有限公司")
    page.fill("#id_party_id_number", make_uscc(777_201))
    page.fill("#id_party_legal_representative", "王五")
    page.fill("#id_facts", "当事人销售超过保质期的食品。")
    page.fill("#id_violation_date", (today - dt.timedelta(days=3)).isoformat())
    page.fill("#id_discovery_date", today.isoformat())
    page.click("#new-case-form button[type=submit]")
    expect(page.locator("#case-state")).to_have_text("线索登记")
    case = Case.objects.get()
    assert {link.officer for link in case.case_officers.all()} == {officer.officer, officer2.officer}
    assert case.item == penalty
    # the next steps in procedural order: 立案 first
    expect(page.locator("#actions details.action").first).to_have_attribute("id", "action-file")
