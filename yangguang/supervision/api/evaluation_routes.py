"""Case-file evaluation (案卷评查): scoring sheets, plans with the recorded draw, scores, report."""

from __future__ import annotations

from typing import Annotated, Any

from django.http import HttpRequest
from ninja import File, Form, Schema
from ninja.files import UploadedFile
from pydantic import Field

from yangguang.access import policy
from yangguang.cases.models import Case
from yangguang.core.errors import DomainError, NotFoundError
from yangguang.core.params import Id

from .. import evaluation, lookups
from ..models import (
    EvaluationFile,
    EvaluationPlan,
    ScoringSheet,
)
from .base import Day, _user, router

# --- case-file evaluation (案卷评查) ----------------------------------------------------------------------

MSG_PLAN = "评查计划不存在或无权查看"
MSG_FILE = "评查案卷不存在"


class PlanIn(Schema):
    name: str = Field(max_length=200)
    size: Annotated[int, Field(ge=1, le=500)]
    closed_from: Day
    closed_until: Day
    kind: str = Field("", max_length=30)
    seed: str = Field("", max_length=128, description="公开的随机种子；不填则随机生成")
    sheet_id: Id | None = Field(None, description="评查标准；不填则用默认标准")


class ScoreIn(Schema):
    vetoes: list[Annotated[str, Field(max_length=20)]] = Field([], max_length=50)
    points: dict[Annotated[str, Field(max_length=20)], Annotated[int, Field(ge=0, le=100)]] = {}
    comment: str = Field("", max_length=5000)


def _plan_row(p: EvaluationPlan) -> dict[str, Any]:
    return {
        "id": p.pk,
        "code": p.code,
        "name": p.name,
        "sheet_id": p.sheet_id,
        "sheet": str(p.sheet),
        "kind": p.kind,
        "closed_from": p.closed_from.isoformat(),
        "closed_until": p.closed_until.isoformat(),
        "size": p.size,
        "seed": p.seed,
        "population": p.population,
        "population_sha256": p.population_sha256,
        "result_sha256": p.result_sha256,
        "drawn_on": p.drawn_on.isoformat(),
        "ledger_seq": p.ledger_seq,
    }


def _file_row(f: EvaluationFile, sheet: ScoringSheet, numbers: dict[int, str]) -> dict[str, Any]:
    scores = list(f.scores.all())
    result = evaluation.final(scores, sheet)
    return {
        "rank": f.rank,
        "case_id": f.case_id,
        "case_number": numbers.get(f.case_id, ""),
        "agency_id": f.agency_id,
        "ticket": f.ticket,
        "prescore": f.prescore,
        "scores": [
            {
                "evaluator_id": s.evaluator_id,
                "vetoes": s.vetoes,
                "points": s.points,
                "total": s.total,
                "grade": s.grade,
                "comment": s.comment,
                "scored_on": s.scored_on.isoformat(),
            }
            for s in scores
        ],
        "agreement": evaluation.agreement(scores, sheet),
        "final": {"score": str(result[0]), "grade": result[1]} if result is not None else None,
    }


def _report_rows(plan: EvaluationPlan) -> list[dict[str, Any]]:
    return [
        {k: (str(v) if k in ("sum", "mean") and v is not None else v) for k, v in row.items()}
        for row in evaluation.report(plan)
    ]


def _visible_plan(request: HttpRequest, plan_id: int) -> EvaluationPlan:
    plan = lookups.plan(_user(request), plan_id)
    if plan is None:
        raise NotFoundError(MSG_PLAN)
    return plan


@router.get("/evaluations/sheets", summary="案卷评查标准（否决项与评分项）")
def list_sheets(request: HttpRequest) -> dict[str, Any]:
    policy.require(_user(request), "supervision.view")
    evaluation.default_sheet()
    rows = []
    for sheet in ScoringSheet.objects.prefetch_related("items").order_by("name", "version"):
        rows.append(
            {
                "id": sheet.pk,
                "name": sheet.name,
                "version": sheet.version,
                "excellent_min": sheet.excellent_min,
                "pass_min": sheet.pass_min,
                "items": [
                    {
                        "code": i.code,
                        "section": i.section,
                        "text": i.text,
                        "points": i.points,
                        "auto_check": i.auto_check,
                    }
                    for i in sheet.items.all()
                ],
            }
        )
    return {"count": len(rows), "items": rows}


