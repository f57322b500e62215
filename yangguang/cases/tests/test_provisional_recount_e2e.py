"""Issue 16, in Chromium: the system administrator loads next year's confirmed schedule on the
calendar page; the page says how many running due dates moved, and the agency's officer finds the
case's changed due date on the 到期日变更 page."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from .test_provisional_recount import CONFIRMED_2027

D = dt.date
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_loading_the_confirmed_year_in_the_browser(
    live_server: Any, page: Any, login: Any, new_case: Any, step: Any, officer: Any, admin_user: Any
) -> None:
    case = new_case(on=D(2026, 11, 7))
    step(case, "file", officer, D(2026, 11, 7))  # 90 days: 除夕 2027 → 9 February while provisional
    login(admin_user)
    page.goto(f"{live_server.url}/workdays/schedule/")
    page.fill("#id_text", CONFIRMED_2027)
    page.click("text=校验并保存")
    page.wait_for_url(f"{live_server.url}/workdays/?year=2027")
    messages = page.inner_text(".messages")
    assert "已保存2027年节假日安排（已确认）" in messages
    assert "1个正在进行的期限到期日已变更，详见“到期日变更”清单" in messages

    page.context.clear_cookies()
    login(officer)
    page.goto(f"{live_server.url}/workdays/")
    page.click("text=到期日变更")
    row = page.locator("tr.due-change").first
    assert case.number in row.inner_text()
    assert row.locator(".old-due").inner_text() == "2027-02-09"
    assert row.locator(".new-due").inner_text() == "2027-02-12"
