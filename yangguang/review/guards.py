"""The legal review gate as guards of the case workflow (contributed in ``apps.py``): the decision of
a major case waits for a review that passed for the proposal the case carries (《行政处罚法》第五十八条),
and the proposal stays as submitted while the reviewer works on it."""

from __future__ import annotations

from yangguang.cases.extensions import GuardContext
from yangguang.cases.workflow import CaseState, DecisionType
from yangguang.core.errors import DomainError

from . import gate

MSG_NOT_REQUIRED = "本案不属于重大执法决定，无需法制审核"
MSG_NOT_PASSED = "重大执法决定未经法制审核或者审核未通过的，不得作出决定（《行政处罚法》第五十八条）"


def review_required(ctx: GuardContext) -> None:
    """Only a major decision (重大执法决定) is submitted for legal review; small cases are never
    blocked (domain.md §5). ``case.is_major`` is kept current by the review's effects."""
    if not gate.review_required(ctx.case):
        raise DomainError(MSG_NOT_REQUIRED, code="review_not_required")


def review_passed(ctx: GuardContext) -> None:
    # Review gates the decision (《行政处罚法》第五十八条). The notice may come before the review (the
    # review then follows the statement or hearing); once submitted, the notice waits for the pass.
    if ctx.transition.action == "issue_notice" and ctx.case.state != CaseState.LEGAL_REVIEW:
        return
    if ctx.transition.action == "decide" and ctx.data.get("decision_type") in (
        DecisionType.NOT_ESTABLISHED,
        DecisionType.REFERRAL,
    ):
        return
    if gate.review_required(ctx.case) and not gate.review_passed(ctx.case):
        raise DomainError(MSG_NOT_PASSED, code="review_not_passed")


def review_editable(ctx: GuardContext) -> None:
    """The proposal and the major flags stay as submitted while the reviewer works on them."""
    gate.check_editable(ctx.case)


def review_submission(ctx: GuardContext) -> None:
    gate.check_submission(ctx.case, ctx.data)


def review_resubmission(ctx: GuardContext) -> None:
    gate.check_resubmission(ctx.case, ctx.data)


GUARDS = {
    "legal_review_required": review_required,
    "legal_review_passed": review_passed,
    "review_editable": review_editable,
    "review_submission": review_submission,
    "review_resubmission": review_resubmission,
}
