"""The cases API: create, list, detail with timeline and available actions, transitions with
{code, message} errors, deadlines, workflows."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.test import Client

from yangguang.cases.tests.conftest import company

D = dt.date


def _client(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_create_list_detail_and_step(officer: Any, officer2: Any, item: Any, unit_head: Any) -> None:
    c = _client(officer)
    r = c.post(
        "/api/cases/",
        {
            "kind": "penalty_ordinary",
            "title": "涉嫌销售过期食品案",
            "parties": [company()],
            "officers": [officer2.officer.pk],
            "item": item.pk,
            "source": "complaint",
            "facts": "销售过期食品",
            "violation_date": "2026-03-01",
            "discovery_date": "2026-03-02",
            "occurred_on": "2026-03-02",
        },
        content_type="application/json",
    )
    assert r.status_code == 201, r.content
    case_id = r.json()["id"]
    assert r.json()["state"] == "clue"
    assert [i["id"] for i in c.get("/api/cases/").json()["items"]] == [case_id]
    detail = c.get(f"/api/cases/{case_id}").json()
    assert {a["action"] for a in detail["available_actions"]} == {"file", "not_file", "add_officer"}
    assert detail["timeline"][0]["action"] == "create"
    r = c.post(
        f"/api/cases/{case_id}/transitions",
        {"action": "file", "occurred_on": "2026-03-02", "data": {"approval": "同意"}},
        content_type="application/json",
    )
    assert r.status_code == 201 and r.json()["step"]["action"] == "approval_request"
    assert r.json()["case"]["state"] == "clue"  # 立案审批 by the unit head first
    head = _client(unit_head)
    queue = head.get("/api/cases/approvals").json()["queue"]
    assert [(q["case"], q["label"]) for q in queue] == [(case_id, "立案审批")]
    r = head.post(
        f"/api/cases/approvals/{queue[0]['id']}/decision",
        {"approve": True, "opinion": "同意立案", "occurred_on": "2026-03-02"},
        content_type="application/json",
    )
    assert r.status_code == 201 and r.json()["case"]["state"] == "investigating"
    assert r.json()["approval"]["status"] == "approved" and r.json()["step"]["data"]["approval"]["by"] == "钱科长"
    deadlines = c.get("/api/cases/deadlines").json()
    assert deadlines["mine"][0]["code"] == "decision" and deadlines["mine"][0]["due"] == "2026-06-01"


def test_errors_are_code_and_message(new_case: Any, officer: Any, agency_head: Any) -> None:
    case = new_case(officers=[])
    r = _client(officer).post(
        f"/api/cases/{case.pk}/transitions",
        {"action": "file", "occurred_on": "2026-03-02"},
        content_type="application/json",
    )
    assert r.status_code == 400
    assert r.json()["code"] == "two_officers_file"
    assert r.json()["message"] == "立案需至少两名持有效执法证的执法人员承办（《行政处罚法》第四十二条）"
    r = _client(officer).post(
        f"/api/cases/{case.pk}/transitions",
        {"action": "recuse", "data": {"officer": officer.officer.pk, "grounds": "x"}},
        content_type="application/json",
    )
    assert r.status_code == 403 and r.json()["code"] == "forbidden"
    assert _client(officer).get("/api/cases/999999").status_code == 404


def test_create_rejects_bad_party(officer: Any) -> None:
    bad = company() | {"id_number": "123"}
    r = _client(officer).post(
        "/api/cases/", {"kind": "penalty_ordinary", "title": "x", "parties": [bad]}, content_type="application/json"
    )
    assert r.status_code == 400
    assert r.json() == {"code": "invalid_data", "message": "统一社会信用代码无效（应为18位且校验位正确）"}


def test_anonymous_is_refused_but_workflows_are_public(public: Any) -> None:
    assert public.get("/api/cases/").status_code == 401
    wf = public.get("/api/cases/workflows").json()
    assert wf["penalty_ordinary"]["initial"] == "clue"
    decide = next(t for t in wf["penalty_ordinary"]["transitions"] if t["action"] == "decide")
    assert decide["roles"] == ["agency_head", "officer", "unit_head"] and "statement_period_over" in decide["guards"]
    assert decide["approval"] == {"code": "decision", "label": "处罚决定审签", "approvers": ["agency_head"]}
