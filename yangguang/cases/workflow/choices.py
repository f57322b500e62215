"""Choices of the case workflow (kinds, states, penalty and decision types...), the statutory limits
and the names of the statutory periods a case runs (``DEADLINES``; their lengths are in
``yangguang.workdays.periods``)."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from yangguang.core.choices import PartyKind, PenaltyType
from yangguang.roster.models import ActionKind


class CaseKind(models.TextChoices):
    PENALTY_ORDINARY = "penalty_ordinary", _("行政处罚（普通程序）")
    PENALTY_SUMMARY = "penalty_summary", _("行政处罚（简易程序）")
    COERCIVE_MEASURE = "coercive_measure", _("行政强制措施（查封、扣押）")
    INSPECTION = "inspection", _("行政检查")
    LICENSING = "licensing", _("行政许可")


# The officer certificate category (执法类别) that a kind of case needs.
KIND_CATEGORY: dict[str, str] = {
    CaseKind.PENALTY_ORDINARY: ActionKind.PENALTY,
    CaseKind.PENALTY_SUMMARY: ActionKind.PENALTY,
    CaseKind.COERCIVE_MEASURE: ActionKind.COERCION,
    CaseKind.INSPECTION: ActionKind.INSPECTION,
    CaseKind.LICENSING: ActionKind.LICENSING,
}

# Prefix character of the case number per kind ("杭市监罚案〔2026〕7号").
KIND_NUMBER_CHAR: dict[str, str] = {
    CaseKind.PENALTY_ORDINARY: "罚",
    CaseKind.PENALTY_SUMMARY: "简",
    CaseKind.COERCIVE_MEASURE: "强",
    CaseKind.INSPECTION: "检",
    CaseKind.LICENSING: "许",
}


class CaseState(models.TextChoices):
    # penalty, ordinary procedure
    CLUE = "clue", _("线索登记")
    NOT_FILED = "not_filed", _("不予立案")
    INVESTIGATING = "investigating", _("调查取证")
    INVESTIGATION_ENDED = "investigation_ended", _("调查终结")
    LEGAL_REVIEW = "legal_review", _("法制审核")
    NOTIFIED = "notified", _("告知·陈述申辩·听证")
    DECIDED = "decided", _("已决定")
    EXECUTING = "executing", _("送达·执行")
    CLOSED = "closed", _("结案")
    ARCHIVED = "archived", _("归档")
    # penalty, summary procedure
    ON_SPOT = "on_spot", _("现场检查")
    # coercive measure
    PREPARING = "preparing", _("拟实施")
    IN_FORCE = "in_force", _("查封扣押中")
    RELEASED = "released", _("已解除")
    # inspection
    PLANNED = "planned", _("检查准备")
    INSPECTING = "inspecting", _("检查中")
    INSPECTED = "inspected", _("检查结果")
    CONVERTED = "converted", _("已转立案")
    # licensing
    APPLIED = "applied", _("申请")
    REJECTED = "rejected", _("不予受理")
    REVIEWING = "reviewing", _("受理·审查")
    # any kind with a decision: the decision was later revoked, confirmed illegal or is to be re-made
    ANNULLED = "annulled", _("原决定已撤销或确认违法")


class DecisionType(models.TextChoices):
    """Outcomes after investigation (《行政处罚法》第五十七条)."""

    PENALTY = "penalty", _("给予行政处罚")
    NO_PENALTY = "no_penalty", _("不予行政处罚")
    NOT_ESTABLISHED = "not_established", _("违法事实不能成立，不予行政处罚")
    REFERRAL = "referral", _("移送司法机关")


class LicenceDecision(models.TextChoices):
    GRANT = "grant", _("准予许可")
    DENY = "deny", _("不予许可")


class CaseSource(models.TextChoices):
    INSPECTION = "inspection", _("监督检查发现")
    COMPLAINT = "complaint", _("投诉举报")
    REFERRAL = "referral", _("其他机关移送")
    ASSIGNED = "assigned", _("上级交办")
    APPLICATION = "application", _("当事人申请")
    OTHER = "other", _("其他")


class AnnulmentGround(models.TextChoices):
    """What became of a decision after it was made (the grounds of withdrawal from publicity,
    《行政处罚法》第四十八条; the values are those of ``publicity.models.WithdrawGround``)."""

    REVOKED = "revoked", _("撤销")
    ILLEGAL = "illegal", _("确认违法")
    REMADE = "remade", _("撤销并责令重新作出")


class AnnulmentChannel(models.TextChoices):
    """Who revoked the decision, confirmed it illegal or ordered it re-made."""

    SELF = "self", _("本机关自行纠错")
    RECONSIDERATION = "reconsideration", _("行政复议")
    LITIGATION = "litigation", _("行政诉讼")


class ServiceMethod(models.TextChoices):
    DIRECT = "direct", _("直接送达")
    LEFT = "left", _("留置送达")
    MAIL = "mail", _("邮寄送达")
    ELECTRONIC = "electronic", _("电子送达")
    PUBLIC_NOTICE = "public_notice", _("公告送达")


# Penalty types that carry the right to a hearing whatever the amount (《行政处罚法》第六十三条).
HEARING_PENALTY_TYPES = frozenset(
    {
        PenaltyType.DOWNGRADE,
        PenaltyType.REVOKE_LICENCE,
        PenaltyType.RESTRICT_BUSINESS,
        PenaltyType.SUSPEND_BUSINESS,
        PenaltyType.CLOSE,
        PenaltyType.RESTRICT_PRACTICE,
    }
)
# "较大数额" of fines and confiscations that carry the hearing right; provinces set these figures
# (these are the common ones: 10,000 yuan for citizens, 100,000 yuan for organizations). The same
# threshold marks a heavy penalty that agency heads decide by collective discussion (Art. 57).
LARGE_AMOUNT = {PartyKind.PERSON: Decimal("10000"), PartyKind.ORGANIZATION: Decimal("100000")}
# Summary procedure limits (《行政处罚法》第五十一条).
SUMMARY_FINE_LIMIT = {PartyKind.PERSON: Decimal("200"), PartyKind.ORGANIZATION: Decimal("3000")}
SUMMARY_PENALTY_TYPES = frozenset({PenaltyType.WARNING, PenaltyType.FINE})
# Late-payment surcharge (《行政处罚法》第七十二条): 3% of the fine per day, capped at the fine.
SURCHARGE_RATE_PER_DAY = Decimal("0.03")


# --- Deadlines ---------------------------------------------------------------------------------

# The statutory periods a case step may start (``Transition.deadlines``), shown on the case page
# and in the deadline lists; their lengths, units and articles are in the one table of periods
# (``yangguang.workdays.periods``).
DEADLINES: tuple[str, ...] = (
    "decision",
    "evidence_preservation",
    "statement",
    "service",
    "payment",
    "seizure",
    "licensing",
)
