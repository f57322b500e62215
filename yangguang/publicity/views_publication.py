"""Public pages after action (事后公开): published decisions with full-text search, open data (CSV,
Atom) and the annual statistics reports. No login; same caching rules as the rest of the portal."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode
from xml.sax.saxutils import escape as xml_escape

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from yangguang.core.params import ascii_int, optional_id
from yangguang.core.spreadsheet import csv_row
from yangguang.ledger import selectors as ledger_selectors
from yangguang.ledger.witnessing import configured_witnesses
from yangguang.publicity import reports, search, selectors
from yangguang.publicity.models import AnnualReport, Publication, PublicationStatus
from yangguang.publicity.portal import kind_choices
from yangguang.publicity.views import _not_found, _render, public_page
from yangguang.roster.models import ActionKind

PAGE_SIZE = 20


@dataclass
class DecisionQuery:
    q: str
    filters: search.SearchFilters
    sort: str
    page: int
    region: str
    errors: list[str]

    def params(self, **override: Any) -> str:
        values: dict[str, Any] = {
            "q": self.q,
            "agency": self.filters.agency_id or "",
            "region": self.region,
            "kind": self.filters.kind,
            "from": self.filters.date_from.isoformat() if self.filters.date_from else "",
            "to": self.filters.date_to.isoformat() if self.filters.date_to else "",
            "sort": self.sort if self.sort != "date" else "",
            "page": self.page if self.page > 1 else "",
        }
        values.update(override)
        return urlencode({k: v for k, v in values.items() if v not in ("", None)})


def _date(raw: str, label: str, errors: list[str]) -> dt.date | None:
    raw = raw.strip()
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        errors.append(_("%(label)s格式应为 YYYY-MM-DD") % {"label": label})
        return None


def parse_query(get: Any) -> DecisionQuery:
    errors: list[str] = []
    agency = get.get("agency", "").strip()
    kind = get.get("kind", "").strip()
    region = get.get("region", "").strip()
    sort = get.get("sort", "date")
    page = get.get("page", "1")
    filters = search.SearchFilters(
        agency_id=optional_id(agency),
        region_path=selectors.region_path_of(region) if region else "",
        kind=kind if kind in ActionKind.values else "",
        date_from=_date(get.get("from", ""), _("起始日期"), errors),
        date_to=_date(get.get("to", ""), _("截止日期"), errors),
    )
    if region and not filters.region_path:
        errors.append(_("未找到该区划"))
        filters.region_path = "/none/"
    return DecisionQuery(
        q=get.get("q", "").strip()[:100],
        filters=filters,
        sort="relevance" if sort == "relevance" else "date",
        page=ascii_int(page, minimum=1, maximum=9_999) or 1,
        region=region,
        errors=errors,
    )


@dataclass(frozen=True)
class Hit:
    publication: Publication
    snippet: str
    title: str
    url: str = ""
    day: str = ""


def run_query(
    query: DecisionQuery, *, today: dt.date, page_size: int = PAGE_SIZE, full: bool = False
) -> tuple[list[Hit], search.SearchResult]:
    """One page of ``query``: its hits (with highlighted title and snippet) and the result; ``full``
    loads every field of the publications (the API), otherwise only what the result list shows."""
    result = search.search(
        query.q,
        query.filters,
        today=today,
        sort=query.sort,
        offset=(query.page - 1) * page_size,
        limit=page_size,
    )
    pubs = selectors.publications_by_ids(result.ids) if full else selectors.publication_hits(result.ids)
    # One reverse() for the page, not one per hit (the list is the portal's busiest page).
    url = reverse("publicity:decision", args=[0])[:-2]
    hits = [
        Hit(
            p,
            search.highlight(p.redacted_text, result.terms, snippet=160),
            search.highlight(p.title, result.terms),
            url=f"{url}{p.pk}/",
            day=p.published_on.isoformat() if p.published_on else "",
        )
        for p in pubs
    ]
    return hits, result


def _options(choices: list[tuple[Any, str]], selected: Any) -> SafeString:
    """<option> elements, built here rather than in a template loop (dozens per search page)."""
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((value, " selected" if str(value) == str(selected) else "", label) for value, label in choices),
    )


@public_page
def decision_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    query = parse_query(request.GET)
    hits, result = run_query(query, today=today)
    pages = max(1, (result.total + PAGE_SIZE - 1) // PAGE_SIZE)
    withdrawn = []
    if not query.q and query.page == 1:
        withdrawn = selectors.recent_withdrawals(today)
    context = {
        "query": query,
        "hits": hits,
        "result": result,
        "pages": pages,
        "prev_url": "?" + query.params(page=query.page - 1) if query.page > 1 else "",
        "next_url": "?" + query.params(page=query.page + 1) if query.page < pages else "",
        "date_sort_url": "?" + query.params(sort="", page=""),
        "relevance_sort_url": "?" + query.params(sort="relevance", page=""),
        "agency_options": _options(
            list(selectors.agency_choices().values_list("pk", "name")), query.filters.agency_id or ""
        ),
        "region_options": _options(list(selectors.filter_regions().values_list("code", "name")), query.region),
        "kind_options": _options(list(kind_choices()), query.filters.kind),
        "withdrawn": withdrawn,
    }
    if request.headers.get("HX-Request"):
        return _render("publicity/_decisions_results.html", context, section="decisions")
    return _render("publicity/decisions.html", context, section="decisions")


@public_page
def decision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    pub = selectors.get_public_publication(pk)
    if pub is None:
        return _not_found(_("未找到该公示信息，或已超过公示期限（已归档）。"))
    versions = list(selectors.versions(pub))
    context = {
        "pub": pub,
        "versions": versions,
        "current": versions[-1] if versions and pub.status == "published" else None,
        "proof_url": f"/api/ledger/entries/{pub.ledger_seq}/proof" if pub.ledger_seq else "",
        "entry_url": f"/api/ledger/entries/{pub.ledger_seq}" if pub.ledger_seq else "",
    }
    return _render("publicity/decision_detail.html", context, section="decisions")


# --- open data ----------------------------------------------------------------------------------


@public_page
def open_data(request: HttpRequest) -> HttpResponse:
    return _render("publicity/open_data.html", {}, section="open_data")


@public_page
def ledger(request: HttpRequest) -> HttpResponse:
    """Record verification (记录核验): the ledger's pinned key, the latest checkpoint with its
    cosignatures, the witnesses, and how to check a record or the whole log independently."""
    latest = ledger_selectors.latest_checkpoint()
    context = {
        "key": ledger_selectors.public_key_info(),
        "checkpoint": latest,
        "note": ledger_selectors.checkpoint_note(latest) if latest is not None else "",
        "witnesses": [v.vkey for _url, v in configured_witnesses()],
        "base_url": request.build_absolute_uri("/").rstrip("/"),
    }
    return _render("publicity/ledger.html", context, section="ledger")


CSV_COLUMNS = [
    "编号",
    "文号",
    "执法主体",
    "区划",
    "执法类别",
    "标题",
    "执法对象",
    "执法结论",
    "决定日期",
    "公开日期",
    "状态",
    "撤回理由",
    "链接",
]
CSV_LIMIT = 50_000


@public_page
def decisions_csv(request: HttpRequest) -> HttpResponse:
    """CSV of the live publications matching the same query parameters as the list (at most 50,000)."""
    today = timezone.localdate()
    query = parse_query(request.GET)
    query.page = 1
    result = search.search(query.q, query.filters, today=today, sort=query.sort, limit=CSV_LIMIT)
    buf = io.StringIO()
    buf.write("\ufeff")  # Excel opens UTF-8 with a BOM
    writer = csv.writer(buf)
    writer.writerow(CSV_COLUMNS)
    # Names and titles come from enforcement data: a cell such as "=HYPERLINK(…)" stays text.
    base = request.build_absolute_uri("/")[:-1]
    for i in range(0, len(result.ids), 1000):
        for p in selectors.publications_by_ids(result.ids[i : i + 1000]):
            writer.writerow(
                csv_row(
                    [
                        p.pk,
                        p.number,
                        p.agency.name,
                        p.region.name,
                        selectors.kind_label(p.action_kind),
                        p.title,
                        p.party_label,
                        p.conclusion,
                        p.decided_on.isoformat(),
                        p.published_on.isoformat() if p.published_on else "",
                        p.get_status_display(),
                        p.withdraw_reason,
                        base + reverse("publicity:decision", args=[p.pk]),
                    ]
                )
            )
    response = HttpResponse(buf.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="decisions.csv"'
    return response


@public_page
def decisions_atom(request: HttpRequest) -> HttpResponse:
    """Atom feed (RFC 4287) of the 50 newest publications (withdrawals appear with their reason)."""
    today = timezone.localdate()
    pubs = list(selectors.public_publications(today).order_by("-published_on", "-pk")[:50])
    base = request.build_absolute_uri("/")[:-1]
    feed_url = base + reverse("publicity:decisions_atom")
    updated = max((p.withdrawn_on or p.published_on or today for p in pubs), default=today)
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"<title>{xml_escape(_('行政执法公示：执法决定'))}</title>",
        f'<link rel="self" href="{xml_escape(feed_url)}"/>',
        f"<id>{xml_escape(feed_url)}</id>",
        f"<updated>{updated.isoformat()}T00:00:00Z</updated>",
    ]
    for p in pubs:
        url = base + reverse("publicity:decision", args=[p.pk])
        when = (p.withdrawn_on or p.published_on or today).isoformat()
        summary = p.withdraw_reason if p.status == PublicationStatus.WITHDRAWN else p.conclusion
        title = p.title if p.status != PublicationStatus.WITHDRAWN else _("【已撤回】") + p.title
        parts += [
            "<entry>",
            f"<title>{xml_escape(title)}</title>",
            f'<link href="{xml_escape(url)}"/>',
            f"<id>{xml_escape(url)}</id>",
            f"<updated>{when}T00:00:00Z</updated>",
            f"<author><name>{xml_escape(p.agency.name)}</name></author>",
            f"<summary>{xml_escape(f'{p.party_label}：{summary}')}</summary>",
            "</entry>",
        ]
    parts.append("</feed>")
    return HttpResponse("\n".join(parts), content_type="application/atom+xml; charset=utf-8")


# --- annual reports -----------------------------------------------------------------------------


@public_page
def annual_report_list(request: HttpRequest) -> HttpResponse:
    published = (
        AnnualReport.objects.filter(published_on__isnull=False)
        .select_related("agency")
        .order_by("-year", "agency__name")
    )
    return _render("publicity/annual_reports.html", {"reports": published}, section="reports")


@public_page
def annual_report_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    report = AnnualReport.objects.filter(pk=pk, published_on__isnull=False).select_related("agency").first()
    if report is None:
        return _not_found(_("未找到该统计年报。"))
    title = _("%(agency)s %(year)s年度行政执法统计年报") % {"agency": report.agency.name, "year": report.year}
    content = reports.to_xlsx(title, [report.agency.name], [report.data])
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="annual-report-{report.year}-{report.agency_id}.xlsx"'
    return response
