"""Forms of the case pages. The step forms are built from the workflow declaration (see
``views.action_forms``); this module holds the form that registers a new case."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yangguang.core.widgets import IsoDateInput
from yangguang.roster.models import EnforcementItem, Officer, User

from .models import PersonRole
from .workflow import KIND_CATEGORY, CaseKind, CaseSource, PartyKind

# The words an officer writes for a person's part in the case (涉案人员 lines of the new case form).
PERSON_ROLE_WORDS = {str(label): value for value, label in PersonRole.choices} | {
    "证人": PersonRole.WITNESS,
    "见证人": PersonRole.WITNESS,
    "投诉人": PersonRole.COMPLAINANT,
    "举报人": PersonRole.COMPLAINANT,
    "被询问人": PersonRole.INTERVIEWEE,
    "受送达人": PersonRole.RECIPIENT,
    "签收人": PersonRole.RECIPIENT,
    "受害人": PersonRole.VICTIM,
    "消费者": PersonRole.CONSUMER,
    "员工": PersonRole.EMPLOYEE,
    "从业人员": PersonRole.EMPLOYEE,
    "驾驶员": PersonRole.DRIVER,
    "司机": PersonRole.DRIVER,
    "委托代理人": PersonRole.AGENT,
    "代理人": PersonRole.AGENT,
    "监护人": PersonRole.GUARDIAN,
    "经营者": PersonRole.OPERATOR,
    "第三人": PersonRole.THIRD_PARTY,
    "其他": PersonRole.THIRD_PARTY,
}


class CaseForm(forms.Form):
    kind = forms.ChoiceField(label=_("案件类别"), choices=CaseKind.choices, initial=CaseKind.PENALTY_ORDINARY)
    title = forms.CharField(label=_("案由"), max_length=200, help_text=_("如：涉嫌销售过期食品案"))
    item = forms.ModelChoiceField(label=_("执法事项"), queryset=EnforcementItem.objects.none(), required=False)
    source = forms.ChoiceField(label=_("案件来源"), choices=CaseSource.choices, initial=CaseSource.COMPLAINT)
    source_detail = forms.CharField(label=_("来源说明"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    party_kind = forms.ChoiceField(label=_("当事人类型"), choices=PartyKind.choices, initial=PartyKind.ORGANIZATION)
    party_name = forms.CharField(label=_("当事人名称或姓名"), max_length=200)
    party_id_number = forms.CharField(
        label=_("统一社会信用代码或身份证号码"), max_length=18, help_text=_("已在市场主体名录中的单位将自动关联")
    )
    party_legal_representative = forms.CharField(label=_("法定代表人（负责人）"), max_length=50, required=False)
    party_address = forms.CharField(label=_("地址"), max_length=200, required=False)
    party_phone = forms.CharField(label=_("电话"), max_length=50, required=False)
    officers = forms.ModelMultipleChoiceField(
        label=_("其他承办人员"),
        queryset=Officer.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("登记人自动作为主办人员；立案须至少两名持有效执法证的执法人员"),
    )
    facts = forms.CharField(label=_("涉嫌违法事实"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    violation_date = forms.DateField(label=_("违法行为发生（终了）日期"), required=False, widget=IsoDateInput())
    discovery_date = forms.DateField(label=_("发现日期"), required=False, widget=IsoDateInput())
    harms_safety = forms.BooleanField(
        label=_("涉及公民生命健康安全、金融安全且有危害后果（追责时效五年）"), required=False
    )
    # Cases of minors and cases involving secrets are never published (公示); the flags are set here,
    # when the case is registered, so the decision is blocked from the portal from the start.
    involves_minor = forms.BooleanField(
        label=_("涉及未成年人"), required=False, help_text=_("涉及未成年人的案件，决定不予公开")
    )
    is_secret = forms.BooleanField(label=_("涉密"), required=False, help_text=_("涉及国家秘密的案件，决定不予公开"))
    occurred_on = forms.DateField(label=_("登记日期"), required=False, widget=IsoDateInput())
    persons_text = forms.CharField(
        label=_("涉案人员"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "每行一人：身份 姓名 [证件号码] [电话] [住址] [未成年人]，身份如证人、投诉人、被询问人、受送达人、受害人；"
            "公开决定时其姓名、证件号码、电话、住址在全文中遮蔽"
        ),
    )

    def __init__(self, *args: Any, user: User, **kw: Any) -> None:
        super().__init__(*args, **kw)
        # Only the kinds of case within the agency's power list (权责清单: its 执法类别), and only its
        # items of those kinds (the page narrows the items to the chosen kind).
        powers = set(getattr(user.agency, "power_kinds", None) or [])
        kinds = [(k, label) for k, label in CaseKind.choices if not powers or KIND_CATEGORY[k] in powers]
        self.fields["kind"].choices = kinds  # type: ignore[attr-defined]
        items = EnforcementItem.objects.filter(agency=user.agency)
        if powers:
            items = items.filter(kind__in=powers)
        self.fields["item"].queryset = items.order_by("kind", "code")  # type: ignore[attr-defined]
        officers = Officer.objects.filter(agency=user.agency).order_by("name")
        if user.officer_id:
            officers = officers.exclude(pk=user.officer_id)
        self.fields["officers"].queryset = officers  # type: ignore[attr-defined]
        self.fields["occurred_on"].initial = timezone.localdate()

    def clean_persons_text(self) -> list[dict[str, Any]]:
        persons = []
        for n, line in enumerate((self.cleaned_data.get("persons_text") or "").splitlines(), start=1):
            tokens = [t for t in re.split(r"[\s，,、；;]+", line.strip()) if t]
            if not tokens:
                continue
            role = PERSON_ROLE_WORDS.get(tokens[0])
            if role is None:
                raise forms.ValidationError(_("涉案人员第 %(n)d 行：身份“%(role)s”无效") % {"n": n, "role": tokens[0]})
            if len(tokens) < 2:
                raise forms.ValidationError(_("涉案人员第 %(n)d 行：请填写姓名") % {"n": n})
            person: dict[str, Any] = {"role": role, "name": tokens[1], "minor": False}
            address = []
            for token in tokens[2:]:
                digits = re.sub(r"[^0-9Xx]", "", token)
                if token.startswith("未成年"):
                    person["minor"] = True
                elif len(digits) in (15, 18) and len(digits) >= len(token) - 2 and "id_number" not in person:
                    person["id_number"] = token
                elif len(digits) >= 7 and len(digits) >= len(token) - 4 and "phone" not in person:
                    person["phone"] = token
                else:
                    address.append(token)
            person["address"] = "".join(address)
            persons.append(person)
        return persons

    def clean(self) -> dict[str, Any]:
        d = super().clean() or {}
        item, kind = d.get("item"), d.get("kind")
        if item is not None and kind and item.kind != KIND_CATEGORY.get(kind):
            self.add_error("item", f"执法事项“{item.name}”属于{item.get_kind_display()}，与案件类别不符")
        return d

    def item_options(self) -> list[dict[str, Any]]:
        """The items with the category each belongs to (the page shows those of the chosen kind)."""
        selected = str(self["item"].value() or "")
        return [
            {"pk": i.pk, "label": f"{i.code} {i.name}", "kind": i.kind, "selected": str(i.pk) == selected}
            for i in self.fields["item"].queryset  # type: ignore[attr-defined]
        ]

    def kind_categories(self) -> dict[str, str]:
        return {str(k): str(v) for k, v in KIND_CATEGORY.items()}

    def party(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "kind": d["party_kind"],
            "name": d["party_name"],
            "id_number": d["party_id_number"],
            "legal_representative": d["party_legal_representative"],
            "address": d["party_address"],
            "phone": d["party_phone"],
        }
