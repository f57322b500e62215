"""Discretion API: public benchmarks, suggest, check, major, import; and the suggest call over real
HTTP against the live server (login, CSRF, JSON)."""

from __future__ import annotations

import http.cookiejar
import json
import re
import urllib.parse
import urllib.request
from typing import Any

import pytest
from django.test import Client

from conftest import PASSWORD
from yangguang.discretion.tests.helpers import import_standard, main_row, make_item, standard_file, workbook

pytestmark = pytest.mark.django_db

API = "/api/discretion"


def client_for(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def post(c: Client, path: str, body: dict[str, Any]) -> Any:
    return c.post(f"{API}{path}", data=json.dumps(body), content_type="application/json")


@pytest.fixture
def bench(agency: Any, agency_head: Any) -> Any:
    b, _ = import_standard(agency, agency_head, "PUB1", publish=True)
    return b


def test_benchmarks_public_without_login_drafts_for_staff(
    public: Client, officer: Any, agency: Any, agency_head: Any, bench: Any
) -> None:
    from yangguang.discretion.services import import_benchmarks

    make_item(agency, "DRAFT1")
    import_benchmarks(
        agency=agency, data=workbook([main_row("DRAFT1", "轻微", C_TYPES="警告")]), filename="d.xlsx", actor=agency_head
    )
    anon = public.get(f"{API}/benchmarks").json()
    assert anon["count"] == 1 and anon["items"][0]["item_code"] == "PUB1"
    staff = client_for(officer).get(f"{API}/benchmarks").json()
    assert sorted(i["item_code"] for i in staff["items"]) == ["DRAFT1", "PUB1"]
    detail = public.get(f"{API}/benchmarks/{bench.pk}").json()
    general = next(lv for lv in detail["levels"] if lv["level"] == "general")
    assert (general["fine_min"], general["fine_max"], general["penalty_type_labels"]) == (
        "1000",
        "5000",
        ["警告", "罚款"],
    )
    assert {f["code"] for f in detail["factors"]} == {"confessed", "repeat", "eliminated", "obstruct"}
    draft_id = next(i["id"] for i in staff["items"] if i["item_code"] == "DRAFT1")
    missing = public.get(f"{API}/benchmarks/{draft_id}")
    assert missing.status_code == 404 and missing.json() == {"code": "not_found", "message": "裁量基准不存在"}


def test_suggest_and_check(public: Client, officer: Any, bench: Any) -> None:
    body = {"item_id": bench.item_id, "party_kind": "organization", "facts": {"illegal_gains": 80000}}
    denied = post(public, "/suggest", body)
    assert denied.status_code == 401 and denied.json()["code"] == "not_authenticated"
    c = client_for(officer)
    s = post(c, "/suggest", body).json()
    assert (s["level"], s["amount_min"], s["amount_max"], s["range_basis"]) == (
        "severe",
        "80000",
        "400000",
        "gains_multiple",
    )
    assert s["past"] == {"count": 0, "median": None, "minimum": None, "maximum": None}
    out = post(c, "/check", {**body, "amount": "500000", "penalty_types": ["fine"]}).json()
    assert out["check"] == {
        "inside": False,
        "requires_reason": True,
        "checklist_item": 6,
        "messages": [
            "拟罚款金额500000元高于裁量基准「严重」情形的上限400000元",
            "拟处罚超出裁量基准范围，须书面说明理由（法制审核第6项「裁量基准运用是否适当」将予标记）",
        ],
        "notes": [],
    }
    bad = post(c, "/suggest", {**body, "facts": {"level": "特别严重"}})
    assert bad.status_code == 400 and bad.json() == {"code": "invalid_facts", "message": "未知的裁量等级「特别严重」"}
    nope = post(c, "/suggest", {**body, "item_id": 999999})
    assert nope.status_code == 404 and nope.json()["message"] == "执法事项不存在或无权查看"


def test_major_evaluation(officer: Any, agency: Any) -> None:
    c = client_for(officer)
    major = post(c, "/major", {"party_kind": "organization", "fine_amount": 60000}).json()
    assert major["major"] is True and major["agency_id"] == agency.pk
    assert [r["text"] for r in major["reasons"]] == ["对法人或者其他组织处以5万元以上罚款（拟罚款60000元）"]
    small = post(c, "/major", {"party_kind": "person", "fine_amount": 2000}).json()
    assert small == {"agency_id": agency.pk, "major": False, "reasons": []}
    flagged = post(c, "/major", {"party_kind": "person", "flags": {"public_interest": "涉及饮用水源安全"}}).json()
    assert flagged["reasons"][0]["text"] == "涉及重大公共利益：涉及饮用水源安全"
    no_reason = post(c, "/major", {"party_kind": "person", "flags": {"public_interest": ""}})
    assert no_reason.status_code == 400
    assert no_reason.json()["message"] == "标记重大执法决定情形「涉及重大公共利益」须填写理由"


def test_import_over_the_api(agency: Any, agency_head: Any, officer: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    make_item(agency, "A1")
    denied = client_for(officer).post(f"{API}/import", {"file": SimpleUploadedFile("a.xlsx", standard_file("A1"))})
    assert denied.status_code == 403
    c = client_for(agency_head)
    bad = c.post(f"{API}/import", {"file": SimpleUploadedFile("a.xlsx", workbook([main_row("ZZ", "一般")]))})
    assert bad.status_code == 400
    assert bad.json()["details"]["errors"] == [
        "「裁量基准」工作表第2行「事项编码」：本机关没有编码为「ZZ」的执法事项",
        "「裁量基准」工作表第2行「处罚种类」：处罚种类含罚款，须填写罚款下限和上限或违法所得倍数下限和上限",
    ]
    ok = c.post(f"{API}/import", {"file": SimpleUploadedFile("a.xlsx", standard_file("A1")), "publish": "true"})
    assert ok.status_code == 200 and ok.json()["created"] == 1 and ok.json()["rows"] == 4


@pytest.mark.e2e
def test_suggest_over_http_against_the_live_server(live_server: Any, officer: Any, bench: Any) -> None:
    """A real HTTP client: sign in through the login page, then call the API with the CSRF token."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    login_url = f"{live_server.url}/accounts/login/"
    page = opener.open(login_url, timeout=15).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token
    form = urllib.parse.urlencode(
        {"username": officer.username, "password": PASSWORD, "csrfmiddlewaretoken": token[1]}
    ).encode()
    opener.open(urllib.request.Request(login_url, data=form, headers={"Referer": login_url}), timeout=15)
    csrf = str(next(c.value for c in jar if c.name == "csrftoken"))
    body = json.dumps(
        {"item_id": bench.item_id, "party_kind": "organization", "facts": {"level": "一般", "factors": ["eliminated"]}}
    ).encode()
    request = urllib.request.Request(
        f"{live_server.url}{API}/suggest",
        data=body,
        headers={"Content-Type": "application/json", "X-CSRFToken": csrf, "Referer": live_server.url},
    )
    with opener.open(request, timeout=15) as resp:
        assert resp.status == 200
        data = json.loads(resp.read())
    assert (data["level_label"], data["amount_min"], data["amount_max"], data["recommended_amount"]) == (
        "一般",
        "1000",
        "5000",
        "2000",
    )
    assert "情节合计调整-50%，参考罚款金额2000元" in data["reasons"]
