"""The supervisor's cockpit (驾驶舱): figures of a supervision scope, drilled down province → city →
county → agency, each figure linked to the list of cases behind it.

A position is a region of the supervisor's scope (its bureau's region or one below) or one agency
in it. All figures are aggregate queries over the agencies of the position (a handful of GROUP BY
queries per view, whatever the number of cases); the period is the twelve months up to today,
compared with the twelve before for fines and confiscations.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Q, QuerySet, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from openpyxl import Workbook

from yangguang.cases.models import Case
from yangguang.cases.workflow import CaseKind, CaseState
from yangguang.core.spreadsheet import xlsx_value
from yangguang.evidence.models import RecordingException
from yangguang.publicity.models import Publication, PublicationStatus, SourceKind
from yangguang.review.models import RequestStatus, ReviewRequest
from yangguang.roster.models import Agency, CertificateStatus, Officer, Region, User
from yangguang.workdays.periods import PERIODS

from .models import MonthFact
from .rollup import REVIEW_FIELDS, month_of
from .selectors import bureau_of, scope_agencies


@dataclass(frozen=True)
class Position:
    region: Region
    agency: Agency | None
    start: dt.date
    end: dt.date

    def params(self) -> dict[str, str]:
        out = {"region": self.region.code}
        if self.agency is not None:
            out["agency"] = str(self.agency.pk)
        return out


def period(today: dt.date) -> tuple[dt.date, dt.date]:
    """The twelve calendar months up to ``today`` (the first day of the month eleven months before,
    to today)."""
    y, m = today.year, today.month - 11
    if m <= 0:
        y, m = y - 1, m + 12
    return dt.date(y, m, 1), today


def position(user: User, *, region_code: str = "", agency_id: int | None, today: dt.date) -> Position | None:
    """The position asked for, if it lies in the user's scope (None otherwise)."""
    bureau = bureau_of(user)
    if bureau is None:
        return None
    top = bureau.region
    start, end = period(today)
    agency = None
    if agency_id is not None:
        agency = scope_agencies(user).select_related("region").filter(pk=agency_id).first()
        if agency is None:
            return None
        return Position(agency.region, agency, start, end)
    region = Region.objects.filter(code=region_code).first() if region_code else top
    if region is None or not region.path.startswith(top.path):
        return None
    return Position(region, None, start, end)


def agencies_of(user: User, pos: Position) -> QuerySet[Agency]:
    qs = scope_agencies(user).filter(region__path__startswith=pos.region.path)
    return qs.filter(pk=pos.agency.pk) if pos.agency is not None else qs


def breadcrumbs(user: User, pos: Position) -> list[Region]:
    bureau = bureau_of(user)
    assert bureau is not None
    codes = [c for c in pos.region.path.strip("/").split("/") if c]
    regions = {r.code: r for r in Region.objects.filter(code__in=codes)}
    top = bureau.region.path
    return [regions[c] for c in codes if c in regions and regions[c].path.startswith(top)]


def cases_url(pos: Position, metric: str, **extra: str) -> str:
    params = pos.params() | {"metric": metric} | {k: v for k, v in extra.items() if v}
    return f"{reverse('supervision:cockpit_cases')}?{urlencode(params)}"


def _in(start: dt.date, end: dt.date, field: str) -> Q:
    return Q(**{f"{field}__gte": start, f"{field}__lte": end})


OPEN_PENALTY = (CaseState.INVESTIGATING, CaseState.INVESTIGATION_ENDED, CaseState.LEGAL_REVIEW, CaseState.NOTIFIED)


def overdue_q(today: dt.date) -> Q:
    """Ordinary-procedure penalty cases still undecided more than the decision period after filing
    (the figure; the warning model ``decision_overdue`` adds extensions and holidays)."""
    return Q(
        kind=CaseKind.PENALTY_ORDINARY,
        state__in=OPEN_PENALTY,
        filed_on__lt=today - dt.timedelta(days=PERIODS["decision"].length),
    )


def agency_ids(user: User, pos: Position) -> list[int]:
    """The ids of the position's agencies (a plain list: every query below filters on it, cheaper
    than repeating the scope's subqueries)."""
    return list(agencies_of(user, pos).values_list("pk", flat=True))


