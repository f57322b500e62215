"""End to end, as an insider would try them (issue 11), the findings about imports, administrators
and logins, over real HTTP against the live server (signed in through the login form):

- An agency head's officer import that renews an expired certificate, or grants 法律职业资格 or the
  reviewer designation to his own officer, is refused row by row; nothing changes.
- A district bureau's entity import does not overwrite the shared entity directory: its rows become
  change proposals for the registering agency; the entry is unchanged.
- An administrator cannot set a password and act as the user: the system administrator may not
  reset passwords at all; the security administrator's reset gives a one-time password that must be
  changed before anything else is reached, and it cannot pass the user's second factor; the reset
  and the change are ledger records.
- Failed logins lock the account (Chinese message) and every login, failed login and logout is an
  audit record the audit administrator reads.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import secrets
import urllib.parse
import urllib.request
from typing import Any

import pytest

from conftest import PASSWORD
from tests.e2e.test_access_e2e import Http
from yangguang.accounts import services as account_services
from yangguang.accounts import totp
from yangguang.ledger.models import Entry
from yangguang.roster.models import Entity, EntityChangeProposal, Officer, Region, RegionLevel
from yangguang.roster.tests.factories import AgencyFactory, EntityFactory, UserFactory
from yangguang.roster.tests.sheets import OFFICER_HEADERS, officer_row, xlsx

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

D = dt.date
ONE_TIME = re.compile(r"\b[A-Za-z0-9]{8}-[A-Za-z0-9]{7}\b")


def _import(http: Http, kind: str, rows: list[list[Any]]) -> tuple[int, Any]:
    """POST /api/roster/import with an XLSX of ``rows`` (multipart, as a browser or script sends it)."""
    boundary = f"----yg{secrets.token_hex(8)}"
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\n{kind}\r\n'
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{kind}.xlsx"\r\n'
        "Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n"
    ).encode()
    body = head + xlsx(rows) + f"\r\n--{boundary}--\r\n".encode()
    status, text = http.call(
        "POST",
        "/api/roster/import",
        body,
        {"Content-Type": f"multipart/form-data; boundary={boundary}", "Accept": "application/json"},
    )
    return status, json.loads(text)


def test_an_agency_head_renews_no_certificate_and_grants_no_qualification_by_import(
    live_server: Any, agency: Any, agency_head: Any, officer: Any
) -> None:
    o: Officer = officer.officer
    o.cert_valid_until = D(2026, 3, 31)  # expired
    o.save()
    http = Http(live_server.url, agency_head)
    renew = officer_row(o.name, agency.uscc, o.certificate_no, start="2026-05-01", end="2031-04-30")
    status, body = _import(http, "officers", [OFFICER_HEADERS, renew])
    assert status == 400, body
    assert (
        "执法证的有效期和状态须由发证机关（司法行政部门）的安全管理员变更（现为2024-01-01至2026-03-31，有效）"
        in str(body)
    )
    qualify = [*officer_row(o.name, agency.uscc, o.certificate_no, end="2026-03-31"), "是", "是"]
    status, body = _import(http, "officers", [[*OFFICER_HEADERS, "具有法律职业资格", "法制审核人员"], qualify])
    assert status == 400, body
    assert "法律职业资格须由发证机关（司法行政部门）的安全管理员认定" in str(body)
    assert "法制审核人员须由发证机关（司法行政部门）的安全管理员认定" in str(body)
    o.refresh_from_db()
    assert (o.cert_valid_until, o.legal_qualification, o.is_reviewer) == (D(2026, 3, 31), False, False)


def test_a_district_entity_import_proposes_and_overwrites_nothing(live_server: Any, agency: Any, city: Any) -> None:
    shop = EntityFactory(
        name="杭州某某食品有限公司", registering_agency=agency, legal_representative="王五", phone="0571-88880000"
    )
    region = Region.objects.create(
        code="330106", name="西湖区", level=RegionLevel.COUNTY, parent=city, path=f"{city.path}330106/"
    )
    bureau = AgencyFactory(name="杭州市西湖区市场监督管理局", region=region)
    head = UserFactory(username="xhhead", role="agency_head", agency=bureau)
    row = ["杭州某某食品有限公司（改名）", shop.uscc, "赵六", "西湖区某路9号", "13900000000"]
    status, body = _import(
        Http(live_server.url, head),
        "entities",
        [["名称", "统一社会信用代码", "法定代表人", "注册地址", "联系方式"], row],
    )
    assert status == 200, body
    after = Entity.objects.get(pk=shop.pk)
    assert (after.name, after.legal_representative, after.phone) == ("杭州某某食品有限公司", "王五", "0571-88880000")
    proposal = EntityChangeProposal.objects.get(entity=shop)
    assert (proposal.agency_id, proposal.status, proposal.source) == (bureau.pk, "pending", "import")


def _login_form(http: Http, username: str, password: str) -> tuple[str, str]:
    """Sign in through the form (redirects followed); returns (final URL, page)."""
    http.opener.open(f"{http.base}/accounts/login/").read()
    form = {"username": username, "password": password, "csrfmiddlewaretoken": http.csrf}
    request = urllib.request.Request(f"{http.base}/accounts/login/", data=urllib.parse.urlencode(form).encode())
    with http.opener.open(request) as response:
        return response.geturl(), response.read().decode()


def _reset(live_server: Any, security_admin: Any, user: Any) -> str:
    status, page = Http(live_server.url, security_admin).post_form(f"/accounts/users/{user.pk}/", {"op": "reset"})
    assert status == 200, page
    found = ONE_TIME.search(page)
    assert found, "the one-time password is shown to the administrator once"
    return found.group(0)


def test_no_administrator_sets_a_password_and_acts_as_the_user(
    live_server: Any, officer: Any, admin_user: Any, security_admin: Any
) -> None:
    # The system administrator has no power over accounts (三员分立).
    assert Http(live_server.url, admin_user).post_form(f"/accounts/users/{officer.pk}/", {"op": "reset"})[0] == 404
    one_time = _reset(live_server, security_admin, officer)
    # Signing in with the one-time password reaches nothing but the password change.
    admin_as_user = Http(live_server.url)
    url, page = _login_form(admin_as_user, officer.username, one_time)
    assert url.endswith("/accounts/password/")
    assert "由安全管理员重置（或账号新建），一次性密码只能用于本次登录，请立即设置新密码" in page
    status, cases = admin_as_user.get("/cases/")
    assert "/accounts/password/" in cases or (status == 200 and "请立即设置新密码" in cases)
    status, body = admin_as_user.get("/api/cases/")
    assert (status, json.loads(body)["code"]) == (403, "password_change_required")
    # The reset is a ledger record naming the administrator, without the password.
    entry = Entry.objects.get(subject=f"roster.user:{officer.pk}", action="auth.password_reset")
    assert entry.actor == security_admin.username and one_time not in entry.canonical


def test_with_a_second_factor_the_one_time_password_alone_signs_nobody_in(
    live_server: Any, officer: Any, security_admin: Any
) -> None:
    secret = totp.new_secret()
    account_services.enable_totp(user=officer, secret=secret, code=totp.totp(secret), ip="127.0.0.1")
    one_time = _reset(live_server, security_admin, officer)
    admin_as_user = Http(live_server.url)
    url, _ = _login_form(admin_as_user, officer.username, one_time)
    assert url.endswith("/accounts/login/otp/")
    assert admin_as_user.get("/api/cases/")[0] == 401
    # and the same administrator cannot remove the second factor as well
    _status, page = Http(live_server.url, security_admin).post_form(
        f"/accounts/users/{officer.pk}/", {"op": "reset_totp"}
    )
    assert "同一名安全管理员不能在24小时内既重置该用户的密码又重置其动态口令（防止冒用他人身份）" in page


def test_failed_logins_lock_the_account_and_every_login_is_audited(
    live_server: Any, officer: Any, audit_admin: Any, settings: Any
) -> None:
    stranger = Http(live_server.url)
    for _ in range(settings.LOGIN_MAX_FAILURES):
        _login_form(stranger, officer.username, "Wrong-Password-1")
    url, page = _login_form(stranger, officer.username, PASSWORD)  # the right one, too late
    assert url.endswith("/accounts/login/") and "该账号因连续登录失败已被锁定" in page
    auditor = Http(live_server.url, audit_admin)
    auditor.post_form("/accounts/logout/", {})
    auditor = Http(live_server.url, audit_admin)
    audit = auditor.get("/accounts/audit/")[1]
    for label in ("登录失败", "锁定", "登录", "退出"):
        assert label in audit
    assert "Wrong-Password-1" not in audit
