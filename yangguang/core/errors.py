"""Domain errors: raised by services, rendered as Chinese messages in the UI and as
machine-readable JSON in the API."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import AppRegistryNotReady
from django.utils.translation import gettext


def _translated(message: str) -> str:
    """``message`` through the catalog (``yangguang/locale``; ``manage.py messages`` collects the
    literal messages of every ``DomainError``), as is before the apps are loaded."""
    try:
        return gettext(message) if message else message
    except AppRegistryNotReady:
        return message


class DomainError(Exception):
    """A rule of the domain refused the operation. ``code`` is stable for API clients; ``message``
    is the Chinese text shown to users and names the rule (and article) where there is one; it goes
    through gettext when the error is made."""

    http_status = 400

    def __init__(self, message: str, *, code: str = "domain_error", details: dict[str, Any] | None = None) -> None:
        message = _translated(message)
        super().__init__(message)
        self.message = message
        self.code = code
        self.details = details or {}

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.details:
            out["details"] = self.details
        return out


class PermissionDeniedError(DomainError):
    http_status = 403

    def __init__(self, message: str = "无权执行此操作", *, code: str = "permission_denied", **kw: Any) -> None:
        super().__init__(message, code=code, **kw)


class NotFoundError(DomainError):
    http_status = 404

    def __init__(self, message: str = "对象不存在", *, code: str = "not_found", **kw: Any) -> None:
        super().__init__(message, code=code, **kw)
