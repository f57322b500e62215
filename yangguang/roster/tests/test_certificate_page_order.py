"""The certificate page asks the policy before it reads the input (issue 11): a role that may not
act on the officer gets 403 whatever it posts; only an authorized actor's bad input is a 400."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _post(user: Any, officer: Any, data: dict[str, str]) -> int:
    client = Client()
    client.force_login(user)
    return client.post(reverse("roster:certificate", kwargs={"pk": officer.officer.pk}), data).status_code


@pytest.mark.parametrize("persona", ["officer", "officer2", "unit_head", "reviewer", "supervisor"])
@pytest.mark.parametrize("data", [{}, {"op": "renew"}, {"op": "request"}, {"op": "qualify", "kind": "x"}])
def test_who_may_not_act_is_refused_before_the_input_is_read(
    request: Any, persona: str, data: dict[str, str], officer2: Any
) -> None:
    assert _post(request.getfixturevalue(persona), officer2, data) == 403


def test_an_agency_head_may_request_but_not_renew(agency_head: Any, officer2: Any) -> None:
    assert _post(agency_head, officer2, {"op": "renew"}) == 403
    assert _post(agency_head, officer2, {"op": "qualify"}) == 403
    assert _post(agency_head, officer2, {"op": "request"}) == 400  # allowed; the form is incomplete
    assert _post(agency_head, officer2, {}) == 400  # an unknown operation of someone who may act


def test_the_issuing_bureau_gets_the_form_errors(security_admin: Any, officer2: Any) -> None:
    assert _post(security_admin, officer2, {"op": "renew"}) == 400
    assert _post(security_admin, officer2, {"op": "request"}) == 403  # requests are the agency head's
