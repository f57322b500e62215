"""Officers' case pages: my cases, a new case, the case page (status, flowchart, deadlines, the
available next actions as forms, the timeline), deadlines, the public flowchart and the record
export. Views parse input, call the services or selectors, and render."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from yangguang.access import policy
from yangguang.access.roles import CASE_HANDLERS
from yangguang.core.errors import DomainError
from yangguang.core.markup import generated_svg
from yangguang.roster.models import ActionKind, Officer, User
from yangguang.roster.selectors import certificate_state_on, search_entities

from . import selectors, services
from .access_rules import HandlerCandidate, StepRequest
from .deadlines import amount_owed
from .flowchart import render_svg
from .forms import CaseForm
from .models import ApprovalRequest, Case, PersonRole
from .services.approvals import APPROVAL_REQUEST, approval_authority
from .workflow import CaseKind, CaseState, Transition, is_irreversible, workflow_for

PAGE_SIZE = 30


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _case_or_404(request: HttpRequest, pk: int) -> Case:
    case = selectors.get_case(_user(request), pk)
    if case is None:
        raise Http404
    return case


@login_required
def my_cases(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    q = request.GET.get("q", "").strip()
    open_only = request.GET.get("all") != "1"
    qs = selectors.my_cases(user, open_only=open_only, q=q).prefetch_related("parties")
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "q": q, "open_only": open_only, "can_create": policy.allows(user, "case.create")}
    if request.headers.get("HX-Request"):
        return render(request, "cases/_case_rows.html", context)
    return render(request, "cases/my_cases.html", context)


@login_required
def new_case(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    decision = policy.explain(user, "case.create")
    if decision.rule in ("role", "has_agency"):
        raise Http404
    form = CaseForm(request.POST or None, user=user)
    # e.g. 持证上岗: say so before the officer fills in the form (an unbound form cannot carry errors).
    refusal = "" if decision.allowed else decision.reason
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            case = services.create_case(
                actor=user,
                kind=d["kind"],
                title=d["title"],
                parties=[form.party()],
                officers=list(d["officers"]),
                item=d["item"],
                source=d["source"],
                source_detail=d["source_detail"],
                facts=d["facts"],
                violation_date=d["violation_date"],
                discovery_date=d["discovery_date"],
                harms_safety=d["harms_safety"],
                involves_minor=d["involves_minor"],
                is_secret=d["is_secret"],
                occurred_on=d["occurred_on"],
                persons=d["persons_text"],
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"已登记案件 {case.number}")
            return redirect("cases:detail", pk=case.pk)
    status = 400 if form.errors and request.method == "POST" else 200
    context = {
        "form": form,
        "refusal": refusal,
        "handler_rows": _handler_rows(user, form),
        "item_options": form.item_options(),
        "kind_categories": form.kind_categories(),
    }
    return render(request, "cases/new_case.html", context, status=status)


def _handler_rows(user: User, form: CaseForm) -> list[dict[str, Any]]:
    """The officers who may be made handlers, with certificate status and categories; an officer the
    policy refuses (``case.handler.assign``: an expired, suspended or revoked certificate…) is shown
    disabled with the rule that refuses him."""
    today = timezone.localdate()
    selected = {str(v) for v in (form["officers"].value() or [])}
    rows = []
    officers = form.fields["officers"].queryset.select_related("unit")  # type: ignore[attr-defined]
    for o in officers:
        state = certificate_state_on(o, today)
        decision = policy.explain(user, "case.handler.assign", HandlerCandidate(o.agency_id, o), on=today)
        unit = o.unit.name if o.unit else ""
        rows.append(
            {
                "pk": o.pk,
                "name": o.name,
                "cert": o.certificate_no,
                "unit": unit,
                "valid": state.valid,
                "status": "持证有效" if state.valid else state.reason,
                "categories": "、".join(str(ActionKind(c).label) for c in o.categories if c in ActionKind.values),
                "eligible": decision.allowed,
                "reason": decision.reason,
                "checked": str(o.pk) in selected,
                "search": f"{o.name} {o.certificate_no} {unit}",
            }
        )
    return rows


@login_required
def entity_lookup(request: HttpRequest) -> HttpResponse:
    """Pick the party from the entity directory (名录库) on the new case form: enter once."""
    q = request.GET.get("entity_q", "").strip()
    entities = list(search_entities(q)[:10]) if len(q) >= 2 else []
    return render(request, "cases/_entity_choices.html", {"entities": entities, "q": q})


# --- the case page ------------------------------------------------------------------------------


def _field_rows(case: Case, t: Transition, values: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for spec in t.fields:
        choices: list[tuple[str, str]] = list(spec.choices)
        if spec.type == "officer":
            choices = [
                (str(o.pk), f"{o.name}（{o.certificate_no}）")
                for o in Officer.objects.filter(agency_id=case.agency_id).order_by("name")
            ]
        elif spec.type == "preservation":
            choices = [(str(p.pk), p.items[:60]) for p in case.preservations.filter(disposed_on__isnull=True)]
        value = values.get(spec.name, "")
        rows.append(
            {
                "spec": spec,
                "id": f"f-{t.action}-{spec.name}",
                "choices": choices,
                "value": value,
                "selected": value if isinstance(value, list) else [value],
            }
        )
    return rows


def _detail_context(
    request: HttpRequest, case: Case, *, error_action: str = "", error: str = "", values: dict[str, Any] | None = None
) -> dict[str, Any]:
    user = _user(request)
    today = timezone.localdate()
    actions = []
    for t in selectors.in_procedural_order(case, selectors.available_actions(case, user, today)):
        posted = values if t.action == error_action and values else {}
        actions.append(
            {
                "t": t,
                "target_label": CaseState(t.target).label if t.target else "",
                "fields": _field_rows(case, t, posted),
                "error": error if t.action == error_action else "",
                "occurred_on": posted.get("occurred_on", today.isoformat()),
                "reason": posted.get("reason", ""),
                "url": reverse("cases:act", args=[case.pk, t.action]),
            }
        )
    wf = workflow_for(case.kind)
    visited = set(case.steps.values_list("to_state", flat=True))
    money = None
    if case.fine_amount and case.served_on and case.annulled_on is None:  # nothing owed on a revoked decision
        fine, surcharge, outstanding = amount_owed(case, today)
        money = {"fine": fine, "surcharge": surcharge, "paid": case.total_paid(), "outstanding": outstanding}
    return {
        "case": case,
        "kind_label": CaseKind(case.kind).label,
        "state_label": CaseState(case.state).label,
        "parties": list(case.parties.all()),
        "persons": list(case.persons.all()),
        "person_roles": PersonRole.choices,
        "may_edit_persons": policy.allows(user, "case.persons.edit", case),
        "officers": list(case.case_officers.select_related("officer")),
        "recusals": list(case.recusals.select_related("officer")),
        "deadlines": [selectors.deadline_dict(d, today) for d in selectors.case_deadlines(case)],
        "actions": actions,
        "states": [
            {"code": s, "label": CaseState(s).label, "current": s == case.state, "done": s in visited}
            for s in wf.states
        ],
        "timeline": selectors.timeline_rows(case),
        "documents": selectors.case_documents(case),
        "flowchart": generated_svg(render_svg(case.kind, current=case.state, title=False)),
        "money": money,
        "today": today,
        "refused_actions": [
            {"label": t.label, "reason": policy.explain(user, "case.act", StepRequest(case, t), on=today).reason}
            for t in selectors.in_procedural_order(case, workflow_for(case.kind).from_state(case.state))
            if user.role in CASE_HANDLERS and not policy.allows(user, "case.act", StepRequest(case, t), on=today)
        ],
        "pending_approvals": list(
            case.approval_requests.filter(status=ApprovalRequest.Status.PENDING).select_related("requested_by")
        ),
    }


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case_or_404(request, pk)
    return render(request, "cases/detail.html", _detail_context(request, case))


def _posted(request: HttpRequest, t: Transition | None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "occurred_on": request.POST.get("occurred_on", ""),
        "reason": request.POST.get("reason", ""),
    }
    for spec in t.fields if t else ():
        if spec.type == "multichoice":
            out[spec.name] = request.POST.getlist(spec.name)
        else:
            out[spec.name] = request.POST.get(spec.name, "")
    return out


def _needs_confirmation(request: HttpRequest, case: Case, t: Transition) -> bool:
    """An irreversible step (a decision, an annulment, archiving…) taken now by this user: not one he
    only submits for approval (the approver confirms on the approval page)."""
    if not is_irreversible(t):
        return False
    if t.approval is None:
        return True
    allowed, _delegation = approval_authority(_user(request), case, t, timezone.localdate())
    return allowed


def _confirm_step(request: HttpRequest, case: Case, t: Transition, values: dict[str, Any], on: dt.date) -> HttpResponse:
    """The confirmation before an irreversible step: what will be done, with the deadlines already
    passed on the day of the act; confirming posts the same values again (no script: strict CSP)."""
    rows: list[tuple[str, str]] = [("案件", f"{case.number} {case.title}"), ("发生日期", on.isoformat())]
    for spec in t.fields:
        value = values.get(spec.name)
        if value in (None, "", []):
            continue
        choices = dict(spec.choices)
        if spec.type == "officer":
            officer = Officer.objects.filter(pk=value if str(value).isdigit() else 0, agency_id=case.agency_id).first()
            text = officer.name if officer else str(value)
        elif isinstance(value, list):
            text = "、".join(str(choices.get(v, v)) for v in value)
        elif spec.type == "bool":
            text = "是"
        else:
            text = str(choices.get(value, value))
        rows.append((spec.label, text))
    if values.get("reason"):
        rows.append(("理由", values["reason"]))
    hidden: list[tuple[str, str]] = []
    for name, value in values.items():
        for v in value if isinstance(value, list) else [value]:
            if v not in (None, ""):
                hidden.append((name, str(v)))
    target = f"，案件将进入“{CaseState(t.target).label}”状态" if t.target else ""
    return render(
        request,
        "core/confirm.html",
        {
            "title": t.label,
            "intro": f"请核对以下内容。“{t.label}”办理后不可撤回{target}，并记入办案记录和记录日志。",
            "rows": rows,
            "warnings": selectors.passed_deadlines(case, on),
            "hidden": hidden,
            "action_url": reverse("cases:act", args=[case.pk, t.action]),
            "button": f"确认{t.label}",
            "cancel_url": reverse("cases:detail", args=[case.pk]) + f"#action-{t.action}",
        },
    )


@login_required
@require_POST
def person_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a natural person the case touches (涉案人员: witness, complainant, person questioned …)."""
    case = _case_or_404(request, pk)
    data: dict[str, Any] = {k: request.POST.get(k, "") for k in ("role", "name", "id_number", "phone", "address")}
    data["minor"] = request.POST.get("minor") == "on"
    try:
        services.add_person(case=case, actor=_user(request), data=data)
    except DomainError as exc:
        context = _detail_context(request, case)
        context.update(person_error=exc.message, person_values=data)
        return render(request, "cases/detail.html", context, status=getattr(exc, "http_status", 400))
    messages.success(request, "已登记涉案人员")
    return redirect(reverse("cases:detail", args=[case.pk]) + "#persons")


