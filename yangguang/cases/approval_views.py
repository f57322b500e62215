"""Approval pages (审批): the approver's queue and the user's own requests and delegations, one
request with its summary and the approve / return form (the confirmation before the step takes
effect), withdrawing a request, giving and revoking a delegation. Views parse input, call the
services (``services.approvals``) and render."""

from __future__ import annotations

import datetime as dt
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
from yangguang.roster.models import User

from . import approval_selectors as sel
from . import services
from .models import ApprovalDelegation, ApprovalRequest
from .selectors import get_case, passed_deadlines
from .workflow import CaseState, workflow_for


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _request_or_404(request: HttpRequest, pk: int) -> ApprovalRequest:
    req = ApprovalRequest.objects.select_related("case", "requested_by", "decided_by").filter(pk=pk).first()
    if req is None or get_case(_user(request), req.case_id) is None:
        raise Http404
    return req


def _summary(req: ApprovalRequest) -> list[tuple[str, str]]:
    """The submitted data as labelled rows (what the approver approves)."""
    t = workflow_for(req.case.kind).by_action(req.action)
    rows: list[tuple[str, str]] = []
    for spec in t.fields if t else ():
        value = req.data.get(spec.name)
        if value in (None, "", []):
            continue
        choices = dict(spec.choices)
        if isinstance(value, list):
            text = "、".join(str(choices.get(v, v)) for v in value)
        elif spec.type == "officer":
            officer = req.case.agency.officers.filter(pk=value).first()
            text = officer.name if officer else str(value)
        elif spec.type == "bool":
            text = "是" if value else "否"
        else:
            text = str(choices.get(value, value))
        rows.append((spec.label, text))
    if req.reason:
        rows.append(("理由", req.reason))
    return rows


@login_required
def approvals(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    today = timezone.localdate()
    return render(
        request,
        "cases/approvals.html",
        {
            "queue": sel.approval_queue(user, today),
            "mine": sel.my_requests(user),
            "delegations": sel.delegations_of(user),
            "candidates": sel.delegate_candidates(user) if user.role in sel.APPROVER_ROLES else [],
            "today": today,
            "values": {},
        },
    )


@login_required
def approval(request: HttpRequest, pk: int) -> HttpResponse:
    """One request: its summary and, for an approver, the approve / return form."""
    user = _user(request)
    req = _request_or_404(request, pk)
    today = timezone.localdate()
    error = ""
    if request.method == "POST":
        op = request.POST.get("op", "")
        raw_day = request.POST.get("occurred_on", "")
        day = _date(raw_day) if raw_day else today
        if op not in ("approve", "return"):
            error = "请选择“批准”或“退回”"
        elif day is None:
            error = "“审批日期”不是有效日期（格式：YYYY-MM-DD）"
        else:
            try:
                step = services.decide_approval(
                    request=req,
                    actor=user,
                    approve=op == "approve",
                    opinion=request.POST.get("opinion", "")[:2000],
                    occurred_on=day,
                )
            except DomainError as exc:
                error = exc.message
            else:
                if op == "approve":
                    messages.success(request, f"已批准：{req.label}（{step.label}已办理）")
                else:
                    messages.success(request, f"已退回：{req.label}")
                return redirect("cases:approvals")
        req.refresh_from_db()
    t = workflow_for(req.case.kind).by_action(req.action)
    context: dict[str, Any] = {
        "req": req,
        "case": req.case,
        "step": t,
        "target_label": CaseState(t.target).label if t and t.target else "",
        "summary": _summary(req),
        "can_decide": req.status == ApprovalRequest.Status.PENDING and sel.may_decide(user, req, today),
        "refusal": "",
        "error": error,
        "opinion": request.POST.get("opinion", "") if request.method == "POST" else "",
        "is_requester": req.requested_by_id == user.pk,
        "occurred_on": request.POST.get("occurred_on", "") if request.method == "POST" else today.isoformat(),
        "warnings": passed_deadlines(req.case, today) if req.status == ApprovalRequest.Status.PENDING else [],
        "today": today,
    }
    if req.status == ApprovalRequest.Status.PENDING and not context["can_decide"] and not context["is_requester"]:
        subject = sel.subject_of(req)
        if subject is not None:
            context["refusal"] = policy.explain(user, "case.approve", subject, on=today).reason
    return render(request, "cases/approval.html", context, status=400 if error else 200)


@login_required
@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    req = _request_or_404(request, pk)
    try:
        services.withdraw_approval(request=req, actor=_user(request))
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"已撤回：{req.label}")
    return redirect(reverse("cases:detail", args=[req.case_id]))


def _date(raw: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        return None


@login_required
@require_POST
def delegate(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    # Policy first: a role no grant of the action covers is refused (403) before the form is read;
    # the conditions on the chosen delegate are checked by the service.
    if not any(g.covers(policy.role_of(user)) for g in policy.rule("case.approval.delegate").grants):
        policy.require(user, "case.approval.delegate")
    starts, ends = _date(request.POST.get("starts_on", "")), _date(request.POST.get("ends_on", ""))
    delegate_user = (
        User.objects.filter(pk=request.POST.get("delegate") or 0).first()
        if request.POST.get("delegate", "").isdigit()
        else None
    )
    error = ""
    if delegate_user is None:
        error = "请选择受托人"
    elif starts is None or ends is None:
        error = "请填写有效的委托起止日期（格式：YYYY-MM-DD）"
    else:
        try:
            services.create_delegation(
                actor=user,
                delegate=delegate_user,
                starts_on=starts,
                ends_on=ends,
                reason=request.POST.get("reason", ""),
            )
        except DomainError as exc:
            error = exc.message
    if error:
        today = timezone.localdate()
        return render(
            request,
            "cases/approvals.html",
            {
                "queue": sel.approval_queue(user, today),
                "mine": sel.my_requests(user),
                "delegations": sel.delegations_of(user),
                "candidates": sel.delegate_candidates(user) if user.role in sel.APPROVER_ROLES else [],
                "today": today,
                "delegation_error": error,
                "values": request.POST,
            },
            status=400,
        )
    messages.success(request, "已委托代为审批")
    return redirect("cases:approvals")


@login_required
@require_POST
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    d = ApprovalDelegation.objects.filter(pk=pk, principal=_user(request)).first()
    if d is None:
        raise Http404
    try:
        services.revoke_delegation(delegation=d, actor=_user(request))
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "已撤销委托")
    return redirect("cases:approvals")
