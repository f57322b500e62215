"""Password rules (length, classes, history, expiry), resets to a one-time password that must be
changed at once (no administrator sets a password or signs in as another user), the second factor
(RFC 6238), and account management by the security administrator, each in the ledger."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone, translation

from conftest import PASSWORD
from yangguang.access.errors import AccessDenied
from yangguang.accounts import services, totp
from yangguang.accounts.models import PasswordReset, TOTPDevice
from yangguang.core.errors import DomainError, PermissionDeniedError
from yangguang.ledger.models import Entry
from yangguang.roster.models import User
from yangguang.roster.tests.factories import AgencyFactory, UserFactory

pytestmark = pytest.mark.django_db


def _messages(exc: Any) -> list[str]:
    return list(exc.value.messages)


# --- rules ------------------------------------------------------------------------------------------


@translation.override("zh-hans")
def test_password_rules_have_chinese_messages(officer: Any) -> None:
    with pytest.raises(ValidationError) as short:
        services.change_password(user=officer, new_password="Ab1!", ip="")
    assert "密码长度太短：至少须有10个字符" in _messages(short)
    with pytest.raises(ValidationError) as classes:
        services.change_password(user=officer, new_password="onlylowercaseletters", ip="")
    assert "密码须包含大写字母、小写字母、数字、符号中的至少3类" in _messages(classes)
    with pytest.raises(ValidationError) as reused:
        services.change_password(user=officer, new_password=PASSWORD, ip="")
    assert _messages(reused) == ["新密码不能与当前密码或最近5次使用过的密码相同"]


def test_history_keeps_the_last_passwords(officer: Any, settings: Any) -> None:
    settings.PASSWORD_HISTORY = 2
    for new in ("First-Pass-2026", "Second-Pass-2026", "Third-Pass-2026"):
        services.change_password(user=User.objects.get(pk=officer.pk), new_password=new, ip="")
    user = User.objects.get(pk=officer.pk)
    with pytest.raises(ValidationError):
        services.change_password(user=user, new_password="Second-Pass-2026", ip="")
    services.change_password(user=user, new_password=PASSWORD, ip="")  # older than the last two: allowed
    assert [e.action for e in Entry.objects.filter(action="auth.password_change")].count("auth.password_change") == 4


def test_an_expired_password_must_be_changed_first(client: Client, officer: Any, settings: Any) -> None:
    settings.PASSWORD_MAX_AGE_DAYS = 90
    User.objects.filter(pk=officer.pk).update(password_changed_at=timezone.now() - dt.timedelta(days=91))
    client.post("/accounts/login/", {"username": "officer", "password": PASSWORD})
    response = client.get("/")
    assert response.status_code == 302 and response["Location"] == "/accounts/password/"
    assert "您的密码已超过90天未修改，请设置新密码。" in client.get("/accounts/password/").content.decode()
    api = client.get("/api/roster/officers")
    assert api.status_code == 403 and api.json()["code"] == "password_change_required"


# --- resets: no administrator sets a password or becomes the user ------------------------------------


def test_a_reset_gives_a_one_time_password_to_be_changed_at_once(
    client: Client, officer: Any, security_admin: Any
) -> None:
    password = services.reset_password(user=officer, actor=security_admin)
    user = User.objects.get(pk=officer.pk)
    assert user.must_change_password and user.check_password(password) and not user.check_password(PASSWORD)
    entry = Entry.objects.get(action="auth.password_reset")
    assert (entry.actor, entry.subject, entry.public) == ("secadmin", f"roster.user:{officer.pk}", False)
    assert password not in entry.canonical and user.password not in entry.canonical
    client.post("/accounts/login/", {"username": "officer", "password": password})
    # every page leads to the password page, which tells the user who reset it
    assert client.get("/cases/")["Location"] == "/accounts/password/"
    page = client.get("/accounts/password/").content.decode()
    assert "由安全管理员重置（或账号新建），一次性密码只能用于本次登录，请立即设置新密码" in page
    response = client.post(
        "/accounts/password/",
        {"old_password": password, "new_password1": "Mine-Again-2026", "new_password2": "Mine-Again-2026"},
    )
    assert response["Location"] == "/accounts/password/done/"
    assert client.get("/").status_code == 200
    assert PasswordReset.objects.get(user=officer).acknowledged_at is not None


def test_an_expired_one_time_password_is_refused(officer: Any, security_admin: Any) -> None:
    password = services.reset_password(user=officer, actor=security_admin)
    PasswordReset.objects.update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    outcome = services.attempt_login(username="officer", password=password, ip="10.0.0.1")
    assert outcome.user is None and outcome.error == "一次性密码已过期，请联系安全管理员重新重置密码。"


def test_the_second_factor_survives_a_reset(officer: Any, security_admin: Any) -> None:
    """With TOTP enrolled, the administrator who knows the one-time password still cannot sign in."""
    secret = totp.new_secret()
    services.enable_totp(user=officer, secret=secret, code=totp.totp(secret), ip="")
    password = services.reset_password(user=officer, actor=security_admin)
    outcome = services.attempt_login(username="officer", password=password, ip="10.0.0.2")
    assert outcome.needs_second_factor
    with pytest.raises(DomainError) as exc:
        services.verify_second_factor(user=officer, code="000000", ip="10.0.0.2")
    assert exc.value.message == "动态口令或恢复码不正确（或已使用），请重新输入。"
    # the same administrator cannot then remove the second factor as well
    with pytest.raises(PermissionDeniedError) as both:
        services.reset_second_factor(user=officer, actor=security_admin)
    assert both.value.message == "同一名安全管理员不能在24小时内既重置该用户的密码又重置其动态口令（防止冒用他人身份）"


def test_nobody_else_resets_and_nobody_resets_himself(
    officer: Any, agency_head: Any, security_admin: Any, admin_user: Any, audit_admin: Any
) -> None:
    for actor in (agency_head, admin_user, audit_admin):
        with pytest.raises(AccessDenied) as exc:
            services.reset_password(user=officer, actor=actor)
        assert exc.value.message == "账号由安全管理员管理"
    other: Any = UserFactory(username="sec2", role="security_admin", agency=security_admin.agency)
    with pytest.raises(PermissionDeniedError) as own:
        services.reset_password(user=security_admin, actor=security_admin)
    assert own.value.message == "不能由自己管理自己的账号，请由另一名安全管理员办理（三员分立）"
    assert services.reset_password(user=security_admin, actor=other)


# --- TOTP ---------------------------------------------------------------------------------------------


def test_totp_matches_rfc_6238_vectors() -> None:
    secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"  # "12345678901234567890"
    assert totp.hotp(secret, 59 // 30, digits=8) == "94287082"
    assert totp.hotp(secret, 1111111109 // 30, digits=8) == "07081804"
    assert totp.hotp(secret, 2000000000 // 30, digits=8) == "69279037"
    code = totp.totp(secret, when=1111111109)
    assert totp.matching_step(secret, code, when=1111111109 + 30) == 1111111109 // 30  # one step of drift
    assert totp.matching_step(secret, code, when=1111111109 + 90) is None
    assert totp.matching_step(secret, code, when=1111111109, after=1111111109 // 30) is None  # used once
    assert totp.matching_step(secret, "０８１８０４", when=1111111109) is None  # ASCII digits only


def test_enrolment_recovery_codes_and_audit(officer: Any) -> None:
    secret = totp.new_secret()
    with pytest.raises(DomainError):
        services.enable_totp(user=officer, secret=secret, code="123456", ip="")
    codes = services.enable_totp(user=officer, secret=secret, code=totp.totp(secret), ip="")
    assert len(codes) == 10 and TOTPDevice.objects.filter(user=officer).exists()
    assert services.verify_second_factor(user=officer, code=codes[0], ip="") == "recovery_code"
    with pytest.raises(DomainError):
        services.verify_second_factor(user=officer, code=codes[0], ip="")  # once only
    actions = list(Entry.objects.filter(subject=f"roster.user:{officer.pk}").values_list("action", flat=True))
    assert actions == ["auth.totp_enable", "auth.recovery_code_used", "auth.login_failed"]
    assert not any(secret in e.canonical or codes[1] in e.canonical for e in Entry.objects.all())


def test_a_role_may_be_required_to_enrol(client: Client, security_admin: Any, settings: Any) -> None:
    settings.TOTP_REQUIRED_ROLES = ["security_admin"]
    client.post("/accounts/login/", {"username": "secadmin", "password": PASSWORD})
    assert client.get("/accounts/users/")["Location"] == "/accounts/security/"
    assert "您的角色须启用动态口令后才能继续使用平台。" in client.get("/accounts/security/").content.decode()


# --- accounts -------------------------------------------------------------------------------------------


def test_account_creation_role_change_and_deactivation_are_recorded(
    security_admin: Any, agency: Any, officer: Any
) -> None:
    user, password = services.create_account(
        actor=security_admin, username="newbie", role="officer", full_name="新人", agency=agency
    )
    assert user.must_change_password and user.check_password(password)
    services.change_role(actor=security_admin, user=user, role="unit_head", agency=agency)
    services.set_active(actor=security_admin, user=user, active=False, reason="调离")
    actions = list(Entry.objects.filter(subject=f"roster.user:{user.pk}").values_list("action", "actor"))
    assert actions == [
        ("roster.user.create", "secadmin"),
        ("roster.user.role", "secadmin"),
        ("roster.user.deactivate", "secadmin"),
    ]
    role = json.loads(Entry.objects.get(action="roster.user.role").canonical)["payload"]
    assert role["before"]["role"] == "officer" and role["after"]["role"] == "unit_head"
    assert not services.attempt_login(username="newbie", password=password, ip="").user


def test_placement_rules(security_admin: Any, agency: Any, justice_bureau: Any, city: Any) -> None:
    def refused(**kw: Any) -> str:
        with pytest.raises(DomainError) as exc:
            services.create_account(actor=security_admin, username="x1", **kw)
        return exc.value.message

    assert refused(role="system_admin") == (
        "系统管理员、安全管理员和审计管理员的角色只能由平台安全管理员（不属于任何执法主体）授予或撤销"
    )
    assert refused(role="officer") == "执法人员须属于一个执法主体"
    assert refused(role="supervisor", agency=agency) == "执法监督人员须属于司法行政机关（执法监督机构）"
    from yangguang.roster.models import Region

    elsewhere = AgencyFactory(
        name="南京市市场监督管理局",
        region=Region.objects.create(code="320100", name="南京市", level="city", path="/320100/"),
    )
    assert refused(role="officer", agency=elsewhere) == "该账号不在您的管理范围内"
    platform: Any = UserFactory(username="psec", role="security_admin")
    admin, _ = services.create_account(actor=platform, username="aud2", role="audit_admin")
    assert admin.role == "audit_admin" and not admin.is_staff


def test_account_pages_for_the_security_administrator(
    client: Client, security_admin: Any, officer: Any, audit_admin: Any
) -> None:
    client.force_login(security_admin)
    assert "officer" in client.get("/accounts/users/").content.decode()
    response = client.post(f"/accounts/users/{officer.pk}/", {"op": "reset"})
    assert response.status_code == 200
    assert "此密码只显示这一次" in response.content.decode()
    page = client.post(
        "/accounts/users/new/",
        {"username": "zhang3", "full_name": "张三", "role": "officer", "agency": str(officer.agency_id)},
    )
    assert "账号已建立" in page.content.decode()
    client.force_login(audit_admin)
    assert client.get("/accounts/users/").status_code == 404
