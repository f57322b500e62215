"""Discretion benchmarks (裁量基准) and the major decision catalog (重大执法决定法制审核目录清单).

A benchmark belongs to one penalty item (执法事项, kind penalty) of one agency and has a version;
its circumstance levels (轻微, 一般, 较重, 严重) carry the fine range and the penalty types, its factors
move the level or adjust the amount, and its first-violation rules (首违不罚清单) say when a first
minor violation goes unpenalized (行政处罚法 Art. 33). Benchmarks must be published (Art. 34).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from yangguang.core.choices import Level, MajorFlag, PartyKind, PenaltyType
from yangguang.discretion.money import fmt

LEVEL_ORDER: list[str] = [Level.MINOR, Level.GENERAL, Level.SERIOUS, Level.SEVERE]


class Harm(models.TextChoices):
    """Harm caused (危害后果), as the officer assesses it."""

    NONE = "none", _("无")
    MINOR = "minor", _("轻微")
    GENERAL = "general", _("一般")
    SERIOUS = "serious", _("较重")
    SEVERE = "severe", _("严重")


class Benchmark(models.Model):
    """A discretion benchmark (裁量基准) for one violation item of an agency, in one version."""

    agency = models.ForeignKey(
        "roster.Agency", verbose_name=_("执法主体"), on_delete=models.PROTECT, related_name="benchmarks"
    )
    item = models.ForeignKey(
        "roster.EnforcementItem",
        verbose_name=_("执法事项"),
        on_delete=models.PROTECT,
        related_name="benchmarks",
        limit_choices_to={"kind": "penalty"},
    )
    violation = models.TextField(_("违法行为"))
    violation_basis = models.TextField(_("违法依据"))
    penalty_basis = models.TextField(_("处罚依据"))
    version = models.CharField(_("版本"), max_length=30)
    effective_from = models.DateField(_("施行日期"))
    published = models.BooleanField(_("已公布"), default=False)
    published_at = models.DateTimeField(_("公布时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("裁量基准")
        verbose_name_plural = _("裁量基准")
        constraints = [
            models.UniqueConstraint(fields=["agency", "item", "version"], name="benchmark_unique_version"),
        ]
        ordering = ["agency_id", "item_id", "-effective_from", "-id"]

    def __str__(self) -> str:
        return f"{self.item} ({self.version})"


class CircumstanceLevel(models.Model):
    """One circumstance level (裁量等级) of a benchmark: when it applies and what it allows.

    ``party_kind`` blank means every party; a row for one party kind overrides the blank row.
    A fine range is fixed (``fine_min``/``fine_max`` yuan) or in multiples of illegal gains
    (``gains_multiple_min``/``gains_multiple_max``); with both, the multiples apply when there are
    illegal gains and the fixed range when there are none (the usual wording of the statutes).
    ``gains_upper`` lets the level be derived from the amount of illegal gains (≤ this amount).
    """

    benchmark = models.ForeignKey(
        Benchmark, verbose_name=_("裁量基准"), on_delete=models.CASCADE, related_name="levels"
    )
    level = models.CharField(_("裁量等级"), max_length=10, choices=Level.choices)
    party_kind = models.CharField(_("适用对象"), max_length=20, choices=PartyKind.choices, blank=True)
    conditions = models.TextField(_("适用情形"))
    gains_upper = models.DecimalField(_("违法所得上限（元）"), max_digits=14, decimal_places=2, null=True, blank=True)
    fine_min = models.DecimalField(_("罚款下限（元）"), max_digits=14, decimal_places=2, null=True, blank=True)
    fine_max = models.DecimalField(_("罚款上限（元）"), max_digits=14, decimal_places=2, null=True, blank=True)
    gains_multiple_min = models.DecimalField(
        _("违法所得倍数下限"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    gains_multiple_max = models.DecimalField(
        _("违法所得倍数上限"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    penalty_types = models.JSONField(_("处罚种类"), default=list, help_text=_("PenaltyType 代码列表"))

    class Meta:
        verbose_name = _("裁量等级")
        verbose_name_plural = _("裁量等级")
        constraints = [
            models.UniqueConstraint(fields=["benchmark", "level", "party_kind"], name="level_unique_per_benchmark"),
        ]
        ordering = ["benchmark_id", "id"]

    def __str__(self) -> str:
        return f"{self.get_level_display()}"

    @property
    def order(self) -> int:
        return LEVEL_ORDER.index(self.level)

    def penalty_type_labels(self) -> list[str]:
        return [str(PenaltyType(code).label) for code in self.penalty_types if code in PenaltyType.values]

    def range_text(self) -> str:
        """The fine range as published, e.g. "违法所得1倍至5倍（无违法所得的，20000元至50000元）"."""
        fixed = f"{fmt(self.fine_min)}元至{fmt(self.fine_max)}元" if self.fine_min is not None else ""
        if self.gains_multiple_min is not None:
            multiple = f"违法所得{fmt(self.gains_multiple_min)}倍至{fmt(self.gains_multiple_max)}倍"
            return f"{multiple}（无违法所得的，{fixed}）" if fixed else multiple
        return fixed or "—"


class FactorKind(models.TextChoices):
    MITIGATING = "mitigating", _("从轻、减轻")
    AGGRAVATING = "aggravating", _("从重")


class FactorEffect(models.TextChoices):
    LEVEL_DOWN = "level_down", _("降一档")
    LEVEL_UP = "level_up", _("升一档")
    PERCENT = "percent", _("比例调整")


class Factor(models.Model):
    """A mitigating or aggravating factor (从轻、减轻 / 从重情节) of a benchmark and its effect: move the
    level one step, or move the recommended amount within the range by ``percent`` of the half-range
    (negative for mitigating factors)."""

    benchmark = models.ForeignKey(
        Benchmark, verbose_name=_("裁量基准"), on_delete=models.CASCADE, related_name="factors"
    )
    kind = models.CharField(_("情节类型"), max_length=20, choices=FactorKind.choices)
    code = models.CharField(_("情节代码"), max_length=50)
    description = models.TextField(_("情节描述"))
    effect = models.CharField(_("调整方式"), max_length=20, choices=FactorEffect.choices)
    percent = models.IntegerField(_("调整比例（%）"), default=0)

    class Meta:
        verbose_name = _("裁量情节")
        verbose_name_plural = _("裁量情节")
        constraints = [models.UniqueConstraint(fields=["benchmark", "code"], name="factor_unique_code")]
        ordering = ["benchmark_id", "id"]

    def __str__(self) -> str:
        return self.description


class FirstViolationRule(models.Model):
    """An entry of the no-penalty-for-first-minor-violation list (首违不罚清单, 行政处罚法 Art. 33 ¶1):
    a first violation with harm at most ``max_harm``, corrected promptly, with illegal gains not above
    ``max_illegal_gains`` (when set), may go unpenalized."""

    benchmark = models.ForeignKey(
        Benchmark, verbose_name=_("裁量基准"), on_delete=models.CASCADE, related_name="first_violation_rules"
    )
    conditions = models.TextField(_("适用条件"))
    requires_first_violation = models.BooleanField(_("须首次违法"), default=True)
    requires_prompt_correction = models.BooleanField(_("须及时改正"), default=True)
    max_harm = models.CharField(_("危害后果上限"), max_length=10, choices=Harm.choices, default=Harm.MINOR)
    max_illegal_gains = models.DecimalField(
        _("违法所得上限（元）"), max_digits=14, decimal_places=2, null=True, blank=True
    )

    class Meta:
        verbose_name = _("首违不罚情形")
        verbose_name_plural = _("首违不罚清单")
        ordering = ["benchmark_id", "id"]

    def __str__(self) -> str:
        return self.conditions


class MajorRuleKind(models.TextChoices):
    FINE = "fine", _("罚款数额")
    CONFISCATION = "confiscation", _("没收数额")
    PENALTY_TYPE = "penalty_type", _("处罚种类")
    HEARING = "hearing", _("经过听证")
    FLAG = "flag", _("承办人标记情形")


class MajorCatalog(models.Model):
    """The catalog of major enforcement decisions (重大执法决定法制审核目录清单) of one agency."""

    agency = models.OneToOneField(
        "roster.Agency", verbose_name=_("执法主体"), on_delete=models.CASCADE, related_name="major_catalog"
    )
    title = models.CharField(_("目录名称"), max_length=200)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("重大执法决定法制审核目录清单")
        verbose_name_plural = _("重大执法决定法制审核目录清单")

    def __str__(self) -> str:
        return self.title


class MajorRule(models.Model):
    """One rule of a major decision catalog. Amount rules match at or above ``threshold`` (以上含本数)
    for their party kind (blank = every party); a penalty type rule matches when that type is
    proposed; the hearing rule when a hearing was held; a flag rule when the officer set the flag."""

    catalog = models.ForeignKey(MajorCatalog, verbose_name=_("目录"), on_delete=models.CASCADE, related_name="rules")
    kind = models.CharField(_("规则类型"), max_length=20, choices=MajorRuleKind.choices)
    party_kind = models.CharField(_("适用对象"), max_length=20, choices=PartyKind.choices, blank=True)
    threshold = models.DecimalField(_("数额标准（元）"), max_digits=14, decimal_places=2, null=True, blank=True)
    penalty_type = models.CharField(_("处罚种类"), max_length=30, choices=PenaltyType.choices, blank=True)
    flag = models.CharField(_("标记情形"), max_length=30, choices=MajorFlag.choices, blank=True)
    title = models.CharField(_("目录条目"), max_length=200)
    active = models.BooleanField(_("启用"), default=True)
    position = models.PositiveIntegerField(_("序号"), default=0)

    class Meta:
        verbose_name = _("目录规则")
        verbose_name_plural = _("目录规则")
        ordering = ["catalog_id", "position", "id"]

    def __str__(self) -> str:
        return self.title
