"""Roster (事前公开 data): regions, agencies, officers, users, enforcement items, inspection
items and regulated entities.

Every write goes through ``yangguang.roster.services`` so that it lands in the ledger.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yangguang.access import policy
from yangguang.core.validators import validate_division_code, validate_uscc
from yangguang.roster import certificate_history as history
from yangguang.roster.roles import admin_site_permissions_of


class RegionLevel(models.TextChoices):
    PROVINCE = "province", _("省")
    CITY = "city", _("市")
    COUNTY = "county", _("县（区）")
    TOWNSHIP = "township", _("乡镇（街道）")


class ActionKind(models.TextChoices):
    """Kinds of enforcement action (执法类别, domain.md §2)."""

    LICENSING = "licensing", _("行政许可")
    PENALTY = "penalty", _("行政处罚")
    COERCION = "coercion", _("行政强制")
    INSPECTION = "inspection", _("行政检查")
    LEVY = "levy", _("行政征收")
    REQUISITION = "requisition", _("行政征用")
    CONFIRMATION = "confirmation", _("行政确认")
    BENEFIT = "benefit", _("行政给付")
    REWARD = "reward", _("行政奖励")
    ADJUDICATION = "adjudication", _("行政裁决")
    OTHER = "other", _("其他行政权力")


class Region(models.Model):
    """An administrative division: six-digit GB/T 2260 code down to county, nine digits for townships."""

    code = models.CharField(_("行政区划代码"), max_length=9, unique=True, validators=[validate_division_code])
    name = models.CharField(_("名称"), max_length=100)
    level = models.CharField(_("级别"), max_length=10, choices=RegionLevel.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("上级区划"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    # Materialized path of codes ("/330000/330100/330102/") so that "this region and below" is one
    # indexed prefix query instead of a recursive walk.
    path = models.CharField(max_length=200, db_index=True, editable=False)

    class Meta:
        verbose_name = _("行政区划")
        verbose_name_plural = _("行政区划")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.name}（{self.code}）"

    def compute_path(self) -> str:
        prefix = self.parent.path if self.parent_id and self.parent else "/"
        return f"{prefix}{self.code}/"


class Agency(models.Model):
    """An enforcement body (执法主体)."""

    name = models.CharField(_("名称"), max_length=200)
    uscc = models.CharField(_("统一社会信用代码"), max_length=18, unique=True, validators=[validate_uscc])
    region = models.ForeignKey(Region, verbose_name=_("所属区划"), on_delete=models.PROTECT, related_name="agencies")
    parent = models.ForeignKey(
        "self", verbose_name=_("上级机关"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    power_kinds = models.JSONField(_("执法类别"), default=list, blank=True, help_text=_("ActionKind 代码列表"))
    legal_basis = models.TextField(_("设立及执法依据"), blank=True)
    is_supervisor = models.BooleanField(
        _("执法监督机构"), default=False, help_text=_("司法行政机关：监督本区划及下级区划的所有执法主体")
    )
    address = models.CharField(_("地址"), max_length=200, blank=True)
    phone = models.CharField(_("电话"), max_length=50, blank=True)
    # Remedies and payment printed in decisions (issue 16): real roster data, never derived. The
    # database defaults let rows written by older code (and older migrations' states) in.
    reconsideration_organ = models.CharField(
        _("行政复议机关"),
        max_length=200,
        blank=True,
        db_default="",
        help_text=_(
            "如：杭州市西湖区人民政府（《行政复议法》第二十四条）；垂直管理的执法主体不填，以上级机关为复议机关"
        ),
    )
    vertical_management = models.BooleanField(
        _("垂直管理"),
        default=False,
        db_default=False,
        help_text=_(
            "海关、金融、外汇管理等实行垂直领导的机关和税务、国家安全机关：行政复议机关为上级主管部门（《行政复议法》第二十七条）"
        ),
    )
    court = models.CharField(
        _("管辖人民法院"),
        max_length=200,
        blank=True,
        db_default="",
        help_text=_("提起行政诉讼、申请强制执行的人民法院，如：杭州市西湖区人民法院"),
    )
    payment_account = models.CharField(
        _("罚没款缴纳账户"),
        max_length=300,
        blank=True,
        db_default="",
        help_text=_("开户银行、户名、账号，如：中国工商银行杭州分行（户名：杭州市财政局非税收入汇缴结算户，账号：…）"),
    )
    is_active = models.BooleanField(_("有效"), default=True)

    class Meta:
        verbose_name = _("执法主体")
        verbose_name_plural = _("执法主体")
        ordering = ["region__code", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def reconsideration_organ_name(self) -> str:
        """The organ that hears a reconsideration of this agency's decisions: the superior
        department for a vertically managed agency, else the organ the roster names."""
        if self.vertical_management:
            return self.parent.name if self.parent is not None else ""
        return self.reconsideration_organ.strip()

    def missing_appeal_data(self, *, account: bool = False) -> list[str]:
        """What the roster lacks for a decision's remedies (and its payment account), in Chinese."""
        missing = []
        if not self.reconsideration_organ_name:
            missing.append("行政复议机关（垂直管理的须填写上级机关）" if self.vertical_management else "行政复议机关")
        if not self.court.strip():
            missing.append("管辖人民法院")
        if account and not self.payment_account.strip():
            missing.append("罚没款缴纳账户")
        return missing


