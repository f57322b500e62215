"""The pass over the entries: leaf hashes, links, stored subtrees and roots at checkpoints, in
forked segments when it can (``_fast_scan``) and serially to name the first problem (``_serial_scan``)."""

from __future__ import annotations

import binascii
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from django.db import connection

from yangguang.ledger import merkle
from yangguang.ledger.models import Checkpoint, LedgerHead
from yangguang.ledger.services import hasher_for
from yangguang.ledger.verifier import (
    Hasher,
)

from .report import Problem, VerifyReport, deleted, edited, inserted, reordered

CHUNK = 20_000
# Segments of the fast scan hold at least 2**MIN_SEGMENT_LEVEL entries (tests lower it).
MIN_SEGMENT_LEVEL = 14


def _canonical_sql() -> str:
    # Read the canonical text as bytes: the driver then skips decoding what is hashed as UTF-8.
    if connection.vendor == "postgresql":
        return "convert_to(canonical, 'UTF8')"
    return "CAST(canonical AS BLOB)"


def _rows(start: int = -1, end: int | None = None) -> Iterator[list[tuple[int, bytes, bytes, bytes]]]:
    """Entries in seq order after ``start`` (and before ``end``), in chunks (keyset pagination:
    bounded memory on both databases)."""
    bound = "" if end is None else f" AND seq < {int(end)}"
    sql = (
        f"SELECT seq, {_canonical_sql()}, leaf_hash, nodes FROM ledger_entry WHERE seq > %s{bound}"
        " ORDER BY seq LIMIT %s"
    )
    last = start
    with connection.cursor() as cursor:
        while True:
            cursor.execute(sql, [last, CHUNK])
            rows = cursor.fetchall()
            if not rows:
                return
            yield rows
            last = rows[-1][0]


def _doc_seq(canonical: bytes) -> int | None:
    try:
        value = json.loads(bytes(canonical).decode()).get("seq")
    except (ValueError, AttributeError):
        return None
    return value if isinstance(value, int) else None


def _doc_prev(canonical: bytes) -> str | None:
    try:
        value = json.loads(bytes(canonical).decode()).get("prev")
    except (ValueError, AttributeError):
        return None
    return value if isinstance(value, str) else None


def _position_of_doc_seq(wanted: int, after: int) -> int | None:
    """Position (row seq) of the row whose content says ``seq == wanted``, searching after ``after``."""
    for rows in _rows(after):
        for seq, canonical, _leaf, _nodes in rows:
            if _doc_seq(canonical) == wanted:
                return int(seq)
    return None


def _diagnose(pos: int, row: tuple[int, bytes, bytes, bytes], leaf: bytes, prev_hex: str, prev2_hex: str) -> Problem:
    """Name what happened at the first row that does not fit position ``pos``."""
    seq, canonical, stored_leaf, _nodes = row
    if seq != pos:
        return deleted(pos)
    ds = _doc_seq(canonical)
    if ds == pos:
        if bytes(stored_leaf) != leaf:
            return edited(pos)
        if _doc_prev(canonical) != prev_hex:
            # The previous entry was rewritten together with its stored hash; this entry still
            # links to the original.
            return edited(pos - 1)
        return edited(pos)
    if ds is None:
        return edited(pos)
    if ds < pos:
        # Two rows claim to be entry ds. If this one links to entry pos-2, it is the genuine entry
        # pos-1 and the row before it was inserted.
        if ds == pos - 1 and _doc_prev(canonical) == prev2_hex:
            return inserted(pos - 1)
        return inserted(pos)
    other = _position_of_doc_seq(pos, pos)
    if other is None:
        return deleted(pos)
    if other == ds:
        return reordered(pos, other)
    if other == pos + 1:
        return inserted(pos)
    return reordered(pos, other)


