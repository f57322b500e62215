"""Reads of the roster, scoped to what the user may see.

Scope rule: an administrator sees everything; a supervisor (justice bureau) sees the agencies of
their agency's region and every region below it; everyone else sees their own agency.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from yangguang.roster.models import Agency, EnforcementItem, Entity, InspectionItem, Officer, Region, Role, User


def visible_agencies(user: User) -> QuerySet[Agency]:
    qs = Agency.objects.all()
    if user.is_superuser or user.role == Role.ADMIN:
        return qs
    if user.agency_id is None or user.agency is None:
        return qs.none()
    if user.role == Role.SUPERVISOR:
        return qs.filter(region__path__startswith=user.agency.region.path)
    return qs.filter(pk=user.agency_id)


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
