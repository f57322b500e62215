"""Reconciling logins (accounts) with their ``roster.user.*`` entries (registered in
``RosterConfig.ready``): every login is created by ``roster.services.create_user`` (or the demo
seeding, which records the same entry) and changed by the accounts services (``roster.user.role``
with the placement before and after, ``roster.user.activate``/``deactivate``), so a login inserted,
deleted, given another role or reactivated outside the services is found: its entries, folded in
order, must give its current state.

Other roster records (agencies, officers, entities...) are also written in bulk by imports, whose
entries record the file's hash rather than each row, so they are not reconciled row by row."""

from __future__ import annotations

from collections.abc import Hashable, Iterator, Mapping
from typing import Any

from yangguang.roster.models import User

# Payload key -> (attribute on User, label).
_FIELDS = {
    "username": ("username", "用户名"),
    "role": ("role", "角色"),
    "agency": ("agency_id", "所属机关"),
    "officer": ("officer_id", "执法人员"),
    "full_name": ("full_name", "姓名"),
    "is_active": ("is_active", "启用状态"),
    "is_staff": ("is_staff", "后台权限"),
    "is_superuser": ("is_superuser", "超级用户"),
}
PREFIX = "roster.user:"


class UserReconciler:
    name = "登录账号"
    many_entries = True

    def __init__(self) -> None:
        self._names: dict[Any, str] = {}

    def key(self, doc: Mapping[str, Any]) -> Hashable | None:
        subject = str(doc.get("subject", ""))
        if not str(doc.get("action", "")).startswith("roster.user.") or not subject.startswith(PREFIX):
            return None
        try:
            return int(subject[len(PREFIX) :])
        except ValueError:
            return None

    def fold(self, state: Mapping[str, Any] | None, doc: Mapping[str, Any]) -> dict[str, Any]:
        """The login's expected fields after this entry."""
        out = dict(state or {})
        action = str(doc.get("action", ""))
        payload = doc.get("payload") or {}
        if action == "roster.user.create":
            out = {name: payload[name] for name in _FIELDS if name in payload}
            out.setdefault("is_active", True)
        elif action == "roster.user.role" and isinstance(payload.get("after"), dict):
            out.update({k: v for k, v in payload["after"].items() if k in _FIELDS})
        elif action in ("roster.user.activate", "roster.user.deactivate"):
            out["is_active"] = action == "roster.user.activate"
        elif action.endswith(".delete"):
            out["_deleted"] = True
        else:
            out.update({k: v for k, v in payload.items() if k in _FIELDS})
        return out

    def is_deletion(self, state: Mapping[str, Any]) -> bool:
        return bool(state.get("_deleted"))

    def load(self, keys: list[Hashable]) -> Mapping[Hashable, Any]:
        out: dict[Hashable, User] = {}
        for user in User.objects.filter(pk__in=keys):
            out[user.pk] = user
            self._names[user.pk] = user.username
        return out

    def differs(self, state: Mapping[str, Any], seq: int, record: Any) -> str | None:
        changed = [
            label for name, (attr, label) in _FIELDS.items() if name in state and state[name] != getattr(record, attr)
        ]
        return "、".join(changed) or None

    def all_keys(self) -> Iterator[Hashable]:
        yield from User.objects.order_by("pk").values_list("pk", flat=True).iterator(chunk_size=5000)

    def describe(self, key: Any) -> str:
        if key not in self._names:
            self._names[key] = User.objects.filter(pk=key).values_list("username", flat=True).first() or "?"  # type: ignore[assignment]
        return f"登录账号 {self._names[key]}"
