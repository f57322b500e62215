"""Appending without a queue of writers (PostgreSQL): entries are *sequenced* in the writer's
transaction and *integrated* into the Merkle tree in batches, as Trillian and Tessera separate them.

Sequencing: the writer's single ``INSERT`` (a server-side prepared statement, one round trip) takes
the entry's number from a sequence (``ledger_entry_seq``) and stores the entry with its content
complete but for the previous leaf hash (``"prev":""``), its leaf hash and its subtree hashes
(empty), and its other subjects. Nothing is locked: concurrent writers never wait for each other,
and the row commits or rolls back with the writer's change, so an entry exists iff its change
committed.

Integration (``integrate``): one process at a time (an advisory lock; the others skip) takes the
pending rows after the head in number order, fills in ``prev``, the leaf hash and the subtrees each
completes, and advances the head — for a whole batch in one transaction. It runs after the commit
of an entry whose number ends a block of ``LEDGER_INTEGRATE_BATCH`` (whoever gets the lock
integrates everyone's entries) or of a process that has not integrated for
``LEDGER_INTEGRATE_INTERVAL`` seconds, from the periodic ``ledger.integrate`` and checkpoint jobs,
and before anything that needs the tree (checkpoints, proofs, verification).

A number whose writer rolled back is a gap. The integrator waits (briefly) until every transaction
that was in flight on this database when it saw the gap has ended; if the number is still missing,
nobody can commit it any more, and the integrator records a void entry (``ledger.void``) in its
place, so that numbers and tree positions stay one and the same. While such a transaction is still
running (a long import), integration stops before the gap and resumes later.

The writer takes its transaction id before its number (``pg_current_xact_id()`` is evaluated in an
inner query), so a number is never held by a transaction the integrator cannot see in flight.
"""

from __future__ import annotations

import logging
import time
from typing import Any

import psycopg
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, IntegrityError, connections, transaction
from django.utils import timezone

from yangguang.ledger import merkle
from yangguang.ledger.entries import (
    ENTRY_TABLE,
    HEAD_TABLE,
    REF_TABLE,
    canonical_json,
    configured_hash,
    format_time,
    hasher_for,
    locked_head,
)

log = logging.getLogger(__name__)

SEQUENCE = "ledger_entry_seq"
LOCK_KEY = 0x59474C47  # "YGLG": one integrator at a time
BATCH = 5000
WAIT_FOR_GAP = 0.2  # seconds to wait for the transactions that may still hold a missing number
VOID_ACTION = "ledger.void"
PREV_PLACEHOLDER = '"prev":""'

# The writer's one statement: number, row, and (second form) the entry's other subjects, in one
# round trip, as a server-side prepared statement (parsed and planned once per connection).
_PENDING_SQL = (
    f"INSERT INTO {ENTRY_TABLE} (seq, recorded_at, actor, subject, action, public, canonical, leaf_hash, nodes)"
    " SELECT s.n, %s, %s, %s, %s, %s, %s || s.n::text || %s, ''::bytea, ''::bytea FROM"
    # The transaction id first, then the number (the OFFSET 0 subqueries are evaluated in order).
    f" (SELECT nextval('{SEQUENCE}') AS n FROM (SELECT pg_current_xact_id() OFFSET 0) AS x OFFSET 0) AS s"
    " RETURNING seq"
)
_PENDING_REFS_SQL = (
    f"WITH e AS ({_PENDING_SQL}), r AS (INSERT INTO {REF_TABLE} (seq, subject)"
    " SELECT e.seq, unnest(%b::text[]) FROM e) SELECT * FROM e"
)


def batched(connection: Any) -> bool:
    """Whether this database sequences and integrates separately (PostgreSQL)."""
    return bool(connection.vendor == "postgresql")


def _raw_cursor(conn: Any) -> Any:
    """A psycopg cursor with server-side parameters on the connection's current database session
    (Django's own cursors bind parameters on the client, which rules out prepared statements),
    kept for as long as that session lasts."""
    raw = conn.connection
    cached = getattr(conn, "_yg_ledger_cursor", None)
    if cached is None or cached[0] is not raw:
        if raw.prepare_threshold is None and _prepare():
            # Django turns psycopg's prepared statements off (prepare_threshold None), which also
            # ignores an explicit prepare=True. A threshold never reached prepares only what asks
            # (Django's own cursors bind on the client and never prepare).
            raw.prepare_threshold = 2**31 - 1
        cached = (raw, psycopg.Cursor(raw))
        conn._yg_ledger_cursor = cached
    return cached[1]


