"""Evidence and audio-visual records (证据、音像记录), their storage, the AV item list
(音像记录事项清单), recording exceptions and the record-access log (调阅记录).

Nothing here is ever deleted: a record's bytes may be purged once its retention period has passed
and no legal hold stands, and the record itself (with its hashes) stays.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from yangguang.roster.models import Agency, Officer


class EvidenceKind(models.TextChoices):
    PHOTO = "photo", _("照片")
    VIDEO = "video", _("视频")
    AUDIO = "audio", _("录音")
    DOCUMENT = "document", _("书证、文件")
    ELECTRONIC = "electronic", _("电子数据")
    ON_SITE = "on_site", _("现场笔录")


AV_KINDS = frozenset({EvidenceKind.VIDEO, EvidenceKind.AUDIO})


class Blob(models.Model):
    """Stored bytes, named by their SHA-256 (content-addressed: identical content is stored once).

    ``purged_at`` is set when the bytes were removed after retention; the hashes stay."""

    sha256 = models.CharField(_("SHA-256"), max_length=64, unique=True)
    sm3 = models.CharField(_("SM3"), max_length=64)
    size = models.BigIntegerField(_("字节数"))
    backend = models.CharField(_("存储后端"), max_length=10)
    created_at = models.DateTimeField(_("存储时间"), auto_now_add=True)
    purged_at = models.DateTimeField(_("清除时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("存储文件")
        verbose_name_plural = _("存储文件")

    def __str__(self) -> str:
        return self.sha256


class Evidence(models.Model):
    """One evidence or AV record of a case (证据/音像记录), appended to the ledger when complete.

    ``step`` is the workflow action it documents (e.g. ``impose`` for 实施查封、扣押); the hashes are
    copied from the blob so that they survive a purge."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="evidence")
    step = models.CharField(_("执法环节"), max_length=50, blank=True)
    kind = models.CharField(_("类别"), max_length=20, choices=EvidenceKind.choices)
    officer = models.ForeignKey(
        Officer, verbose_name=_("执法人员"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    device_no = models.CharField(_("设备编号"), max_length=60, blank=True)
    capture_start = models.DateTimeField(_("开始时间"), null=True, blank=True)
    capture_end = models.DateTimeField(_("结束时间"), null=True, blank=True)
    location = models.CharField(_("地点"), max_length=200, blank=True)
    description = models.TextField(_("说明"), blank=True)
    filename = models.CharField(_("文件名"), max_length=255)
    content_type = models.CharField(_("文件类型"), max_length=100)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    sm3 = models.CharField(_("SM3"), max_length=64)
    size = models.BigIntegerField(_("字节数"))
    blob = models.ForeignKey(Blob, on_delete=models.PROTECT, related_name="evidence")
    retention_years = models.PositiveIntegerField(_("存储期限（年）"), null=True, blank=True)
    legal_hold = models.BooleanField(_("依法保全（禁止清除）"), default=False)
    purged_at = models.DateTimeField(_("清除时间"), null=True, blank=True)
    ledger_seq = models.BigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("证据")
        verbose_name_plural = _("证据")
        ordering = ["case_id", "capture_start", "pk"]
        indexes = [models.Index(fields=["case", "step"])]

    def __str__(self) -> str:
        return f"{self.case_id}/{self.pk} {self.filename}"

    @property
    def subject_label(self) -> str:
        return f"evidence.evidence:{self.pk}"


class RecordingRule(models.Model):
    """One line of an agency's AV item list (音像记录事项清单): for a kind of case and a step
    (记录环节), whether AV recording is required, whether it must be full-process (全程), what it
    must capture (内容, 开始, 结束) and how long it is kept (存储期限). Agencies without their own
    line for a step get the defaults in ``rules.DEFAULT_RULES``."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="recording_rules")
    case_kind = models.CharField(_("案件类别"), max_length=20)
    step = models.CharField(_("记录环节"), max_length=50)
    required = models.BooleanField(_("必须音像记录"), default=False)
    full_process = models.BooleanField(_("全程音像记录"), default=False)
    method = models.CharField(_("记录方式"), max_length=100, blank=True)
    start = models.CharField(_("开始"), max_length=200, blank=True)
    content = models.TextField(_("记录内容"), blank=True)
    end = models.CharField(_("结束"), max_length=200, blank=True)
    storage_years = models.PositiveIntegerField(_("存储期限（年）"), default=6)

    class Meta:
        verbose_name = _("音像记录事项")
        verbose_name_plural = _("音像记录事项清单")
        constraints = [
            models.UniqueConstraint(fields=["agency", "case_kind", "step"], name="recordingrule_unique_step")
        ]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.case_kind}/{self.step}"


class RecordingException(models.Model):
    """An officer's statement that a mandatory recording could not be made (e.g. device failure);
    lets the step proceed and is flagged for the supervisor until reviewed."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="recording_exceptions")
    step = models.CharField(_("执法环节"), max_length=50)
    reason = models.TextField(_("理由"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("审阅时间"), null=True, blank=True)
    review_note = models.TextField(_("审阅意见"), blank=True)

    class Meta:
        verbose_name = _("音像记录例外")
        verbose_name_plural = _("音像记录例外")
        ordering = ["-recorded_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.case_id}/{self.step}"


class AccessKind(models.TextChoices):
    VIEW = "view", _("查看")
    DOWNLOAD = "download", _("下载")
    EXPORT = "export", _("导出案卷")
    DOCUMENT = "document", _("查看文书")


class AccessLog(models.Model):
    """One access to evidence (调阅): who, when, why; each is also a ledger entry."""

    evidence = models.ForeignKey(Evidence, null=True, blank=True, on_delete=models.PROTECT, related_name="accesses")
    # A document of the case opened from a page that reads the file (the legal review page).
    document = models.ForeignKey(
        "documents.IssuedDocument", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="evidence_accesses")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    user_name = models.CharField(_("调阅人"), max_length=100)
    kind = models.CharField(_("方式"), max_length=10, choices=AccessKind.choices)
    reason = models.TextField(_("调阅事由"))
    at = models.DateTimeField(_("调阅时间"), auto_now_add=True)
    ledger_seq = models.BigIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("调阅记录")
        verbose_name_plural = _("调阅记录")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.case_id}/{self.evidence_id} {self.kind}"


class UploadStatus(models.TextChoices):
    OPEN = "open", _("上传中")
    DONE = "done", _("已完成")
    TERMINATED = "terminated", _("已终止")
    EXPIRED = "expired", _("已过期")


class Upload(models.Model):
    """A tus resumable upload (断点续传). The bytes received so far are kept in a staging file
    (``YG_UPLOAD_STAGING_DIR``, shared by every process of a host, or by every host on a shared
    volume); ``offset`` is how many of them are confirmed and ``hash_state`` the SM3 and SHA-256
    states at that offset, so any process continues the upload. ``lease_until``/``lease_token``:
    the one PATCH writing now. When the last byte is confirmed, finalization fixes ``sha256``,
    ``sm3`` and ``content_type`` here first, then stores the bytes, then creates the evidence record,
    its ledger entry and ``status=done`` in one transaction: each step can be repeated, so a request
    after a crash (HEAD or PATCH) completes it exactly once."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    length = models.BigIntegerField()
    offset = models.BigIntegerField(default=0)
    metadata = models.JSONField(default=dict)
    status = models.CharField(max_length=12, choices=UploadStatus.choices, default=UploadStatus.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    evidence = models.ForeignKey(Evidence, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    hash_state = models.JSONField(default=dict, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    lease_token = models.CharField(max_length=32, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    sm3 = models.CharField(max_length=64, blank=True)
    content_type = models.CharField(max_length=100, blank=True)

    class Meta:
        verbose_name = _("断点续传")
        verbose_name_plural = _("断点续传")

    def __str__(self) -> str:
        return str(self.id)
