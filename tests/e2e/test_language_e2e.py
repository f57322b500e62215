"""A new user in an English browser and one in a Chinese browser see the same Chinese pages: the
platform's language is Simplified Chinese throughout (README, "Language"), so no page mixes
Django's English (form errors, error pages, admin words) with the platform's Chinese, and the error
pages are Chinese in the staff layout and in the public portal's."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from conftest import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Latin words that are part of the Chinese UI (names of formats, standards and the API).
ALLOWED = {"API", "SM", "SHA", "DOCX", "PDF", "ZIP", "CSV", "JSON", "QR", "SVG", "URL", "ID", "OpenAPI", "GB", "RSS"}
WORD = re.compile(r"[A-Za-z]{2,}")
# Data, not language: URL paths shown as links (/api/publicity/), certificate and case numbers (ZJ33…),
# hashes and key fingerprints (any token with a digit in it).
DATA = re.compile(r"/[\w/.-]*|[\w:-]*\d[\w:-]*")


@pytest.fixture(params=["en-US", "zh-CN"])
def browser_page(request: pytest.FixtureRequest, browser: Any) -> Iterator[Any]:
    context = browser.new_context(locale=request.param, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


def _latin(page: Any) -> set[str]:
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    text = DATA.sub(" ", page.locator("body").inner_text())
    return {w for w in WORD.findall(text) if w not in ALLOWED}


def test_main_pages_are_chinese_in_an_english_and_a_chinese_browser(
    browser_page: Any, live_server: Any, officer: Any
) -> None:
    page = browser_page
    seen: dict[str, set[str]] = {}
    # The public portal and its 404.
    for path in ("/public/", "/public/decisions/", "/public/no-such-page/", "/no-such-page/"):
        page.goto(live_server.url + path)
        seen[path] = _latin(page)
    # The login page with a form error (Django's own message, in Chinese).
    page.goto(f"{live_server.url}/accounts/login/")
    seen["login"] = _latin(page)
    page.fill("#id_username", officer.username)
    page.fill("#id_password", "wrong-password")
    page.click("button[type=submit]")
    seen["login error"] = _latin(page)
    # Staff pages, a form error and the staff 404.
    page.fill("#id_username", officer.username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    for path in (
        "/",
        "/cases/",
        "/cases/new/",
        "/cases/deadlines/",
        "/documents/",
        "/workdays/",
        "/cases/no-such-page/",
    ):
        page.goto(live_server.url + path)
        seen[path] = _latin(page)
    page.goto(f"{live_server.url}/cases/new/")
    page.click("main button[type=submit]")
    seen["new case, empty"] = _latin(page)
    assert {path: words for path, words in seen.items() if words} == {}
