"""End to end in Chromium: a supervisor opens the ledger page, verifies the log, looks up an entry
with its proof; after a row is altered in the database, verification names that entry."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection

from yangguang.ledger.services import append_entry, make_checkpoint
from yangguang.ledger.tests.tampering import record_logins

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_supervisor_verifies_the_ledger_and_sees_tampering(
    page: Any, live_server: Any, login: Any, supervisor: Any, agency: Any
) -> None:
    subject = f"roster.agency:{agency.pk}"  # an agency of the supervisor's region
    record_logins(supervisor)  # as roster.services.create_user would have
    for i in range(5):
        append_entry(actor=supervisor, subject=subject, action="case.step", payload={"step": i, "说明": "现场检查"})
    make_checkpoint()
    login(supervisor)
    page.click("nav.mainnav >> text=记录日志")
    page.wait_for_url(f"{live_server.url}/ledger/")
    # the six entries and the record of the supervisor's own sign-in (auth.login)
    assert page.locator("#ledger-size strong").inner_text() == "7"
    assert len(page.locator("#key-fingerprint").inner_text()) == 64

    with page.expect_navigation():
        page.click("#run-verify")
    assert page.locator("#verify-result").inner_text().startswith("校验通过 7 条记录、")

    page.fill("#id_seq", "3")
    page.click("#lookup button[type=submit]")
    result = page.locator("#lookup-result").inner_text()
    assert f"第 3 条：case.step · 执法主体 {agency.name}" in result
    assert f"· {subject}" not in result  # the identifier only inside the record itself
    assert "存在性证明已通过校验" in result

    with connection.cursor() as cursor:
        cursor.execute("UPDATE ledger_entry SET canonical = REPLACE(canonical, '现场检查', '未检查') WHERE seq = 4")
    with page.expect_navigation():  # the old result is still on the page until the new one loads
        page.click("#run-verify")
    assert "第 4 条记录被修改" in page.locator("#verify-result").inner_text()
