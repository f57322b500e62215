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


def test_the_same_step_is_taken_once(new_case: Any, step: Any, officer: Any) -> None:
    case = new_case()
    results = _together(lambda: step(case, "file", officer, D(2026, 3, 2)).action)
    assert sorted(str(r) for r in results) == ["file", "案件处于“调查取证”状态，不能进行“立案”"]
    assert Case.objects.get(pk=case.pk).steps.filter(action="file").count() == 1
