"""Reads of the ledger: stored nodes, roots, inclusion and consistency proofs, bundles.

Every tree hash is a fold of at most log2(n) stored perfect subtrees (see ``merkle``), fetched in one
query, so a proof at a million entries costs one indexed lookup of a few dozen rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import connection
from django.db.models import Q

from yangguang.core.errors import DomainError, NotFoundError
from yangguang.ledger import integration, keys, merkle
from yangguang.ledger.crypto import pinned_fingerprints
from yangguang.ledger.entries import ENTRY_TABLE, HEAD_TABLE, configured_hash, hasher_for
from yangguang.ledger.models import Checkpoint, CheckpointFormat, Cosignature, Entry, EntryRef, LedgerHead
from yangguang.ledger.verifier import BUNDLE_FORMAT, EM_DASH, Hasher, NoteVerifier

_IN_CHUNK = 500  # stay well below SQLite's bound-parameter limit


def _head() -> tuple[int, str]:
    """(tree size, hash algorithm) of the log, one raw query."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT size, hash_alg FROM {HEAD_TABLE} WHERE id = 1")
        row = cursor.fetchone()
    return (0, configured_hash()) if row is None else (int(row[0]), str(row[1]))


def ledger_hasher() -> Hasher:
    return hasher_from(_head()[1])


def tree_size() -> int:
    return _head()[0]


def fetch_nodes(nodes: Iterable[merkle.NodeId]) -> dict[merkle.NodeId, bytes]:
    """Stored hashes of the given perfect subtrees (one indexed query per 500 rows). Raises
    DomainError if one is missing."""
    wanted = {node: merkle.node_location(node) for node in nodes}
    seqs = sorted({seq for seq, _ in wanted.values()})
    rows: dict[int, tuple[bytes, bytes]] = {}
    with connection.cursor() as cursor:
        for i in range(0, len(seqs), _IN_CHUNK):
            chunk = seqs[i : i + _IN_CHUNK]
            cursor.execute(
                f"SELECT seq, leaf_hash, nodes FROM {ENTRY_TABLE} WHERE seq IN ({', '.join(['%s'] * len(chunk))})",
                chunk,
            )
            for seq, leaf, blob in cursor.fetchall():
                rows[int(seq)] = (bytes(leaf), bytes(blob))
    out: dict[merkle.NodeId, bytes] = {}
    for node, (seq, pos) in wanted.items():
        if seq not in rows:
            raise DomainError(f"记录日志缺少第 {seq} 条记录，无法生成证明", code="ledger_corrupt")
        leaf, blob = rows[seq]
        value = leaf if pos < 0 else blob[32 * pos : 32 * pos + 32]
        if len(value) != 32:
            raise DomainError(f"第 {seq} 条记录的子树哈希缺失，无法生成证明", code="ledger_corrupt")
        out[node] = value
    return out


def _checked_head(size: int) -> Hasher:
    current, hash_alg = _head()
    if size > current and integration.integrate():  # PostgreSQL: sequenced entries join the tree
        current, hash_alg = _head()
    if size < 1 or size > current:
        raise DomainError(f"树大小 {size} 无效：当前日志共有 {current} 条记录", code="invalid_tree_size")
    return hasher_from(hash_alg)


def root_at(size: int) -> bytes:
    """MTH(D[0:size]) from the stored perfect subtrees."""
    if size == 0:
        return ledger_hasher().empty_root()
    hasher = _checked_head(size)
    ids = merkle.range_nodes(0, size)
    nodes = fetch_nodes(ids)
    return merkle.fold(hasher, [nodes[n] for n in ids])


def inclusion_proof(seq: int, size: int) -> list[bytes]:
    """The RFC 9162 audit path of entry ``seq`` in the tree of ``size`` entries."""
    hasher = _checked_head(size)
    if not 0 <= seq < size:
        raise DomainError(f"第 {seq} 条记录不在大小为 {size} 的树中", code="invalid_tree_size")
    plan = merkle.inclusion_plan(seq, size)
    return merkle.assemble(hasher, plan, fetch_nodes(merkle.plan_nodes(plan)))


