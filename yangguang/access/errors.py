"""The refusal of the permission policy."""

from __future__ import annotations

from yangguang.core.errors import PermissionDeniedError


class AccessDenied(PermissionDeniedError):
    """The policy refused an action. ``code`` is always ``forbidden`` (HTTP 403); ``message`` is the
    Chinese sentence that names the rule (e.g. 持证上岗: 执法证在 2026-05-01 已过期…); ``rule`` is the
    name of the condition that failed, for logs and tests (not shown to users)."""

    def __init__(self, message: str, *, rule: str = "") -> None:
        super().__init__(message, code="forbidden")
        self.rule = rule


class UnknownAction(LookupError):
    """An action nobody registered: a programming error, never silently allowed."""
