"""Campaigns (专项活动): self-inspection reports, problem lists, rectification and acceptance."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.http import FileResponse, HttpRequest
from django.utils import timezone
from ninja import File, Form, Schema
from ninja.files import UploadedFile
from pydantic import Field

from yangguang.access import policy
from yangguang.core.errors import DomainError, NotFoundError
from yangguang.core.params import Id
from yangguang.roster.models import Region

from .. import campaigns, lookups
from ..models import (
    Campaign,
    Participant,
    Problem,
)
from .base import Day, DecideIn, _date, _user, router
from .clue_routes import FILE_RESPONSE

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
