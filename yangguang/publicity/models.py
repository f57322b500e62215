"""Publication after action (事后公开): publication records, their versions, the search index, the
push outbox, per-agency and per-region settings and annual statistics reports.

A ``Publication`` is generic: ``source_kind`` says what is published (a case decision today, the
result of a random inspection later) and ``source_id`` points at it, so every source publishes
through the same pipeline (redaction, due date, withdrawal, corrections, search, open data, push).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from yangguang.roster.models import Agency, Region


class SourceKind(models.TextChoices):
    CASE_DECISION = "case_decision", _("执法决定")
    INSPECTION_RESULT = "inspection_result", _("抽查检查结果")


class PublicationStatus(models.TextChoices):
    PENDING = "pending", _("待审核")
    PUBLISHED = "published", _("已公开")
    WITHDRAWN = "withdrawn", _("已撤回")
    BLOCKED = "blocked", _("不予公开")


class WithdrawGround(models.TextChoices):
    REVOKED = "revoked", _("决定被撤销")
    ILLEGAL = "illegal", _("决定被确认违法")
    REMADE = "remade", _("决定被责令重新作出")


class AgencyPublicitySetting(models.Model):
    """Per-agency publicity settings: whether a decision waits for approval before it goes out."""

    agency = models.OneToOneField(Agency, on_delete=models.CASCADE, related_name="publicity_setting")
    approval_required = models.BooleanField(_("公开前须审核"), default=False)

    def __str__(self) -> str:
        return f"{self.agency_id}: {self.approval_required}"


class RegionReportSetting(models.Model):
    """Per-region deadline of the annual statistics report (统计年报): a day in January."""

    region = models.OneToOneField(Region, on_delete=models.CASCADE, related_name="report_setting")
    january_day = models.PositiveSmallIntegerField(_("年报截止日（1月）"), default=31)

    def __str__(self) -> str:
        return f"{self.region_id}: 1/{self.january_day}"


class Publication(models.Model):
    """One published item (公示信息): its redacted text, its due date and its life (pending,
    published, withdrawn with a public reason, blocked); it leaves the public view after
    ``expires_on`` but stays archived."""

    source_kind = models.CharField(_("来源"), max_length=30, choices=SourceKind.choices)
    source_id = models.BigIntegerField(_("来源编号"))
    case = models.ForeignKey("cases.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="publications")
    agency = models.ForeignKey(Agency, verbose_name=_("执法主体"), on_delete=models.PROTECT, related_name="+")
    region = models.ForeignKey(Region, verbose_name=_("区划"), on_delete=models.PROTECT, related_name="+")
    region_path = models.CharField(max_length=200, db_index=True)
    action_kind = models.CharField(_("执法类别"), max_length=20)
    number = models.CharField(_("文号"), max_length=120, blank=True)
    title = models.CharField(_("标题"), max_length=300)
    party_label = models.CharField(_("执法对象"), max_length=200, blank=True)
    conclusion = models.CharField(_("执法结论"), max_length=300, blank=True)
    decided_on = models.DateField(_("决定日期"))
    due_on = models.DateField(_("公开期限"))
    status = models.CharField(_("状态"), max_length=20, choices=PublicationStatus.choices)
    blocked_reason = models.CharField(_("不予公开理由"), max_length=200, blank=True)
    published_on = models.DateField(_("公开日期"), null=True, blank=True)
    expires_on = models.DateField(_("公示截止"), null=True, blank=True)
    original_text = models.TextField(_("原文"))
    redacted_text = models.TextField(_("公开文本"))
    search_text = models.TextField(blank=True)
    length = models.PositiveIntegerField(default=0)
    # {"terms": [manual redactions], "period_months": publication period}
    manual_terms = models.JSONField(_("人工遮蔽与公示期"), default=dict, blank=True)
    version = models.PositiveIntegerField(default=1)
    revoked_on = models.DateField(_("撤销等事由发生日期"), null=True, blank=True)
    withdraw_due = models.DateField(_("撤回期限"), null=True, blank=True)
    withdrawn_on = models.DateField(_("撤回日期"), null=True, blank=True)
    withdraw_ground = models.CharField(_("撤回事由"), max_length=20, choices=WithdrawGround.choices, blank=True)
    withdraw_reason = models.TextField(_("撤回理由"), blank=True)
    ledger_seq = models.BigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("公示信息")
        verbose_name_plural = _("公示信息")
        ordering = ["-published_on", "-pk"]
        constraints = [models.UniqueConstraint(fields=["source_kind", "source_id"], name="publication_unique_source")]
        indexes = [
            models.Index(fields=["status", "published_on"]),
            models.Index(fields=["withdrawn_on"]),
            models.Index(fields=["agency", "status", "due_on"]),
            # The portal walks one agency's live publications newest first (search with an agency
            # filter when the agency has fewer publications than the query's rarest token).
            models.Index(fields=["agency", "status", "published_on"], name="publication_agency_published"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def subject_label(self) -> str:
        return f"publicity.publication:{self.pk}"


class PublicationVersion(models.Model):
    """A version of a publication's public text (更正历史). Only the current version's text is
    public; the public history says that, when and why a correction happened, never an earlier text.

    The public ledger entry of a version carries no text: it commits to the version's public fields
    by ``commitment`` = SHA-256(``salt`` ‖ canonical JSON of title, party, conclusion, text, reason).
    The salt is served with the current version so anyone can check the entry; it is deleted on
    withdrawal and on expiry, after which the entry reveals nothing of the words (and cannot be
    brute-forced from guesses)."""

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField()
    redacted_text = models.TextField()
    reason = models.TextField(blank=True)
    created_on = models.DateField()
    ledger_seq = models.BigIntegerField(null=True, blank=True)
    salt = models.CharField(max_length=64, blank=True)
    commitment = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["publication_id", "version"]
        constraints = [models.UniqueConstraint(fields=["publication", "version"], name="pubversion_unique")]

    def __str__(self) -> str:
        return f"{self.publication_id} v{self.version}"


class SearchToken(models.Model):
    """A token of the search index: one CJK character (unigram) or two adjacent ones (bigram), or a
    lowercased latin/digit word; ``df`` is the number of publications containing it."""

    text = models.CharField(max_length=40, unique=True)
    df = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return self.text


class Posting(models.Model):
    """One (token, publication) pair of the inverted index with the term frequency.

    ``published_on`` (and ``agency``) are the publication's, copied here so that one index (token,
    date, publication) hands out a token's publications newest first: a search walks that index and
    stops after a page, however common the word (罚款 is in most decisions). Publications are
    indexed when published and unindexed when withdrawn, and their date never changes between."""

    token = models.ForeignKey(SearchToken, on_delete=models.CASCADE, related_name="+", db_index=False)
    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="+")
    published_on = models.DateField()
    # The publication's agency (it never changes): with an agency filter a search walks
    # (token, agency, date, publication), the exact intersection, newest first.
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+", db_index=False)
    # The publication's county-level region (县级区划: its region, or the county its township lies
    # in; NULL when the publication belongs to a city or province as a whole). With a county or
    # township filter a search walks (token, county, date, publication) instead of checking the
    # region of every posting it passes. DO_NOTHING: a region with publications cannot be deleted
    # (Publication.region protects it), and Django need not scan postings to find that out.
    county = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.DO_NOTHING, related_name="+", db_index=False
    )
    tf = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["token", "published_on", "publication"], name="posting_token_date_pub")
        ]
        indexes = [
            models.Index(fields=["token", "agency", "published_on", "publication"], name="posting_token_agency_date"),
            models.Index(fields=["token", "county", "published_on", "publication"], name="posting_token_county_date"),
        ]

    def __str__(self) -> str:
        return f"{self.token_id}@{self.publication_id}"


class PushStatus(models.TextChoices):
    PENDING = "pending", _("待推送")
    DONE = "done", _("已推送")
    FAILED = "failed", _("推送失败（已放弃）")


# What a push task tells the superior platform, in words.
PUSH_EVENT_LABELS = {"publish": _("公开"), "correct": _("更正"), "withdraw": _("撤回")}


class PushTask(models.Model):
    """Outbox row: one event (publish, withdraw, correct, a ledger checkpoint) to push to the
    superior platform, written in the transaction of the event; ``key`` is the idempotency key the
    receiver deduplicates on."""

    key = models.CharField(max_length=100, unique=True)
    event = models.CharField(max_length=20)
    # None for events that are not about one publication (a ledger checkpoint).
    publication = models.ForeignKey(
        Publication, on_delete=models.CASCADE, related_name="push_tasks", null=True, blank=True
    )
    payload = models.JSONField()
    status = models.CharField(max_length=10, choices=PushStatus.choices, default=PushStatus.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return self.key

    @property
    def event_label(self) -> str:
        return str(PUSH_EVENT_LABELS.get(self.event, self.event))


class AnnualReport(models.Model):
    """An agency's annual statistics report (行政执法统计年报) for a year: the computed figures,
    reviewed and published."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="annual_reports")
    year = models.PositiveIntegerField()
    data = models.JSONField()
    deadline = models.DateField()
    published_on = models.DateField(null=True, blank=True)
    published_by = models.CharField(max_length=150, blank=True)
    ledger_seq = models.BigIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-year", "agency_id"]
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="annualreport_unique")]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.year}"