def consistency_proof(size1: int, size2: int) -> list[bytes]:
    """The RFC 9162 consistency proof that the tree of ``size2`` entries extends that of ``size1``."""
    if size1 == size2:
        _checked_head(size2)
        return []
    if not 0 < size1 < size2:
        raise DomainError("一致性证明要求 0 < 前一树大小 ≤ 后一树大小", code="invalid_tree_size")
    hasher = _checked_head(size2)
    plan = merkle.consistency_plan(size1, size2)
    return merkle.assemble(hasher, plan, fetch_nodes(merkle.plan_nodes(plan)))


def latest_checkpoint() -> Checkpoint | None:
    return Checkpoint.objects.order_by("-tree_size").first()


def checkpoint_covering(seq: int) -> Checkpoint | None:
    """The latest checkpoint, if it covers entry ``seq``."""
    latest = latest_checkpoint()
    if latest is None or latest.tree_size <= seq:
        return None
    return latest


def _key_info(key: keys.PublicKey | None) -> dict[str, str]:
    if key is None:
        return {"algorithm": "", "key": "", "fingerprint": "", "encoding": "", "user_id": "", "origin": "", "vkey": ""}
    origin = str(settings.LEDGER_ORIGIN)
    return {
        "algorithm": key.algorithm,
        "key": key.public_key.hex(),
        "fingerprint": key.fingerprint,
        "encoding": "04||x||y (GB/T 32918)" if key.algorithm == "sm2" else "raw (RFC 8032)",
        "user_id": "1234567812345678" if key.algorithm == "sm2" else "",
        "origin": origin,
        "vkey": NoteVerifier(origin, key.algorithm, key.public_key).vkey,
    }


def public_key_info() -> dict[str, str]:
    """The key that signs new checkpoints, with its C2SP verifier key (vkey) for witnesses."""
    return _key_info(keys.current_public_key())


def key_info_for(fingerprint: str) -> dict[str, str]:
    return _key_info(keys.known_public_keys().get(fingerprint))


def checkpoint_note(cp: Checkpoint, *, cosigned: bool = True) -> str:
    """The checkpoint as a C2SP signed note: its text, the log's signature line and (``cosigned``)
    the witnesses' cosignature lines. Checkpoints of the early JSON format have no note form."""
    if cp.format != CheckpointFormat.NOTE:
        return ""
    origin = cp.body.split("\n", 1)[0]
    lines = [f"{EM_DASH} {origin} {cp.signature}\n"]
    if cosigned:
        lines += [c.line.rstrip("\n") + "\n" for c in cp.cosignatures.order_by("witness", "key_id")]
    return cp.body + "\n" + "".join(lines)


def checkpoint_dict(cp: Checkpoint) -> dict[str, Any]:
    return {
        "tree_size": cp.tree_size,
        "root": cp.root,
        "time": cp.created_at.isoformat(),
        "hash": cp.hash_alg,
        "signature_algorithm": cp.sig_alg,
        "key_fingerprint": cp.key_fingerprint,
        "format": cp.format,
        "body": cp.body,
        "signature": cp.signature,
        "note": checkpoint_note(cp),
        "cosignatures": cp.cosignatures.count(),
    }


def get_entry(seq: int) -> Entry:
    entry = Entry.objects.filter(seq=seq).first()
    if entry is not None and not entry.leaf_hash:  # sequenced, not yet integrated (PostgreSQL)
        integration.integrate()
        entry = Entry.objects.filter(seq=seq).first()
    if entry is None:
        raise NotFoundError(f"第 {seq} 条记录不存在", code="entry_not_found")
    if not entry.leaf_hash:
        raise DomainError(f"第 {seq} 条记录尚未并入默克尔树，请稍后再试", code="not_integrated")
    return entry


