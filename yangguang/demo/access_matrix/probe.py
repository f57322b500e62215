"""Finding the endpoints (URL resolver, served OpenAPI document, admin registry), probing them as
every principal, and the rules of issue 11 the result must keep."""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.contrib import admin
from django.contrib.messages import get_messages
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from yangguang.access import errors as access_errors

from .specs import API, API_PAGES, PAGES, Spec
from .world import CONTEXT_LABELS, PRINCIPALS, MatrixError, Objects, World

# --- finding the endpoints -------------------------------------------------------------------------


@dataclass(frozen=True)
class Endpoint:
    area: str  # the app, for the tables
    key: str  # url name or "METHOD /api/path"
    method: str
    spec: Spec
    url: Callable[[dict[str, Any]], str]
    shown: str  # how the table names it


def _named(name: str) -> Callable[[dict[str, Any]], str]:
    return lambda kw: reverse(name, kwargs=kw or None)


def _api_path(path: str) -> Callable[[dict[str, Any]], str]:
    return lambda kw: path.format(**kw)


def _walk(patterns: list[Any], prefix: str = "", ns: str = "") -> Iterator[tuple[str, str, Any]]:
    for p in patterns:
        if isinstance(p, URLResolver):
            inner = f"{ns}:{p.namespace}" if ns and p.namespace else (p.namespace or ns)
            yield from _walk(p.url_patterns, prefix + str(p.pattern), inner or "")
        elif isinstance(p, URLPattern):
            name = f"{ns}:{p.name}" if ns and p.name else (p.name or "")
            yield prefix + str(p.pattern), name, p


def endpoints(schema: dict[str, Any]) -> list[Endpoint]:
    """Every page (URL resolver), API operation (the served OpenAPI document ``schema``) and admin
    change list, each with its spec; raises ``MatrixError`` for one without a spec."""
    found: list[Endpoint] = []
    missing: list[str] = []
    admin_models = {f"{m._meta.app_label}_{m._meta.model_name}" for m in admin.site._registry}
    seen_pages: set[str] = set()
    for route, name, _pattern in _walk(get_resolver().url_patterns):
        if route.startswith("api/"):
            if name in API_PAGES and name not in seen_pages:
                seen_pages.add(name)
                found.append(Endpoint("api", name, "GET", API_PAGES[name], _named(name), "/" + route))
            continue  # operations come from the OpenAPI document below
        if route.startswith("admin/"):
            continue  # the admin's change lists and change pages are added from its registry
        if name in seen_pages:
            continue
        spec = PAGES.get(name)
        if spec is None:
            missing.append(f"{route} ({name or 'no name'})")
            continue
        seen_pages.add(name)
        area = name.split(":")[0] if ":" in name else "core"
        for method in spec.methods:
            found.append(Endpoint(area, name, method, spec, _named(name), "/" + route))
    for extra in ("ledger:status?seq", "documents:list?subject"):
        base, _, _ = extra.partition("?")
        spec = PAGES[extra]
        shown = "/" + reverse(base).lstrip("/") + "?" + extra.partition("?")[2] + "=…"
        for method in spec.methods:
            found.append(Endpoint(base.split(":")[0], extra, method, spec, _named(base), shown))
    for path, ops in schema["paths"].items():
        for method in ops:
            key = (method.upper(), path)
            spec = API.get(key)
            if spec is None:
                missing.append(f"{method.upper()} {path}")
                continue
            area = path.split("/")[2]
            found.append(
                Endpoint(
                    f"api/{area}",
                    f"{method.upper()} {path}",
                    method.upper(),
                    spec,
                    _api_path(path),
                    path,
                )
            )
    for label in sorted(admin_models):
        app_label, model = _split_admin(label)
        changelist = Spec()
        found.append(
            Endpoint(
                "admin",
                f"admin:{label}_changelist",
                "GET",
                changelist,
                _named(f"admin:{label}_changelist"),
                f"/admin/{app_label}/{model}/",
            )
        )
    if missing:
        raise MatrixError(
            "访问控制矩阵不知道如何调用这些端点（请在 yangguang/demo/access_matrix/specs.py 的 PAGES 或 API 中登记）："
            + "；".join(missing)
        )
    return found


def _split_admin(label: str) -> tuple[str, str]:
    for m in admin.site._registry:
        if f"{m._meta.app_label}_{m._meta.model_name}" == label:
            return m._meta.app_label, str(m._meta.model_name)
    raise MatrixError(label)


# --- probing ---------------------------------------------------------------------------------------

_recorded = threading.local()


@contextmanager
def _recording_refusals() -> Iterator[None]:
    """Record the message of every ``AccessDenied`` made while probing (to tell a refusal shown as
    a redirect or a form error from a validation error)."""
    original = access_errors.AccessDenied.__init__

    def init(self: Any, message: str, *, rule: str = "") -> None:
        getattr(_recorded, "messages", []).append(message)
        original(self, message, rule=rule)

    access_errors.AccessDenied.__init__ = init  # type: ignore[method-assign]
    try:
        yield
    finally:
        access_errors.AccessDenied.__init__ = original  # type: ignore[method-assign]