class Unit(models.Model):
    """An internal unit of an agency (内设机构), e.g. a case-handling unit or the legal review unit."""

    agency = models.ForeignKey(Agency, verbose_name=_("执法主体"), on_delete=models.CASCADE, related_name="units")
    name = models.CharField(_("名称"), max_length=100)
    is_review_unit = models.BooleanField(_("法制审核机构"), default=False)

    class Meta:
        verbose_name = _("内设机构")
        verbose_name_plural = _("内设机构")
        constraints = [models.UniqueConstraint(fields=["agency", "name"], name="unit_unique_name_per_agency")]
        ordering = ["agency_id", "name"]

    def __str__(self) -> str:
        return f"{self.agency.name} / {self.name}"


class CertificateStatus(models.TextChoices):
    VALID = "valid", _("有效")
    EXPIRED = "expired", _("已过期")
    SUSPENDED = "suspended", _("暂扣")
    REVOKED = "revoked", _("已吊销")


class Officer(models.Model):
    """An enforcement officer (执法人员) with their certificate (执法证)."""

    name = models.CharField(_("姓名"), max_length=50)
    agency = models.ForeignKey(Agency, verbose_name=_("执法主体"), on_delete=models.PROTECT, related_name="officers")
    unit = models.ForeignKey(
        Unit, verbose_name=_("内设机构"), null=True, blank=True, on_delete=models.SET_NULL, related_name="officers"
    )
    post = models.CharField(_("职务"), max_length=50, blank=True)
    certificate_no = models.CharField(_("执法证号"), max_length=40, unique=True)
    categories = models.JSONField(_("执法类别"), default=list, blank=True)
    region = models.ForeignKey(Region, verbose_name=_("执法区域"), on_delete=models.PROTECT, related_name="officers")
    cert_valid_from = models.DateField(_("证件有效期起"))
    cert_valid_until = models.DateField(_("证件有效期至"))
    cert_status = models.CharField(
        _("证件状态"), max_length=10, choices=CertificateStatus.choices, default=CertificateStatus.VALID
    )
    legal_qualification = models.BooleanField(_("具有法律职业资格"), default=False)
    is_reviewer = models.BooleanField(_("法制审核人员"), default=False)
    photo = models.ImageField(_("照片"), upload_to="officer_photos/", blank=True)

    class Meta:
        verbose_name = _("执法人员")
        verbose_name_plural = _("执法人员")
        ordering = ["agency_id", "name"]
        indexes = [models.Index(fields=["name"]), models.Index(fields=["agency", "cert_status"])]

    def __str__(self) -> str:
        return f"{self.name}（{self.certificate_no}）"

    def certificate_history(self) -> list[history.EventLike]:
        """The certificate's dated history in recording order (prefetch ``certificate_events`` for
        lists); an officer recorded before the history existed is judged from the current fields."""
        if self.pk is not None:
            cached = getattr(self, "_certificate_history", None)
            if cached is None:
                cached = sorted(self.certificate_events.all(), key=lambda e: e.pk)
                self._certificate_history = cached
            if cached:
                return list(cached)
        return list(
            history.events_from_fields(
                self.cert_valid_from, self.cert_valid_until, self.cert_status, today=timezone.localdate()
            )
        )

    def refresh_from_db(self, *args: Any, **kwargs: Any) -> None:
        self.forget_certificate_history()
        super().refresh_from_db(*args, **kwargs)

    def forget_certificate_history(self) -> None:
        """Drop the history read by ``certificate_history`` (after a service appended to it)."""
        self.__dict__.pop("_certificate_history", None)
        getattr(self, "_prefetched_objects_cache", {}).pop("certificate_events", None)

    def certificate_state_on(self, day: dt.date | None = None) -> history.CertificateState:
        """The certificate judged on ``day`` from its history (``roster.certificate_history.judge``)."""
        return history.judge(self.certificate_history(), day or timezone.localdate(), self.certificate_no)

    def certificate_valid_on(self, day: dt.date | None = None) -> bool:
        """Was the certificate valid on ``day`` (judged from its history, not today's fields)?"""
        return self.certificate_state_on(day).valid

    def effective_status(self, day: dt.date | None = None) -> str:
        """The status as a citizen should see it on ``day`` (today): from the history, so a lapsed
        date reads as expired and a day before the period as not yet valid."""
        return self.certificate_state_on(day).status


