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
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from yangguang.access import policy
from yangguang.publicity.models import (
    AnnualReport,
    Publication,
    PublicationStatus,
    PublicationVersion,
    PushTask,
)
from yangguang.publicity.redaction import detect
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
    Role,
    Unit,
    User,
)
from yangguang.roster.selectors import work_agencies
from yangguang.workdays.selectors import add_working_days

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
    qs = (
        Officer.objects.filter(agency__is_active=True)
        .select_related("agency", "unit", "region")
        .only(*OFFICER_FIELDS)
        # each certificate is judged from its history (one query for the whole page)
        .prefetch_related("certificate_events")
    )
    if agency_id:
        qs = qs.filter(agency_id=agency_id)
    q = q.strip()
    if q:
        qs = qs.filter(Q(name__contains=q) | Q(unit__name__contains=q) | Q(certificate_no__icontains=q))
    return qs.order_by("agency__region__code", "agency__name", "name", "pk")


def officer_by_certificate_no(certificate_no: str) -> Officer | None:
    # one officer: its history is read when (and if) the certificate is judged
    return search_officers().prefetch_related(None).filter(certificate_no=certificate_no).first()


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


# --- after action (事后公开): publications --------------------------------------------------------


PUBLIC_STATES = (PublicationStatus.PUBLISHED, PublicationStatus.WITHDRAWN)


def public_publications(day: dt.date | None = None) -> QuerySet[Publication]:
    """What the portal lists: published and withdrawn (with their reason) within the publication
    period; expired ones leave the public view but stay archived."""
    day = day or timezone.localdate()
    return Publication.objects.filter(status__in=PUBLIC_STATES, expires_on__gte=day).select_related("agency", "region")


def recent_withdrawals(day: dt.date | None = None, limit: int = 10) -> list[Publication]:
    day = day or timezone.localdate()
    # Walks the withdrawn_on index newest first (withdrawn rows are few).
    qs = Publication.objects.filter(withdrawn_on__isnull=False, status=PublicationStatus.WITHDRAWN, expires_on__gte=day)
    return list(qs.select_related("agency").order_by("-withdrawn_on", "-pk")[:limit])


def get_public_publication(pk: int, day: dt.date | None = None) -> Publication | None:
    return public_publications(day).filter(pk=pk).first()


def _in_order(qs: QuerySet[Publication], ids: list[int]) -> list[Publication]:
    by_id = {p.pk: p for p in qs.filter(pk__in=ids)}
    return [by_id[i] for i in ids if i in by_id]


def publications_by_ids(ids: list[int]) -> list[Publication]:
    return _in_order(Publication.objects.select_related("agency", "region"), ids)


def publication_hits(ids: list[int]) -> list[Publication]:
    """Publications for the search result list, in ``ids`` order, with only the fields it shows."""
    fields = ("id", "title", "number", "party_label", "published_on", "redacted_text", "agency__name")
    return _in_order(Publication.objects.select_related("agency").only(*fields), ids)


def versions(pub: Publication) -> QuerySet[PublicationVersion]:
    return pub.versions.order_by("version")


def region_path_of(code: str) -> str:
    region = Region.objects.filter(code=code).only("path").first()
    return region.path if region else ""


def staff_agencies(user: User) -> QuerySet[Agency]:
    return work_agencies(user)


def managed_publications(user: User) -> QuerySet[Publication]:
    """Publications whose management page the user may open (the policy's
    ``publication.manage.view``: the agency's staff, supervisors of the region)."""
    return policy.scope(user, "publication.manage.view", Publication.objects.all())


def staff_publication(user: User, pk: int) -> Publication | None:
    return managed_publications(user).filter(pk=pk).select_related("agency", "case").first()


@dataclass(frozen=True)
class BoardRow:
    publication: Publication
    state: str  # "due", "overdue", "met", "late", "withdraw_late", "withdrawn", "blocked"
    label: str


def due_board(user: User, day: dt.date | None = None, agency_id: int | None = None) -> list[BoardRow]:
    """The due-date board (公开期限) of the agencies the user may see."""
    day = day or timezone.localdate()
    qs = managed_publications(user).select_related("agency")
    if agency_id:
        qs = qs.filter(agency_id=agency_id)
    rows = []
    for p in qs.order_by("due_on", "pk")[:500]:
        if p.status == PublicationStatus.PENDING:
            state = "overdue" if p.due_on < day else "due"
        elif p.status == PublicationStatus.BLOCKED:
            state = "blocked"
        elif p.status == PublicationStatus.WITHDRAWN:
            state = (
                "withdraw_late"
                if p.withdraw_due and p.withdrawn_on and p.withdrawn_on > p.withdraw_due
                else "withdrawn"
            )
        else:
            state = "late" if p.published_on and p.published_on > p.due_on else "met"
        rows.append(BoardRow(p, state, BOARD_LABELS[state]))
    return rows


BOARD_LABELS = {
    "due": "待公开",
    "overdue": "已逾期未公开",
    "met": "按期公开",
    "late": "逾期公开",
    "withdrawn": "已撤回",
    "withdraw_late": "逾期撤回",
    "blocked": "不予公开",
}


