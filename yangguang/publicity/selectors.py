"""Reads of the public portal (公示平台). Every read of the portal goes through this module.

Public scope: active agencies (执法主体) and what belongs to them: their officers, enforcement items
and random inspection items. Nothing else of the database is reachable from the portal: no user
accounts, no regulated entities (市场主体), no case data (decisions are published by the publication
pipeline, later).

Only public fields are loaded (``only()``), so a template cannot show a private field by accident.

Read replicas: these functions are the portal's only way into the database, so a database router
(``DATABASE_ROUTERS``) that sends the portal's reads to a replica can be added later by wrapping
them (e.g. ``.using("replica")`` on the querysets built here) without touching views or API.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from yangguang.publicity.tokens import certificate_no_from_token
from yangguang.roster.models import (
    ActionKind,
    Agency,
    CertificateStatus,
    EnforcementItem,
    InspectionItem,
    Officer,
    Region,
    RegionLevel,
    Unit,
)

AGENCY_FIELDS = (
    "id",
    "name",
    "uscc",
    "power_kinds",
    "legal_basis",
    "address",
    "phone",
    "region__id",
    "region__name",
    "region__code",
)
OFFICER_FIELDS = (
    "id",
    "name",
    "post",
    "certificate_no",
    "categories",
    "cert_valid_from",
    "cert_valid_until",
    "cert_status",
    "photo",
    "agency__id",
    "agency__name",
    "unit__id",
    "unit__name",
    "region__id",
    "region__name",
)


def public_agencies() -> QuerySet[Agency]:
    return Agency.objects.filter(is_active=True)


def search_agencies(q: str = "", region_code: str = "") -> QuerySet[Agency]:
    """The agency directory (执法主体名录): by name or USCC, in a region and every region below it."""
    qs = public_agencies().select_related("region").only(*AGENCY_FIELDS)
    qs = qs.prefetch_related(Prefetch("units", queryset=Unit.objects.only("id", "name", "agency_id")))
    q = q.strip()
    if q:
        qs = qs.filter(Q(name__contains=q) | Q(uscc=q.upper()))
    region_code = region_code.strip()
    if region_code:
        # "This region and below" is one indexed prefix match on the materialized path.
        region_path = Region.objects.filter(code=region_code).values_list("path", flat=True).first()
        qs = qs.filter(region__path__startswith=region_path) if region_path else qs.none()
    return qs.order_by("region__code", "name", "pk")


def get_agency(pk: int) -> Agency | None:
    return search_agencies().filter(pk=pk).first()


def filter_regions() -> QuerySet[Region]:
    """Regions offered in the directory's filter: province, city and county (townships are many)."""
    return Region.objects.filter(level__in=[RegionLevel.PROVINCE, RegionLevel.CITY, RegionLevel.COUNTY]).only(
        "code", "name", "level"
    )


def agency_choices() -> QuerySet[Agency]:
    """Agencies for a filter drop-down: id and name only."""
    return public_agencies().only("id", "name").order_by("region__code", "name", "pk")


def search_officers(q: str = "", agency_id: int | None = None) -> QuerySet[Officer]:
    """The officer roster (执法人员清单): by name, unit or certificate number, optionally of one agency."""
    qs = Officer.objects.filter(agency__is_active=True).select_related("agency", "unit", "region").only(*OFFICER_FIELDS)
    if agency_id:
        qs = qs.filter(agency_id=agency_id)
    q = q.strip()
    if q:
        qs = qs.filter(Q(name__contains=q) | Q(unit__name__contains=q) | Q(certificate_no__icontains=q))
    return qs.order_by("agency__region__code", "agency__name", "name", "pk")


def officer_by_certificate_no(certificate_no: str) -> Officer | None:
    return search_officers().filter(certificate_no=certificate_no).first()


def officer_by_token(token: str) -> Officer | None:
    """The officer whose certificate the token stands for; None for a forged or stale token."""
    certificate_no = certificate_no_from_token(token)
    if certificate_no is None:
        return None
    return officer_by_certificate_no(certificate_no)


def officer_by_certificate_and_name(certificate_no: str, name: str) -> Officer | None:
    """The manual check: both the certificate number and the holder's name must match."""
    certificate_no, name = certificate_no.strip(), name.strip()
    if not certificate_no or not name:
        return None
    candidates = {certificate_no, certificate_no.upper()}
    return search_officers().filter(certificate_no__in=candidates, name=name).first()


def search_items(agency_id: int | None = None, kind: str = "", q: str = "") -> QuerySet[EnforcementItem]:
    """The enforcement item catalog (执法事项清单) with the service guide fields."""
    qs = EnforcementItem.objects.filter(agency__is_active=True).select_related("agency")
    if agency_id:
        qs = qs.filter(agency_id=agency_id)
    if kind:
        qs = qs.filter(kind=kind)
    q = q.strip()
    if q:
        qs = qs.filter(Q(name__contains=q) | Q(code__icontains=q))
    return qs.order_by("agency__region__code", "agency__name", "code", "pk")


def get_item(pk: int) -> EnforcementItem | None:
    return search_items().filter(pk=pk).first()


def search_inspection_items(agency_id: int | None = None, q: str = "") -> QuerySet[InspectionItem]:
    """The random inspection item list (随机抽查事项清单)."""
    qs = InspectionItem.objects.filter(agency__is_active=True).select_related("agency")
    if agency_id:
        qs = qs.filter(agency_id=agency_id)
    q = q.strip()
    if q:
        qs = qs.filter(Q(name__contains=q) | Q(code__icontains=q))
    return qs.order_by("agency__region__code", "agency__name", "code", "pk")


@dataclass(frozen=True)
class PortalCounts:
    agencies: int
    officers: int
    officers_valid: int
    items: int
    inspection_items: int


def portal_counts(day: dt.date | None = None) -> PortalCounts:
    day = day or timezone.localdate()
    officers = Officer.objects.filter(agency__is_active=True)
    return PortalCounts(
        agencies=public_agencies().count(),
        officers=officers.count(),
        officers_valid=officers.filter(
            cert_status=CertificateStatus.VALID, cert_valid_from__lte=day, cert_valid_until__gte=day
        ).count(),
        items=EnforcementItem.objects.filter(agency__is_active=True).count(),
        inspection_items=InspectionItem.objects.filter(agency__is_active=True).count(),
    )


def kind_label(code: str) -> str:
    return str(ActionKind(code).label) if code in ActionKind.values else code
