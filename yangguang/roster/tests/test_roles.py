"""三员分立: the separated administrator roles, the migration of the old catch-all admin, no
superuser, and the Django admin limited by role."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.test import Client

from yangguang.ledger.models import Entry
from yangguang.roster.models import Role, User
from yangguang.roster.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_no_account_can_be_a_superuser() -> None:
    user: Any = UserFactory(username="root")
    user.is_superuser = True
    with pytest.raises(IntegrityError), transaction.atomic():
        user.save()
    with pytest.raises(ValidationError) as exc:
        User.objects.create_superuser("root2", "", "Yangguang-2026")
    assert exc.value.messages == [
        "本平台不设超级用户（三员分立）：请用 manage.py create_admin 创建系统管理员、安全管理员或审计管理员"
    ]


def test_create_admin_prints_a_one_time_password_and_records_it(justice_bureau: Any) -> None:
    out = io.StringIO()
    call_command("create_admin", "sec1", "--role", "security_admin", "--agency-uscc", justice_bureau.uscc, stdout=out)
    user = User.objects.get(username="sec1")
    assert user.role == Role.SECURITY_ADMIN and user.agency == justice_bureau
    assert user.is_staff and not user.is_superuser and user.must_change_password
    password = out.getvalue().split("一次性密码：")[1].split("（")[0]
    assert user.check_password(password)
    entry = Entry.objects.get(action="roster.user.create", subject=f"roster.user:{user.pk}")
    assert entry.actor == "system" and password not in entry.canonical


@pytest.mark.parametrize(
    ("persona", "url", "status"),
    [
        ("admin_user", "/admin/roster/agency/", 200),  # master data: the system administrator's
        ("admin_user", "/admin/roster/user/", 403),  # accounts: not his
        ("admin_user", "/admin/review/reviewrequest/", 403),  # case material: nobody's in the admin
        ("security_admin", "/admin/roster/user/", 200),  # read-only
        ("security_admin", "/admin/roster/agency/", 403),
        ("security_admin", "/admin/roster/user/add/", 403),
    ],
)
def test_the_admin_site_follows_the_role(request: pytest.FixtureRequest, persona: str, url: str, status: int) -> None:
    client = Client()
    client.force_login(request.getfixturevalue(persona))
    assert client.get(url).status_code == status


def test_nobody_sets_a_password_in_the_admin(security_admin: Any, officer: Any) -> None:
    client = Client()
    client.force_login(security_admin)
    url = f"/admin/roster/user/{officer.pk}/password/"
    response = client.post(url, {"password1": "Hijacked-2026!", "password2": "Hijacked-2026!"})
    assert response.status_code == 403
    officer.refresh_from_db()
    assert not officer.check_password("Hijacked-2026!")


def test_audit_administrator_has_no_admin_site(audit_admin: Any) -> None:
    client = Client()
    client.force_login(audit_admin)
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1] == ("/accounts/login/?next=/admin/", 302)


def test_admin_login_page_is_the_platform_login(db: Any) -> None:
    response = Client().get("/admin/login/?next=/admin/")
    assert response.status_code == 302 and response["Location"] == "/accounts/login/?next=/admin/"


def test_administrators_see_no_cases(admin_user: Any, security_admin: Any, audit_admin: Any, officer: Any) -> None:
    from yangguang.cases.selectors import visible_cases
    from yangguang.roster.selectors import visible_agencies, work_agencies

    for user in (admin_user, security_admin, audit_admin):
        assert not work_agencies(user).exists()
        assert not visible_cases(user).exists()
    assert visible_agencies(admin_user).filter(pk=officer.agency_id).exists()
    # the justice bureau's security administrator sees the roster of its region and below
    assert visible_agencies(security_admin).filter(pk=officer.agency_id).exists()


def test_migration_maps_the_old_admin_role() -> None:
    from importlib import import_module

    from django.apps import apps

    migration = import_module("yangguang.roster.migrations.0002_separated_admin_roles")
    old: Any = UserFactory(username="oldadmin", role=Role.OFFICER, is_staff=False)
    User.objects.filter(pk=old.pk).update(role="admin")
    officer: Any = UserFactory(username="oldofficer", role=Role.OFFICER, is_staff=True)
    migration.map_admins(apps, None)
    old.refresh_from_db()
    officer.refresh_from_db()
    assert (old.role, old.is_staff) == (Role.SYSTEM_ADMIN, True)
    assert (officer.role, officer.is_staff) == (Role.OFFICER, False)


def test_the_admin_site_asks_the_permission_policy(admin_user: Any, security_admin: Any, officer: Any) -> None:
    from yangguang.access import policy

    assert policy.explain(admin_user, "admin.permission", "roster.change_agency").allowed
    assert admin_user.has_perm("roster.change_agency") and admin_user.has_module_perms("roster")
    refused = policy.explain(security_admin, "admin.permission", "roster.change_agency")
    assert (refused.allowed, refused.reason) == (False, "该角色在管理后台没有此项权限")
    assert not security_admin.has_perm("roster.change_agency") and security_admin.has_module_perms("roster")
    assert not security_admin.has_module_perms("documents")
    outsider = policy.explain(officer, "admin.permission", "roster.view_agency")
    assert (outsider.allowed, outsider.reason) == (False, "只有系统管理员和安全管理员可以进入管理后台（三员分立）")
    assert not officer.has_module_perms("roster")