@router.post(
    "/evaluations/sheets", summary="导入评查标准（XLSX：类别、编号、评查内容、分值、自动检查；全部校验通过才导入）"
)
def import_sheet(
    request: HttpRequest,
    name: Form[Annotated[str, Field(max_length=100)]],
    version: Form[Annotated[str, Field(max_length=30)]],
    file: File[UploadedFile],
) -> dict[str, Any]:
    policy.require(_user(request), "supervision.view")
    if file.size and file.size > evaluation.SHEET_MAX:
        raise DomainError(evaluation.MSG_SHEET_SIZE, code="file_too_large")
    sheet = evaluation.import_sheet(actor=_user(request), name=name, version=version, data=file.read())
    return {"id": sheet.pk, "name": sheet.name, "version": sheet.version, "items": sheet.items.count()}


@router.get("/evaluations", summary="本机关的案卷评查计划")
def list_plans(request: HttpRequest) -> dict[str, Any]:
    user = _user(request)
    policy.require(user, "supervision.view")
    rows = list(EvaluationPlan.objects.select_related("sheet").filter(bureau_id=user.agency_id).order_by("-pk")[:100])
    return {"count": len(rows), "items": [_plan_row(p) for p in rows]}


@router.post("/evaluations", summary="制定评查计划并随机抽取已结案卷（种子与结果记入台账）")
def create_plan(request: HttpRequest, data: PlanIn) -> dict[str, Any]:
    user = _user(request)
    policy.require(user, "supervision.view")
    sheet = None
    if data.sheet_id is not None:
        sheet = ScoringSheet.objects.filter(pk=data.sheet_id).first()
        if sheet is None:
            raise DomainError("评查标准不存在", code="sheet_invalid")
    plan = evaluation.draw_plan(
        actor=user,
        name=data.name,
        size=data.size,
        closed_from=data.closed_from,
        closed_until=data.closed_until,
        kind=data.kind,
        seed=data.seed,
        sheet=sheet,
    )
    return _plan_row(plan)


@router.get("/evaluations/{plan_id}", summary="评查计划：抽中的案卷、系统预评、评查人员评分与一致性")
def plan_detail(request: HttpRequest, plan_id: Id) -> dict[str, Any]:
    plan = _visible_plan(request, plan_id)
    files = list(plan.files.prefetch_related("scores"))
    numbers = dict(Case.objects.filter(pk__in=[f.case_id for f in files]).values_list("pk", "number"))
    return {**_plan_row(plan), "files": [_file_row(f, plan.sheet, numbers) for f in files]}


@router.post("/evaluations/{plan_id}/files/{rank}/score", summary="评查人员为案卷评分（否决项、各项得分、意见）")
def score_file(
    request: HttpRequest, plan_id: Id, rank: Annotated[int, Field(ge=1, le=500)], data: ScoreIn
) -> dict[str, Any]:
    plan = _visible_plan(request, plan_id)
    f = plan.files.select_related("case", "agency").filter(rank=rank).first()
    if f is None:
        raise NotFoundError(MSG_FILE)
    score = evaluation.score_file(
        actor=_user(request),
        file=f,
        vetoes=data.vetoes,
        points={k: str(v) for k, v in data.points.items()},
        comment=data.comment,
    )
    return {"rank": f.rank, "total": score.total, "grade": score.grade, "vetoes": score.vetoes}


@router.get("/evaluations/{plan_id}/report", summary="评查报告：各执法主体的抽取、评分件数、等次与平均分")
def plan_report(request: HttpRequest, plan_id: Id) -> dict[str, Any]:
    plan = _visible_plan(request, plan_id)
    return {"plan_id": plan.pk, "agencies": _report_rows(plan)}
