"""Reads of the roster, scoped to what the user may see.

Scope rule: an administrator sees every agency's roster data; a supervisor (justice bureau) sees
the agencies of their agency's region and every region below it; everyone else sees their own
agency. Enforcement work (cases, documents, reviews, publications) is never the administrators'
(三员分立): ``work_agencies``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from yangguang.access import policy
from yangguang.roster.certificate_history import CertificateState
from yangguang.roster.models import (
    Agency,
    CertificateEvent,
    CertificateStatus,
    EnforcementItem,
    Entity,
    EntityChangeProposal,
    InspectionItem,
    Officer,
    ProposalStatus,
    Region,
    Role,
    User,
)


def visible_agencies(user: User) -> QuerySet[Agency]:
    """The agencies the user may see (the policy's ``agency.view``)."""
    return policy.scope(user, "agency.view", Agency.objects.all())


def work_agencies(user: User) -> QuerySet[Agency]:
    """Agencies whose enforcement work (cases, documents, reviews, publications) the user may read
    (the policy's ``agency.work``): none for the administrator roles (三员分立)."""
    return policy.scope(user, "agency.work", Agency.objects.all())


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


# --- certificates (持证上岗) ---------------------------------------------------------------------


def certificate_state_on(officer: Officer, day: dt.date | None = None) -> CertificateState:
    """THE judge of a certificate on a day: every enforcement act is judged on its own date through
    this function (the permission policy's 持证上岗 condition, the case guards, the public check),
    from the certificate's dated history (issue, renewal, suspension, reinstatement, revocation,
    lapse: ``roster.certificate_history``), so a step recorded after the fact (补录) on a day inside
    a lapse or a suspension is refused even once the certificate has been renewed."""
    return officer.certificate_state_on(day or timezone.localdate())


def certificate_valid_on(officer: Officer, day: dt.date | None = None) -> bool:
    """Was the officer's certificate valid on ``day``? (``certificate_state_on(...).valid``)"""
    return certificate_state_on(officer, day).valid


def certificate_history(officer: Officer) -> list[CertificateEvent]:
    """The recorded history, newest first, for the pages."""
    return list(officer.certificate_events.select_related("authority", "recorded_by").order_by("-pk"))


# --- the entity directory's change proposals ------------------------------------------------------


def proposals_to_decide(user: User) -> QuerySet[EntityChangeProposal]:
    """Pending proposals the user may accept or reject (its agency registered the entity; the
    system administrator all)."""
    qs = EntityChangeProposal.objects.filter(status=ProposalStatus.PENDING).select_related(
        "entity", "agency", "proposed_by"
    )
    return policy.scope(user, "entity.proposal.decide", qs).order_by("created_at", "pk")


def proposals_made(user: User) -> QuerySet[EntityChangeProposal]:
    """Proposals the user's agency made (any status), newest first."""
    if not user.is_authenticated or user.agency_id is None:
        return EntityChangeProposal.objects.none()
    return (
        EntityChangeProposal.objects.filter(agency_id=user.agency_id)
        .select_related("entity", "decided_by")
        .order_by("-created_at", "-pk")
    )


def agency_stats(agencies: QuerySet[Agency], *, today: dt.date) -> list[dict[str, Any]]:
    """Per agency: officers, officers with a certificate valid today, holding rate (持证率), reviewers
    and the reviewer share against the 5% floor (domain.md §5)."""
    valid = Q(
        officers__cert_status=CertificateStatus.VALID,
        officers__cert_valid_from__lte=today,
        officers__cert_valid_until__gte=today,
    )
    rows = []
    qs = (
        agencies.select_related("region")
        .annotate(
            n_officers=Count("officers", distinct=True),
            n_valid=Count("officers", filter=valid, distinct=True),
            n_reviewers=Count("officers", filter=Q(officers__is_reviewer=True), distinct=True),
        )
        .order_by("region__code", "name")
    )
    for agency in qs:
        n = agency.n_officers  # type: ignore[attr-defined]
        rows.append(
            {
                "id": agency.pk,
                "name": agency.name,
                "region": agency.region.name,
                "officers": n,
                "valid": agency.n_valid,  # type: ignore[attr-defined]
                "holding_rate": round(100 * agency.n_valid / n, 1) if n else 0.0,  # type: ignore[attr-defined]
                "reviewers": agency.n_reviewers,  # type: ignore[attr-defined]
                "reviewer_share": round(100 * agency.n_reviewers / n, 1) if n else 0.0,  # type: ignore[attr-defined]
                "reviewer_below_floor": n > 0 and agency.n_reviewers * 20 < n,  # type: ignore[attr-defined]
            }
        )
    return rows


# Roles whose home page shows the agencies they see, with holding rates and a chart.
AGENCY_OVERVIEW_ROLES = frozenset({Role.SUPERVISOR, Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AGENCY_HEAD})


def home_context(user: User, role: str, today: dt.date) -> dict[str, Any]:
    """The roster's part of the home pages (``core.extensions.HOME_CONTEXT``): the agencies the user
    sees with their holding rates (supervisors, administrators, agency heads), and the signed-in
    officer's certificate."""
    context: dict[str, Any] = {}
    if role in AGENCY_OVERVIEW_ROLES:
        rows = agency_stats(visible_agencies(user), today=today)
        context["agency_rows"] = rows
        # Read by static/js/holding-chart.js through json_script (escaped for a <script> block).
        context["chart_data"] = {
            "names": [r["name"] for r in rows[:30]],
            "rates": [r["holding_rate"] for r in rows[:30]],
        }
    officer = getattr(user, "officer", None)
    if officer is not None:
        context["officer"] = officer
        context["cert_valid"] = officer.certificate_valid_on(today)
        context["cert_days_left"] = (officer.cert_valid_until - today).days
    return context
