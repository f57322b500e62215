"""Every page of the platform, for tests that walk them all (security headers, no inline script,
query-parameter fuzzing): the URL patterns outside the API and the admin, with path parameters
filled from a small demo world (``seed_world``)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.http import QueryDict
from django.urls import URLPattern, URLResolver, get_resolver

# A path parameter is filled with the first row of the model its page shows; the key is the start
# of the route (the longest match wins). Unknown pages get 1 (a 404 is a fine answer for them).
MODEL_OF_ROUTE = {
    "roster/agencies/": "roster.Agency",
    "roster/officers/": "roster.Officer",
    "roster/items/": "roster.EnforcementItem",
    "documents/": "documents.IssuedDocument",
    "cases/": "cases.Case",
    "cases/approvals/": "cases.ApprovalRequest",
    "discretion/benchmarks/": "discretion.Benchmark",
    "discretion/public/": "discretion.Benchmark",
    "review/requests/": "review.ReviewRequest",
    "evidence/case/": "cases.Case",
    "evidence/": "evidence.Evidence",
    "field/case/": "cases.Case",
    "public/agencies/": "roster.Agency",
    "public/items/": "roster.EnforcementItem",
    "public/decisions/": "publicity.Publication",
    "public/manage/": "publicity.Publication",
    "public/reports/": "publicity.AnnualReport",
    "supervision/clues/": "supervision.Clue",
    "supervision/documents/": "supervision.SupervisionDocument",
    "supervision/answers/": "supervision.Answer",
    "supervision/evaluations/": "supervision.EvaluationPlan",
    "supervision/campaigns/": "supervision.Campaign",
    "supervision/problems/": "supervision.Problem",
}
# String path parameters: (route start, parameter) -> a value the page accepts.
STRING_PARAMS = {
    ("cases/flowchart/", "kind"): "penalty_ordinary",
    ("roster/", "kind"): "officers",
    ("cases/", "action"): "file",
    ("supervision/models/", "code"): "publication_late",
}
# What a page must not contain under the CSP (no 'unsafe-inline'): name, pattern.
CSP_BREAKERS = (
    ("inline <script>", re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>", re.I)),
    ("on…= handler", re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I)),
    ("style attribute", re.compile(r"<[a-z][^>]*\sstyle\s*=", re.I)),
    ("<style> element", re.compile(r"<style[\s>]", re.I)),
)
SKIP_PREFIXES = ("api/", "admin/", "accounts/logout/", "media/")


@dataclass(frozen=True)
class Page:
    route: str
    name: str
    url: str
    # The same page with every integer path parameter past the database's range (None: it has none).
    huge_id_url: str | None = None


def _walk(resolver: URLResolver, prefix: str = "") -> list[tuple[str, str, Any]]:
    out: list[tuple[str, str, Any]] = []
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            out.extend(_walk(p, prefix + str(p.pattern)))
        elif isinstance(p, URLPattern):
            out.append((prefix + str(p.pattern), p.name or "", p))
    return out


def _first_pk(route: str) -> int:
    keys = [k for k in MODEL_OF_ROUTE if route.startswith(k)]
    if not keys:
        return 1
    model = apps.get_model(MODEL_OF_ROUTE[max(keys, key=len)])
    pk = model.objects.order_by("pk").values_list("pk", flat=True).first()
    return int(pk) if pk is not None else 1


def pages() -> list[Page]:
    """One URL per page (route) outside the API and the admin."""
    from yangguang.publicity.tokens import certificate_token
    from yangguang.roster.models import Officer

    officer = Officer.objects.order_by("pk").first()
    token = certificate_token(officer.certificate_no) if officer else "x"
    result = []
    for route, name, _pattern in _walk(get_resolver()):
        if route.startswith(SKIP_PREFIXES) or "(?P" in route or route.startswith("^"):
            continue

        def fill(m: re.Match[str], route: str = route) -> str:
            conv, param = m.group(1) or "str", m.group(2)
            if param == "token":
                return token
            for (start, name), value in STRING_PARAMS.items():
                if param == name and route.startswith(start):
                    return value
            if conv == "int" or param.endswith(("pk", "_id")):
                return str(_first_pk(route))
            return "x"

        url = "/" + re.sub(r"<(?:(\w+):)?(\w+)>", fill, route)
        huge = "/" + re.sub(r"<int:(\w+)>", "99999999999999999999", route) if "<int:" in route else None
        huge = re.sub(r"<(?:(\w+):)?(\w+)>", fill, huge) if huge else None
        result.append(Page(route=route, name=name, url=url, huge_id_url=huge))
    return result


def seed_world(today: dt.date | None = None) -> None:
    """A small demo region (12 agencies, 90 officers, one login per role) with four cases."""
    from django.core.management import call_command

    from yangguang.demo.generator import custom_scale, seed_demo

    seed_demo(scale=custom_scale(officers=90, entities=120), seed=7, today=today, batch_size=50)
    call_command("seed_demo_cases", verbosity=0)


# --- which query parameters each page reads -----------------------------------------------------

_READ: set[str] = set()


class RecordingQueryDict(QueryDict):
    """request.GET that remembers the names a view asked for (directly or through a form)."""

    def __getitem__(self, key: str) -> Any:
        _READ.add(key)
        return super().__getitem__(key)

    def get(self, key: str, default: Any = None) -> Any:
        _READ.add(key)
        return super().get(key, default)

    def getlist(self, key: str, default: Any = None) -> Any:
        _READ.add(key)
        return super().getlist(key, default)

    def __contains__(self, key: object) -> bool:
        if isinstance(key, str):
            _READ.add(key)
        return super().__contains__(key)


class RecordQueryParamsMiddleware:
    """Test-only middleware: replaces request.GET by a RecordingQueryDict."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: Any) -> Any:
        request.GET = RecordingQueryDict(request.META.get("QUERY_STRING", ""))
        return self.get_response(request)


def params_read(client: Any, url: str) -> tuple[set[str], Any]:
    """GET ``url``: the query parameter names the page read (needs RecordQueryParamsMiddleware),
    and the response."""
    _READ.clear()
    response = client.get(url)
    return set(_READ), response
