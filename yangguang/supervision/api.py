"""Supervision API (/api/supervision/): the warning models (provision, rule, parameters, version, hit
count, precision), their hits (list, verdict, turn into a clue), clues (create, assign, close with
the finding), supervision documents (issue, list, get) and the agency's answers (rectification with
evidence; the bureau accepts or returns). Session authentication.

Every endpoint calls the same selectors and services as the pages: the API parses and serializes,
the services decide (permission policy, ledger, numbering); a refusal is ``{code, message}``."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import File, Form, Router, Schema
from ninja.files import UploadedFile
from ninja.security import django_auth
from pydantic import Field

from yangguang.access import policy
from yangguang.core.errors import DomainError, NotFoundError
from yangguang.core.params import Id
from yangguang.roster.models import Agency, User

from . import selectors, services
from .models import Answer, Clue, ClueStatus, DocStatus, SupervisionDocument
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
        "version": r.version,
        "name": r.name,
        "provision": r.article,
        "rule": r.query,
        "parameters": [
            {"name": p.name, "label": p.label, "value": p.value, "unit": p.unit, "default": p.value} for p in r.params
        ],
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
    marks = selectors.mark_counts(user).get(r.code, {"confirmed": 0, "false_alarms": 0})
    hits = len(r.hits(selectors.scope_agencies(user), timezone.localdate()))
    precision = selectors.precision(marks["confirmed"], marks["false_alarms"])
    return _model({"rule": r, "hits": hits, **marks, "precision": precision})


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
    return {"rule": r.code, "version": r.version, "count": len(items), "items": items}


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


@router.post("/documents/{document_id}/decide", summary="审核整改答复：认可或退回（退回须写明理由）")
def decide_answer(request: HttpRequest, document_id: Id, data: DecideIn) -> dict[str, Any]:
    doc = _visible_document(request, document_id)
    doc = services.decide_answer(actor=_user(request), document=doc, accept=data.accept, note=data.note)
    return _document(doc, full=True)
