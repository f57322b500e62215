"""The separated administrator roles (三员分立) and what each may do in the Django admin.

Kept apart from ``models.py`` (which imports it) as plain strings, so the table reads on its own:
the Django admin is a maintenance tool of the system administrator (master data) and a read-only
window for the security administrator (accounts, officers). Accounts, passwords, certificates and
qualifications change only through their services and pages (``yangguang.accounts``,
``roster.certificates``), never through a generic admin form; the audit administrator reads the
audit log and the ledger on their own pages and has no admin access.
"""

from __future__ import annotations

SYSTEM_ADMIN = "system_admin"
SECURITY_ADMIN = "security_admin"
AUDIT_ADMIN = "audit_admin"

_CRUD = ("view", "add", "change", "delete")

# role -> {"app_label.codename", ...}
ADMIN_SITE_PERMISSIONS: dict[str, frozenset[str]] = {
    SYSTEM_ADMIN: frozenset(
        [
            f"roster.{verb}_{model}"
            for model in ("region", "agency", "unit", "enforcementitem", "inspectionitem", "entity")
            for verb in _CRUD
        ]
        + ["roster.view_officer", "roster.change_officer"]
        + ["documents.view_agencyabbreviation", "documents.change_agencyabbreviation"]
        + ["workdays.view_calendaryear", "workdays.view_specialday"]
    ),
    SECURITY_ADMIN: frozenset(["roster.view_user", "roster.view_officer"]),
}

# Roles that reach the Django admin at all (``is_staff`` follows the role).
STAFF_ROLES = frozenset(ADMIN_SITE_PERMISSIONS)


def admin_site_allows(role: str, perm: str) -> bool:
    return perm in ADMIN_SITE_PERMISSIONS.get(role, frozenset())


def admin_site_permissions_of(role: str, app_label: str) -> list[str]:
    """The role's admin permissions in ``app_label`` (e.g. ``roster.view_agency``), sorted."""
    return sorted(p for p in ADMIN_SITE_PERMISSIONS.get(role, frozenset()) if p.startswith(f"{app_label}."))


def is_staff_role(role: str) -> bool:
    return role in STAFF_ROLES


# --- one small predicate per power (each moves into the permission policy as one rule) -----------


def _role(user: object) -> str:
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return ""
    return str(getattr(user, "role", ""))


def is_system_admin(user: object) -> bool:
    """Configuration: master data imports, the working-day calendar, settings (系统管理员)."""
    return _role(user) == SYSTEM_ADMIN


def is_security_admin(user: object) -> bool:
    """Accounts, roles, password resets, unlocks; certificates within its justice bureau's region
    (安全管理员)."""
    return _role(user) == SECURITY_ADMIN


def is_audit_admin(user: object) -> bool:
    """Read-only: the audit log and the ledger (审计管理员)."""
    return _role(user) == AUDIT_ADMIN


def is_admin_role(role: str) -> bool:
    return role in (SYSTEM_ADMIN, SECURITY_ADMIN, AUDIT_ADMIN)
