"""Pages of the public portal (公示平台): no login, no session, cacheable.

Pages are rendered without the request context processors: they never read the session or the
user, so every visitor gets the same bytes and a reverse proxy may cache them
(``Cache-Control: public, max-age=60``). Forms use GET and need no CSRF token.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from yangguang.core.markup import generated_svg
from yangguang.core.params import optional_id
from yangguang.publicity import selectors
from yangguang.publicity.certificates import (
    CertificateCheck,
    category_labels,
    check_certificate,
    qr_svg,
    token_for,
    verification_url,
)
from yangguang.publicity.portal import BEFORE_AND_DURING_ACTION, flowcharts_for, kind_choices, sections
from yangguang.roster.models import ActionKind, Officer

PAGE_SIZE = 20
CACHE_SECONDS = 60

View = Callable[..., HttpResponseBase]


def public_page(view: View) -> View:
    """GET/HEAD only, cacheable by any shared cache for a minute; the htmx partial and the full page
    share a URL, so caches must keep them apart (Vary: HX-Request)."""

    @wraps(view)
    @require_safe
    @cache_control(public=True, max_age=CACHE_SECONDS)
    @vary_on_headers("HX-Request")
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        return view(request, *args, **kwargs)

    return wrapper


def _render(template: str, context: dict[str, Any], *, section: str = "", status: int = 200) -> HttpResponse:
    context = {"sections": sections(section), "section": section, **context}
    return HttpResponse(render_to_string(template, context), status=status)


def _not_found(message: str) -> HttpResponse:
    return _render("publicity/not_found.html", {"message": message}, status=404)


def _int_param(request: HttpRequest, name: str) -> int | None:
    return optional_id(request.GET.get(name, "").strip())


def _paginate(request: HttpRequest, qs: QuerySet[Any]) -> Page[Any]:
    return Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))


def _querystring(**params: Any) -> str:
    return urlencode({k: v for k, v in params.items() if v not in (None, "")})


def _list_response(request: HttpRequest, template: str, context: dict[str, Any], *, section: str) -> HttpResponse:
    # htmx search-as-you-type swaps only the results.
    if request.headers.get("HX-Request"):
        return _render(f"publicity/_{template}_results.html", context, section=section)
    return _render(f"publicity/{template}.html", context, section=section)


@public_page
def home(request: HttpRequest) -> HttpResponse:
    more = [s for s in sections() if s.key not in BEFORE_AND_DURING_ACTION]
    return _render("publicity/home.html", {"counts": selectors.portal_counts(), "more_sections": more}, section="home")


@public_page
def agency_list(request: HttpRequest) -> HttpResponse:
    q, region = request.GET.get("q", "").strip(), request.GET.get("region", "").strip()
    context = {
        "page": _paginate(request, selectors.search_agencies(q, region)),
        "q": q,
        "region": region,
        "regions": selectors.filter_regions(),
        "querystring": _querystring(q=q, region=region),
    }
    return _list_response(request, "agencies", context, section="agencies")


@public_page
def agency_detail(request: HttpRequest, pk: int) -> HttpResponse:
    agency = selectors.get_agency(pk)
    if agency is None:
        return _not_found(_("未找到该执法主体。"))
    context = {
        "agency": agency,
        "items": selectors.search_items(agency_id=agency.pk),
        "inspection_items": selectors.search_inspection_items(agency_id=agency.pk),
        "officer_count": selectors.search_officers(agency_id=agency.pk).count(),
    }
    return _render("publicity/agency_detail.html", context, section="agencies")


@dataclass(frozen=True)
class OfficerRow:
    officer: Officer
    check: CertificateCheck
    token: str


def _officer_rows(officers: Any) -> list[OfficerRow]:
    today = timezone.localdate()
    return [OfficerRow(o, check_certificate(o, today), token_for(o)) for o in officers]


@public_page
def officer_list(request: HttpRequest) -> HttpResponse:
    q, agency_id = request.GET.get("q", "").strip(), _int_param(request, "agency")
    page = _paginate(request, selectors.search_officers(q, agency_id))
    context = {
        "page": page,
        "rows": _officer_rows(page.object_list),
        "q": q,
        "agency_id": agency_id,
        "agencies": selectors.agency_choices(),
        "querystring": _querystring(q=q, agency=agency_id),
    }
    return _list_response(request, "officers", context, section="officers")


@public_page
def item_list(request: HttpRequest) -> HttpResponse:
    q, kind, agency_id = request.GET.get("q", "").strip(), request.GET.get("kind", ""), _int_param(request, "agency")
    if kind not in ActionKind.values:
        kind = ""
    context = {
        "page": _paginate(request, selectors.search_items(agency_id, kind, q)),
        "q": q,
        "kind": kind,
        "kinds": kind_choices(),
        "agency_id": agency_id,
        "agencies": selectors.agency_choices(),
        "querystring": _querystring(q=q, kind=kind, agency=agency_id),
    }
    return _list_response(request, "items", context, section="items")


@public_page
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.get_item(pk)
    if item is None:
        return _not_found(_("未找到该执法事项。"))
    return _render(
        "publicity/item_detail.html", {"item": item, "flowcharts": flowcharts_for(item.kind)}, section="items"
    )


@public_page
def inspection_item_list(request: HttpRequest) -> HttpResponse:
    q, agency_id = request.GET.get("q", "").strip(), _int_param(request, "agency")
    context = {
        "page": _paginate(request, selectors.search_inspection_items(agency_id, q)),
        "q": q,
        "agency_id": agency_id,
        "agencies": selectors.agency_choices(),
        "querystring": _querystring(q=q, agency=agency_id),
    }
    return _list_response(request, "inspection_items", context, section="inspection_items")


# --- certificate verification (执法证核验) -------------------------------------------------------


class CertificateCheckForm(forms.Form):
    certificate_no = forms.CharField(label=gettext_lazy("执法证号"), max_length=40)
    name = forms.CharField(label=gettext_lazy("姓名"), max_length=50)


def _verification_context(request: HttpRequest, officer: Officer, token: str) -> dict[str, Any]:
    return {
        "officer": officer,
        "token": token,
        "check": check_certificate(officer),
        "categories": category_labels(officer),
        "photo_url": reverse("publicity:officer_photo", args=[token]) if officer.photo else "",
        "verification_url": verification_url(officer, request),
    }


@public_page
def verify_check(request: HttpRequest) -> HttpResponse:
    """The manual check for people without a QR scanner: certificate number and name."""
    form = CertificateCheckForm(request.GET or None)
    error = ""
    if form.is_valid():
        officer = selectors.officer_by_certificate_and_name(
            form.cleaned_data["certificate_no"], form.cleaned_data["name"]
        )
        if officer is not None:
            return HttpResponseRedirect(reverse("publicity:verify", args=[token_for(officer)]))
        error = _("未找到与该执法证号和姓名相符的执法证，请核对后重新输入。")
    elif request.GET:
        error = _("请填写执法证号和姓名。")
    return _render("publicity/verify_check.html", {"form": form, "error": error}, section="verify")


@public_page
def verify(request: HttpRequest, token: str) -> HttpResponse:
    officer = selectors.officer_by_token(token)
    if officer is None:
        return _not_found(_("未找到该执法证：二维码无效或证件信息已变更。请通过“执法证核验”输入证件编号核对。"))
    return _render("publicity/verify.html", _verification_context(request, officer, token), section="verify")


@public_page
def certificate_qr(request: HttpRequest, token: str) -> HttpResponse:
    """The printable QR code of a certificate, with its number, sized for the certificate."""
    officer = selectors.officer_by_token(token)
    if officer is None:
        return _not_found(_("未找到该执法证。"))
    context = _verification_context(request, officer, token)
    context["qr"] = generated_svg(qr_svg(context["verification_url"], title=_("执法证核验二维码")))
    return _render("publicity/certificate_qr.html", context, section="officers")


@public_page
def certificate_qr_svg(request: HttpRequest, token: str) -> HttpResponse:
    officer = selectors.officer_by_token(token)
    if officer is None:
        raise Http404
    svg = qr_svg(verification_url(officer, request), title=officer.certificate_no, standalone=True)
    response = HttpResponse(svg, content_type="image/svg+xml")
    response["Content-Disposition"] = f'inline; filename="certificate-qr-{token[:12]}.svg"'
    return response


@public_page
def officer_photo(request: HttpRequest, token: str) -> FileResponse:
    """The photo shown on the verification page, reachable only through the certificate's token."""
    officer = selectors.officer_by_token(token)
    if officer is None or not officer.photo:
        raise Http404
    content_type = mimetypes.guess_type(officer.photo.name)[0] or "application/octet-stream"
    return FileResponse(officer.photo.open("rb"), content_type=content_type)
