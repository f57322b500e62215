"""The documents app's part of the permission policy. Registered once by ``DocumentsConfig.ready()``.

A document is read by whoever may read its subject (a case's documents by who may see the case, so a
secret case's documents stay closed to officers who may not open it); documents are made only in
the name of the actor's own agency.
"""

from __future__ import annotations

import operator
from functools import reduce

from django.db.models import Q

from yangguang.access import policy
from yangguang.access.policy import NONE, Condition, Ctx, Decision, grant
from yangguang.access.roles import CASE_HANDLERS, REVIEWER
from yangguang.roster.access_rules import same_agency

from .models import IssuedDocument


def _subject(c: Ctx) -> Decision:
    return policy.subject_decision(c.user, c.obj.subject, on=c.on)


def _subject_q(c: Ctx) -> Q:
    parts = [Q(subject__in=kind.labels(c.user)) for kind in policy.subject_kinds() if kind.labels is not None]
    return reduce(operator.or_, parts) if parts else NONE


subject_readable = Condition(
    "subject_readable", "可查看文书所属对象", lambda c: _subject(c).allowed, lambda c: _subject(c).reason, _subject_q
)


def register() -> None:
    policy.register(
        "document.view",
        label="查看执法文书",
        model=IssuedDocument,
        owner="documents",
        grants=[grant(policy.SIGNED_IN, subject_readable)],
    )
    policy.register(
        "document.sign",
        label="登记执法文书的签名",
        model=IssuedDocument,
        owner="documents",
        grants=[
            grant(
                CASE_HANDLERS,
                subject_readable,
                same_agency("agency", "只能登记本机关执法文书的签名"),
            )
        ],
    )
    policy.register(
        "document.issue",
        label="以执法主体名义制作执法文书",
        owner="documents",
        grants=[grant(CASE_HANDLERS | {REVIEWER}, same_agency("", "只能以本机关名义制作执法文书"))],
    )
