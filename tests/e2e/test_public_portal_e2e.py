"""End to end in Chromium: a member of the public opens the portal without logging in, searches the
officer roster by name, opens the officer's certificate QR page, follows the URL the QR code encodes
and sees whether the certificate is valid today."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _open_qr_page_from_roster(pg: Any, base: str, name: str) -> str:
    pg.goto(f"{base}/public/")
    assert pg.locator(".portal-brand").inner_text() == "行政执法公示平台"
    pg.get_by_role("navigation", name="公示栏目").get_by_role("link", name="执法人员").click()
    pg.wait_for_url(f"{base}/public/officers/")
    pg.get_by_label("姓名、单位或执法证号").fill(name)
    pg.get_by_role("button", name="查询").click()
    pg.wait_for_url("**/public/officers/?q=*")
    pg.wait_for_function("() => document.querySelectorAll('#results tr[data-certificate]').length === 1")
    pg.get_by_role("link", name=f"{name}的执法证二维码").click()
    pg.wait_for_url("**/qr/")
    assert pg.locator("figure.qr-print svg").count() == 1
    return str(pg.locator("figure.qr-print").get_attribute("data-verification-url"))


def test_public_checks_an_officer_certificate_through_its_qr_code(
    browser: Any, page: Any, live_server: Any, officer: Any, settings: Any
) -> None:
    from yangguang.publicity.certificates import verification_url
    from yangguang.roster.tests.factories import OfficerFactory

    settings.PUBLIC_BASE_URL = live_server.url
    off = officer.officer
    expected = verification_url(off, None)  # the function that drew the QR code

    shown = _open_qr_page_from_roster(page, live_server.url, "李明")
    assert shown == expected
    assert page.locator("#verification-url").inner_text() == expected
    page.goto(shown)
    assert page.locator(".cert-status-label").inner_text() == "有效"
    assert page.locator(".cert-name").inner_text() == "李明"
    assert page.locator(".cert-no").inner_text() == off.certificate_no

    # An officer whose certificate date has lapsed, checked on a phone.
    lapsed = OfficerFactory(
        agency=off.agency, name="陈过期", cert_valid_until=timezone.localdate() - dt.timedelta(days=1)
    )
    context = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844})
    context.set_default_timeout(15_000)
    phone = context.new_page()
    shown = _open_qr_page_from_roster(phone, live_server.url, "陈过期")
    assert shown == verification_url(lapsed, None)
    phone.goto(shown)
    status = phone.locator(".cert-status-label")
    assert status.inner_text() == "已过期"
    assert status.is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    context.close()