def _diagnose_nodes(pos: int) -> Problem:
    """Stored subtree hashes of entry ``pos`` differ from the recomputed ones although the entry
    itself looks right: either it was edited together with its leaf hash, or it is a forged row
    inserted before the genuine one (which then follows, still claiming ``pos``)."""
    for rows in _rows(pos):
        if _doc_seq(rows[0][1]) == pos:
            return inserted(pos)
        break
    return edited(pos)


@dataclass
class Segment:
    """What a scan of entries [start, end) found; ``start`` is a multiple of 2**level and the range
    lies within one perfect subtree of that level, so every stored node below that level is checked
    inside the segment."""

    start: int
    end: int
    anomaly: int | None = None  # first position that did not check out
    count: int = 0
    bytes_hashed: int = 0
    first_prev: str = ""  # the "prev" the first entry names
    last_leaf: str = ""  # recomputed leaf hash of the last entry
    frontier: list[bytes] = field(default_factory=list)  # local perfect subtrees, largest first
    upper_nodes: bytes = b""  # stored nodes above the segment's level, at its last entry
    snapshots: dict[int, list[bytes]] = field(default_factory=dict)  # tree size -> local frontier


class _PurePrefixed:
    """hashlib-like object for the pure-Python SM3 fallback (copy/update/digest)."""

    def __init__(self, hasher: Hasher, data: bytes = b"") -> None:
        self.hasher = hasher
        self.data = data

    def copy(self) -> _PurePrefixed:
        return _PurePrefixed(self.hasher, self.data)

    def update(self, data: bytes) -> None:
        self.data += bytes(data)

    def digest(self) -> bytes:
        return self.hasher.digest(self.data)


def scan_segment(start: int, end: int, level: int, hash_alg: str, sizes: list[int]) -> Segment:
    """Recompute leaves and stored subtrees of entries [start, end). Runs in worker processes too,
    so it takes and returns plain values.

    The loop runs once per entry, so it does only what detection needs, each with a single C-level
    call where possible: the row's number, the leaf hash against the stored one, the ``prev`` link,
    and the subtrees the entry completes. (Whether the entry's own ``seq`` names its place is left to
    the serial scan that diagnoses a finding: an entry whose content names another place but whose
    hashes, link and subtrees all hold was rewritten together with everything after it, which the
    signed roots catch.)"""
    seg = Segment(start, end)
    hasher = hasher_for(hash_alg)
    protos = hasher.prototypes()
    if protos is not None:
        leaf_proto, node_proto = protos
    else:
        leaf_proto, node_proto = _PurePrefixed(hasher, b"\x00"), _PurePrefixed(hasher, b"\x01")
    hexlify = binascii.hexlify
    frontier: list[bytes] = []
    append = frontier.append
    pop = frontier.pop
    pos = start
    prev = b'"'  # the previous leaf hash in hex, with the closing quote
    last_of_full = start + (1 << level) - 1
    wanted = sorted(sizes)
    next_want = wanted.pop(0) if wanted else -1
    hashed = 0
    prev_key = b'"prev":"'
    for rows in _rows(start - 1, end):
        for seq, canonical, stored_leaf, stored_nodes in rows:
            h = leaf_proto.copy()
            h.update(canonical)
            leaf = h.digest()
            if seq != pos or stored_leaf != leaf:
                seg.anomaly = pos
                return seg
            p = canonical.rfind(prev_key) + 8
            if not canonical.startswith(prev, p):
                if pos != start:
                    seg.anomaly = pos
                    return seg
                seg.first_prev = bytes(canonical[p : canonical.find(b'"', p)]).decode("ascii", "replace")
            # Append to the local frontier, recomputing the subtrees this entry completes.
            local = pos - start
            if local & 1:
                h = node_proto.copy()
                h.update(pop() + leaf)
                acc = h.digest()
                local >>= 1
                if local & 1:
                    completed = [acc]
                    while local & 1:
                        h = node_proto.copy()
                        h.update(pop() + acc)
                        acc = h.digest()
                        completed.append(acc)
                        local >>= 1
                    mine = b"".join(completed)
                else:
                    mine = acc
                append(acc)
                if pos == last_of_full:
                    # The entry completing the segment also stores the subtrees above it.
                    depth = ((pos + 1) & -(pos + 1)).bit_length() - 1
                    if stored_nodes[: len(mine)] != mine or len(stored_nodes) != 32 * depth:
                        seg.anomaly = pos
                        return seg
                    seg.upper_nodes = bytes(stored_nodes[len(mine) :])
                elif stored_nodes != mine:
                    seg.anomaly = pos
                    return seg
            else:
                append(leaf)
                if stored_nodes:
                    seg.anomaly = pos
                    return seg
            hashed += len(canonical)
            pos += 1
            prev = hexlify(leaf) + b'"'
            if pos == next_want:
                seg.snapshots[pos] = list(frontier)
                next_want = wanted.pop(0) if wanted else -1
    seg.bytes_hashed = hashed
    seg.count = pos - start
    seg.last_leaf = prev[:-1].decode()
    seg.frontier = frontier
    if pos != end:
        seg.anomaly = pos
    return seg


