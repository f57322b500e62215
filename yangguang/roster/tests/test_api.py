"""Roster API (/api/roster/): scoped, paged lists, officer detail and file import; one test over
real HTTP against the live server with a session cookie and CSRF token."""

from __future__ import annotations

import http.cookiejar
import json
import urllib.error
import urllib.parse
import urllib.request
import uuid
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from conftest import PASSWORD
from yangguang.roster.models import Officer, Region, RegionLevel
from yangguang.roster.tests.factories import AgencyFactory, EnforcementItemFactory, EntityFactory, OfficerFactory
from yangguang.roster.tests.sheets import OFFICER_HEADERS, officer_row, xlsx


def signed_in(client: Client, user: Any) -> Client:
    client.force_login(user)  # the login page itself is tested elsewhere; this skips slow hashing
    return client


@pytest.fixture
def nanjing(db: Any) -> Any:
    region = Region.objects.create(code="320100", name="南京市", level=RegionLevel.CITY, path="/320100/")
    agency = AgencyFactory(name="南京市交通运输局", region=region)
    OfficerFactory(name="郑十", agency=agency, certificate_no="JS320100Z9", region=region)
    EnforcementItemFactory(agency=agency, code="N-1", name="南京事项")
    return agency


def test_requires_login(public: Client, db: Any) -> None:
    response = public.get("/api/roster/officers")
    assert response.status_code == 401
    assert response.json() == {"code": "not_authenticated", "message": "需要登录"}


def test_officers_search_by_name_unit_or_certificate(client: Client, officer: Any, officer2: Any, nanjing: Any) -> None:
    signed_in(client, officer)
    data = client.get("/api/roster/officers").json()
    assert data["count"] == 2
    assert {o["name"] for o in data["items"]} == {"李明", "赵强"}
    assert [o["name"] for o in client.get("/api/roster/officers", {"q": "赵"}).json()["items"]] == ["赵强"]
    assert client.get("/api/roster/officers", {"q": "执法稽查"}).json()["count"] == 2
    cert = officer2.officer.certificate_no
    found = client.get("/api/roster/officers", {"q": cert.lower()}).json()["items"]
    assert [(o["certificate_no"], o["unit"], o["agency_name"]) for o in found] == [
        (cert, "执法稽查处", "杭州市市场监督管理局")
    ]
    assert client.get("/api/roster/officers", {"q": "郑十"}).json()["count"] == 0  # other agency: out of scope


def test_paging(client: Client, admin_user: Any, agency: Any) -> None:
    for i in range(5):
        OfficerFactory(agency=agency, name=f"分页{i}")
    signed_in(client, admin_user)
    page = client.get("/api/roster/officers", {"q": "分页", "page": "2", "page_size": "2"}).json()
    assert (page["count"], page["page"], page["page_size"], page["num_pages"]) == (5, 2, 2, 3)
    assert [o["name"] for o in page["items"]] == ["分页2", "分页3"]
    assert client.get("/api/roster/officers", {"page_size": 10_000}).json()["page_size"] == 200


def test_officer_detail_and_scope(client: Client, officer: Any, nanjing: Any) -> None:
    signed_in(client, officer)
    me = officer.officer
    data = client.get(f"/api/roster/officers/{me.pk}").json()
    assert data["name"] == "李明"
    assert data["category_labels"] == ["行政处罚", "行政检查", "行政强制", "行政许可"]
    assert data["certificate_valid_today"] is True
    assert data["region_name"] == "杭州市"
    other = Officer.objects.get(certificate_no="JS320100Z9")
    assert client.get(f"/api/roster/officers/{other.pk}").status_code == 404


def test_agencies_items_inspection_items_entities(client: Client, supervisor: Any, agency: Any, nanjing: Any) -> None:
    from yangguang.roster.models import InspectionItem

    EnforcementItemFactory(agency=agency, code="P-1", name="对无照经营的处罚")
    InspectionItem.objects.create(agency=agency, code="C-1", name="广告检查")
    EntityFactory(name="杭州甲有限公司")
    signed_in(client, supervisor)
    agencies = client.get("/api/roster/agencies").json()
    assert {a["name"] for a in agencies["items"]} == {"杭州市市场监督管理局", "杭州市司法局"}
    hz = next(a for a in agencies["items"] if a["uscc"] == agency.uscc)
    assert sorted(hz["units"]) == ["执法稽查处", "法规处"]
    assert client.get("/api/roster/agencies", {"q": "司法"}).json()["count"] == 1
    items = client.get("/api/roster/items", {"kind": "penalty"}).json()
    assert [(i["code"], i["kind_label"]) for i in items["items"]] == [("P-1", "行政处罚")]
    assert client.get("/api/roster/inspection-items", {"q": "广告"}).json()["items"][0]["ratio_percent"] == "5.00"
    entities = client.get("/api/roster/entities", {"q": "杭州甲"}).json()
    assert [e["name"] for e in entities["items"]] == ["杭州甲有限公司"]


