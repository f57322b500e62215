"""Random inspections (双随机、一公开): plans, verifiable draws, tasks with their inspectors, results,
recusal conflicts.

Every write goes through ``yangguang.inspections.services`` (each with its ledger entry); the draw
itself is the pure module ``draw.py``.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yangguang.roster.models import Agency, Entity, InspectionItem, Officer, Region, User


class PlanKind(models.TextChoices):
    ANNUAL = "annual", _("年度计划")
    ADHOC = "adhoc", _("专项（临时）计划")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("草拟")
    APPROVED = "approved", _("已批准")
    PUBLISHED = "published", _("已公开")
    DRAWN = "drawn", _("已抽取")
    CLOSED = "closed", _("已结束")


# Entity types read from the unified social credit code (GB 32100-2015: the first character is the
# registering authority, the second the kind of body; 9x = market regulation).
ENTITY_TYPES = {
    "91": _("企业"),
    "92": _("个体工商户"),
    "93": _("农民专业合作社"),
}


class InspectionPlan(models.Model):
    """A random inspection plan (抽查计划) of a lead agency, joint (联合抽查) when it has participants:
    items, scope, quotas per credit-risk stratum, period. Approved and published before any draw
    (事前公开). ``quotas`` maps a stratum (the entity's risk grade) to ``{ratio, count, floor,
    cap}`` (``draw.Quota``)."""

    code = models.CharField(_("计划编号"), max_length=40, unique=True)
    title = models.CharField(_("计划名称"), max_length=200)
    kind = models.CharField(_("计划类型"), max_length=10, choices=PlanKind.choices, default=PlanKind.ANNUAL)
    year = models.PositiveIntegerField(_("年度"))
    agency = models.ForeignKey(Agency, verbose_name=_("牵头部门"), on_delete=models.PROTECT, related_name="+")
    participants = models.ManyToManyField(Agency, verbose_name=_("参与部门"), blank=True, related_name="+")
    items = models.ManyToManyField(InspectionItem, verbose_name=_("抽查事项"), related_name="+")
    regions = models.ManyToManyField(Region, verbose_name=_("抽查区域"), blank=True, related_name="+")
    industries = models.JSONField(_("行业"), default=list, blank=True)
    entity_types = models.JSONField(_("主体类型"), default=list, blank=True)
    period_start = models.DateField(_("检查开始日期"))
    period_end = models.DateField(_("检查结束日期"))
    quotas = models.JSONField(_("抽查比例"), default=dict)
    per_agency = models.PositiveSmallIntegerField(_("每部门每户检查人员数"), default=2)
    key_items = models.BooleanField(_("重点事项（比例不设上限）"), default=False)
    allow_repeat = models.BooleanField(_("允许同一事项一年内重复抽查"), default=False)
    recent_days = models.PositiveIntegerField(_("近期已检查不再抽取（天）"), default=180)
    status = models.CharField(_("状态"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    created_by = models.ForeignKey(User, verbose_name=_("制定人"), on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("制定时间"), default=timezone.now)
    approved_by = models.ForeignKey(
        User, verbose_name=_("批准人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(_("批准时间"), null=True, blank=True)
    published_at = models.DateTimeField(_("公开时间"), null=True, blank=True)
    ledger_seq = models.BigIntegerField(_("记录序号"), null=True, blank=True)

    class Meta:
        verbose_name = _("抽查计划")
        verbose_name_plural = _("抽查计划")
        ordering = ["-year", "-pk"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def subject_label(self) -> str:
        return f"inspections.plan:{self.pk}"

    @property
    def is_joint(self) -> bool:
        return self.participants.exists()


class DrawStatus(models.TextChoices):
    COMMITTED = "committed", _("已承诺，待揭示种子")
    DRAWN = "drawn", _("已抽取")
    FAILED = "failed", _("抽取失败")
    SUPERSEDED = "superseded", _("已作废（重新承诺）")


class Draw(models.Model):
    """One attempt to draw a plan: the commitment (snapshot hashes, quotas, the named future public
    value), then the revealed seed and the result, or the failure. Attempts are numbered per plan
    and never deleted: a repeated draw is a new attempt with a recorded reason."""

    plan = models.ForeignKey(InspectionPlan, verbose_name=_("抽查计划"), on_delete=models.PROTECT, related_name="draws")
    attempt = models.PositiveIntegerField(_("第几次"))
    status = models.CharField(_("状态"), max_length=12, choices=DrawStatus.choices, default=DrawStatus.COMMITTED)
    inspection_date = models.DateField(_("检查日期（判断执法证有效）"))
    seed_source = models.CharField(_("随机种子来源"), max_length=300)
    revealer = models.ForeignKey(User, verbose_name=_("种子录入人"), on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(_("重新抽取理由"), max_length=300, blank=True)
    commitment = models.TextField(_("承诺（规范JSON）"))
    commitment_sha256 = models.CharField(_("承诺哈希"), max_length=64)
    seed = models.CharField(_("随机种子"), max_length=300, blank=True)
    result_sha256 = models.CharField(_("结果哈希"), max_length=64, blank=True)
    failure = models.CharField(_("失败原因"), max_length=300, blank=True)
    committed_by = models.ForeignKey(User, verbose_name=_("承诺人"), on_delete=models.PROTECT, related_name="+")
    committed_at = models.DateTimeField(_("承诺时间"), default=timezone.now)
    revealed_at = models.DateTimeField(_("揭示时间"), null=True, blank=True)
    population = models.JSONField(_("各层户数"), default=dict, blank=True)
    sizes = models.JSONField(_("各层抽取户数"), default=dict, blank=True)
    commit_seq = models.BigIntegerField(null=True, blank=True)
    reveal_seq = models.BigIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("随机抽取")
        verbose_name_plural = _("随机抽取")
        ordering = ["plan_id", "attempt"]
        constraints = [models.UniqueConstraint(fields=["plan", "attempt"], name="draw_unique_attempt")]

    def __str__(self) -> str:
        return f"{self.plan.code}#{self.attempt}"

    @property
    def subject_label(self) -> str:
        return f"inspections.draw:{self.pk}"


class DrawFile(models.Model):
    """A published file of a draw, byte for byte (entities.tsv, inspectors.tsv, conflicts.tsv,
    commitment.json, result.tsv)."""

    draw = models.ForeignKey(Draw, on_delete=models.CASCADE, related_name="files")
    name = models.CharField(max_length=40)
    sha256 = models.CharField(max_length=64)
    content = models.BinaryField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["draw", "name"], name="drawfile_unique_name")]

    def __str__(self) -> str:
        return f"{self.draw_id}/{self.name}"


class ResultCode(models.TextChoices):
    """The standard result codes of random inspections (market regulation)."""

    NO_PROBLEM = "no_problem", _("未发现问题")
    CORRECTED = "corrected", _("发现问题已责令改正")
    FOLLOW_UP = "follow_up", _("发现问题待后续处理")
    NOT_DISCLOSED = "not_disclosed", _("未按规定公示应当公示的信息")
    FALSE_DISCLOSURE = "false_disclosure", _("公示信息隐瞒真实情况弄虚作假")
    UNREACHABLE = "unreachable", _("通过登记的住所(经营场所)无法联系")
    OBSTRUCTED = "obstructed", _("不配合检查情节严重")
    NO_ACTIVITY = "no_activity", _("未发现开展本次抽查涉及的经营活动")
    CLOSED = "closed", _("已关闭停业或正在组织清算")
    DEREGISTERED = "deregistered", _("已注销/已吊销/已迁出")


# Results that find a problem (the finding rate and the non-compliance estimate count them).
PROBLEM_CODES = frozenset(
    {
        ResultCode.CORRECTED,
        ResultCode.FOLLOW_UP,
        ResultCode.NOT_DISCLOSED,
        ResultCode.FALSE_DISCLOSURE,
        ResultCode.UNREACHABLE,
        ResultCode.OBSTRUCTED,
    }
)
# Results where the entity could not be assessed (no business to inspect): left out of the
# non-compliance estimate's denominator.
NOT_ASSESSED_CODES = frozenset({ResultCode.NO_ACTIVITY, ResultCode.CLOSED, ResultCode.DEREGISTERED})


class TaskStatus(models.TextChoices):
    PENDING = "pending", _("未录入")
    SUBMITTED = "submitted", _("待审核")
    RETURNED = "returned", _("退回")
    APPROVED = "approved", _("通过")


class InspectionTask(models.Model):
    """One drawn entity of a draw: one visit (合并检查) by the inspectors of every agency of the
    plan, its inspection record and result, its review, its publication and the case it led to."""

    plan = models.ForeignKey(InspectionPlan, verbose_name=_("抽查计划"), on_delete=models.PROTECT, related_name="tasks")
    draw = models.ForeignKey(Draw, verbose_name=_("随机抽取"), on_delete=models.PROTECT, related_name="tasks")
    entity = models.ForeignKey(Entity, verbose_name=_("检查对象"), on_delete=models.PROTECT, related_name="+")
    stratum = models.CharField(_("风险分层"), max_length=20)
    ticket = models.CharField(_("抽取票号"), max_length=64)
    rank = models.PositiveIntegerField(_("抽取顺序"))
    status = models.CharField(_("状态"), max_length=10, choices=TaskStatus.choices, default=TaskStatus.PENDING)
    result_code = models.CharField(_("检查结果"), max_length=20, choices=ResultCode.choices, blank=True)
    record = models.TextField(_("检查记录（现场检查笔录）"), blank=True)
    inspected_on = models.DateField(_("检查日期"), null=True, blank=True)
    publish_due = models.DateField(_("结果公示期限"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        User, verbose_name=_("录入人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_by = models.ForeignKey(
        User, verbose_name=_("审核人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    review_note = models.CharField(_("审核意见"), max_length=300, blank=True)
    case = models.ForeignKey(
        "cases.Case", verbose_name=_("立案"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("抽查任务")
        verbose_name_plural = _("抽查任务")
        ordering = ["draw_id", "rank"]
        constraints = [models.UniqueConstraint(fields=["draw", "entity"], name="task_unique_entity_per_draw")]
        indexes = [models.Index(fields=["entity", "inspected_on"])]

    def __str__(self) -> str:
        return f"{self.plan.code} {self.entity.name}"

    @property
    def subject_label(self) -> str:
        return f"inspections.task:{self.pk}"

    @property
    def found_problem(self) -> bool:
        return self.result_code in PROBLEM_CODES


class Assignment(models.Model):
    """An inspector of a task: drawn, or put in by hand in place of a drawn one (with the reason,
    in the ledger, shown to the supervisor). A replaced assignment stays, inactive."""

    task = models.ForeignKey(InspectionTask, on_delete=models.CASCADE, related_name="assignments")
    officer = models.ForeignKey(Officer, verbose_name=_("检查人员"), on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey(Agency, verbose_name=_("所属部门"), on_delete=models.PROTECT, related_name="+")
    drawn = models.BooleanField(_("随机抽取"), default=True)
    active = models.BooleanField(_("有效"), default=True)
    replaces = models.ForeignKey(
        "self", verbose_name=_("替换"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField(_("替换理由"), max_length=300, blank=True)
    created_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    ledger_seq = models.BigIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("检查人员分派")
        verbose_name_plural = _("检查人员分派")
        ordering = ["task_id", "pk"]
        indexes = [models.Index(fields=["officer", "active"])]

    def __str__(self) -> str:
        return f"{self.task_id}: {self.officer.name}"


class ConflictKind(models.TextChoices):
    KINSHIP = "kinship", _("近亲属关系")
    FORMER_EMPLOYMENT = "former_employment", _("曾在该单位任职")
    INTEREST = "interest", _("其他利害关系")


class Conflict(models.Model):
    """A declared recusal (回避) between an officer and an entity; excluded before every draw that
    follows. Withdrawn conflicts stay, inactive."""

    officer = models.ForeignKey(Officer, verbose_name=_("执法人员"), on_delete=models.PROTECT, related_name="+")
    entity = models.ForeignKey(Entity, verbose_name=_("市场主体"), on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("回避事由"), max_length=20, choices=ConflictKind.choices)
    note = models.CharField(_("说明"), max_length=300, blank=True)
    active = models.BooleanField(_("有效"), default=True)
    declared_by = models.ForeignKey(User, verbose_name=_("登记人"), on_delete=models.PROTECT, related_name="+")
    declared_at = models.DateTimeField(_("登记时间"), default=timezone.now)
    ledger_seq = models.BigIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("回避情形")
        verbose_name_plural = _("回避情形")
        ordering = ["-declared_at", "-pk"]
        indexes = [models.Index(fields=["officer", "entity", "active"])]

    def __str__(self) -> str:
        return f"{self.officer.name} / {self.entity.name}"
