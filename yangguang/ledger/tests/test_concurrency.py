"""Concurrent appends from separate transactions never share or skip a sequence number."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection, connections, transaction

from yangguang.ledger import integration
from yangguang.ledger.models import Entry, LedgerHead
from yangguang.ledger.services import append_entry
from yangguang.ledger.verify import verify_ledger


def _in_memory_sqlite() -> bool:
    return connection.vendor == "sqlite" and bool(connection.is_in_memory_db())  # type: ignore[attr-defined]


@pytest.mark.django_db(transaction=True)
def test_concurrent_transactions_get_consecutive_seqs(settings: Any) -> None:
    """Four writers, two entries per transaction, every fifth transaction rolled back after its
    first entry. On PostgreSQL the writers only take numbers (no shared lock) and the entries are
    integrated in batches after commit: a rolled-back number becomes a void entry. On SQLite the
    single write lock makes each transaction's entries adjacent, and nothing is lost."""
    if _in_memory_sqlite():
        pytest.skip("threads cannot share an in-memory SQLite database; runs on PostgreSQL (and file SQLite)")
    errors: list[BaseException] = []
    barrier = threading.Barrier(4)

    class Abort(Exception):
        pass

    def worker(n: int) -> None:
        try:
            barrier.wait()
            for i in range(25):
                try:
                    with transaction.atomic():
                        append_entry(actor=None, subject=f"cases.case:{n}", action="case.step", payload={"i": i})
                        if i % 5 == 4:
                            raise Abort
                        append_entry(actor=None, subject=f"cases.case:{n}", action="case.step.more", payload={"i": i})
                except Abort:
                    pass
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
    integration.integrate()  # whatever the last commits left to a busy integrator
    rows = list(Entry.objects.order_by("seq").values_list("seq", "action", "subject"))
    size = LedgerHead.objects.get().size
    assert [seq for seq, _a, _s in rows] == list(range(size))  # no number shared, none skipped
    real = [(a, s) for _seq, a, s in rows if a != "ledger.void"]
    assert len(real) == 4 * 20 * 2  # every committed entry, no rolled-back one
    if integration.batched(connection):
        # The numbers of rolled-back entries are void entries, but for the last few (each writer's
        # last transaction rolls back): a number nothing follows is not a gap.
        assert 160 + 16 <= size <= 160 + 20
    else:
        assert size == 160  # rolled back with the head
        assert all(real[i][0] == "case.step" and real[i + 1][0] == "case.step.more" for i in range(0, 160, 2))
    assert verify_ledger(reconcile=False).ok