def test_import_success_and_invalid(client: Client, security_admin: Any, agency: Any) -> None:
    signed_in(client, security_admin)
    good = xlsx([OFFICER_HEADERS, officer_row("张三", agency.uscc, "ZJ001")])
    response = client.post("/api/roster/import", {"kind": "officers", "file": SimpleUploadedFile("o.xlsx", good)})
    assert response.status_code == 200
    assert {k: response.json()[k] for k in ("kind", "created", "updated", "unchanged")} == {
        "kind": "officers",
        "created": 1,
        "updated": 0,
        "unchanged": 0,
    }
    bad = xlsx(
        [
            OFFICER_HEADERS,
            officer_row("张三", agency.uscc, "ZJ001", post="副科长"),
            officer_row("", agency.uscc, "ZJ002"),
        ]
    )
    response = client.post("/api/roster/import", {"kind": "officers", "file": SimpleUploadedFile("o.xlsx", bad)})
    assert response.status_code == 400
    assert response.json() == {
        "code": "import_invalid",
        "message": "文件未导入：发现1处错误，请改正后重新上传（本次未写入任何数据）",
        "error_count": 1,
        "errors": [{"row": 3, "field": "姓名", "message": "第3行“姓名”：不能为空"}],
    }
    assert Officer.objects.get(certificate_no="ZJ001").post == "科员"


def test_import_permission_and_unknown_kind(client: Client, officer: Any, agency_head: Any) -> None:
    data = SimpleUploadedFile("o.xlsx", b"x")
    response = signed_in(client, officer).post("/api/roster/import", {"kind": "officers", "file": data})
    assert response.status_code == 403
    assert response.json() == {
        "code": "forbidden",
        "message": "仅系统管理员、安全管理员（执法人员）和行政机关负责人可以导入名册数据",
    }
    client.logout()
    response = signed_in(client, agency_head).post(
        "/api/roster/import", {"kind": "oops", "file": SimpleUploadedFile("o.xlsx", b"x")}
    )
    assert response.status_code == 400
    assert response.json() == {"code": "unknown_kind", "message": "未知的名册类型“oops”"}


def _multipart(fields: dict[str, str], files: dict[str, tuple[str, bytes]]) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts: list[bytes] = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, (filename, content) in files.items():
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        )
        parts.append(head.encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


@pytest.mark.e2e
def test_api_over_http_with_session_cookie(live_server: Any, security_admin: Any, agency: Any) -> None:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.open(f"{live_server.url}/accounts/login/").read()
    csrf = next(c.value for c in jar if c.name == "csrftoken")
    form = urllib.parse.urlencode({"username": "secadmin", "password": PASSWORD, "csrfmiddlewaretoken": csrf}).encode()
    opener.open(urllib.request.Request(f"{live_server.url}/accounts/login/", data=form)).read()
    csrf = next(c.value for c in jar if c.name == "csrftoken")

    body, content_type = _multipart(
        {"kind": "officers"},
        {"file": ("人员.xlsx", xlsx([OFFICER_HEADERS, officer_row("张三", agency.uscc, "ZJ-HTTP-1")]))},
    )
    request = urllib.request.Request(
        f"{live_server.url}/api/roster/import",
        data=body,
        headers={"Content-Type": content_type, "X-CSRFToken": csrf or "", "Referer": live_server.url},
    )
    with opener.open(request) as response:
        assert json.load(response)["created"] == 1

    bad, content_type = _multipart(
        {"kind": "officers"}, {"file": ("人员.csv", "姓名,执法证号\n张三,X\n".encode("gb18030"))}
    )
    request = urllib.request.Request(
        f"{live_server.url}/api/roster/import",
        data=bad,
        headers={"Content-Type": content_type, "X-CSRFToken": csrf or "", "Referer": live_server.url},
    )
    with pytest.raises(urllib.error.HTTPError) as failed:
        opener.open(request)
    assert failed.value.code == 400
    errors = json.load(failed.value)["errors"]
    assert [e["message"] for e in errors] == [
        "第1行“执法主体统一社会信用代码”：缺少必填列",
        "第1行“执法区域”：缺少必填列",
        "第1行“证件有效期起”：缺少必填列",
        "第1行“证件有效期至”：缺少必填列",
    ]

    with opener.open(f"{live_server.url}/api/roster/officers?q=ZJ-HTTP") as response:
        data = json.load(response)
    assert [o["name"] for o in data["items"]] == ["张三"]
    # Without the session cookie the API refuses.
    with pytest.raises(urllib.error.HTTPError) as anonymous:
        urllib.request.urlopen(f"{live_server.url}/api/roster/officers")
    assert anonymous.value.code == 401
