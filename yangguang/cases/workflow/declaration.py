"""The declaration language of the workflows (``FieldSpec``, ``Transition``, ``Workflow``), the roles
and the step forms (fields) shared by several transition tables."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import models

from yangguang.core.choices import Level, MajorFlag
from yangguang.roster.models import Role

from .choices import (
    AnnulmentChannel,
    AnnulmentGround,
    CaseState,
    PenaltyType,
)

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
class Approval:
    """A step that needs a superior's approval (审批) before it takes effect. ``code`` names who may
    approve in the permission policy (``case.approve``, ``cases/access_rules.py``: ``APPROVERS``);
    ``label`` is the approval's name on the timeline, the queues and the documents."""

    code: str
    label: str
    basis: str = ""


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
    # Set: a user who may not approve it (``case.approve``) submits the step for approval instead of
    # taking it; the approver's approval takes it (``services.approvals``).
    approval: Approval | None = None

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


# The approvals of the workflows (审批). Who may give each is the permission policy's
# (``cases/access_rules.py``, ``APPROVERS``).
FILING_APPROVAL = Approval("filing", "立案审批", "《行政处罚法》第五十四条")
PRESERVATION_APPROVAL = Approval("preservation", "先行登记保存审批", "《行政处罚法》第五十六条")
SEIZURE_APPROVAL = Approval("seizure", "查封、扣押审批", "《行政强制法》第十八条")
EXTENSION_APPROVAL = Approval("extension", "延长期限审批")
DECISION_APPROVAL = Approval("decision", "处罚决定审签", "《行政处罚法》第五十七条")
LICENSING_DECISION_APPROVAL = Approval("licensing_decision", "许可决定审签", "《行政许可法》第三十七条")


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


# Circumstances that make a decision major, marked by the handlers with a reason (the legal review
# app evaluates the agency's catalog).
MAJOR_FLAG_CHOICES = _choices(MajorFlag)
DISCRETION_LEVELS = _choices(Level)
# The case unit answers for the truth and completeness of what it submits for review (seed 001 §6).
TRUTH_STATEMENT = F(
    "truth_statement",
    "承办机构声明：提交法制审核的材料真实、完整，承办机构对此负责",
    "bool",
    help="材料从案件中自动汇集（违法事实、证据、依据、拟处罚、裁量理由、文书），无需重复录入",
)
MAJOR_STATES = (S.INVESTIGATING, S.INVESTIGATION_ENDED, S.LEGAL_REVIEW, S.NOTIFIED)


# A payment of the fine (ordinary and summary procedure alike); its record (缴款记录) goes into the
# case file.
RECORD_PAYMENT = Transition(
    "record_payment",
    "登记缴款",
    (S.EXECUTING,),
    None,
    HANDLERS,
    fields=(F("amount", "缴款金额（元）", "decimal"), F("receipt", "缴款凭证号", required=False)),
    guards=("fine_outstanding",),
    documents=("payment_record",),
)

# On-site records (现场笔录): when they began and ended, and who was present (they sign the record
# on its page: 当事人, 见证人 ...).
RECORD_TIMES = (
    F("started_at", "开始时间", "datetime"),
    F("ended_at", "结束时间", "datetime"),
)
PRESENT = F("present", "在场人员", required=False, help="当事人（或其委托代理人）、见证人等，签名时逐一登记")
INSPECTION_RECORD_FIELDS = (F("place", "检查地点"), *RECORD_TIMES, F("content", "检查情况", "textarea"), PRESENT)
INQUIRY_RECORD_FIELDS = (
    F("person", "被询问人"),
    F("relation", "与当事人关系", required=False, help="如：法定代表人、店长、员工"),
    F("id_number", "被询问人身份证件号码", required=False),
    F("place", "询问地点"),
    *RECORD_TIMES,
    F(
        "content",
        "问答记录",
        "textarea",
        help="每个问题以“问：”开头、每个回答以“答：”开头（可多行）；可导入听写文本",
    ),
)


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


# A decision revoked (撤销), confirmed illegal (确认违法) or ordered re-made (责令重新作出) after it was
# made: by the agency itself (自行纠错), by reconsideration (行政复议) or by a court (行政诉讼). The
# day of the step (occurred_on) is the day that decision took effect; the publicity app withdraws
# the published decision in the same transaction (its effect ``publicity.withdraw_annulled``).
ANNUL_ACTION = "annul"
ANNULMENT_FIELDS = (
    F("ground", "处理结果", "choice", choices=_choices(AnnulmentGround)),
    F("channel", "途径", "choice", choices=_choices(AnnulmentChannel), help="本机关自行纠错的，由行政机关负责人决定"),
    F("organ", "作出机关", required=False, help="如：杭州市人民政府、杭州市西湖区人民法院；本机关自行纠错的可不填"),
    F("document_number", "决定书或判决书文号", help="如：杭政复〔2026〕12号"),
    F(
        "public_reason",
        "理由（将在公示平台公开）",
        "textarea",
        help="已公示的原决定同时撤回，本理由代替决定内容向社会公开；请勿填写个人信息",
    ),
)


ANNUL_LABEL = "撤销、确认违法或责令重作"
ANNUL_REQUIRES = "发生日期填写撤销等决定生效之日；已公示的原决定同时撤回（《行政处罚法》第四十八条）"
ANNUL_GUARDS = ("annulment_authority", "not_annulled")


def _annulment(sources: tuple[str, ...]) -> tuple[Transition, Transition]:
    """``annul`` from the states after a decision (the case moves to ANNULLED and stops there, to be
    archived), and the same record on an archived case (it stays archived, marked annulled)."""
    return (
        Transition(
            ANNUL_ACTION,
            ANNUL_LABEL,
            sources,
            S.ANNULLED,
            HANDLERS_AND_HEADS,
            fields=ANNULMENT_FIELDS,
            guards=ANNUL_GUARDS,
            requires=ANNUL_REQUIRES,
        ),
        Transition(
            ANNUL_ACTION,
            ANNUL_LABEL,
            (S.ARCHIVED,),
            None,
            HANDLERS_AND_HEADS,
            fields=ANNULMENT_FIELDS,
            guards=ANNUL_GUARDS,
            requires=ANNUL_REQUIRES,
        ),
    )


# Steps that cannot be undone once taken: a decision made, a decision annulled, a case not filed, an
# application not accepted, a file archived. The case page asks for a confirmation with a summary (and
# the deadlines already passed) before taking them.
IRREVERSIBLE_TARGETS = frozenset({S.DECIDED, S.ANNULLED, S.ARCHIVED, S.NOT_FILED, S.REJECTED})


def is_irreversible(t: Transition) -> bool:
    return t.action == ANNUL_ACTION or t.target in IRREVERSIBLE_TARGETS
