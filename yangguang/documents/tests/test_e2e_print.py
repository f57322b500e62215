"""End to end in Chromium: an officer opens an issued document, sees an A4 sheet, prints it without
the site's chrome, and downloads the DOCX under its Chinese name."""

from __future__ import annotations

from typing import Any

import pytest

from yangguang.documents.tests.helpers import case_of, issue, stored_bytes

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_officer_views_prints_and_downloads(agency: Any, officer: Any, login: Any, live_server: Any) -> None:
    document = issue(agency, officer, "penalty_decision", subject=case_of(officer).subject_label)
    page = login(officer)
    page.goto(f"{live_server.url}/documents/{document.pk}/")
    assert page.locator(".doc-number").inner_text() == "杭市监罚〔2026〕1号"
    assert page.locator(".doc-title").inner_text() == "行政处罚决定书"
    width = page.locator(".doc-paper").evaluate("el => el.getBoundingClientRect().width")
    assert abs(width - 210 / 25.4 * 96) < 2  # 210 mm at 96 CSS px per inch

    page.emulate_media(media="print")
    assert not page.locator(".topbar").is_visible()
    assert not page.locator(".doc-toolbar").is_visible()
    assert page.locator(".doc-paper").is_visible()
    page.emulate_media(media="screen")

    with page.expect_download() as info:
        page.click("text=下载 DOCX")
    download = info.value
    assert download.suggested_filename == "行政处罚决定书杭市监罚〔2026〕1号.docx"
    with open(download.path(), "rb") as fh:
        assert fh.read() == stored_bytes(document)
