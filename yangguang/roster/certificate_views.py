"""Pages for certificates and qualifications: the issuing bureau's security administrator renews,
suspends, reinstates and revokes certificates and grants qualifications; an agency head asks for
a qualification or a reviewer designation for his officer; everyone who may see an officer sees the
certificate's history. Views parse and render; ``roster.certificates`` decides and records."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from yangguang.access import policy
from yangguang.core.errors import DomainError
from yangguang.core.widgets import IsoDateInput
from yangguang.roster import certificates, selectors
from yangguang.roster.models import Officer, QualificationKind, QualificationRequest, RequestStatus, User


class PeriodForm(forms.Form):
    valid_from = forms.DateField(label=_lazy("新有效期起"), widget=IsoDateInput())
    valid_until = forms.DateField(label=_lazy("新有效期至"), widget=IsoDateInput())
    certificate_no = forms.CharField(label=_lazy("新证号（不变可不填）"), max_length=40, required=False)
    reason = forms.CharField(label=_lazy("事由"), max_length=200)


class DatedForm(forms.Form):
    on = forms.DateField(label=_lazy("生效日期"), widget=IsoDateInput())
    reason = forms.CharField(label=_lazy("事由"), max_length=200)


class QualificationForm(forms.Form):
    kind = forms.ChoiceField(label=_lazy("事项"), choices=QualificationKind.choices)
    grant = forms.TypedChoiceField(
        label=_lazy("申请"), choices=[("1", _lazy("认定")), ("0", _lazy("撤销"))], coerce=lambda v: v == "1"
    )
    evidence = forms.CharField(label=_lazy("依据（证书编号、任命文件等）"), max_length=200)


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _first_error(form: forms.Form) -> str:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        return f"{label}：{errors[0]}" if label else str(errors[0])
    return _("请填写完整")


@login_required
def certificates_page(request: HttpRequest) -> HttpResponse:
    """The security administrator's worklist (officers in the bureau's scope, pending requests); an
    agency head's requests."""
    user = _user(request)
    q = request.GET.get("q", "").strip()[:50]
    authority = policy.scope(user, "certificate.manage", Officer.objects.select_related("agency"))
    requester = policy.scope(user, "qualification.request", Officer.objects.select_related("agency"))
    if not authority.exists() and not requester.exists():
        raise Http404
    officers = authority if authority.exists() else requester
    if q:
        officers = officers.filter(Q(name__contains=q) | Q(certificate_no__icontains=q))
    requests = QualificationRequest.objects.filter(officer__in=officers).select_related("officer", "requested_by")
    return render(
        request,
        "roster/certificates.html",
        {
            "officers": officers.order_by("agency_id", "name")[:100],
            "pending": requests.filter(status=RequestStatus.PENDING)[:100],
            "decided": requests.exclude(status=RequestStatus.PENDING)[:20],
            "q": q,
            "is_authority": authority.exists(),
        },
    )


# The policy action of each posted operation. The policy is asked before the input is read: an
# actor who may not act on the officer is refused (403) whatever he posted; only an authorized
# actor's bad input is a 400.
OP_ACTIONS = {
    "renew": "certificate.manage",
    "suspend": "certificate.manage",
    "reinstate": "certificate.manage",
    "revoke": "certificate.manage",
    "lapse": "certificate.manage",
    "qualify": "qualification.grant",
    "approve": "qualification.grant",
    "refuse": "qualification.grant",
    "request": "qualification.request",
}


def _require_op(user: User, op: str, officer: Officer) -> None:
    action = OP_ACTIONS.get(op)
    if action is not None:
        policy.require(user, action, officer)
    elif not any(policy.allows(user, a, officer) for a in sorted(set(OP_ACTIONS.values()))):
        policy.require(user, "certificate.manage", officer)  # refused with the policy's message


def _act(request: HttpRequest, officer: Officer, user: User) -> str:
    """Run the posted operation; returns a Chinese confirmation (DomainError on refusal)."""
    op = request.POST.get("op", "")
    if op == "renew":
        pf = PeriodForm(request.POST)
        if not pf.is_valid():
            raise DomainError(_first_error(pf), code="invalid")
        d = pf.cleaned_data
        certificates.renew_certificate(
            officer=officer,
            valid_from=d["valid_from"],
            valid_until=d["valid_until"],
            actor=user,
            reason=d["reason"],
            certificate_no=d["certificate_no"],
        )
        return _("已换发执法证")
    if op in ("suspend", "reinstate", "revoke", "lapse"):
        df = DatedForm(request.POST)
        if not df.is_valid():
            raise DomainError(_first_error(df), code="invalid")
        service = {
            "suspend": certificates.suspend_certificate,
            "reinstate": certificates.reinstate_certificate,
            "revoke": certificates.revoke_certificate,
            "lapse": certificates.record_lapse,
        }[op]
        service(officer=officer, on=df.cleaned_data["on"], actor=user, reason=df.cleaned_data["reason"])
        return {
            "suspend": _("已暂扣执法证"),
            "reinstate": _("已恢复执法证"),
            "revoke": _("已吊销执法证"),
            "lapse": _("已记录失效"),
        }[op]
    if op in ("qualify", "request"):
        qf = QualificationForm(request.POST)
        if not qf.is_valid():
            raise DomainError(_first_error(qf), code="invalid")
        d = qf.cleaned_data
        if op == "request":
            certificates.request_qualification(
                officer=officer, kind=d["kind"], actor=user, evidence=d["evidence"], grant=d["grant"]
            )
            return _("已提交申请，待发证机关审核")
        certificates.set_qualification(
            officer=officer, kind=d["kind"], value=d["grant"], actor=user, evidence=d["evidence"]
        )
        return _("已记录资格变更")
    if op in ("approve", "refuse"):
        req = get_object_or_404(QualificationRequest, pk=request.POST.get("request") or 0, officer=officer)
        certificates.decide_qualification_request(
            request=req, approve=op == "approve", actor=user, note=request.POST.get("note", "")[:200]
        )
        return _("已准予") if op == "approve" else _("已不予准予")
    raise DomainError(_("未知的操作"), code="invalid")


@login_required
def certificate_page(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    officer = get_object_or_404(selectors.search_officers(user), pk=pk)
    error = ""
    if request.method == "POST":
        _require_op(user, request.POST.get("op", ""), officer)  # AccessDenied: the 403 page
        try:
            message = _act(request, officer, user)
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(request, message)
            return redirect("roster:certificate", pk=officer.pk)
    today = timezone.localdate()
    context: dict[str, Any] = {
        "officer": officer,
        "state": selectors.certificate_state_on(officer),
        "history": selectors.certificate_history(officer),
        "requests": officer.qualification_requests.select_related("requested_by", "decided_by")[:20],
        "can_manage": policy.allows(user, "certificate.manage", officer),
        "can_grant": policy.allows(user, "qualification.grant", officer),
        "can_request": policy.allows(user, "qualification.request", officer),
        "today": today,
        "qualification_form": QualificationForm(),
        "error": error,
    }
    return render(request, "roster/certificate.html", context, status=400 if error else 200)
