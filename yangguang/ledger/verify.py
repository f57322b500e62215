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

import binascii
import datetime as dt
import json
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection
from django.utils import timezone

from yangguang.core.errors import DomainError
from yangguang.ledger import integration, keys, merkle
from yangguang.ledger import reconcile as reconciliation
from yangguang.ledger.crypto import LedgerKeyError
from yangguang.ledger.models import Checkpoint, CheckpointFormat, Cosignature, LedgerHead
from yangguang.ledger.services import configured_hash, hasher_for
from yangguang.ledger.verifier import (
    CHECKPOINT_LOG,
    Hasher,
    NoteError,
    NoteVerifier,
    TrustedCheckpoint,
    parse_checkpoint_text,
    parse_signature_line,
    verify_note,
    verify_signature,
)
from yangguang.ledger.witnessing import configured_witnesses

CHUNK = 20_000
# Segments of the fast scan hold at least 2**MIN_SEGMENT_LEVEL entries (tests lower it).
MIN_SEGMENT_LEVEL = 14


@dataclass
class Problem:
    """One finding. ``code`` is stable for machines; ``message`` is the Chinese sentence."""

    code: str
    message: str
    seq: int | None = None

    def as_dict(self) -> dict[str, object]:
        return {"code": self.code, "message": self.message, "seq": self.seq}


@dataclass
class VerifyReport:
    entries: int = 0
    checkpoints: int = 0
    hash_alg: str = ""
    bytes_hashed: int = 0
    seconds: float = 0.0
    problems: list[Problem] = field(default_factory=list)
    # What this verification could not rule out (said plainly, in Chinese), and what it checked.
    caveats: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    covered: int = 0  # entries covered by a valid signed checkpoint
    witnessed: int = 0  # entries covered by a checkpoint cosigned by a quorum of configured witnesses
    trusted: int = 0  # outside checkpoints the log was checked against
    reconciled: list[str] = field(default_factory=list)  # names of the record kinds reconciled
    reconcile_seconds: float = 0.0
    pending: int = 0  # sequenced, not yet integrated (PostgreSQL)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def first(self) -> Problem | None:
        """The problem naming the lowest entry, else the first problem found."""
        with_seq = [p for p in self.problems if p.seq is not None]
        if with_seq:
            return min(with_seq, key=lambda p: p.seq if p.seq is not None else -1)
        return self.problems[0] if self.problems else None


def edited(seq: int) -> Problem:
    return Problem("entry_edited", f"第 {seq} 条记录被修改", seq)


def deleted(seq: int) -> Problem:
    return Problem("entry_deleted", f"第 {seq} 条记录被删除", seq)


def inserted(seq: int) -> Problem:
    return Problem("entry_inserted", f"第 {seq} 条记录是插入的", seq)


def reordered(seq: int, other: int) -> Problem:
    return Problem("entry_reordered", f"第 {seq} 条记录的顺序被调换（与第 {other} 条）", seq)


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


def _unhex(value: str) -> bytes:
    try:
        return bytes.fromhex(value)
    except ValueError:
        return b""


def _chain_verifiers(chain: keys.KeyChain, origin: str) -> dict[str, NoteVerifier]:
    return {key.fingerprint: NoteVerifier(origin, key.algorithm, key.public_key) for key, _ in chain.links}


def _check_signatures(checkpoints: list[Checkpoint], report: VerifyReport, chain: keys.KeyChain) -> list[Checkpoint]:
    """Check every checkpoint against the key the chain names for its size; return those that hold."""
    origin = str(settings.LEDGER_ORIGIN)
    verifiers = _chain_verifiers(chain, origin)
    pinned = chain.pinned()
    previous: Checkpoint | None = None
    good: list[Checkpoint] = []
    for cp in checkpoints:
        label = f"检查点 {cp.tree_size} "
        expected = chain.key_for_size(cp.tree_size)
        problem = None
        if expected is None or cp.key_fingerprint != expected.fingerprint or pinned is False:
            if pinned is False:
                problem = Problem("checkpoint_unknown_key", f"{label}不是用固定公钥（YG_LEDGER_KEY_FINGERPRINT）签署的")
            else:
                problem = Problem("checkpoint_unknown_key", f"{label}不是用本日志的签名密钥签署的")
        elif cp.format == CheckpointFormat.NOTE:
            problem = _check_note_checkpoint(cp, verifiers[expected.fingerprint], origin, report.hash_alg, label)
        else:
            problem = _check_json_checkpoint(cp, expected, report.hash_alg, label)
        if problem is None and previous is not None and cp.created_at < previous.created_at:
            problem = Problem("checkpoint_order", f"{label}的时间早于前一个检查点")
        if problem is None:
            good.append(cp)
        else:
            report.problems.append(problem)
        previous = cp
    return good


