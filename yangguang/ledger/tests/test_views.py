"""The ledger page: who may see it, verification on request, entry lookup, export, verifier download."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.db import connection
from django.urls import reverse

from yangguang.ledger.services import append_entry, make_checkpoint

pytestmark = pytest.mark.django_db


@pytest.fixture
def filled() -> None:
    for i in range(5):
        append_entry(
            actor=None, subject="cases.case:42" if i % 2 else "cases.case:7", action="case.step", payload={"i": i}
        )
    make_checkpoint()


def test_officers_and_the_public_may_not_see_the_page(client: Any, officer: Any) -> None:
    url = reverse("ledger:status")
    assert client.get(url).status_code == 302
    client.force_login(officer)
    assert client.get(url).status_code == 403


def test_supervisor_sees_status_and_runs_verification(client: Any, supervisor: Any, filled: None) -> None:
    client.force_login(supervisor)
    page = client.get(reverse("ledger:status")).content.decode()
    assert "记录条数" in page and "<strong>5</strong>" in page and "树大小 5" in page
    result = client.post(reverse("ledger:status")).content.decode()
    assert "校验通过" in result and "5 条记录、1 个检查点全部一致" in result
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM ledger_entry WHERE seq = 2")
    failed = client.post(reverse("ledger:status")).content.decode()
    assert "校验失败" in failed and "第 2 条记录被删除" in failed


def test_lookup_shows_the_entry_and_its_checked_proof(client: Any, reviewer: Any, filled: None) -> None:
    client.force_login(reviewer)
    page = client.get(reverse("ledger:status"), {"seq": "3"}).content.decode()
    assert "第 3 条：case.step · cases.case:42" in page
    assert "存在性证明已通过校验" in page
    append_entry(actor=None, subject="cases.case:1", action="case.step", payload={})
    page = client.get(reverse("ledger:status"), {"seq": "5"}).content.decode()
    assert "尚未纳入签名检查点" in page
    assert "第 9 条记录不存在" in client.get(reverse("ledger:status"), {"seq": "9"}).content.decode()
    assert "序号必须是整数" in client.get(reverse("ledger:status"), {"seq": "x"}).content.decode()


def test_export_downloads_a_bundle(client: Any, audit_admin: Any, filled: None) -> None:
    client.force_login(audit_admin)
    response = client.post(reverse("ledger:export"), {"subject": "cases.case:42"})
    assert response.status_code == 200
    bundle = json.loads(response.content)
    assert [e["seq"] for e in bundle["entries"]] == [1, 3]
    missing = client.post(reverse("ledger:export"), {"subject": "cases.case:1"})
    assert missing.status_code == 404 and "没有关于“cases.case:1”的记录" in missing.content.decode()


def test_verifier_script_is_downloadable(client: Any) -> None:
    response = client.get(reverse("ledger:verifier"))
    assert response.status_code == 200
    assert b"def verify_bundle" in b"".join(response.streaming_content)
