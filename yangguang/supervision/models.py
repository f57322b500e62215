"""Enforcement supervision (行政执法监督, domain.md §8): what the justice bureau records about the
warning models' hits.

The warning models themselves (监督预警模型) are not rows: they are declared in code, open and
versioned (``rules.py``), and their hits are computed from the records the platform already holds.
What supervisors add is their judgement of a hit (``HitMark``: confirmed or a false alarm), from
which each model's precision is computed.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from yangguang.roster.models import Agency


class Verdict(models.TextChoices):
    CONFIRMED = "confirmed", _("属实")
    FALSE_ALARM = "false_alarm", _("误报")


class HitMark(models.Model):
    """A supervisor's verdict on one hit of a warning model (``rule`` code, hit ``key``), recorded
    for the supervising bureau; the model's precision is confirmed / (confirmed + false alarms)."""

    bureau = models.ForeignKey(Agency, verbose_name=_("监督机构"), on_delete=models.PROTECT, related_name="+")
    rule = models.CharField(_("预警模型"), max_length=50)
    rule_version = models.CharField(_("模型版本"), max_length=20)
    key = models.CharField(_("命中对象"), max_length=100)
    agency = models.ForeignKey(Agency, verbose_name=_("执法主体"), on_delete=models.PROTECT, related_name="+")
    verdict = models.CharField(_("判定"), max_length=20, choices=Verdict.choices)
    note = models.CharField(_("说明"), max_length=300, blank=True)
    marked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    marked_at = models.DateTimeField(_("判定时间"), auto_now=True)
    ledger_seq = models.BigIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("预警判定")
        verbose_name_plural = _("预警判定")
        constraints = [models.UniqueConstraint(fields=["bureau", "rule", "key"], name="hitmark_unique")]
        indexes = [models.Index(fields=["bureau", "rule", "verdict"])]

    def __str__(self) -> str:
        return f"{self.rule}:{self.key} {self.verdict}"

    @property
    def subject_label(self) -> str:
        return f"supervision.hitmark:{self.pk}"
