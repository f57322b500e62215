"""Discretion pages: benchmarks (staff), import, the major decision catalog, the assistant, and
the public benchmark pages (行政处罚法 Art. 34, no login)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from yangguang.core.errors import DomainError
from yangguang.core.params import optional_id
from yangguang.discretion import selectors, services
from yangguang.discretion.forms import AssistantForm, ImportForm, MajorRuleFormSet
from yangguang.discretion.importer import ImportRejected, build_template
from yangguang.discretion.major import DEFAULT_CATALOG_TITLE, catalog_rules
from yangguang.discretion.models import Benchmark, MajorCatalog, MajorFlag
from yangguang.publicity.portal import sections
from yangguang.roster.models import Agency, User
from yangguang.roster.selectors import visible_agencies

PAGE_SIZE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _int(value: str | None) -> int | None:
    return optional_id(value)


# --- Staff pages --------------------------------------------------------------------------------


@login_required
def benchmark_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    q = request.GET.get("q", "")
    qs = selectors.benchmarks_for(user, q, _int(request.GET.get("agency")))
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "q": q, "can_import": selectors.manageable_agencies(user).exists()}
    if request.headers.get("HX-Request"):
        return render(request, "discretion/_benchmark_rows.html", context)
    return render(request, "discretion/benchmarks.html", context)


@login_required
def benchmark_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    bench = selectors.benchmark_detail(selectors.benchmarks_for(user), pk)
    if bench is None:
        raise Http404
    return render(
        request,
        "discretion/benchmark_detail.html",
        {"bench": bench, "can_manage": selectors.can_manage(user, bench.agency)},
    )


@login_required
@require_POST
def benchmark_publish(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    bench = get_object_or_404(selectors.benchmarks_for(user), pk=pk)
    publish = request.POST.get("published") == "1"
    try:
        services.set_published(benchmark=bench, published=publish, actor=user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已公布") if publish else _("已撤回公布"))
    return redirect("discretion:benchmark", pk=pk)


@login_required
@require_POST
def benchmark_delete(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    bench = get_object_or_404(selectors.benchmarks_for(user), pk=pk)
    try:
        services.delete_benchmark(benchmark=bench, actor=user)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("discretion:benchmark", pk=pk)
    messages.success(request, _("已删除裁量基准"))
    return redirect("discretion:benchmarks")


@login_required
def import_page(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    agencies = selectors.manageable_agencies(user)
    if not agencies.exists():
        raise PermissionDenied(services.MSG_NOT_MANAGER)
    errors: list[str] = []
    form = ImportForm(request.POST or None, request.FILES or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = services.import_benchmarks(
                agency=form.cleaned_data["agency"],
                data=upload.read(),
                filename=upload.name,
                actor=user,
                publish=form.cleaned_data["publish"],
            )
        except ImportRejected as exc:
            errors = [exc.message, *exc.errors]
        except DomainError as exc:
            errors = [exc.message]
        else:
            messages.success(
                request,
                _("导入成功：新增%(created)d项裁量基准，更新%(updated)d项，共%(rows)d个裁量等级")
                % {"created": result.created, "updated": result.updated, "rows": result.rows},
            )
            return redirect("discretion:benchmarks")
    return render(request, "discretion/import.html", {"form": form, "errors": errors}, status=400 if errors else 200)


@login_required
@require_safe
def import_template(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(build_template(), content_type=XLSX)
    response["Content-Disposition"] = "attachment; filename*=UTF-8''discretion-template.xlsx"
    return response


def _catalog_agency(request: HttpRequest) -> Agency:
    user = _user(request)
    agency_id = _int(request.GET.get("agency") or request.POST.get("agency"))
    agency = selectors.visible_agency(user, agency_id)
    if agency_id is None and (agency is None or agency.is_supervisor):
        # Administrators and supervisors have no enforcement agency of their own: show the first
        # agency they oversee.
        agency = visible_agencies(user).filter(is_supervisor=False).order_by("region__code", "name").first()
    if agency is None:
        raise Http404
    return agency


@login_required
def catalog_page(request: HttpRequest) -> HttpResponse:
    """The agency's major decision catalog: everyone of the agency reads it; heads and admins edit."""
    user = _user(request)
    agency = _catalog_agency(request)
    can_edit = selectors.can_manage(user, agency)
    catalog = MajorCatalog.objects.filter(agency=agency).first()
    errors: list[str] = []
    stored = list(catalog.rules.all()) if catalog else catalog_rules(agency)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied(services.MSG_NOT_MANAGER)
        formset = MajorRuleFormSet(request.POST, prefix="rules")
        if formset.is_valid():
            rules: list[services.MajorRuleInput] = [
                services.MajorRuleInput(
                    kind=f.cleaned_data["kind"],
                    title=f.cleaned_data["title"],
                    party_kind=f.cleaned_data.get("party_kind") or "",
                    threshold=f.cleaned_data.get("threshold"),
                    penalty_type=f.cleaned_data.get("penalty_type") or "",
                    flag=f.cleaned_data.get("flag") or "",
                    active=bool(f.cleaned_data.get("active")),
                )
                for f in formset.forms
                if f.cleaned_data and not f.cleaned_data.get("DELETE")
            ]
            try:
                services.replace_major_rules(
                    agency=agency, rules=rules, actor=user, title=request.POST.get("title", "")
                )
            except DomainError as exc:
                errors = exc.details.get("errors") or [exc.message]
            else:
                messages.success(request, _("已保存重大执法决定法制审核目录清单"))
                return redirect(f"{request.path}?agency={agency.pk}")
    else:
        formset = MajorRuleFormSet(
            prefix="rules",
            initial=[
                {
                    "kind": r.kind,
                    "party_kind": r.party_kind,
                    "threshold": r.threshold,
                    "penalty_type": r.penalty_type,
                    "flag": r.flag,
                    "title": r.title,
                    "active": r.active,
                }
                for r in stored
            ],
        )
    return render(
        request,
        "discretion/catalog.html",
        {
            "agency": agency,
            "catalog": catalog,
            "title": catalog.title if catalog else DEFAULT_CATALOG_TITLE,
            "rules": stored,
            "formset": formset,
            "can_edit": can_edit,
            "errors": errors,
            "agencies": visible_agencies(user).filter(is_supervisor=False).order_by("name"),
        },
        status=400 if errors else 200,
    )


