"""Field mode (现场执法模式) for officers on a phone: an installable web app under ``/field/``.

- ``/field/``: the officer's task list — open cases they handle, each with its next actions and
  nearest deadline.
- ``/field/case/<id>/``: upload first — photos and notes are captured into a queue kept on the
  phone (IndexedDB) with their capture time and location, and sent by tus to the evidence endpoint
  when there is a connection (tus resumes the bytes of an interrupted upload); then the case's
  next actions (each opens its form on the case page).
- ``/field/manifest.webmanifest`` and ``/field/sw.js``: the web app manifest and the service worker,
  served from the app so that the worker's scope is ``/field/`` (a worker controls only the paths
  under its own URL); both are plain files of ``static/evidence/field/`` (no CDN, CSP 'self').
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone

from yangguang.cases import selectors as case_selectors
from yangguang.cases.workflow import CaseState
from yangguang.roster.models import User

from . import selectors

ASSET_DIR = "evidence/field"
CHUNK_BYTES = 2 * 1024 * 1024  # small chunks: a phone's connection drops often, tus resumes per chunk


# The field pages may ask for the phone's position (kept with each capture); the camera is used
# through the file input's capture attribute (the phone's camera app), which needs no permission.
FIELD_PERMISSIONS = "camera=(), microphone=(), geolocation=(self), payment=(), usb=(), serial=()"


def _field(response: HttpResponse) -> HttpResponse:
    response["Permissions-Policy"] = FIELD_PERMISSIONS
    return response


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def _actions(case: Any, user: User) -> list[dict[str, str]]:
    return [
        {
            "label": str(t.label),
            "url": reverse("cases:detail", args=[case.pk]) + f"#action-{t.action}",
            "action": t.action,
        }
        for t in case_selectors.available_actions(case, user)
        if t.action not in ("add_officer", "recuse")
    ]


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The task list: open cases the officer handles, the next actions of each, nearest deadline."""
    user = _user(request)
    today = timezone.localdate()
    deadlines: dict[int, Any] = {}
    for row in case_selectors.officer_deadlines(user, today):
        deadlines.setdefault(row["case"].pk, row)
    tasks = [
        {
            "case": case,
            "state": CaseState(case.state).label,
            "actions": _actions(case, user)[:4],
            "deadline": deadlines.get(case.pk),
            "can_upload": selectors.can_upload(user, case),
        }
        for case in case_selectors.my_cases(user, open_only=True).select_related("agency")[:50]
    ]
    return _field(render(request, "evidence/field/home.html", {"tasks": tasks, "assets": shell_assets()}))


@login_required
def case_page(request: HttpRequest, case_id: int) -> HttpResponse:
    """One case in the field: capture and upload first, then the next actions."""
    user = _user(request)
    case = case_selectors.get_case(user, case_id)
    if case is None:
        raise Http404("案件不存在或无权查看")
    evidence = list(selectors.case_evidence(case).order_by("-created_at")[:20])
    return _field(
        render(
            request,
            "evidence/field/case.html",
            {
                "case": case,
                "state": CaseState(case.state).label,
                "actions": _actions(case, user),
                "can_upload": selectors.can_upload(user, case),
                "evidence": evidence,
                "chunk_size": CHUNK_BYTES,
                "assets": shell_assets(),
            },
        )
    )


def _asset(name: str) -> bytes:
    found = finders.find(f"{ASSET_DIR}/{name}")
    if not found:
        raise Http404
    return Path(str(found)).read_bytes()


def manifest(request: HttpRequest) -> HttpResponse:
    """The web app manifest (no login: the browser fetches it without credentials)."""
    body = {
        "name": "阳光执法·现场执法",
        "short_name": "现场执法",
        "description": "执法人员现场取证、记录与办案",
        "lang": "zh-CN",
        "start_url": reverse("field:home"),
        "scope": reverse("field:home"),
        "display": "standalone",
        "orientation": "portrait",
        "background_color": "#ffffff",
        "theme_color": "#b3261e",
        "icons": [
            {"src": static(f"{ASSET_DIR}/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static(f"{ASSET_DIR}/icon-512.png"), "sizes": "512x512", "type": "image/png"},
        ],
    }
    response = HttpResponse(json.dumps(body, ensure_ascii=False), content_type="application/manifest+json")
    response["Cache-Control"] = "no-cache"
    return response


def service_worker(request: HttpRequest) -> HttpResponse:
    """The service worker, served at /field/sw.js so that its scope is /field/. The static URLs it
    precaches are given in its query (?v=…) by the page that registers it."""
    response = HttpResponse(_asset("sw.js"), content_type="application/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    response["Service-Worker-Allowed"] = reverse("field:home")
    return response


def shell_assets() -> list[str]:
    """The static files the field pages need offline (precached by the worker)."""
    return [
        static("css/yangguang.css"),
        static("css/phone.css"),
        static("js/yangguang.js"),
        static("vendor/htmx-2.0.11.min.js"),
        static("evidence/vendor/tus-js-client-4.3.1.min.js"),
        static(f"{ASSET_DIR}/field.css"),
        static(f"{ASSET_DIR}/field.js"),
        static(f"{ASSET_DIR}/icon-192.png"),
    ]
