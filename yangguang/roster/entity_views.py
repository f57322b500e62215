"""Pages of the shared entity directory: an entry with its edit form (applied at once for the
registering agency and the system administrator, a change proposal for anyone else) and the list of
proposals to decide. Views parse and render; ``roster.entity_directory`` decides and records."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from yangguang.access import policy
from yangguang.core.errors import DomainError
from yangguang.roster import entity_directory, selectors
from yangguang.roster.models import Region, RiskGrade, User


class EntityForm(forms.Form):
    name = forms.CharField(label=_lazy("名称"), max_length=200)
    legal_representative = forms.CharField(label=_lazy("法定代表人"), max_length=50, required=False)
    address = forms.CharField(label=_lazy("注册地址"), max_length=200, required=False)
    phone = forms.CharField(label=_lazy("联系方式"), max_length=50, required=False)
    region_code = forms.CharField(label=_lazy("所属区划代码"), max_length=9, required=False)
    industry = forms.CharField(label=_lazy("行业"), max_length=100, required=False)
    risk_grade = forms.ChoiceField(label=_lazy("风险等级"), choices=RiskGrade.choices)

    def clean_region_code(self) -> int | None:
        code = (self.cleaned_data.get("region_code") or "").strip()
        if not code:
            return None
        region = Region.objects.filter(code=code).first()
        if region is None:
            raise forms.ValidationError(_("行政区划代码“%(code)s”不存在") % {"code": code})
        return region.pk

    def changes(self) -> dict[str, Any]:
        d = dict(self.cleaned_data)
        d["region_id"] = d.pop("region_code")
        return d


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _rows(proposals: Any) -> list[dict[str, Any]]:
    return [{"p": p, "changes": entity_directory.describe_changes(p)} for p in proposals]


@login_required
def entity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    entity = get_object_or_404(selectors.search_entities().select_related("registering_agency"), pk=pk)
    initial = {**entity_directory.current_values(entity), "region_code": entity.region.code if entity.region else ""}
    form = EntityForm(request.POST or None, initial=initial)
    error = ""
    if request.method == "POST":
        if form.is_valid():
            try:
                result = entity_directory.change_entity(entity=entity, changes=form.changes(), actor=user)
            except DomainError as exc:
                error = exc.message
            else:
                messages.success(
                    request, _("已修改名录") if result.applied else _("已提交变更申请，待登记机关审核（名录暂不变）")
                )
                return redirect("roster:entity", pk=entity.pk)
        else:
            error = _("请改正表单中的错误")
    context = {
        "entity": entity,
        "form": form,
        "error": error,
        "can_edit": policy.allows(user, "entity.edit", entity),
        "can_propose": policy.allows(user, "entity.propose", entity),
        "proposals": _rows(entity.proposals.select_related("agency", "proposed_by", "decided_by")[:20]),
    }
    return render(request, "roster/entity_detail.html", context, status=400 if error else 200)


@login_required
def entity_proposals(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if request.method == "POST":
        proposal = get_object_or_404(selectors.proposals_to_decide(user), pk=request.POST.get("proposal") or 0)
        try:
            entity_directory.decide_proposal(
                proposal=proposal,
                accept=request.POST.get("op") == "accept",
                actor=user,
                note=request.POST.get("note", "")[:200],
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request, _("已采纳，名录已更新") if request.POST.get("op") == "accept" else _("已不予采纳")
            )
        return redirect("roster:entity_proposals")
    return render(
        request,
        "roster/entity_proposals.html",
        {
            "to_decide": _rows(selectors.proposals_to_decide(user)[:200]),
            "made": _rows(selectors.proposals_made(user)[:50]),
        },
    )
