"""Forms of the sign-in, password, second-factor and account pages (parsing only: the rules are in
``accounts.services``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from yangguang.core.widgets import IsoDateInput
from yangguang.roster.models import Agency, Officer, Role

AUDIT_CATEGORIES = [
    ("security", _("登录与账号")),
    ("certificates", _("执法证与资格")),
    ("entities", _("市场主体名录")),
    ("all", _("全部记录")),
]


class LoginForm(forms.Form):
    username = forms.CharField(label=_("用户名"), max_length=150)
    password = forms.CharField(label=_("密码"), max_length=4096, widget=forms.PasswordInput, strip=False)


class SecondFactorForm(forms.Form):
    code = forms.CharField(
        label=_("动态口令或恢复码"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )


class PasswordChangeForm(forms.Form):
    old_password = forms.CharField(
        label=_("当前密码"),
        max_length=4096,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    new_password1 = forms.CharField(
        label=_("新密码"),
        max_length=4096,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html,
    )
    new_password2 = forms.CharField(
        label=_("确认新密码"),
        max_length=4096,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, user: Any, *args: Any, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_old_password(self) -> str:
        value = self.cleaned_data["old_password"]
        if not self.user.check_password(value):
            raise forms.ValidationError(_("当前密码不正确"))
        return str(value)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("new_password1") and data.get("new_password1") != data.get("new_password2"):
            self.add_error("new_password2", _("两次输入的新密码不一致"))
        return data


class PasswordConfirmForm(forms.Form):
    password = forms.CharField(label=_("当前密码"), max_length=4096, strip=False, widget=forms.PasswordInput)


class EnrolForm(forms.Form):
    code = forms.CharField(label=_("验证器显示的6位动态口令"), max_length=10)


def _agency_choices(agencies: Any) -> list[tuple[str, str]]:
    return [("", _("（不属于执法主体）"))] + [(str(a.pk), a.name) for a in agencies]


class AccountForm(forms.Form):
    """Placement of an account: role, agency and (optionally) the officer it signs in for."""

    role = forms.ChoiceField(label=_("角色"), choices=Role.choices)
    agency = forms.ChoiceField(label=_("所属执法主体"), required=False)
    certificate_no = forms.CharField(label=_("关联执法人员（执法证号）"), max_length=40, required=False)

    def __init__(self, *args: Any, agencies: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].choices = _agency_choices(agencies)  # type: ignore[attr-defined]
        self._agencies = {str(a.pk): a for a in agencies}

    def clean_agency(self) -> Agency | None:
        raw = self.cleaned_data.get("agency") or ""
        return self._agencies.get(raw)

    def clean_certificate_no(self) -> Officer | None:
        number = (self.cleaned_data.get("certificate_no") or "").strip()
        if not number:
            return None
        officer = Officer.objects.filter(certificate_no=number).first()
        if officer is None:
            raise forms.ValidationError(_("没有执法证号为%(no)s的执法人员") % {"no": number})
        return officer


class NewAccountForm(AccountForm):
    username = forms.CharField(label=_("用户名"), max_length=150)
    full_name = forms.CharField(label=_("姓名"), max_length=50, required=False)
    field_order = ["username", "full_name", "role", "agency", "certificate_no"]


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("事由"), max_length=200)


class AuditFilterForm(forms.Form):
    category = forms.ChoiceField(label=_("类别"), choices=AUDIT_CATEGORIES, required=False)
    q = forms.CharField(label=_("操作人或对象"), max_length=150, required=False)
    action = forms.CharField(label=_("动作"), max_length=100, required=False)
    since = forms.DateField(label=_("自"), required=False, widget=IsoDateInput())
    until = forms.DateField(label=_("至"), required=False, widget=IsoDateInput())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if isinstance(since, dt.date) and isinstance(until, dt.date) and until < since:
            self.add_error("until", _("结束日期不能早于开始日期"))
        return data
