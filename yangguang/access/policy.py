"""The permission policy: one registry of actions, one judge.

API (stable; every read and write asks it)::

    from yangguang.access import policy

    policy.allows(user, "case.view", case)            # -> bool
    policy.require(user, "evidence.upload", case, on=day)   # raises AccessDenied (code "forbidden")
    policy.scope(user, "case.view", Case.objects.all())     # -> the rows the user may see
    policy.explain(user, "publication.correct", pub)  # -> Decision(allowed, reason, rule)

Mechanism. An *action* is a dotted name ``<object>.<verb>`` (``case.view``, ``evidence.upload``,
``ledger.entry.view``). The app that owns the object registers the action once, in its
``AppConfig.ready()`` (its ``access_rules.py``), as a list of *grants*. A grant names the roles it
is for and the *conditions* that must all hold (``本机关``, ``承办人员``, ``持证`` …); the action is
allowed when one grant for the user's role holds. A condition is a named test of (user, object,
day) with the Chinese sentence that refuses it and, for lists, the same test as a query filter, so
``scope`` and ``allows`` cannot disagree (a test walks both). An app above may ``extend`` an action
with further grants (the review app lets the assigned reviewer read a secret case). Asking for an
action nobody registered raises ``UnknownAction``: nothing is allowed by omission. No role has
power because it is "an administrator" or a superuser: every grant is explicit.

Subjects. The ledger and the documents name what they are about by a label (``cases.case:42``);
``register_subject`` says how to find the object of a label and which action reads it, so a
non-public ledger entry or a document is shown exactly to those who may see its subject.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.db.models import Model, Q, QuerySet
from django.utils import timezone

from .errors import AccessDenied, UnknownAction

__all__ = [
    "ALL",
    "ANYONE",
    "NONE",
    "SIGNED_IN",
    "AccessDenied",
    "ActionRule",
    "Condition",
    "Ctx",
    "Decision",
    "Grant",
    "SubjectKind",
    "UnknownAction",
    "actions",
    "allows",
    "explain",
    "extend",
    "grant",
    "register",
    "register_subject",
    "require",
    "role_of",
    "rule",
    "scope",
    "scope_q",
    "subject_decision",
    "subject_kind",
    "subject_kinds",
]

M = TypeVar("M", bound=Model)

ANYONE = "*"  # every visitor, signed in or not (public pages)
SIGNED_IN = "+"  # every signed-in user, whatever the role
ALL = Q()  # a condition's filter that keeps every row
NONE = Q(pk__in=[])  # … and one that keeps none

_ACTION_NAME = re.compile(r"^[a-z][a-z_]*(\.[a-z][a-z_]*)+$")


def role_of(user: Any) -> str:
    """The user's role code ("" for an anonymous visitor)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return ""
    return str(getattr(user, "role", "") or "")


@dataclass(frozen=True)
class Ctx:
    """What a condition judges: who, which action, on which object, on which day (the act's date)."""

    user: Any
    action: str
    obj: Any
    on: dt.date


@dataclass(frozen=True)
class Condition:
    """A named fact about (user, object, day). ``label`` is how the docs' role × action table shows
    it; ``message`` (text or function of the context) refuses it and names the rule; ``q`` gives the
    same test as a filter on the action's model, for ``scope`` (``ALL``/``NONE`` when the fact does
    not depend on the row)."""

    name: str
    label: str
    test: Callable[[Ctx], bool]
    message: str | Callable[[Ctx], str]
    q: Callable[[Ctx], Q] | None = None

    def denial(self, ctx: Ctx) -> str:
        return self.message(ctx) if callable(self.message) else self.message


@dataclass(frozen=True)
class Grant:
    """Roles (role codes, ``SIGNED_IN`` or ``ANYONE``) that may act when every condition holds."""

    roles: frozenset[str]
    when: tuple[Condition, ...] = ()

    def specificity(self) -> int:
        """How closely the grant addresses a role: named roles before every signed-in user before
        everyone (a refusal explains the most specific grant that came closest)."""
        return 0 if ANYONE in self.roles else 1 if SIGNED_IN in self.roles else 2

    def covers(self, role: str) -> bool:
        if ANYONE in self.roles:
            return True
        if not role:
            return False
        return SIGNED_IN in self.roles or role in self.roles


def grant(roles: Iterable[str] | str, *when: Condition) -> Grant:
    """``grant({"officer"}, same_agency, active_handler)``; a single role may be given as text."""
    return Grant(frozenset([roles] if isinstance(roles, str) else roles), tuple(when))


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: str = ""
    rule: str = ""  # the condition that decided a refusal ("role", "login" or a condition name)

    def __bool__(self) -> bool:
        return self.allowed


