"""End to end in Chromium (the first story of issue 19's "Done when"): the city justice bureau's
supervisor sees the cockpit, opens the late-publication warning, turns the hit into a clue, issues a
行政执法监督意见书; the agency head answers with the rectification and an evidence file; the
supervisor accepts it. Every page under the strict CSP (the fixture fails on a violation)."""

from __future__ import annotations

from typing import Any

import pytest

from yangguang.supervision.models import DocStatus, SupervisionDocument

from .conftest import D, make_case, make_publication

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_cockpit_warning_clue_opinion_answer_accept(
    page: Any, live_server: Any, login: Any, agency: Any, officer: Any, supervisor: Any, agency_head: Any, tmp_path: Any
) -> None:
    case = make_case(agency, officer, state="decided", decided_on=D(2026, 3, 2))
    make_publication(case, due=D(2026, 3, 11), status="pending", decided_on=D(2026, 3, 2))

    login(supervisor)
    assert page.locator("#panel-cockpit").is_visible()
    page.goto(f"{live_server.url}/supervision/")
    page.wait_for_selector("#chart-kinds canvas")  # ECharts drew from the json_script data
    page.click("text=监督预警模型")
    row = page.locator("#models tr[data-rule=publication_late]")
    assert row.locator(".hit-count").inner_text() == "1"
    row.locator("a").first.click()
    hit = page.locator("#hits tbody tr").first
    assert case.number in hit.inner_text() and "至今未公开" in hit.inner_text()
    hit.locator("button.to-clue").click()
    assert "已转为线索" in page.locator(".messages").inner_text()
    page.fill("#d-req", "请立即公开该决定，并报送执法决定公开台账。")
    page.click("#issue button[type=submit]")
    number = page.locator("#document-number").inner_text()
    assert number.endswith("〔2026〕1号") and "执法监意" in number
    assert "行政执法监督意见书" in page.locator("#document-text").inner_text()
    page.click("text=退出")

    login(agency_head)
    assert number in page.locator("main").inner_text()  # the home panel: waiting for an answer
    page.goto(f"{live_server.url}/supervision/documents/")
    page.click(f"text={number}")
    evidence = tmp_path / "公开截图.png"
    evidence.write_bytes(b"\x89PNG\r\n\x1a\nscreenshot")
    page.fill("#r-text", "已于次日公开，并建立公开台账。")
    page.set_input_files("#r-file", str(evidence))
    page.click("#answer-form button[type=submit]")
    assert "已提交整改情况" in page.locator(".messages").inner_text()
    assert "公开截图.png" in page.locator("#answers").inner_text()
    page.click("text=退出")

    login(supervisor)
    page.goto(f"{live_server.url}/supervision/documents/")
    page.click(f"text={number}")
    page.click("button:has-text('认可整改')")
    assert "整改已认可" in page.locator("#document-status").inner_text()
    assert SupervisionDocument.objects.get(number=number).status == DocStatus.ACCEPTED
