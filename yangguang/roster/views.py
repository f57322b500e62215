"""Roster pages: browse and search agencies, officers, items and entities (scoped to the user)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render

from yangguang.core.params import optional_id
from yangguang.roster import selectors
from yangguang.roster.importer_views import export_file, import_page
from yangguang.roster.models import ActionKind, User

PAGE_SIZE = 50


def _page(request: HttpRequest, qs: QuerySet[Any]) -> Any:
    return Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))


def _list(request: HttpRequest, template: str, qs: QuerySet[Any], **extra: Any) -> HttpResponse:
    context = {"page": _page(request, qs), "q": request.GET.get("q", ""), **extra}
    # htmx search-as-you-type swaps only the results table.
    if request.headers.get("HX-Request"):
        return render(request, f"roster/_{template}_rows.html", context)
    return render(request, f"roster/{template}.html", context)


@login_required
def region_list(request: HttpRequest) -> HttpResponse:
    return _list(request, "regions", selectors.search_regions(request.GET.get("q", "")))


@login_required
def agency_list(request: HttpRequest) -> HttpResponse:
    qs = selectors.search_agencies(request.user, request.GET.get("q", ""), request.GET.get("region", ""))  # type: ignore[arg-type]
    return _list(request, "agencies", qs)


@login_required
def agency_detail(request: HttpRequest, pk: int) -> HttpResponse:
    agency = get_object_or_404(selectors.visible_agencies(request.user), pk=pk)  # type: ignore[arg-type]
    return render(
        request,
        "roster/agency_detail.html",
        {
            "agency": agency,
            "units": agency.units.all(),
            "power_labels": [ActionKind(k).label for k in agency.power_kinds if k in ActionKind.values],
            "officer_count": agency.officers.count(),
            "item_count": agency.items.count(),
        },
    )


@login_required
def officer_list(request: HttpRequest) -> HttpResponse:
    agency_id = request.GET.get("agency")
    user: User = request.user  # type: ignore[assignment]
    qs = selectors.search_officers(user, request.GET.get("q", ""), optional_id(agency_id))
    return _list(request, "officers", qs)


@login_required
def officer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    officer = get_object_or_404(selectors.search_officers(request.user), pk=pk)  # type: ignore[arg-type]
    labels = [ActionKind(k).label for k in officer.categories if k in ActionKind.values]
    return render(request, "roster/officer_detail.html", {"officer": officer, "category_labels": labels})


@login_required
def officer_photo(request: HttpRequest, pk: int) -> FileResponse:
    """Staff view of a photo, scoped like the roster; the public sees photos only through the
    certificate verification token (publicity app), so the roster cannot be walked by id."""
    officer = get_object_or_404(selectors.search_officers(request.user), pk=pk)  # type: ignore[arg-type]
    if not officer.photo:
        raise Http404
    return FileResponse(officer.photo.open("rb"))


@login_required
def item_list(request: HttpRequest) -> HttpResponse:
    qs = selectors.search_items(request.user, request.GET.get("q", ""), request.GET.get("kind", ""))  # type: ignore[arg-type]
    return _list(request, "items", qs, kinds=ActionKind.choices, kind=request.GET.get("kind", ""))


@login_required
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(selectors.search_items(request.user), pk=pk)  # type: ignore[arg-type]
    return render(request, "roster/item_detail.html", {"item": item})


@login_required
def inspection_item_list(request: HttpRequest) -> HttpResponse:
    qs = selectors.search_inspection_items(request.user, request.GET.get("q", ""))  # type: ignore[arg-type]
    return _list(request, "inspection_items", qs)


@login_required
def entity_list(request: HttpRequest) -> HttpResponse:
    qs = selectors.search_entities(request.GET.get("q", ""), request.GET.get("region", ""))
    return _list(request, "entities", qs)


@login_required
def import_view(request: HttpRequest) -> HttpResponse:
    return import_page(request)


@login_required
def export_view(request: HttpRequest, kind: str) -> HttpResponseBase:
    return export_file(request, kind)