def _officer_stats(ids: list[int], today: dt.date) -> dict[int, dict[str, int]]:
    """Per agency: officers, officers with a certificate valid today (持证), reviewers; one GROUP BY
    over the officers (the home page's ``agency_stats`` counts distinct joins instead)."""
    valid = Q(cert_status=CertificateStatus.VALID, cert_valid_from__lte=today, cert_valid_until__gte=today)
    rows = (
        Officer.objects.filter(agency_id__in=ids)
        .values("agency_id")
        .annotate(n=Count("pk"), valid=Count("pk", filter=valid), reviewers=Count("pk", filter=Q(is_reviewer=True)))
    )
    return {r["agency_id"]: r for r in rows}


def _facts(ids: list[int], first: dt.date, last: dt.date) -> QuerySet[MonthFact]:
    """The roll-up rows of the agencies ``ids`` for the months of ``first``..``last``."""
    return MonthFact.objects.filter(agency_id__in=ids, month__gte=month_of(first), month__lte=month_of(last))


def overdue_counts(ids: list[int], today: dt.date) -> dict[int, int]:
    """Per agency: the cases past their decision period now (read from the cases: it depends on today)."""
    rows = Case.objects.filter(agency_id__in=ids).filter(overdue_q(today)).values("agency_id").annotate(n=Count("pk"))
    return {r["agency_id"]: r["n"] for r in rows}


def pending_publications(ids: list[int], start: dt.date, end: dt.date, today: dt.date) -> dict[str, int]:
    """Decisions of the period not yet published: past their due date (missing) or not yet (waiting)."""
    return Publication.objects.filter(
        agency_id__in=ids,
        source_kind=SourceKind.CASE_DECISION,
        status=PublicationStatus.PENDING,
        published_on__isnull=True,
        decided_on__gte=start,
        decided_on__lte=end,
    ).aggregate(
        missing=Count("pk", filter=Q(due_on__lt=today)),
        waiting=Count("pk", filter=Q(due_on__gte=today)),
    )


