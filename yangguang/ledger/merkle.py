"""RFC 9162 §2.1 Merkle tree over stored perfect subtrees.

The ledger never rebuilds the tree. A node is named ``(level, index)``: it is the root of the perfect
subtree over leaves ``[index * 2**level, (index + 1) * 2**level)``; level 0 is a leaf hash. Every
perfect subtree is stored once, when its last leaf is appended (amortized one node per entry), and
never changes. Any tree hash of RFC 9162 (a root, or a proof element ``MTH(D[a:b])``) is a fold of
at most log2(n) perfect subtrees, so proofs need O(log n) stored-node lookups.

This module plans which nodes a computation needs (``inclusion_plan``, ``consistency_plan``,
``range_nodes``), and folds fetched nodes into hashes (``fold``); the storage lives in
``services``/``selectors``. Verification is in ``verifier`` (shared with the standalone tool).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from yangguang.ledger.verifier import (
    Hasher,
    ProofError,
    root_from_inclusion_proof,
    verify_consistency,
    verify_inclusion,
)

NodeId = tuple[int, int]  # (level, index)
Plan = list[list[NodeId]]  # each item: the perfect subtrees whose fold is one proof hash

__all__ = [
    "Hasher",
    "NodeId",
    "Plan",
    "ProofError",
    "append_leaf",
    "consistency_plan",
    "fold",
    "frontier_root",
    "inclusion_plan",
    "node_location",
    "range_nodes",
    "root_from_inclusion_proof",
    "verify_consistency",
    "verify_inclusion",
]


def _split(n: int) -> int:
    """The largest power of two strictly smaller than n (n > 1), RFC 9162's k."""
    return 1 << ((n - 1).bit_length() - 1)


def range_nodes(lo: int, hi: int) -> list[NodeId]:
    """Perfect subtrees whose RFC 9162 fold is MTH(D[lo:hi]), largest (leftmost) first.

    ``lo`` must be aligned as RFC 9162 ranges always are (a multiple of the largest power of two not
    exceeding ``hi - lo``).
    """
    out: list[NodeId] = []
    while lo < hi:
        level = (hi - lo).bit_length() - 1
        if lo % (1 << level):
            raise ValueError(f"range [{lo}, {hi}) is not aligned")
        out.append((level, lo >> level))
        lo += 1 << level
    return out


def fold(hasher: Hasher, hashes: Sequence[bytes]) -> bytes:
    """MTH of consecutive perfect subtrees of decreasing size: H(a, H(b, ... H(y, z)))."""
    if not hashes:
        return hasher.empty_root()
    acc = hashes[-1]
    for h in reversed(hashes[:-1]):
        acc = hasher.node(h, acc)
    return acc


def inclusion_plan(index: int, size: int) -> Plan:
    """The audit path PATH(m, D[0:n]) of RFC 9162 §2.1.3.1, as node plans, leaf side first."""
    if not 0 <= index < size:
        raise ValueError(f"index {index} outside a tree of size {size}")
    plan: Plan = []
    lo, hi = 0, size
    while hi - lo > 1:
        k = _split(hi - lo)
        if index < lo + k:
            plan.append(range_nodes(lo + k, hi))
            hi = lo + k
        else:
            plan.append(range_nodes(lo, lo + k))
            lo = lo + k
    plan.reverse()
    return plan


def consistency_plan(size1: int, size2: int) -> Plan:
    """PROOF(m, D[0:n]) of RFC 9162 §2.1.4.1 for 0 < m < n, as node plans, leaf side first."""
    if not 0 < size1 < size2:
        raise ValueError(f"consistency proofs need 0 < size1 < size2, not {size1}, {size2}")
    plan: Plan = []
    lo, hi, m, complete = 0, size2, size1, True
    while True:
        n = hi - lo
        if m == n:
            if not complete:
                plan.append(range_nodes(lo, hi))
            break
        k = _split(n)
        if m <= k:
            plan.append(range_nodes(lo + k, hi))
            hi = lo + k
        else:
            plan.append(range_nodes(lo, lo + k))
            lo, m, complete = lo + k, m - k, False
    plan.reverse()
    return plan


def plan_nodes(plan: Plan) -> set[NodeId]:
    return {node for item in plan for node in item}


def assemble(hasher: Hasher, plan: Plan, nodes: Mapping[NodeId, bytes]) -> list[bytes]:
    """Turn a plan into proof hashes using fetched ``nodes``."""
    return [fold(hasher, [nodes[n] for n in item]) for item in plan]


def node_location(node: NodeId) -> tuple[int, int]:
    """Where a node is stored: (entry seq, position in that entry's ``nodes``; -1 for the leaf hash).

    The node (level, index) completes when leaf ``(index + 1) * 2**level - 1`` is appended, and is
    kept with that entry, at position ``level - 1`` of its completed-subtree hashes.
    """
    level, index = node
    return ((index + 1) << level) - 1, level - 1


def append_leaf(hasher: Hasher, frontier: list[bytes], size: int, leaf: bytes) -> list[bytes]:
    """Append leaf number ``size`` to ``frontier`` (the perfect subtrees of D[0:size], largest first)
    in place; return the subtrees completed by it, level 1 upwards (to be stored with the entry)."""
    completed: list[bytes] = []
    acc = leaf
    n = size
    while n & 1:
        acc = hasher.node(frontier.pop(), acc)
        completed.append(acc)
        n >>= 1
    frontier.append(acc)
    return completed


def frontier_root(hasher: Hasher, frontier: Sequence[bytes]) -> bytes:
    return fold(hasher, frontier)


def split_hashes(blob: bytes, size: int = 32) -> list[bytes]:
    return [bytes(blob[i : i + size]) for i in range(0, len(blob), size)]
