"""Supervision API (/api/supervision/): the Done-when story over real HTTP (late-publication hit →
clue → 监督意见书 → the agency head answers with rectification and evidence → the bureau accepts →
the clue is closed), and the refusals as {code, message}."""

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
from yangguang.cases.models import CaseOfficer
from yangguang.ledger.models import Entry
from yangguang.roster.tests.factories import OfficerFactory, UserFactory
from yangguang.supervision.models import HitMark, SupervisionDocument

from .conftest import D, make_case, make_publication
from .test_evaluation import _xlsx

pytestmark = pytest.mark.django_db


class Http:
    """A browser-like session against the live server: the login form, the session cookie and the
    CSRF header on writes."""

    def __init__(self, base: str, username: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.opener.open(f"{base}/accounts/login/").read()
        form = {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": self._csrf()}
        self.opener.open(urllib.request.Request(f"{base}/accounts/login/", data=urllib.parse.urlencode(form).encode()))

    def _csrf(self) -> str:
        return next(c.value for c in self.jar if c.name == "csrftoken") or ""

    def call(self, method: str, path: str, body: Any = None, *, content_type: str = "application/json") -> Any:
        data = body if isinstance(body, bytes) else (json.dumps(body).encode() if body is not None else None)
        headers = {"X-CSRFToken": self._csrf(), "Referer": self.base, "Content-Type": content_type}
        request = urllib.request.Request(
            f"{self.base}/api/supervision{path}", data=data, headers=headers, method=method
        )
        with self.opener.open(request) as response:
            return json.load(response)

    def raw(self, path: str) -> tuple[str, bytes]:
        with self.opener.open(f"{self.base}/api/supervision{path}") as response:
            return response.headers["Content-Type"], response.read()

    def error(self, method: str, path: str, body: Any = None) -> tuple[int, dict[str, Any]]:
        with pytest.raises(urllib.error.HTTPError) as failed:
            self.call(method, path, body)
        return failed.value.code, json.load(failed.value)


def _multipart(fields: dict[str, str], files: dict[str, tuple[str, bytes]]) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode() for k, v in fields.items()
    ]
    for name, (filename, content) in files.items():
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        )
        parts.append(head.encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


@pytest.mark.e2e
def test_hit_to_accepted_rectification_over_http(
    live_server: Any, agency: Any, officer: Any, supervisor: Any, agency_head: Any
) -> None:
    pub = make_publication(make_case(agency, officer), due=D(2026, 1, 5), status="pending")
    key = f"publication:{pub.pk}"
    bureau = Http(live_server.url, "supervisor")

    models = bureau.call("GET", "/models")
    late = next(m for m in models["items"] if m["code"] == "publication_late")
    assert late["hits"] == 1 and late["version"] and late["provision"] and late["rule"]
    assert late["precision"] is None and {p["name"] for p in late["parameters"]} >= {"window_days"}
    hits = bureau.call("GET", "/models/publication_late/hits")
    assert [h["key"] for h in hits["items"]] == [key] and hits["items"][0]["agency_id"] == agency.pk

    clue = bureau.call("POST", "/models/publication_late/hits/clue", {"key": key})
    assert clue["source"] == "model" and clue["agency_id"] == agency.pk and clue["status"] == "new"
    doc = bureau.call(
        "POST",
        f"/clues/{clue['id']}/documents",
        {"kind": "opinion", "problems": "执法决定逾期未公开", "requirements": "立即公开并建立公开台账"},
    )
    assert doc["number"].startswith("杭司执法监意〔") and doc["status"] == "sent" and doc["due_on"]

    head = Http(live_server.url, "agencyhead")
    assert [d["number"] for d in head.call("GET", "/documents")["items"]] == [doc["number"]]
    assert head.error("GET", "/models")[0] == 403
    body, content_type = _multipart({"rectification": "已公开，附公开截图"}, {"evidence": ("截图.pdf", b"%PDF-1.4 x")})
    answer = head.call("POST", f"/documents/{doc['id']}/answer", body, content_type=content_type)
    assert answer["round"] == 1 and answer["status"] == "pending" and len(answer["evidence_sha256"]) == 64
    assert bureau.raw(f"/answers/{answer['id']}/evidence") == ("application/octet-stream", b"%PDF-1.4 x")

    status, error = bureau.error("POST", f"/documents/{doc['id']}/decide", {"accept": False})
    assert (status, error) == (400, {"code": "note_required", "message": "退回时请写明理由"})
    decided = bureau.call("POST", f"/documents/{doc['id']}/decide", {"accept": True})
    assert decided["status"] == "accepted" and decided["answers"][0]["status"] == "accepted"
    closed = bureau.call("POST", f"/clues/{clue['id']}/close", {"finding": "confirmed", "text": "逾期公开属实，已整改"})
    assert closed["status"] == "closed"

    assert HitMark.objects.get(rule="publication_late", key=key).verdict == "confirmed"
    assert bureau.call("GET", "/models/publication_late")["precision"] == 100.0
    subject = SupervisionDocument.objects.get(pk=doc["id"]).subject_label
    assert list(Entry.objects.filter(subject=subject).order_by("seq").values_list("action", flat=True)) == [
        "supervision.document.issue",
        "supervision.document.answer",
        "supervision.document.accept",
    ]


def _client(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_refusals_are_code_and_message(agency: Any, officer: Any, supervisor: Any, agency_head: Any) -> None:
    bureau = _client(supervisor)
    assert bureau.get("/api/supervision/models/nope").json() == {"code": "not_found", "message": "没有这个监督预警模型"}
    response = bureau.post(
        "/api/supervision/models/publication_late/hits/mark",
        {"key": "publication:999999", "verdict": "confirmed"},
        content_type="application/json",
    )
    assert response.status_code == 400 and response.json()["code"] == "hit_not_found"
    response = bureau.post(
        "/api/supervision/clues",
        {"agency_id": agency.pk, "title": " ", "description": "x"},
        content_type="application/json",
    )
    assert response.status_code == 400 and response.json() == {"code": "title_required", "message": "请填写线索标题"}
    clue = bureau.post(
        "/api/supervision/clues",
        {"agency_id": agency.pk, "title": "执法人员着装不规范", "description": "群众反映"},
        content_type="application/json",
    ).json()
    assigned = bureau.post(
        f"/api/supervision/clues/{clue['id']}/assign", {"assignee_id": supervisor.pk}, content_type="application/json"
    ).json()
    assert assigned["status"] == "investigating" and assigned["assignee_id"] == supervisor.pk
    assert bureau.get("/api/supervision/clues?status=bogus").status_code == 400
    assert [c["id"] for c in bureau.get("/api/supervision/clues?status=investigating").json()["items"]] == [clue["id"]]
    # The agency head may not see the bureau's clues; another agency's head sees no documents.
    assert _client(agency_head).get(f"/api/supervision/clues/{clue['id']}").status_code == 403
    assert _client(officer).get("/api/supervision/documents").status_code == 403


def _json(client: Client, path: str, body: Any = None) -> Any:
    if body is None:
        response = client.get(f"/api/supervision{path}")
    else:
        response = client.post(f"/api/supervision{path}", body, content_type="application/json")
    assert response.status_code == 200, response.content.decode()
    return response.json()


def test_evaluation_campaign_assessment_cockpit(
    agency: Any, officer: Any, supervisor: Any, agency_head: Any, justice_bureau: Any
) -> None:
    for _ in range(3):
        case = make_case(agency, officer, state="closed", filed_on=D(2026, 3, 2), decided_on=D(2026, 4, 1))
        case.closed_on = D(2026, 6, 1)
        case.save(update_fields=["closed_on"])
        for _ in range(2):
            handler: Any = OfficerFactory(agency=agency)
            CaseOfficer.objects.create(case=case, officer=handler, added_on=D(2026, 3, 2))
    bureau = _client(supervisor)
    sheet = _json(bureau, "/evaluations/sheets")["items"][0]
    plan = _json(
        bureau,
        "/evaluations",
        {"name": "案卷评查", "size": 2, "closed_from": "2026-01-01", "closed_until": "2026-12-31", "seed": "公开种子"},
    )
    assert plan["population"] == 3 and plan["size"] == 2 and plan["seed"] == "公开种子"
    detail = _json(bureau, f"/evaluations/{plan['id']}")
    assert [f["rank"] for f in detail["files"]] == [1, 2] and detail["files"][0]["prescore"]
    points = {i["code"]: i["points"] for i in sheet["items"] if i["section"] != "veto"}
    second = UserFactory(username="supervisor2", role="supervisor", agency=justice_bureau)
    _json(bureau, f"/evaluations/{plan['id']}/files/1/score", {"points": points})
    low = dict(points, **{next(iter(points)): 0})
    scored = _json(_client(second), f"/evaluations/{plan['id']}/files/1/score", {"points": low})
    assert scored["grade"] in ("excellent", "pass")
    file1 = _json(bureau, f"/evaluations/{plan['id']}")["files"][0]
    assert len(file1["scores"]) == 2 and file1["agreement"]["same_grade"] in (True, False) and file1["final"]
    report = _json(bureau, f"/evaluations/{plan['id']}/report")["agencies"]
    assert report[0]["files"] == 2 and report[0]["scored"] == 1
    response = bureau.post(
        f"/api/supervision/evaluations/{plan['id']}/files/1/score", {"points": {}}, content_type="application/json"
    )
    assert response.status_code == 400 and response.json()["code"] == "points_required"

    campaign = _json(
        bureau, "/campaigns", {"title": "行政执法突出问题专项整治", "tasks": "自查自纠", "report_due": "2099-01-31"}
    )
    head = _client(agency_head)
    assert [c["id"] for c in _json(head, "/campaigns")["items"]] == [campaign["id"]]
    _json(head, f"/campaigns/{campaign['id']}/report", {"report": "已完成自查"})
    problem = _json(
        head,
        f"/campaigns/{campaign['id']}/problems",
        {
            "category": "publicity",
            "description": "公示不及时",
            "measure": "建立台账",
            "owner": "周局长",
            "due_on": "2099-03-01",
        },
    )
    evidence = SimpleUploadedFile("台账.pdf", b"%PDF-1.4 ledger")
    response = head.post(
        f"/api/supervision/problems/{problem['id']}/progress", {"progress": "已建立台账", "evidence": evidence}
    )
    assert response.status_code == 200 and response.json()["status"] == "submitted"
    download = bureau.get(f"/api/supervision/problems/{problem['id']}/evidence")
    assert download.status_code == 200 and download.getvalue() == b"%PDF-1.4 ledger"
    assert head.post(
        f"/api/supervision/problems/{problem['id']}/decide", {"accept": True}, content_type="application/json"
    ).status_code in (403, 404)
    assert _json(bureau, f"/problems/{problem['id']}/decide", {"accept": True})["status"] == "accepted"
    summary = _json(bureau, f"/campaigns/{campaign['id']}/summary")
    assert summary["problems"] == 1 and summary["closure_rate"] == 100.0 and summary["reported"] == 1
    part = _json(head, f"/campaigns/{campaign['id']}")["participants"]
    assert [p["agency_id"] for p in part] == [agency.pk] and part[0]["problems"][0]["status"] == "accepted"

    figures = _json(bureau, "/assessment")
    assert {i["code"] for i in figures["indicators"]} >= {"holding", "rectification"}
    assert next(r for r in figures["agencies"] if r["id"] == agency.pk)["rectification"] == 100.0
    cockpit = _json(bureau, "/cockpit")
    assert cockpit["region_code"] == agency.region.code and "months" in cockpit and "agencies" in cockpit
    assert bureau.get("/api/supervision/cockpit?region=999999").status_code == 404


def test_sheet_import_over_the_api(supervisor: Any, agency_head: Any) -> None:
    good = _xlsx(
        [["否决项", "V1", "执法主体不合法", 0, ""], ["形式", "F1", "文书规范", 20, ""], ["实体", "S1", "事实", 80, ""]]
    )
    upload = SimpleUploadedFile("标准.xlsx", good)
    response = _client(supervisor).post(
        "/api/supervision/evaluations/sheets", {"name": "省标准", "version": "2026", "file": upload}
    )
    assert response.status_code == 200 and response.json()["items"] == 3
    bad = SimpleUploadedFile("标准.xlsx", _xlsx([["实体", "S1", "事实", 70, ""]]))
    response = _client(supervisor).post(
        "/api/supervision/evaluations/sheets", {"name": "坏", "version": "1", "file": bad}
    )
    assert response.status_code == 400 and "评分项分值合计应为100分，现为70分" in response.json()["message"]
    denied = SimpleUploadedFile("标准.xlsx", good)
    response = _client(agency_head).post(
        "/api/supervision/evaluations/sheets", {"name": "x", "version": "1", "file": denied}
    )
    assert response.status_code == 403
