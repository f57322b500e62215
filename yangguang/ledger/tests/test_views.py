"""The ledger page: who may see it, verification on request, entry lookup, export, verifier download."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.db import connection
from django.urls import reverse

from yangguang.ledger.services import append_entry, make_checkpoint
from yangguang.ledger.tests.tampering import record_logins

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_agency(agency: Any) -> Any:
    from yangguang.roster.models import Region
    from yangguang.roster.tests.factories import AgencyFactory

    ningbo = Region.objects.create(code="330200", name="宁波市", level="city", path="/330000/330200/")
    return AgencyFactory(name="宁波市市场监督管理局", region=ningbo)


@pytest.fixture
def filled(agency: Any, other_agency: Any) -> dict[str, str]:
    """Entries about the persona's agency (odd seqs) and about an agency of another city."""
    own, other = f"roster.agency:{agency.pk}", f"roster.agency:{other_agency.pk}"
    for i in range(5):
        append_entry(actor=None, subject=own if i % 2 else other, action="case.step", payload={"i": i})
    make_checkpoint()
    return {"own": own, "other": other}


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
    # Reconciliation: the supervisor's login was made by a test factory, not by the services.
    assert "校验失败" in result and "登录账号 supervisor没有对应的记录条目：在系统服务之外写入" in result
    record_logins(supervisor)
    result = client.post(reverse("ledger:status")).content.decode()
    assert "校验通过" in result and "6 条记录、1 个检查点全部一致" in result
    assert "未配置固定公钥指纹（YG_LEDGER_KEY_FINGERPRINT）" in result  # what it cannot rule out
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM ledger_entry WHERE seq = 2")
    failed = client.post(reverse("ledger:status")).content.decode()
    assert "校验失败" in failed and "第 2 条记录被删除" in failed


def test_lookup_shows_the_entry_and_its_checked_proof(client: Any, reviewer: Any, filled: dict[str, str]) -> None:
    client.force_login(reviewer)
    page = client.get(reverse("ledger:status"), {"seq": "3"}).content.decode()
    assert "第 3 条：case.step · 执法主体 杭州市市场监督管理局" in page
    assert f"· {filled['own']}" not in page  # the identifier only inside the record itself
    assert "存在性证明已通过校验" in page
    # an entry about another city's agency is not shown to this agency's reviewer
    refused = client.get(reverse("ledger:status"), {"seq": "2"}).content.decode()
    assert "只能查看本机关" in refused and "case.step ·" not in refused
    append_entry(actor=None, subject=filled["own"], action="case.step", payload={})
    page = client.get(reverse("ledger:status"), {"seq": "5"}).content.decode()
    assert "尚未纳入签名检查点" in page
    assert "第 9 条记录不存在" in client.get(reverse("ledger:status"), {"seq": "9"}).content.decode()
    assert "序号必须是整数" in client.get(reverse("ledger:status"), {"seq": "x"}).content.decode()


def test_export_downloads_a_bundle(client: Any, supervisor: Any, filled: dict[str, str], agency: Any) -> None:
    client.force_login(supervisor)
    response = client.post(reverse("ledger:export"), {"subject": filled["own"]})
    assert response.status_code == 200
    bundle = json.loads(response.content)
    assert [e["seq"] for e in bundle["entries"]] == [1, 3]
    other = client.post(reverse("ledger:export"), {"subject": filled["other"]})
    assert other.status_code == 403 and "只能监督本区划及下级区划的执法主体" in other.content.decode()
    from yangguang.roster.tests.factories import AgencyFactory

    quiet: Any = AgencyFactory(name="杭州市无记录局", region=agency.region)
    missing = client.post(reverse("ledger:export"), {"subject": f"roster.agency:{quiet.pk}"})
    assert missing.status_code == 404 and f"没有关于“roster.agency:{quiet.pk}”的记录" in missing.content.decode()
    unknown = client.post(reverse("ledger:export"), {"subject": "nothing.here:1"})
    assert unknown.status_code == 403 and "该记录的对象类型没有登记访问规则" in unknown.content.decode()


def test_verifier_script_is_downloadable(client: Any) -> None:
    response = client.get(reverse("ledger:verifier"))
    assert response.status_code == 200
    assert b"def verify_bundle" in b"".join(response.streaming_content)
