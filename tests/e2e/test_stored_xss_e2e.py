"""End to end in Chromium: an agency name carrying markup (``</script><script>…``) is shown as text
on the supervisors' home page and in its chart, and never runs (issue 11, stored XSS)."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

EVIL = "恶意局</script><script>window.__pwned=1</script><img src=x onerror=window.__pwned=2>"


def test_agency_name_with_script_is_text_on_supervisor_home(
    page: Any, live_server: Any, login: Any, supervisor: Any, agency: Any
) -> None:
    agency.name = EVIL
    agency.save(update_fields=["name"])
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    login(supervisor)
    page.wait_for_selector("#holding-chart canvas")
    assert page.evaluate("window.__pwned") is None
    assert EVIL in page.locator("table").inner_text()
    assert not dialogs