def _scan_in_worker(args: tuple[int, int, int, str, list[int]]) -> Segment:
    return scan_segment(*args)


def _segments(size: int, workers: int) -> tuple[int, list[tuple[int, int]]]:
    """Split [0, size) into aligned ranges of 2**level entries (the last one partial)."""
    level = MIN_SEGMENT_LEVEL
    while (1 << level) * max(4 * workers, 1) < size and level < 40:
        level += 1
    step = 1 << level
    return level, [(a, min(a + step, size)) for a in range(0, size, step)]


def _fast_scan(
    report: VerifyReport,
    hasher: Hasher,
    size: int,
    checkpoints: list[Checkpoint],
    workers: int,
    extra_sizes: Sequence[int],
    roots_at: dict[int, bytes],
) -> tuple[bool, list[bytes], str, int]:
    """Scan all entries (in worker processes when ``workers`` > 1). Returns (clean, frontier, last
    leaf hex, entries); not clean means: run the serial scan to name the problem. Fills
    ``roots_at`` with the recomputed root at every checkpoint size and every size of
    ``extra_sizes``."""
    level, ranges = _segments(size, workers)
    sizes = sorted({cp.tree_size for cp in checkpoints} | {s for s in extra_sizes if 0 < s <= size})
    jobs = [(a, b, level, hasher.name, [s for s in sizes if a < s <= b]) for a, b in ranges]
    # Forking needs the connection closed, which is impossible inside a transaction (a request with
    # ATOMIC_REQUESTS, a test) and pointless for an in-memory database: scan in-process there.
    in_memory = connection.vendor == "sqlite" and bool(connection.is_in_memory_db())  # type: ignore[attr-defined]
    if workers > 1 and len(jobs) > 1 and not connection.in_atomic_block and not in_memory:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        from django.db import connections

        connections.close_all()  # children must open their own connections
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            segments = list(pool.map(_scan_in_worker, jobs))
    else:
        segments = [scan_segment(*job) for job in jobs]
    roots = {cp.tree_size: cp.root for cp in checkpoints}
    upper: list[bytes] = []
    last = ""
    count = 0
    for index, seg in enumerate(segments):
        report.bytes_hashed += seg.bytes_hashed
        if seg.anomaly is not None or seg.first_prev != last:
            return False, [], "", count
        for at, local in seg.snapshots.items():
            root = merkle.fold(hasher, upper + local)
            roots_at[at] = root
            if at in roots and root.hex() != roots[at]:
                return False, [], "", count
        count += seg.count
        last = seg.last_leaf
        if seg.end - seg.start == 1 << level:
            completed = merkle.append_leaf(hasher, upper, index, seg.frontier[0])
            if b"".join(completed) != seg.upper_nodes:
                return False, [], "", count
        else:
            upper = upper + seg.frontier
    return True, upper, last, count