@dataclass
class Matrix:
    endpoints: list[Endpoint]
    # (endpoint index, context or "", principal) -> cell
    cells: dict[tuple[int, str, str], str]


LOGIN_PATH = "/accounts/login/"


def _cell(response: Any, refusals: list[str]) -> str:
    status = response.status_code
    if status in (301, 302, 303) and response.get("Location", "").split("?")[0].endswith(LOGIN_PATH):
        return "登录"
    if status in (401, 403):
        return str(status)
    text = ""
    if not getattr(response, "streaming", False):
        text = response.content.decode("utf-8", "replace")
    shown = [str(m) for m in get_messages(response.wsgi_request)] if hasattr(response, "wsgi_request") else []
    refused = any(r in text or any(r in m for m in shown) for r in refusals if r)
    return f"{status}拒" if refused else str(status)


def _request(client: Client, ep: Endpoint, world: World, o: Objects) -> Any:
    spec = ep.spec
    kwargs = spec.kwargs(world, o) if spec.kwargs else {}
    url = ep.url(kwargs)
    extra = spec.headers(world, o) if spec.headers else {}
    query = spec.query(world, o) if spec.query else None
    if ep.method in ("GET", "HEAD", "DELETE"):
        return getattr(client, ep.method.lower())(url, query, **extra)
    body = spec.body(world, o) if spec.body else {}
    if spec.json:
        return client.post(url, json.dumps(body), content_type="application/json", **extra)
    if ep.key == "evidence:tus_create":
        return client.post(url, b"", content_type="application/offset+octet-stream", **extra)
    return client.post(url, body, **extra)


def served_endpoints() -> list[Endpoint]:
    """``endpoints`` of the OpenAPI document as the API serves it."""
    schema = json.loads(Client().get("/api/openapi.json").content)
    eps = endpoints(schema)
    eps.sort(key=lambda e: e.key == "logout")  # log out last: it ends the session that asks
    return eps


def run(world: World, principals: Iterable[str] | None = None) -> Matrix:
    """Probe every endpoint as each of ``principals`` (default: all) in every context it has; each
    request in a rolled back savepoint."""
    wanted = list(principals) if principals is not None else [n for n, _l in PRINCIPALS]
    clients: dict[str, Client] = {}
    for name in wanted:
        c = Client(raise_request_exception=False)
        if name != "anonymous":
            c.force_login(world.users[name])
        clients[name] = c
    eps = served_endpoints()
    cells: dict[tuple[int, str, str], str] = {}
    logging.disable(logging.ERROR)  # thousands of 403/404 warnings say nothing here
    try:
        _probe_all(world, eps, clients, cells)
    finally:
        logging.disable(logging.NOTSET)
    return Matrix(eps, cells)


def _probe_all(world: World, eps: list[Endpoint], clients: dict[str, Client], cells: dict[Any, str]) -> None:
    with _recording_refusals():
        for i, ep in enumerate(eps):
            for context in ep.spec.contexts or ("",):
                o = world.ctx[context or "own"]
                for name in clients:
                    _recorded.messages = []
                    with transaction.atomic():
                        response = _request(clients[name], ep, world, o)
                        transaction.set_rollback(True)
                    cells[(i, context, name)] = _cell(response, _recorded.messages)


# --- the rules the result must keep ----------------------------------------------------------------

ADMIN_COLUMNS = ("system_admin", "security_admin", "audit_admin")
SECRET_READERS = ("officer", "unit_head", "agency_head")


def granted(cell: str) -> bool:
    """The request passed the permission check: a success, a redirect that is not to the login
    page, or a validation error, none of them carrying the policy's refusal."""
    if cell.endswith("拒") or cell == "登录":
        return False
    status = int(cell)
    return status < 400 or status in (400, 409, 410, 412, 415, 422)


def violations(matrix: Matrix) -> list[str]:
    """The issue-11 rules broken by the result (empty when all hold)."""
    out: list[str] = []
    for (i, context, name), cell in sorted(matrix.cells.items()):
        ep = matrix.endpoints[i]
        where = f"{ep.method} {ep.shown} [{CONTEXT_LABELS.get(context, '—')}] {name}: {cell}"
        if cell[:3].isdigit() and int(cell[:3]) >= 500:
            out.append(f"服务器错误：{where}")
        if not ep.spec.content or not granted(cell):
            continue
        if name == "anonymous":
            out.append(f"游客访问了案件内容：{where}")
        elif name in ADMIN_COLUMNS:
            out.append(f"管理员访问了案件内容（三员分立）：{where}")
        elif context == "other":
            out.append(f"访问了外机关的案件内容：{where}")
        elif context == "secret" and name not in SECRET_READERS:
            out.append(f"访问了涉密案件：{where}")
    return out
