"""Sign-in: throttling and lockout per account and per client address, the unlock paths, the
audit records of every login, failed login (never the password), lockout, unlock and logout;
sessions with an idle timeout and an absolute lifetime."""

from __future__ import annotations

import datetime as dt
import json
import time
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from conftest import PASSWORD
from yangguang.accounts import services
from yangguang.accounts.middleware import AUTH_AT, SEEN_AT
from yangguang.accounts.models import LoginThrottle
from yangguang.ledger.models import Entry

pytestmark = pytest.mark.django_db


def _post_login(client: Client, username: str, password: str, ip: str = "10.0.0.1") -> Any:
    return client.post("/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=ip)


def _payloads(action: str) -> list[dict[str, Any]]:
    return [json.loads(e.canonical)["payload"] for e in Entry.objects.filter(action=action).order_by("seq")]


def test_login_and_logout_are_recorded(client: Client, officer: Any) -> None:
    response = _post_login(client, "officer", PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/"
    client.post("/accounts/logout/", REMOTE_ADDR="10.0.0.1")
    login = Entry.objects.get(action="auth.login")
    assert (login.actor, login.subject, login.public) == ("officer", f"roster.user:{officer.pk}", False)
    assert _payloads("auth.login") == [{"ip": "10.0.0.1", "second_factor": "none"}]
    assert _payloads("auth.logout") == [{"ip": "10.0.0.1"}]


def test_failed_logins_lock_the_account_and_never_record_the_password(
    client: Client, officer: Any, settings: Any
) -> None:
    settings.LOGIN_MAX_FAILURES = 3
    settings.LOGIN_LOCK_MINUTES = 30
    for _ in range(2):
        body = _post_login(client, "officer", "Wrong-Password-1").content.decode()
        assert "用户名或密码不正确，请重新输入。" in body
    body = _post_login(client, "officer", "Wrong-Password-1").content.decode()
    assert "该账号因连续登录失败已被锁定，请于" in body and "后重试，或联系安全管理员解锁。" in body
    # locked: even the right password is refused, without being checked
    body = _post_login(client, "officer", PASSWORD).content.decode()
    assert "该账号因连续登录失败已被锁定" in body
    assert "_auth_user_id" not in client.session
    reasons = [p["reason"] for p in _payloads("auth.login_failed")]
    assert reasons == ["bad_credentials"] * 3 + ["locked_account"]
    assert [p["scope"] for p in _payloads("auth.lockout")] == ["account"]
    assert not any("Wrong-Password-1" in e.canonical or PASSWORD in e.canonical for e in Entry.objects.all())


def test_a_time_limited_lock_lifts_itself_and_says_so(client: Client, officer: Any, settings: Any) -> None:
    settings.LOGIN_MAX_FAILURES = 1
    _post_login(client, "officer", "nope")
    LoginThrottle.objects.filter(scope="account").update(locked_until=timezone.now() - dt.timedelta(seconds=1))
    assert _post_login(client, "officer", PASSWORD).status_code == 302
    assert _payloads("auth.unlock") == [{"scope": "account", "key": "officer", "how": "time", "ip": "10.0.0.1"}]


def test_the_security_administrator_unlocks(officer: Any, security_admin: Any, settings: Any) -> None:
    settings.LOGIN_MAX_FAILURES = 1
    settings.LOGIN_LOCK_MINUTES = 0  # until unlocked by hand
    assert services.attempt_login(username="officer", password="x", ip="1.2.3.4").error
    assert services.attempt_login(username="officer", password=PASSWORD, ip="1.2.3.5").error == (
        "该账号因连续登录失败已被锁定，请联系安全管理员解锁。"
    )
    assert [r.key for r in services.locks(security_admin)] == ["officer"]
    services.unlock(actor=security_admin, scope="account", key="officer")
    assert services.attempt_login(username="officer", password=PASSWORD, ip="1.2.3.5").user == officer
    unlock = Entry.objects.get(action="auth.unlock")
    assert unlock.actor == "secadmin" and json.loads(unlock.canonical)["payload"]["how"] == "manual"


def test_one_address_trying_many_accounts_is_stopped(client: Client, db: Any, settings: Any) -> None:
    settings.LOGIN_IP_MAX_FAILURES = 4
    for n in range(4):
        _post_login(client, f"guess{n}", "x", ip="10.9.9.9")
    body = _post_login(client, "guess9", "x", ip="10.9.9.9").content.decode()
    assert "本终端登录失败次数过多，已暂停登录，请于" in body
    lock = Entry.objects.get(action="auth.lockout")
    assert lock.subject == "accounts.address:10.9.9.9"
    # another address is not affected
    assert "用户名或密码不正确" in _post_login(client, "guess9", "x", ip="10.9.9.8").content.decode()
    # a name that is no account is recorded under its own subject, for the audit administrator only
    assert Entry.objects.filter(subject="accounts.login:guess0", action="auth.login_failed").exists()


def test_idle_session_ends_and_is_recorded(client: Client, officer: Any, settings: Any) -> None:
    settings.SESSION_IDLE_MINUTES = 30
    assert _post_login(client, "officer", PASSWORD).status_code == 302
    session = client.session
    session[SEEN_AT] = time.time() - 31 * 60
    session.save()
    response = client.get("/cases/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert "_auth_user_id" not in client.session
    assert _payloads("auth.session_expired")[0]["reason"] == "idle"
    page = client.get(response["Location"]).content.decode()
    assert "由于30分钟未操作，您已自动退出，请重新登录。" in page


def test_absolute_lifetime_ends_the_session_and_the_api_says_so(client: Client, officer: Any, settings: Any) -> None:
    settings.SESSION_MAX_HOURS = 12
    _post_login(client, "officer", PASSWORD)
    session = client.session
    session[AUTH_AT] = time.time() - 12 * 3600 - 5
    session.save()
    response = client.get("/api/roster/officers")
    assert response.status_code == 401
    assert response.json() == {"code": "session_expired", "message": "登录已超过12小时，请重新登录。"}
    assert _payloads("auth.session_expired")[0]["reason"] == "lifetime"


def test_session_cookie_flags(client: Client, officer: Any, settings: Any) -> None:
    response = _post_login(client, "officer", PASSWORD)
    cookie = response.cookies["sessionid"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert cookie["max-age"] == 12 * 3600