def subject_label(subject: str) -> str:
    """A subject as people name it: ``cases.case:6`` -> 案件 杭市监罚案〔2026〕1号 (the model's name and
    the object's number, else its text); a subject that names no object is shown as it is."""
    kind, _, rest = subject.partition(":")
    app_label, _, model_name = kind.partition(".")
    try:
        model = apps.get_model(app_label, model_name)
    except (LookupError, ValueError):
        return subject
    obj = model._default_manager.filter(pk=rest).first() if rest.isdigit() else None
    if obj is None:
        return f"{model._meta.verbose_name}（已不存在）" if rest.isdigit() else subject
    shown = getattr(obj, "number", "") or str(obj)
    return f"{model._meta.verbose_name} {shown}"


def entry_is_public(entry: Entry) -> bool:
    """Public only if both the column and the hashed content say so: flipping the column in the
    database must not expose an entry."""
    return bool(entry.public) and '"public":true,' in entry.canonical


def select_seqs(
    *,
    subjects: Iterable[str] = (),
    subject_prefixes: Iterable[str] = (),
    seqs: Iterable[int] = (),
    include_refs: bool = True,
) -> list[int]:
    """Sequence numbers of entries selected by subject, subject prefix, refs or seq, ascending."""
    subjects = list(subjects)
    query = Q(pk__in=[])
    if subjects:
        query |= Q(subject__in=subjects)
    for prefix in subject_prefixes:
        query |= Q(subject__startswith=prefix)
    wanted = set(Entry.objects.filter(query).values_list("seq", flat=True))
    wanted.update(int(s) for s in seqs)
    if include_refs and subjects:
        wanted.update(EntryRef.objects.filter(subject__in=subjects).values_list("seq", flat=True))
    return sorted(wanted)


def bundle_for(selected: list[int], checkpoint: Checkpoint) -> dict[str, Any]:
    """Entries ``selected`` with inclusion proofs against ``checkpoint``, the checkpoint and the key."""
    hasher = hasher_from(checkpoint.hash_alg)
    size = checkpoint.tree_size
    plans = {seq: merkle.inclusion_plan(seq, size) for seq in selected if seq < size}
    needed: set[merkle.NodeId] = set()
    for plan in plans.values():
        needed |= merkle.plan_nodes(plan)
    nodes = fetch_nodes(needed)
    entries = []
    for i in range(0, len(selected), _IN_CHUNK):
        chunk = [s for s in selected[i : i + _IN_CHUNK] if s in plans]
        canon = dict(Entry.objects.filter(seq__in=chunk).values_list("seq", "canonical"))
        for seq in chunk:
            proof = merkle.assemble(hasher, plans[seq], nodes)
            entries.append({"seq": seq, "canonical": canon[seq], "proof": [p.hex() for p in proof]})
    key = key_info_for(checkpoint.key_fingerprint)
    if not key["fingerprint"]:
        raise DomainError("找不到签署最新检查点的公钥，无法导出", code="ledger_key_mismatch")
    return {
        "format": BUNDLE_FORMAT,
        "public_key": key,
        "checkpoint": checkpoint_dict(checkpoint),
        "entries": entries,
        "verify_with": "python tools/verify_bundle.py BUNDLE.json --fingerprint " + key["fingerprint"],
    }


def hasher_from(name: str) -> Hasher:
    return hasher_for(name)


def status() -> dict[str, Any]:
    """Figures for the ledger page: size, algorithms, latest checkpoint, key fingerprint, pin."""
    head = LedgerHead.objects.filter(pk=1).first()
    latest = latest_checkpoint()
    key = public_key_info()
    pins = pinned_fingerprints()
    return {
        "size": 0 if head is None else head.size,
        "hash_alg": head.hash_alg if head is not None else settings.LEDGER_HASH,
        "checkpoint": latest,
        "checkpoints": Checkpoint.objects.count(),
        "cosignatures": Cosignature.objects.filter(checkpoint=latest).count() if latest is not None else 0,
        "sig_alg": key["algorithm"],
        "fingerprint": key["fingerprint"],
        "public_key": key["key"],
        "vkey": key["vkey"],
        "origin": key["origin"],
        "pinned": pins,
        "pin_matches": bool(key["fingerprint"]) and key["fingerprint"] in pins,
    }
