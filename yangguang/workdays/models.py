"""Working-day calendar (工作日历): the State Council's yearly holiday schedules.

A year's schedule lists its statutory holidays (法定节假日, including the weekend days that are
part of a holiday break) and its make-up working days (调休上班日, weekend days worked). Every
other day is a working day from Monday to Friday and a rest day on Saturday and Sunday.
A year without a row here, or with a provisional row, is provisional: deadlines counted into it
are flagged.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class YearStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("已确认")
    PROVISIONAL = "provisional", _("暂定")


class DayKind(models.TextChoices):
    HOLIDAY = "holiday", _("法定节假日")
    MAKEUP = "makeup", _("调休上班日")


class CalendarYear(models.Model):
    """One calendar year's holiday schedule and where it comes from (the notice's number).

    ``revision`` grows each time the schedule is replaced; with ``updated_at`` it lets every
    process notice cheaply that its cached copy is stale."""

    year = models.PositiveSmallIntegerField(_("年份"), unique=True)
    status = models.CharField(_("状态"), max_length=16, choices=YearStatus.choices, default=YearStatus.PROVISIONAL)
    source = models.CharField(_("来源通知"), max_length=200, blank=True)
    note = models.TextField(_("备注"), blank=True)
    revision = models.PositiveIntegerField(_("版本"), default=1)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("年度节假日安排")
        verbose_name_plural = _("年度节假日安排")
        ordering = ["year"]

    def __str__(self) -> str:
        return f"{self.year}（{self.get_status_display()}）"

    @property
    def is_confirmed(self) -> bool:
        return self.status == YearStatus.CONFIRMED


class SpecialDay(models.Model):
    """A day that differs from the Monday–Friday rule: a holiday or a make-up working day."""

    calendar_year = models.ForeignKey(
        CalendarYear, on_delete=models.CASCADE, related_name="days", verbose_name=_("年度")
    )
    date = models.DateField(_("日期"), unique=True)
    kind = models.CharField(_("类型"), max_length=16, choices=DayKind.choices)
    name = models.CharField(_("节日"), max_length=50)

    class Meta:
        verbose_name = _("特殊日期")
        verbose_name_plural = _("特殊日期")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {self.name}（{self.get_kind_display()}）"


class DueDateChange(models.Model):
    """A running deadline whose due date moved when a year's schedule was written (the State
    Council notice replacing the provisional year): listed for the agency concerned on
    ``/workdays/changes/`` and by ``manage.py workdays load``."""

    calendar_year = models.ForeignKey(
        CalendarYear, on_delete=models.CASCADE, related_name="due_changes", verbose_name=_("年度")
    )
    revision = models.PositiveIntegerField(_("安排版本"))
    agency = models.ForeignKey("roster.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("执法主体"))
    source = models.CharField(_("来源"), max_length=40)
    subject = models.CharField(_("事项"), max_length=200)
    url = models.CharField(_("链接"), max_length=300, blank=True)
    what = models.CharField(_("期限"), max_length=100)
    start = models.DateField(_("起算日"))
    old_due = models.DateField(_("原到期日"))
    new_due = models.DateField(_("新到期日"))
    still_provisional = models.BooleanField(_("仍为暂定"), default=False)
    created_at = models.DateTimeField(_("重算时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("到期日变更")
        verbose_name_plural = _("到期日变更")
        ordering = ["-created_at", "agency_id", "new_due", "pk"]

    def __str__(self) -> str:
        return f"{self.subject} {self.what}: {self.old_due} → {self.new_due}"