@login_required
@require_POST
def person_remove(request: HttpRequest, pk: int, person_id: int) -> HttpResponse:
    case = _case_or_404(request, pk)
    try:
        services.remove_person(case=case, actor=_user(request), person_id=person_id)
    except DomainError as exc:
        context = _detail_context(request, case)
        context.update(person_error=exc.message)
        return render(request, "cases/detail.html", context, status=getattr(exc, "http_status", 400))
    messages.success(request, "已删除涉案人员")
    return redirect(reverse("cases:detail", args=[case.pk]) + "#persons")


@login_required
@require_POST
def case_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    case = _case_or_404(request, pk)
    t = workflow_for(case.kind).by_action(action)
    values = _posted(request, t)
    try:
        occurred_on = dt.date.fromisoformat(values["occurred_on"]) if values["occurred_on"] else None
    except ValueError:
        occurred_on = None
        error = "“发生日期”不是有效日期（格式：YYYY-MM-DD）"
    else:
        error = ""
    if not error and t is not None and request.POST.get("confirmed") != "1" and _needs_confirmation(request, case, t):
        return _confirm_step(request, case, t, values, occurred_on or timezone.localdate())
    if not error:
        try:
            step = services.case_transition(
                case=case,
                action=action,
                actor=_user(request),
                data={k: v for k, v in values.items() if k not in ("occurred_on", "reason")},
                reason=values["reason"],
                occurred_on=occurred_on,
            )
        except DomainError as exc:
            error = exc.message
        else:
            if step.action == APPROVAL_REQUEST:
                messages.success(request, f"已{step.label}，等待审批")
            else:
                messages.success(request, f"已完成：{step.label}")
            return redirect(reverse("cases:detail", args=[case.pk]) + "#timeline")
    case.refresh_from_db()
    context = _detail_context(request, case, error_action=action, error=error, values=values)
    context["page_error"] = error
    # htmx swaps only successful responses; a plain form post gets the honest status.
    status = 200 if request.headers.get("HX-Request") else 400
    return render(request, "cases/detail.html", context, status=status)


