"""End to end in Chromium: the agency head imports a benchmark spreadsheet through the import page
and publishes it; an officer uses the discretion assistant, sees the level and range, and a
proposal outside the range is flagged; the public reads the benchmark without login."""

from __future__ import annotations

from typing import Any

import pytest

from yangguang.discretion.tests.helpers import make_item, standard_file

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_import_publish_and_assistant_flags_a_proposal_outside_the_range(
    page: Any, live_server: Any, login: Any, agency: Any, agency_head: Any, officer: Any, tmp_path: Any
) -> None:
    item = make_item(agency, "330217001")
    xlsx = tmp_path / "裁量基准.xlsx"
    xlsx.write_bytes(standard_file(item.code))

    login(agency_head)
    page.goto(f"{live_server.url}/discretion/import/")
    page.set_input_files("#id_file", str(xlsx))
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{live_server.url}/discretion/")
    assert "导入成功：新增1项裁量基准" in page.locator(".messages").inner_text()
    page.click(f"text={item.name}")
    page.click("main button:has-text('公布')")
    assert page.locator(".messages").inner_text() == "已公布"
    page.click("text=退出")

    login(officer)
    page.goto(f"{live_server.url}/discretion/assistant/")
    page.select_option("#id_item", str(item.pk))
    page.wait_for_selector("#factors input[value=confessed]")
    page.check("input[name=party_kind][value=organization]")
    page.select_option("#id_level", "general")
    page.fill("#id_amount", "60000")
    page.check("input[name=penalty_types][value=fine]")
    page.click("#assistant-form button[type=submit]")
    page.wait_for_selector("#proposal-check")
    assert page.locator("#s-level strong").inner_text() == "一般"
    assert page.locator("#s-range").inner_text().startswith("1000 元至 5000 元")
    check = page.locator("#proposal-check").inner_text()
    assert "超出裁量基准范围" in check
    assert "拟罚款金额60000元高于裁量基准「一般」情形的上限5000元" in check
    assert "对法人或者其他组织处以5万元以上罚款（拟罚款60000元）" in page.locator("#major").inner_text()
    # Fix the proposal: inside the range, not major.
    page.fill("#id_amount", "3000")
    page.click("#assistant-form button[type=submit]")
    page.wait_for_function("() => document.querySelector('#proposal-check').innerText.includes('在裁量基准范围内')")
    assert "按本机关目录不属于重大执法决定" in page.locator("#major").inner_text()
    page.click("text=退出")

    page.goto(f"{live_server.url}/discretion/public/")
    page.click(f"text={item.name}")
    assert "1000元至5000元" in page.locator("main").inner_text()
