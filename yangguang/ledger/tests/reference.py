"""RFC 9162 §2.1 written out literally (recursive MTH, PATH and PROOF over a list of leaves): the
slow, obviously-correct reference that the stored-node implementation is checked against."""

from __future__ import annotations

from yangguang.ledger.verifier import Hasher


def _k(n: int) -> int:
    k = 1
    while k * 2 < n:
        k *= 2
    return k


def mth(h: Hasher, d: list[bytes]) -> bytes:
    if not d:
        return h.empty_root()
    if len(d) == 1:
        return h.leaf(d[0])
    k = _k(len(d))
    return h.node(mth(h, d[:k]), mth(h, d[k:]))


def path(h: Hasher, m: int, d: list[bytes]) -> list[bytes]:
    if len(d) == 1:
        return []
    k = _k(len(d))
    if m < k:
        return [*path(h, m, d[:k]), mth(h, d[k:])]
    return [*path(h, m - k, d[k:]), mth(h, d[:k])]


def subproof(h: Hasher, m: int, d: list[bytes], b: bool) -> list[bytes]:
    n = len(d)
    if m == n:
        return [] if b else [mth(h, d)]
    k = _k(n)
    if m <= k:
        return [*subproof(h, m, d[:k], b), mth(h, d[k:])]
    return [*subproof(h, m - k, d[k:], False), mth(h, d[:k])]


def proof(h: Hasher, m: int, d: list[bytes]) -> list[bytes]:
    return subproof(h, m, d, True)
