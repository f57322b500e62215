"""Assessment indicators and cockpit figures as JSON."""

from __future__ import annotations

from typing import Annotated, Any

from django.http import HttpRequest
from django.utils import timezone
from pydantic import Field

from yangguang.access import policy
from yangguang.core.errors import NotFoundError
from yangguang.core.params import Id

from .. import assessment, cockpit
from .base import _user, router

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
