"""Staff pages of the publication pipeline (login required, the staff layout): the due-date board,
the side-by-side review of a publication (approve, add redactions, correct, withdraw), the approval
setting, the leak scanner, the push status and the annual statistics report."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from yangguang.access import policy
from yangguang.core.errors import DomainError, PermissionDeniedError
from yangguang.core.params import DATE_MAX, DATE_MIN, ascii_int, optional_id
from yangguang.publicity import leakscan, reports, selectors, services
from yangguang.publicity.models import WithdrawGround
from yangguang.publicity.push import config
from yangguang.roster.models import Agency

CASE_WITHDRAWAL_MESSAGE = "执法决定被撤销、确认违法或责令重新作出的，请在案件中登记，公示随之撤回"


def _user(request: HttpRequest) -> Any:
    return request.user


@login_required
def board(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    agency_id = request.GET.get("agency", "")
    rows = selectors.due_board(user, agency_id=optional_id(agency_id))
    agencies = selectors.staff_agencies(user).order_by("name")
    setting = None
    if user.agency is not None and policy.allows(user, "publicity.setting.edit", user.agency):
        setting = services.approval_required(user.agency)
    context = {
        "rows": rows,
        "agencies": agencies,
        "agency_id": agency_id,
        "approval_required": setting,
        "counts": {s: sum(1 for r in rows if r.state == s) for s in ("due", "overdue", "late", "withdraw_late")},
    }
    return render(request, "publicity/manage_board.html", context)


@login_required
def publication(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    pub = selectors.staff_publication(user, pk)
    if pub is None:
        raise Http404
    context = {
        "pub": pub,
        "show_original": policy.allows(user, "publication.original.view", pub),
        "can_manage": policy.allows(user, "publication.correct", pub),
        "can_approve": policy.allows(user, "publication.approve", pub),
        "versions": list(selectors.versions(pub)),
        "grounds": WithdrawGround.choices,
        "today": timezone.localdate(),
        "terms": pub.manual_terms.get("terms", []),
    }
    return render(request, "publicity/manage_publication.html", context)


def _act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    user = _user(request)
    pub = selectors.staff_publication(user, pk)
    if pub is None:
        raise Http404
    post = request.POST
    try:
        if action == "approve":
            services.approve_publication(publication=pub, actor=user)
            messages.success(request, "已审核公开")
        elif action == "redact":
            terms = [t for t in post.get("terms", "").splitlines() if t.strip()]
            services.add_redactions(publication=pub, terms=terms, actor=user)
            messages.success(request, "已添加遮蔽")
        elif action == "correct":
            services.correct_publication(
                publication=pub, text=post.get("text", ""), reason=post.get("reason", ""), actor=user
            )
            messages.success(request, "已更正，历史版本保留公开")
        elif action == "withdraw":
            if pub.case_id:
                # The case must record why its decision fell; its annul step withdraws the publication.
                raise DomainError(CASE_WITHDRAWAL_MESSAGE, code="use_case_step")
            raw = post.get("occurred_on", "").strip()
            try:
                on = dt.date.fromisoformat(raw) if raw else None
            except ValueError:
                raise DomainError("日期格式应为 YYYY-MM-DD", code="invalid") from None
            services.withdraw_publication(
                publication=pub,
                ground=post.get("ground", ""),
                reason=post.get("reason", ""),
                actor=user,
                occurred_on=on,
            )
            messages.success(request, "已撤回，撤回理由已公开")
    except (DomainError, PermissionDeniedError) as exc:
        messages.error(request, exc.message)
    return HttpResponseRedirect(reverse("publicity:manage_publication", args=[pk]))


@login_required
@require_POST
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, "approve")


@login_required
@require_POST
def redact(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, "redact")


@login_required
@require_POST
def correct(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, "correct")


@login_required
@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, "withdraw")


@login_required
@require_POST
def setting(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    try:
        if user.agency is None:
            raise PermissionDeniedError("只有本机关负责人可以设置公开审核", code="role_not_allowed")
        services.set_approval_required(agency=user.agency, required=request.POST.get("approval") == "1", actor=user)
        messages.success(request, "设置已保存")
    except (DomainError, PermissionDeniedError) as exc:
        messages.error(request, exc.message)
    return HttpResponseRedirect(reverse("publicity:manage_board"))


@login_required
def leaks(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not policy.allows(user, "publicity.leaks.view"):
        raise Http404
    # The stored public fields, and the newest 200 publications' public surfaces as served (the
    # command ``scan_leaks`` walks them all).
    hits = selectors.scan_public() + leakscan.scan_surfaces(limit=200)
    return render(request, "publicity/manage_leaks.html", {"hits": hits})


@login_required
def push_status(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not policy.allows(user, "publicity.push.view"):
        raise Http404

    return render(
        request, "publicity/manage_push.html", {"tasks": selectors.push_tasks(), "configured": bool(config().url)}
    )


def _year(request: HttpRequest) -> int:
    raw = request.GET.get("year") or request.POST.get("year") or ""
    return ascii_int(raw, minimum=DATE_MIN.year, maximum=DATE_MAX.year) or timezone.localdate().year - 1


@login_required
def report(request: HttpRequest) -> HttpResponse:
    """Review (the computed figures) and publish the agency's report; the supervisor sees the region."""
    user = _user(request)
    year = _year(request)
    today = timezone.localdate()
    context: dict[str, Any] = {"year": year, "rows": reports.ROWS, "today": today}
    if user.agency is not None and policy.allows(user, "publicity.report.region"):
        published = reports.region_reports(user.agency.region, year)
        context["region"] = user.agency.region
        context["tables"] = [(r.agency.name, r.data) for r in published]
        context["total"] = reports.aggregate([r.data for r in published])
        agencies = Agency.objects.filter(region__path__startswith=user.agency.region.path, is_active=True)
        done = {r.agency_id for r in published}
        context["missing"] = [a for a in agencies if a.pk not in done and not a.is_supervisor]
    elif user.agency is not None and policy.allows(user, "publicity.report.view"):
        context["agency"] = user.agency
        context["data"] = reports.compute(user.agency, year)
        context["deadline"] = reports.deadline_for(user.agency.region, year)
        context["published"] = user.agency.annual_reports.filter(year=year, published_on__isnull=False).first()
    else:
        raise Http404
    return render(request, "publicity/manage_report.html", context)


