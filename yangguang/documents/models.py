"""Enforcement documents (执法文书): issued documents, their stored files, the per-agency number
sequences and the agency abbreviations used in document numbers.

Every write goes through ``yangguang.documents.services`` so that it lands in the ledger.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yangguang.roster.models import Agency


class AgencyAbbreviation(models.Model):
    """The agency's short name at the head of its document numbers (机关代字), e.g. 杭市监 in
    杭市监罚〔2026〕12号. Created with a default derived from the agency name on first issue and
    editable in the admin."""

    agency = models.OneToOneField(
        Agency, verbose_name=_("执法主体"), primary_key=True, on_delete=models.CASCADE, related_name="doc_abbreviation"
    )
    abbreviation = models.CharField(_("机关代字"), max_length=20, unique=True)

    class Meta:
        verbose_name = _("文书机关代字")
        verbose_name_plural = _("文书机关代字")

    def __str__(self) -> str:
        return f"{self.agency.name}：{self.abbreviation}"


class DocumentSequence(models.Model):
    """The last number issued for one (agency, year, document type). Locked with
    ``select_for_update`` while a number is taken, so concurrent issuing never duplicates."""

    agency = models.ForeignKey(Agency, verbose_name=_("执法主体"), on_delete=models.CASCADE, related_name="+")
    year = models.PositiveIntegerField(_("年度"))
    doc_type = models.CharField(_("文书种类"), max_length=40)
    last = models.PositiveIntegerField(_("已用序号"), default=0)

    class Meta:
        verbose_name = _("文书编号序列")
        verbose_name_plural = _("文书编号序列")
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "doc_type"], name="docseq_unique_agency_year_type")
        ]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.year}/{self.doc_type}: {self.last}"


class StoredFile(models.Model):
    """A file stored content-addressed (documents/<sha256[:2]>/<sha256>.docx): identical content is
    stored once. Both SHA-256 and SM3 (GB/T 32905) of the bytes are kept for verification."""

    sha256 = models.CharField(_("SHA-256"), max_length=64, unique=True)
    sm3 = models.CharField(_("SM3"), max_length=64)
    size = models.PositiveIntegerField(_("字节数"))
    name = models.CharField(_("存储路径"), max_length=200)
    content_type = models.CharField(_("类型"), max_length=100)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)

    class Meta:
        verbose_name = _("文书文件")
        verbose_name_plural = _("文书文件")

    def __str__(self) -> str:
        return self.name


class IssuedDocument(models.Model):
    """An issued enforcement document: type, number, the subject it belongs to (a label such as
    ``cases.case:42``), a snapshot of the context it was made from, the SHA-256 of its fields
    (``content_sha256``: type, issuing agency, number, snapshot) and its stored DOCX.

    The issuing transaction writes the legal facts (this row, the number, the ledger entry); the
    DOCX is rendered after commit from the durable queue and linked here (``file`` stays empty until
    then) with a second ledger entry carrying the file's hashes."""

    agency = models.ForeignKey(Agency, verbose_name=_("制作机关"), on_delete=models.PROTECT, related_name="documents")
    agency_name = models.CharField(_("机关名称"), max_length=200)
    doc_type = models.CharField(_("文书种类"), max_length=40, db_index=True)
    title = models.CharField(_("文书名称"), max_length=100)
    subject = models.CharField(_("所属对象"), max_length=200, db_index=True)
    number = models.CharField(_("文号"), max_length=80, blank=True)
    year = models.PositiveIntegerField(_("年度"))
    seq = models.PositiveIntegerField(_("序号"), null=True, blank=True)
    issued_on = models.DateField(_("文书日期"))
    context = models.JSONField(_("内容快照"))
    content_sha256 = models.CharField(_("内容哈希"), max_length=64, blank=True, default="")
    file = models.ForeignKey(
        StoredFile,
        verbose_name=_("文件"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("签发人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    issued_at = models.DateTimeField(_("签发时间"), default=timezone.now)
    # True only for the later of two documents that were issued with the same number before numbers
    # were unique across the platform (migration 0004): issued documents are never renumbered.
    legacy_duplicate = models.BooleanField(_("历史重号"), default=False, editable=False)

    class Meta:
        verbose_name = _("执法文书")
        verbose_name_plural = _("执法文书")
        ordering = ["issued_at", "pk"]
        constraints = [
            # Backstop for the sequence lock and the unique 机关代字: a number text is issued once on
            # the whole platform.
            models.UniqueConstraint(
                fields=["number"], condition=~Q(number="") & Q(legacy_duplicate=False), name="document_unique_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} {self.number}".strip()

    @property
    def display_name(self) -> str:
        return f"{self.title}（{self.number}）" if self.number else self.title

    @property
    def download_filename(self) -> str:
        return f"{self.title}{self.number}.docx" if self.number else f"{self.title}-{self.pk}.docx"


class SignerRole(models.TextChoices):
    PARTY = "party", _("当事人")
    AGENT = "agent", _("当事人委托代理人")
    INTERVIEWEE = "interviewee", _("被询问人")
    OFFICER = "officer", _("执法人员")
    RECORDER = "recorder", _("记录人")
    WITNESS = "witness", _("见证人")


class SignMethod(models.TextChoices):
    ON_SITE = "on_site", _("当场签名确认")
    SCAN = "scan", _("上传签名页扫描件")
    REFUSED = "refused", _("拒绝签名（执法人员注明）")


class DocumentSignature(models.Model):
    """One person present signing an on-site record (现场笔录、询问笔录 ...): who, in which capacity,
    when, and how it is proven — the signing recorded on site as an act, or the signed page
    scanned and stored with its hashes; a refusal is recorded with the officers' note (《行政强制法》
    第十八条：当事人拒绝的，在笔录中予以注明). Written only by ``services.sign_document``."""

    document = models.ForeignKey(
        IssuedDocument, verbose_name=_("文书"), on_delete=models.CASCADE, related_name="signatures"
    )
    signer_name = models.CharField(_("签名人"), max_length=100)
    role = models.CharField(_("身份"), max_length=20, choices=SignerRole.choices)
    method = models.CharField(_("方式"), max_length=20, choices=SignMethod.choices)
    signed_at = models.DateTimeField(_("签名时间"))
    note = models.CharField(_("说明"), max_length=500, blank=True)
    scan = models.ForeignKey(
        StoredFile, verbose_name=_("签名页扫描件"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    scan_name = models.CharField(_("扫描件文件名"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("登记人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("登记时间"), default=timezone.now)

    class Meta:
        verbose_name = _("文书签名")
        verbose_name_plural = _("文书签名")
        ordering = ["signed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.document_id} {self.signer_name}（{self.get_role_display()}）"
