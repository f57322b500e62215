"""Reads of the roster, scoped to what the user may see.

Scope rule: an administrator sees every agency's roster data; a supervisor (justice bureau) sees
the agencies of their agency's region and every region below it; everyone else sees their own
agency. Enforcement work (cases, documents, reviews, publications) is never the administrators'
(三员分立): ``work_agencies``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from yangguang.access import policy
from yangguang.roster.models import (
    Agency,
    CertificateStatus,
    EnforcementItem,
    Entity,
    InspectionItem,
    Officer,
    Region,
    User,
)


def visible_agencies(user: User) -> QuerySet[Agency]:
    """The agencies the user may see (the policy's ``agency.view``)."""
    return policy.scope(user, "agency.view", Agency.objects.all())


def work_agencies(user: User) -> QuerySet[Agency]:
    """Agencies whose enforcement work (cases, documents, reviews, publications) the user may read
    (the policy's ``agency.work``): none for the administrator roles (三员分立)."""
    return policy.scope(user, "agency.work", Agency.objects.all())


def can_see_agency(user: User, agency: Agency) -> bool:
    return visible_agencies(user).filter(pk=agency.pk).exists()


def search_officers(user: User, q: str = "", agency_id: int | None = None) -> QuerySet[Officer]:
    qs = Officer.objects.filter(agency__in=visible_agencies(user)).select_related("agency", "unit", "region")
    if agency_id:
        qs = qs.filter(agency_id=agency_id)
    if q:
        qs = qs.filter(Q(name__contains=q) | Q(certificate_no__icontains=q) | Q(unit__name__contains=q))
    return qs.order_by("agency_id", "name", "pk")


def search_agencies(user: User, q: str = "", region_code: str = "") -> QuerySet[Agency]:
    qs = visible_agencies(user).select_related("region", "parent")
    if q:
        qs = qs.filter(Q(name__contains=q) | Q(uscc__icontains=q))
    if region_code:
        region = Region.objects.filter(code=region_code).first()
        qs = qs.filter(region__path__startswith=region.path) if region else qs.none()
    return qs.order_by("region__code", "name")


def search_items(user: User, q: str = "", kind: str = "") -> QuerySet[EnforcementItem]:
    qs = EnforcementItem.objects.filter(agency__in=visible_agencies(user)).select_related("agency")
    if kind:
        qs = qs.filter(kind=kind)
    if q:
        qs = qs.filter(Q(name__contains=q) | Q(code__icontains=q))
    return qs.order_by("agency_id", "code")


def search_inspection_items(user: User, q: str = "") -> QuerySet[InspectionItem]:
    qs = InspectionItem.objects.filter(agency__in=visible_agencies(user)).select_related("agency")
    if q:
        qs = qs.filter(Q(name__contains=q) | Q(code__icontains=q))
    return qs.order_by("agency_id", "code")


def search_entities(q: str = "", region_code: str = "") -> QuerySet[Entity]:
    """Regulated entities are a shared directory (名录库): every signed-in user may search it."""
    qs = Entity.objects.select_related("region")
    if region_code:
        region = Region.objects.filter(code=region_code).first()
        qs = qs.filter(region__path__startswith=region.path) if region else qs.none()
    if q:
        if len(q) == 18 and q.isalnum():
            qs = qs.filter(uscc=q.upper())
        else:
            qs = qs.filter(name__contains=q)
    return qs.order_by("name", "pk")


def search_regions(q: str = "") -> QuerySet[Region]:
    """Regions are public reference data: every signed-in user may browse them."""
    qs = Region.objects.select_related("parent")
    if q:
        qs = qs.filter(Q(name__contains=q) | Q(code__startswith=q))
    return qs.order_by("code")


def regions_under(region: Region) -> QuerySet[Region]:
    return Region.objects.filter(path__startswith=region.path)


# --- certificates (持证上岗) ---------------------------------------------------------------------


@dataclass(frozen=True)
class CertificateState:
    """Whether an officer's certificate (执法证) allows enforcement on a day, and if not, why (a
    Chinese phrase such as 执法证在 2026-05-01 已过期（有效期至 2026-04-30）)."""

    valid: bool
    status: str
    reason: str = ""


def certificate_state_on(officer: Officer, day: dt.date | None = None) -> CertificateState:
    """THE judge of a certificate on a day: every enforcement act is judged on its own date through
    this function (the permission policy's 持证上岗 condition, the case guards, the public check).
    Today it reads the certificate's current fields; the certificate history replaces its body."""
    day = day or timezone.localdate()
    status = officer.cert_status
    if status == CertificateStatus.REVOKED:
        return CertificateState(False, status, f"执法证（{officer.certificate_no}）已被吊销")
    if status == CertificateStatus.SUSPENDED:
        return CertificateState(False, status, f"执法证在 {day.isoformat()} 处于暂扣期间")
    if day < officer.cert_valid_from:
        return CertificateState(
            False,
            status,
            f"执法证在 {day.isoformat()} 尚未生效（有效期自 {officer.cert_valid_from.isoformat()}）",
        )
    if status == CertificateStatus.EXPIRED or day > officer.cert_valid_until:
        return CertificateState(
            False,
            CertificateStatus.EXPIRED,
            f"执法证在 {day.isoformat()} 已过期（有效期至 {officer.cert_valid_until.isoformat()}）",
        )
    return CertificateState(True, CertificateStatus.VALID)


def certificate_valid_on(officer: Officer, day: dt.date | None = None) -> bool:
    """Was the officer's certificate valid on ``day``? (``certificate_state_on(...).valid``)"""
    return certificate_state_on(officer, day).valid
