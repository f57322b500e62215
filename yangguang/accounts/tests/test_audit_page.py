"""The audit administrator's audit page: read-only, filterable, and nobody else's."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_audit_page_lists_and_filters_security_records(
    client: Client, officer: Any, audit_admin: Any, security_admin: Any, agency_head: Any
) -> None:
    client.post("/accounts/login/", {"username": "officer", "password": "wrong"})
    client.post("/accounts/login/", {"username": "officer", "password": PASSWORD})
    client.post("/accounts/logout/")
    client.force_login(audit_admin)
    page = client.get("/accounts/audit/").content.decode()
    for label in ("登录失败", "登录", "退出", "用户名或密码错误", "账号 officer"):
        assert label in page
    assert PASSWORD not in page and "wrong" not in page
    only_failures = client.get("/accounts/audit/", {"action": "auth.login_failed"}).content.decode()
    assert "登录失败" in only_failures and "<td>退出</td>" not in only_failures
    assert "没有符合条件的记录" in client.get("/accounts/audit/", {"q": "nobody-like-this"}).content.decode()
    bad = client.get("/accounts/audit/", {"since": "2026-02-30"})
    assert bad.status_code == 200 and "输入一个有效的日期" in bad.content.decode()
    # nobody else reads it; the audit administrator changes nothing (no form posts anywhere)
    for other in (security_admin, agency_head):
        client.force_login(other)
        assert client.get("/accounts/audit/").status_code == 404
