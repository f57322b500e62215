"""The workflow of every kind of case, declared once as data.

The engine (``services.case_transition``), the case page (available actions, forms, status) and the
published flowchart (``flowchart.render_svg``) are all made from the declarations below, so the law
as encoded, the law as shown to officers and the law as published to the public cannot drift apart.

A ``Transition`` either moves the case to ``target`` or, with ``target=None``, records something in
the current state (an inquiry, a statement, a payment...). ``guards`` name functions registered in
``guards.py``; ``fields`` are the data the step needs (they build the forms and validate the API);
``documents`` are the document types (执法文书) issued through the documents app when the step is
taken; ``deadlines`` name the ``DEADLINES`` the step starts (computed in ``deadlines.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from yangguang.roster.models import ActionKind, Role


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


class PartyKind(models.TextChoices):
    PERSON = "person", _("自然人")
    ORGANIZATION = "organization", _("法人或其他组织")


class PenaltyType(models.TextChoices):
    """Types of administrative penalty (《行政处罚法》第九条)."""

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
# Seizure terms in calendar days (《行政强制法》第二十五条).
SEIZURE_MAX_DAYS = 30
SEIZURE_MAX_EXTENSION_DAYS = 30
# Licensing extension in working days (《行政许可法》第四十二条).
LICENSING_MAX_EXTENSION_DAYS = 10
# Late-payment surcharge (《行政处罚法》第七十二条): 3% of the fine per day, capped at the fine.
SURCHARGE_RATE_PER_DAY = Decimal("0.03")


# --- Deadlines ---------------------------------------------------------------------------------


class Count(models.TextChoices):
    CALENDAR = "calendar", _("日")
    WORKING = "working", _("个工作日")


@dataclass(frozen=True)
class DeadlineSpec:
    """A statutory period. ``count`` says whether ``days`` are calendar or working days
    (《行政处罚法》第八十五条: 二日、三日、五日、七日 are working days)."""

    code: str
    label: str
    days: int
    count: str
    basis: str


DEADLINES: dict[str, DeadlineSpec] = {
    d.code: d
    for d in (
        DeadlineSpec("decision", "作出处罚决定", 90, Count.CALENDAR, "《行政处罚法》第六十条"),
        DeadlineSpec("evidence_preservation", "先行登记保存证据处理", 7, Count.WORKING, "《行政处罚法》第五十六条"),
        DeadlineSpec("statement", "陈述申辩、申请听证", 5, Count.WORKING, "《行政处罚法》第四十四条、第六十四条"),
        DeadlineSpec("service", "送达处罚决定书", 7, Count.WORKING, "《行政处罚法》第六十一条"),
        DeadlineSpec("payment", "缴纳罚款", 15, Count.CALENDAR, "《行政处罚法》第六十七条"),
        DeadlineSpec("seizure", "查封、扣押期限", SEIZURE_MAX_DAYS, Count.CALENDAR, "《行政强制法》第二十五条"),
        DeadlineSpec("licensing", "作出许可决定", 20, Count.WORKING, "《行政许可法》第四十二条"),
    )
}


# --- Declaration ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldSpec:
    """One datum a step asks for. ``type``: text, textarea, date, decimal, int, bool, choice,
    multichoice, officer (an officer of the case's agency), preservation (an open evidence
    preservation record of the case)."""

    name: str
    label: str
    type: str = "text"
    required: bool = True
    choices: tuple[tuple[str, str], ...] = ()
    help: str = ""


@dataclass(frozen=True)
class Transition:
    action: str
    label: str
    sources: tuple[str, ...]
    target: str | None
    roles: frozenset[str]
    fields: tuple[FieldSpec, ...] = ()
    guards: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()
    deadlines: tuple[str, ...] = ()
    requires: str = ""
    role_message: str = ""
    reason_required: bool = False

    @property
    def is_record(self) -> bool:
        return self.target is None


@dataclass(frozen=True)
class Workflow:
    kind: str
    initial: str
    # Ordered top-down for the flowchart's layers: states in the same inner tuple share a layer.
    layers: tuple[tuple[str, ...], ...]
    transitions: tuple[Transition, ...]
    terminal: frozenset[str] = field(default_factory=frozenset)

    @property
    def states(self) -> tuple[str, ...]:
        return tuple(s for layer in self.layers for s in layer)

    def from_state(self, state: str) -> list[Transition]:
        return [t for t in self.transitions if state in t.sources]

    def get(self, state: str, action: str) -> Transition | None:
        for t in self.transitions:
            if t.action == action and state in t.sources:
                return t
        return None

    def by_action(self, action: str) -> Transition | None:
        for t in self.transitions:
            if t.action == action:
                return t
        return None


def _choices(enum: type[models.TextChoices]) -> tuple[tuple[str, str], ...]:
    return tuple((str(v), str(label)) for v, label in enum.choices)


HANDLERS = frozenset({Role.OFFICER, Role.UNIT_HEAD})
HEADS = frozenset({Role.AGENCY_HEAD})
HANDLERS_AND_HEADS = HANDLERS | HEADS

S = CaseState
F = FieldSpec

# Data reused by several steps.
ADD_OFFICER = F("officer", "增加承办人员", "officer")
PENALTY_PROPOSAL = (
    F("penalty_types", "拟处罚种类", "multichoice", choices=_choices(PenaltyType)),
    F("fine", "拟罚款金额（元）", "decimal", required=False),
    F("confiscation", "拟没收金额（元）", "decimal", required=False),
    F("legal_basis", "处罚依据", "textarea", required=False, help="留空则沿用调查终结时认定的处罚依据"),
    F("facts", "违法事实", "textarea", required=False, help="留空则沿用案件已登记的违法事实"),
)


# Circumstances that make a decision major, marked by the handlers with a reason (codes of
# yangguang.discretion.models.MajorFlag; the legal review app evaluates the agency's catalog).
MAJOR_FLAG_CHOICES = (
    ("public_interest", "涉及重大公共利益"),
    ("social_risk", "可能造成重大社会影响或者引发社会风险"),
    ("major_rights", "直接关系当事人或者第三人重大权益"),
    ("complex", "案件情况疑难复杂、涉及多个法律关系"),
    ("other_law", "法律、法规规定的其他情形"),
)
DISCRETION_LEVELS = (("minor", "轻微"), ("general", "一般"), ("serious", "较重"), ("severe", "严重"))
# The case unit answers for the truth and completeness of what it submits for review (seed 001 §6).
TRUTH_STATEMENT = F(
    "truth_statement",
    "承办机构声明：提交法制审核的材料真实、完整，承办机构对此负责",
    "bool",
    help="材料从案件中自动汇集（违法事实、证据、依据、拟处罚、裁量理由、文书），无需重复录入",
)
MAJOR_STATES = (S.INVESTIGATING, S.INVESTIGATION_ENDED, S.LEGAL_REVIEW, S.NOTIFIED)


def _recusal(sources: tuple[str, ...]) -> Transition:
    return Transition(
        "recuse",
        "回避决定",
        sources,
        None,
        HEADS,
        fields=(F("officer", "回避的执法人员", "officer"), F("grounds", "回避理由", "textarea")),
        role_message="执法人员的回避由行政机关负责人决定（《行政处罚法》第四十三条）",
    )


def _add_officer(sources: tuple[str, ...]) -> Transition:
    return Transition("add_officer", "增加承办人员", sources, None, HANDLERS_AND_HEADS, fields=(ADD_OFFICER,))


PENALTY_ORDINARY = Workflow(
    kind=CaseKind.PENALTY_ORDINARY,
    initial=S.CLUE,
    layers=(
        (S.CLUE,),
        (S.INVESTIGATING, S.NOT_FILED),
        (S.INVESTIGATION_ENDED,),
        (S.LEGAL_REVIEW,),
        (S.NOTIFIED,),
        (S.DECIDED,),
        (S.EXECUTING,),
        (S.CLOSED,),
        (S.ARCHIVED,),
    ),
    terminal=frozenset({S.NOT_FILED, S.ARCHIVED}),
    transitions=(
        _add_officer((S.CLUE, S.INVESTIGATING)),
        _recusal((S.CLUE, S.INVESTIGATING, S.INVESTIGATION_ENDED, S.NOTIFIED)),
        Transition(
            "file",
            "立案",
            (S.CLUE,),
            S.INVESTIGATING,
            HANDLERS,
            fields=(F("approval", "立案审批意见", "textarea", required=False),),
            guards=("limitation_period", "two_certified_officers"),
            documents=("case_filing",),
            deadlines=("decision",),
            requires="至少两名持有效执法证的执法人员；违法行为未超过追责时效",
        ),
        Transition(
            "not_file",
            "不予立案",
            (S.CLUE,),
            S.NOT_FILED,
            HANDLERS,
            reason_required=True,
        ),
        Transition(
            "inspection_record",
            "现场检查笔录",
            (S.INVESTIGATING,),
            None,
            HANDLERS,
            fields=(F("place", "检查地点"), F("content", "检查情况", "textarea")),
            guards=("two_certified_officers",),
        ),
        Transition(
            "inquiry_record",
            "询问笔录",
            (S.INVESTIGATING,),
            None,
            HANDLERS,
            fields=(F("person", "被询问人"), F("content", "询问内容", "textarea")),
            guards=("two_certified_officers",),
        ),
        Transition(
            "evidence",
            "证据登记",
            (S.INVESTIGATING,),
            None,
            HANDLERS,
            fields=(F("name", "证据名称"), F("description", "证明事项", "textarea", required=False)),
        ),
        Transition(
            "preserve_evidence",
            "先行登记保存证据",
            (S.INVESTIGATING,),
            None,
            HANDLERS,
            fields=(
                F("items", "登记保存物品", "textarea", help="每行一项：名称，规格，数量"),
                F("storage_place", "保存地点"),
                F("approval", "行政机关负责人批准情况"),
            ),
            guards=("two_certified_officers",),
            documents=("evidence_preservation_notice",),
            deadlines=("evidence_preservation",),
        ),
        Transition(
            "dispose_evidence",
            "先行登记保存证据处理决定",
            (S.INVESTIGATING,),
            None,
            HANDLERS,
            fields=(
                F("preservation", "先行登记保存记录", "preservation"),
                F("disposal", "处理决定", "textarea"),
            ),
        ),
        Transition(
            "extend_decision_deadline",
            "批准延长办案期限",
            (S.INVESTIGATING, S.INVESTIGATION_ENDED, S.LEGAL_REVIEW, S.NOTIFIED),
            None,
            HEADS,
            fields=(F("days", "延长天数", "int"),),
            reason_required=True,
            role_message="延长办案期限须经行政机关负责人批准（《行政处罚法》第六十条）",
        ),
        Transition(
            "end_investigation",
            "调查终结",
            (S.INVESTIGATING,),
            S.INVESTIGATION_ENDED,
            HANDLERS,
            fields=(
                F("violated_provisions", "违反的规定", help="如：《中华人民共和国食品安全法》第三十四条第（十）项"),
                F("legal_basis", "处罚依据"),
                F("report", "处理意见", "textarea"),
            ),
            guards=("evidence_disposed", "evidence_registered"),
            documents=("investigation_report",),
        ),
        Transition(
            "propose",
            "拟定处罚意见",
            (S.INVESTIGATION_ENDED, S.LEGAL_REVIEW),
            None,
            HANDLERS,
            fields=(
                *PENALTY_PROPOSAL,
                F("level", "裁量情形", "choice", required=False, choices=DISCRETION_LEVELS),
                F("illegal_gains", "违法所得（元）", "decimal", required=False),
                F("outside_reason", "超出裁量基准的书面理由", "textarea", required=False),
            ),
            guards=("proposal_valid", "review_editable"),
            requires="属于重大执法决定的，提交法制审核",
        ),
        Transition(
            "flag_major",
            "标记重大执法决定情形",
            MAJOR_STATES,
            None,
            HANDLERS,
            fields=(F("flag", "情形", "choice", choices=MAJOR_FLAG_CHOICES),),
            guards=("review_editable",),
            reason_required=True,
        ),
        Transition(
            "clear_major_flag",
            "撤销重大执法决定情形标记",
            MAJOR_STATES,
            None,
            HANDLERS,
            fields=(F("flag", "情形", "choice", choices=MAJOR_FLAG_CHOICES),),
            guards=("review_editable",),
            reason_required=True,
        ),
        Transition(
            "submit_review",
            "提交法制审核",
            (S.INVESTIGATION_ENDED, S.NOTIFIED),
            S.LEGAL_REVIEW,
            HANDLERS,
            fields=(TRUTH_STATEMENT, F("note", "提交说明", "textarea", required=False)),
            guards=("legal_review_required", "review_submission"),
            requires="重大执法决定须经法制审核（《行政处罚法》第五十八条）",
        ),
        Transition(
            "resubmit_review",
            "重新提交法制审核",
            (S.LEGAL_REVIEW,),
            None,
            HANDLERS,
            fields=(TRUTH_STATEMENT, F("changes", "修改情况说明", "textarea")),
            guards=("review_resubmission",),
        ),
        Transition(
            "issue_notice",
            "告知拟处罚及权利",
            (S.INVESTIGATION_ENDED, S.LEGAL_REVIEW),
            S.NOTIFIED,
            HANDLERS,
            fields=PENALTY_PROPOSAL,
            guards=("legal_review_passed", "proposal_valid"),
            documents=("penalty_notice",),
            deadlines=("statement",),
        ),
        Transition(
            "record_statement",
            "记录陈述申辩",
            (S.NOTIFIED,),
            None,
            HANDLERS,
            fields=(F("content", "陈述申辩内容", "textarea"), F("adopted", "复核意见", "textarea", required=False)),
        ),
        Transition(
            "waive_statement",
            "当事人放弃陈述申辩",
            (S.NOTIFIED,),
            None,
            HANDLERS,
            fields=(F("content", "放弃声明", "textarea"),),
        ),
        Transition(
            "request_hearing",
            "当事人申请听证",
            (S.NOTIFIED,),
            None,
            HANDLERS,
            guards=("hearing_right", "hearing_request_window"),
        ),
        Transition(
            "hearing_notice",
            "听证通知",
            (S.NOTIFIED,),
            None,
            HANDLERS,
            fields=(
                F("hearing_time", "听证时间", "datetime"),
                F("place", "听证地点"),
                F("chair", "听证主持人", "officer"),
            ),
            guards=("hearing_requested", "hearing_notice_period", "hearing_chair"),
            documents=("hearing_notice",),
        ),
        Transition(
            "hold_hearing",
            "举行听证",
            (S.NOTIFIED,),
            None,
            HANDLERS,
            fields=(F("summary", "听证笔录摘要", "textarea"),),
            guards=("hearing_scheduled_reached",),
        ),
        Transition(
            "order_collective_discussion",
            "责令集体讨论",
            (S.INVESTIGATION_ENDED, S.LEGAL_REVIEW, S.NOTIFIED),
            None,
            HEADS,
            reason_required=True,
        ),
        Transition(
            "collective_discussion",
            "集体讨论",
            (S.INVESTIGATION_ENDED, S.LEGAL_REVIEW, S.NOTIFIED),
            None,
            HEADS,
            fields=(F("participants", "参加人员"), F("conclusion", "讨论结论", "textarea")),
        ),
        Transition(
            "decide",
            "作出决定",
            (S.INVESTIGATION_ENDED, S.LEGAL_REVIEW, S.NOTIFIED),
            S.DECIDED,
            HEADS,
            fields=(
                F("decision_type", "决定类型", "choice", choices=_choices(DecisionType)),
                F("penalty_types", "处罚种类", "multichoice", required=False, choices=_choices(PenaltyType)),
                F("fine", "罚款金额（元）", "decimal", required=False),
                F("confiscation", "没收金额（元）", "decimal", required=False),
                F("reasons", "理由及依据", "textarea"),
                F("receiving_organ", "接收机关（移送司法机关时填写）", required=False),
            ),
            guards=(
                "notice_given",
                "hearing_not_pending",
                "statement_period_over",
                "decision_valid",
                "no_heavier_after_defense",
                "collective_discussion",
                "legal_review_passed",
            ),
            documents=("penalty_decision", "no_penalty_decision", "case_transfer"),
            deadlines=("service",),
            role_message="行政处罚决定由行政机关负责人作出（《行政处罚法》第五十七条）",
        ),
        Transition(
            "serve",
            "送达",
            (S.DECIDED,),
            S.EXECUTING,
            HANDLERS,
            fields=(
                F("method", "送达方式", "choice", choices=_choices(ServiceMethod)),
                F("recipient", "受送达人"),
                F("place", "送达地点"),
                F("served_at", "送达时间", "datetime"),
            ),
            documents=("service_receipt",),
            deadlines=("payment",),
        ),
        Transition(
            "record_payment",
            "登记缴款",
            (S.EXECUTING,),
            None,
            HANDLERS,
            fields=(F("amount", "缴款金额（元）", "decimal"), F("receipt", "缴款凭证号", required=False)),
            guards=("fine_outstanding",),
        ),
        Transition(
            "apply_compulsory_execution",
            "申请强制执行",
            (S.EXECUTING,),
            None,
            HANDLERS,
            fields=(F("court", "申请执行的人民法院"),),
            guards=("payment_overdue",),
            documents=("enforcement_application",),
        ),
        Transition(
            "close",
            "结案",
            (S.EXECUTING,),
            S.CLOSED,
            HANDLERS,
            fields=(F("summary", "结案报告", "textarea"),),
            guards=("executed",),
            documents=("closing_approval",),
        ),
        Transition("archive", "归档", (S.CLOSED,), S.ARCHIVED, HANDLERS, fields=(F("location", "案卷存放位置"),)),
    ),
)

PENALTY_SUMMARY = Workflow(
    kind=CaseKind.PENALTY_SUMMARY,
    initial=S.ON_SPOT,
    layers=((S.ON_SPOT,), (S.DECIDED,), (S.EXECUTING,), (S.CLOSED,), (S.ARCHIVED,)),
    terminal=frozenset({S.ARCHIVED}),
    transitions=(
        Transition(
            "decide_on_spot",
            "当场作出处罚决定",
            (S.ON_SPOT,),
            S.DECIDED,
            HANDLERS,
            fields=(
                F("penalty_types", "处罚种类", "multichoice", choices=_choices(PenaltyType)),
                F("fine", "罚款金额（元）", "decimal", required=False),
                F("occurred_at", "违法行为发生时间", "datetime"),
                F("place", "违法行为地点"),
                F("facts", "违法事实", "textarea"),
                F("violated_provisions", "违反的规定"),
                F("legal_basis", "处罚依据"),
                F("statement", "当事人陈述申辩（当场告知后记录）", "textarea", required=False),
            ),
            guards=("limitation_period", "one_certified_officer", "summary_limits"),
            documents=("summary_penalty_decision",),
        ),
        Transition(
            "deliver",
            "当场交付决定书",
            (S.DECIDED,),
            S.EXECUTING,
            HANDLERS,
            fields=(F("recipient", "签收人"),),
            deadlines=("payment",),
        ),
        Transition(
            "record_payment",
            "登记缴款",
            (S.EXECUTING,),
            None,
            HANDLERS,
            fields=(F("amount", "缴款金额（元）", "decimal"), F("receipt", "缴款凭证号", required=False)),
            guards=("fine_outstanding",),
        ),
        Transition(
            "close",
            "报所属行政机关备案并结案",
            (S.EXECUTING,),
            S.CLOSED,
            HANDLERS,
            fields=(F("summary", "备案情况", "textarea"),),
            guards=("executed",),
        ),
        Transition("archive", "归档", (S.CLOSED,), S.ARCHIVED, HANDLERS, fields=(F("location", "案卷存放位置"),)),
    ),
)

COERCIVE_MEASURE = Workflow(
    kind=CaseKind.COERCIVE_MEASURE,
    initial=S.PREPARING,
    layers=((S.PREPARING,), (S.IN_FORCE,), (S.RELEASED,), (S.CLOSED,), (S.ARCHIVED,)),
    terminal=frozenset({S.ARCHIVED}),
    transitions=(
        _add_officer((S.PREPARING,)),
        _recusal((S.PREPARING,)),
        Transition(
            "impose",
            "实施查封、扣押",
            (S.PREPARING,),
            S.IN_FORCE,
            HANDLERS,
            fields=(
                F("measure", "强制措施", "choice", choices=(("查封", "查封"), ("扣押", "扣押"))),
                F("items", "查封、扣押的场所、设施或财物", "textarea", help="每行一项：名称，规格，数量"),
                F("storage_place", "存放地点"),
                F("term_days", "期限（日）", "int"),
                F("legal_basis", "法律依据"),
                F("approval", "行政机关负责人批准情况"),
            ),
            guards=("two_certified_officers", "seizure_term", "av_recording"),
            documents=("seizure_decision",),
            deadlines=("seizure",),
        ),
        Transition(
            "extend_seizure",
            "延长查封、扣押期限",
            (S.IN_FORCE,),
            None,
            HEADS,
            fields=(F("days", "延长天数", "int"),),
            guards=("seizure_extension",),
            documents=("seizure_extension_decision",),
            reason_required=True,
            role_message="延长查封、扣押期限须经行政机关负责人批准（《行政强制法》第二十五条）",
        ),
        Transition(
            "release",
            "解除查封、扣押",
            (S.IN_FORCE,),
            S.RELEASED,
            HANDLERS,
            reason_required=True,
            documents=("seizure_release_decision",),
        ),
        Transition("close", "结案", (S.RELEASED,), S.CLOSED, HANDLERS, fields=(F("summary", "结案报告", "textarea"),)),
        Transition("archive", "归档", (S.CLOSED,), S.ARCHIVED, HANDLERS, fields=(F("location", "案卷存放位置"),)),
    ),
)

INSPECTION = Workflow(
    kind=CaseKind.INSPECTION,
    initial=S.PLANNED,
    layers=((S.PLANNED,), (S.INSPECTING,), (S.INSPECTED,), (S.CLOSED, S.CONVERTED), (S.ARCHIVED,)),
    terminal=frozenset({S.ARCHIVED, S.CONVERTED}),
    transitions=(
        _add_officer((S.PLANNED, S.INSPECTING)),
        _recusal((S.PLANNED, S.INSPECTING)),
        Transition(
            "start_inspection",
            "开始检查",
            (S.PLANNED,),
            S.INSPECTING,
            HANDLERS,
            fields=(F("place", "检查地点"),),
            guards=("two_certified_officers",),
        ),
        Transition(
            "inspection_record",
            "现场检查笔录",
            (S.INSPECTING,),
            None,
            HANDLERS,
            fields=(F("place", "检查地点"), F("content", "检查情况", "textarea")),
        ),
        Transition(
            "record_result",
            "检查结果",
            (S.INSPECTING,),
            S.INSPECTED,
            HANDLERS,
            fields=(
                F("result", "检查结论", "choice", choices=(("compliant", "未发现问题"), ("violation", "发现违法行为"))),
                F("content", "检查情况", "textarea"),
                F("inspected_at", "检查时间", "datetime"),
                F("rectification", "整改要求", "textarea", required=False),
            ),
            documents=("inspection_check",),
        ),
        Transition("end", "结束检查", (S.INSPECTED,), S.CLOSED, HANDLERS),
        Transition(
            "convert_to_penalty",
            "转立案（行政处罚）",
            (S.INSPECTED,),
            S.CONVERTED,
            HANDLERS,
            fields=(F("facts", "涉嫌违法事实", "textarea"), F("violation_date", "违法行为发生日期", "date")),
            guards=("violation_found",),
        ),
        Transition("archive", "归档", (S.CLOSED,), S.ARCHIVED, HANDLERS, fields=(F("location", "案卷存放位置"),)),
    ),
)

LICENSING = Workflow(
    kind=CaseKind.LICENSING,
    initial=S.APPLIED,
    layers=((S.APPLIED,), (S.REVIEWING, S.REJECTED), (S.DECIDED,), (S.CLOSED,), (S.ARCHIVED,)),
    terminal=frozenset({S.ARCHIVED, S.REJECTED}),
    transitions=(
        Transition(
            "accept",
            "受理",
            (S.APPLIED,),
            S.REVIEWING,
            HANDLERS,
            fields=(F("materials", "申请材料清单", "textarea", help="每行一项"),),
            documents=("licensing_acceptance",),
            deadlines=("licensing",),
        ),
        Transition("reject_application", "不予受理", (S.APPLIED,), S.REJECTED, HANDLERS, reason_required=True),
        _add_officer((S.REVIEWING,)),
        _recusal((S.REVIEWING,)),
        Transition(
            "review_record",
            "审查记录",
            (S.REVIEWING,),
            None,
            HANDLERS,
            fields=(F("content", "审查情况", "textarea"),),
        ),
        Transition(
            "extend_licensing",
            "批准延长许可期限",
            (S.REVIEWING,),
            None,
            HEADS,
            fields=(F("days", "延长工作日数", "int"),),
            guards=("licensing_extension",),
            reason_required=True,
            role_message="延长许可决定期限须经本行政机关负责人批准（《行政许可法》第四十二条）",
        ),
        Transition(
            "decide_licence",
            "作出许可决定",
            (S.REVIEWING,),
            S.DECIDED,
            frozenset({Role.UNIT_HEAD, Role.AGENCY_HEAD}),
            fields=(
                F("licence_decision", "许可决定", "choice", choices=_choices(LicenceDecision)),
                F("legal_basis", "法律依据"),
                F("license_content", "许可内容（准予许可时填写）", "textarea", required=False),
                F("reasons", "理由", "textarea"),
            ),
            documents=("licensing_grant", "licensing_denial"),
            role_message="许可决定由行政机关负责人或其授权的承办机构负责人作出（《行政许可法》第三十七条）",
        ),
        Transition(
            "serve",
            "送达",
            (S.DECIDED,),
            S.CLOSED,
            HANDLERS,
            fields=(
                F("method", "送达方式", "choice", choices=_choices(ServiceMethod)),
                F("recipient", "受送达人"),
            ),
        ),
        Transition("archive", "归档", (S.CLOSED,), S.ARCHIVED, HANDLERS, fields=(F("location", "案卷存放位置"),)),
    ),
)

WORKFLOWS: dict[str, Workflow] = {
    w.kind: w for w in (PENALTY_ORDINARY, PENALTY_SUMMARY, COERCIVE_MEASURE, INSPECTION, LICENSING)
}

# States in which a case is still open (for lists and deadlines).
OPEN_STATES = frozenset(s for s in CaseState.values) - frozenset(
    {S.NOT_FILED, S.CLOSED, S.ARCHIVED, S.CONVERTED, S.REJECTED}
)

# Steps recorded outside the table (creation) and their labels.
CREATE_ACTION = "create"
CREATE_LABEL: dict[str, str] = {
    CaseKind.PENALTY_ORDINARY: "登记案件线索",
    CaseKind.PENALTY_SUMMARY: "现场登记（简易程序）",
    CaseKind.COERCIVE_MEASURE: "登记拟实施的强制措施",
    CaseKind.INSPECTION: "登记检查任务",
    CaseKind.LICENSING: "登记许可申请",
}


def workflow_for(kind: str) -> Workflow:
    return WORKFLOWS[kind]
