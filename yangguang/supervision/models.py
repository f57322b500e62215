"""Enforcement supervision (行政执法监督, domain.md §8): what the justice bureau records about the
warning models' hits.

The warning models themselves (监督预警模型) are not rows: they are declared in code, open and
versioned (``rules.py``), and their hits are computed from the records the platform already holds.
What supervisors add is their judgement of a hit (``HitMark``: confirmed or a false alarm), from
which each model's precision is computed.
"""

from __future__ import annotations

from typing import Any

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


class ModelSetting(models.Model):
    """A justice bureau's own parameter values for a warning model, used when the model runs for
    the bureau's scope (its region and below). Versioned: every change is a new ``revision`` (the
    newest is in force), kept with its reason and ledger entry; values not set keep the model's
    declared defaults."""

    bureau = models.ForeignKey(Agency, verbose_name=_("监督机构"), on_delete=models.PROTECT, related_name="+")
    rule = models.CharField(_("预警模型"), max_length=50)
    rule_version = models.CharField(_("模型版本"), max_length=20)
    revision = models.PositiveIntegerField(_("参数版本"))
    values = models.JSONField(_("参数值"), default=dict)
    reason = models.CharField(_("调整理由"), max_length=300)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    set_at = models.DateTimeField(_("设置时间"), auto_now_add=True)
    ledger_seq = models.BigIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("预警模型参数")
        verbose_name_plural = _("预警模型参数")
        ordering = ["bureau_id", "rule", "-revision"]
        constraints = [
            models.UniqueConstraint(fields=["bureau", "rule", "revision"], name="modelsetting_unique_revision")
        ]

    def __str__(self) -> str:
        return f"{self.rule} p{self.revision}"

    @property
    def subject_label(self) -> str:
        return f"supervision.modelsetting:{self.pk}"


# --- clues (线索) and supervision documents (监督文书) ---------------------------------------------------


class ClueSource(models.TextChoices):
    MODEL = "model", _("预警模型")
    COMPLAINT = "complaint", _("群众投诉举报")
    SUPERVISOR = "supervisor", _("监督人员发现")


class ClueStatus(models.TextChoices):
    NEW = "new", _("待分派")
    INVESTIGATING = "investigating", _("核查中")
    CLOSED = "closed", _("已办结")


class Finding(models.TextChoices):
    CONFIRMED = "confirmed", _("问题属实")
    PARTLY = "partly", _("部分属实")
    UNFOUNDED = "unfounded", _("问题不属实")


class SupervisionSequence(models.Model):
    """The last number given per bureau, year and series (clues and each kind of document); the row
    is locked while a number is taken."""

    bureau = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveIntegerField()
    series = models.CharField(max_length=20)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["bureau", "year", "series"], name="supseq_unique")]

    def __str__(self) -> str:
        return f"{self.bureau_id}/{self.year}/{self.series}: {self.last}"


