"""Browser flows: an officer computes a deadline into an unannounced year; an administrator adds
next year's schedule and the same deadline is no longer provisional."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SCHEDULE_2027 = "year: 2027\nsource: 测试通知〔2026〕1号\nholiday 2027-01-01..2027-01-03 元旦\nmakeup 2027-01-09 元旦\n"


def _calculate(page: Any, start: str, n: int) -> str:
    page.fill("#id_start", start)
    page.fill("#id_n", str(n))
    page.select_option("#id_unit", "working")
    page.click("#calculator button[type=submit]")
    page.wait_for_selector("#deadline-result .due")
    return str(page.inner_text("#deadline-result"))


def test_officer_gets_a_provisional_deadline(live_server: Any, login: Any, officer: Any) -> None:
    page = login(officer)
    page.goto(f"{live_server.url}/workdays/?year=2026")
    assert page.inner_text("#year-status").startswith("已确认")
    assert page.get_attribute('td[data-date="2026-10-01"]', "class") == "holiday"
    result = _calculate(page, "2026-12-25", 7)
    assert "2027-01-06" in result
    assert "暂定：2027年节假日安排尚未公布" in result


def test_administrator_adds_next_years_schedule(live_server: Any, login: Any, admin_user: Any) -> None:
    page = login(admin_user)
    page.goto(f"{live_server.url}/workdays/")
    page.click("text=添加/更新年度安排")
    page.fill("#id_text", SCHEDULE_2027.replace("2027-01-09", "2027-01-08"))
    page.click("text=校验并保存")
    assert "调休上班日2027-01-08是星期五：调休上班日只能是星期六或星期日" in page.inner_text(".error-box")
    page.fill("#id_text", SCHEDULE_2027)
    page.click("text=校验并保存")
    page.wait_for_url(f"{live_server.url}/workdays/?year=2027")
    assert "已保存2027年节假日安排（已确认）" in page.inner_text(".messages")
    assert page.get_attribute('td[data-date="2027-01-09"]', "class") == "makeup"
    result = _calculate(page, "2026-12-25", 7)
    assert "2027-01-06" in result  # 28-31 Dec, 4-6 Jan (1-3 Jan holiday)
    assert "暂定" not in result