def _confirm_report(request: HttpRequest, agency: Agency, year: int, today: dt.date) -> HttpResponse:
    """The confirmation before publishing (发布后向社会公开、报送上级，不可撤回), with a warning when the
    region's deadline (January, ``reports.deadline_for``) has passed."""
    deadline = reports.deadline_for(agency.region, year)
    data = reports.compute(agency, year)
    rows = [
        ("执法主体", agency.name),
        ("年度", f"{year}年"),
        ("发布期限", f"{deadline.year}年{deadline.month}月{deadline.day}日"),
    ]
    rows += [(label, str(data[key])) for key, label in reports.ROWS if data.get(key) is not None]
    warnings = []
    if today > deadline:
        warnings.append(
            f"{year}年度统计年报的发布期限（{deadline.year}年{deadline.month}月{deadline.day}日，本区划设置）已过，"
            f"已逾期{(today - deadline).days}日，发布日期将如实公开"
        )
    published = agency.annual_reports.filter(year=year, published_on__isnull=False).first()
    intro = "统计年报发布后向社会公开并报送上级，数据以发布时的统计为准，不可撤回。"
    if published is not None:
        intro = f"本年度统计年报已于{published.published_on:%Y-%m-%d}发布，再次发布将以当前统计数据替换已公开的数据。"
    return render(
        request,
        "core/confirm.html",
        {
            "title": f"发布{year}年度统计年报",
            "intro": intro,
            "rows": rows,
            "warnings": warnings,
            "hidden": [("year", str(year))],
            "action_url": reverse("publicity:manage_report_publish"),
            "button": "确认发布",
            "cancel_url": reverse("publicity:manage_report") + f"?year={year}",
        },
    )


@login_required
@require_POST
def report_publish(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    year = _year(request)
    today = timezone.localdate()
    if (
        user.agency is not None
        and request.POST.get("confirmed") != "1"
        and policy.allows(user, "publicity.report.publish", user.agency)
    ):
        return _confirm_report(request, user.agency, year, today)
    try:
        if user.agency is None:
            raise PermissionDeniedError("统计年报由本机关负责人审核发布", code="role_not_allowed")
        reports.publish_report(agency=user.agency, year=year, actor=user, on=timezone.localdate())
        messages.success(request, "统计年报已发布")
    except (DomainError, PermissionDeniedError) as exc:
        messages.error(request, exc.message)
    return HttpResponseRedirect(reverse("publicity:manage_report") + f"?year={year}")


@login_required
def report_region_xlsx(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if user.agency is None or not policy.allows(user, "publicity.report.region"):
        raise Http404
    year = _year(request)
    published = reports.region_reports(user.agency.region, year)
    columns = [r.agency.name for r in published] + ["合计"]
    tables = [r.data for r in published] + [reports.aggregate([r.data for r in published])]
    title = f"{user.agency.region.name} {year}年度行政执法统计年报（汇总）"
    response = HttpResponse(
        reports.to_xlsx(title, columns, tables),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="annual-report-{year}-region-{user.agency.region.code}.xlsx"'
    )
    return response
