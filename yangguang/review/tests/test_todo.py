"""The review app's items in the to-do centre: a request waiting for a reviewer (for those who
assign), the review assigned to the reviewer, and its deadline when it is near or passed."""

from __future__ import annotations

import datetime as dt
from typing import Any

from yangguang.core.extensions import todo_for
from yangguang.review import services
from yangguang.review.models import ReviewRequest

from .conftest import ON


def test_review_items(submitted_case: Any, reviewer: Any, agency_head: Any, officer: Any) -> None:
    case = submitted_case()
    request = ReviewRequest.objects.get(case=case)
    assert [i["kind"] for i in todo_for(agency_head, ON)["mine"]] == ["待分配审核人员"]
    assert [i["kind"] for i in todo_for(reviewer, ON)["mine"]] == ["待分配审核人员"]
    assert todo_for(officer, ON)["mine"] == []
    services.assign_reviewer(request=request, reviewer=reviewer.officer, actor=agency_head, on=ON)
    mine = todo_for(reviewer, ON)["mine"]
    assert [(i["kind"], i["url"]) for i in mine] == [("待审核", f"/review/requests/{request.pk}/")]
    assert todo_for(agency_head, ON)["mine"] == []
    due = request.rounds.get().due_on
    late = todo_for(reviewer, due + dt.timedelta(days=1))
    assert [i["kind"] for i in late["overdue"]] == ["审核期限"]
