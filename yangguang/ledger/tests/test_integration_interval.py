"""PostgreSQL: a commit integrates the sequenced entries when its entry ends a block of
``LEDGER_INTEGRATE_BATCH`` numbers or when its process has not integrated for
``LEDGER_INTEGRATE_INTERVAL`` seconds; so a burst of commits is integrated in large batches, and
what a burst leaves is integrated by the ``ledger.integrate`` periodic job (or by anything that
needs the tree)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection, transaction

from yangguang.ledger import integration, jobs
from yangguang.ledger.models import Entry, LedgerHead
from yangguang.ledger.services import append_entry
from yangguang.ledger.verify import verify_ledger

pytestmark = pytest.mark.django_db(transaction=True)


def _append(i: int) -> int:
    with transaction.atomic():
        return append_entry(actor="officer", subject=f"cases.case:{i}", action="case.step", payload={"i": i}).seq


def _size() -> int:
    return LedgerHead.objects.filter(pk=1).values_list("size", flat=True).first() or 0


def test_a_burst_is_integrated_in_batches_and_its_tail_by_the_periodic_job(
    settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite hashes every entry into the tree inside its transaction")
    settings.LEDGER_INTEGRATE_INTERVAL = 3600.0
    settings.LEDGER_INTEGRATE_BATCH = 4
    monkeypatch.setattr(integration, "_last_after_commit", -1e9)
    first = _append(0)  # the process's first commit (a quiet log): integrated at once
    assert _size() == first + 1
    left = []
    seq = _append(1)
    while (seq + 1) % 4:  # within the interval and not the end of a block: sequenced, not integrated
        left.append(seq)
        assert _size() == first + 1
        assert bytes(Entry.objects.get(seq=seq).leaf_hash) == b""
        seq = _append(len(left) + 1)
    assert len(left) <= 3
    assert _size() == seq + 1  # the commit that ends the block integrates every waiting entry
    tail = [_append(10), _append(11)]  # the tail of the burst: left to the periodic job
    assert _size() == seq + 1
    assert jobs.integrate() == "integrated 2"
    assert _size() == tail[-1] + 1
    report = verify_ledger(reconcile=False)
    assert report.ok and report.pending == 0, report.problems


def test_a_process_that_has_not_integrated_for_the_interval_integrates(settings: Any, monkeypatch: Any) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite hashes every entry into the tree inside its transaction")
    settings.LEDGER_INTEGRATE_INTERVAL = 3600.0
    settings.LEDGER_INTEGRATE_BATCH = 1_000_000
    monkeypatch.setattr(integration, "_last_after_commit", -1e9)
    first = _append(0)
    waiting = _append(1)  # integrated a moment ago: left
    assert _size() == first + 1
    monkeypatch.setattr(integration, "_last_after_commit", integration._last_after_commit - 3601)
    last = _append(2)  # the interval is over: integrates everything
    assert _size() == last + 1 and last == waiting + 1
