"""The to-do centre lists an inspector's open inspection tasks (with the period's end as due date)
and the results waiting for the reviewer."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from yangguang.core import extensions
from yangguang.inspections import services
from yangguang.inspections.models import ResultCode

from .conftest import DAY
from .test_services import _drawn, _task_of

pytestmark = pytest.mark.django_db


def test_tasks_and_results_to_review_in_todo(
    joint: Any, unit_head: Any, agency_head: Any, officer: Any, officer2: Any
) -> None:
    d = _drawn(joint, unit_head, agency_head)
    user = officer if _task_of(officer, d) is not None else officer2
    task = _task_of(user, d)
    todo = extensions.todo_for(user, dt.date(2026, 6, 29))
    mine = [i for i in todo["mine"] if i["kind"] == "抽查任务"]
    assert f"/inspections/tasks/{task.pk}/" in {i["url"] for i in mine}
    assert all(i["due"] == dt.date(2026, 6, 30) for i in mine) and {i["kind"] for i in todo["soon"]} >= {"抽查期限"}
    services.record_result(task=task, actor=user, result_code=ResultCode.NO_PROBLEM, record="正常", inspected_on=DAY)
    review = [i for i in extensions.todo_for(unit_head, DAY)["mine"] if i["kind"] == "待审核抽查结果"]
    assert [i["url"] for i in review] == [f"/inspections/tasks/{task.pk}/"]
