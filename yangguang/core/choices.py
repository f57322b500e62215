"""Choices shared by several apps, defined once so their stored codes agree."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PenaltyType(models.TextChoices):
    """Types of administrative penalty (《行政处罚法》第九条). Cases, discretion benchmarks, the
    major-decision catalog and publication all store these codes."""

    WARNING = "warning", _("警告")
    CRITICISM = "criticism", _("通报批评")
    FINE = "fine", _("罚款")
    CONFISCATE_INCOME = "confiscate_income", _("没收违法所得")
    CONFISCATE_PROPERTY = "confiscate_property", _("没收非法财物")
    SUSPEND_LICENCE = "suspend_licence", _("暂扣许可证件")
    DOWNGRADE = "downgrade", _("降低资质等级")
    REVOKE_LICENCE = "revoke_licence", _("吊销许可证件")
    RESTRICT_BUSINESS = "restrict_business", _("限制开展生产经营活动")
    SUSPEND_BUSINESS = "suspend_business", _("责令停产停业")
    CLOSE = "close", _("责令关闭")
    RESTRICT_PRACTICE = "restrict_practice", _("限制从业")
    DETENTION = "detention", _("行政拘留")
    OTHER = "other", _("法律、行政法规规定的其他行政处罚")


class PartyKind(models.TextChoices):
    """Kind of party (当事人): cases, discretion benchmarks and the major-decision catalog store it."""

    PERSON = "person", _("自然人")
    ORGANIZATION = "organization", _("法人或者其他组织")


class MajorFlag(models.TextChoices):
    """Circumstances that make a decision major (重大执法决定), marked by the handlers with a reason
    (domain.md §5): the case step ``flag_major`` offers them, the agency's catalog names them."""

    PUBLIC_INTEREST = "public_interest", _("涉及重大公共利益")
    SOCIAL_RISK = "social_risk", _("可能造成重大社会影响或者引发社会风险")
    MAJOR_RIGHTS = "major_rights", _("直接关系当事人或者第三人重大权益")
    COMPLEX = "complex", _("案件情况疑难复杂、涉及多个法律关系")
    OTHER_LAW = "other_law", _("法律、法规规定的其他情形")


class Level(models.TextChoices):
    """Circumstance levels of a discretion benchmark (裁量等级), from the lightest to the heaviest;
    a proposal (case step ``propose``) names one."""

    MINOR = "minor", _("轻微")
    GENERAL = "general", _("一般")
    SERIOUS = "serious", _("较重")
    SEVERE = "severe", _("严重")
