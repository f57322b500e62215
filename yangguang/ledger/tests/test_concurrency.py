"""Concurrent appends from separate transactions never share or skip a sequence number."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection, connections, transaction

from yangguang.ledger.models import Entry, LedgerHead
from yangguang.ledger.services import append_entry
from yangguang.ledger.verify import verify_ledger


def _in_memory_sqlite() -> bool:
    return connection.vendor == "sqlite" and bool(connection.is_in_memory_db())  # type: ignore[attr-defined]


@pytest.mark.django_db(transaction=True)
def test_concurrent_transactions_get_consecutive_seqs(settings: Any) -> None:
    if _in_memory_sqlite():
        pytest.skip("threads cannot share an in-memory SQLite database; runs on PostgreSQL (and file SQLite)")
    errors: list[BaseException] = []
    barrier = threading.Barrier(4)

    def worker(n: int) -> None:
        try:
            barrier.wait()
            for i in range(25):
                with transaction.atomic():
                    append_entry(actor=None, subject=f"cases.case:{n}", action="case.step", payload={"i": i})
                    append_entry(actor=None, subject=f"cases.case:{n}", action="case.step.more", payload={"i": i})
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert list(Entry.objects.values_list("seq", flat=True)) == list(range(200))
    assert LedgerHead.objects.get().size == 200
    # Each transaction's two entries are adjacent: the head lock is held until commit.
    actions = list(Entry.objects.values_list("action", flat=True))
    assert all(actions[i] == "case.step" and actions[i + 1] == "case.step.more" for i in range(0, 200, 2))
    assert verify_ledger().ok
