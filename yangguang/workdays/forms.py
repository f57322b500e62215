"""Forms of the working-day calendar pages (parsing only; the rules live in the services)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from yangguang.core.widgets import IsoDateInput
from yangguang.workdays.models import YearStatus

UNIT_CHOICES = [("working", _("工作日")), ("calendar", _("自然日"))]
MAX_UPLOAD_BYTES = 64 * 1024


class DeadlineForm(forms.Form):
    start = forms.DateField(label=_("起算日（不计入）"), widget=IsoDateInput())
    n = forms.IntegerField(label=_("期限天数"), min_value=0, max_value=3660, initial=7)
    unit = forms.ChoiceField(label=_("计算方式"), choices=UNIT_CHOICES, initial="working")


class ScheduleForm(forms.Form):
    text = forms.CharField(
        label=_("安排内容（粘贴）"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 18, "cols": 70, "spellcheck": "false"}),
    )
    file = forms.FileField(label=_("或上传文件（.txt / .json）"), required=False)
    status = forms.ChoiceField(
        label=_("状态"),
        required=False,
        choices=[("", _("按文件中的状态")), *YearStatus.choices],
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        upload = data.get("file")
        if upload:
            if upload.size > MAX_UPLOAD_BYTES:
                raise forms.ValidationError(_("文件过大：年度安排文件不应超过64KB"))
            try:
                data["text"] = upload.read().decode("utf-8")
            except UnicodeDecodeError:
                raise forms.ValidationError(_("文件不是UTF-8编码的文本")) from None
        if not str(data.get("text") or "").strip():
            raise forms.ValidationError(_("请粘贴安排内容或上传文件"))
        return data
