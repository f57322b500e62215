"""The cockpit's figures computed directly from the records (the computation before the roll-up
existed, kept as the reference the reconciliation test compares the roll-up's figures with)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Q, Sum
from django.urls import reverse
from django.utils.http import urlencode

from yangguang.cases.models import Case
from yangguang.cases.workflow import CaseKind
from yangguang.evidence.models import RecordingException
from yangguang.publicity.models import Publication, PublicationStatus, SourceKind
from yangguang.review.models import RequestStatus, ReviewRequest
from yangguang.roster.models import Agency, Region, User
from yangguang.supervision.cockpit import Position, _in, _officer_stats, agency_ids, cases_url, overdue_q


def direct_figures(user: User, pos: Position, today: dt.date) -> dict[str, Any]:
    """Every figure of the cockpit for ``pos`` (with the URLs of the case lists behind them)."""
    ids = agency_ids(user, pos)
    start, end = pos.start, pos.end
    cases = Case.objects.filter(agency_id__in=ids)
    opened_q, decided_q, over_q = _in(start, end, "registered_on"), _in(start, end, "decided_on"), overdue_q(today)

    # One pass over the cases: counts and amounts per (agency, kind).
    per_agency: dict[int, dict[str, Any]] = {}
    by_kind: dict[str, dict[str, int]] = {}
    for r in cases.values("agency_id", "kind").annotate(
        opened=Count("pk", filter=opened_q),
        decided=Count("pk", filter=decided_q),
        overdue=Count("pk", filter=over_q),
        fines=Sum("fine_amount", filter=decided_q),
        confiscations=Sum("confiscation_amount", filter=decided_q),
    ):
        a = per_agency.setdefault(r["agency_id"], {"opened": 0, "decided": 0, "overdue": 0, "amount": Decimal(0)})
        k = by_kind.setdefault(r["kind"], {"opened": 0, "decided": 0, "overdue": 0})
        for key in ("opened", "decided", "overdue"):
            a[key] += r[key]
            k[key] += r[key]
        a["amount"] += (r["fines"] or Decimal(0)) + (r["confiscations"] or Decimal(0))
    kinds = []
    for kind, label in CaseKind.choices:
        r = by_kind.get(kind, {"opened": 0, "decided": 0, "overdue": 0})
        kinds.append(
            {
                "kind": kind,
                "label": str(label),
                "opened": r["opened"],
                "decided": r["decided"],
                "overdue": r["overdue"],
                "opened_url": cases_url(pos, "opened", kind=kind),
                "decided_url": cases_url(pos, "decided", kind=kind),
                "overdue_url": cases_url(pos, "overdue", kind=kind),
            }
        )

    av = dict(
        RecordingException.objects.filter(case__agency_id__in=ids, recorded_at__date__gte=start)
        .values("case__agency_id")
        .annotate(n=Count("pk"))
        .values_list("case__agency_id", "n")
    )
    stats = _officer_stats(ids, today)
    base = reverse("supervision:cockpit")
    agency_rows = []
    for pk, name, path in (
        Agency.objects.filter(pk__in=ids).order_by("region__code", "name").values_list("pk", "name", "region__path")
    ):
        r = per_agency.get(pk, {})
        st = stats.get(pk, {})
        n, valid, reviewers = st.get("n", 0), st.get("valid", 0), st.get("reviewers", 0)
        agency_rows.append(
            {
                "id": pk,
                "name": name,
                "region_path": path,
                "opened": r.get("opened", 0),
                "decided": r.get("decided", 0),
                "overdue": r.get("overdue", 0),
                "amount": r.get("amount", Decimal(0)),
                "av_exceptions": av.get(pk, 0),
                "officers": n,
                "valid": valid,
                "holding_rate": round(100 * valid / n, 1) if n else 0.0,
                "reviewers": reviewers,
                "reviewer_share": round(100 * reviewers / n, 1) if n else 0.0,
                "below_floor": n > 0 and reviewers * 20 < n,
                "url": f"{base}?agency={pk}",
            }
        )
    children = []
    if pos.agency is None:
        for child in Region.objects.filter(parent=pos.region).order_by("code"):
            rows = [r for r in agency_rows if r["region_path"].startswith(child.path)]
            if not rows:
                continue
            children.append(
                {
                    "code": child.code,
                    "name": child.name,
                    "agencies": len(rows),
                    "opened": sum(r["opened"] for r in rows),
                    "decided": sum(r["decided"] for r in rows),
                    "overdue": sum(r["overdue"] for r in rows),
                    "amount": sum((r["amount"] for r in rows), Decimal(0)),
                    "url": f"{base}?{urlencode({'region': child.code})}",
                }
            )

    # Fines and confiscations per month, this period against the year before: summed per day in
    # the database (at most 730 rows), folded into months here (no per-row date functions).
    amounts: dict[tuple[int, int], Decimal] = {}
    for r in (
        cases.filter(decided_on__gte=dt.date(start.year - 1, start.month, 1), decided_on__lte=end)
        .values("decided_on")
        .annotate(f=Sum("fine_amount"), c=Sum("confiscation_amount"))
    ):
        day = r["decided_on"]
        ym = (day.year, day.month)
        amounts[ym] = amounts.get(ym, Decimal(0)) + (r["f"] or Decimal(0)) + (r["c"] or Decimal(0))
    months = []
    y, mo = start.year, start.month
    while (y, mo) <= (end.year, end.month):
        now, before = amounts.get((y, mo), Decimal(0)), amounts.get((y - 1, mo), Decimal(0))
        months.append(
            {
                "month": f"{y}-{mo:02d}",
                "amount": float(now),
                "previous": float(before),
                "yoy": round(float((now - before) * 100 / before), 1) if before else None,
                "url": cases_url(pos, "fines", month=f"{y}-{mo:02d}"),
            }
        )
        y, mo = (y + 1, 1) if mo == 12 else (y, mo + 1)
    total_now = sum((Decimal(str(m["amount"])) for m in months), Decimal(0))
    total_before = sum((Decimal(str(m["previous"])) for m in months), Decimal(0))

    # Publication after action.
    pubs = Publication.objects.filter(
        agency_id__in=ids, source_kind=SourceKind.CASE_DECISION, decided_on__gte=start, decided_on__lte=end
    ).aggregate(
        on_time=Count("pk", filter=Q(published_on__isnull=False, published_on__lte=F("due_on"))),
        late=Count("pk", filter=Q(published_on__gt=F("due_on"))),
        missing=Count("pk", filter=Q(published_on__isnull=True, status=PublicationStatus.PENDING, due_on__lt=today)),
        waiting=Count("pk", filter=Q(published_on__isnull=True, status=PublicationStatus.PENDING, due_on__gte=today)),
    )
    publication = [
        {"key": key, "label": label, "n": pubs[key], "url": cases_url(pos, f"publication_{key}")}
        for key, label in (
            ("on_time", "按时公开"),
            ("late", "逾期公开"),
            ("missing", "逾期未公开"),
            ("waiting", "期限内待公开"),
        )
    ]

    # Legal reviews and their outcomes.
    review_counts = dict(
        ReviewRequest.objects.filter(agency_id__in=ids, submitted_on__gte=start, submitted_on__lte=end)
        .values("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    reviews = [
        {
            "status": status,
            "label": str(label),
            "n": review_counts.get(status, 0),
            "url": cases_url(pos, "review", status=status),
        }
        for status, label in RequestStatus.choices
    ]

    officers = sum(r["officers"] for r in agency_rows)
    valid = sum(r["valid"] for r in agency_rows)
    reviewers = sum(r["reviewers"] for r in agency_rows)
    return {
        "kinds": kinds,
        "agencies": agency_rows,
        "children": children,
        "months": months,
        "amount_now": total_now,
        "amount_before": total_before,
        "amount_yoy": round(float((total_now - total_before) * 100 / total_before), 1) if total_before else None,
        "publication": publication,
        "reviews": reviews,
        "av_exceptions": sum(r["av_exceptions"] for r in agency_rows),
        "av_url": cases_url(pos, "av_exception"),
        "officers": officers,
        "holding_rate": round(100 * valid / officers, 1) if officers else 0.0,
        "reviewers": reviewers,
        "reviewer_share": round(100 * reviewers / officers, 1) if officers else 0.0,
        "below_floor": sum(1 for r in agency_rows if r["below_floor"]),
    }
