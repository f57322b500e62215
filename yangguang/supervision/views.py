"""Supervision pages: the warning models with their rules, hit counts and precision; a model's hits
with the supervisors' verdicts. Views parse input, call services or selectors, and render."""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_POST

from yangguang.access import policy
from yangguang.cases.workflow import CaseKind
from yangguang.core.errors import DomainError
from yangguang.core.params import optional_id
from yangguang.roster.models import Agency, Region, User

from . import assessment, campaigns, cockpit, evaluation, lookups, parameters, selectors, services
from .models import (
    Campaign,
    Clue,
    ClueStatus,
    DocKind,
    DocStatus,
    EvaluationPlan,
    Finding,
    Grade,
    Participant,
    Problem,
    ProblemCategory,
    ScoringSheet,
    SupervisionDocument,
    Verdict,
)
from .rules import RULES, Rule


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _rule(code: str) -> Rule:
    r = RULES.get(code)
    if r is None:
        raise Http404
    return r


def _render_models(request: HttpRequest, *, error: str = "") -> HttpResponse:
    user = _user(request)
    rows = selectors.model_rows(user, timezone.localdate())
    bureau = selectors.bureau_of(user)
    can_set = bureau is not None and policy.allows(user, "supervision.parameters.set", bureau)
    context = {"rows": rows, "can_set": can_set, "error": error}
    return render(request, "supervision/models.html", context, status=400 if error else 200)


@login_required
def models_page(request: HttpRequest) -> HttpResponse:
    policy.require(_user(request), "supervision.view")
    return _render_models(request)


@login_required
@require_POST
def set_parameters(request: HttpRequest, code: str) -> HttpResponse:
    user = _user(request)
    policy.require(user, "supervision.view")
    r = _rule(code)
    values = {k.removeprefix("p_"): v for k, v in request.POST.items() if k.startswith("p_")}
    try:
        setting = parameters.set_values(
            actor=user, rule_code=r.code, values=values, reason=request.POST.get("reason", "")
        )
    except DomainError as exc:
        return _render_models(request, error=exc.message)
    messages.success(request, f"已保存“{r.name}”的参数版本{setting.revision}")
    return redirect(reverse("supervision:models"))


def _render_hits(request: HttpRequest, r: Rule, *, error: str = "") -> HttpResponse:
    user = _user(request)
    agency_id = optional_id(request.GET.get("agency", ""))
    rows = selectors.hits_of(user, r, timezone.localdate(), agency_id)
    setting = parameters.current(selectors.bureau_of(user), r.code)
    context = {
        "rule": r,
        "params": parameters.describe(r, setting),
        "version": parameters.version_label(r, setting),
        "rows": rows,
        "verdicts": Verdict.choices,
        "error": error,
        "agency_id": agency_id,
    }
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


# --- clues ----------------------------------------------------------------------------------------------


def _clue(request: HttpRequest, pk: int) -> Clue:
    policy.require(_user(request), "supervision.view")
    found = selectors.get_clue(_user(request), pk)
    if found is None:
        raise Http404
    return found


def _agency(raw: str) -> Agency | None:
    pk = optional_id(raw)
    return Agency.objects.filter(pk=pk).first() if pk is not None else None