@dataclass
class ActionRule:
    """One registered action: its Chinese label, its grants, the model ``obj``/``scope`` are about."""

    action: str
    label: str
    grants: list[Grant]
    model: type[Model] | None = None
    role_message: str = ""
    owner: str = ""
    extended_by: list[str] = field(default_factory=list)

    def role_denial(self, role_labels: dict[str, str]) -> str:
        if self.role_message:
            return self.role_message
        roles: set[str] = set()
        for g in self.grants:
            roles |= g.roles
        if ANYONE in roles or SIGNED_IN in roles:
            return f"无权{self.label}"
        names = "、".join(role_labels.get(r, r) for r in sorted(roles))
        return f"“{self.label}”须由{names}办理" if names else f"无权{self.label}"


_RULES: dict[str, ActionRule] = {}


def register(
    action: str,
    *,
    label: str,
    grants: Iterable[Grant],
    model: type[Model] | None = None,
    role_message: str = "",
    owner: str = "",
) -> ActionRule:
    """Register ``action`` once (from the owning app's ``AppConfig.ready()``)."""
    if not _ACTION_NAME.match(action):
        raise ImproperlyConfigured(f"权限动作名称应为 <对象>.<动作>：{action!r}")
    if action in _RULES:
        raise ImproperlyConfigured(f"权限动作 {action} 重复登记（{_RULES[action].owner} 与 {owner}）")
    rule_ = ActionRule(action, label, list(grants), model, role_message, owner)
    _RULES[action] = rule_
    return rule_


def extend(action: str, *grants: Grant, owner: str = "") -> None:
    """Add grants to an action registered by an app below (the action must exist already)."""
    rule_ = rule(action)
    rule_.grants.extend(grants)
    if owner:
        rule_.extended_by.append(owner)


def rule(action: str) -> ActionRule:
    try:
        return _RULES[action]
    except KeyError:
        raise UnknownAction(f"未登记的权限动作：{action}（请在所属应用的 access_rules.py 中登记）") from None


def actions() -> list[ActionRule]:
    return [_RULES[a] for a in sorted(_RULES)]


def _role_labels() -> dict[str, str]:
    from django.contrib.auth import get_user_model

    try:
        choices = get_user_model()._meta.get_field("role").choices or []
    except FieldDoesNotExist:  # a user model without roles
        return {}
    return {str(code): str(label) for code, label in choices}


def explain(user: Any, action: str, obj: Any = None, *, on: dt.date | None = None) -> Decision:
    """The decision with its reason: the first grant for the user's role whose conditions all hold
    allows; otherwise the refusal names the failed condition of the grant that came closest (most
    conditions passed, then the most specific grant)."""
    rule_ = rule(action)
    ctx = Ctx(user, action, obj, on or timezone.localdate())
    role = role_of(user)
    closest: tuple[tuple[int, int], Condition] | None = None
    covered = False
    for g in rule_.grants:
        if not g.covers(role):
            continue
        covered = True
        for i, cond in enumerate(g.when):
            if not cond.test(ctx):
                rank = (i, g.specificity())
                if closest is None or rank > closest[0]:
                    closest = (rank, cond)
                break
        else:
            return Decision(True)
    if not role:
        return Decision(False, "请先登录", "login")
    if not covered or closest is None:
        return Decision(False, rule_.role_denial(_role_labels()), "role")
    return Decision(False, closest[1].denial(ctx), closest[1].name)


def allows(user: Any, action: str, obj: Any = None, *, on: dt.date | None = None) -> bool:
    return explain(user, action, obj, on=on).allowed


def require(user: Any, action: str, obj: Any = None, *, on: dt.date | None = None) -> None:
    decision = explain(user, action, obj, on=on)
    if not decision.allowed:
        raise AccessDenied(decision.reason, rule=decision.rule)


def _combined(user: Any, action: str, on: dt.date | None) -> Q | None:
    """The filter of the grants of ``action`` for the user's role: ``ALL`` for an unconditional
    grant, None when no grant covers the role."""
    rule_ = rule(action)
    ctx = Ctx(user, action, None, on or timezone.localdate())
    role = role_of(user)
    combined: Q | None = None
    for g in rule_.grants:
        if not g.covers(role):
            continue
        q = ALL
        for cond in g.when:
            if cond.q is None:
                raise ImproperlyConfigured(f"权限动作 {action} 的条件 {cond.name} 不能用于列表筛选")
            q = q & cond.q(ctx)
        if not q:  # an unconditional grant: every row
            return ALL
        combined = q if combined is None else combined | q
    return combined