def _prepare() -> bool | None:
    """Prepared statements (``LEDGER_PREPARED_STATEMENTS``, on by default; Django itself keeps them
    off so that any pooler works), or else whatever the connection's ``prepare_threshold`` says."""
    return True if getattr(settings, "LEDGER_PREPARED_STATEMENTS", True) else None


def append_pending(conn: Any, *, values: list[Any], canonical: str, refs: list[str]) -> int:
    """Sequence one entry in the writer's (open) transaction; returns its number. ``canonical`` is
    the entry's text with ``"seq":0`` and ``"prev":""``; the number is spliced in by the database.
    ``refs`` (other subjects) are stored by the same statement."""
    split = canonical.rindex(',"seq":0,"subject":')
    params = [*values, canonical[: split + 7], canonical[split + 8 :]]
    cursor = _raw_cursor(conn)
    prepare = _prepare()
    with conn.wrap_database_errors:
        if refs:
            cursor.execute(_PENDING_REFS_SQL, [*params, refs], prepare=prepare)
        else:
            cursor.execute(_PENDING_SQL, params, prepare=prepare)
        return int(cursor.fetchone()[0])


# When this process last integrated after a commit (time.monotonic()).
_last_after_commit = -1e9


def integrate_after_commit(seq: int) -> None:
    """Integrate once the writer's transaction commits (registered once per transaction) if it is
    due: when entry ``seq`` ends a block of ``LEDGER_INTEGRATE_BATCH`` numbers (under load, one
    commit in about that many integrates everyone's entries in one batch: an integration costs
    half a dozen round trips whatever its size, as Tessera batches), or when this process has not
    integrated for ``LEDGER_INTEGRATE_INTERVAL`` seconds (so a quiet log integrates at once). What
    is left pending is integrated by the next such commit, the ``ledger.integrate`` periodic job,
    or first by anything that needs the tree (proofs, checkpoints, verification)."""
    interval = float(getattr(settings, "LEDGER_INTEGRATE_INTERVAL", 0.0))
    batch = max(1, int(getattr(settings, "LEDGER_INTEGRATE_BATCH", 256)))
    if (seq + 1) % batch and time.monotonic() - _last_after_commit < interval:
        return
    conn = connections[DEFAULT_DB_ALIAS]
    if any(item[1] is _integrate_quietly for item in conn.run_on_commit):
        return
    transaction.on_commit(_integrate_quietly, robust=True)


def _integrate_quietly() -> None:
    global _last_after_commit
    _last_after_commit = time.monotonic()
    try:
        integrate()
    except Exception:  # integration is retried by the next commit or the periodic job
        log.exception("ledger integration failed")


def integrate(*, batch: int = BATCH) -> int:
    """Integrate the pending entries that can be; returns how many. Returns at once if another
    process is integrating. Entries committed while a batch was being integrated (their writers
    may have found the lock taken) are left to the next commit that triggers an integration, the
    ``ledger.integrate`` periodic job, or whatever needs the tree next (which calls this first)."""
    conn = connections[DEFAULT_DB_ALIAS]
    if not batched(conn):
        return 0
    total = 0
    idle_rounds = 0
    while idle_rounds < 3:
        try:
            outcome = _integrate_batch(conn, batch)
        except IntegrityError:  # a number committed after all while its void was written: next time
            log.warning("ledger integration met a late commit; retried by the next integration")
            return total
        if outcome is None:  # another process holds the lock
            return total
        done, blocked = outcome
        total += done
        if blocked:  # entries wait behind a number a running transaction may still commit
            return total
        if done == batch:  # a full batch: more are waiting
            continue
        # Once more only for entries committed between our read and our commit (their writers may
        # have skipped integration meanwhile); under a steady stream the next batch is left to the
        # writers' own triggers (``integrate_after_commit``), so batches stay large.
        if done == 0:
            idle_rounds += 1
            if conn.in_atomic_block or not _pending_after_head(conn):
                return total
        else:
            return total
    return total


