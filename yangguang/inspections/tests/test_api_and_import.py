"""The API end to end over HTTP (plan → approve → publish → commit → reveal → result → review →
figures → public proof) and the XLSX imports of plans and conflicts (all rows checked first)."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from django.test import Client
from openpyxl import Workbook

from yangguang.inspections.models import Conflict, InspectionPlan, InspectionTask

from .conftest import DAY

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _post(c: Client, url: str, body: dict[str, Any]) -> Any:
    return c.post(url, json.dumps(body), content_type="application/json")


def test_api_flow(joint: Any, unit_head: Any, agency_head: Any) -> None:
    head, maker = _client(agency_head), _client(unit_head)
    r = _post(
        maker,
        "/api/inspections/plans",
        {
            "title": "API联合抽查",
            "year": 2026,
            "item_ids": [joint.market_item.pk, joint.health_item.pk],
            "participant_ids": [joint.health.pk],
            "industries": ["餐饮服务"],
            "period_start": DAY.isoformat(),
            "period_end": "2026-06-30",
            "quotas": {"low": {"ratio": "0.02"}, "medium": {"ratio": "0.02"}, "high": {"ratio": "0.02"}},
            "per_agency": 1,
        },
    )
    assert r.status_code == 200, r.content
    plan_id = r.json()["id"]
    r = _post(
        maker,
        f"/api/inspections/plans/{plan_id}/commit",
        {"seed_source": "x", "revealer_id": agency_head.pk, "inspection_date": DAY.isoformat()},
    )
    assert r.status_code == 400 and r.json()["message"] == "计划须经批准并公开后才能抽取（事前公开）"
    r = _post(maker, f"/api/inspections/plans/{plan_id}/approve", {})
    assert r.status_code == 403 and r.json() == {"code": "forbidden", "message": "只有行政机关负责人可以批准抽查计划"}
    assert _post(head, f"/api/inspections/plans/{plan_id}/approve", {}).status_code == 200
    assert _post(maker, f"/api/inspections/plans/{plan_id}/publish", {}).json()["status"] == "published"
    draw = _post(
        maker,
        f"/api/inspections/plans/{plan_id}/commit",
        {"seed_source": "NIST beacon pulse 123", "revealer_id": agency_head.pk, "inspection_date": DAY.isoformat()},
    ).json()
    assert draw["status"] == "committed" and len(draw["commitment_sha256"]) == 64
    r = _post(maker, f"/api/inspections/draws/{draw['id']}/reveal", {"seed": "abc"})
    assert r.status_code == 403 and r.json()["message"] == "只有承诺时指定的人员可以录入随机种子"
    draw = _post(head, f"/api/inspections/draws/{draw['id']}/reveal", {"seed": "abc"}).json()
    assert draw["status"] == "drawn" and set(draw["files"]) >= {"entities.tsv", "result.tsv"}
    # The draw may pick the market inspector who has no login (王检查): take a task and an assigned
    # inspector who can sign in.
    task, inspector = next(
        (t, a.officer.user)
        for t in InspectionTask.objects.filter(plan_id=plan_id).order_by("pk")
        for a in t.assignments.select_related("officer__user").order_by("pk")
        if hasattr(a.officer, "user")
    )
    r = _post(
        _client(inspector),
        f"/api/inspections/tasks/{task.pk}/result",
        {"result_code": "no_problem", "record": "未发现问题", "inspected_on": DAY.isoformat()},
    )
    assert r.json()["status"] == "submitted"
    assert _post(maker, f"/api/inspections/tasks/{task.pk}/review", {"approve": True}).json()["status"] == "approved"
    figures = maker.get(f"/api/inspections/plans/{plan_id}/figures").json()["strata"]
    row = next(f for f in figures if f["stratum"] == task.stratum)
    assert row["published"] == 1 and row["noncompliance_estimate"] == 0.0 and row["ci95_high"] > 0
    public = Client().get(f"/api/inspections/public/plans/{plan_id}").json()
    assert public["draws"][0]["seed"] == "abc"
    record = Client().get(f"/api/inspections/public/entities/{task.entity.uscc}?year=2026").json()
    assert record["count"] == 1 and record["inspections"][0]["result"] == "未发现问题"


def _xlsx(rows: list[list[Any]]) -> io.BytesIO:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    buf.name = "import.xlsx"
    return buf


def test_import_plans_all_rows_checked_first(joint: Any, unit_head: Any) -> None:
    from yangguang.inspections.importer import PLAN_COLUMNS

    good = [
        "餐饮年度抽查",
        "年度",
        "2026-03-02",
        "2026-06-30",
        "SJ-SP-01;SJ-WS-01",
        joint.health.uscc,
        "餐饮服务",
        "2",
        "5",
        "30",
        "1",
    ]
    bad = ["专项抽查", "专项", "2026-13-01", "2026-06-30", "NOPE", "", "", "2", "", "", "2"]
    c = _client(unit_head)
    r = c.post("/api/inspections/import/plans", {"file": _xlsx([list(PLAN_COLUMNS), good, bad])})
    assert r.status_code == 400
    assert r.json()["details"]["errors"] == ["第3行：日期“2026-13-01”无效，应为“YYYY-MM-DD”格式（如2024-01-31）"]
    assert not InspectionPlan.objects.exists()
    r = c.post("/api/inspections/import/plans", {"file": _xlsx([list(PLAN_COLUMNS), good])})
    assert r.json()["created"] == 1
    plan = InspectionPlan.objects.get()
    assert plan.quotas["high"]["ratio"] == "0.3" and list(plan.participants.all()) == [joint.health]


def test_import_conflicts(joint: Any, unit_head: Any, officer: Any) -> None:
    from yangguang.inspections.importer import CONFLICT_COLUMNS

    e = joint.restaurants[0]
    rows = [
        list(CONFLICT_COLUMNS),
        [officer.officer.certificate_no, e.uscc, "近亲属关系", "配偶"],
        ["NOPE", e.uscc, "近亲属关系", ""],
    ]
    c = _client(unit_head)
    r = c.post("/api/inspections/import/conflicts", {"file": _xlsx(rows)})
    assert r.status_code == 400 and r.json()["details"]["errors"] == ["第3行：执法证号不存在"]
    assert not Conflict.objects.exists()
    r = c.post("/api/inspections/import/conflicts", {"file": _xlsx(rows[:2])})
    assert r.json()["created"] == 1
