"""Legal review pages: the reviewers' queue, the review page (materials, changes since the last round,
the nine checks and the opinion, coordination), reviewer staffing. Views parse input, call the
services or selectors, and render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from yangguang.access import policy
from yangguang.core.errors import DomainError
from yangguang.core.params import INT_MAX, ascii_int, optional_id
from yangguang.roster.models import Officer, User

from . import selectors, services
from .models import CHECKS, Coordination, ReviewRequest


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _get(request: HttpRequest, pk: int) -> ReviewRequest:
    found = selectors.get_request(_user(request), pk)
    if found is None:
        raise Http404
    return found


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    return render(request, "review/queue.html", {"q": selectors.queue(user), "today": timezone.localdate()})


def _render_detail(
    request: HttpRequest,
    review: ReviewRequest,
    *,
    error: str = "",
    form: str = "",
    posted: dict[str, Any] | None = None,
) -> HttpResponse:
    context = selectors.request_context(review, _user(request))
    context.update({"error": error, "error_form": form, "posted": posted or {}, "request_path": request.path})
    return render(request, "review/detail.html", context, status=400 if error else 200)


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_detail(request, _get(request, pk))


def _done(request: HttpRequest, review: ReviewRequest, text: str) -> HttpResponse:
    messages.success(request, text)
    return redirect(reverse("review:detail", args=[review.pk]))


@login_required
@require_POST
def assign(request: HttpRequest, pk: int) -> HttpResponse:
    review = _get(request, pk)
    user = _user(request)
    raw = request.POST.get("reviewer", "")
    officer_id = optional_id(raw)
    officer = Officer.objects.filter(pk=officer_id).first() if officer_id else None
    try:
        if officer is None:
            raise DomainError("请选择审核人员", code="reviewer_required")
        services.assign_reviewer(request=review, reviewer=officer, actor=user)
    except DomainError as exc:
        return _render_detail(request, review, error=exc.message, form="assign")
    return _done(request, review, f"已分配审核人员：{officer.name}")


@login_required
@require_POST
def opinion(request: HttpRequest, pk: int) -> HttpResponse:
    review = _get(request, pk)
    findings = {n: (request.POST.get(f"result_{n}", ""), request.POST.get(f"note_{n}", "")) for n, _ in CHECKS}
    findings = {n: v for n, v in findings.items() if v[0]}
    try:
        services.record_opinion(
            request=review,
            actor=_user(request),
            findings=findings,
            opinion=request.POST.get("opinion", ""),
            text=request.POST.get("text", ""),
        )
    except DomainError as exc:
        return _render_detail(request, review, error=exc.message, form="opinion", posted=request.POST.dict())
    return _done(request, review, "已出具审核意见，法制审核意见书已生成")


@login_required
@require_POST
def coordinate(request: HttpRequest, pk: int) -> HttpResponse:
    review = _get(request, pk)
    try:
        services.request_coordination(
            request=review, actor=_user(request), unit_position=request.POST.get("unit_position", "")
        )
    except DomainError as exc:
        return _render_detail(request, review, error=exc.message, form="coordinate", posted=request.POST.dict())
    return _done(request, review, "已申请协调")


@login_required
@require_POST
def resolve(request: HttpRequest, pk: int) -> HttpResponse:
    review = _get(request, pk)
    coordination = Coordination.objects.filter(request=review, outcome="").first()
    try:
        policy.require(_user(request), "review.coordinate.resolve", review)  # before the state
        if coordination is None:
            raise DomainError(services.MSG_RESOLVE_STATE, code="review_state")
        services.resolve_coordination(
            coordination=coordination,
            actor=_user(request),
            method=request.POST.get("method", ""),
            outcome=request.POST.get("outcome", ""),
            conclusion=request.POST.get("conclusion", ""),
            reviewer_position=request.POST.get("reviewer_position", ""),
        )
    except DomainError as exc:
        return _render_detail(request, review, error=exc.message, form="resolve", posted=request.POST.dict())
    return _done(request, review, "已记录协调结果")


@login_required
def staffing(request: HttpRequest) -> HttpResponse:
    """Reviewer staffing per agency against the 5% floor, and the agency's review period."""
    user = _user(request)
    if not policy.allows(user, "review.staffing.view"):
        raise Http404
    error = ""
    setting = services.setting_for(user.agency) if user.agency else None
    if request.method == "POST" and user.agency is not None:
        policy.require(user, "review.setting.edit", user.agency)  # before the input is read: 403
        raw, warn = request.POST.get("days", ""), request.POST.get("warning_days", "1")
        try:
            days, warning = ascii_int(raw, maximum=INT_MAX), ascii_int(warn, maximum=INT_MAX)
            if days is None or warning is None:
                raise DomainError(services.MSG_SETTING_DAYS, code="invalid_days")
            setting = services.set_deadline_days(agency=user.agency, days=days, warning_days=warning, actor=user)
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(request, "已保存法制审核期限")
            return redirect("review:staffing")
    rows = selectors.staffing(user)
    context = {
        "rows": rows,
        "setting": setting,
        "can_set": user.agency is not None and policy.allows(user, "review.setting.edit", user.agency),
        "error": error,
        "below": sum(1 for r in rows if r["reviewer_below_floor"]),
    }
    return render(request, "review/staffing.html", context, status=400 if error else 200)
