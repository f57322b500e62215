"""The review app's part of the permission policy. Registered once by ``ReviewConfig.ready()``.

The reviewer assigned to a case's legal review reads the case even when it is secret (the review
needs the whole file). Review and case handling stay separate: only the assigned reviewer gives the
opinion, and never one who handles or handled the case. Requests are read by who may read the case.
"""

from __future__ import annotations

from django.db.models import Q

from yangguang.access import policy
from yangguang.access.policy import NONE, Condition, Ctx, grant
from yangguang.access.roles import AGENCY_HEAD, OFFICER, REVIEWER, STAFF, SUPERVISOR, SYSTEM_ADMINS, UNIT_HEAD
from yangguang.cases.access_rules import active_handler, case_agency, case_of, may_view_case
from yangguang.roster.access_rules import same_agency
from yangguang.roster.models import Agency

from .models import ReviewRequest
from .services import MSG_ASSIGNER, MSG_COORD_ROLE, MSG_HANDLER, MSG_NOT_ASSIGNED, MSG_RESOLVE_ROLE, MSG_SETTING_ROLE


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


def _is_assigned(c: Ctx) -> bool:
    request: ReviewRequest = c.obj
    oid = getattr(c.user, "officer_id", None)
    return bool(oid and request.reviewer_id == oid)


def _not_handler(c: Ctx) -> bool:
    request: ReviewRequest = c.obj
    oid = getattr(c.user, "officer_id", None)
    return not (oid and request.case.case_officers.filter(officer_id=oid).exists())


def _oid(c: Ctx) -> int | None:
    return getattr(c.user, "officer_id", None)


is_assigned = Condition(
    "assigned",
    "分配的审核人员",
    _is_assigned,
    MSG_NOT_ASSIGNED,
    lambda c: Q(reviewer_id=_oid(c)) if _oid(c) else NONE,
)
not_handler = Condition(
    "not_handler",
    "非本案承办人员",
    _not_handler,
    MSG_HANDLER.format(name="您"),
    lambda c: ~Q(case__case_officers__officer_id=_oid(c)) if _oid(c) else Q(),
)


def register() -> None:
    policy.extend("case.view", grant(REVIEWER, assigned_reviewer()), owner="review")
    policy.register(
        "review.request.view",
        label="查看法制审核申请",
        model=ReviewRequest,
        owner="review",
        grants=[grant(STAFF, may_view_case("case"))],
    )
    policy.register(
        "review.assign",
        label="分配法制审核人员",
        model=ReviewRequest,
        owner="review",
        role_message=MSG_ASSIGNER,
        grants=[grant({REVIEWER, AGENCY_HEAD}, same_agency(message=MSG_ASSIGNER))],
    )
    policy.register(
        "review.opinion",
        label="出具法制审核意见",
        model=ReviewRequest,
        owner="review",
        role_message=MSG_NOT_ASSIGNED,
        grants=[grant(REVIEWER, is_assigned, not_handler)],
    )
    policy.register(
        "review.coordinate.request",
        label="对审核意见申请协调",
        model=ReviewRequest,
        owner="review",
        role_message=MSG_COORD_ROLE,
        grants=[
            grant(OFFICER, case_agency("case", MSG_COORD_ROLE), active_handler("case")),
            grant(UNIT_HEAD, case_agency("case", MSG_COORD_ROLE), may_view_case("case")),
        ],
    )
    policy.register(
        "review.coordinate.resolve",
        label="协调审核意见分歧",
        model=ReviewRequest,
        owner="review",
        role_message=MSG_RESOLVE_ROLE,
        grants=[grant(AGENCY_HEAD, case_agency("case", MSG_RESOLVE_ROLE))],
    )
    policy.register(
        "review.setting.edit",
        label="设置法制审核期限",
        model=Agency,
        owner="review",
        role_message=MSG_SETTING_ROLE,
        grants=[grant(SYSTEM_ADMINS), grant(AGENCY_HEAD, same_agency("", MSG_SETTING_ROLE))],
    )
    policy.register(
        "review.staffing.view",
        label="查看法制审核人员配备",
        owner="review",
        grants=[grant(SYSTEM_ADMINS | {AGENCY_HEAD, SUPERVISOR, REVIEWER})],
    )