class Clue(models.Model):
    """A supervision clue (执法监督线索) about an agency: from a warning model's hit, a public
    complaint or a supervisor; assigned to a supervisor, investigated, closed with a finding."""

    bureau = models.ForeignKey(Agency, verbose_name=_("监督机构"), on_delete=models.PROTECT, related_name="+")
    number = models.CharField(_("线索编号"), max_length=60)
    source = models.CharField(_("来源"), max_length=20, choices=ClueSource.choices)
    rule = models.CharField(_("预警模型"), max_length=50, blank=True)
    rule_version = models.CharField(_("模型版本"), max_length=20, blank=True)
    hit_key = models.CharField(_("命中对象"), max_length=100, blank=True)
    agency = models.ForeignKey(
        Agency, verbose_name=_("被监督执法主体"), on_delete=models.PROTECT, related_name="supervision_clues"
    )
    case = models.ForeignKey(
        "cases.Case", verbose_name=_("相关案件"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("线索标题"), max_length=200)
    description = models.TextField(_("线索内容"))
    # A complainant's name and contact: kept for the reply only, never in the ledger.
    complainant = models.CharField(_("投诉人"), max_length=50, blank=True)
    complainant_contact = models.CharField(_("联系方式"), max_length=100, blank=True)
    status = models.CharField(_("状态"), max_length=20, choices=ClueStatus.choices, default=ClueStatus.NEW)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("承办人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    finding = models.CharField(_("核查结论"), max_length=20, choices=Finding.choices, blank=True)
    finding_text = models.TextField(_("核查情况"), blank=True)
    received_on = models.DateField(_("受理日期"))
    closed_on = models.DateField(_("办结日期"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("执法监督线索")
        verbose_name_plural = _("执法监督线索")
        ordering = ["-pk"]
        constraints = [models.UniqueConstraint(fields=["bureau", "number"], name="clue_unique_number")]
        indexes = [models.Index(fields=["bureau", "status"]), models.Index(fields=["rule", "hit_key"])]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def subject_label(self) -> str:
        return f"supervision.clue:{self.pk}"


class DocKind(models.TextChoices):
    OPINION = "opinion", _("行政执法监督意见书")
    DECISION = "decision", _("行政执法监督决定书")
    INTERVIEW = "interview", _("约谈记录")
    NOTICE = "notice", _("通报")


# The word of each kind in its number (杭司执法监意〔2026〕1号).
DOC_NUMBER_WORD = {
    DocKind.OPINION: "执法监意",
    DocKind.DECISION: "执法监决",
    DocKind.INTERVIEW: "执法监谈",
    DocKind.NOTICE: "执法监通",
}
# Kinds the agency must answer with its rectification (整改) within the period.
ANSWERED_KINDS = frozenset({DocKind.OPINION, DocKind.DECISION})


class DocStatus(models.TextChoices):
    SENT = "sent", _("已送达，待答复")
    ANSWERED = "answered", _("已答复，待审核")
    RETURNED = "returned", _("退回，重新整改")
    ACCEPTED = "accepted", _("整改已认可")
    RECORDED = "recorded", _("已记录")  # 约谈、通报: nothing to answer


class SupervisionDocument(models.Model):
    """A numbered supervision document (监督文书) sent to an agency about a clue: an opinion or a
    decision the agency answers with its rectification and evidence within ``due_on``, or the record
    of an interview (约谈) or a notice (通报)."""

    clue = models.ForeignKey(Clue, on_delete=models.PROTECT, related_name="documents")
    bureau = models.ForeignKey(Agency, verbose_name=_("监督机构"), on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey(
        Agency, verbose_name=_("被监督执法主体"), on_delete=models.PROTECT, related_name="supervision_documents"
    )
    kind = models.CharField(_("文书种类"), max_length=20, choices=DocKind.choices)
    number = models.CharField(_("文号"), max_length=80)
    problems = models.TextField(_("发现的问题"))
    requirements = models.TextField(_("监督意见或决定"))
    issued_on = models.DateField(_("制发日期"))
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField(_("答复期限"), null=True, blank=True)
    due_provisional = models.BooleanField(default=False)
    status = models.CharField(_("状态"), max_length=20, choices=DocStatus.choices)
    escalated_on = models.DateField(_("逾期升级日期"), null=True, blank=True)
    sha256 = models.CharField(max_length=64)
    ledger_seq = models.BigIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("执法监督文书")
        verbose_name_plural = _("执法监督文书")
        ordering = ["-issued_on", "-pk"]
        constraints = [models.UniqueConstraint(fields=["bureau", "number"], name="supdoc_unique_number")]
        indexes = [models.Index(fields=["agency", "status"]), models.Index(fields=["status", "due_on"])]

    def __str__(self) -> str:
        return self.number

    @property
    def subject_label(self) -> str:
        return f"supervision.supervisiondocument:{self.pk}"

    def is_overdue(self, today: Any) -> bool:
        return bool(self.due_on and self.status in (DocStatus.SENT, DocStatus.RETURNED) and today > self.due_on)


class AnswerStatus(models.TextChoices):
    PENDING = "pending", _("待审核")
    ACCEPTED = "accepted", _("认可")
    RETURNED = "returned", _("退回")


class Answer(models.Model):
    """The agency's answer to a document (整改情况报告): what it rectified and the evidence; the
    supervisor accepts it or returns it (then the agency answers again)."""

    document = models.ForeignKey(SupervisionDocument, on_delete=models.PROTECT, related_name="answers")
    round = models.PositiveIntegerField(_("轮次"))
    rectification = models.TextField(_("整改情况"))
    evidence = models.FileField(_("整改证明材料"), upload_to="supervision/", blank=True)
    evidence_name = models.CharField(_("材料文件名"), max_length=200, blank=True)
    evidence_sha256 = models.CharField(max_length=64, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    answered_on = models.DateField(_("答复日期"))
    late = models.BooleanField(_("逾期答复"), default=False)
    status = models.CharField(_("审核"), max_length=20, choices=AnswerStatus.choices, default=AnswerStatus.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_on = models.DateField(_("审核日期"), null=True, blank=True)
    decision_note = models.TextField(_("审核意见"), blank=True)

    class Meta:
        verbose_name = _("整改答复")
        verbose_name_plural = _("整改答复")
        ordering = ["document_id", "round"]
        constraints = [models.UniqueConstraint(fields=["document", "round"], name="answer_unique_round")]

    def __str__(self) -> str:
        return f"{self.document_id}#{self.round}"


# --- case-file evaluation (案卷评查) ------------------------------------------------------------------------


class ItemSection(models.TextChoices):
    VETO = "veto", _("否决项")
    FORM = "form", _("形式")
    SUBSTANCE = "substance", _("实体")


class ScoringSheet(models.Model):
    """A scoring sheet (评查标准) as data: veto items that make a file 不合格, then scored items whose
    points sum to 100; the grade thresholds belong to the sheet."""

    name = models.CharField(_("名称"), max_length=100)
    version = models.CharField(_("版本"), max_length=30)
    excellent_min = models.PositiveSmallIntegerField(_("优秀分数线"), default=90)
    pass_min = models.PositiveSmallIntegerField(_("合格分数线"), default=60)
    source = models.CharField(_("来源"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("案卷评查标准")
        verbose_name_plural = _("案卷评查标准")
        constraints = [models.UniqueConstraint(fields=["name", "version"], name="sheet_unique_version")]

    def __str__(self) -> str:
        return f"{self.name}（{self.version}）"


class SheetItem(models.Model):
    """One item of a scoring sheet; ``auto_check`` names the automatic check that pre-scores it (blank:
    the evaluators judge it from the file)."""

    sheet = models.ForeignKey(ScoringSheet, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveSmallIntegerField()
    code = models.CharField(_("编号"), max_length=20)
    section = models.CharField(_("类别"), max_length=20, choices=ItemSection.choices)
    text = models.CharField(_("评查内容"), max_length=300)
    points = models.PositiveSmallIntegerField(_("分值"), default=0)
    auto_check = models.CharField(_("自动检查"), max_length=40, blank=True)

    class Meta:
        ordering = ["sheet_id", "order"]
        constraints = [models.UniqueConstraint(fields=["sheet", "code"], name="sheetitem_unique_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.text}"


class EvaluationPlan(models.Model):
    """A case-file evaluation plan (案卷评查): ``size`` closed case files drawn from the bureau's scope
    by consistent sampling (``inspections.draw.select_strata``: the lowest SHA-256 tickets of the
    seed and the case numbers win), the seed, the population's hash and the result in the ledger."""

    bureau = models.ForeignKey(Agency, verbose_name=_("监督机构"), on_delete=models.PROTECT, related_name="+")
    code = models.CharField(_("计划编号"), max_length=60)
    name = models.CharField(_("名称"), max_length=200)
    sheet = models.ForeignKey(ScoringSheet, verbose_name=_("评查标准"), on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("案件类别"), max_length=20, blank=True)
    closed_from = models.DateField(_("结案日期起"))
    closed_until = models.DateField(_("结案日期止"))
    size = models.PositiveIntegerField(_("抽取件数"))
    seed = models.CharField(_("随机种子"), max_length=128)
    population = models.PositiveIntegerField(_("可抽取案卷数"))
    population_sha256 = models.CharField(max_length=64)
    result_sha256 = models.CharField(max_length=64)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    drawn_on = models.DateField(_("抽取日期"))
    ledger_seq = models.BigIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("案卷评查计划")
        verbose_name_plural = _("案卷评查计划")
        ordering = ["-pk"]
        constraints = [models.UniqueConstraint(fields=["bureau", "code"], name="evalplan_unique_code")]

    def __str__(self) -> str:
        return self.code

    @property
    def subject_label(self) -> str:
        return f"supervision.evaluationplan:{self.pk}"


class EvaluationFile(models.Model):
    """A drawn case file of a plan, in ticket order."""

    plan = models.ForeignKey(EvaluationPlan, on_delete=models.CASCADE, related_name="files")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    rank = models.PositiveIntegerField(_("顺序"))
    ticket = models.CharField(max_length=64)
    # The automatic pre-score: {item code: {"ok": bool, "note": text}}.
    prescore = models.JSONField(default=dict)

    class Meta:
        ordering = ["plan_id", "rank"]
        constraints = [models.UniqueConstraint(fields=["plan", "case"], name="evalfile_unique_case")]

    def __str__(self) -> str:
        return f"{self.plan_id}#{self.rank}"


class Grade(models.TextChoices):
    EXCELLENT = "excellent", _("优秀")
    PASS = "pass", _("合格")
    FAIL = "fail", _("不合格")


class EvaluationScore(models.Model):
    """One evaluator's score of a file: veto items hit, points per scored item, the total and grade."""

    file = models.ForeignKey(EvaluationFile, on_delete=models.CASCADE, related_name="scores")
    evaluator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    vetoes = models.JSONField(_("否决项"), default=list)
    points = models.JSONField(_("各项得分"), default=dict)
    comment = models.TextField(_("评查意见"), blank=True)
    total = models.PositiveSmallIntegerField(_("得分"))
    grade = models.CharField(_("等次"), max_length=20, choices=Grade.choices)
    scored_on = models.DateField(_("评查日期"))

    class Meta:
        ordering = ["file_id", "pk"]
        constraints = [models.UniqueConstraint(fields=["file", "evaluator"], name="evalscore_unique_evaluator")]

    def __str__(self) -> str:
        return f"{self.file_id}: {self.total} {self.grade}"


# --- campaigns (专项活动, seed 003) ----------------------------------------------------------------------------


class Campaign(models.Model):
    """A special campaign (专项活动) of a bureau: tasks and a deadline for the agencies of a region;
    each files a self-inspection report (自查报告) and a problem list (问题清单)."""

    bureau = models.ForeignKey(Agency, verbose_name=_("监督机构"), on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("名称"), max_length=200)
    tasks = models.TextField(_("任务"))
    report_due = models.DateField(_("自查报告报送期限"))
    region_path = models.CharField(max_length=200)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_on = models.DateField(_("部署日期"))

    class Meta:
        verbose_name = _("专项活动")
        verbose_name_plural = _("专项活动")
        ordering = ["-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def subject_label(self) -> str:
        return f"supervision.campaign:{self.pk}"


class Participant(models.Model):
    """An agency's part in a campaign: its self-inspection report."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="participants")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="campaign_parts")
    report = models.TextField(_("自查报告"), blank=True)
    reported_on = models.DateField(_("报送日期"), null=True, blank=True)

    class Meta:
        ordering = ["campaign_id", "agency_id"]
        constraints = [models.UniqueConstraint(fields=["campaign", "agency"], name="participant_unique")]

    def __str__(self) -> str:
        return f"{self.campaign_id}:{self.agency_id}"


class ProblemCategory(models.TextChoices):
    PUBLICITY = "publicity", _("执法公示")
    RECORDING = "recording", _("全过程记录")
    REVIEW = "review", _("法制审核")
    STAFF = "staff", _("人员与装备")
    RULES = "rules", _("制度建设")
    OTHER = "other", _("其他")


class ProblemStatus(models.TextChoices):
    OPEN = "open", _("整改中")
    SUBMITTED = "submitted", _("已报整改，待验收")
    RETURNED = "returned", _("退回，继续整改")
    ACCEPTED = "accepted", _("已验收销号")


class Problem(models.Model):
    """One problem of an agency's problem list (问题清单): category, rectification measure, owner,
    date; progress with evidence; the supervisor accepts (销号) or returns it."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="problems")
    category = models.CharField(_("问题类别"), max_length=20, choices=ProblemCategory.choices)
    description = models.TextField(_("问题"))
    measure = models.TextField(_("整改措施"))
    owner = models.CharField(_("责任人"), max_length=50)
    due_on = models.DateField(_("整改时限"))
    status = models.CharField(_("状态"), max_length=20, choices=ProblemStatus.choices, default=ProblemStatus.OPEN)
    progress = models.TextField(_("整改情况"), blank=True)
    evidence = models.FileField(_("整改证明材料"), upload_to="supervision/", blank=True)
    evidence_name = models.CharField(max_length=200, blank=True)
    evidence_sha256 = models.CharField(max_length=64, blank=True)
    decision_note = models.TextField(_("验收意见"), blank=True)
    closed_on = models.DateField(_("销号日期"), null=True, blank=True)
    escalated_on = models.DateField(_("逾期升级日期"), null=True, blank=True)

    class Meta:
        ordering = ["participant_id", "pk"]

    def __str__(self) -> str:
        return self.description[:40]

    def is_overdue(self, today: Any) -> bool:
        return self.status != ProblemStatus.ACCEPTED and today > self.due_on


class MonthFact(models.Model):
    """The cockpit's roll-up (汇总): the facts of one agency's cases of one kind in one calendar month,
    kept by ``rollup.py`` (recomputed for the touched agency and month after every change of a case,
    a decision's publication, a legal review or an AV exception; rebuilt by ``manage.py
    supervision_rollup --rebuild``). The cockpit sums these rows (hundreds of agencies × months)
    instead of the cases; what depends on today (overdue, publications still pending) is read from
    the records themselves.

    ``month`` is the month's first day. Cases count in the month they were registered (``opened``)
    and decided (``decided``, the fines and confiscations decided); publications of decisions in
    the month of the decision, under the agency that publishes; legal reviews in the month they were
    submitted, under the reviewing agency; AV exceptions in the month recorded (local time). A
    publication, review or exception of no case is counted under kind "".
    """

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    month = models.DateField(_("月份"))
    kind = models.CharField(_("案件类别"), max_length=20, blank=True)
    opened = models.PositiveIntegerField(_("立案（登记）"), default=0)
    decided = models.PositiveIntegerField(_("作出决定"), default=0)
    fines = models.DecimalField(_("罚款金额"), max_digits=18, decimal_places=2, default=0)
    confiscations = models.DecimalField(_("没收金额"), max_digits=18, decimal_places=2, default=0)
    pub_on_time = models.PositiveIntegerField(_("按时公开"), default=0)
    pub_late = models.PositiveIntegerField(_("逾期公开"), default=0)
    review_pending = models.PositiveIntegerField(default=0)
    review_in_review = models.PositiveIntegerField(default=0)
    review_returned = models.PositiveIntegerField(default=0)
    review_coordination = models.PositiveIntegerField(default=0)
    review_passed = models.PositiveIntegerField(default=0)
    av_exceptions = models.PositiveIntegerField(_("音像记录例外"), default=0)

    class Meta:
        verbose_name = _("驾驶舱月度汇总")
        verbose_name_plural = _("驾驶舱月度汇总")
        constraints = [models.UniqueConstraint(fields=["agency", "month", "kind"], name="monthfact_key")]
        indexes = [models.Index(fields=["month", "agency"], name="monthfact_month_agency")]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.month:%Y-%m} {self.kind}"
