"""PostgreSQL: a process integrates after a commit at most every ``LEDGER_INTEGRATE_INTERVAL``
seconds, so a burst of commits is integrated in batches; the tail of a burst is integrated by the
``ledger.integrate`` periodic job (or by anything that needs the tree)."""

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


def test_a_burst_is_integrated_in_batches_and_its_tail_by_the_periodic_job(
    settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite hashes every entry into the tree inside its transaction")
    settings.LEDGER_INTEGRATE_INTERVAL = 3600.0
    monkeypatch.setattr(integration, "_last_after_commit", -1e9)
    first = _append(0)  # the first commit integrates (none for an hour before)
    assert LedgerHead.objects.get().size == first + 1
    rest = [_append(i) for i in range(1, 6)]  # within the interval: sequenced, not integrated
    assert LedgerHead.objects.get().size == first + 1
    assert all(bytes(leaf) == b"" for leaf in Entry.objects.filter(seq__in=rest).values_list("leaf_hash", flat=True))
    assert jobs.integrate() == "integrated 5"
    assert LedgerHead.objects.get().size == rest[-1] + 1
    report = verify_ledger(reconcile=False)
    assert report.ok and report.pending == 0, report.problems