@login_required
def deadlines(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    today = timezone.localdate()
    mine = selectors.officer_deadlines(user, today)
    show_agency = policy.allows(user, "case.deadlines.agency")
    limit = selectors.AGENCY_DEADLINES_LIMIT
    agency_rows = selectors.agency_deadlines(user, today, limit=limit) if show_agency else []
    return render(
        request,
        "cases/deadlines.html",
        {
            "mine": mine,
            "agency_rows": agency_rows,
            "agency_limit": limit,
            "agency_limited": len(agency_rows) >= limit,
            "today": today,
            "show_agency": show_agency,
        },
    )


def flowchart(request: HttpRequest, kind: str) -> HttpResponse:
    """The published flowchart (执法流程图): public, no login."""
    if kind not in CaseKind.values:
        raise Http404
    current = request.GET.get("current") or None
    if current not in CaseState.values:
        current = None
    response = HttpResponse(render_svg(kind, current=current), content_type="image/svg+xml; charset=utf-8")
    response["Cache-Control"] = "public, max-age=300"
    return response


@login_required
def flowcharts(request: HttpRequest) -> HttpResponse:
    return render(request, "cases/flowcharts.html", {"kinds": CaseKind.choices})


@login_required
def export_record(request: HttpRequest, pk: int) -> HttpResponse:
    """The case's record (entries, inclusion proofs, signed checkpoint) as a verifiable bundle."""
    case = _case_or_404(request, pk)
    bundle = selectors.record_bundle(case)
    response = HttpResponse(
        json.dumps(bundle, ensure_ascii=False, indent=1, default=str), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="case-{case.pk}-record.json"'
    return response
