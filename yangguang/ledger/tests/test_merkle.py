"""The Merkle tree: RFC 9162 test vectors (transparency-dev, Apache-2.0, in ``vectors/``), and the
stored-subtree planner against the literal RFC definitions."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from yangguang.ledger import merkle
from yangguang.ledger.tests import reference
from yangguang.ledger.verifier import Hasher, ProofError, verify_consistency, verify_inclusion

VECTORS = Path(__file__).parent / "vectors"
SHA256 = Hasher("sha256")


def _b64(value: str | None) -> bytes:
    return base64.b64decode(value or "")


def _load(kind: str) -> list[tuple[str, dict]]:
    files = sorted((VECTORS / kind).rglob("*.json"))
    return [(str(f.relative_to(VECTORS)), json.loads(f.read_text())) for f in files]


INCLUSION = _load("inclusion")
CONSISTENCY = _load("consistency")


def test_vectors_are_all_there() -> None:
    assert len(INCLUSION) + len(CONSISTENCY) == 196
    assert "Apache License" in (VECTORS / "LICENSE").read_text()
    assert any(not case["wantErr"] for _, case in INCLUSION)
    assert any(case["wantErr"] for _, case in INCLUSION)


@pytest.mark.parametrize(("name", "case"), INCLUSION, ids=[n for n, _ in INCLUSION])
def test_inclusion_vectors(name: str, case: dict) -> None:
    args = (
        SHA256,
        case["leafIdx"],
        case["treeSize"],
        _b64(case["leafHash"]),
        [_b64(p) for p in case["proof"] or []],
        _b64(case["root"]),
    )
    if case["wantErr"]:
        with pytest.raises(ProofError):
            verify_inclusion(*args)
    else:
        verify_inclusion(*args)


@pytest.mark.parametrize(("name", "case"), CONSISTENCY, ids=[n for n, _ in CONSISTENCY])
def test_consistency_vectors(name: str, case: dict) -> None:
    args = (
        SHA256,
        case["size1"],
        case["size2"],
        [_b64(p) for p in case["proof"] or []],
        _b64(case["root1"]),
        _b64(case["root2"]),
    )
    if case["wantErr"]:
        with pytest.raises(ProofError):
            verify_consistency(*args)
    else:
        verify_consistency(*args)


class StoredTree:
    """The ledger's layout in memory: leaf hashes plus the subtrees each append completes."""

    def __init__(self, hasher: Hasher) -> None:
        self.h = hasher
        self.frontier: list[bytes] = []
        self.leaves: list[bytes] = []
        self.completed: list[list[bytes]] = []

    def append(self, data: bytes) -> None:
        leaf = self.h.leaf(data)
        self.completed.append(merkle.append_leaf(self.h, self.frontier, len(self.leaves), leaf))
        self.leaves.append(leaf)

    def node(self, node: merkle.NodeId) -> bytes:
        seq, pos = merkle.node_location(node)
        return self.leaves[seq] if pos < 0 else self.completed[seq][pos]

    def resolve(self, plan: merkle.Plan) -> list[bytes]:
        nodes = {n: self.node(n) for n in merkle.plan_nodes(plan)}
        return merkle.assemble(self.h, plan, nodes)

    def root(self, size: int) -> bytes:
        return merkle.fold(self.h, [self.node(n) for n in merkle.range_nodes(0, size)])


@pytest.mark.parametrize("algorithm", ["sha256", "sm3"])
def test_stored_subtrees_match_the_rfc_definitions(algorithm: str) -> None:
    h = Hasher(algorithm)
    data = [f"entry {i}".encode() for i in range(70)]
    tree = StoredTree(h)
    for size in range(1, len(data) + 1):
        tree.append(data[size - 1])
        want_root = reference.mth(h, data[:size])
        assert tree.root(size) == want_root
        assert merkle.frontier_root(h, tree.frontier) == want_root
        for m in range(size):
            got = tree.resolve(merkle.inclusion_plan(m, size))
            assert got == reference.path(h, m, data[:size])
            verify_inclusion(h, m, size, h.leaf(data[m]), got, want_root)
        for m in range(1, size):
            got = tree.resolve(merkle.consistency_plan(m, size))
            assert got == reference.proof(h, m, data[:size])
            verify_consistency(h, m, size, got, reference.mth(h, data[:m]), want_root)


def test_each_append_stores_the_subtrees_it_completes() -> None:
    tree = StoredTree(SHA256)
    for i in range(16):
        tree.append(b"%d" % i)
    # Leaf 7 completes the subtrees over [6,8), [4,8) and [0,8); leaf 8 completes none.
    assert [len(c) for c in tree.completed] == [0, 1, 0, 2, 0, 1, 0, 3, 0, 1, 0, 2, 0, 1, 0, 4]
    assert sum(len(c) for c in tree.completed) == 15  # n - 1 internal nodes for a perfect tree of 16


def test_proofs_that_do_not_fit_fail() -> None:
    h = SHA256
    data = [b"a", b"b", b"c", b"d", b"e"]
    tree = StoredTree(h)
    for d in data:
        tree.append(d)
    root = tree.root(5)
    proof = tree.resolve(merkle.inclusion_plan(2, 5))
    with pytest.raises(ProofError, match="different root"):
        verify_inclusion(h, 3, 5, h.leaf(b"c"), proof, root)
    with pytest.raises(ProofError):
        verify_inclusion(h, 2, 5, h.leaf(b"c"), proof[:-1], root)
    cons = tree.resolve(merkle.consistency_plan(3, 5))
    with pytest.raises(ProofError):
        verify_consistency(h, 3, 5, cons, tree.root(2), root)
    with pytest.raises(ValueError, match="0 < size1 < size2"):
        merkle.consistency_plan(0, 5)
    with pytest.raises(ValueError, match="outside"):
        merkle.inclusion_plan(5, 5)
