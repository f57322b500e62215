"""Roster API (/api/roster/): paged, filterable lists scoped to the signed-in user, officer
detail, and file import. Session authentication (the same login as the pages)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import File, Form, Router, Schema
from ninja.files import UploadedFile
from ninja.security import django_auth

from yangguang.core.errors import DomainError
from yangguang.roster import entity_directory, selectors
from yangguang.roster.importers import import_roster_file
from yangguang.roster.models import (
    ActionKind,
    Agency,
    EnforcementItem,
    Entity,
    EntityChangeProposal,
    InspectionItem,
    Officer,
    Region,
    User,
)

router = Router(tags=["roster"], auth=django_auth)

MAX_PAGE_SIZE = 200
KIND_LABELS = dict(ActionKind.choices)


class PageMeta(Schema):
    count: int
    page: int
    page_size: int
    num_pages: int


class AgencyOut(Schema):
    id: int
    name: str
    uscc: str
    region_code: str
    region_name: str
    parent_id: int | None
    power_kinds: list[str]
    is_supervisor: bool
    is_active: bool
    units: list[str]


class AgencyPage(PageMeta):
    items: list[AgencyOut]


class OfficerOut(Schema):
    id: int
    name: str
    agency_id: int
    agency_name: str
    unit: str
    post: str
    certificate_no: str
    categories: list[str]
    category_labels: list[str]
    region_code: str
    cert_valid_from: dt.date
    cert_valid_until: dt.date
    cert_status: str
    effective_status: str
    certificate_valid_today: bool


class OfficerDetail(OfficerOut):
    legal_qualification: bool
    is_reviewer: bool
    region_name: str
    has_photo: bool


class OfficerPage(PageMeta):
    items: list[OfficerOut]


class ItemOut(Schema):
    id: int
    agency_id: int
    agency_name: str
    code: str
    name: str
    kind: str
    kind_label: str
    legal_basis: str
    accepting_body: str
    time_limit: str


class ItemPage(PageMeta):
    items: list[ItemOut]


class InspectionItemOut(Schema):
    id: int
    agency_id: int
    agency_name: str
    code: str
    name: str
    targets: str
    ratio_percent: Decimal
    method: str
    frequency: str


class InspectionItemPage(PageMeta):
    items: list[InspectionItemOut]


class EntityOut(Schema):
    id: int
    name: str
    uscc: str
    legal_representative: str
    address: str
    region_code: str | None
    industry: str
    risk_grade: str


class EntityPage(PageMeta):
    items: list[EntityOut]


class ImportOut(Schema):
    kind: str
    filename: str
    sha256: str
    rows: int
    created: int
    updated: int
    unchanged: int
    proposed: int = 0


class ImportErrorItem(Schema):
    row: int | None
    field: str
    message: str


class ImportErrorOut(Schema):
    code: str
    message: str
    error_count: int | None = None
    errors: list[ImportErrorItem] = []


def _paged(qs: QuerySet[Any], page: int, page_size: int, convert: Any) -> dict[str, Any]:
    size = max(1, min(page_size, MAX_PAGE_SIZE))
    paginator = Paginator(qs, size)
    current = paginator.get_page(page)
    return {
        "count": paginator.count,
        "page": current.number,
        "page_size": size,
        "num_pages": paginator.num_pages,
        "items": [convert(obj) for obj in current.object_list],
    }


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _agency(a: Agency) -> dict[str, Any]:
    return {
        "id": a.pk,
        "name": a.name,
        "uscc": a.uscc,
        "region_code": a.region.code,
        "region_name": a.region.name,
        "parent_id": a.parent_id,
        "power_kinds": a.power_kinds,
        "is_supervisor": a.is_supervisor,
        "is_active": a.is_active,
        "units": [u.name for u in a.units.all()],
    }


def _officer(o: Officer) -> dict[str, Any]:
    return {
        "id": o.pk,
        "name": o.name,
        "agency_id": o.agency_id,
        "agency_name": o.agency.name,
        "unit": o.unit.name if o.unit else "",
        "post": o.post,
        "certificate_no": o.certificate_no,
        "categories": o.categories,
        "category_labels": [str(KIND_LABELS[k]) for k in o.categories if k in KIND_LABELS],
        "region_code": o.region.code,
        "cert_valid_from": o.cert_valid_from,
        "cert_valid_until": o.cert_valid_until,
        "cert_status": o.cert_status,
        "effective_status": o.effective_status(),
        "certificate_valid_today": o.certificate_valid_on(),
    }


def _item(i: EnforcementItem) -> dict[str, Any]:
    return {
        "id": i.pk,
        "agency_id": i.agency_id,
        "agency_name": i.agency.name,
        "code": i.code,
        "name": i.name,
        "kind": i.kind,
        "kind_label": str(KIND_LABELS.get(i.kind, i.kind)),
        "legal_basis": i.legal_basis,
        "accepting_body": i.accepting_body,
        "time_limit": i.time_limit,
    }


def _inspection_item(i: InspectionItem) -> dict[str, Any]:
    return {
        "id": i.pk,
        "agency_id": i.agency_id,
        "agency_name": i.agency.name,
        "code": i.code,
        "name": i.name,
        "targets": i.targets,
        "ratio_percent": i.ratio_percent,
        "method": i.method,
        "frequency": i.frequency,
    }


def _entity(e: Entity) -> dict[str, Any]:
    return {
        "id": e.pk,
        "name": e.name,
        "uscc": e.uscc,
        "legal_representative": e.legal_representative,
        "address": e.address,
        "region_code": e.region.code if e.region else None,
        "industry": e.industry,
        "risk_grade": e.risk_grade,
    }


@router.get("/agencies", response=AgencyPage, summary="执法主体列表")
def list_agencies(
    request: HttpRequest, q: str = "", region: str = "", page: int = 1, page_size: int = 50
) -> dict[str, Any]:
    """Agencies the user may see; ``q`` matches name or USCC, ``region`` a division code (and below)."""
    qs = selectors.search_agencies(_user(request), q, region).prefetch_related("units")
    return _paged(qs, page, page_size, _agency)


@router.get("/officers", response=OfficerPage, summary="执法人员列表")
def list_officers(
    request: HttpRequest, q: str = "", agency: int | None = None, page: int = 1, page_size: int = 50
) -> dict[str, Any]:
    """Officers of the agencies the user may see; ``q`` matches name, unit or certificate number."""
    return _paged(selectors.search_officers(_user(request), q, agency), page, page_size, _officer)


@router.get("/officers/{officer_id}", response=OfficerDetail, summary="执法人员详情")
def officer_detail(request: HttpRequest, officer_id: int) -> dict[str, Any]:
    officer = get_object_or_404(selectors.search_officers(_user(request)), pk=officer_id)
    return {
        **_officer(officer),
        "legal_qualification": officer.legal_qualification,
        "is_reviewer": officer.is_reviewer,
        "region_name": officer.region.name,
        "has_photo": bool(officer.photo),
    }


@router.get("/items", response=ItemPage, summary="执法事项列表")
def list_items(request: HttpRequest, q: str = "", kind: str = "", page: int = 1, page_size: int = 50) -> dict[str, Any]:
    return _paged(selectors.search_items(_user(request), q, kind), page, page_size, _item)


@router.get("/inspection-items", response=InspectionItemPage, summary="随机抽查事项列表")
def list_inspection_items(request: HttpRequest, q: str = "", page: int = 1, page_size: int = 50) -> dict[str, Any]:
    return _paged(selectors.search_inspection_items(_user(request), q), page, page_size, _inspection_item)


@router.get("/entities", response=EntityPage, summary="市场主体名录")
def list_entities(
    request: HttpRequest, q: str = "", region: str = "", page: int = 1, page_size: int = 50
) -> dict[str, Any]:
    """The shared target directory (名录库); ``q`` matches name, or an exact 18-character USCC."""
    return _paged(selectors.search_entities(q, region), page, page_size, _entity)


@router.post(
    "/import",
    response={200: ImportOut, 400: ImportErrorOut, 403: ImportErrorOut},
    summary="导入名册文件",
)
def import_file(request: HttpRequest, kind: Form[str], file: File[UploadedFile]) -> dict[str, Any]:
    """Import an XLSX or CSV file of ``kind`` (regions, agencies, officers, items,
    inspection_items, entities). All rows are validated first; any bad row rejects the whole file
    with 400 ``import_invalid`` listing every error (row, field, message; at most 1,000, with
    ``error_count`` the total)."""
    result = import_roster_file(kind=kind, filename=file.name or "upload", data=file.read(), actor=_user(request))
    return result.as_dict()


# --- the entity directory's change proposals -------------------------------------------------------


class EntityChangeIn(Schema):
    """Fields to change (only those given); ``region_code`` a division code, "" to clear."""

    name: str | None = None
    legal_representative: str | None = None
    address: str | None = None
    phone: str | None = None
    region_code: str | None = None
    industry: str | None = None
    risk_grade: str | None = None


class ProposalOut(Schema):
    id: int
    entity_id: int
    entity_name: str
    agency_name: str | None
    status: str
    changes: dict[str, Any]
    original: dict[str, Any]
    created_at: dt.datetime
    note: str


class ChangeOut(Schema):
    applied: bool
    proposal: ProposalOut | None


class DecisionIn(Schema):
    accept: bool
    note: str = ""


class ErrorOut(Schema):
    code: str
    message: str


def _proposal(p: EntityChangeProposal) -> dict[str, Any]:
    return {
        "id": p.pk,
        "entity_id": p.entity_id,
        "entity_name": p.entity.name,
        "agency_name": p.agency.name if p.agency else None,
        "status": p.status,
        "changes": p.changes,
        "original": p.original,
        "created_at": p.created_at,
        "note": p.note,
    }


@router.post(
    "/entities/{entity_id}/changes",
    response={200: ChangeOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="修改市场主体名录或提出变更申请",
)
def change_entity(request: HttpRequest, entity_id: int, payload: EntityChangeIn) -> dict[str, Any]:
    """The registering agency's head and the system administrator change the entry at once
    (``applied``); anyone else's change becomes a proposal for the registering agency."""
    entity = get_object_or_404(Entity, pk=entity_id)
    changes: dict[str, Any] = payload.dict(exclude_none=True)
    if "region_code" in changes:
        code = changes.pop("region_code")
        region = Region.objects.filter(code=code).first() if code else None
        if code and region is None:
            raise DomainError(f"行政区划代码“{code}”不存在", code="invalid")
        changes["region_id"] = region.pk if region else None
    result = entity_directory.change_entity(entity=entity, changes=changes, actor=_user(request), source="api")
    return {"applied": result.applied, "proposal": _proposal(result.proposal) if result.proposal else None}


@router.get("/entity-proposals", response=list[ProposalOut], summary="待本机关审核的市场主体变更申请")
def list_proposals(request: HttpRequest, made: bool = False) -> list[dict[str, Any]]:
    """Pending proposals the user may decide; with ``made=true`` those the user's agency made."""
    user = _user(request)
    qs = selectors.proposals_made(user) if made else selectors.proposals_to_decide(user)
    return [_proposal(p) for p in qs.select_related("entity", "agency")[:200]]


@router.post(
    "/entity-proposals/{proposal_id}/decision",
    response={200: ProposalOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="采纳或不予采纳市场主体变更申请",
)
def decide_proposal(request: HttpRequest, proposal_id: int, payload: DecisionIn) -> dict[str, Any]:
    proposal = get_object_or_404(EntityChangeProposal.objects.select_related("entity"), pk=proposal_id)
    decided = entity_directory.decide_proposal(
        proposal=proposal, accept=payload.accept, actor=_user(request), note=payload.note
    )
    return _proposal(EntityChangeProposal.objects.select_related("entity", "agency").get(pk=decided.pk))
