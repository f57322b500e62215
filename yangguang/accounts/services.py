"""Every write about accounts: sign-in and its throttles, sign-out and session ends, passwords
(change, reset to a one-time password), the second factor, and account management by the security
administrator. Each records an audit entry in the ledger in the same transaction (non-public; never
any password, one-time password, secret or code).

Ledger actions: ``auth.login``, ``auth.login_failed`` (with the reason, never the password),
``auth.lockout``, ``auth.unlock``, ``auth.logout``, ``auth.session_expired``,
``auth.password_change``, ``auth.password_reset``, ``auth.totp_enable``, ``auth.totp_disable``,
``auth.totp_reset``, ``auth.recovery_codes``, ``roster.user.create``, ``roster.user.role``,
``roster.user.deactivate``, ``roster.user.activate``. Subjects: the account (``roster.user:N``);
for a username that matches no account ``accounts.login:<name>``, for a client address
``accounts.address:<ip>`` (read by the audit administrator only).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import string
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import authenticate, password_validation
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from yangguang.access import policy
from yangguang.core.errors import DomainError, PermissionDeniedError
from yangguang.ledger.models import Entry
from yangguang.ledger.services import append_entry
from yangguang.roster import services as roster_services
from yangguang.roster.models import ADMIN_ROLES, Agency, Officer, Role, User
from yangguang.roster.roles import is_staff_role

from . import totp
from .models import LoginThrottle, PasswordHistory, PasswordReset, RecoveryCode, ThrottleScope, TOTPDevice

MSG_BAD_CREDENTIALS = "用户名或密码不正确，请重新输入。"
MSG_ACCOUNT_LOCKED = "该账号因连续登录失败已被锁定，请于{until}后重试，或联系安全管理员解锁。"
MSG_ACCOUNT_LOCKED_MANUAL = "该账号因连续登录失败已被锁定，请联系安全管理员解锁。"
MSG_ADDRESS_LOCKED = "本终端登录失败次数过多，已暂停登录，请于{until}后重试。"
MSG_RESET_EXPIRED = "一次性密码已过期，请联系安全管理员重新重置密码。"
MSG_BAD_CODE = "动态口令或恢复码不正确（或已使用），请重新输入。"
MSG_SELF = "不能由自己管理自己的账号，请由另一名安全管理员办理（三员分立）"
MSG_ADMIN_ROLE = "系统管理员、安全管理员和审计管理员的角色只能由平台安全管理员（不属于任何执法主体）授予或撤销"
MSG_AGENCY_REQUIRED = "{role}须属于一个执法主体"
MSG_SUPERVISOR_AGENCY = "执法监督人员须属于司法行政机关（执法监督机构）"
MSG_USERNAME = "用户名只能包含字母、数字和 @ . + - _，且不超过150个字符"
MSG_USERNAME_TAKEN = "用户名“{username}”已被使用"
MSG_OFFICER_TAKEN = "执法人员{name}已关联账号“{username}”"
MSG_OFFICER_AGENCY = "关联的执法人员须属于该账号的执法主体"
MSG_SAME_ADMIN_BOTH = "同一名安全管理员不能在{hours}小时内既重置该用户的密码又重置其动态口令（防止冒用他人身份）"
MSG_TOTP_EXISTS = "已启用动态口令"
MSG_TOTP_MISSING = "尚未启用动态口令"
MSG_WRONG_PASSWORD = "当前密码不正确"

RECOVERY_CODES = 10
OTP_ALPHABET = string.ascii_letters + string.digits


def _now() -> dt.datetime:
    return timezone.now()


def _local(when: dt.datetime) -> str:
    return timezone.localtime(when).strftime("%Y-%m-%d %H:%M")


def _account_key(username: str) -> str:
    return (username or "").strip().lower()[:150]


def _user_subject(user: User | None, username: str) -> Any:
    return user if user is not None else f"accounts.login:{_account_key(username) or '-'}"


def _audit(actor: Any, subject: Any, action: str, **payload: Any) -> None:
    append_entry(actor=actor, subject=subject, action=action, payload=payload)


# --- sign-in ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LoginOutcome:
    """``user`` is set when the password was right and nothing refuses; ``needs_second_factor``
    when the user must then give a TOTP (or recovery) code before the session is opened."""

    user: User | None = None
    error: str = ""
    needs_second_factor: bool = False


def _throttle(scope: str, key: str) -> LoginThrottle:
    row, _ = LoginThrottle.objects.select_for_update().get_or_create(scope=scope, key=key)
    return row


def _release_if_expired(row: LoginThrottle, *, subject: Any, ip: str) -> None:
    """A time-limited lock that has run out is lifted (and recorded) at the next attempt."""
    if row.locked_at is not None and not row.is_locked():
        _audit(None, subject, "auth.unlock", scope=row.scope, key=row.key, how="time", ip=ip)
        row.failures, row.locked_at, row.locked_until, row.window_started_at = 0, None, None, None
        row.save()


def _locked_message(row: LoginThrottle) -> str:
    if row.scope == ThrottleScope.ADDRESS:
        return MSG_ADDRESS_LOCKED.format(until=_local(row.locked_until or _now()))
    if row.manual_unlock:
        return MSG_ACCOUNT_LOCKED_MANUAL
    return MSG_ACCOUNT_LOCKED.format(until=_local(row.locked_until or _now()))


def _count_failure(account: LoginThrottle, address: LoginThrottle, *, subject: Any, ip: str) -> None:
    now = _now()
    account.failures += 1
    if account.failures >= settings.LOGIN_MAX_FAILURES and account.locked_at is None:
        minutes = settings.LOGIN_LOCK_MINUTES
        account.locked_at = now
        account.manual_unlock = minutes == 0
        account.locked_until = None if minutes == 0 else now + dt.timedelta(minutes=minutes)
        _audit(
            None,
            subject,
            "auth.lockout",
            scope="account",
            failures=account.failures,
            until=account.locked_until,
            manual_unlock=account.manual_unlock,
            ip=ip,
        )
    account.save()
    window = dt.timedelta(minutes=settings.LOGIN_IP_WINDOW_MINUTES)
    if address.window_started_at is None or now - address.window_started_at > window:
        address.window_started_at, address.failures = now, 0
    address.failures += 1
    if address.failures >= settings.LOGIN_IP_MAX_FAILURES and address.locked_at is None:
        address.locked_at = now
        address.locked_until = now + dt.timedelta(minutes=settings.LOGIN_IP_LOCK_MINUTES)
        _audit(
            None,
            f"accounts.address:{ip}",
            "auth.lockout",
            scope="address",
            failures=address.failures,
            until=address.locked_until,
            ip=ip,
        )
    address.save()


def _refused_by_lock(account: LoginThrottle, address: LoginThrottle, *, subject: Any, key: str, ip: str) -> str:
    for row in (address, account):
        if row.is_locked():
            _audit(None, subject, "auth.login_failed", username=key, ip=ip, reason=f"locked_{row.scope}")
            return _locked_message(row)
    return ""


def attempt_login(*, username: str, password: str, ip: str, request: Any = None) -> LoginOutcome:
    """Check the throttles, then the password; count and record a failure (never the password).
    The password hash is checked outside any transaction (it takes a good fraction of a second, and
    SQLite's write lock must not wait for it); the locks are checked again before counting."""
    key = _account_key(username)
    known = User.objects.filter(username=username).first()
    subject = _user_subject(known, username)
    with transaction.atomic():
        account = _throttle(ThrottleScope.ACCOUNT, key)
        address = _throttle(ThrottleScope.ADDRESS, ip or "-")
        _release_if_expired(account, subject=subject, ip=ip)
        _release_if_expired(address, subject=f"accounts.address:{ip}", ip=ip)
        refused = _refused_by_lock(account, address, subject=subject, key=key, ip=ip)
    if refused:
        return LoginOutcome(error=refused)
    user = authenticate(request, username=username, password=password)
    with transaction.atomic():
        account = _throttle(ThrottleScope.ACCOUNT, key)
        address = _throttle(ThrottleScope.ADDRESS, ip or "-")
        refused = _refused_by_lock(account, address, subject=subject, key=key, ip=ip)
        if refused:
            return LoginOutcome(error=refused)
        if not isinstance(user, User):
            _audit(None, subject, "auth.login_failed", username=key, ip=ip, reason="bad_credentials")
            _count_failure(account, address, subject=subject, ip=ip)
            if account.is_locked():
                return LoginOutcome(error=_locked_message(account))
            return LoginOutcome(error=MSG_BAD_CREDENTIALS)
        reset = pending_reset(user)
        if reset is not None and reset.expires_at < _now():
            _audit(None, user, "auth.login_failed", username=key, ip=ip, reason="reset_expired")
            return LoginOutcome(error=MSG_RESET_EXPIRED)
        account.failures = 0
        account.save()
        if reset is not None and reset.used_at is None:
            reset.used_at = _now()
            reset.save(update_fields=["used_at"])
    has_device = TOTPDevice.objects.filter(user=user).exists()
    return LoginOutcome(user=user, needs_second_factor=has_device)


def verify_second_factor(*, user: User, code: str, ip: str) -> str:
    """Check a TOTP code (once per time step) or a recovery code (once); returns "totp" or
    "recovery_code"; a wrong code counts as a failed sign-in (and may lock the account)."""
    code = (code or "").strip()
    with transaction.atomic():
        account = _throttle(ThrottleScope.ACCOUNT, _account_key(user.username))
        address = _throttle(ThrottleScope.ADDRESS, ip or "-")
        for row in (address, account):
            if row.is_locked():
                raise DomainError(_locked_message(row), code="locked")
        device = TOTPDevice.objects.select_for_update().filter(user=user).first()
        if device is not None:
            step = totp.matching_step(device.secret, code, after=device.last_step)
            if step is not None:
                device.last_step = step
                device.save(update_fields=["last_step"])
                return "totp"
        digest = _code_hash(code.replace("-", "").lower())
        recovery = RecoveryCode.objects.select_for_update().filter(user=user, code_hash=digest, used_at=None).first()
        if recovery is not None:
            recovery.used_at = _now()
            recovery.save(update_fields=["used_at"])
            left = RecoveryCode.objects.filter(user=user, used_at=None).count()
            _audit(user, user, "auth.recovery_code_used", ip=ip, left=left)
            return "recovery_code"
        _audit(None, user, "auth.login_failed", username=_account_key(user.username), ip=ip, reason="bad_second_factor")
        _count_failure(account, address, subject=user, ip=ip)
    if account.is_locked():
        raise DomainError(_locked_message(account), code="locked")
    raise DomainError(MSG_BAD_CODE, code="bad_code")


def record_login(*, user: User, ip: str, second_factor: str = "") -> None:
    with transaction.atomic():
        _audit(user, user, "auth.login", ip=ip, second_factor=second_factor or "none")


def record_logout(*, user: User, ip: str, reason: str = "logout") -> None:
    """``reason``: "logout" (the user signed out), "idle" or "lifetime" (the session ended)."""
    with transaction.atomic():
        if reason == "logout":
            _audit(user, user, "auth.logout", ip=ip)
        else:
            _audit(None, user, "auth.session_expired", ip=ip, reason=reason)


def unlock(*, actor: User, scope: str, key: str) -> None:
    """The security administrator lifts a lock (an account's, or a client address's)."""
    target = User.objects.filter(username__iexact=key).first() if scope == ThrottleScope.ACCOUNT else None
    if target is not None:
        policy.require(actor, "user.manage", target)
    elif not policy.allows(actor, "user.manage", User(agency=None)):
        # a lock of an unknown name or of an address: the platform's security administrator
        raise PermissionDeniedError("只有平台安全管理员可以解除终端地址或未知账号的锁定", code="forbidden")
    with transaction.atomic():
        row = LoginThrottle.objects.select_for_update().filter(scope=scope, key=key).first()
        if row is None or row.locked_at is None:
            raise DomainError("该账号或地址未被锁定", code="not_locked")
        subject = (
            target
            if target is not None
            else (f"accounts.address:{key}" if scope == ThrottleScope.ADDRESS else f"accounts.login:{key}")
        )
        _audit(actor, subject, "auth.unlock", scope=scope, key=key, how="manual")
        row.failures, row.locked_at, row.locked_until, row.window_started_at = 0, None, None, None
        row.manual_unlock = False
        row.save()


def locks(user: User) -> list[LoginThrottle]:
    """Current locks the security administrator may lift (accounts in scope; addresses for the
    platform's security administrator)."""
    out = []
    for row in LoginThrottle.objects.exclude(locked_at=None).order_by("-locked_at"):
        if not row.is_locked():
            continue
        if row.scope == ThrottleScope.ACCOUNT:
            target = User.objects.filter(username__iexact=row.key).first()
            if target is not None and not policy.allows(user, "user.manage", target):
                continue
            if target is None and user.agency_id is not None:
                continue
        elif user.agency_id is not None:
            continue
        out.append(row)
    return out


def account_locked(user: User) -> LoginThrottle | None:
    row = LoginThrottle.objects.filter(scope=ThrottleScope.ACCOUNT, key=_account_key(user.username)).first()
    return row if row is not None and row.is_locked() else None


# --- passwords -------------------------------------------------------------------------------------


def password_expired(user: User, now: dt.datetime | None = None) -> bool:
    days = settings.PASSWORD_MAX_AGE_DAYS
    if not days:
        return False
    changed = user.password_changed_at or user.date_joined
    return bool(changed and (now or _now()) - changed > dt.timedelta(days=days))


def pending_reset(user: User) -> PasswordReset | None:
    """The reset whose one-time password is still to be replaced, if any."""
    if not user.must_change_password:
        return None
    return PasswordReset.objects.filter(user=user, acknowledged_at=None).order_by("-reset_at", "-pk").first()


def _store_password(user: User, encoded: str) -> None:
    """Keep the old hash in the history, set the new one (``make_password`` output, computed before
    the transaction); the caller saves ``user``."""
    if user.password:
        PasswordHistory.objects.create(user=user, encoded=user.password)
        keep = settings.PASSWORD_HISTORY
        stale = (
            PasswordHistory.objects.filter(user=user).order_by("-created_at", "-pk").values_list("pk", flat=True)[keep:]
        )
        PasswordHistory.objects.filter(pk__in=list(stale)).delete()
    user.password = encoded


def change_password(*, user: User, new_password: str, ip: str) -> None:
    """The user sets a new password (the rules are checked by the form's validators, and again
    here); clears a reset or an expiry. Raises ValidationError with the Chinese messages."""
    password_validation.validate_password(new_password, user)
    encoded = make_password(new_password)
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        after_reset = pending_reset(user)
        _store_password(user, encoded)
        user.must_change_password = False
        user.password_changed_at = _now()
        user.save(update_fields=["password", "must_change_password", "password_changed_at"])
        if after_reset is not None:
            PasswordReset.objects.filter(user=user, acknowledged_at=None).update(acknowledged_at=_now())
        _audit(user, user, "auth.password_change", ip=ip, after_reset=after_reset is not None)


def one_time_password(length: int = 16) -> str:
    """Letters and digits (all three classes), split by a hyphen for reading aloud."""
    while True:
        core = "".join(secrets.choice(OTP_ALPHABET) for _ in range(length - 1))
        if any(c.isupper() for c in core) and any(c.islower() for c in core) and any(c.isdigit() for c in core):
            return f"{core[:8]}-{core[8:]}"


def _refuse_self(actor: User, target: User) -> None:
    if actor.pk == target.pk:
        raise PermissionDeniedError(MSG_SELF, code="forbidden")


def _recent_reset_by(actor: User, target: User, action: str) -> bool:
    since = _now() - dt.timedelta(hours=settings.PASSWORD_RESET_HOURS)
    return Entry.objects.filter(
        subject=f"roster.user:{target.pk}", action=action, actor=actor.username, recorded_at__gte=since
    ).exists()


def reset_password(*, user: User, actor: User) -> str:
    """The security administrator resets a password: returns a one-time password (shown once, to
    be handed to the user), valid for YG_PASSWORD_RESET_HOURS and to be changed at the first
    sign-in; the user's sessions end (the password hash changes); the second factor stays, so the
    administrator cannot sign in as a user who has one."""
    policy.require(actor, "user.manage", user)
    _refuse_self(actor, user)
    if _recent_reset_by(actor, user, "auth.totp_reset"):
        raise PermissionDeniedError(MSG_SAME_ADMIN_BOTH.format(hours=settings.PASSWORD_RESET_HOURS), code="forbidden")
    password = one_time_password()
    encoded = make_password(password)
    with transaction.atomic():
        target = User.objects.select_for_update().get(pk=user.pk)
        _store_password(target, encoded)
        target.must_change_password = True
        target.save(update_fields=["password", "must_change_password"])
        reset = PasswordReset.objects.create(
            user=target, reset_by=actor, expires_at=_now() + dt.timedelta(hours=settings.PASSWORD_RESET_HOURS)
        )
        _audit(actor, target, "auth.password_reset", expires_at=reset.expires_at, delivery="one_time_password")
    return password


# --- the second factor ----------------------------------------------------------------------------


def _code_hash(code: str) -> str:
    return hashlib.sha256(f"yangguang-recovery:{code}".encode()).hexdigest()


def _new_recovery_codes(user: User) -> list[str]:
    RecoveryCode.objects.filter(user=user).delete()
    codes = [
        "".join(secrets.choice(string.ascii_lowercase + string.digits) for _ in range(10))
        for _ in range(RECOVERY_CODES)
    ]
    RecoveryCode.objects.bulk_create([RecoveryCode(user=user, code_hash=_code_hash(c)) for c in codes])
    return [f"{c[:5]}-{c[5:]}" for c in codes]


def enable_totp(*, user: User, secret: str, code: str, ip: str) -> list[str]:
    """Confirm the enrolment (the first code proves the app has the secret); returns the recovery
    codes, shown once."""
    with transaction.atomic():
        if TOTPDevice.objects.filter(user=user).exists():
            raise DomainError(MSG_TOTP_EXISTS, code="totp_exists")
        step = totp.matching_step(secret, code)
        if step is None:
            raise DomainError(MSG_BAD_CODE, code="bad_code")
        TOTPDevice.objects.create(user=user, secret=secret, last_step=step)
        codes = _new_recovery_codes(user)
        _audit(user, user, "auth.totp_enable", ip=ip, recovery_codes=len(codes))
    return codes


def new_recovery_codes(*, user: User, password: str, ip: str) -> list[str]:
    if not user.check_password(password):
        raise DomainError(MSG_WRONG_PASSWORD, code="bad_password")
    with transaction.atomic():
        if not TOTPDevice.objects.filter(user=user).exists():
            raise DomainError(MSG_TOTP_MISSING, code="totp_missing")
        codes = _new_recovery_codes(user)
        _audit(user, user, "auth.recovery_codes", ip=ip, recovery_codes=len(codes))
    return codes


def disable_totp(*, user: User, password: str, ip: str) -> None:
    """The user turns the second factor off (with the password); refused when the role requires it."""
    if user.role in settings.TOTP_REQUIRED_ROLES:
        raise DomainError(f"{user.get_role_display()}须启用动态口令，不能关闭", code="totp_required")
    if not user.check_password(password):
        raise DomainError(MSG_WRONG_PASSWORD, code="bad_password")
    with transaction.atomic():
        deleted, _ = TOTPDevice.objects.filter(user=user).delete()
        if not deleted:
            raise DomainError(MSG_TOTP_MISSING, code="totp_missing")
        RecoveryCode.objects.filter(user=user).delete()
        _audit(user, user, "auth.totp_disable", ip=ip)


def reset_second_factor(*, user: User, actor: User) -> None:
    """A user who lost the authenticator and the recovery codes: the security administrator removes
    the second factor (the user enrols again). Not by the administrator who reset the same user's
    password recently (that would let one administrator sign in as the user)."""
    policy.require(actor, "user.manage", user)
    _refuse_self(actor, user)
    if _recent_reset_by(actor, user, "auth.password_reset"):
        raise PermissionDeniedError(MSG_SAME_ADMIN_BOTH.format(hours=settings.PASSWORD_RESET_HOURS), code="forbidden")
    with transaction.atomic():
        deleted, _ = TOTPDevice.objects.filter(user=user).delete()
        if not deleted:
            raise DomainError(MSG_TOTP_MISSING, code="totp_missing")
        RecoveryCode.objects.filter(user=user).delete()
        _audit(actor, user, "auth.totp_reset")


def must_enrol_second_factor(user: User) -> bool:
    return user.role in settings.TOTP_REQUIRED_ROLES and not TOTPDevice.objects.filter(user=user).exists()


# --- accounts (the security administrator) -------------------------------------------------------


def _check_placement(actor: User, role: str, agency: Agency | None, officer: Officer | None) -> None:
    """A role needs its kind of agency; administrator roles are granted by the platform's security
    administrator only; the new placement must lie in the actor's scope too."""
    if role not in Role.values:
        raise DomainError(f"未知的角色“{role}”", code="invalid_role")
    if (role in ADMIN_ROLES) and actor.agency_id is not None:
        raise PermissionDeniedError(MSG_ADMIN_ROLE, code="forbidden")
    if role in (Role.OFFICER, Role.UNIT_HEAD, Role.REVIEWER, Role.AGENCY_HEAD, Role.SUPERVISOR) and agency is None:
        raise DomainError(MSG_AGENCY_REQUIRED.format(role=Role(role).label), code="agency_required")
    if role == Role.SUPERVISOR and agency is not None and not agency.is_supervisor:
        raise DomainError(MSG_SUPERVISOR_AGENCY, code="agency_required")
    if officer is not None and (agency is None or officer.agency_id != agency.pk):
        raise DomainError(MSG_OFFICER_AGENCY, code="officer_agency")
    policy.require(actor, "user.manage", User(agency=agency))


def create_account(
    *,
    actor: User,
    username: str,
    role: str,
    full_name: str = "",
    agency: Agency | None = None,
    officer: Officer | None = None,
) -> tuple[User, str]:
    """Create an account with a one-time password (returned once), to be changed at first sign-in."""
    username = (username or "").strip()
    _check_placement(actor, role, agency, officer)
    if User.objects.filter(username__iexact=username).exists():
        raise DomainError(MSG_USERNAME_TAKEN.format(username=username), code="username_taken")
    if officer is not None:
        holder = User.objects.filter(officer=officer).first()
        if holder is not None:
            raise DomainError(
                MSG_OFFICER_TAKEN.format(name=officer.name, username=holder.username), code="officer_taken"
            )
    password = one_time_password()
    with transaction.atomic():
        try:
            user = roster_services.create_user(
                username=username,
                password=password,
                role=role,
                actor=actor,
                agency=agency,
                officer=officer,
                full_name=(full_name or "").strip(),
                must_change_password=True,
            )
        except ValidationError as exc:
            raise DomainError(MSG_USERNAME, code="invalid_username") from exc
        PasswordReset.objects.create(
            user=user, reset_by=actor, expires_at=_now() + dt.timedelta(hours=settings.PASSWORD_RESET_HOURS)
        )
    return user, password


def change_role(*, actor: User, user: User, role: str, agency: Agency | None, officer: Officer | None = None) -> User:
    policy.require(actor, "user.manage", user)
    _refuse_self(actor, user)
    if user.role in ADMIN_ROLES and actor.agency_id is not None:
        raise PermissionDeniedError(MSG_ADMIN_ROLE, code="forbidden")
    _check_placement(actor, role, agency, officer)
    if officer is not None and User.objects.filter(officer=officer).exclude(pk=user.pk).exists():
        holder = User.objects.get(officer=officer)
        raise DomainError(MSG_OFFICER_TAKEN.format(name=officer.name, username=holder.username), code="officer_taken")
    with transaction.atomic():
        target = User.objects.select_for_update().get(pk=user.pk)
        before = {"role": target.role, "agency": target.agency_id, "officer": target.officer_id}
        target.role, target.agency, target.officer = role, agency, officer
        target.is_staff = is_staff_role(role)
        target.save(update_fields=["role", "agency", "officer", "is_staff"])
        after = {"role": role, "agency": agency.pk if agency else None, "officer": officer.pk if officer else None}
        _audit(actor, target, "roster.user.role", before=before, after=after)
    return target


def set_active(*, actor: User, user: User, active: bool, reason: str) -> User:
    """Deactivate (停用: the account can no longer sign in; its sessions end) or reactivate."""
    policy.require(actor, "user.manage", user)
    _refuse_self(actor, user)
    if user.role in ADMIN_ROLES and actor.agency_id is not None:
        raise PermissionDeniedError(MSG_ADMIN_ROLE, code="forbidden")
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("请填写事由", code="reason_required")
    with transaction.atomic():
        target = User.objects.select_for_update().get(pk=user.pk)
        if target.is_active == active:
            raise DomainError("账号已处于该状态", code="unchanged")
        target.is_active = active
        target.save(update_fields=["is_active"])
        _audit(actor, target, "roster.user.activate" if active else "roster.user.deactivate", reason=reason[:200])
    return target
