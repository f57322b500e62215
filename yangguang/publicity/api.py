"""Public API of the portal (no authentication): the officer roster, certificate verification and
the agency directory. Only public fields; responses are cacheable for a minute."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import cache_control
from ninja import Router, Schema
from ninja.decorators import decorate_view

from yangguang.core.errors import DomainError, NotFoundError
from yangguang.core.params import Id, PageNumber
from yangguang.publicity import selectors, services
from yangguang.publicity.certificates import (
    check_certificate,
    token_for,
    verification_url,
)
from yangguang.publicity.models import Publication, PublicationStatus
from yangguang.publicity.selectors import kind_label
from yangguang.publicity.views_publication import parse_query, run_query
from yangguang.roster.models import Agency, Officer

router = Router(tags=["publicity 公示"])

PAGE_SIZE = 20
cacheable = decorate_view(cache_control(public=True, max_age=60))


class Kind(Schema):
    code: str
    label: str


class PublicOfficer(Schema):
    name: str
    agency_id: int
    agency: str
    unit: str
    post: str
    certificate_no: str
    categories: list[Kind]
    region: str
    valid_from: dt.date
    valid_until: dt.date
    status: str
    status_label: str
    valid_today: bool
    verify_url: str


class PublicOfficerPage(Schema):
    count: int
    page: int
    pages: int
    results: list[PublicOfficer]


class Verification(Schema):
    valid_today: bool
    status: str
    status_label: str
    reason: str
    checked_on: dt.date
    name: str
    agency: str
    unit: str
    post: str
    certificate_no: str
    categories: list[Kind]
    region: str
    valid_from: dt.date
    valid_until: dt.date
    photo_url: str | None


class PublicAgency(Schema):
    id: int
    name: str
    uscc: str
    region_code: str
    region: str
    powers: list[Kind]
    legal_basis: str
    units: list[str]
    address: str
    phone: str


class PublicAgencyPage(Schema):
    count: int
    page: int
    pages: int
    results: list[PublicAgency]


class Error(Schema):
    code: str
    message: str


def _kinds(codes: list[str]) -> list[dict[str, str]]:
    return [{"code": c, "label": kind_label(c)} for c in codes or []]


def _officer(request: HttpRequest, officer: Officer, today: dt.date) -> dict[str, Any]:
    check = check_certificate(officer, today)
    return {
        "name": officer.name,
        "agency_id": officer.agency_id,
        "agency": officer.agency.name,
        "unit": officer.unit.name if officer.unit else "",
        "post": officer.post,
        "certificate_no": officer.certificate_no,
        "categories": _kinds(officer.categories),
        "region": officer.region.name,
        "valid_from": check.valid_from,
        "valid_until": check.valid_until,
        "status": check.status,
        "status_label": check.label,
        "valid_today": check.is_valid,
        "verify_url": verification_url(officer, request),
    }


def _agency(agency: Agency) -> dict[str, Any]:
    return {
        "id": agency.pk,
        "name": agency.name,
        "uscc": agency.uscc,
        "region_code": agency.region.code,
        "region": agency.region.name,
        "powers": _kinds(agency.power_kinds),
        "legal_basis": agency.legal_basis,
        "units": [u.name for u in agency.units.all()],
        "address": agency.address,
        "phone": agency.phone,
    }


@router.get("/officers", response=PublicOfficerPage, auth=None, summary="执法人员清单")
@cacheable
def officers(request: HttpRequest, q: str = "", agency: Id | None = None, page: PageNumber = 1) -> dict[str, Any]:
    """Search the officer roster by name, unit or certificate number; 20 per page."""
    paginator = Paginator(selectors.search_officers(q, agency), PAGE_SIZE)
    current = paginator.get_page(page)
    today = timezone.localdate()
    return {
        "count": paginator.count,
        "page": current.number,
        "pages": paginator.num_pages,
        "results": [_officer(request, o, today) for o in current.object_list],
    }


@router.get("/verify/{token}", response={200: Verification, 404: Error}, auth=None, summary="执法证核验")
@cacheable
def verify(request: HttpRequest, token: str) -> dict[str, Any]:
    """Whether the certificate behind a QR code token is valid today."""
    officer = selectors.officer_by_token(token)
    if officer is None:
        raise NotFoundError("未找到该执法证：二维码无效或证件信息已变更", code="certificate_not_found")
    check = check_certificate(officer)
    photo = (
        request.build_absolute_uri(reverse("publicity:officer_photo", args=[token_for(officer)]))
        if officer.photo
        else None
    )
    return {
        "valid_today": check.is_valid,
        "status": check.status,
        "status_label": check.label,
        "reason": check.reason,
        "checked_on": check.checked_on,
        "name": officer.name,
        "agency": officer.agency.name,
        "unit": officer.unit.name if officer.unit else "",
        "post": officer.post,
        "certificate_no": officer.certificate_no,
        "categories": _kinds(officer.categories),
        "region": officer.region.name,
        "valid_from": check.valid_from,
        "valid_until": check.valid_until,
        "photo_url": photo,
    }


@router.get("/agencies", response=PublicAgencyPage, auth=None, summary="执法主体名录")
@cacheable
def agencies(request: HttpRequest, q: str = "", region: str = "", page: PageNumber = 1) -> dict[str, Any]:
    """The agency directory, by name or USCC, in a region (division code) and the regions below it."""
    paginator = Paginator(selectors.search_agencies(q, region), PAGE_SIZE)
    current = paginator.get_page(page)
    return {
        "count": paginator.count,
        "page": current.number,
        "pages": paginator.num_pages,
        "results": [_agency(a) for a in current.object_list],
    }


# --- after action (事后公开): published decisions ----------------------------------------------


class PublicDecision(Schema):
    id: int
    number: str
    title: str
    agency_id: int
    agency: str
    region: str
    region_code: str
    kind: Kind
    party: str
    conclusion: str
    decided_on: dt.date
    due_on: dt.date
    published_on: dt.date | None
    expires_on: dt.date | None
    status: str
    withdraw_reason: str
    version: int
    url: str
    ledger_seq: int | None


class PublicDecisionDetail(PublicDecision):
    text: str
    # The current version's commitment in its ledger entry and the salt to check it (empty once
    # withdrawn or expired: the salt is deleted).
    commitment: str
    salt: str


class DecisionPage(Schema):
    count: int
    count_capped: bool
    # Sorted by relevance with more matches than the cap: the newest ``count`` matches were ranked.
    ranked_newest: bool
    # Every term was common and the bounded walk did not fill the count: only publications of
    # this day and later were searched (a date range reaches further back).
    searched_since: dt.date | None
    page: int
    pages: int
    results: list[PublicDecision]


def _decision(request: HttpRequest, p: Any) -> dict[str, Any]:
    return {
        "id": p.pk,
        "number": p.number,
        "title": p.title,
        "agency_id": p.agency_id,
        "agency": p.agency.name,
        "region": p.region.name,
        "region_code": p.region.code,
        "kind": {"code": p.action_kind, "label": kind_label(p.action_kind)},
        "party": p.party_label,
        "conclusion": p.conclusion if p.status == "published" else "",
        "decided_on": p.decided_on,
        "due_on": p.due_on,
        "published_on": p.published_on,
        "expires_on": p.expires_on,
        "status": p.status,
        "withdraw_reason": p.withdraw_reason,
        "version": p.version,
        "url": request.build_absolute_uri(reverse("publicity:decision", args=[p.pk])),
        "ledger_seq": p.ledger_seq,
    }


@router.get("/decisions", response={200: DecisionPage, 400: Error}, auth=None, summary="执法决定公示（检索）")
@cacheable
def decisions(request: HttpRequest) -> Any:
    """Published decisions: full-text ``q`` (Chinese words of any length), filters ``agency``,
    ``region`` (division code, sub-regions included), ``kind``, ``from``/``to`` (publication date),
    ``sort`` (date | relevance), ``page`` (20 per page)."""
    query = parse_query(request.GET)
    if query.errors:
        raise DomainError(query.errors[0], code="invalid_query")
    hits, result = run_query(query, today=timezone.localdate(), full=True)
    return {
        "count": result.total,
        "count_capped": result.total_capped,
        "ranked_newest": result.ranked_newest,
        "searched_since": result.searched_since,
        "page": query.page,
        "pages": max(1, (result.total + PAGE_SIZE - 1) // PAGE_SIZE),
        "results": [_decision(request, h.publication) for h in hits],
    }


@router.get(
    "/decisions/{pk}", response={200: PublicDecisionDetail, 404: Error}, auth=None, summary="执法决定（公开版）"
)
@cacheable
def decision(request: HttpRequest, pk: int) -> dict[str, Any]:
    p = selectors.get_public_publication(pk)
    if p is None:
        raise NotFoundError("未找到该公示信息，或已超过公示期限", code="publication_not_found")
    live = p.status == "published"
    current = selectors.versions(p).filter(version=p.version).first() if live else None
    return {
        **_decision(request, p),
        "text": p.redacted_text if live else "",
        "commitment": current.commitment if current else "",
        "salt": current.salt if current else "",
    }


# --- staff: re-run the redaction over published decisions -------------------------------------


class NotLoggedIn(DomainError):
    http_status = 401

    def __init__(self) -> None:
        super().__init__("请先登录", code="not_authenticated")


class RerunIn(Schema):
    agency: Id | None = None
    apply: bool = False


class RerunItemOut(Schema):
    publication: int
    number: str
    newly_masked: list[str]
    applied: bool


class RerunOut(Schema):
    agency: int
    checked: int
    changed: int
    applied: bool
    items: list[RerunItemOut]


@router.post(
    "/manage/rerun-redaction",
    response={200: RerunOut, 400: Error, 401: Error, 403: Error},
    summary="重新脱敏已公开决定",
)
def rerun_redaction(request: HttpRequest, payload: RerunIn) -> dict[str, Any]:
    """Redact the agency's published decisions again with today's detectors: the report lists,
    per decision, the fragments that would be (``apply``: are) masked further; applying makes each
    change a correction (new version, ledger entry, push). Agency head of the agency only."""
    user: Any = request.user
    if not user.is_authenticated:
        raise NotLoggedIn()
    agency = Agency.objects.filter(pk=payload.agency or getattr(user, "agency_id", None) or 0).first()
    if agency is None:
        raise DomainError("请指定执法主体", code="invalid")
    items = services.rerun_redaction(agency=agency, actor=user, apply=payload.apply)
    checked = Publication.objects.filter(agency=agency, status=PublicationStatus.PUBLISHED).count()
    return {
        "agency": agency.pk,
        "checked": checked,
        "changed": len(items),
        "applied": payload.apply,
        "items": [vars(i) for i in items],
    }