# The queries after the head are written so that PostgreSQL walks the primary key whatever its
# statistics say: min() (an index probe) and a bounded range. An open-ended "seq >= head ORDER BY
# seq LIMIT n" was planned as a sequential scan of the whole log while the table had no fresh
# statistics (after a bulk load: 35 ms per integration at 50,000 entries, 7 appends/s at 300,000).


_PENDING_AFTER_HEAD_SQL = (
    f"SELECT min(seq) FROM {ENTRY_TABLE} WHERE seq >= COALESCE((SELECT size FROM {HEAD_TABLE} WHERE id = 1), 0)"
)
_TRY_LOCK_SQL = "SELECT pg_try_advisory_xact_lock(%s)"
_HEAD_SQL = f"SELECT size, hash_alg, last_leaf, frontier FROM {HEAD_TABLE} WHERE id = 1 FOR UPDATE"
# The pending rows from the head: at most ``limit`` numbers from the first one present (numbers are
# dense after it, but for gaps), in number order.
_PENDING_ROWS_SQL = (
    f"SELECT seq, canonical, leaf_hash FROM {ENTRY_TABLE} WHERE seq >= %s"
    f" AND seq < (SELECT min(seq) FROM {ENTRY_TABLE} WHERE seq >= %s) + %s ORDER BY seq LIMIT %s"
)
# A whole batch and the head in one statement (arrays as parameters: one prepared statement
# whatever the batch size).
_INTEGRATE_SQL = (
    f"WITH u AS (UPDATE {ENTRY_TABLE} AS e SET canonical = v.c, leaf_hash = v.l, nodes = v.n"
    " FROM unnest(%b::bigint[], %b::text[], %b::bytea[], %b::bytea[]) AS v(seq, c, l, n)"
    " WHERE e.seq = v.seq RETURNING 1)"
    f" UPDATE {HEAD_TABLE} SET size = %s, last_leaf = %s, frontier = %s WHERE id = 1"
)


def _run(conn: Any, sql: str, params: list[Any] | tuple[Any, ...]) -> Any:
    """Execute a prepared statement on the raw connection (in whatever transaction Django has open)."""
    cursor = _raw_cursor(conn)
    with conn.wrap_database_errors:
        cursor.execute(sql, params, prepare=_prepare())
    return cursor


def _pending_after_head(conn: Any) -> bool:
    conn.ensure_connection()
    return _run(conn, _PENDING_AFTER_HEAD_SQL, ()).fetchone()[0] is not None


def _in_flight(cursor: Any) -> set[tuple[int, str]]:
    """(pid, transaction id) of the other transactions on this database holding a transaction id."""
    cursor.execute("SELECT pg_stat_clear_snapshot()")
    cursor.execute(
        "SELECT pid, backend_xid::text FROM pg_stat_activity WHERE datname = current_database()"
        " AND backend_xid IS NOT NULL AND pid <> pg_backend_pid()"
    )
    return {(int(pid), str(xid)) for pid, xid in cursor.fetchall()}


def _wait_for(cursor: Any, holders: set[tuple[int, str]]) -> bool:
    """Wait until none of ``holders`` is in flight any more (at most WAIT_FOR_GAP seconds)."""
    deadline = time.monotonic() + WAIT_FOR_GAP
    while holders:
        holders &= _in_flight(cursor)
        if not holders:
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(0.002)
    return True


def _pending_rows(conn: Any, start: int, end: int | None, limit: int) -> list[tuple[int, str, bytes]]:
    """Up to ``limit`` rows numbered from ``start`` (and below ``end``), in number order."""
    if end is None:
        rows = _run(conn, _PENDING_ROWS_SQL, (start, start, limit, limit)).fetchall()
    else:
        rows = _run(
            conn,
            f"SELECT seq, canonical, leaf_hash FROM {ENTRY_TABLE} WHERE seq >= %s AND seq < %s ORDER BY seq LIMIT %s",
            (start, end, limit),
        ).fetchall()
    return [(int(seq), str(text), bytes(leaf)) for seq, text, leaf in rows]


