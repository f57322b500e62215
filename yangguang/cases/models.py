"""Cases (案件) and everything recorded about them (全过程记录).

Every write goes through ``yangguang.cases.services`` (the workflow engine) so that each change is a
``Step`` of the case's timeline and an entry of the ledger. Deadlines are not stored: they are
derived from the dates recorded here (``deadlines.py``).
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from yangguang.core.validators import is_valid_resident_id, is_valid_uscc
from yangguang.roster.models import Agency, EnforcementItem, Entity, Officer, Region

from .workflow import AnnulmentGround, CaseKind, CaseSource, CaseState, DecisionType, PartyKind, ServiceMethod


class CaseCounter(models.Model):
    """The last case number given per agency, year and kind prefix; locked when a number is taken."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveIntegerField()
    prefix = models.CharField(max_length=4)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "prefix"], name="casecounter_unique_agency_year_prefix")
        ]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.year}/{self.prefix}: {self.last}"


class Case(models.Model):
    """A case (案件) of one kind of enforcement action, handled by an agency."""

    agency = models.ForeignKey(Agency, verbose_name=_("执法主体"), on_delete=models.PROTECT, related_name="cases")
    kind = models.CharField(_("案件类别"), max_length=20, choices=CaseKind.choices)
    number = models.CharField(_("案件编号"), max_length=120)
    year = models.PositiveIntegerField(_("年度"))
    serial = models.PositiveIntegerField(_("序号"))
    state = models.CharField(_("状态"), max_length=30, choices=CaseState.choices)
    title = models.CharField(_("案由"), max_length=200)
    item = models.ForeignKey(
        EnforcementItem,
        verbose_name=_("执法事项"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
    )
    region = models.ForeignKey(Region, verbose_name=_("案发区划"), on_delete=models.PROTECT, related_name="cases")
    source = models.CharField(_("案件来源"), max_length=20, choices=CaseSource.choices, default=CaseSource.OTHER)
    source_detail = models.TextField(_("来源说明"), blank=True)
    facts = models.TextField(_("违法事实"), blank=True)
    violated_provisions = models.TextField(_("违反的规定"), blank=True)
    legal_basis = models.TextField(_("法律依据"), blank=True)
    violation_date = models.DateField(_("违法行为发生（终了）日期"), null=True, blank=True)
    discovery_date = models.DateField(_("发现日期"), null=True, blank=True)
    harms_safety = models.BooleanField(
        _("涉及公民生命健康安全、金融安全且有危害后果"), default=False, help_text=_("追责时效为五年（第三十六条）")
    )
    # Proposed penalty (告知书) and decision (决定书).
    proposed_penalty_types = models.JSONField(_("拟处罚种类"), default=list, blank=True)
    proposed_fine = models.DecimalField(_("拟罚款金额"), max_digits=14, decimal_places=2, null=True, blank=True)
    proposed_confiscation = models.DecimalField(_("拟没收金额"), max_digits=14, decimal_places=2, null=True, blank=True)
    decision_type = models.CharField(_("决定类型"), max_length=20, choices=DecisionType.choices, blank=True)
    penalty_types = models.JSONField(_("处罚种类"), default=list, blank=True)
    fine_amount = models.DecimalField(_("罚款金额"), max_digits=14, decimal_places=2, null=True, blank=True)
    confiscation_amount = models.DecimalField(_("没收金额"), max_digits=14, decimal_places=2, null=True, blank=True)
    decision_reasons = models.TextField(_("决定理由"), blank=True)
    licence_decision = models.CharField(_("许可决定"), max_length=10, blank=True)
    # Placeholder for the legal review work (法制审核): set by the review issue's catalog; the guard
    # hooks in guards.py read it. Nothing sets it yet, so review is never required.
    is_major = models.BooleanField(_("重大执法决定"), default=False)
    collective_discussion_ordered = models.BooleanField(_("负责人责令集体讨论"), default=False)
    inspection_result = models.CharField(_("检查结论"), max_length=20, blank=True)
    # Never published (公示): cases of minors and cases involving secrets.
    involves_minor = models.BooleanField(_("涉及未成年人"), default=False)
    is_secret = models.BooleanField(_("涉密案件"), default=False)
    # Dates of the procedure (the deadlines are derived from them).
    registered_on = models.DateField(_("登记日期"))
    filed_on = models.DateField(_("立案日期"), null=True, blank=True)
    notice_on = models.DateField(_("告知日期"), null=True, blank=True)
    decided_on = models.DateField(_("决定日期"), null=True, blank=True)
    served_on = models.DateField(_("送达日期"), null=True, blank=True)
    service_method = models.CharField(_("送达方式"), max_length=20, choices=ServiceMethod.choices, blank=True)
    compulsory_execution_on = models.DateField(_("申请强制执行日期"), null=True, blank=True)
    accepted_on = models.DateField(_("受理日期"), null=True, blank=True)
    closed_on = models.DateField(_("结案日期"), null=True, blank=True)
    archived_on = models.DateField(_("归档日期"), null=True, blank=True)
    # The decision was later revoked, confirmed illegal or ordered re-made (the ``annul`` step; its
    # data names the organ and document). The decision fields above stay as they were decided.
    annulled_on = models.DateField(_("原决定撤销（确认违法）生效日期"), null=True, blank=True)
    annulment_ground = models.CharField(_("原决定处理结果"), max_length=20, choices=AnnulmentGround.choices, blank=True)
    source_case = models.ForeignKey(
        "self",
        verbose_name=_("来源案件"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="derived_cases",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("登记人"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    # True only for the later of two cases registered with the same number before case numbers were
    # unique across the platform (migration 0006): a registered case number is never changed.
    legacy_duplicate = models.BooleanField(_("历史重号"), default=False, editable=False)
    # The soonest due date of the statutory periods running now (``deadlines.case_deadlines``),
    # stored so that "due soon" and "overdue" lists are index reads: kept by ``deadlines.connect``
    # on every save of the case and of the records its periods depend on, and by the workdays
    # recount when a confirmed holiday schedule moves due dates. None: no period running.
    next_due_on = models.DateField(_("最近届满日"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("案件")
        verbose_name_plural = _("案件")
        ordering = ["-created_at", "-pk"]
        # A case number is given once on the whole platform (the 机关代字 in it is unique).
        constraints = [
            models.UniqueConstraint(fields=["number"], condition=Q(legacy_duplicate=False), name="case_unique_number")
        ]
        indexes = [
            models.Index(fields=["agency", "state"]),
            models.Index(fields=["kind", "state"]),
            models.Index(fields=["next_due_on"], name="case_next_due"),
            models.Index(fields=["agency", "next_due_on"], name="case_agency_next_due"),
            models.Index(fields=["agency", "decided_on"], name="case_agency_decided"),
            models.Index(fields=["agency", "registered_on"], name="case_agency_registered"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def subject_label(self) -> str:
        """How the ledger and the documents app name this case."""
        return f"cases.case:{self.pk}"

    @property
    def display_title(self) -> str:
        """The 案由 as the case's state has it: "涉嫌" (suspected) is dropped once a decision found the
        violation (a penalty, or no penalty for a violation found); a case found not established, a
        referral, a case still open and a decision annulled keep it. Shown on the case page, in the
        documents made after the decision and in publications."""
        found = self.decision_type in (DecisionType.PENALTY, DecisionType.NO_PENALTY)
        if found and self.decided_on and not self.annulled_on and self.title.startswith("涉嫌"):
            return self.title[len("涉嫌") :]
        return self.title

    @property
    def main_party(self) -> Party | None:
        return self.parties.order_by("pk").first()

    def total_paid(self) -> Decimal:
        return sum((p.amount for p in self.payments.all()), Decimal("0"))


class Party(models.Model):
    """A party (当事人): a natural person with a resident ID or an organization with a USCC."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="parties")
    kind = models.CharField(_("当事人类型"), max_length=20, choices=PartyKind.choices)
    name = models.CharField(_("名称或姓名"), max_length=200)
    id_number = models.CharField(_("身份证号码或统一社会信用代码"), max_length=18)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    phone = models.CharField(_("电话"), max_length=50, blank=True)
    bank_account = models.CharField(_("银行账号"), max_length=40, blank=True)
    legal_representative = models.CharField(_("法定代表人（负责人）"), max_length=50, blank=True)
    entity = models.ForeignKey(
        Entity, verbose_name=_("市场主体"), null=True, blank=True, on_delete=models.PROTECT, related_name="case_parties"
    )

    class Meta:
        verbose_name = _("当事人")
        verbose_name_plural = _("当事人")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        self.id_number = (self.id_number or "").strip().upper()
        if self.kind == PartyKind.PERSON and not is_valid_resident_id(self.id_number):
            raise ValidationError({"id_number": _("居民身份证号码无效（长度或校验位错误）")})
        if self.kind == PartyKind.ORGANIZATION:
            if not is_valid_uscc(self.id_number):
                raise ValidationError({"id_number": _("统一社会信用代码无效（应为18位且校验位正确）")})
            if not self.legal_representative:
                raise ValidationError({"legal_representative": _("法人或其他组织应填写法定代表人（负责人）")})


class PersonRole(models.TextChoices):
    """The part a natural person other than the party plays in a case."""

    WITNESS = "witness", _("证人")
    COMPLAINANT = "complainant", _("投诉人/举报人")
    INTERVIEWEE = "interviewee", _("被询问人")
    RECIPIENT = "recipient", _("受送达人/签收人")
    VICTIM = "victim", _("受害人")
    CONSUMER = "consumer", _("消费者")
    EMPLOYEE = "employee", _("员工/从业人员")
    DRIVER = "driver", _("驾驶员")
    AGENT = "agent", _("委托代理人")
    GUARDIAN = "guardian", _("监护人")
    OPERATOR = "operator", _("经营者")
    THIRD_PARTY = "third_party", _("其他相关人员")


class CasePerson(models.Model):
    """A natural person the case touches other than the party (涉案人员): witnesses, complainants,
    persons questioned (询问笔录), recipients, victims, third parties. Case data, so that the
    publication masks each of them in every form of the name and every identifier, wherever the
    text mentions them; ``minor`` marks a minor (未成年人)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="persons")
    role = models.CharField(_("身份"), max_length=20, choices=PersonRole.choices)
    name = models.CharField(_("姓名"), max_length=100)
    minor = models.BooleanField(_("未成年人"), default=False)
    id_number = models.CharField(_("证件号码"), max_length=40, blank=True)
    phone = models.CharField(_("电话"), max_length=50, blank=True)
    address = models.CharField(_("住址"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("涉案人员")
        verbose_name_plural = _("涉案人员")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.get_role_display()} {self.name}"


class CaseOfficer(models.Model):
    """An officer handling the case (承办人员); ``active`` turns off on recusal."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="case_officers")
    officer = models.ForeignKey(Officer, on_delete=models.PROTECT, related_name="case_links")
    is_lead = models.BooleanField(_("主办"), default=False)
    active = models.BooleanField(_("承办中"), default=True)
    added_on = models.DateField(_("加入日期"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "officer"], name="caseofficer_unique")]
        ordering = ["-is_lead", "pk"]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.officer_id}"


class Recusal(models.Model):
    """A recusal decision (回避决定, 《行政处罚法》第四十三条): the officer may no longer handle the case."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="recusals")
    officer = models.ForeignKey(Officer, on_delete=models.PROTECT, related_name="+")
    grounds = models.TextField(_("回避理由"))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_on = models.DateField(_("决定日期"))

    def __str__(self) -> str:
        return f"{self.case_id}: {self.officer_id}"


class Step(models.Model):
    """One entry of the case's timeline: a transition or a record, who took it, when it happened
    (``occurred_on``, which may be recorded after the fact) and when it was recorded."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="steps")
    seq = models.PositiveIntegerField()
    action = models.CharField(_("动作"), max_length=50)
    label = models.CharField(_("步骤"), max_length=100)
    from_state = models.CharField(max_length=30, blank=True)
    to_state = models.CharField(max_length=30, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_name = models.CharField(_("操作人"), max_length=50)
    occurred_on = models.DateField(_("发生日期"))
    recorded_at = models.DateTimeField(_("记录时间"), auto_now_add=True)
    reason = models.TextField(_("理由"), blank=True)
    data = models.JSONField(_("记录内容"), default=dict, blank=True)
    # Documents issued with this step: [{"id", "number", "title", "url"}] (documents app's ids).
    documents = models.JSONField(_("执法文书"), default=list, blank=True)
    ledger_seq = models.BigIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("办案步骤")
        verbose_name_plural = _("办案步骤")
        ordering = ["case_id", "seq"]
        constraints = [models.UniqueConstraint(fields=["case", "seq"], name="step_unique_seq_per_case")]

    def __str__(self) -> str:
        return f"{self.case_id}#{self.seq} {self.label}"


class EvidencePreservation(models.Model):
    """Evidence registered for preservation (先行登记保存, 《行政处罚法》第五十六条): to be dealt
    with within 7 working days."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="preservations")
    items = models.TextField(_("登记保存物品"))
    registered_on = models.DateField(_("登记保存日期"))
    disposed_on = models.DateField(_("处理日期"), null=True, blank=True)
    disposal = models.TextField(_("处理决定"), blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.items[:40]


class Statement(models.Model):
    """The party's statement and defense (陈述申辩) or its waiver."""

    class Kind(models.TextChoices):
        STATEMENT = "statement", _("陈述申辩")
        WAIVER = "waiver", _("放弃陈述申辩")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="statements")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    occurred_on = models.DateField(_("日期"))
    content = models.TextField(_("内容"))
    review = models.TextField(_("复核意见"), blank=True)
    # Set when a 重新告知 (new notice on new facts) replaced the notice this statement answered.
    superseded_on = models.DateField(_("因重新告知失效日期"), null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.case_id}: {self.get_kind_display()}"


class Hearing(models.Model):
    """A hearing (听证): requested, noticed (time and place), held."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="hearings")
    requested_on = models.DateField(_("申请日期"))
    notified_on = models.DateField(_("通知日期"), null=True, blank=True)
    scheduled_for = models.DateField(_("听证日期"), null=True, blank=True)
    place = models.CharField(_("听证地点"), max_length=200, blank=True)
    chair = models.ForeignKey(Officer, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    held_on = models.DateField(_("举行日期"), null=True, blank=True)
    summary = models.TextField(_("听证笔录摘要"), blank=True)
    # Set when a 重新告知 replaced the notice under which the hearing was requested.
    superseded_on = models.DateField(_("因重新告知失效日期"), null=True, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.requested_on}"


class DeadlineExtension(models.Model):
    """An approved extension of a statutory period (办案期限延长, 许可期限延长)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="extensions")
    deadline = models.CharField(max_length=30)
    days = models.PositiveIntegerField()
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    approved_on = models.DateField()
    reason = models.TextField()

    def __str__(self) -> str:
        return f"{self.case_id}: {self.deadline} +{self.days}"


class CollectiveDiscussion(models.Model):
    """Collective discussion by the agency heads (集体讨论, 《行政处罚法》第五十七条)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="discussions")
    held_on = models.DateField(_("讨论日期"))
    participants = models.CharField(_("参加人员"), max_length=500)
    conclusion = models.TextField(_("讨论结论"))

    def __str__(self) -> str:
        return f"{self.case_id}: {self.held_on}"


class Seizure(models.Model):
    """Sealing or seizure (查封、扣押, 《行政强制法》第二十五条): at most 30 days, extendable once by
    at most 30 days with the agency head's approval."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="seizures")
    items = models.TextField(_("查封、扣押的场所、设施或财物"))
    started_on = models.DateField(_("开始日期"))
    term_days = models.PositiveIntegerField(_("期限（日）"))
    extended_days = models.PositiveIntegerField(_("延长（日）"), default=0)
    extension_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    extended_on = models.DateField(_("延长批准日期"), null=True, blank=True)
    released_on = models.DateField(_("解除日期"), null=True, blank=True)

    def __str__(self) -> str:
        return self.items[:40]


class Payment(models.Model):
    """A payment of the fine (and late-payment surcharge) recorded from the bank's receipt."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="payments")
    amount = models.DecimalField(_("金额"), max_digits=14, decimal_places=2)
    paid_on = models.DateField(_("缴款日期"))
    receipt = models.CharField(_("缴款凭证号"), max_length=100, blank=True)

    class Meta:
        ordering = ["paid_on", "pk"]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.amount}"


class ApprovalRequest(models.Model):
    """A step submitted for approval (审批): the step's data as entered, waiting in the approvers'
    queue until one approves it (the step is then taken) or returns it with a reason (退回)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("待审批")
        APPROVED = "approved", _("已批准")
        RETURNED = "returned", _("已退回")
        WITHDRAWN = "withdrawn", _("已撤回")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="approval_requests")
    action = models.CharField(_("步骤"), max_length=50)
    approval = models.CharField(_("审批事项"), max_length=30)
    label = models.CharField(_("审批事项名称"), max_length=100)
    data = models.JSONField(_("提请内容"), default=dict, blank=True)
    reason = models.TextField(_("提请理由"), blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_on = models.DateField(_("提请日期"))
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_by_name = models.CharField(_("审批人"), max_length=100, blank=True)
    decided_on = models.DateField(_("审批日期"), null=True, blank=True)
    opinion = models.TextField(_("审批意见"), blank=True)
    delegation = models.ForeignKey(
        "ApprovalDelegation", null=True, blank=True, on_delete=models.PROTECT, related_name="approvals"
    )

    class Meta:
        verbose_name = _("审批申请")
        verbose_name_plural = _("审批申请")
        ordering = ["requested_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "action"],
                condition=models.Q(status="pending"),
                name="approvalrequest_one_pending_per_step",
            )
        ]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.label} ({self.status})"


class ApprovalDelegation(models.Model):
    """A dated delegation of approval while the approver is absent (审批委托): from ``starts_on`` to
    ``ends_on`` inclusive the delegate approves what the principal may approve, each approval naming
    this record. Revoked early by ``revoked_on``."""

    principal = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    delegate = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    starts_on = models.DateField(_("委托开始日期"))
    ends_on = models.DateField(_("委托结束日期"))
    reason = models.CharField(_("委托事由"), max_length=200)
    created_on = models.DateField(_("委托日期"))
    revoked_on = models.DateField(_("撤销日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("审批委托")
        verbose_name_plural = _("审批委托")
        ordering = ["-starts_on", "pk"]

    def __str__(self) -> str:
        return f"{self.principal_id} → {self.delegate_id} {self.starts_on}…{self.ends_on}"

    @property
    def subject_label(self) -> str:
        return f"cases.approvaldelegation:{self.pk}"
