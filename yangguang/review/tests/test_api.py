"""The review API over HTTP: submit, queue, assign, findings and opinion, resubmit with the changes,
coordination; errors as {code, message}."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from yangguang.review.tests.conftest import PROPOSAL

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _post(c: Client, url: str, body: dict[str, Any]) -> Any:
    return c.post(url, body, content_type="application/json")


def _findings(**problems: str) -> list[dict[str, Any]]:
    out = []
    for n in range(1, 10):
        note = problems.get(f"c{n}", "")
        out.append({"check": n, "result": "problem" if note else "ok", "note": note})
    return out


def test_review_through_the_api(
    ended_case: Any, step: Any, officer: Any, review_reviewer: Any, agency_head: Any
) -> None:
    case = ended_case()
    step(case, "propose", officer, **{**PROPOSAL, "fine": "50000", "level": "severe"})
    unit, rev, head = _client(officer), _client(review_reviewer), _client(agency_head)
    r = _post(unit, f"/api/review/cases/{case.pk}/submit", {"truth_statement": False})
    assert r.status_code == 400
    assert r.json() == {
        "code": "truth_statement_required",
        "message": "提交法制审核须由承办机构声明对提交材料的真实性、完整性负责",
    }
    r = _post(unit, f"/api/review/cases/{case.pk}/submit", {"truth_statement": True, "note": "请审核"})
    assert r.status_code == 201
    rid = r.json()["id"]
    assert r.json()["rounds"][0]["materials"]["proposal"] == "罚款；罚款50000元"
    assert [x["id"] for x in rev.get("/api/review/queue").json()["unassigned"]] == [rid]
    assert len(rev.get("/api/review/checks").json()) == 9

    r = _post(rev, f"/api/review/requests/{rid}/assign", {"reviewer_id": officer.officer.pk})
    assert r.status_code == 400 and r.json()["code"] == "reviewer_not_eligible"
    r = _post(rev, f"/api/review/requests/{rid}/assign", {"reviewer_id": review_reviewer.officer.pk})
    assert r.status_code == 200 and r.json()["status"] == "in_review"
    assert [x["id"] for x in rev.get("/api/review/queue").json()["mine"]] == [rid]

    r = _post(
        rev, f"/api/review/requests/{rid}/opinion", {"findings": _findings()[:8], "opinion": "agree", "text": "同意"}
    )
    assert r.status_code == 400
    assert r.json()["message"] == "请对九项审核事项逐项作出审核结论（缺少第9项「是否涉嫌犯罪需移送司法机关」）"
    r = _post(
        unit, f"/api/review/requests/{rid}/opinion", {"findings": _findings(), "opinion": "agree", "text": "同意"}
    )
    assert r.status_code == 403 and r.json()["code"] == "forbidden"
    body = {"findings": _findings(c4="缺少当事人营业执照复印件"), "opinion": "problems", "text": "证据不充分，请补充"}
    r = _post(rev, f"/api/review/requests/{rid}/opinion", body)
    assert r.status_code == 200 and r.json()["status"] == "returned"
    assert r.json()["rounds"][0]["document"]["title"] == "法制审核意见书"

    # the unit disagrees: coordination; the agency head upholds the reviewer
    r = _post(unit, f"/api/review/requests/{rid}/coordination", {"unit_position": "营业执照信息已在系统截图中"})
    assert r.status_code == 201 and r.json()["status"] == "coordination"
    r = _post(
        head,
        f"/api/review/requests/{rid}/coordination/resolve",
        {"method": "agency_head", "outcome": "reviewer", "conclusion": "补充营业执照复印件"},
    )
    assert r.status_code == 200 and r.json()["status"] == "returned"
    assert r.json()["coordinations"][0]["unit_position"] == "营业执照信息已在系统截图中"

    # the unit completes the facts and resubmits; the reviewer sees the change
    facts = "当事人未按规定公示2025年度报告，经责令仍未改正。"
    r = _post(
        unit,
        f"/api/cases/{case.pk}/transitions",
        {"action": "propose", "data": {**PROPOSAL, "fine": "50000", "level": "severe", "facts": facts}},
    )
    assert r.status_code == 201
    r = _post(unit, f"/api/review/cases/{case.pk}/resubmit", {"truth_statement": True, "changes": "补充违法事实"})
    assert r.status_code == 201
    changes = {c["key"]: c for c in r.json()["rounds"][1]["changes"]}
    assert set(changes) == {"facts", "procedure"}
    assert changes["facts"]["after"] == facts
    r = _post(rev, f"/api/review/requests/{rid}/opinion", {"findings": _findings(), "opinion": "agree", "text": "同意"})
    assert r.json()["status"] == "passed"
    detail = unit.get(f"/api/review/cases/{case.pk}").json()
    assert detail["major"] is True and detail["passed"] is True
    assert detail["reasons"] == ["对法人或者其他组织处以5万元以上罚款（拟罚款50000元）"]
    assert unit.get("/api/review/requests/999999").status_code == 404