def _check_note_checkpoint(
    cp: Checkpoint, verifier: NoteVerifier, origin: str, hash_alg: str, label: str
) -> Problem | None:
    try:
        signature = parse_signature_line(f"— {verifier.name} {cp.signature}\n")
        body = parse_checkpoint_text(cp.body)
    except NoteError:
        return Problem("checkpoint_invalid", f"{label}的签名内容无法解析")
    if signature.key_id != verifier.key_id or verifier.verify(cp.body.encode(), signature.signature) is None:
        return Problem("checkpoint_signature_invalid", f"{label}的签名无效")
    if body.origin != origin:
        return Problem("checkpoint_origin", f"{label}属于另一个日志（{body.origin}，本日志为 {origin}）")
    if body.size != cp.tree_size or body.root.hex() != cp.root or cp.hash_alg != hash_alg:
        return Problem("checkpoint_mismatch", f"{label}的字段与签名内容不一致")
    return None


def _check_json_checkpoint(cp: Checkpoint, key: keys.PublicKey, hash_alg: str, label: str) -> Problem | None:
    try:
        body = json.loads(cp.body)
    except ValueError:
        return Problem("checkpoint_invalid", f"{label}的签名内容无法解析")
    if body.get("key") != key.fingerprint:
        return Problem("checkpoint_unknown_key", f"{label}不是用本日志的签名密钥签署的")
    if not verify_signature(cp.sig_alg, key.public_key, cp.body.encode(), _unhex(cp.signature)):
        return Problem("checkpoint_signature_invalid", f"{label}的签名无效")
    if (
        body.get("log") != CHECKPOINT_LOG
        or body.get("size") != cp.tree_size
        or body.get("root") != cp.root
        or body.get("hash") != cp.hash_alg
        or body.get("sig") != cp.sig_alg
        or cp.hash_alg != hash_alg
    ):
        return Problem("checkpoint_mismatch", f"{label}的字段与签名内容不一致")
    return None


def _check_cosignatures(report: VerifyReport, checkpoints: list[Checkpoint]) -> None:
    """Each stored cosignature of a configured witness must verify; the witnessed size is the
    largest valid checkpoint cosigned by a quorum of them."""
    witnesses = {(v.name, v.key_id.hex()): v for _url, v in configured_witnesses()}
    if not witnesses:
        return
    quorum = max(1, int(settings.LEDGER_WITNESS_QUORUM))
    by_pk = {cp.pk: cp for cp in checkpoints if cp.tree_size <= report.entries}
    counts: dict[int, set[str]] = {}
    for cosig in Cosignature.objects.filter(checkpoint_id__in=list(by_pk)).order_by("checkpoint_id"):
        verifier = witnesses.get((cosig.witness, cosig.key_id))
        if verifier is None:
            continue
        cp = by_pk[cosig.checkpoint_id]
        try:
            sig = parse_signature_line(cosig.line.rstrip("\n") + "\n")
            ok = sig.key_id == verifier.key_id and verifier.verify(cp.body.encode(), sig.signature) is not None
        except NoteError:
            ok = False
        if not ok:
            report.problems.append(
                Problem("cosignature_invalid", f"检查点 {cp.tree_size} 上见证人 {cosig.witness} 的联署无效")
            )
            continue
        counts.setdefault(cp.tree_size, set()).add(cosig.witness)
    report.witnessed = max((size for size, names in counts.items() if len(names) >= quorum), default=0)


def _entry_time(seq: int) -> dt.datetime | None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT canonical FROM ledger_entry WHERE seq = %s", [seq])
        row = cursor.fetchone()
    if row is None:
        return None
    try:
        stamp = json.loads(row[0])["time"]
        return dt.datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=dt.UTC)
    except (ValueError, KeyError, TypeError):
        return None


