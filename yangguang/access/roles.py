"""Role codes and the groups the rules are written with.

The codes are those of ``roster.Role`` (a test checks they agree); they live here as plain text so
that every app, including those below the roster (ledger, documents), can write its rules.
"""

from __future__ import annotations

OFFICER = "officer"  # 执法人员
UNIT_HEAD = "unit_head"  # 承办机构负责人
REVIEWER = "reviewer"  # 法制审核人员
AGENCY_HEAD = "agency_head"  # 行政机关负责人
SUPERVISOR = "supervisor"  # 执法监督人员
SYSTEM_ADMIN = "system_admin"  # 系统管理员
SECURITY_ADMIN = "security_admin"  # 安全管理员
AUDIT_ADMIN = "audit_admin"  # 审计管理员

# The three separated administrators (三员分立), none with any power over cases:
# the system administrator (配置、日历、主数据导入),
SYSTEM_ADMINS = frozenset({SYSTEM_ADMIN})
# the security administrator (users, roles, password resets, certificates and qualifications),
SECURITY_ADMINS = frozenset({SECURITY_ADMIN})
# the audit administrator (reads the audit log and the ledger's administration records).
AUDIT_ADMINS = frozenset({AUDIT_ADMIN})
ADMINS = SYSTEM_ADMINS | SECURITY_ADMINS | AUDIT_ADMINS

CASE_HANDLERS = frozenset({OFFICER, UNIT_HEAD, AGENCY_HEAD})  # register and handle cases
AGENCY_STAFF = frozenset({OFFICER, UNIT_HEAD, REVIEWER, AGENCY_HEAD})  # work inside one agency
STAFF = AGENCY_STAFF | {SUPERVISOR}

ALL_ROLES = (OFFICER, UNIT_HEAD, REVIEWER, AGENCY_HEAD, SUPERVISOR, SYSTEM_ADMIN, SECURITY_ADMIN, AUDIT_ADMIN)
