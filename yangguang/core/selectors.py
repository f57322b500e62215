"""Reads behind the home pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Q, QuerySet

from yangguang.core.extensions import HOME_PANELS
from yangguang.roster.models import Agency, CertificateStatus, User


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


def home_extras(user: User, role: str) -> dict[str, Any]:
    """The panels other apps contributed to the home pages (``extensions.HOME_PANELS``); each panel
    has ``title`` and ``template`` (rendered with the page context plus ``panel``)."""
    panels: list[dict[str, Any]] = []
    for contribution in HOME_PANELS.values():
        panels.extend(contribution.panels(user, role))
    return {"panels": panels}
