"""Case-file evaluation: a plan draws 10 of 12 closed case files by consistent sampling (recomputed
here from the seed), the system pre-scores what the record shows, two evaluators score a file and
their agreement shows, the report gives the grades per agency; a sheet is imported from XLSX and a
sheet whose points do not sum to 100 is refused."""

from __future__ import annotations

import hashlib
import io
from typing import Any

import pytest
from django.test import Client
from openpyxl import Workbook

from yangguang.cases.models import CaseOfficer
from yangguang.core.errors import DomainError
from yangguang.ledger.models import Entry
from yangguang.roster.tests.factories import OfficerFactory, UserFactory
from yangguang.supervision import evaluation
from yangguang.supervision.models import EvaluationPlan, ScoringSheet

from .conftest import D, make_case

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _closed(agency: Any, officer: Any, n: int, *, officers: int = 2) -> list[Any]:
    out = []
    for _ in range(n):
        case = make_case(
            agency,
            officer,
            state="closed",
            filed_on=D(2026, 3, 2),
            notice_on=D(2026, 3, 20),
            decided_on=D(2026, 4, 1),
            served_on=D(2026, 4, 2),
            closed_on=D(2026, 6, 1),
        )
        for _ in range(officers):
            handler: Any = OfficerFactory(agency=agency)
            CaseOfficer.objects.create(case=case, officer=handler, added_on=D(2026, 3, 2))
        out.append(case)
    return out


def test_draw_prescore_two_evaluators_report(agency: Any, officer: Any, supervisor: Any, justice_bureau: Any) -> None:
    cases = _closed(agency, officer, 11) + _closed(agency, officer, 1, officers=1)
    make_case(agency, officer, state="investigating")  # not closed: never drawn
    plan = evaluation.draw_plan(
        actor=supervisor,
        name="2026年行政处罚案卷评查",
        size=10,
        closed_from=D(2026, 1, 1),
        closed_until=D(2026, 12, 31),
        seed="20261206-公开摇号",
        today=D(2026, 12, 6),
    )
    assert plan.code == "PC2026-001" and plan.population == 12 and plan.size == 10
    expected = sorted(
        cases, key=lambda c: hashlib.sha256(f"20261206-公开摇号\0PC2026-001\0{c.number}".encode()).digest()
    )[:10]
    assert [f.case_id for f in plan.files.order_by("rank")] == [c.pk for c in expected]
    entry = Entry.objects.get(subject=plan.subject_label, action="supervision.evaluation.draw")
    assert "20261206-公开摇号" in entry.canonical and plan.population_sha256 in entry.canonical
    # the system's pre-score: two officers, deadlines, documents...
    one_officer = plan.files.filter(case=cases[-1]).first()
    if one_officer is not None:
        assert one_officer.prescore["V3"] == {"ok": False, "note": "承办人员1人"}
    f = plan.files.get(rank=1)
    assert f.prescore["S4"]["ok"] and f.prescore["F2"] == {"ok": False, "note": "已制发执法文书0份"}
    points = {"F1": "5", "F2": "8", "F3": "5", "S1": "25", "S2": "15", "S3": "10", "S4": "10", "S5": "10", "S6": "5"}
    with pytest.raises(DomainError) as exc:
        evaluation.score_file(actor=supervisor, file=f, vetoes=[], points=points | {"S1": "30"})
    assert exc.value.message == "S1的得分应在0至25分之间"
    evaluation.score_file(actor=supervisor, file=f, vetoes=[], points=points)
    second: Any = UserFactory(username="supervisor2", role="supervisor", agency=justice_bureau)
    evaluation.score_file(actor=second, file=f, vetoes=[], points=points | {"S1": "20", "S6": "0"})
    scores = list(f.scores.order_by("pk"))
    assert [(s.total, s.grade) for s in scores] == [(93, "excellent"), (83, "pass")]
    assert evaluation.agreement(scores, plan.sheet) == {"difference": 10, "same_grade": False, "items": 86.7}
    row = evaluation.report(plan)[0]
    assert (row["files"], row["scored"], row["pass"], row["mean"]) == (10, 1, 1, 88)
    page = _client(supervisor).get(f"/supervision/evaluations/{plan.pk}/").content.decode()
    assert "相差10分，逐项一致86.7%" in page and "等次不一致" in page and "88.0分 合格" in page


def test_plan_and_scoring_pages(agency: Any, officer: Any, supervisor: Any, agency_head: Any) -> None:
    _closed(agency, officer, 3)
    c = _client(supervisor)
    assert c.get("/supervision/evaluations/").status_code == 200
    r = c.post(
        "/supervision/evaluations/",
        {"name": "专项评查", "size": "2", "closed_from": "2026-01-01", "closed_until": "2026-12-31", "sheet": ""},
    )
    plan = EvaluationPlan.objects.get()
    assert r.status_code == 302 and plan.size == 2
    page = c.get(f"/supervision/evaluations/{plan.pk}/files/1/").content.decode()
    assert "系统预评" in page and "执法人员少于两人" in page and "承办人员2人" in page
    posted = {
        f"p_{k}": v
        for k, v in {"F1": 5, "F2": 0, "F3": 5, "S1": 25, "S2": 15, "S3": 10, "S4": 10, "S5": 10, "S6": 0}.items()
    }
    r = c.post(f"/supervision/evaluations/{plan.pk}/files/1/", posted | {"veto": ["V4"], "comment": "缺少现场笔录"})
    assert r.status_code == 302
    assert plan.files.get(rank=1).scores.get().grade == "fail"
    r = c.post(
        "/supervision/evaluations/",
        {"name": "x", "size": "1", "closed_from": "2020-01-01", "closed_until": "2020-12-31"},
    )
    assert r.status_code == 400 and "所选范围内没有已结案的案卷" in r.content.decode()
    assert _client(agency_head).get("/supervision/evaluations/").status_code == 403


def _xlsx(rows: list[list[Any]]) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["类别", "编号", "评查内容", "分值", "自动检查"])
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_sheet_import(supervisor: Any) -> None:
    good = _xlsx(
        [
            ["否决项", "V1", "执法主体不合法", 0, ""],
            ["否决项", "V2", "执法人员少于两人", 0, "two_officers"],
            ["形式", "F1", "文书规范", 20, "documents"],
            ["实体", "S1", "事实清楚", 50, ""],
            ["实体", "S2", "程序合法", 30, "procedure"],
        ]
    )
    sheet = evaluation.import_sheet(actor=supervisor, name="浙江省行政许可案卷评查标准", version="2026", data=good)
    assert [i.code for i in sheet.items.all()] == ["V1", "V2", "F1", "S1", "S2"]
    bad = _xlsx(
        [["形式", "F1", "文书规范", 20, "nonsense"], ["实体", "S1", "事实清楚", 70, ""], ["其他", "X", "x", 1, ""]]
    )
    with pytest.raises(DomainError) as exc:
        evaluation.import_sheet(actor=supervisor, name="坏标准", version="1", data=bad)
    assert exc.value.message.startswith("第4行：类别应为否决项、形式或实体；F1的自动检查“nonsense”不存在")
    assert "评分项分值合计应为100分，现为90分" in exc.value.message
    assert not ScoringSheet.objects.filter(name="坏标准").exists()
