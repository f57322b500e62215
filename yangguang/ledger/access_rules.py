"""The ledger's part of the permission policy. Registered once by ``LedgerConfig.ready()``.

A public entry (published material) is readable by anyone. A non-public entry is readable by whoever
may read its subject (``policy.subject_decision``: a case's entries by who may see the case, a
secret case's only by its permitted readers), and by the audit administrator when its subject is a
record of the system's administration (users, roles, settings), not case content. A bundle is
exported for a subject the user may read, and holds only entries the user may read.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from yangguang.access import policy
from yangguang.access.policy import ANYONE, SIGNED_IN, Condition, Ctx, Decision, grant
from yangguang.access.roles import AGENCY_HEAD, AUDIT_ADMINS, REVIEWER, SUPERVISOR, SYSTEM_ADMINS

from .models import Entry
from .selectors import entry_is_public

LEDGER_PAGE_ROLES = SYSTEM_ADMINS | AUDIT_ADMINS | {SUPERVISOR, REVIEWER, AGENCY_HEAD}


def _subject(c: Ctx) -> Decision:
    label = c.obj.subject if isinstance(c.obj, Entry) else str(c.obj)
    return policy.subject_decision(c.user, label, on=c.on)


def _audit_subject(c: Ctx) -> bool:
    label = c.obj.subject if isinstance(c.obj, Entry) else str(c.obj)
    kind = policy.subject_kind(label)
    return bool(kind is not None and kind.audit)


entry_public = Condition("entry_public", "公开记录", lambda c: entry_is_public(c.obj), "该记录不公开，需要登录后查看")
subject_readable = Condition(
    "subject_readable", "可查看记录对象", lambda c: _subject(c).allowed, lambda c: _subject(c).reason
)
audit_subject = Condition(
    "audit_subject", "系统管理类记录", _audit_subject, "审计管理员只能查看系统管理类记录，不能查看案件内容"
)


def readable_seqs(user: Any, seqs: Iterable[int]) -> list[int]:
    """The entries among ``seqs`` that ``user`` may read (one subject decision per subject)."""
    wanted = sorted(set(seqs))
    decided: dict[tuple[str, bool], bool] = {}
    out: list[int] = []
    for i in range(0, len(wanted), 500):
        for entry in Entry.objects.filter(seq__in=wanted[i : i + 500]).only("seq", "subject", "public", "canonical"):
            key = (entry.subject, entry_is_public(entry))
            if key not in decided:
                decided[key] = policy.allows(user, "ledger.entry.view", entry)
            if decided[key]:
                out.append(entry.seq)
    return sorted(out)


def register() -> None:
    policy.register(
        "ledger.view",
        label="查看记录日志页面",
        owner="ledger",
        role_message="只有管理员、执法监督、法制审核人员和机关负责人可以查看记录日志",
        grants=[grant(LEDGER_PAGE_ROLES)],
    )
    policy.register(
        "ledger.verify",
        label="运行记录日志完整校验",
        owner="ledger",
        grants=[grant(LEDGER_PAGE_ROLES)],
    )
    policy.register(
        "ledger.entry.view",
        label="查看记录条目及其证明",
        owner="ledger",
        grants=[
            grant(ANYONE, entry_public),
            grant(SIGNED_IN, subject_readable),
            grant(AUDIT_ADMINS, audit_subject),
        ],
    )
    policy.register(
        "ledger.export",
        label="导出对象的记录及证明",
        owner="ledger",
        grants=[grant(LEDGER_PAGE_ROLES, subject_readable), grant(AUDIT_ADMINS, audit_subject)],
    )