def _check_coverage(report: VerifyReport, now: dt.datetime, first_pending: int | None = None) -> None:
    """Every entry older than the checkpoint interval must be covered by a valid checkpoint (and,
    with witnesses configured, by a cosigned one): the oldest uncovered entry decides."""
    interval = float(settings.LEDGER_CHECKPOINT_INTERVAL)
    cutoff = now - dt.timedelta(seconds=interval)
    if first_pending is not None:
        moment = _entry_time(int(first_pending))
        if moment is not None and moment < cutoff:
            report.problems.append(
                Problem(
                    "not_integrated",
                    f"第 {first_pending} 条记录（{timezone.localtime(moment):%Y-%m-%d %H:%M:%S}）超过 {interval:g} 秒"
                    "仍未并入默克尔树：有事务长时间未结束，或整合中断",
                    int(first_pending),
                )
            )
    if report.entries > report.covered:
        moment = _entry_time(report.covered)
        if moment is not None and moment < cutoff:
            report.problems.append(
                Problem(
                    "coverage_gap",
                    f"第 {report.covered} 条记录（{timezone.localtime(moment):%Y-%m-%d %H:%M:%S}）"
                    f"超过 {interval:g} 秒仍未纳入签名检查点：检查点缺失或被删除",
                    report.covered,
                )
            )
            return
    if configured_witnesses() and report.entries > report.witnessed:
        moment = _entry_time(report.witnessed)
        if moment is not None and moment < cutoff:
            report.problems.append(
                Problem(
                    "witness_gap",
                    f"第 {report.witnessed} 条记录（{timezone.localtime(moment):%Y-%m-%d %H:%M:%S}）"
                    f"超过 {interval:g} 秒仍未经见证人联署（需要 {max(1, int(settings.LEDGER_WITNESS_QUORUM))} 个）",
                    report.witnessed,
                )
            )


def _check_trusted(
    report: VerifyReport, trusted: Sequence[TrustedCheckpoint], roots_at: dict[int, bytes], chain: keys.KeyChain
) -> None:
    """Consistency with checkpoints known outside: a checkpoint larger than the log means the log
    was truncated; a root that differs, that it was rewritten (between the largest matching outside
    checkpoint and the first that differs)."""
    if not trusted:
        return
    origin = str(settings.LEDGER_ORIGIN)
    verifiers = list(_chain_verifiers(chain, origin).values()) + [v for _u, v in configured_witnesses()]
    matched = 0
    for t in sorted(trusted, key=lambda t: t.size):
        label = f"外部检查点（树大小 {t.size}）"
        if t.origin and t.origin != origin:
            report.problems.append(Problem("trusted_origin", f"{label}属于另一个日志（{t.origin}）"))
            continue
        if t.note is not None:
            try:
                verify_note(t.note, verifiers)
            except NoteError:
                report.problems.append(
                    Problem(
                        "trusted_unverified",
                        f"{label}的签名无法用本日志的签名密钥或已配置的见证人公钥验证：日志的签名密钥可能被替换",
                    )
                )
        report.trusted += 1
        if t.size > report.entries:
            report.problems.append(
                Problem(
                    "log_truncated",
                    f"日志被截断：{label}记录了 {t.size} 条记录，日志现在只有 {report.entries} 条，"
                    f"第 {report.entries} 条起的记录缺失",
                    report.entries,
                )
            )
            continue
        root = roots_at.get(t.size)
        if root is None:
            continue  # the scan stopped earlier at a problem it already reported
        if root != t.root:
            first = matched
            where = f"第 {first} 条记录" if first == t.size - 1 else f"第 {first}–{t.size - 1} 条记录中"
            report.problems.append(
                Problem(
                    "log_rewritten",
                    f"{where}有记录与{label}不一致：日志被改写（最早从第 {first} 条起）",
                    first,
                )
            )
            break
        matched = t.size
    if matched:
        report.notes.append(f"与外部检查点一致，至树大小 {matched}")


def _state_caveats(
    report: VerifyReport, trusted: Sequence[TrustedCheckpoint], chain: keys.KeyChain, reconciled: bool
) -> None:
    """Say plainly what this verification cannot rule out."""
    interval = float(settings.LEDGER_CHECKPOINT_INTERVAL)
    if not reconciled:
        report.caveats.append("未与业务记录对账：无法排除伪造的追加条目，或在系统服务之外修改的业务记录。")
    if not trusted:
        report.caveats.append(
            f"未提供外部检查点（--trusted）：无法排除日志在最新签名检查点（树大小 {report.covered}）之后被截断，"
            "也无法排除持有签名密钥的人重写整个日志后重新签名。请用见证人、上级平台或公示平台保存的检查点校验。"
        )
    if chain.pinned() is None:
        report.caveats.append(
            "未配置固定公钥指纹（YG_LEDGER_KEY_FINGERPRINT）：无法排除签名密钥被替换后重新签署的日志。"
        )
    if not configured_witnesses():
        report.caveats.append("未配置见证人（YG_LEDGER_WITNESSES）：检查点没有独立方的联署。")
    report.caveats.append(
        f"最近 {interval:g} 秒内、尚未纳入签名检查点的记录只受哈希保护，可被一并改写或截断而不留痕迹。"
    )
