"""Forms of the discretion pages (parsing only; services do the writing)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from yangguang.discretion.models import Harm, Level, MajorFlag, MajorRuleKind, PartyKind, PenaltyType
from yangguang.roster.models import Agency, EnforcementItem


class ImportForm(forms.Form):
    agency = forms.ModelChoiceField(queryset=Agency.objects.none(), label=_("执法主体"))
    file = forms.FileField(label=_("XLSX 文件"))
    publish = forms.BooleanField(label=_("导入后立即公布"), required=False)

    def __init__(self, *args: Any, agencies: QuerySet[Agency], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["agency"]
        field.queryset = agencies  # type: ignore[attr-defined]
        if agencies.count() == 1:
            field.initial = agencies.first()


class AssistantForm(forms.Form):
    item = forms.ModelChoiceField(queryset=EnforcementItem.objects.none(), label=_("执法事项"))
    party_kind = forms.ChoiceField(
        choices=PartyKind.choices, label=_("当事人类型"), widget=forms.RadioSelect, initial=PartyKind.ORGANIZATION
    )
    level = forms.ChoiceField(choices=[("", _("按事实自动判断")), *Level.choices], label=_("裁量情形"), required=False)
    illegal_gains = forms.DecimalField(label=_("违法所得（元）"), required=False, min_value=0, decimal_places=2)
    harm = forms.ChoiceField(choices=[("", _("未评估")), *Harm.choices], label=_("危害后果"), required=False)
    first_violation = forms.BooleanField(label=_("首次违法"), required=False)
    corrected_promptly = forms.BooleanField(label=_("及时改正"), required=False)
    amount = forms.DecimalField(label=_("拟罚款金额（元）"), required=False, min_value=0, decimal_places=2)
    penalty_types = forms.MultipleChoiceField(
        choices=PenaltyType.choices, label=_("拟处罚种类"), required=False, widget=forms.CheckboxSelectMultiple
    )
    hearing_held = forms.BooleanField(label=_("经过听证"), required=False)

    def __init__(self, *args: Any, items: QuerySet[EnforcementItem], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = items  # type: ignore[attr-defined]

    def facts(self, factors: list[str]) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "level": data["level"] or None,
            "illegal_gains": data["illegal_gains"],
            "harm": data["harm"] or None,
            "first_violation": data["first_violation"],
            "corrected_promptly": data["corrected_promptly"],
            "factors": factors,
        }


class MajorRuleForm(forms.Form):
    kind = forms.ChoiceField(choices=[("", "—"), *MajorRuleKind.choices], label=_("规则类型"))
    party_kind = forms.ChoiceField(choices=[("", _("全部")), *PartyKind.choices], label=_("适用对象"), required=False)
    threshold = forms.DecimalField(label=_("数额标准（元）"), required=False, min_value=0, decimal_places=2)
    penalty_type = forms.ChoiceField(choices=[("", "—"), *PenaltyType.choices], label=_("处罚种类"), required=False)
    flag = forms.ChoiceField(choices=[("", "—"), *MajorFlag.choices], label=_("标记情形"), required=False)
    title = forms.CharField(label=_("目录条目"), max_length=200)
    active = forms.BooleanField(label=_("启用"), required=False, initial=True)


MajorRuleFormSet = forms.formset_factory(MajorRuleForm, extra=2, can_delete=True)