def _void_text(seq: int, moment: Any) -> str:
    return canonical_json(
        {
            "action": VOID_ACTION,
            "actor": "system",
            "files": {},
            "payload": {"reason": "rolled back"},
            "prev": "",
            "public": False,
            "refs": [],
            "seq": seq,
            "subject": "ledger",
            "time": format_time(moment),
        }
    )


def _integrate_batch(conn: Any, batch: int) -> tuple[int, bool] | None:
    """One batch in one transaction: (entries integrated, stopped before a gap still held)."""
    with transaction.atomic(), conn.cursor() as cursor:
        if not _run(conn, _TRY_LOCK_SQL, (LOCK_KEY,)).fetchone()[0]:
            return None
        head = _run(conn, _HEAD_SQL, ()).fetchone()
        if head is None or head[1] != configured_hash():  # a new log (creates the head) or misconfigured
            head = locked_head(cursor, conn)
        size, hash_alg, last_leaf, frontier_blob = int(head[0]), str(head[1]), bytes(head[2]), bytes(head[3])
        rows = _pending_rows(conn, size, None, batch)
        if not rows:
            return 0, False
        blocked = False
        # Rows in number order; a number missing below a present one is a gap.
        present = {seq for seq, _t, _l in rows}
        gaps = [n for n in range(size, rows[-1][0]) if n not in present]
        voids: set[int] = set()
        if gaps:
            holders = _in_flight(cursor)
            settled = _wait_for(cursor, holders)
            # Re-read: a holder may have committed meanwhile.
            rows = _pending_rows(conn, size, rows[-1][0] + 1, batch)
            present = {seq for seq, _t, _l in rows}
            missing = [n for n in range(size, rows[-1][0]) if n not in present]
            if missing and not settled:
                # A transaction that may still commit a missing number is running: stop before it.
                rows = [r for r in rows if r[0] < missing[0]]
                blocked = True
            else:
                voids = set(missing)
        hasher = hasher_for(hash_alg)
        frontier = merkle.split_hashes(frontier_blob)
        prev = last_leaf.hex()
        moment = timezone.now()
        updates: list[tuple[int, str, bytes, bytes]] = []
        inserts: list[tuple[int, str, bytes, bytes]] = []
        texts = {seq: text for seq, text, leaf in rows if not leaf}
        seq = size
        end = rows[-1][0] + 1 if rows else size
        while seq < end:
            if seq in voids:
                text = _void_text(seq, moment)
            elif seq in texts:
                text = texts[seq]
            else:
                break  # missing, or integrated after the head (not ours to touch: verification reports it)
            at = text.rfind(PREV_PLACEHOLDER)
            if at < 0:
                break  # not a pending entry: leave it to verification
            text = f'{text[:at]}"prev":"{prev}"{text[at + len(PREV_PLACEHOLDER) :]}'
            leaf = hasher.leaf(text.encode())
            nodes = b"".join(merkle.append_leaf(hasher, frontier, seq, leaf))
            (inserts if seq in voids else updates).append((seq, text, leaf, nodes))
            prev = leaf.hex()
            seq += 1
        if seq == size:
            return 0, blocked
        for void_seq, text, leaf, nodes in inserts:
            cursor.execute(
                f"INSERT INTO {ENTRY_TABLE} (seq, recorded_at, actor, subject, action, public, canonical, leaf_hash,"
                " nodes) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
                [void_seq, moment, "system", "ledger", VOID_ACTION, False, text, leaf, nodes],
            )
        _run(
            conn,
            _INTEGRATE_SQL,
            (
                [row[0] for row in updates],
                [row[1] for row in updates],
                [row[2] for row in updates],
                [row[3] for row in updates],
                seq,
                bytes.fromhex(prev),
                b"".join(frontier),
            ),
        )
        return seq - size, blocked


def restart_sequence() -> None:
    """Set the sequence to the next free number (after the last row), e.g. after a database was
    emptied; PostgreSQL sequences ignore rollbacks and truncation."""
    conn = connections[DEFAULT_DB_ALIAS]
    if not batched(conn):
        return
    with conn.cursor() as cursor:
        cursor.execute(f"SELECT setval('{SEQUENCE}', COALESCE((SELECT MAX(seq) + 1 FROM {ENTRY_TABLE}), 0), false)")