def figures(user: User, pos: Position, today: dt.date) -> dict[str, Any]:
    """Every figure of the cockpit for ``pos`` (with the URLs of the case lists behind them): the
    period's counts and amounts summed from the roll-up (``rollup.py``), what depends on today
    (overdue cases, publications still pending) and the officers read from the records."""
    ids = agency_ids(user, pos)
    start, end = pos.start, pos.end

    # One pass over the roll-up: counts and amounts per (agency, kind).
    per_agency: dict[int, dict[str, Any]] = {}
    by_kind: dict[str, dict[str, int]] = {}
    totals: dict[str, int] = {f: 0 for f in ("pub_on_time", "pub_late", *REVIEW_FIELDS.values())}
    sums = {f: Sum(f) for f in ("opened", "decided", "fines", "confiscations", "av_exceptions", *totals)}
    for r in _facts(ids, start, end).values("agency_id", "kind").annotate(**sums):
        a = per_agency.setdefault(
            r["agency_id"], {"opened": 0, "decided": 0, "overdue": 0, "amount": Decimal(0), "av": 0}
        )
        k = by_kind.setdefault(r["kind"], {"opened": 0, "decided": 0, "overdue": 0})
        for key in ("opened", "decided"):
            a[key] += r[key] or 0
            k[key] += r[key] or 0
        a["amount"] += (r["fines"] or Decimal(0)) + (r["confiscations"] or Decimal(0))
        a["av"] += r["av_exceptions"] or 0
        for key in totals:
            totals[key] += r[key] or 0
    for agency_id, n in overdue_counts(ids, today).items():
        per_agency.setdefault(agency_id, {"opened": 0, "decided": 0, "overdue": 0, "amount": Decimal(0), "av": 0})
        per_agency[agency_id]["overdue"] += n
        by_kind.setdefault(CaseKind.PENALTY_ORDINARY, {"opened": 0, "decided": 0, "overdue": 0})["overdue"] += n
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
                "av_exceptions": r.get("av", 0),
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

    # Fines and confiscations per month, this period against the year before (24 months of the
    # roll-up, summed per month).
    amounts: dict[tuple[int, int], Decimal] = {}
    for r in (
        _facts(ids, dt.date(start.year - 1, start.month, 1), end)
        .values("month")
        .annotate(f=Sum("fines"), c=Sum("confiscations"))
    ):
        month = r["month"]
        amounts[(month.year, month.month)] = (r["f"] or Decimal(0)) + (r["c"] or Decimal(0))
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

    # Publication after action: published (on time, late) from the roll-up, pending from the records.
    pubs = {"on_time": totals["pub_on_time"], "late": totals["pub_late"]} | pending_publications(ids, start, end, today)
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
    reviews = [
        {
            "status": status,
            "label": str(label),
            "n": totals[REVIEW_FIELDS[status]],
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


METRICS = {
    "opened": "立案（登记）",
    "decided": "作出决定",
    "overdue": "超期未决定",
    "fines": "罚没决定",
    "publication_on_time": "按时公开",
    "publication_late": "逾期公开",
    "publication_missing": "逾期未公开",
    "publication_waiting": "期限内待公开",
    "review": "法制审核",
    "av_exception": "音像记录例外",
}


def metric_cases(
    user: User, pos: Position, metric: str, today: dt.date, *, kind: str = "", month: str = "", status: str = ""
) -> QuerySet[Case] | None:
    """The cases behind one figure (None for an unknown metric)."""
    ids = agency_ids(user, pos)
    qs = Case.objects.filter(agency_id__in=ids)
    start, end = pos.start, pos.end
    if metric == "opened":
        qs = qs.filter(_in(start, end, "registered_on"))
    elif metric == "decided":
        qs = qs.filter(_in(start, end, "decided_on"))
    elif metric == "overdue":
        qs = qs.filter(overdue_q(today))
    elif metric == "fines":
        try:
            y, m = (int(x) for x in month.split("-"))
            first = dt.date(y, m, 1)
        except ValueError:
            return None
        last = (dt.date(y + (m == 12), m % 12 + 1, 1)) - dt.timedelta(days=1)
        qs = qs.filter(decided_on__gte=first, decided_on__lte=last).filter(
            Q(fine_amount__gt=0) | Q(confiscation_amount__gt=0)
        )
    elif metric.startswith("publication_"):
        pubs = Publication.objects.filter(
            agency_id__in=ids, source_kind=SourceKind.CASE_DECISION, decided_on__gte=start, decided_on__lte=end
        )
        which = metric.removeprefix("publication_")
        conditions = {
            "on_time": Q(published_on__isnull=False, published_on__lte=F("due_on")),
            "late": Q(published_on__gt=F("due_on")),
            "missing": Q(published_on__isnull=True, status=PublicationStatus.PENDING, due_on__lt=today),
            "waiting": Q(published_on__isnull=True, status=PublicationStatus.PENDING, due_on__gte=today),
        }
        if which not in conditions:
            return None
        qs = qs.filter(pk__in=pubs.filter(conditions[which]).values("case_id"))
    elif metric == "review":
        reviews = ReviewRequest.objects.filter(agency_id__in=ids, submitted_on__gte=start, submitted_on__lte=end)
        if status:
            reviews = reviews.filter(status=status)
        qs = qs.filter(pk__in=reviews.values("case_id"))
    elif metric == "av_exception":
        qs = qs.filter(
            pk__in=RecordingException.objects.filter(case__agency_id__in=ids, recorded_at__date__gte=start).values(
                "case_id"
            )
        )
    else:
        return None
    if kind:
        qs = qs.filter(kind=kind)
    return qs.select_related("agency").order_by("-registered_on", "-pk")


def export_xlsx(user: User, pos: Position, today: dt.date) -> bytes:
    """The cockpit's figures as an XLSX workbook (texts neutralized against formula injection)."""
    figs = figures(user, pos, today)
    wb = Workbook(write_only=True)

    def sheet(title: str, header: list[str], rows: list[list[Any]]) -> None:
        ws = wb.create_sheet(title)
        ws.append(header)
        for row in rows:
            ws.append([xlsx_value(ws, v) for v in row])

    sheet(
        "按案件类别",
        ["案件类别", "立案（登记）", "作出决定", "超期未决定"],
        [[k["label"], k["opened"], k["decided"], k["overdue"]] for k in figs["kinds"]],
    )
    sheet(
        "按执法主体",
        [
            "执法主体",
            "立案（登记）",
            "作出决定",
            "超期未决定",
            "罚没金额（元）",
            "音像记录例外",
            "执法人员",
            "持证率（%）",
            "法制审核人员",
            "审核人员占比（%）",
        ],
        [
            [
                a["name"],
                a["opened"],
                a["decided"],
                a["overdue"],
                float(a["amount"]),
                a["av_exceptions"],
                a["officers"],
                a["holding_rate"],
                a["reviewers"],
                a["reviewer_share"],
            ]
            for a in figs["agencies"]
        ],
    )
    sheet(
        "月度罚没",
        ["月份", "罚没金额（元）", "上年同月（元）", "同比（%）"],
        [[m["month"], m["amount"], m["previous"], m["yoy"]] for m in figs["months"]],
    )
    sheet("事后公开", ["情况", "件数"], [[p["label"], p["n"]] for p in figs["publication"]])
    sheet("法制审核", ["状态", "件数"], [[r["label"], r["n"]] for r in figs["reviews"]])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def home_panels(user: User, role: str) -> list[dict[str, Any]]:
    """The cockpit as the supervisor's first home panel (contributed as ``extensions.HOME_PANELS``):
    the headline figures of the bureau's whole scope, linked to the cockpit."""
    if role != "supervisor":
        return []
    today = timezone.localdate()
    pos = position(user, agency_id=None, today=today)
    if pos is None:
        return []
    return [
        {
            "title": "执法监督驾驶舱",
            "template": "supervision/_panel_cockpit.html",
            "figs": headline(user, pos, today),
            "pos": pos,
        }
    ]


def headline(user: User, pos: Position, today: dt.date) -> dict[str, Any]:
    """The few figures of the home panel (amounts with year-on-year change, publication, holding
    rate) without the per-agency and per-kind pass of the full cockpit: the period's amounts from
    the roll-up, against the same months a year before up to the same day (the whole months from
    the roll-up, the last one's first days from the cases)."""
    ids = agency_ids(user, pos)
    start, end = pos.start, pos.end

    def rolled(first: dt.date, last: dt.date) -> Decimal:
        got = _facts(ids, first, last).aggregate(f=Sum("fines"), c=Sum("confiscations"))
        return (got["f"] or Decimal(0)) + (got["c"] or Decimal(0))

    now = rolled(start, end)
    last_year_end = dt.date(end.year - 1, end.month, min(end.day, 28))
    before = rolled(dt.date(start.year - 1, start.month, 1), last_year_end - dt.timedelta(days=last_year_end.day))
    partial = Case.objects.filter(
        agency_id__in=ids, decided_on__gte=month_of(last_year_end), decided_on__lte=last_year_end
    ).aggregate(f=Sum("fine_amount"), c=Sum("confiscation_amount"))
    before += (partial["f"] or Decimal(0)) + (partial["c"] or Decimal(0))
    facts = _facts(ids, start, end).aggregate(on_time=Sum("pub_on_time"), late=Sum("pub_late"))
    pubs = {"on_time": facts["on_time"] or 0, "late": facts["late"] or 0} | pending_publications(ids, start, end, today)
    valid = Q(cert_status=CertificateStatus.VALID, cert_valid_from__lte=today, cert_valid_until__gte=today)
    off = Officer.objects.filter(agency_id__in=ids).aggregate(n=Count("pk"), v=Count("pk", filter=valid))
    return {
        "amount_now": now,
        "amount_yoy": round(float((now - before) * 100 / before), 1) if before else None,
        "publication": [
            {"key": key, "label": label, "n": pubs[key], "url": cases_url(pos, f"publication_{key}")}
            for key, label in (("on_time", "按时公开"), ("late", "逾期公开"), ("missing", "逾期未公开"))
        ],
        "holding_rate": round(100 * off["v"] / off["n"], 1) if off["n"] else 0.0,
    }
