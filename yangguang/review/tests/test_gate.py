"""The gate is real: a major case cannot be decided without a passed review through the service, the
pages, the API, the admin or a management command; a review passed for another proposal does not count."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from yangguang.cases.models import Case, Step
from yangguang.core.errors import DomainError
from yangguang.review.tests.conftest import ON, PROPOSAL
from yangguang.review.tests.helpers import pass_review

pytestmark = pytest.mark.django_db

REFUSED = "重大执法决定未经法制审核或者审核未通过的，不得作出决定（《行政处罚法》第五十八条）"
DECISION = {"decision_type": "penalty", "penalty_types": ["fine"], "fine": "50000", "reasons": "依法处罚"}


@pytest.fixture
def major_notified(ended_case: Any, step: Any, officer: Any) -> Any:
    """A major case notified first (the review comes after the statement period)."""
    case = ended_case()
    step(case, "issue_notice", officer, penalty_types=["fine"], fine="50000", legal_basis=PROPOSAL["legal_basis"])
    step(case, "waive_statement", officer, content="放弃陈述申辩")
    case.refresh_from_db()
    assert case.is_major
    return case


def _client(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_service_refuses_until_passed_and_again_when_the_proposal_changes(
    major_notified: Any, step: Any, officer: Any, agency_head: Any
) -> None:
    case = major_notified
    with pytest.raises(DomainError) as exc:
        step(case, "decide", agency_head, **DECISION)
    assert (exc.value.code, exc.value.message) == ("review_not_passed", REFUSED)
    step(case, "submit_review", officer, truth_statement=True)
    with pytest.raises(DomainError) as exc:  # submitted is not passed
        step(case, "decide", agency_head, **DECISION)
    assert exc.value.message == REFUSED
    request = case.review_requests.get()
    from yangguang.review import services
    from yangguang.review.tests.helpers import FINDINGS_OK, make_reviewer

    reviewer = make_reviewer(case.agency)
    services.assign_reviewer(request=request, reviewer=reviewer.officer, actor=reviewer, on=ON)
    # notified without a level: the benchmark's 一般 range (1000-5000) applies, so item 6 is flagged
    assert request.rounds.get().discretion_outside
    findings = {**FINDINGS_OK, 6: ("ok", "属严重情形，在20000元至50000元幅度内")}
    services.record_opinion(request=request, actor=reviewer, findings=findings, opinion="agree", text="同意", on=ON)
    # a changed proposal after the pass needs a new round
    step(case, "propose", officer, **{**PROPOSAL, "fine": "55000", "level": "severe", "outside_reason": "从重"})
    with pytest.raises(DomainError) as exc:
        step(case, "decide", agency_head, **{**DECISION, "fine": "55000"})
    assert exc.value.message == REFUSED
    step(case, "resubmit_review", officer, truth_statement=True, changes="罚款调整")
    request.refresh_from_db()
    findings = {**FINDINGS_OK, 6: ("ok", "理由充分")}
    services.record_opinion(request=request, actor=reviewer, findings=findings, opinion="agree", text="同意", on=ON)
    step(case, "decide", agency_head, **DECISION)
    assert Case.objects.get(pk=case.pk).state == "decided"


def test_the_case_page_refuses_with_the_exact_message(major_notified: Any, agency_head: Any) -> None:
    r = _client(agency_head).post(
        f"/cases/{major_notified.pk}/act/decide/", {**DECISION, "occurred_on": ON.isoformat(), "confirmed": "1"}
    )
    assert r.status_code == 400
    assert r.context["page_error"] == REFUSED
    assert Case.objects.get(pk=major_notified.pk).state == "notified"


def test_the_api_refuses(major_notified: Any, agency_head: Any) -> None:
    r = _client(agency_head).post(
        f"/api/cases/{major_notified.pk}/transitions",
        {"action": "decide", "data": DECISION, "occurred_on": ON.isoformat()},
        content_type="application/json",
    )
    assert r.status_code == 400
    assert r.json() == {"code": "review_not_passed", "message": REFUSED}


def test_the_admin_cannot_change_a_case_or_pass_a_review(
    major_notified: Any, officer: Any, step: Any, admin_user: Any
) -> None:
    from django.contrib import admin

    c = _client(admin_user)
    # cases are not editable in the admin: state and decision change only through the workflow
    registered = admin.site._registry.get(Case)
    if registered is None:
        assert c.get(f"/admin/cases/case/{major_notified.pk}/change/").status_code == 404
    else:  # pragma: no cover - if an admin for cases is added it must not edit the state
        assert "state" in registered.get_readonly_fields(None)  # type: ignore[arg-type]
    step(major_notified, "submit_review", officer, truth_statement=True)
    request = major_notified.review_requests.get()
    r = c.post(f"/admin/review/reviewrequest/{request.pk}/change/", {"status": "passed"})
    assert r.status_code == 403
    assert c.post("/admin/review/reviewrequest/add/", {"status": "passed"}).status_code == 403
    request.refresh_from_db()
    assert request.status == "pending"
    # 三员分立: the system administrator does not even read case material in the admin
    assert c.get(f"/admin/review/reviewrequest/{request.pk}/change/").status_code == 403


def test_a_management_command_is_refused(major_notified: Any, agency_head: Any, officer: Any) -> None:
    args = [str(major_notified.pk), "decide", "--user", agency_head.username, "--data", json.dumps(DECISION)]
    with pytest.raises(CommandError) as exc:
        call_command("case_step", *args)
    assert str(exc.value) == REFUSED
    assert not Step.objects.filter(case=major_notified, action="decide").exists()
    pass_review(major_notified, officer, ON)
    call_command("case_step", *args)
    assert Case.objects.get(pk=major_notified.pk).state == "decided"
