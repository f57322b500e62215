"""Ledger API: the signed tree head, the public key, entries and their RFC 9162 proofs.

Checkpoints, the public key and consistency proofs reveal no content and are public. An entry and
its inclusion proof are public when the entry is marked public (published material); otherwise only
a signed-in user who may read the entry's subject gets them (the policy's ``ledger.entry.view``:
401 without a session, 403 ``forbidden`` with the reason otherwise). Errors are ``{code, message}``.
"""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from yangguang.access import policy
from yangguang.access.errors import AccessDenied
from yangguang.core.errors import DomainError
from yangguang.ledger import selectors
from yangguang.ledger.models import Checkpoint

router = Router(tags=["ledger"])


class NotAuthenticatedError(DomainError):
    http_status = 401

    def __init__(self, message: str = "该记录不公开，需要登录后查看", *, code: str = "not_authenticated") -> None:
        super().__init__(message, code=code)


class PublicKeyOut(Schema):
    algorithm: str
    key: str
    fingerprint: str
    encoding: str
    user_id: str
    origin: str
    vkey: str


class CheckpointOut(Schema):
    tree_size: int
    root: str
    time: str
    hash: str
    signature_algorithm: str
    key_fingerprint: str
    format: str
    body: str
    signature: str
    note: str
    cosignatures: int


class HeadOut(Schema):
    tree_size: int
    hash: str
    checkpoint: CheckpointOut | None
    public_key: PublicKeyOut


class EntryOut(Schema):
    seq: int
    public: bool
    leaf_hash: str
    canonical: str
    entry: dict[str, Any]


class InclusionOut(Schema):
    seq: int
    tree_size: int
    hash: str
    leaf_hash: str
    proof: list[str]
    root: str
    checkpoint: CheckpointOut | None


class ConsistencyOut(Schema):
    first: int
    second: int
    hash: str
    first_root: str
    second_root: str
    proof: list[str]


def _checkpoint_out(cp: Checkpoint | None) -> CheckpointOut | None:
    return None if cp is None else CheckpointOut(**selectors.checkpoint_dict(cp))


def _visible_entry(request: HttpRequest, seq: int) -> Any:
    entry = selectors.get_entry(seq)
    decision = policy.explain(request.user, "ledger.entry.view", entry)
    if not decision.allowed:
        if not request.user.is_authenticated:
            raise NotAuthenticatedError()
        raise AccessDenied(decision.reason, rule=decision.rule)
    return entry


@router.get("/checkpoint", response=HeadOut, summary="最新签名检查点与公钥")
def checkpoint(request: HttpRequest) -> HeadOut:
    st = selectors.status()
    return HeadOut(
        tree_size=st["size"],
        hash=st["hash_alg"],
        checkpoint=_checkpoint_out(st["checkpoint"]),
        public_key=PublicKeyOut(**selectors.public_key_info()),
    )


@router.get("/public-key", response=PublicKeyOut, summary="检查点签名公钥", url_name="ledger_public_key")
def public_key(request: HttpRequest) -> PublicKeyOut:
    return PublicKeyOut(**selectors.public_key_info())


@router.get("/entries/{seq}", response=EntryOut, summary="记录条目（公开记录无需登录）")
def entry(request: HttpRequest, seq: int) -> EntryOut:
    e = _visible_entry(request, seq)
    return EntryOut(
        seq=e.seq,
        public=selectors.entry_is_public(e),
        leaf_hash=bytes(e.leaf_hash).hex(),
        canonical=e.canonical,
        entry=json.loads(e.canonical),
    )


@router.get("/entries/{seq}/proof", response=InclusionOut, summary="存在性证明（RFC 9162 §2.1.3）")
def inclusion(request: HttpRequest, seq: int, tree_size: int | None = None) -> InclusionOut:
    """Against ``tree_size`` if given, else against the latest signed checkpoint."""
    e = _visible_entry(request, seq)
    if tree_size is None:
        cp = selectors.checkpoint_covering(seq)
        if cp is None:
            raise DomainError(
                f"第 {seq} 条记录尚未纳入签名检查点，请稍后再试（检查点至少每分钟生成一次）",
                code="not_checkpointed",
            )
        size = cp.tree_size
    else:
        size = tree_size
        cp = Checkpoint.objects.filter(tree_size=size).first()
    proof = selectors.inclusion_proof(seq, size)
    return InclusionOut(
        seq=seq,
        tree_size=size,
        hash=selectors.ledger_hasher().name,
        leaf_hash=bytes(e.leaf_hash).hex(),
        proof=[p.hex() for p in proof],
        root=cp.root if cp is not None else selectors.root_at(size).hex(),
        checkpoint=_checkpoint_out(cp),
    )


@router.get("/consistency", response=ConsistencyOut, summary="一致性证明（RFC 9162 §2.1.4）")
def consistency(request: HttpRequest, first: int, second: int) -> ConsistencyOut:
    proof = selectors.consistency_proof(first, second)
    return ConsistencyOut(
        first=first,
        second=second,
        hash=selectors.ledger_hasher().name,
        first_root=selectors.root_at(first).hex(),
        second_root=selectors.root_at(second).hex(),
        proof=[p.hex() for p in proof],
    )
