"""Full verification of the ledger (``python manage.py ledger verify``).

One pass over the entries in seq order recomputes every leaf hash, checks each entry's own ``seq``
and ``prev`` link, rebuilds every stored perfect subtree and compares it, and compares the root at
every checkpoint's size with the signed root. Then the head row and every checkpoint's signature are
checked. The first problem is diagnosed into one of: an entry edited (修改), deleted (删除), inserted
(插入) or reordered (调换), naming the entry.

What it can and cannot see (see also docs/ledger.md):

* editing, deleting, inserting or reordering rows is found and named, even when the attacker also
  rewrites that entry's stored leaf hash: the next entry's ``prev`` link or the stored subtree
  hashes keep the old value;
* an attacker who rewrites an entry and *every* later hash (links, subtrees, head) produces a
  self-consistent log; only the signed checkpoints catch that (their roots no longer match), and
  the entry can then only be placed between two checkpoints;
* entries newer than the latest checkpoint are protected by hashes only, and deleting them from the
  tail together with the head row's counters is not detectable from the database alone. Nor is
  deleting the newest checkpoints; parties who kept a checkpoint or a bundle can still prove it.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Sequence

from django.db import connection
from django.utils import timezone

from yangguang.core.errors import DomainError
from yangguang.ledger import integration, keys
from yangguang.ledger import reconcile as reconciliation
from yangguang.ledger.crypto import LedgerKeyError
from yangguang.ledger.models import Checkpoint, LedgerHead
from yangguang.ledger.services import configured_hash, hasher_for
from yangguang.ledger.verifier import TrustedCheckpoint

from .checks import _check_cosignatures, _check_coverage, _check_signatures, _check_trusted, _state_caveats
from .report import Problem, VerifyReport
from .scan import _check_tail, _fast_scan, _serial_scan

__all__ = ["Problem", "VerifyReport", "verify_ledger"]


def verify_ledger(
    *,
    workers: int = 1,
    trusted: Sequence[TrustedCheckpoint] = (),
    now: dt.datetime | None = None,
    reconcile: bool = True,
) -> VerifyReport:
    """Recompute every hash, node, root and signature, check the key chain, the witnesses'
    cosignatures, that every entry older than the checkpoint interval is covered, and (with
    ``trusted``) consistency with checkpoints known outside. Never raises for a damaged ledger.

    ``workers`` > 1 scans aligned segments in that many forked processes (the command line uses the
    machine's cores; web requests stay in-process). Any finding is then named by a serial scan.
    """
    started = time.perf_counter()
    report = VerifyReport()
    try:
        integration.integrate()  # PostgreSQL: what the writers sequenced goes into the tree first
    except DomainError:
        pass  # a damaged head: the checks below name it
    head = LedgerHead.objects.filter(pk=1).first()
    report.hash_alg = head.hash_alg if head is not None else configured_hash()
    hasher = hasher_for(report.hash_alg)
    all_checkpoints = list(Checkpoint.objects.order_by("tree_size"))
    report.checkpoints = len(all_checkpoints)
    try:
        chain = keys.key_chain()
    except LedgerKeyError as exc:
        chain = keys.KeyChain()
        report.problems.append(Problem("key_chain", exc.message))
    for seq, message in chain.problems:
        report.problems.append(Problem("key_handover_invalid", message, seq if seq >= 0 else None))
    # Only checkpoints whose signature holds can vouch for a root.
    checkpoints = _check_signatures(all_checkpoints, report, chain)
    roots_at: dict[int, bytes] = {}
    trusted_sizes = [t.size for t in trusted]
    # Entries sequenced but not yet integrated (PostgreSQL, behind a transaction still running) are
    # after the head with no hashes yet: not part of the tree to check, but reported.
    head_size = head.size if head is not None else 0
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COUNT(*), MIN(seq) FROM ledger_entry WHERE seq >= %s AND leaf_hash = %s", [head_size, b""]
        )
        pending, first_pending = cursor.fetchone()
        cursor.execute(
            "SELECT COALESCE(MAX(seq) + 1, 0) FROM ledger_entry WHERE seq < %s OR leaf_hash <> %s", [head_size, b""]
        )
        span = int(cursor.fetchone()[0])
    report.pending = int(pending or 0)
    if report.pending:
        report.notes.append(f"{report.pending} 条记录已排序、尚未并入默克尔树（有事务仍在进行）")
    clean, frontier, last_hex, count = _fast_scan(report, hasher, span, checkpoints, workers, trusted_sizes, roots_at)
    if clean:
        report.entries = count
        _check_tail(report, head, count, last_hex, frontier, checkpoints)
    else:
        report.bytes_hashed = 0
        roots_at.clear()
        _serial_scan(report, head, hasher, checkpoints, trusted_sizes, roots_at)
    report.covered = max((cp.tree_size for cp in checkpoints if cp.tree_size <= report.entries), default=0)
    _check_cosignatures(report, checkpoints)
    _check_coverage(report, now or timezone.now(), first_pending)
    _check_trusted(report, trusted, roots_at, chain)
    report.seconds = time.perf_counter() - started
    if reconcile:
        _reconcile(report)
    _state_caveats(report, trusted, chain, reconcile)
    return report


def _reconcile(report: VerifyReport) -> None:
    """Walk the records against the entries the hash checks verified (see ``reconcile``)."""
    started = time.perf_counter()
    for finding in reconciliation.reconcile(entries=report.entries):
        report.problems.append(Problem(finding.code, finding.message, finding.seq))
    report.reconciled = [factory.name for factory in reconciliation.registered().values()]
    report.reconcile_seconds = time.perf_counter() - started
