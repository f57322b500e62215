"""End to end in Chromium: the pages work under the strict Content-Security-Policy (issue 11).

Every browser test already fails on a CSP violation (the ``page`` fixture watches the console);
this one drives the behaviour that moved out of inline scripts and handlers into static files —
the home chart and its tooltip, the confirm before deleting, the auto-submitting filter, printing,
the API documentation and the admin — and checks the headers the browser received."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from yangguang.discretion.tests.helpers import import_standard

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_pages_work_under_the_csp(
    page: Any, live_server: Any, login: Any, supervisor: Any, agency: Any, agency_head: Any, officer: Any
) -> None:
    # The supervisor's chart draws, and its tooltip (drawn on the canvas) shows the agency.
    response = page.goto(f"{live_server.url}/accounts/login/")
    csp = response.headers["content-security-policy"]
    assert "script-src 'self';" in csp and "unsafe-inline" not in csp
    login(supervisor)
    page.wait_for_selector("#holding-chart canvas")
    page.evaluate(
        "echarts.getInstanceByDom(document.getElementById('holding-chart'))"
        ".dispatchAction({type: 'showTip', seriesIndex: 0, dataIndex: 0})"
    )
    # The API documentation (vendored Swagger UI, no CDN) renders and expands an operation.
    page.goto(f"{live_server.url}/api/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Yangguang", timeout=30_000)
    page.locator(".opblock-summary").first.click()
    expect(page.locator(".opblock-body").first).to_be_visible()

    # The agency head deletes an unpublished benchmark after confirming.
    bench, _item = import_standard(agency, agency_head)
    page.context.clear_cookies()
    login(agency_head)
    page.goto(f"{live_server.url}/discretion/benchmarks/{bench.pk}/")
    page.once("dialog", lambda d: d.dismiss())
    page.click("main button:has-text('删除')")
    assert page.url.endswith(f"/discretion/benchmarks/{bench.pk}/")
    page.once("dialog", lambda d: d.accept())
    page.click("main button:has-text('删除')")
    page.wait_for_url(f"{live_server.url}/discretion/")
    assert page.locator(".messages").inner_text() == "已删除裁量基准"

    # The officer's "include closed cases" checkbox submits its form; print buttons print.
    page.context.clear_cookies()
    login(officer)
    page.goto(f"{live_server.url}/cases/")
    page.check("input[name=all]")
    page.wait_for_url("**/cases/?*all=1*")
    page.goto(f"{live_server.url}/public/verify/{_token(officer)}/qr/")
    page.evaluate("window.print = () => { window.__printed = true; }")
    page.click("button[data-print]")
    assert page.evaluate("window.__printed") is True


def test_admin_works_under_the_csp(page: Any, live_server: Any, login: Any, admin_user: Any, agency: Any) -> None:
    """The administrator's Django admin: index, a list with its search, a change form."""
    login(admin_user)
    page.goto(f"{live_server.url}/admin/roster/agency/?q={agency.name[:4]}")
    page.locator("#result_list tbody a").first.click()
    expect(page.locator("#content form")).to_be_visible()
    expect(page.locator("input[name=name]")).to_have_value(agency.name)


def _token(user: Any) -> str:
    from yangguang.publicity.tokens import certificate_token

    return certificate_token(user.officer.certificate_no)
