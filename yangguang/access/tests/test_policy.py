"""The permission policy's mechanism: registration, unknown actions, decisions and their reasons."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Q

from yangguang.access import policy
from yangguang.access.errors import AccessDenied, UnknownAction
from yangguang.access.policy import ALL, Condition, Ctx, grant
from yangguang.cases.models import Case
from yangguang.roster.tests.factories import UserFactory

D = dt.date


def test_unknown_action_fails_loudly(officer: Any) -> None:
    with pytest.raises(UnknownAction, match=re.escape("未登记的权限动作：case.fly")):
        policy.allows(officer, "case.fly")
    with pytest.raises(UnknownAction):
        policy.scope(officer, "case.fly", Case.objects.all())


def test_an_action_is_registered_once_with_a_dotted_name() -> None:
    with pytest.raises(ImproperlyConfigured, match="重复登记"):
        policy.register("case.view", label="x", grants=[])
    with pytest.raises(ImproperlyConfigured, match=re.escape("<对象>.<动作>")):
        policy.register("caseview", label="x", grants=[])
    with pytest.raises(UnknownAction):
        policy.extend("nothing.here", grant("officer"))


def test_every_condition_of_a_listed_action_can_filter() -> None:
    """``scope`` needs each condition of an action with a model as a filter too."""
    for rule in policy.actions():
        if rule.model is None:
            continue
        for g in rule.grants:
            for cond in g.when:
                assert cond.q is not None, f"{rule.action}: {cond.name}"


def test_actions_named_in_code_are_registered() -> None:
    """Every literal action passed to the policy anywhere in the code is registered (a typo would
    otherwise fail only when that line runs)."""
    root = Path(__file__).resolve().parents[2]
    pattern = re.compile(r"policy\.(?:allows|require|scope|explain)\([^\"']*?[\"']([a-z_]+(?:\.[a-z_]+)+)[\"']")
    registered = {r.action for r in policy.actions()}
    named: set[str] = set()
    for path in root.rglob("*.py"):
        if "/tests/" in str(path) or "/migrations/" in str(path) or path.parent.name == "access":
            continue
        named |= set(pattern.findall(path.read_text(encoding="utf-8")))
    assert named, "the pattern finds the calls"
    assert named <= registered, sorted(named - registered)


def test_decision_names_the_condition_of_the_closest_grant(db: Any) -> None:
    passes = Condition("passes", "真", lambda c: True, "不会出现", lambda c: ALL)
    fails = Condition("fails", "假", lambda c: False, lambda c: f"{c.on}：条件不满足", lambda c: Q(pk__in=[]))
    policy.register(
        "test_only.thing",
        label="测试",
        grants=[grant("officer", fails), grant("officer", passes, fails)],
        owner="tests",
    )
    try:
        user = UserFactory(role="officer")
        decision = policy.explain(user, "test_only.thing", on=D(2026, 5, 1))
        assert (decision.allowed, decision.rule, decision.reason) == (False, "fails", "2026-05-01：条件不满足")
        with pytest.raises(AccessDenied) as exc:
            policy.require(user, "test_only.thing")
        assert exc.value.code == "forbidden" and exc.value.http_status == 403
        head = UserFactory(role="agency_head")
        assert policy.explain(head, "test_only.thing").reason == "“测试”须由执法人员办理"
        from django.contrib.auth.models import AnonymousUser

        assert policy.explain(AnonymousUser(), "test_only.thing").reason == "请先登录"
    finally:
        policy._RULES.pop("test_only.thing")


def test_ctx_is_what_conditions_see(officer: Any) -> None:
    ctx = Ctx(officer, "case.view", None, D(2026, 1, 1))
    assert (ctx.user, ctx.on) == (officer, D(2026, 1, 1))


def test_role_codes_agree_with_the_roster() -> None:
    from yangguang.access.roles import ALL_ROLES
    from yangguang.roster.models import Role

    assert set(ALL_ROLES) == set(Role.values)
