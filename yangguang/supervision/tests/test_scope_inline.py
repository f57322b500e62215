"""``policy.scope`` with the case's conditions put as joins (``policy.scope_q``, a supervisor's region)
lists exactly the rows ``policy.allows`` allows: publications of visible, secret and other-region
cases and publications of no case, for a supervisor, an agency head and an officer."""

from __future__ import annotations

from typing import Any

import pytest

from yangguang.access import policy
from yangguang.cases.models import Case
from yangguang.publicity.models import Publication

from .conftest import D, make_case, make_publication

pytestmark = pytest.mark.django_db


def test_scope_equals_allows(
    agency: Any, officer: Any, supervisor: Any, agency_head: Any, other_city_agency: Any
) -> None:
    visible = make_case(agency, officer, state="decided", decided_on=D(2026, 6, 1))
    secret = make_case(agency, officer, state="decided", decided_on=D(2026, 6, 1), is_secret=True)
    elsewhere = make_case(other_city_agency, officer, state="decided", decided_on=D(2026, 6, 1))
    for case in (visible, secret, elsewhere):
        make_publication(case, due=D(2026, 6, 10))
    orphan = make_publication(make_case(agency, officer, state="decided"), due=D(2026, 6, 10))
    Publication.objects.filter(pk=orphan.pk).update(case=None, number="无案件公示")
    assert policy.scope_q(supervisor, "case.view", "case") is not None  # the joins, not a subquery
    for user in (supervisor, agency_head, officer):
        for action, model in (("publication.manage.view", Publication), ("case.view", Case)):
            got = set(policy.scope(user, action, model.objects.all()).values_list("pk", flat=True))
            want = {o.pk for o in model.objects.all() if policy.allows(user, action, o)}
            assert got == want, (user.role, action)
    seen = set(
        policy.scope(supervisor, "publication.manage.view", Publication.objects.all()).values_list("case_id", flat=True)
    )
    assert seen == {visible.pk, None}
