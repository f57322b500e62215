"""The policy is asked before the state or the input (issue 11): who may not take a step or resolve
a coordination is refused (403, the policy's message) whatever the case's state or the body; only
someone who may gets the state or input error."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from yangguang.access.errors import AccessDenied
from yangguang.core.errors import DomainError
from yangguang.review.models import ReviewRequest
from yangguang.review.services import MSG_RESOLVE_ROLE, MSG_RESOLVE_STATE

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_step_out_of_state_is_refused_by_the_policy_first(
    ended_case: Any, step: Any, officer: Any, reviewer: Any
) -> None:
    case = ended_case()  # never reviewed: resubmit_review is not a step of this state
    with pytest.raises(AccessDenied):
        step(case, "resubmit_review", reviewer, truth_statement=True)
    with pytest.raises(DomainError) as exc:
        step(case, "resubmit_review", officer, truth_statement=True)
    assert exc.value.code == "illegal_transition"


def test_resolving_without_a_coordination_asks_the_policy_first(
    submitted_case: Any, officer: Any, agency_head: Any
) -> None:
    review = ReviewRequest.objects.get(case=submitted_case())
    api = f"/api/review/requests/{review.pk}/coordination/resolve"
    body = {"method": "x", "outcome": "x", "conclusion": ""}
    assert _client(officer).post(api, body, content_type="application/json").status_code == 403
    assert _client(agency_head).post(api, body, content_type="application/json").status_code == 400
    page = f"/review/requests/{review.pk}/resolve/"
    refused = _client(officer).post(page, {}).content.decode()
    assert MSG_RESOLVE_ROLE in refused and MSG_RESOLVE_STATE not in refused
    assert MSG_RESOLVE_STATE in _client(agency_head).post(page, {}).content.decode()


def test_staffing_settings_ask_the_policy_before_the_input(reviewer: Any, agency_head: Any) -> None:
    assert _client(reviewer).post("/review/staffing/", {"days": "x"}).status_code == 403
    assert _client(agency_head).post("/review/staffing/", {"days": "x"}).status_code == 400