def overdue(user: User, day: dt.date | None = None) -> QuerySet[Publication]:
    day = day or timezone.localdate()
    return managed_publications(user).filter(status=PublicationStatus.PENDING, due_on__lt=day).select_related("agency")


def home_panels(user: User, role: str) -> list[dict[str, Any]]:
    """Overdue publications alert the agency and the supervisor (home page panel)."""
    if role not in (Role.OFFICER, Role.UNIT_HEAD, Role.AGENCY_HEAD, Role.SUPERVISOR):
        return []
    rows = list(overdue(user)[:10])
    return [{"title": "公示逾期提醒", "template": "publicity/_panel_overdue.html", "rows": rows}]


def todo_items(user: User, today: dt.date) -> list[dict[str, Any]]:
    """Publicity's items of the to-do centre: pending publications (事后公开) of the user's cases or
    agency, overdue or due within 3 working days, and those the user may approve (审核公开)."""
    if getattr(user, "role", "") not in (Role.OFFICER, Role.UNIT_HEAD, Role.AGENCY_HEAD):
        return []
    soon = add_working_days(today, 3).due
    pending = (
        managed_publications(user)
        .filter(status=PublicationStatus.PENDING)
        .select_related("agency", "case")
        .order_by("due_on", "pk")[:100]
    )
    items: list[dict[str, Any]] = []
    for p in pending:
        url = reverse("publicity:manage_publication", args=[p.pk])
        title = f"{p.number} {p.title}".strip()
        if p.due_on < today or p.due_on <= soon:
            items.append(
                {
                    "bucket": "overdue" if p.due_on < today else "soon",
                    "kind": "公示期限",
                    "title": title,
                    "note": f"事后公开期限 {p.due_on.isoformat()}",
                    "url": url,
                    "due": p.due_on,
                    "since": None,
                }
            )
        if policy.allows(user, "publication.approve", p, on=today):
            items.append(
                {
                    "bucket": "mine",
                    "kind": "待审核公开",
                    "title": title,
                    "note": f"事后公开期限 {p.due_on.isoformat()}",
                    "url": url,
                    "due": p.due_on,
                    "since": p.due_on,
                }
            )
    return items


def push_tasks(limit: int = 200) -> QuerySet[PushTask]:
    return PushTask.objects.select_related("publication").order_by("-pk")[:limit]


# --- leak scanner -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Leak:
    where: str
    url: str
    kind: str
    text: str


def scan_public(day: dt.date | None = None) -> list[Leak]:
    """Every public text checked for personal-data patterns (身份证号码, 手机号码, 银行卡号, 电子邮箱,
    自然人姓名 after a role word; 固定电话 in publications only: agencies, items and the roster
    publish their office numbers on purpose)."""
    from django.urls import reverse

    leaks: list[Leak] = []

    def check(where: str, url: str, text: str, *, landline: bool) -> None:
        for hit in detect(text or ""):
            if hit.kind == "固定电话" and not landline:
                continue
            leaks.append(Leak(where, url, hit.kind, hit.text))

    for p in public_publications(day).iterator(chunk_size=500):
        url = reverse("publicity:decision", args=[p.pk])
        check(
            f"公示信息 {p.number}", url, f"{p.title}\n{p.party_label}\n{p.conclusion}\n{p.redacted_text}", landline=True
        )
        check(f"公示信息 {p.number}（撤回理由）", url, p.withdraw_reason, landline=True)
    for v in PublicationVersion.objects.filter(publication__in=public_publications(day).values("pk")).iterator(
        chunk_size=500
    ):
        url = reverse("publicity:decision", args=[v.publication_id])
        # Only the reason of an earlier version is public (its text is not).
        check(f"公示信息更正记录 #{v.publication_id} v{v.version}", url, v.reason, landline=True)
    for a in public_agencies():
        url = reverse("publicity:agency", args=[a.pk])
        check(f"执法主体 {a.name}", url, f"{a.name}\n{a.legal_basis}\n{a.address}", landline=False)
    for o in search_officers():
        check(
            f"执法人员 {o.certificate_no}",
            reverse("publicity:officers"),
            f"{o.name} {o.post} {o.certificate_no}",
            landline=False,
        )
    for item in search_items():
        fields = (
            "name",
            "duty",
            "authority",
            "legal_basis",
            "conditions",
            "materials",
            "process",
            "remedies",
            "address",
        )
        text = "\n".join(str(getattr(item, f, "") or "") for f in fields)
        check(f"执法事项 {item.name}", reverse("publicity:item", args=[item.pk]), text, landline=False)
    for ii in search_inspection_items():
        text = f"{ii.name}\n{ii.legal_basis}\n{ii.targets}\n{ii.content}"
        check(f"随机抽查事项 {ii.name}", reverse("publicity:inspection_items"), text, landline=False)
    for r in AnnualReport.objects.filter(published_on__isnull=False):
        check(f"统计年报 {r.year}", reverse("publicity:annual_reports"), str(r.data), landline=False)
    return leaks
