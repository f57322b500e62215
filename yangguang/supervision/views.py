"""Supervision pages: the warning models with their rules, hit counts and precision; a model's hits
with the supervisors' verdicts. Views parse input, call services or selectors, and render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from yangguang.access import policy
from yangguang.core.errors import DomainError
from yangguang.core.params import optional_id
from yangguang.roster.models import User

from . import selectors, services
from .models import Verdict
from .rules import RULES, Rule


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _rule(code: str) -> Rule:
    r = RULES.get(code)
    if r is None:
        raise Http404
    return r


@login_required
def models_page(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    policy.require(user, "supervision.view")
    rows = selectors.model_rows(user, timezone.localdate())
    return render(request, "supervision/models.html", {"rows": rows})


def _render_hits(request: HttpRequest, r: Rule, *, error: str = "") -> HttpResponse:
    user = _user(request)
    agency_id = optional_id(request.GET.get("agency", ""))
    rows = selectors.hits_of(user, r, timezone.localdate(), agency_id)
    context = {"rule": r, "rows": rows, "verdicts": Verdict.choices, "error": error, "agency_id": agency_id}
    return render(request, "supervision/hits.html", context, status=400 if error else 200)


@login_required
def hits_page(request: HttpRequest, code: str) -> HttpResponse:
    policy.require(_user(request), "supervision.view")
    return _render_hits(request, _rule(code))


@login_required
@require_POST
def mark(request: HttpRequest, code: str) -> HttpResponse:
    user = _user(request)
    policy.require(user, "supervision.view")
    r = _rule(code)
    try:
        services.mark_hit(
            actor=user,
            rule_code=r.code,
            key=request.POST.get("key", ""),
            verdict=request.POST.get("verdict", ""),
            note=request.POST.get("note", ""),
        )
    except DomainError as exc:
        return _render_hits(request, r, error=exc.message)
    messages.success(request, "已记录判定")
    return redirect(reverse("supervision:hits", args=[r.code]))