class CertificateEventKind(models.TextChoices):
    ISSUE = history.ISSUE, _("发证")
    RENEWAL = history.RENEWAL, _("换证")
    SUSPENSION = history.SUSPENSION, _("暂扣")
    REINSTATEMENT = history.REINSTATEMENT, _("恢复")
    REVOCATION = history.REVOCATION, _("吊销")
    LAPSE = history.LAPSE, _("失效")


class CertificateEvent(models.Model):
    """One dated step of a certificate's history (执法证历史): issue, renewal, suspension,
    reinstatement, revocation, lapse. Written only by the certificate services, each with its
    ledger entry; never edited. ``effective_on`` is the day the step takes effect (for an issue or
    a renewal, the first day of its period), which may precede the day it was recorded."""

    officer = models.ForeignKey(
        Officer, verbose_name=_("执法人员"), on_delete=models.PROTECT, related_name="certificate_events"
    )
    certificate_no = models.CharField(_("执法证号"), max_length=40)
    kind = models.CharField(_("事项"), max_length=20, choices=CertificateEventKind.choices)
    effective_on = models.DateField(_("生效日期"))
    valid_from = models.DateField(_("有效期起"), null=True, blank=True)
    valid_until = models.DateField(_("有效期至"), null=True, blank=True)
    reason = models.CharField(_("事由"), max_length=200, blank=True)
    authority = models.ForeignKey(
        Agency, verbose_name=_("发证机关"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("记录时间"), default=timezone.now)
    recorded_by = models.ForeignKey(
        "User", verbose_name=_("记录人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source = models.CharField(_("来源"), max_length=20, default="service")
    ledger_seq = models.BigIntegerField(_("记录序号"), null=True, blank=True)

    class Meta:
        verbose_name = _("执法证历史")
        verbose_name_plural = _("执法证历史")
        ordering = ["officer_id", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind__in=[history.ISSUE, history.RENEWAL])
                | models.Q(
                    valid_from__isnull=False, valid_until__isnull=False, valid_from__lte=models.F("valid_until")
                ),
                name="certevent_period_complete",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.certificate_no} {self.get_kind_display()} {self.effective_on}"


class QualificationKind(models.TextChoices):
    LEGAL_QUALIFICATION = "legal_qualification", _("法律职业资格")
    REVIEWER = "reviewer", _("法制审核人员")


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("待审核")
    GRANTED = "granted", _("已准予")
    REFUSED = "refused", _("不予准予")


class QualificationRequest(models.Model):
    """An agency head's request that an officer of his agency be recorded as holding the legal
    professional qualification (法律职业资格) or be designated a legal reviewer (法制审核人员). The
    agency head may only ask: the certificate-issuing justice bureau's security administrator
    grants or refuses (and may also grant without a request)."""

    officer = models.ForeignKey(
        Officer, verbose_name=_("执法人员"), on_delete=models.PROTECT, related_name="qualification_requests"
    )
    kind = models.CharField(_("事项"), max_length=30, choices=QualificationKind.choices)
    grant = models.BooleanField(_("授予"), default=True, help_text=_("否：申请撤销"))
    evidence = models.CharField(_("依据"), max_length=200, help_text=_("如法律职业资格证书编号、任命文件"))
    status = models.CharField(_("状态"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.PENDING)
    requested_by = models.ForeignKey(
        "User", verbose_name=_("申请人"), on_delete=models.PROTECT, related_name="qualification_requests"
    )
    requested_at = models.DateTimeField(_("申请时间"), default=timezone.now)
    decided_by = models.ForeignKey(
        "User", verbose_name=_("审核人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    decision_note = models.CharField(_("审核意见"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("资格申请")
        verbose_name_plural = _("资格申请")
        ordering = ["-requested_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.officer.name} {self.get_kind_display()} {self.get_status_display()}"


class Role(models.TextChoices):
    """Roles. The three administrators are separated (三员分立, 等保 2.0 level 3): the system
    administrator configures (master data imports, the calendar, settings), the security
    administrator manages accounts, roles, password resets, certificates and qualifications, the
    audit administrator reads the audit log and the ledger. None of them has any power over cases,
    and none can act as another user."""

    OFFICER = "officer", _("执法人员")
    UNIT_HEAD = "unit_head", _("承办机构负责人")
    REVIEWER = "reviewer", _("法制审核人员")
    AGENCY_HEAD = "agency_head", _("行政机关负责人")
    SUPERVISOR = "supervisor", _("执法监督人员")
    SYSTEM_ADMIN = "system_admin", _("系统管理员")
    SECURITY_ADMIN = "security_admin", _("安全管理员")
    AUDIT_ADMIN = "audit_admin", _("审计管理员")


# The three separated administrator roles (三员).
ADMIN_ROLES = frozenset({Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN})
# Roles that act in enforcement (cases, reviews, publications).
ENFORCEMENT_ROLES = frozenset({Role.OFFICER, Role.UNIT_HEAD, Role.REVIEWER, Role.AGENCY_HEAD, Role.SUPERVISOR})


class YangguangUserManager(UserManager["User"]):
    def create_superuser(self, *args: object, **kwargs: object) -> User:
        """``createsuperuser`` would make one account with every power; 三员分立 forbids it."""
        raise ValidationError(
            _("本平台不设超级用户（三员分立）：请用 manage.py create_admin 创建系统管理员、安全管理员或审计管理员")
        )


class User(AbstractUser):
    """A login. Officers, unit heads, reviewers and agency heads belong to an agency; supervisors to the
    justice bureau of a region, whose agencies (and those of the regions below) they oversee.

    ``is_superuser`` is never set (a database constraint says so): Django's superuser shortcut would
    give one account every power, which 三员分立 forbids. Django admin permissions come from the
    role (``roster.roles.ADMIN_SITE_PERMISSIONS``) through ``has_perm``."""

    role = models.CharField(_("角色"), max_length=20, choices=Role.choices, default=Role.OFFICER)
    objects = YangguangUserManager()  # type: ignore[misc]
    agency = models.ForeignKey(
        Agency, verbose_name=_("所属执法主体"), null=True, blank=True, on_delete=models.PROTECT, related_name="users"
    )
    officer = models.OneToOneField(
        Officer, verbose_name=_("执法人员"), null=True, blank=True, on_delete=models.SET_NULL, related_name="user"
    )
    full_name = models.CharField(_("姓名"), max_length=50, blank=True)
    # Set by a password reset (one-time password) and by expiry: every page asks for a new password
    # until it is changed.
    must_change_password = models.BooleanField(_("须修改密码"), default=False)
    password_changed_at = models.DateTimeField(_("密码修改时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")
        constraints = [
            models.CheckConstraint(condition=models.Q(is_superuser=False), name="user_never_superuser"),
        ]

    def display_name(self) -> str:
        return self.full_name or (self.officer.name if self.officer else "") or self.username

    # Django admin permissions come from the role only (no superuser shortcut, no per-user grants),
    # judged by the permission policy's ``admin.permission`` (roster/access_rules.py).
    def has_perm(self, perm: str, obj: object = None) -> bool:
        return bool(self.is_active) and policy.allows(self, "admin.permission", perm)

    def has_perms(self, perm_list: object, obj: object = None) -> bool:
        return all(self.has_perm(p, obj) for p in perm_list)  # type: ignore[attr-defined]

    def has_module_perms(self, app_label: str) -> bool:
        return any(self.has_perm(p) for p in admin_site_permissions_of(self.role, app_label))


class EnforcementItem(models.Model):
    """An item of the enforcement item catalog / power list (执法事项清单 / 权责清单) with its service
    guide (服务指南, domain.md §3)."""

    agency = models.ForeignKey(Agency, verbose_name=_("实施主体"), on_delete=models.PROTECT, related_name="items")
    code = models.CharField(_("事项编码"), max_length=50)
    name = models.CharField(_("事项名称"), max_length=200)
    kind = models.CharField(_("执法类别"), max_length=20, choices=ActionKind.choices)
    duty = models.TextField(_("责任事项"), blank=True)
    authority = models.TextField(_("职权内容"), blank=True)
    legal_basis = models.TextField(_("设定依据"), blank=True)
    accepting_body = models.CharField(_("受理机构"), max_length=200, blank=True)
    approving_body = models.CharField(_("审批机构"), max_length=200, blank=True)
    conditions = models.TextField(_("许可条件"), blank=True)
    preferential_policies = models.TextField(_("优惠政策"), blank=True)
    materials = models.TextField(_("申请材料"), blank=True)
    process = models.TextField(_("办理流程"), blank=True)
    time_limit = models.CharField(_("办理时限"), max_length=100, blank=True)
    supervision = models.TextField(_("监督方式"), blank=True)
    accountability = models.TextField(_("责任追究"), blank=True)
    remedies = models.TextField(_("救济渠道"), blank=True)
    office_hours = models.CharField(_("办公时间"), max_length=100, blank=True)
    address = models.CharField(_("办公地址"), max_length=200, blank=True)
    phone = models.CharField(_("咨询电话"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("执法事项")
        verbose_name_plural = _("执法事项")
        constraints = [models.UniqueConstraint(fields=["agency", "code"], name="item_unique_code_per_agency")]
        ordering = ["agency_id", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class InspectionItem(models.Model):
    """An item of the random inspection list (随机抽查事项清单)."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("抽查主体"), on_delete=models.PROTECT, related_name="inspection_items"
    )
    code = models.CharField(_("事项编码"), max_length=50)
    name = models.CharField(_("抽查事项"), max_length=200)
    legal_basis = models.TextField(_("抽查依据"), blank=True)
    targets = models.CharField(_("抽查对象"), max_length=200, blank=True)
    content = models.TextField(_("抽查内容"), blank=True)
    ratio_percent = models.DecimalField(_("抽查比例（%）"), max_digits=5, decimal_places=2, default=5)
    method = models.CharField(_("抽查方式"), max_length=100, blank=True)
    frequency = models.CharField(_("抽查频次"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("随机抽查事项")
        verbose_name_plural = _("随机抽查事项")
        constraints = [models.UniqueConstraint(fields=["agency", "code"], name="inspitem_unique_code_per_agency")]
        ordering = ["agency_id", "code"]

    def __str__(self) -> str:
        return self.name


class RiskGrade(models.TextChoices):
    LOW = "low", _("低风险")
    MEDIUM = "medium", _("一般风险")
    HIGH = "high", _("高风险")


class Entity(models.Model):
    """A regulated market entity (市场主体) of the shared target directory (名录库).

    ``registering_agency`` is the authority that registered the entity (登记机关, e.g. the market
    regulation bureau) and owns its directory entry: only it (its agency head) and the system
    administrator change the entry directly; any other agency's edit or import becomes an
    ``EntityChangeProposal`` that the owner accepts or rejects."""

    name = models.CharField(_("名称"), max_length=200)
    uscc = models.CharField(_("统一社会信用代码"), max_length=18, unique=True, validators=[validate_uscc])
    legal_representative = models.CharField(_("法定代表人"), max_length=50, blank=True)
    address = models.CharField(_("注册地址"), max_length=200, blank=True)
    phone = models.CharField(_("联系方式"), max_length=50, blank=True)
    region = models.ForeignKey(
        Region, verbose_name=_("所属区划"), null=True, blank=True, on_delete=models.PROTECT, related_name="entities"
    )
    industry = models.CharField(_("行业"), max_length=100, blank=True)
    risk_grade = models.CharField(_("风险等级"), max_length=10, choices=RiskGrade.choices, default=RiskGrade.LOW)
    registering_agency = models.ForeignKey(
        Agency,
        verbose_name=_("登记机关"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="registered_entities",
    )

    class Meta:
        verbose_name = _("市场主体")
        verbose_name_plural = _("市场主体")
        ordering = ["name"]
        indexes = [models.Index(fields=["name"])]

    def __str__(self) -> str:
        return self.name


# Fields of a directory entry that a change proposal may carry (the USCC is its key).
ENTITY_PROPOSAL_FIELDS = ("name", "legal_representative", "address", "phone", "region_id", "industry", "risk_grade")


class ProposalStatus(models.TextChoices):
    PENDING = "pending", _("待审核")
    ACCEPTED = "accepted", _("已采纳")
    REJECTED = "rejected", _("未采纳")
    SUPERSEDED = "superseded", _("已被新申请替代")


class EntityChangeProposal(models.Model):
    """A change to a directory entry proposed by an agency that does not own it (an edit, an API
    call or an import row); the registering agency (or the system administrator) decides.
    ``changes`` holds the proposed values by field, ``original`` the values when proposed."""

    entity = models.ForeignKey(Entity, verbose_name=_("市场主体"), on_delete=models.PROTECT, related_name="proposals")
    agency = models.ForeignKey(
        Agency, verbose_name=_("申请机关"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    proposed_by = models.ForeignKey(User, verbose_name=_("申请人"), on_delete=models.PROTECT, related_name="+")
    changes = models.JSONField(_("拟变更内容"))
    original = models.JSONField(_("原内容"))
    source = models.CharField(_("来源"), max_length=10, default="edit")
    status = models.CharField(_("状态"), max_length=12, choices=ProposalStatus.choices, default=ProposalStatus.PENDING)
    created_at = models.DateTimeField(_("申请时间"), default=timezone.now)
    decided_by = models.ForeignKey(
        User, verbose_name=_("审核人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    note = models.CharField(_("审核意见"), max_length=200, blank=True)
    ledger_seq = models.BigIntegerField(_("记录序号"), null=True, blank=True)

    class Meta:
        verbose_name = _("市场主体变更申请")
        verbose_name_plural = _("市场主体变更申请")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["entity", "status"])]

    def __str__(self) -> str:
        return f"{self.entity.name} {self.get_status_display()}"