@login_required
def clues_page(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    policy.require(user, "supervision.view")
    error = ""
    if request.method == "POST":
        try:
            clue = services.create_clue(
                actor=user,
                agency=_agency(request.POST.get("agency", "")),
                title=request.POST.get("title", ""),
                description=request.POST.get("description", ""),
            )
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(request, f"已登记线索{clue.number}")
            return redirect(reverse("supervision:clue", args=[clue.pk]))
    status = request.GET.get("status", "")
    context = {
        "clues": selectors.clues(user, status)[:200],
        "status": status,
        "statuses": ClueStatus.choices,
        "agencies": selectors.scope_agencies(user).order_by("region__code", "name"),
        "error": error,
        "posted": request.POST if error else {},
    }
    return render(request, "supervision/clues.html", context, status=400 if error else 200)


@login_required
@require_POST
def clue_from_hit(request: HttpRequest, code: str) -> HttpResponse:
    user = _user(request)
    policy.require(user, "supervision.view")
    r = _rule(code)
    try:
        clue = services.clue_from_hit(actor=user, rule_code=r.code, key=request.POST.get("key", ""))
    except DomainError as exc:
        return _render_hits(request, r, error=exc.message)
    messages.success(request, f"已转为线索{clue.number}")
    return redirect(reverse("supervision:clue", args=[clue.pk]))


def _render_clue(request: HttpRequest, clue: Clue, *, error: str = "", form: str = "") -> HttpResponse:
    context = {
        "clue": clue,
        "documents": clue.documents.order_by("pk"),
        "supervisors": selectors.bureau_supervisors(clue),
        "findings": Finding.choices,
        "kinds": DocKind.choices,
        "rule": RULES.get(clue.rule),
        "error": error,
        "error_form": form,
        "posted": request.POST if error else {},
        "today": timezone.localdate(),
    }
    return render(request, "supervision/clue.html", context, status=400 if error else 200)


@login_required
def clue_page(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_clue(request, _clue(request, pk))


@login_required
@require_POST
def clue_assign(request: HttpRequest, pk: int) -> HttpResponse:
    clue = _clue(request, pk)
    assignee_id = optional_id(request.POST.get("assignee", ""))
    assignee = User.objects.filter(pk=assignee_id).first() if assignee_id is not None else None
    try:
        services.assign_clue(actor=_user(request), clue=clue, assignee=assignee)
    except DomainError as exc:
        return _render_clue(request, clue, error=exc.message, form="assign")
    messages.success(request, "已分派")
    return redirect(reverse("supervision:clue", args=[clue.pk]))


@login_required
@require_POST
def clue_close(request: HttpRequest, pk: int) -> HttpResponse:
    clue = _clue(request, pk)
    try:
        services.close_clue(
            actor=_user(request), clue=clue, finding=request.POST.get("finding", ""), text=request.POST.get("text", "")
        )
    except DomainError as exc:
        return _render_clue(request, clue, error=exc.message, form="close")
    messages.success(request, "线索已办结")
    return redirect(reverse("supervision:clue", args=[clue.pk]))


@login_required
@require_POST
def clue_issue(request: HttpRequest, pk: int) -> HttpResponse:
    clue = _clue(request, pk)
    raw_due = request.POST.get("due_on", "").strip()
    try:
        due = None
        if raw_due:
            try:
                due = dt.date.fromisoformat(raw_due)
            except ValueError:
                raise DomainError("答复期限格式应为YYYY-MM-DD", code="due_invalid") from None
        doc = services.issue_document(
            actor=_user(request),
            clue=clue,
            kind=request.POST.get("kind", ""),
            problems=request.POST.get("problems", ""),
            requirements=request.POST.get("requirements", ""),
            due_on=due,
        )
    except DomainError as exc:
        return _render_clue(request, clue, error=exc.message, form="issue")
    messages.success(request, f"已制发{doc.number}")
    return redirect(reverse("supervision:document", args=[doc.pk]))


# --- supervision documents ------------------------------------------------------------------------------------


def _document(request: HttpRequest, pk: int) -> SupervisionDocument:
    found = selectors.get_document(_user(request), pk)
    if found is None:
        raise Http404
    return found


@login_required
def documents_page(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    policy.require(user, "supervision.document.list")
    rows = list(selectors.documents(user)[:300])
    return render(request, "supervision/documents.html", {"rows": rows, "today": timezone.localdate()})


def _render_document(
    request: HttpRequest, doc: SupervisionDocument, *, error: str = "", form: str = ""
) -> HttpResponse:
    user = _user(request)
    context = {
        "doc": doc,
        "answers": doc.answers.order_by("round"),
        "can_answer": policy.allows(user, "supervision.document.answer", doc)
        and doc.status in (DocStatus.SENT, DocStatus.RETURNED),
        "can_decide": policy.allows(user, "supervision.clue.manage", doc.agency) and doc.status == DocStatus.ANSWERED,
        "overdue": doc.is_overdue(timezone.localdate()),
        "error": error,
        "error_form": form,
        "posted": request.POST if error else {},
    }
    return render(request, "supervision/document.html", context, status=400 if error else 200)


@login_required
def document_page(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_document(request, _document(request, pk))


@login_required
@require_POST
def document_answer(request: HttpRequest, pk: int) -> HttpResponse:
    doc = _document(request, pk)
    try:
        services.answer_document(
            actor=_user(request),
            document=doc,
            rectification=request.POST.get("rectification", ""),
            evidence=request.FILES.get("evidence"),
        )
    except DomainError as exc:
        return _render_document(request, doc, error=exc.message, form="answer")
    messages.success(request, "已提交整改情况")
    return redirect(reverse("supervision:document", args=[doc.pk]))


@login_required
@require_POST
def document_decide(request: HttpRequest, pk: int) -> HttpResponse:
    doc = _document(request, pk)
    try:
        services.decide_answer(
            actor=_user(request),
            document=doc,
            accept=request.POST.get("decision") == "accept",
            note=request.POST.get("note", ""),
        )
    except DomainError as exc:
        return _render_document(request, doc, error=exc.message, form="decide")
    messages.success(request, "已审核整改情况")
    return redirect(reverse("supervision:document", args=[doc.pk]))


@login_required
def answer_evidence(request: HttpRequest, pk: int) -> FileResponse:
    answer = lookups.answer_with_evidence(_user(request), pk)
    if answer is None:
        raise Http404
    return FileResponse(answer.evidence.open("rb"), as_attachment=True, filename=answer.evidence_name or "evidence")


# --- the public complaint form (投诉举报) -------------------------------------------------------------------


def complaint(request: HttpRequest) -> HttpResponse:
    error = ""
    done = None
    if request.method == "POST":
        try:
            done = services.submit_complaint(
                agency=_agency(request.POST.get("agency", "")),
                title=request.POST.get("title", ""),
                description=request.POST.get("description", ""),
                complainant=request.POST.get("complainant", ""),
                contact=request.POST.get("contact", ""),
            )
        except DomainError as exc:
            error = exc.message
    agencies = (
        Agency.objects.filter(is_supervisor=False, is_active=True)
        .select_related("region")
        .order_by("region__code", "name")
    )
    context = {"agencies": agencies, "error": error, "done": done, "posted": request.POST if error else {}}
    return render(request, "supervision/complaint.html", context, status=400 if error else 200)


# --- the cockpit (驾驶舱) --------------------------------------------------------------------------------------


def _position(request: HttpRequest) -> cockpit.Position:
    user = _user(request)
    policy.require(user, "supervision.view")
    pos = cockpit.position(
        user,
        region_code=request.GET.get("region", "")[:12],
        agency_id=optional_id(request.GET.get("agency", "")),
        today=timezone.localdate(),
    )
    if pos is None:
        raise Http404
    return pos


@login_required
def cockpit_page(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    pos = _position(request)
    today = timezone.localdate()
    figs = cockpit.figures(user, pos, today)
    chart = {"months": figs["months"], "kinds": figs["kinds"], "publication": figs["publication"]}
    context = {
        "pos": pos,
        "figs": figs,
        "chart": chart,
        "crumbs": cockpit.breadcrumbs(user, pos),
        "export_url": f"{reverse('supervision:cockpit_export')}?{urlencode(pos.params())}",
    }
    return render(request, "supervision/cockpit.html", context)


CASES_PAGE_SIZE = 100


@login_required
def cockpit_cases(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    pos = _position(request)
    metric = request.GET.get("metric", "")
    qs = cockpit.metric_cases(
        user,
        pos,
        metric,
        timezone.localdate(),
        kind=request.GET.get("kind", "")[:30],
        month=request.GET.get("month", "")[:7],
        status=request.GET.get("status", "")[:30],
    )
    if qs is None:
        raise Http404
    page = Paginator(qs, CASES_PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "pos": pos,
        "label": cockpit.METRICS[metric],
        "page": page,
        "rows": list(page),
        "total": page.paginator.count,
        "query": params.urlencode(),
        "back": f"{reverse('supervision:cockpit')}?{urlencode(pos.params())}",
    }
    return render(request, "supervision/cockpit_cases.html", context)


@login_required
def cockpit_export(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    pos = _position(request)
    data = cockpit.export_xlsx(user, pos, timezone.localdate())
    response = HttpResponse(data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = "attachment; filename*=UTF-8''" + quote(f"执法监督驾驶舱-{pos.region.name}.xlsx")
    return response


# --- case-file evaluation (案卷评查) -------------------------------------------------------------------------


def _plan(request: HttpRequest, pk: int) -> EvaluationPlan:
    plan = lookups.plan(_user(request), pk)
    if plan is None:
        raise Http404
    return plan


def _date(raw: str, label: str) -> dt.date:
    try:
        return dt.date.fromisoformat(raw.strip())
    except ValueError:
        raise DomainError(f"{label}格式应为YYYY-MM-DD", code="date_invalid") from None


@login_required
def evaluations_page(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    policy.require(user, "supervision.view")
    error = ""
    if request.method == "POST":
        try:
            sheet_id = optional_id(request.POST.get("sheet", ""))
            plan = evaluation.draw_plan(
                actor=user,
                name=request.POST.get("name", ""),
                size=int(request.POST.get("size", "0") or 0) if request.POST.get("size", "").isdigit() else 0,
                closed_from=_date(request.POST.get("closed_from", ""), "结案日期起"),
                closed_until=_date(request.POST.get("closed_until", ""), "结案日期止"),
                kind=request.POST.get("kind", ""),
                seed=request.POST.get("seed", ""),
                sheet=ScoringSheet.objects.filter(pk=sheet_id).first() if sheet_id is not None else None,
            )
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(request, f"已抽取{plan.size}件案卷")
            return redirect(reverse("supervision:evaluation", args=[plan.pk]))
    evaluation.default_sheet()
    context = {
        "plans": EvaluationPlan.objects.filter(bureau_id=user.agency_id).order_by("-pk")[:100],
        "sheets": ScoringSheet.objects.order_by("name", "version"),
        "kinds": CaseKind.choices,
        "error": error,
        "posted": request.POST if error else {},
    }
    return render(request, "supervision/evaluations.html", context, status=400 if error else 200)


@login_required
def evaluation_page(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    files = []
    for f in plan.files.select_related("case", "agency").prefetch_related("scores__evaluator"):
        scores = list(f.scores.all())
        files.append(
            {
                "file": f,
                "scores": scores,
                "agreement": evaluation.agreement(scores, plan.sheet),
                "final": evaluation.final(scores, plan.sheet),
            }
        )
    context = {"plan": plan, "files": files, "report": evaluation.report(plan), "grades": dict(Grade.choices)}
    return render(request, "supervision/evaluation.html", context)


@login_required
def evaluation_file(request: HttpRequest, pk: int, rank: int) -> HttpResponse:
    plan = _plan(request, pk)
    f = plan.files.select_related("case", "agency").filter(rank=rank).first()
    if f is None:
        raise Http404
    user = _user(request)
    error = ""
    if request.method == "POST":
        try:
            evaluation.score_file(
                actor=user,
                file=f,
                vetoes=request.POST.getlist("veto"),
                points={k.removeprefix("p_"): request.POST.get(k, "") for k in request.POST if k.startswith("p_")},
                comment=request.POST.get("comment", ""),
            )
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(request, "已保存评分")
            return redirect(reverse("supervision:evaluation", args=[plan.pk]))
    mine = f.scores.filter(evaluator=user).first()
    items = []
    for item in plan.sheet.items.all():
        pre = f.prescore.get(item.code)
        if error:
            value = request.POST.get(f"p_{item.code}", "")
            vetoed = item.code in request.POST.getlist("veto")
        elif mine is not None:
            value = str(mine.points.get(item.code, ""))
            vetoed = item.code in mine.vetoes
        else:  # the system's pre-score: full points when its check passed, none when it failed
            value = "" if pre is None else str(item.points if pre["ok"] else 0)
            vetoed = pre is not None and not pre["ok"]
        items.append({"item": item, "pre": pre, "value": value, "vetoed": vetoed})
    context = {"plan": plan, "f": f, "items": items, "error": error, "mine": mine}
    return render(request, "supervision/evaluation_file.html", context, status=400 if error else 200)


@login_required
def sheets_page(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    policy.require(user, "supervision.view")
    error = ""
    if request.method == "POST":
        upload = request.FILES.get("file")
        try:
            if upload is None:
                raise DomainError("请选择XLSX文件", code="file_required")
            if upload.size and upload.size > evaluation.SHEET_MAX:  # refused before reading it
                raise DomainError(evaluation.MSG_SHEET_SIZE, code="file_too_large")
            sheet = evaluation.import_sheet(
                actor=user,
                name=request.POST.get("name", ""),
                version=request.POST.get("version", ""),
                data=upload.read(),
            )
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(request, f"已导入评查标准：{sheet}")
            return redirect(reverse("supervision:sheets"))
    evaluation.default_sheet()
    sheets = ScoringSheet.objects.prefetch_related("items").order_by("name", "version")
    return render(request, "supervision/sheets.html", {"sheets": sheets, "error": error}, status=400 if error else 200)


# --- campaigns (专项活动) -------------------------------------------------------------------------------------


def _campaign(request: HttpRequest, pk: int) -> Campaign:
    """The campaign, for its bureau's supervisors (and those above) and its agencies' heads."""
    campaign = lookups.campaign(_user(request), pk)
    if campaign is None:
        raise Http404
    return campaign


@login_required
def campaigns_page(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    policy.require(user, "supervision.campaign.list")
    error = ""
    supervisor = policy.allows(user, "supervision.view")
    if request.method == "POST":
        try:
            policy.require(user, "supervision.view")
            campaign = campaigns.launch(
                actor=user,
                title=request.POST.get("title", ""),
                tasks=request.POST.get("tasks", ""),
                report_due=_date(request.POST.get("report_due", ""), "自查报告报送期限"),
                region=Region.objects.filter(code=request.POST.get("region", "")[:12]).first(),
            )
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(request, f"已部署专项活动：{campaign.title}")
            return redirect(reverse("supervision:campaign", args=[campaign.pk]))
    rows = lookups.campaigns_for(user)
    context = {
        "rows": rows.order_by("-pk")[:100],
        "supervisor": supervisor,
        "error": error,
        "posted": request.POST if error else {},
    }
    return render(request, "supervision/campaigns.html", context, status=400 if error else 200)


def _render_campaign(request: HttpRequest, campaign: Campaign, *, error: str = "") -> HttpResponse:
    user = _user(request)
    today = timezone.localdate()
    supervisor = policy.allows(user, "supervision.view")
    context = {
        "campaign": campaign,
        "parts": list(lookups.parts(user, campaign)),
        "supervisor": supervisor,
        "summary": campaigns.summary(campaign, today) if supervisor else None,
        "categories": ProblemCategory.choices,
        "today": today,
        "error": error,
        "posted": request.POST if error else {},
    }
    return render(request, "supervision/campaign.html", context, status=400 if error else 200)


@login_required
def campaign_page(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_campaign(request, _campaign(request, pk))


def _own_part(request: HttpRequest, campaign: Campaign) -> Participant:
    part = lookups.own_part(_user(request), campaign)
    if part is None:
        raise Http404
    return part


@login_required
@require_POST
def campaign_report(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _campaign(request, pk)
    try:
        campaigns.file_report(
            actor=_user(request), participant=_own_part(request, campaign), report=request.POST.get("report", "")
        )
    except DomainError as exc:
        return _render_campaign(request, campaign, error=exc.message)
    messages.success(request, "已报送自查报告")
    return redirect(reverse("supervision:campaign", args=[campaign.pk]))


@login_required
@require_POST
def campaign_problem(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _campaign(request, pk)
    try:
        raw_due = request.POST.get("due_on", "").strip()
        campaigns.add_problem(
            actor=_user(request),
            participant=_own_part(request, campaign),
            category=request.POST.get("category", ""),
            description=request.POST.get("description", ""),
            measure=request.POST.get("measure", ""),
            owner=request.POST.get("owner", ""),
            due_on=_date(raw_due, "整改时限") if raw_due else None,
        )
    except DomainError as exc:
        return _render_campaign(request, campaign, error=exc.message)
    messages.success(request, "已列入问题清单")
    return redirect(reverse("supervision:campaign", args=[campaign.pk]))


def _problem(request: HttpRequest, pk: int) -> Problem:
    problem = lookups.problem(_user(request), pk)
    if problem is None:
        raise Http404
    return problem


@login_required
@require_POST
def problem_progress(request: HttpRequest, pk: int) -> HttpResponse:
    problem = _problem(request, pk)
    campaign = problem.participant.campaign
    try:
        campaigns.report_progress(
            actor=_user(request),
            problem=problem,
            progress=request.POST.get("progress", ""),
            evidence=request.FILES.get("evidence"),
        )
    except DomainError as exc:
        return _render_campaign(request, campaign, error=exc.message)
    messages.success(request, "已报送整改情况")
    return redirect(reverse("supervision:campaign", args=[campaign.pk]))


@login_required
@require_POST
def problem_decide(request: HttpRequest, pk: int) -> HttpResponse:
    problem = _problem(request, pk)
    campaign = problem.participant.campaign
    try:
        campaigns.decide_problem(
            actor=_user(request),
            problem=problem,
            accept=request.POST.get("decision") == "accept",
            note=request.POST.get("note", ""),
        )
    except DomainError as exc:
        return _render_campaign(request, campaign, error=exc.message)
    messages.success(request, "已验收")
    return redirect(reverse("supervision:campaign", args=[campaign.pk]))


@login_required
def problem_evidence(request: HttpRequest, pk: int) -> FileResponse:
    problem = _problem(request, pk)
    if not problem.evidence:
        raise Http404
    return FileResponse(problem.evidence.open("rb"), as_attachment=True, filename=problem.evidence_name or "evidence")


@login_required
def assessment_page(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    pos = _position(request)
    rows = assessment.compute(user, pos, timezone.localdate())
    if request.GET.get("format") == "xlsx":
        response = HttpResponse(
            assessment.export_xlsx(rows),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = "attachment; filename*=UTF-8''" + quote(
            f"依法行政考核-{pos.region.name}.xlsx"
        )
        return response
    context = {
        "pos": pos,
        "rows": rows,
        "indicators": assessment.INDICATORS,
        "export_url": f"{reverse('supervision:assessment')}?{urlencode(pos.params() | {'format': 'xlsx'})}",
    }
    return render(request, "supervision/assessment.html", context)
