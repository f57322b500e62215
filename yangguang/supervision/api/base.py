"""What the supervision API's routes share: the router, input schemas, serializers and lookups
that answer 404 for what the caller may not see."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema
from ninja.security import django_auth
from pydantic import Field

from yangguang.access import policy
from yangguang.core.errors import NotFoundError
from yangguang.core.params import Id
from yangguang.roster.models import User

from .. import selectors
from ..models import (
    Answer,
    Clue,
    SupervisionDocument,
)
from ..rules import RULES, Rule

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