def scope(user: Any, action: str, queryset: QuerySet[M], *, on: dt.date | None = None) -> QuerySet[M]:
    """The rows of ``queryset`` on which ``user`` may take ``action``: the grants' conditions as one
    filter — directly when it joins only single-valued relations (no row can repeat), else as a
    subquery on the primary key, so it composes with any further filter or ordering."""
    rule_ = rule(action)
    if rule_.model is None or not issubclass(queryset.model, rule_.model):
        raise ImproperlyConfigured(f"权限动作 {action} 不能用于筛选 {queryset.model.__name__}")
    combined = _combined(user, action, on)
    if combined is None:
        return queryset.none()
    if not combined:
        return queryset
    if _single_valued(queryset.model, combined):
        # no join that could repeat a row: filter directly, so that the database may walk any
        # index of the caller's filter and ordering (a LIMIT stops early) instead of listing every
        # row in scope first
        return queryset.filter(combined)
    inner = queryset.model._default_manager.filter(combined).values("pk")
    return queryset.filter(pk__in=inner)


def scope_q(user: Any, action: str, path: str, *, on: dt.date | None = None) -> Q | None:
    """``scope``'s filter for ``action`` as seen from a model that reaches the action's model
    through the single-valued relation ``path`` (``case`` from a publication): the conditions'
    lookups prefixed with ``path``, and ``path`` not null. None when the filter cannot be put so
    (it joins a multi-valued relation or holds a subquery): use ``path__in=scope(...)`` then."""
    rule_ = rule(action)
    combined = _combined(user, action, on)
    if combined is None or rule_.model is None:
        return None
    if combined and not _single_valued(rule_.model, combined):
        return None
    return _prefixed(combined, path) & Q(**{f"{path}__isnull": False})


def _prefixed(q: Q, path: str) -> Q:
    out = Q()
    out.connector, out.negated = q.connector, q.negated
    for child in q.children:
        if isinstance(child, Q):
            out.children.append(_prefixed(child, path))
        else:  # a (lookup, value) pair: _single_valued admitted nothing else
            lookup, value = child  # type: ignore[misc]
            out.children.append((f"{path}__{lookup}", value))
    return out


def _single_valued(model: type[Model], q: Q) -> bool:
    """Whether filtering ``model`` by ``q`` joins only single-valued relations (forward foreign keys,
    one-to-one) and holds no subquery: such a filter cannot repeat a row and needs no primary-key
    subquery."""
    for child in q.children:
        if isinstance(child, Q):
            if not _single_valued(model, child):
                return False
            continue
        if not isinstance(child, tuple) or not isinstance(child[0], str):
            return False
        if isinstance(child[1], QuerySet):
            # a subquery (``case__in=<cases in scope>``): PostgreSQL cannot turn it into a join
            # under an OR and would run it once per row; the primary-key subquery keeps it whole
            return False
        opts = model._meta
        for part in child[0].split("__"):
            try:
                f = opts.get_field(part)
            except FieldDoesNotExist:
                break  # "pk" or a lookup (startswith, in …): the path ends here
            if not f.is_relation:
                break
            if f.many_to_many or f.one_to_many:
                return False
            assert f.related_model is not None
            opts = f.related_model._meta  # type: ignore[union-attr]
    return True


# --- subjects (what ledger entries and documents are about) ------------------------------------


@dataclass(frozen=True)
class SubjectKind:
    """How to find the object a subject label names (``cases.case:42`` → the case) and which action
    reads it. ``labels`` gives the labels of the objects the user may read, as a values queryset or
    list, for filtering rows by subject; ``audit`` lets the audit administrator read the
    non-public ledger entries of this kind (records of the system's administration, not case
    content)."""

    prefix: str
    resolve: Callable[[str], Any]
    action: str
    labels: Callable[[Any], Any] | None = None
    audit: bool = False


_SUBJECTS: dict[str, SubjectKind] = {}


def register_subject(
    prefix: str,
    *,
    resolve: Callable[[str], Any],
    action: str,
    labels: Callable[[Any], Any] | None = None,
    audit: bool = False,
) -> None:
    if prefix in _SUBJECTS:
        raise ImproperlyConfigured(f"对象类型 {prefix} 重复登记")
    _SUBJECTS[prefix] = SubjectKind(prefix, resolve, action, labels, audit)


def subject_kinds() -> list[SubjectKind]:
    return [_SUBJECTS[p] for p in sorted(_SUBJECTS)]


def subject_kind(label: str) -> SubjectKind | None:
    """The registered kind of ``label`` (the text before the first colon)."""
    return _SUBJECTS.get(label.split(":", 1)[0])


def subject_decision(user: Any, label: str, *, on: dt.date | None = None) -> Decision:
    """May ``user`` read the object named by ``label``? An unregistered kind or a missing object
    is refused (fail closed)."""
    kind = subject_kind(label)
    if kind is None:
        return Decision(False, "该记录的对象类型没有登记访问规则，不予显示", "subject_unknown")
    _, _, rest = label.partition(":")
    obj = kind.resolve(rest) if rest else None
    if obj is None:
        return Decision(False, "记录所指对象不存在或无权查看", "subject_missing")
    return explain(user, kind.action, obj, on=on)