def _serial_scan(
    report: VerifyReport,
    head: LedgerHead | None,
    hasher: Hasher,
    checkpoints: list[Checkpoint],
    extra_sizes: Sequence[int] = (),
    roots_at: dict[int, bytes] | None = None,
) -> None:
    """Entry by entry, stopping at the first problem and diagnosing it."""
    ck_index = 0
    ck_good_size = 0
    want = set(extra_sizes)
    roots_at = roots_at if roots_at is not None else {}

    leaf_fn = hasher.leaf
    append = merkle.append_leaf
    frontier: list[bytes] = []
    pos = 0
    prev_hex = ""
    prev2_hex = ""
    hashed = 0

    entry_problem: Problem | None = None
    for rows in _rows():
        for row in rows:
            seq, canonical, stored_leaf, stored_nodes = row
            leaf = leaf_fn(canonical)
            hashed += len(canonical)
            # The entry's own "seq" and "prev" (top-level keys after the payload, so the last
            # occurrence is the entry's own; string values cannot contain an unescaped quote).
            i = canonical.rfind(b',"seq":')
            j = canonical.find(b",", i + 7)
            p = canonical.rfind(b'"prev":"')
            if (
                seq != pos
                or stored_leaf != leaf
                or canonical[i + 7 : j] != b"%d" % pos
                or canonical[p + 8 : p + 9 + len(prev_hex)] != prev_hex.encode() + b'"'
            ):
                entry_problem = _diagnose(pos, row, leaf, prev_hex, prev2_hex)
                break
            completed = append(hasher, frontier, pos, leaf)
            if (b"".join(completed) if completed else b"") != stored_nodes:
                entry_problem = _diagnose_nodes(pos)
                break
            pos += 1
            prev2_hex, prev_hex = prev_hex, leaf.hex()
            if pos in want:
                roots_at[pos] = merkle.frontier_root(hasher, frontier)
            while ck_index < len(checkpoints) and checkpoints[ck_index].tree_size <= pos:
                cp = checkpoints[ck_index]
                if cp.tree_size == pos:
                    root = merkle.frontier_root(hasher, frontier)
                    roots_at[pos] = root
                    if root.hex() != cp.root:
                        entry_problem = Problem(
                            "checkpoint_root_mismatch",
                            f"第 {ck_good_size}–{pos - 1} 条记录在签名后被改写（检查点 {pos} 的根哈希不符）",
                            ck_good_size,
                        )
                        break
                    ck_good_size = pos
                ck_index += 1
            if entry_problem is not None:
                break
        if entry_problem is not None:
            break
    report.entries = pos
    report.bytes_hashed = hashed
    if entry_problem is not None:
        report.problems.insert(0, entry_problem)
    else:
        _check_tail(report, head, pos, prev_hex, frontier, checkpoints)


def _check_tail(
    report: VerifyReport,
    head: LedgerHead | None,
    count: int,
    last_hex: str,
    frontier: list[bytes],
    checkpoints: list[Checkpoint],
) -> None:
    """After all entries: the head row and checkpoints larger than the log."""
    beyond = [cp for cp in checkpoints if cp.tree_size > count]
    if beyond:
        report.problems.insert(0, deleted(count))
        return
    if head is None:
        if count:
            report.problems.insert(0, Problem("head_missing", "记录日志头缺失"))
        return
    if head.size > count:
        report.problems.insert(0, deleted(count))
    elif head.size < count:
        report.problems.insert(0, inserted(head.size))
    elif bytes(head.last_leaf).hex() != last_hex:
        report.problems.insert(0, edited(count - 1))
    elif bytes(head.frontier) != b"".join(frontier):
        report.problems.insert(0, Problem("head_mismatch", "记录日志头的哈希与记录不一致"))
