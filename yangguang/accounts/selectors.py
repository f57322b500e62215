"""Reads for the account pages and the audit page (审计管理员: read-only over the ledger)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from yangguang.access import policy
from yangguang.ledger.models import Entry
from yangguang.roster.models import Officer, User

from .models import PasswordReset, TOTPDevice

CATEGORY_PREFIXES: dict[str, tuple[str, ...]] = {
    "security": ("auth.", "roster.user."),
    "certificates": ("roster.certificate.", "roster.qualification."),
    "entities": ("roster.entity",),
    "all": (),
}

ACTION_LABELS = {
    "auth.login": "登录",
    "auth.login_failed": "登录失败",
    "auth.lockout": "锁定",
    "auth.unlock": "解锁",
    "auth.logout": "退出",
    "auth.session_expired": "会话超时退出",
    "auth.password_change": "修改密码",
    "auth.password_reset": "重置密码",
    "auth.totp_enable": "启用动态口令",
    "auth.totp_disable": "关闭动态口令",
    "auth.totp_reset": "重置动态口令",
    "auth.recovery_codes": "重新生成恢复码",
    "auth.recovery_code_used": "使用恢复码",
    "roster.user.create": "创建账号",
    "roster.user.role": "变更角色",
    "roster.user.deactivate": "停用账号",
    "roster.user.activate": "启用账号",
    "roster.certificate.issue": "发证",
    "roster.certificate.renewal": "换证",
    "roster.certificate.suspension": "暂扣执法证",
    "roster.certificate.reinstatement": "恢复执法证",
    "roster.certificate.revocation": "吊销执法证",
    "roster.certificate.lapse": "执法证失效",
    "roster.qualification.request": "申请资格认定",
    "roster.qualification.grant": "认定资格",
    "roster.qualification.withdraw": "撤销资格",
    "roster.qualification.decide": "处理资格申请",
}

REASON_LABELS = {
    "bad_credentials": "用户名或密码错误",
    "bad_second_factor": "动态口令错误",
    "locked_account": "账号已锁定",
    "locked_address": "终端已暂停登录",
    "reset_expired": "一次性密码已过期",
    "idle": "长时间未操作",
    "lifetime": "超过会话最长时间",
}

PAGE_SIZE = 50


@dataclass(frozen=True)
class AuditRow:
    seq: int
    at: dt.datetime
    actor: str
    action: str
    label: str
    subject: str
    summary: str


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def audit_entries(
    user: User,
    *,
    category: str = "security",
    q: str = "",
    action: str = "",
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> QuerySet[Entry]:
    """Ledger entries for the audit page, newest first (the audit administrator only)."""
    policy.require(user, "audit.view")
    qs = Entry.objects.order_by("-seq")
    prefixes = CATEGORY_PREFIXES.get(category, CATEGORY_PREFIXES["security"])
    if prefixes:
        cond = Q()
        for prefix in prefixes:
            cond |= Q(action__startswith=prefix)
        qs = qs.filter(cond)
    if action:
        qs = qs.filter(action=action)
    q = q.strip()
    if q:
        users = [
            f"roster.user:{pk}" for pk in User.objects.filter(username__icontains=q).values_list("pk", flat=True)[:50]
        ]
        qs = qs.filter(Q(actor__icontains=q) | Q(subject__in=users) | Q(subject__icontains=q))
    if since:
        qs = qs.filter(recorded_at__gte=_day_start(since))
    if until:
        qs = qs.filter(recorded_at__lt=_day_start(until + dt.timedelta(days=1)))
    return qs


def _subject_names(labels: set[str]) -> dict[str, str]:
    """Readable names for the subjects of a page (accounts by username, officers by name)."""
    ids: dict[str, list[int]] = {"roster.user": [], "roster.officer": []}
    for label in labels:
        kind, _, rest = label.partition(":")
        if kind in ids and rest.isdigit():
            ids[kind].append(int(rest))
    names: dict[str, str] = {}
    for pk, username in User.objects.filter(pk__in=ids["roster.user"]).values_list("pk", "username"):
        names[f"roster.user:{pk}"] = f"账号 {username}"
    for pk, name, number in Officer.objects.filter(pk__in=ids["roster.officer"]).values_list(
        "pk", "name", "certificate_no"
    ):
        names[f"roster.officer:{pk}"] = f"执法人员 {name}（{number}）"
    for label in labels:
        kind, _, rest = label.partition(":")
        if kind == "accounts.login":
            names[label] = f"未知账号 {rest}"
        elif kind == "accounts.address":
            names[label] = f"终端 {rest}"
    return names


def _summary(payload: dict[str, Any]) -> str:
    parts = []
    for key in (
        "ip",
        "reason",
        "scope",
        "how",
        "until",
        "before",
        "after",
        "kind",
        "effective_on",
        "valid_from",
        "valid_until",
        "status",
        "note",
    ):
        if key in payload and payload[key] not in (None, "", {}):
            value = payload[key]
            if key == "reason":
                value = REASON_LABELS.get(str(value), value)
            if isinstance(value, dict):
                value = json.dumps(value, ensure_ascii=False, sort_keys=True)
            parts.append(f"{key}={value}")
    return "；".join(str(p) for p in parts)[:300]


def audit_rows(entries: list[Entry]) -> list[AuditRow]:
    names = _subject_names({e.subject for e in entries})
    rows = []
    for e in entries:
        payload = json.loads(e.canonical).get("payload", {})
        rows.append(
            AuditRow(
                seq=e.seq,
                at=e.recorded_at,
                actor=e.actor,
                action=e.action,
                label=ACTION_LABELS.get(e.action, e.action),
                subject=names.get(e.subject, e.subject),
                summary=_summary(payload if isinstance(payload, dict) else {}),
            )
        )
    return rows


def security_events(user: User, limit: int = 15) -> list[AuditRow]:
    """The account's own recent records (sign-ins, failures, resets), shown to its holder."""
    entries = list(
        Entry.objects.filter(subject=f"roster.user:{user.pk}", action__startswith="auth.").order_by("-seq")[:limit]
    )
    return audit_rows(entries)


def managed_users(user: User, q: str = "", role: str = "") -> QuerySet[User]:
    qs = policy.scope(user, "user.manage", User.objects.select_related("agency", "officer"))
    if q:
        qs = qs.filter(Q(username__icontains=q) | Q(full_name__contains=q) | Q(officer__name__contains=q))
    if role:
        qs = qs.filter(role=role)
    return qs.order_by("agency__region__code", "agency__name", "username")


def has_second_factor(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user).exists()


def last_reset(user: User) -> PasswordReset | None:
    return PasswordReset.objects.filter(user=user).select_related("reset_by").order_by("-reset_at", "-pk").first()
