"""End to end in Chromium: an officer decides a penalty on the case page and it is on the public
portal, redacted and found by search; the decision is then revoked by reconsideration, which the
officer records on the case page (the agency's own correction is refused to the officer in
Chinese: it is the agency head's); the public decision page then shows the withdrawal and its
reason instead of the text, and search no longer finds it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.utils import timezone

from yangguang.cases.services import create_case
from yangguang.publicity.models import Publication

from .conftest import PERSON_NAME, PERSON_PHONE, person_party

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

FACTS = "当事人在文一路人行道上摆摊售卖烤红薯，经劝阻未改正。"
REASON = "原处罚决定认定事实不清，经行政复议予以撤销。"


@pytest.fixture
def visit(browser: Any, live_server: Any) -> Iterator[Callable[[str], Any]]:
    """visit(path) opens a public page in a fresh browser (no login, nothing cached: the portal's
    pages may be cached for a minute)."""
    contexts: list[Any] = []

    def open_page(path: str) -> Any:
        context = browser.new_context(locale="zh-CN")
        context.set_default_timeout(15_000)
        contexts.append(context)
        pg = context.new_page()
        pg.goto(f"{live_server.url}{path}")
        return pg

    yield open_page
    for c in contexts:
        c.close()


def test_revoked_decision_is_withdrawn_from_the_portal_with_its_reason(
    page: Any, live_server: Any, login: Any, visit: Any, officer: Any, officer2: Any
) -> None:
    today = timezone.localdate()
    case = create_case(
        actor=officer,
        kind="penalty_summary",
        title="占道经营案",
        parties=[person_party()],
        officers=[officer2.officer],
        violation_date=today,
        discovery_date=today,
        occurred_on=today,
    )

    # The officer decides on the spot, on the case page.
    login(officer)
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    page.click("#action-decide_on_spot summary")
    form = page.locator("form[data-action=decide_on_spot]")
    form.locator("input[name=penalty_types][value=fine]").check()
    page.fill("#f-decide_on_spot-fine", "50")
    page.fill("#f-decide_on_spot-occurred_at", f"{today.isoformat()}T09:00")
    page.fill("#f-decide_on_spot-place", "文一路口")
    page.fill("#f-decide_on_spot-facts", FACTS)
    page.fill("#f-decide_on_spot-violated_provisions", "《杭州市城市市容和环境卫生管理条例》第十条")
    page.fill("#f-decide_on_spot-legal_basis", "《杭州市城市市容和环境卫生管理条例》第五十条")
    form.locator("button[type=submit]").click()
    page.click("#confirm")  # an irreversible step: its summary is confirmed first
    page.wait_for_function("() => document.querySelector('#case-state').innerText === '已决定'")
    pub = Publication.objects.get(case=case)
    assert pub.status == "published"

    # The public finds it, redacted.
    results = visit("/public/decisions/?q=烤红薯")
    assert results.locator(f"a[href='/public/decisions/{pub.pk}/']").count() == 1
    detail = visit(f"/public/decisions/{pub.pk}/")
    text = detail.locator("#decision-text").inner_text()
    assert FACTS in text and "张某某" in text
    assert PERSON_NAME not in text and PERSON_PHONE not in text

    # The decision is revoked by reconsideration; the officer records it on the case page.
    page.click("#action-annul summary")
    form = page.locator("form[data-action=annul]")
    page.select_option("#f-annul-ground", "revoked")
    page.select_option("#f-annul-channel", "self")
    page.fill("#f-annul-organ", "杭州市人民政府")
    page.fill("#f-annul-document_number", "杭政复〔2026〕12号")
    page.fill("#f-annul-public_reason", REASON)
    form.locator("button[type=submit]").click()
    page.click("#confirm")  # an irreversible step: its summary is confirmed first
    error = page.locator("#action-annul .error-box")
    error.wait_for()
    assert error.inner_text() == "本机关自行纠错撤销、确认违法或重新作出原决定的，须由行政机关负责人决定"
    assert page.locator("#case-state").inner_text() == "已决定"
    # The form keeps what was entered; the officer picks the right channel and submits again.
    assert page.input_value("#f-annul-public_reason") == REASON
    page.select_option("#f-annul-channel", "reconsideration")
    page.locator("form[data-action=annul] button[type=submit]").click()
    page.click("#confirm")  # an irreversible step: its summary is confirmed first
    page.wait_for_function("() => document.querySelector('#case-state').innerText === '原决定已撤销或确认违法'")
    assert page.locator("#case-annulled").inner_text() == f"原决定撤销（{today:%Y-%m-%d}）"
    annul_row = page.locator("#timeline li[data-action=annul]")
    assert "杭政复〔2026〕12号" in annul_row.inner_text() and REASON in annul_row.inner_text()

    # The public page shows the withdrawal and its reason instead of the text.
    detail = visit(f"/public/decisions/{pub.pk}/")
    withdrawn = detail.locator("#withdrawn").inner_text()
    assert "该信息已撤回" in withdrawn
    assert "撤回事由：决定被撤销" in withdrawn
    assert f"撤回理由：{REASON}（杭州市人民政府，杭政复〔2026〕12号）" in withdrawn
    assert detail.locator("#decision-text").count() == 0
    assert FACTS not in detail.locator("main").inner_text()
    # Search no longer finds it.
    results = visit("/public/decisions/?q=烤红薯")
    assert results.locator(f"a[href='/public/decisions/{pub.pk}/']").count() == 0
    assert "没有符合条件的公示信息。" in results.locator("#results").inner_text()
