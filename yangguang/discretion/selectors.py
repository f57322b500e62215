"""Reads of discretion benchmarks and major decision catalogs."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet
from django.utils import timezone

from yangguang.access import policy
from yangguang.discretion.models import Benchmark
from yangguang.roster.models import Agency, EnforcementItem, User
from yangguang.roster.selectors import visible_agencies


def _with_parts(qs: QuerySet[Benchmark]) -> QuerySet[Benchmark]:
    return qs.select_related("agency", "item").prefetch_related("levels", "factors", "first_violation_rules")


def benchmarks_for(user: User, q: str = "", agency_id: int | None = None) -> QuerySet[Benchmark]:
    """Benchmarks of the agencies the user may see, drafts included."""
    qs = Benchmark.objects.filter(agency__in=visible_agencies(user)).select_related("agency", "item")
    if agency_id:
        qs = qs.filter(agency_id=agency_id)
    if q:
        qs = qs.filter(Q(item__name__contains=q) | Q(item__code__icontains=q) | Q(violation__contains=q))
    return qs.order_by("agency_id", "item__code", "-effective_from", "-id")


def published_benchmarks(q: str = "", agency_id: int | None = None) -> QuerySet[Benchmark]:
    """What the public portal shows (行政处罚法 Art. 34): published benchmarks only."""
    qs = Benchmark.objects.filter(published=True).select_related("agency", "item")
    if agency_id:
        qs = qs.filter(agency_id=agency_id)
    if q:
        qs = qs.filter(
            Q(item__name__contains=q)
            | Q(item__code__icontains=q)
            | Q(violation__contains=q)
            | Q(agency__name__contains=q)
        )
    return qs.order_by("agency_id", "item__code", "-effective_from", "-id")


def benchmark_detail(qs: QuerySet[Benchmark], pk: int) -> Benchmark | None:
    return _with_parts(qs).filter(pk=pk).first()


def current_benchmark(*, agency: Agency, item: EnforcementItem, on: dt.date | None = None) -> Benchmark | None:
    """The benchmark in force for an item on a day: the latest in effect, published versions first
    (a draft never displaces the version the public can read)."""
    day = on or timezone.localdate()
    qs = Benchmark.objects.filter(agency=agency, item=item, effective_from__lte=day)
    return _with_parts(qs).order_by("-published", "-effective_from", "-id").first()


def items_with_benchmarks(user: User) -> QuerySet[EnforcementItem]:
    """Penalty items of the user's visible agencies that have at least one benchmark."""
    return (
        EnforcementItem.objects.filter(agency__in=visible_agencies(user), benchmarks__isnull=False)
        .select_related("agency")
        .distinct()
        .order_by("agency_id", "code")
    )


def can_manage(user: User, agency: Agency) -> bool:
    """Agency heads maintain their own agency's benchmarks and catalog; the system administrator
    any enforcement agency's (the policy's ``discretion.manage``)."""
    return policy.allows(user, "discretion.manage", agency)


def manageable_agencies(user: User) -> QuerySet[Agency]:
    return policy.scope(user, "discretion.manage", Agency.objects.all()).order_by("region__code", "name")


def listable_benchmarks(user: User | None) -> QuerySet[Benchmark]:
    """Published benchmarks for everyone; drafts too for staff of the agencies they may see."""
    qs = Benchmark.objects.select_related("agency", "item")
    if user is None or not user.is_authenticated:
        return qs.filter(published=True)
    return qs.filter(Q(published=True) | Q(agency__in=visible_agencies(user)))


def visible_item(user: User, item_id: int) -> EnforcementItem | None:
    return (
        EnforcementItem.objects.filter(agency__in=visible_agencies(user), pk=item_id).select_related("agency").first()
    )


def visible_agency(user: User, agency_id: int | None) -> Agency | None:
    if agency_id is None:
        return user.agency
    return visible_agencies(user).filter(pk=agency_id).first()
