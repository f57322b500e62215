"""The case row and the number counter are locked: concurrent requests neither duplicate a case
number nor take the same step twice. Real concurrency needs PostgreSQL (SQLite serializes writers)."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, connections

from yangguang.cases.models import Case
from yangguang.core.errors import DomainError

from .conftest import END

D = dt.date
pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


def _together(fn: Callable[[], Any], n: int = 2) -> list[Any]:
    barrier = threading.Barrier(n)
    results: list[Any] = []

    def run() -> None:
        barrier.wait()
        try:
            results.append(fn())
        except DomainError as exc:
            results.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


@pytest.fixture(autouse=True)
def _postgres_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("concurrency is tested on PostgreSQL")


def test_concurrent_registrations_get_distinct_numbers(new_case: Any) -> None:
    results = _together(lambda: new_case().number, n=4)
    assert sorted(results) == [f"杭市监罚案〔2026〕{i}号" for i in range(1, 5)]


def test_the_same_step_is_taken_once(new_case: Any, submit: Any, step: Any, officer: Any) -> None:
    case = new_case()
    # Filing needs approval (立案审批): two officers submitting at once make one request.
    results = _together(lambda: submit(case, "file", officer, D(2026, 3, 2)).action)
    assert sorted(str(r) for r in results) == ["approval_request", "“立案”已提请立案审批，正在等待审批"]
    assert Case.objects.get(pk=case.pk).steps.filter(action="approval_request").count() == 1
    # A step without approval on a filed case: the second request finds the case moved on.
    filed = new_case()
    step(filed, "file", officer, D(2026, 3, 2))
    step(filed, "evidence", officer, D(2026, 3, 3), name="现场照片")
    results = _together(
        lambda: step(filed, "end_investigation", officer, D(2026, 3, 11), report="建议罚款", **END).action
    )
    assert sorted(str(r) for r in results)[0] == "end_investigation"
    assert isinstance(results[0] if str(results[1]) == "end_investigation" else results[1], DomainError)
    assert Case.objects.get(pk=filed.pk).steps.filter(action="end_investigation").count() == 1
