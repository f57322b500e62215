"""Account security state: login throttles (per account and per client address), password history,
password resets (one-time passwords), and the optional second factor (TOTP, RFC 6238) with its
recovery codes. Every change goes through ``accounts.services``, which records it in the ledger."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ThrottleScope(models.TextChoices):
    ACCOUNT = "account", _("账号")
    ADDRESS = "address", _("终端地址")


class LoginThrottle(models.Model):
    """Failed sign-ins counted for one account (by the username typed, whether or not it exists, so
    that the answer does not tell which accounts exist) or one client address; locked until
    ``locked_until`` once the configured number is reached. A lock with no end waits for the
    security administrator."""

    scope = models.CharField(_("范围"), max_length=10, choices=ThrottleScope.choices)
    key = models.CharField(_("账号或地址"), max_length=150)
    failures = models.PositiveIntegerField(_("连续失败次数"), default=0)
    window_started_at = models.DateTimeField(_("计数起始"), null=True, blank=True)
    locked_at = models.DateTimeField(_("锁定时间"), null=True, blank=True)
    locked_until = models.DateTimeField(_("锁定至"), null=True, blank=True)
    manual_unlock = models.BooleanField(_("须人工解锁"), default=False)

    class Meta:
        verbose_name = _("登录限制")
        verbose_name_plural = _("登录限制")
        constraints = [models.UniqueConstraint(fields=["scope", "key"], name="loginthrottle_unique_key")]

    def __str__(self) -> str:
        return f"{self.get_scope_display()} {self.key}"

    def is_locked(self, now: object = None) -> bool:
        now = now or timezone.now()
        if self.locked_at is None:
            return False
        return self.manual_unlock or (self.locked_until is not None and self.locked_until > now)  # type: ignore[operator]


class PasswordHistory(models.Model):
    """A password the user had (its hash only), so that the last N cannot be reused."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="password_history")
    encoded = models.CharField(_("密码哈希"), max_length=256)
    created_at = models.DateTimeField(_("设置时间"), default=timezone.now)

    class Meta:
        verbose_name = _("历史密码")
        verbose_name_plural = _("历史密码")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.user_id} {self.created_at:%Y-%m-%d}"


class PasswordReset(models.Model):
    """A reset by the security administrator: the user signs in with a one-time password (valid
    until ``expires_at``) and must set a new one at once; the user is told who reset it and when."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="password_resets")
    reset_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reset_at = models.DateTimeField(_("重置时间"), default=timezone.now)
    expires_at = models.DateTimeField(_("一次性密码有效期至"))
    used_at = models.DateTimeField(_("使用时间"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("本人知悉时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("密码重置")
        verbose_name_plural = _("密码重置")
        ordering = ["-reset_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.user_id} {self.reset_at:%Y-%m-%d %H:%M}"


class TOTPDevice(models.Model):
    """The second factor: a TOTP secret (RFC 6238, SHA-1, 6 digits, 30 s) confirmed by a first code;
    ``last_step`` refuses the reuse of a code within its time step."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="totp_device")
    secret = models.CharField(_("密钥"), max_length=64)
    confirmed_at = models.DateTimeField(_("启用时间"), default=timezone.now)
    last_step = models.BigIntegerField(_("最后使用的时间步"), default=0)

    class Meta:
        verbose_name = _("动态口令")
        verbose_name_plural = _("动态口令")

    def __str__(self) -> str:
        return f"{self.user_id}"


class RecoveryCode(models.Model):
    """A one-use recovery code for a lost authenticator (stored hashed)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="recovery_codes")
    code_hash = models.CharField(_("恢复码哈希"), max_length=64)
    used_at = models.DateTimeField(_("使用时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("恢复码")
        verbose_name_plural = _("恢复码")

    def __str__(self) -> str:
        return f"{self.user_id}"
