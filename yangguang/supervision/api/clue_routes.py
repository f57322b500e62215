"""Warning models and their hits, clues, supervision documents and the agency's answers."""

from __future__ import annotations

from typing import Annotated, Any

from django.http import FileResponse, HttpRequest
from django.utils import timezone
from ninja import File, Form, Schema
from ninja.files import UploadedFile
from pydantic import Field

from yangguang.access import policy
from yangguang.core.errors import DomainError, NotFoundError
from yangguang.core.params import Id
from yangguang.roster.models import Agency, User

from .. import lookups, parameters, selectors, services
from ..models import (
    ClueStatus,
    DocStatus,
    ModelSetting,
)
from ..rules import Rule
from .base import (
    MSG_AGENCY,
    MSG_ASSIGNEE,
    AssignIn,
    CloseIn,
    ClueIn,
    DecideIn,
    DocumentIn,
    HitIn,
    MarkIn,
    _answer,
    _clue,
    _date,
    _document,
    _model,
    _rule,
    _user,
    _visible_clue,
    _visible_document,
    router,
)

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
        200: {
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
