"""Helpers for other apps' tests: take a major case through a passed legal review."""

from __future__ import annotations

import datetime as dt
from typing import Any

FINDINGS_OK: dict[int, tuple[str, str]] = {n: ("ok", "") for n in range(1, 10)}


def make_reviewer(agency: Any, username: str = "review_helper") -> Any:
    """A qualified legal reviewer of the agency's review unit (created if missing)."""
    from yangguang.roster.models import Unit, User
    from yangguang.roster.tests.factories import OfficerFactory, UserFactory

    found = User.objects.filter(username=username).first()
    if found is not None:
        return found
    unit = Unit.objects.filter(agency=agency, is_review_unit=True).first() or Unit.objects.create(
        agency=agency, name="法制审核机构", is_review_unit=True
    )
    officer = OfficerFactory(agency=agency, unit=unit, name="钱审核", is_reviewer=True, legal_qualification=True)
    return UserFactory(username=username, role="reviewer", agency=agency, officer=officer)


def pass_review(case: Any, submitter: Any, on: dt.date, *, reviewer: Any = None) -> Any:
    """Submit the case for review as ``submitter`` and pass it (all nine checks in order)."""
    from yangguang.cases.services import case_transition
    from yangguang.review import services
    from yangguang.review.models import ReviewRound

    case_transition(case=case, action="submit_review", actor=submitter, data={"truth_statement": True}, occurred_on=on)
    reviewer = reviewer or make_reviewer(case.agency)
    request = case.review_requests.order_by("-pk").first()
    services.assign_reviewer(request=request, reviewer=reviewer.officer, actor=reviewer, on=on)
    findings = dict(FINDINGS_OK)
    if ReviewRound.objects.filter(request=request).order_by("-number").first().discretion_outside:  # type: ignore[union-attr]
        findings[6] = ("ok", "理由充分")
    services.record_opinion(request=request, actor=reviewer, findings=findings, opinion="agree", text="同意", on=on)
    case.refresh_from_db()
    return request
