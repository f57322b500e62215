"""The review app's part of the permission policy. Registered once by ``ReviewConfig.ready()``.

The reviewer assigned to a case's legal review reads the case even when it is secret (the review
needs the whole file); review and case handling stay separate (a handler is never assigned).
"""

from __future__ import annotations

from django.db.models import Q

from yangguang.access import policy
from yangguang.access.policy import NONE, Condition, Ctx, grant
from yangguang.cases.access_rules import case_of
from yangguang.roster.access_rules import REVIEWER


def assigned_reviewer(path: str = "") -> Condition:
    """The user is the reviewer assigned to a legal review of the case."""

    def test(c: Ctx) -> bool:
        case = case_of(c.obj, path)
        oid = getattr(c.user, "officer_id", None)
        return bool(case is not None and oid and case.review_requests.filter(reviewer_id=oid).exists())

    def q(c: Ctx) -> Q:
        oid = getattr(c.user, "officer_id", None)
        return (
            Q(**{f"{path}__review_requests__reviewer_id" if path else "review_requests__reviewer_id": oid})
            if oid
            else NONE
        )

    return Condition("assigned_reviewer", "本案的审核人员", test, "您不是本案的审核人员", q)


def register() -> None:
    policy.extend("case.view", grant(REVIEWER, assigned_reviewer()), owner="review")