@login_required
def assistant(request: HttpRequest) -> HttpResponse:
    """The discretion assistant widget: pick an item, a party and facts; htmx shows the result."""
    user = _user(request)
    items = selectors.items_with_benchmarks(user)
    form = AssistantForm(request.POST or None, items=items)
    context: dict[str, Any] = {"form": form}
    if request.method == "POST":
        context |= _evaluate(request, form)
        if request.headers.get("HX-Request"):
            return render(request, "discretion/_assistant_result.html", context)
    return render(request, "discretion/assistant.html", context)


def _evaluate(request: HttpRequest, form: AssistantForm) -> dict[str, Any]:
    if not form.is_valid():
        return {"error": "；".join(str(e) for errs in form.errors.values() for e in errs)}
    item = form.cleaned_data["item"]
    party = form.cleaned_data["party_kind"]
    try:
        suggestion = services.suggest(
            agency=item.agency, item=item, party_kind=party, facts=form.facts(request.POST.getlist("factors"))
        )
        types = list(form.cleaned_data["penalty_types"])
        amount = form.cleaned_data["amount"]
        check = None
        if amount is not None or types:
            check = services.check_proposal(suggestion=suggestion, amount=amount, penalty_types=types)
        major = services.evaluate_major(
            agency=item.agency,
            party_kind=party,
            fine_amount=amount or 0,
            penalty_types=types,
            hearing_held=form.cleaned_data["hearing_held"],
        )
    except DomainError as exc:
        return {"error": exc.message}
    return {"suggestion": suggestion, "check": check, "major": major, "proposal_given": check is not None}


@login_required
@require_safe
def assistant_factors(request: HttpRequest) -> HttpResponse:
    """htmx: the factor checkboxes of the benchmark in force for the chosen item."""
    item = selectors.visible_item(_user(request), _int(request.GET.get("item")) or 0)
    bench = selectors.current_benchmark(agency=item.agency, item=item) if item else None
    factors = list(bench.factors.all()) if bench else []
    return render(request, "discretion/_assistant_factors.html", {"factors": factors})


# --- Public pages (no login) --------------------------------------------------------------------


def _public_context(context: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """The public pages are a section of the public portal (its layout and navigation)."""
    return "publicity/base_public.html", {"sections": sections("discretion"), "section": "discretion", **context}


@require_safe
def public_list(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "")
    qs = selectors.published_benchmarks(q, _int(request.GET.get("agency")))
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    layout, context = _public_context({"page": page, "q": q})
    return HttpResponse(render_to_string("discretion/public_list.html", {"layout": layout, **context}, request))


@require_safe
def public_detail(request: HttpRequest, pk: int) -> HttpResponse:
    bench: Benchmark | None = selectors.benchmark_detail(selectors.published_benchmarks(), pk)
    if bench is None:
        raise Http404
    layout, context = _public_context({"bench": bench, "flags": MajorFlag.choices})
    return HttpResponse(render_to_string("discretion/public_detail.html", {"layout": layout, **context}, request))
