"""Legal review of major enforcement decisions (重大执法决定法制审核, domain.md §5).

A ``ReviewRequest`` is opened when the case unit submits a major case for review (the case step
``submit_review``); each submission of the materials is a ``ReviewRound`` (the first submission and
every resubmission after problems were found). The reviewer records a ``Finding`` for each of the nine
checks and a written opinion on the round; a disagreement goes to a ``Coordination``. Every write goes
through ``yangguang.review.services`` and is a step of the case's timeline and an entry of the ledger.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from yangguang.roster.models import Agency, Officer

# The nine checks of the reviewer (seeds 001, 002; domain.md §5).
CHECKS: tuple[tuple[int, str], ...] = (
    (1, "主体是否合法"),
    (2, "执法人员是否具备执法资格"),
    (3, "程序是否合法"),
    (4, "事实是否清楚、证据是否合法充分"),
    (5, "适用法律法规规章是否准确"),
    (6, "裁量基准运用是否适当"),
    (7, "是否超越法定权限"),
    (8, "执法文书是否完备规范"),
    (9, "是否涉嫌犯罪需移送司法机关"),
)
CHECK_LABELS: dict[int, str] = dict(CHECKS)
CHECK_DISCRETION = 6


class ReviewSetting(models.Model):
    """Per-agency settings of the legal review: the review period in working days."""

    agency = models.OneToOneField(Agency, on_delete=models.CASCADE, related_name="review_setting")
    deadline_working_days = models.PositiveIntegerField(_("审核期限（工作日）"), default=5)
    warning_working_days = models.PositiveIntegerField(_("提前预警（工作日）"), default=1)

    class Meta:
        verbose_name = _("法制审核设置")
        verbose_name_plural = _("法制审核设置")

    def __str__(self) -> str:
        return f"{self.agency_id}: {self.deadline_working_days}"


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("待分配")
    IN_REVIEW = "in_review", _("审核中")
    RETURNED = "returned", _("退回补正")
    COORDINATION = "coordination", _("协调中")
    PASSED = "passed", _("审核通过")


# Statuses in which the reviewer (not the unit) holds the materials.
REVIEWER_HOLDS = (RequestStatus.PENDING, RequestStatus.IN_REVIEW, RequestStatus.COORDINATION)


class Opinion(models.TextChoices):
    AGREE = "agree", _("同意")
    AGREE_WITH_CHANGES = "agree_with_changes", _("修改后同意")
    PROBLEMS = "problems", _("存在问题，退回补正")


class ReviewRequest(models.Model):
    """One request for legal review of a case's proposed decision (法制审核申请)."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="review_requests")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("状态"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.PENDING)
    reviewer = models.ForeignKey(
        Officer, verbose_name=_("审核人员"), null=True, blank=True, on_delete=models.PROTECT, related_name="reviews"
    )
    assigned_on = models.DateField(_("分配日期"), null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_on = models.DateField(_("提交日期"))
    major_reasons = models.JSONField(_("重大执法决定情形"), default=list)
    # The proposal the review passed for: the gate opens only while the case still carries it.
    passed_fingerprint = models.CharField(max_length=64, blank=True)
    passed_on = models.DateField(_("通过日期"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("法制审核申请")
        verbose_name_plural = _("法制审核申请")
        ordering = ["-pk"]
        indexes = [models.Index(fields=["agency", "status"])]

    def __str__(self) -> str:
        return f"{self.case_id}#{self.pk} {self.status}"

    @property
    def subject_label(self) -> str:
        return f"review.request:{self.pk}"


class ReviewRound(models.Model):
    """One submission of the materials and the reviewer's opinion on it."""

    request = models.ForeignKey(ReviewRequest, on_delete=models.CASCADE, related_name="rounds")
    number = models.PositiveIntegerField(_("轮次"))
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_on = models.DateField(_("提交日期"))
    due_on = models.DateField(_("审核期限"))
    due_provisional = models.BooleanField(default=False)
    # The unit's statement that the materials are true and complete (seed 001 §6), as declared.
    truth_statement = models.TextField(_("承办机构声明"))
    note = models.TextField(_("提交说明或修改情况"), blank=True)
    materials = models.JSONField(_("审核材料"), default=dict)
    changes = models.JSONField(_("与上一轮相比的变化"), default=list)
    discretion_outside = models.BooleanField(_("超出裁量基准"), default=False)
    outside_reason = models.TextField(_("超出裁量基准的理由"), blank=True)
    opinion = models.CharField(_("审核意见"), max_length=20, choices=Opinion.choices, blank=True)
    opinion_text = models.TextField(_("书面审核意见"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_on = models.DateField(_("审核日期"), null=True, blank=True)
    document = models.JSONField(_("法制审核意见书"), default=dict, blank=True)

    class Meta:
        verbose_name = _("审核轮次")
        verbose_name_plural = _("审核轮次")
        ordering = ["request_id", "number"]
        constraints = [models.UniqueConstraint(fields=["request", "number"], name="reviewround_unique_number")]

    def __str__(self) -> str:
        return f"{self.request_id}/{self.number}"


class FindingResult(models.TextChoices):
    OK = "ok", _("符合")
    PROBLEM = "problem", _("存在问题")
    NOT_APPLICABLE = "na", _("不适用")


class Finding(models.Model):
    """The reviewer's finding on one of the nine checks in one round."""

    round = models.ForeignKey(ReviewRound, on_delete=models.CASCADE, related_name="findings")
    check_no = models.PositiveSmallIntegerField(_("审核事项"))
    result = models.CharField(_("结论"), max_length=10, choices=FindingResult.choices)
    note = models.TextField(_("说明"), blank=True)
    flagged = models.BooleanField(_("系统标记"), default=False)

    class Meta:
        ordering = ["round_id", "check_no"]
        constraints = [models.UniqueConstraint(fields=["round", "check_no"], name="finding_unique_check")]

    def __str__(self) -> str:
        return f"{self.round_id}: {self.check_no} {self.result}"

    @property
    def label(self) -> str:
        return CHECK_LABELS[self.check_no]


class CoordinationMethod(models.TextChoices):
    AGENCY_HEAD = "agency_head", _("行政机关负责人协调决定")
    COLLECTIVE = "collective", _("集体讨论决定")


class CoordinationOutcome(models.TextChoices):
    REVIEWER = "reviewer", _("采纳审核意见，承办机构修改后重新提交")
    UNIT = "unit", _("采纳承办机构意见，审核通过")


class Coordination(models.Model):
    """A disagreement between the case unit and the reviewer, settled by the agency head or a
    collective discussion (协调机制, seed 001 §5(2))."""

    request = models.ForeignKey(ReviewRequest, on_delete=models.CASCADE, related_name="coordinations")
    round = models.ForeignKey(ReviewRound, on_delete=models.CASCADE, related_name="coordinations")
    unit_position = models.TextField(_("承办机构意见"))
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_on = models.DateField(_("申请日期"))
    reviewer_position = models.TextField(_("法制审核机构意见"), blank=True)
    method = models.CharField(_("协调方式"), max_length=20, choices=CoordinationMethod.choices, blank=True)
    outcome = models.CharField(_("协调结果"), max_length=20, choices=CoordinationOutcome.choices, blank=True)
    conclusion = models.TextField(_("协调结论"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_on = models.DateField(_("协调日期"), null=True, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.request_id}: {self.outcome or '…'}"
