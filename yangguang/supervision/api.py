"""Supervision API (/api/supervision/): the warning models (provision, rule, parameters, version, hit
count, precision), their hits (list, verdict, turn into a clue), clues (create, assign, close with
the finding), supervision documents (issue, list, get) and the agency's answers (rectification with
evidence; the bureau accepts or returns). Session authentication.

Every endpoint calls the same selectors and services as the pages: the API parses and serializes,
the services decide (permission policy, ledger, numbering); a refusal is ``{code, message}``."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.http import FileResponse, HttpRequest
from django.utils import timezone
from ninja import File, Form, Router, Schema
from ninja.files import UploadedFile
from ninja.security import django_auth
from pydantic import Field

from yangguang.access import policy
from yangguang.cases.models import Case
from yangguang.core.errors import DomainError, NotFoundError
from yangguang.core.params import Id
from yangguang.roster.models import Agency, Region, User

from . import assessment, campaigns, cockpit, evaluation, lookups, parameters, selectors, services
from .models import (
    Answer,
    Campaign,
    Clue,
    ClueStatus,
    DocStatus,
    EvaluationFile,
    EvaluationPlan,
    ModelSetting,
    Participant,
    Problem,
    ScoringSheet,
    SupervisionDocument,
)
from .rules import RULES, Rule

router = Router(tags=["supervision"], auth=django_auth)

MSG_RULE = "没有这个监督预警模型"
MSG_CLUE = "线索不存在或无权查看"
MSG_DOCUMENT = "监督文书不存在或无权查看"
MSG_AGENCY = "执法主体不存在"
MSG_ASSIGNEE = "承办人不存在"

Day = Annotated[dt.date, Field(ge=dt.date(1900, 1, 1), le=dt.date(2199, 12, 31))]
Key = Annotated[str, Field(min_length=1, max_length=100)]


class MarkIn(Schema):
    key: Key
    verdict: str = Field(max_length=20, description="confirmed（属实）或 false_alarm（误报）")
    note: str = Field("", max_length=300)


class HitIn(Schema):
    key: Key


class ClueIn(Schema):
    agency_id: Id
    title: str = Field(max_length=200)
    description: str = Field(max_length=5000)


class AssignIn(Schema):
    assignee_id: Id


class CloseIn(Schema):
    finding: str = Field(max_length=20, description="confirmed、partly 或 unfounded")
    text: str = Field(max_length=5000)


class DocumentIn(Schema):
    kind: str = Field(
        max_length=20, description="opinion（意见书）、decision（决定书）、interview（约谈）、notice（通报）"
    )
    problems: str = Field(max_length=10000)
    requirements: str = Field(max_length=10000)
    due_on: Day | None = Field(None, description="答复期限；不填则按期限表（supervision_answer）计算")


class DecideIn(Schema):
    accept: bool
    note: str = Field("", max_length=2000)


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _rule(code: str) -> Rule:
    r = RULES.get(code)
    if r is None:
        raise NotFoundError(MSG_RULE)
    return r


def _date(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def _model(row: dict[str, Any]) -> dict[str, Any]:
    r: Rule = row["rule"]
    return {
        "code": r.code,
        "version": row["version"],
        "declared_version": r.version,
        "parameter_revision": row["setting"].revision if row["setting"] is not None else None,
        "name": r.name,
        "provision": r.article,
        "rule": r.query,
        "parameters": row["params"],
        "hits": row["hits"],
        "confirmed": row["confirmed"],
        "false_alarms": row["false_alarms"],
        "precision": row["precision"],
    }


def _clue(c: Clue, *, full: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": c.pk,
        "number": c.number,
        "source": c.source,
        "source_label": c.get_source_display(),
        "rule": c.rule,
        "rule_version": c.rule_version,
        "hit_key": c.hit_key,
        "agency_id": c.agency_id,
        "agency_name": c.agency.name,
        "case_id": c.case_id,
        "title": c.title,
        "status": c.status,
        "status_label": c.get_status_display(),
        "assignee_id": c.assignee_id,
        "received_on": c.received_on.isoformat(),
        "closed_on": _date(c.closed_on),
        "finding": c.finding,
    }
    if full:
        out |= {
            "description": c.description,
            "finding_text": c.finding_text,
            "documents": [_document(d) for d in c.documents.select_related("agency").order_by("pk")],
        }
    return out


def _answer(a: Answer) -> dict[str, Any]:
    return {
        "id": a.pk,
        "round": a.round,
        "rectification": a.rectification,
        "evidence_name": a.evidence_name,
        "evidence_sha256": a.evidence_sha256,
        "answered_on": a.answered_on.isoformat(),
        "late": a.late,
        "status": a.status,
        "status_label": a.get_status_display(),
        "decided_on": _date(a.decided_on),
        "decision_note": a.decision_note,
    }


def _document(d: SupervisionDocument, *, full: bool = False, today: dt.date | None = None) -> dict[str, Any]:
    today = today or timezone.localdate()
    out: dict[str, Any] = {
        "id": d.pk,
        "number": d.number,
        "kind": d.kind,
        "kind_label": d.get_kind_display(),
        "clue_id": d.clue_id,
        "agency_id": d.agency_id,
        "agency_name": d.agency.name,
        "issued_on": d.issued_on.isoformat(),
        "due_on": _date(d.due_on),
        "due_provisional": d.due_provisional,
        "status": d.status,
        "status_label": d.get_status_display(),
        "overdue": d.is_overdue(today),
        "escalated_on": _date(d.escalated_on),
        "sha256": d.sha256,
    }
    if full:
        out |= {
            "problems": d.problems,
            "requirements": d.requirements,
            "answers": [_answer(a) for a in d.answers.order_by("round")],
        }
    return out


def _visible_clue(request: HttpRequest, clue_id: int) -> Clue:
    policy.require(_user(request), "supervision.view")
    clue = selectors.get_clue(_user(request), clue_id)
    if clue is None:
        raise NotFoundError(MSG_CLUE)
    return clue


def _visible_document(request: HttpRequest, document_id: int) -> SupervisionDocument:
    doc = selectors.get_document(_user(request), document_id)
    if doc is None:
        raise NotFoundError(MSG_DOCUMENT)
    return doc


# --- warning models and their hits -------------------------------------------------------------------


@router.get("/models", summary="监督预警模型：依据条款、规则、参数、版本、命中数与准确率")
def list_models(request: HttpRequest) -> dict[str, Any]:
    user = _user(request)
    policy.require(user, "supervision.view")
    rows = [_model(row) for row in selectors.model_rows(user, timezone.localdate())]
    return {"count": len(rows), "items": rows}


@router.get("/models/{code}", summary="一个预警模型的声明与命中情况")
def model_detail(request: HttpRequest, code: Annotated[str, Field(max_length=50)]) -> dict[str, Any]:
    user = _user(request)
    policy.require(user, "supervision.view")
    r = _rule(code)
    return _model(_model_row(user, r))


def _model_row(user: User, r: Rule) -> dict[str, Any]:
    marks = selectors.mark_counts(user).get(r.code, {"confirmed": 0, "false_alarms": 0})
    setting = parameters.current(selectors.bureau_of(user), r.code)
    values = parameters.values_of(r, setting)
    hits = len(r.hits(selectors.scope_agencies(user), timezone.localdate(), values))
    return {
        "rule": r,
        "params": parameters.describe(r, setting),
        "version": parameters.version_label(r, setting),
        "setting": setting,
        "hits": hits,
        **marks,
        "precision": selectors.precision(marks["confirmed"], marks["false_alarms"]),
    }


class ParametersIn(Schema):
    values: dict[Annotated[str, Field(max_length=50)], Annotated[int, Field(ge=0, le=10**9)] | None] = Field(
        description="参数名 → 本机构的值；不填或为 null 的参数使用模型默认值"
    )
    reason: str = Field(max_length=300)


def _setting(s: ModelSetting) -> dict[str, Any]:
    return {
        "revision": s.revision,
        "rule_version": s.rule_version,
        "values": s.values,
        "reason": s.reason,
        "set_by": s.set_by_id,
        "set_at": s.set_at.isoformat(),
        "ledger_seq": s.ledger_seq,
    }


@router.get("/models/{code}/parameters", summary="本监督机构对该模型的参数设置历史（最新的在用）")
def parameter_history(request: HttpRequest, code: Annotated[str, Field(max_length=50)]) -> dict[str, Any]:
    user = _user(request)
    policy.require(user, "supervision.view")
    r = _rule(code)
    rows = parameters.history(selectors.bureau_of(user), r.code)
    return {"rule": r.code, "count": len(rows), "items": [_setting(s) for s in rows]}


@router.post("/models/{code}/parameters", summary="设置本监督机构的模型参数（新的参数版本，记入台账）")
def set_parameters(
    request: HttpRequest, code: Annotated[str, Field(max_length=50)], data: ParametersIn
) -> dict[str, Any]:
    user = _user(request)
    policy.require(user, "supervision.view")
    r = _rule(code)
    parameters.set_values(actor=user, rule_code=r.code, values=dict(data.values), reason=data.reason)
    return _model(_model_row(user, r))


@router.get("/models/{code}/hits", summary="预警模型在本监督范围内的命中（含已作的判定）")
def list_hits(
    request: HttpRequest, code: Annotated[str, Field(max_length=50)], agency_id: Id | None = None
) -> dict[str, Any]:
    user = _user(request)
    policy.require(user, "supervision.view")
    r = _rule(code)
    items = []
    for row in selectors.hits_of(user, r, timezone.localdate(), agency_id):
        h, mark = row["hit"], row["mark"]
        items.append(
            {
                "key": h.key,
                "agency_id": h.agency_id,
                "agency_name": row["agency"],
                "title": h.title,
                "detail": h.detail,
                "case_id": h.case_id,
                "on": _date(h.on),
                "verdict": mark.verdict if mark is not None else None,
                "verdict_note": mark.note if mark is not None else "",
            }
        )
    version = parameters.for_user(user, r)[1]
    return {"rule": r.code, "version": version, "count": len(items), "items": items}


@router.post("/models/{code}/hits/mark", summary="判定命中：属实或误报（计入模型准确率）")
def mark_hit(request: HttpRequest, code: Annotated[str, Field(max_length=50)], data: MarkIn) -> dict[str, Any]:
    user = _user(request)
    policy.require(user, "supervision.view")
    r = _rule(code)
    mark = services.mark_hit(actor=user, rule_code=r.code, key=data.key, verdict=data.verdict, note=data.note)
    return {"rule": mark.rule, "rule_version": mark.rule_version, "key": mark.key, "verdict": mark.verdict}


@router.post("/models/{code}/hits/clue", summary="命中转为线索（同一命中只有一条未办结线索）")
def hit_to_clue(request: HttpRequest, code: Annotated[str, Field(max_length=50)], data: HitIn) -> dict[str, Any]:
    user = _user(request)
    policy.require(user, "supervision.view")
    r = _rule(code)
    return _clue(services.clue_from_hit(actor=user, rule_code=r.code, key=data.key), full=True)


# --- clues --------------------------------------------------------------------------------------------


@router.get("/clues", summary="本监督机构的线索")
def list_clues(
    request: HttpRequest,
    status: Annotated[str, Field(max_length=20)] = "",
    page: Annotated[int, Field(ge=1, le=10000)] = 1,
) -> dict[str, Any]:
    user = _user(request)
    policy.require(user, "supervision.view")
    if status and status not in ClueStatus.values:
        raise DomainError("线索状态应为 new、investigating 或 closed", code="bad_parameter")
    qs = selectors.clues(user, status)
    size = 100
    rows = list(qs[(page - 1) * size : page * size])
    return {"count": qs.count(), "page": page, "items": [_clue(c) for c in rows]}


@router.post("/clues", summary="登记监督人员发现的线索")
def create_clue(request: HttpRequest, data: ClueIn) -> dict[str, Any]:
    user = _user(request)
    policy.require(user, "supervision.view")
    agency = Agency.objects.filter(pk=data.agency_id, is_supervisor=False).first()
    if agency is None:
        raise DomainError(MSG_AGENCY, code="agency_required")
    clue = services.create_clue(actor=user, agency=agency, title=data.title, description=data.description)
    return _clue(clue, full=True)


@router.get("/clues/{clue_id}", summary="线索详情（含监督文书）")
def clue_detail(request: HttpRequest, clue_id: Id) -> dict[str, Any]:
    return _clue(_visible_clue(request, clue_id), full=True)


@router.post("/clues/{clue_id}/assign", summary="分派线索给本机构的监督人员核查")
def assign_clue(request: HttpRequest, clue_id: Id, data: AssignIn) -> dict[str, Any]:
    clue = _visible_clue(request, clue_id)
    assignee = User.objects.filter(pk=data.assignee_id).first()
    if assignee is None:
        raise DomainError(MSG_ASSIGNEE, code="assignee_invalid")
    return _clue(services.assign_clue(actor=_user(request), clue=clue, assignee=assignee), full=True)


@router.post("/clues/{clue_id}/close", summary="办结线索（核查结论）")
def close_clue(request: HttpRequest, clue_id: Id, data: CloseIn) -> dict[str, Any]:
    clue = _visible_clue(request, clue_id)
    return _clue(services.close_clue(actor=_user(request), clue=clue, finding=data.finding, text=data.text), full=True)


@router.post("/clues/{clue_id}/documents", summary="制发监督文书（意见书、决定书、约谈记录、通报）")
def issue_document(request: HttpRequest, clue_id: Id, data: DocumentIn) -> dict[str, Any]:
    clue = _visible_clue(request, clue_id)
    doc = services.issue_document(
        actor=_user(request),
        clue=clue,
        kind=data.kind,
        problems=data.problems,
        requirements=data.requirements,
        due_on=data.due_on,
    )
    return _document(doc, full=True)


# --- supervision documents and the agency's answers -----------------------------------------------------


@router.get("/documents", summary="监督文书（监督机构：本机构制发的；执法主体：发给本机关的）")
def list_documents(
    request: HttpRequest,
    status: Annotated[str, Field(max_length=20)] = "",
    page: Annotated[int, Field(ge=1, le=10000)] = 1,
) -> dict[str, Any]:
    user = _user(request)
    policy.require(user, "supervision.document.list")
    if status and status not in DocStatus.values:
        raise DomainError("文书状态应为 sent、answered、returned、accepted 或 recorded", code="bad_parameter")
    qs = selectors.documents(user)
    if status:
        qs = qs.filter(status=status)
    size = 100
    today = timezone.localdate()
    rows = list(qs[(page - 1) * size : page * size])
    return {"count": qs.count(), "page": page, "items": [_document(d, today=today) for d in rows]}


@router.get("/documents/{document_id}", summary="监督文书详情（含整改答复）")
def document_detail(request: HttpRequest, document_id: Id) -> dict[str, Any]:
    return _document(_visible_document(request, document_id), full=True)


@router.post("/documents/{document_id}/answer", summary="执法主体负责人答复：整改情况与证明材料")
def answer_document(
    request: HttpRequest,
    document_id: Id,
    rectification: Form[Annotated[str, Field(max_length=20000)]],
    evidence: File[UploadedFile | None] = None,
) -> dict[str, Any]:
    doc = _visible_document(request, document_id)
    answer = services.answer_document(
        actor=_user(request), document=doc, rectification=rectification, evidence=evidence
    )
    return _answer(answer)


FILE_RESPONSE = {
    "responses": {
        "200": {
            "description": "证明材料文件",
            "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
        }
    }
}


@router.get("/answers/{answer_id}/evidence", summary="下载整改答复的证明材料", openapi_extra=FILE_RESPONSE)
def answer_evidence(request: HttpRequest, answer_id: Id) -> FileResponse:
    answer = lookups.answer_with_evidence(_user(request), answer_id)
    if answer is None:
        raise NotFoundError("证明材料不存在或无权查看")
    return FileResponse(
        answer.evidence.open("rb"),
        as_attachment=True,
        filename=answer.evidence_name or "evidence",
        content_type="application/octet-stream",
    )


@router.post("/documents/{document_id}/decide", summary="审核整改答复：认可或退回（退回须写明理由）")
def decide_answer(request: HttpRequest, document_id: Id, data: DecideIn) -> dict[str, Any]:
    doc = _visible_document(request, document_id)
    doc = services.decide_answer(actor=_user(request), document=doc, accept=data.accept, note=data.note)
    return _document(doc, full=True)


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


# --- campaigns (专项活动) -------------------------------------------------------------------------------------

MSG_CAMPAIGN = "专项活动不存在或无权查看"
MSG_PROBLEM = "问题不存在或无权查看"
MSG_PART = "本机关未参加该专项活动"


class CampaignIn(Schema):
    title: str = Field(max_length=200)
    tasks: str = Field(max_length=20000)
    report_due: Day
    region_code: str = Field("", max_length=12, description="不填则为本监督机构的区划")


class ReportIn(Schema):
    report: str = Field(max_length=50000)


class ProblemIn(Schema):
    category: str = Field(max_length=20)
    description: str = Field(max_length=5000)
    measure: str = Field(max_length=5000)
    owner: str = Field(max_length=50)
    due_on: Day


def _campaign_row(c: Campaign) -> dict[str, Any]:
    return {
        "id": c.pk,
        "title": c.title,
        "bureau_id": c.bureau_id,
        "report_due": c.report_due.isoformat(),
        "created_on": c.created_on.isoformat(),
    }


def _problem_row(p: Problem, today: dt.date) -> dict[str, Any]:
    return {
        "id": p.pk,
        "category": p.category,
        "category_label": p.get_category_display(),
        "description": p.description,
        "measure": p.measure,
        "owner": p.owner,
        "due_on": p.due_on.isoformat(),
        "status": p.status,
        "status_label": p.get_status_display(),
        "progress": p.progress,
        "evidence_name": p.evidence_name,
        "evidence_sha256": p.evidence_sha256,
        "decision_note": p.decision_note,
        "closed_on": _date(p.closed_on),
        "overdue": p.is_overdue(today),
        "escalated_on": _date(p.escalated_on),
    }


def _part_row(part: Participant, today: dt.date) -> dict[str, Any]:
    return {
        "agency_id": part.agency_id,
        "agency_name": part.agency.name,
        "report": part.report,
        "reported_on": _date(part.reported_on),
        "problems": [_problem_row(p, today) for p in part.problems.all()],
    }


def _visible_campaign(request: HttpRequest, campaign_id: int) -> Campaign:
    found = lookups.campaign(_user(request), campaign_id)
    if found is None:
        raise NotFoundError(MSG_CAMPAIGN)
    return found


def _own_part(request: HttpRequest, found: Campaign) -> Participant:
    part = lookups.own_part(_user(request), found)
    if part is None:
        raise NotFoundError(MSG_PART)
    return part


def _visible_problem(request: HttpRequest, problem_id: int) -> Problem:
    found = lookups.problem(_user(request), problem_id)
    if found is None:
        raise NotFoundError(MSG_PROBLEM)
    return found


@router.get("/campaigns", summary="专项活动（监督机构：本区划的；执法主体：本机关参加的）")
def list_campaigns(request: HttpRequest) -> dict[str, Any]:
    user = _user(request)
    policy.require(user, "supervision.campaign.list")
    rows = list(lookups.campaigns_for(user).order_by("-pk")[:100])
    return {"count": len(rows), "items": [_campaign_row(c) for c in rows]}


@router.post("/campaigns", summary="部署专项活动：任务与自查报告报送期限，发给区划内各执法主体")
def create_campaign(request: HttpRequest, data: CampaignIn) -> dict[str, Any]:
    user = _user(request)
    policy.require(user, "supervision.view")
    region = None
    if data.region_code:
        region = Region.objects.filter(code=data.region_code).first()
        if region is None:
            raise DomainError("区划不存在", code="region_invalid")
    found = campaigns.launch(actor=user, title=data.title, tasks=data.tasks, report_due=data.report_due, region=region)
    return _campaign_row(found)


@router.get("/campaigns/{campaign_id}", summary="专项活动详情：任务、各执法主体的自查报告与问题清单")
def campaign_detail(request: HttpRequest, campaign_id: Id) -> dict[str, Any]:
    user = _user(request)
    found = _visible_campaign(request, campaign_id)
    today = timezone.localdate()
    return {
        **_campaign_row(found),
        "tasks": found.tasks,
        "participants": [_part_row(p, today) for p in lookups.parts(user, found)],
    }


@router.get("/campaigns/{campaign_id}/summary", summary="专项活动报告：报送情况、整改完成率、逾期与共性问题")
def campaign_summary(request: HttpRequest, campaign_id: Id) -> dict[str, Any]:
    user = _user(request)
    policy.require(user, "supervision.view")
    found = _visible_campaign(request, campaign_id)
    return {"campaign_id": found.pk, **campaigns.summary(found)}


@router.post("/campaigns/{campaign_id}/report", summary="执法主体报送（或修改）自查报告")
def file_report(request: HttpRequest, campaign_id: Id, data: ReportIn) -> dict[str, Any]:
    found = _visible_campaign(request, campaign_id)
    part = campaigns.file_report(actor=_user(request), participant=_own_part(request, found), report=data.report)
    return {"agency_id": part.agency_id, "reported_on": _date(part.reported_on)}


@router.post("/campaigns/{campaign_id}/problems", summary="列入问题清单：类别、整改措施、责任人、整改时限")
def add_problem(request: HttpRequest, campaign_id: Id, data: ProblemIn) -> dict[str, Any]:
    found = _visible_campaign(request, campaign_id)
    p = campaigns.add_problem(
        actor=_user(request),
        participant=_own_part(request, found),
        category=data.category,
        description=data.description,
        measure=data.measure,
        owner=data.owner,
        due_on=data.due_on,
    )
    return _problem_row(p, timezone.localdate())


@router.post("/problems/{problem_id}/progress", summary="报送整改情况与证明材料（待验收）")
def problem_progress(
    request: HttpRequest,
    problem_id: Id,
    progress: Form[Annotated[str, Field(max_length=20000)]],
    evidence: File[UploadedFile | None] = None,
) -> dict[str, Any]:
    p = _visible_problem(request, problem_id)
    p = campaigns.report_progress(actor=_user(request), problem=p, progress=progress, evidence=evidence)
    return _problem_row(p, timezone.localdate())


@router.get("/problems/{problem_id}/evidence", summary="下载问题整改的证明材料", openapi_extra=FILE_RESPONSE)
def problem_evidence(request: HttpRequest, problem_id: Id) -> FileResponse:
    p = _visible_problem(request, problem_id)
    if not p.evidence:
        raise NotFoundError("证明材料不存在或无权查看")
    return FileResponse(
        p.evidence.open("rb"),
        as_attachment=True,
        filename=p.evidence_name or "evidence",
        content_type="application/octet-stream",
    )


@router.post("/problems/{problem_id}/decide", summary="验收整改：销号或退回（退回须写明理由）")
def problem_decide(request: HttpRequest, problem_id: Id, data: DecideIn) -> dict[str, Any]:
    p = _visible_problem(request, problem_id)
    p = campaigns.decide_problem(actor=_user(request), problem=p, accept=data.accept, note=data.note)
    return _problem_row(p, timezone.localdate())


# --- assessment and cockpit figures ------------------------------------------------------------------------


def _position(request: HttpRequest, region: str, agency_id: int | None) -> cockpit.Position:
    user = _user(request)
    policy.require(user, "supervision.view")
    pos = cockpit.position(user, region_code=region, agency_id=agency_id, today=timezone.localdate())
    if pos is None:
        raise NotFoundError("区划或执法主体不在您的监督范围内")
    return pos


def _where(pos: cockpit.Position) -> dict[str, Any]:
    return {
        "region_code": pos.region.code,
        "region_name": pos.region.name,
        "agency_id": pos.agency.pk if pos.agency is not None else None,
        "start": pos.start.isoformat(),
        "end": pos.end.isoformat(),
    }


@router.get("/assessment", summary="依法行政考核指标（含计算公式），按执法主体")
def assessment_figures(
    request: HttpRequest, region: Annotated[str, Field(max_length=12)] = "", agency_id: Id | None = None
) -> dict[str, Any]:
    pos = _position(request, region, agency_id)
    rows = assessment.compute(_user(request), pos, timezone.localdate())
    indicators = [{"code": i.code, "name": i.name, "formula": i.formula} for i in assessment.INDICATORS]
    return {**_where(pos), "indicators": indicators, "agencies": rows}


@router.get("/cockpit", summary="驾驶舱数据：案件、罚没（同比）、公开、法制审核、音像记录例外、持证与审核人员比例")
def cockpit_figures(
    request: HttpRequest, region: Annotated[str, Field(max_length=12)] = "", agency_id: Id | None = None
) -> dict[str, Any]:
    pos = _position(request, region, agency_id)
    figs = cockpit.figures(_user(request), pos, timezone.localdate())
    return {**_where(pos), **figs}
