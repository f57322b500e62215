"""Writes to the ledger. Services of every app call ``append_entry`` inside their own transaction.

An entry is canonical JSON (sorted keys, no whitespace, UTF-8) of::

    {"action", "actor", "files": {name: hash}, "payload", "prev": previous leaf hash (hex),
     "public": bool, "refs": [subject, ...], "seq", "subject", "time"}

``seq`` and ``prev`` bind each entry to its place: an entry cannot be moved, and one whose content
and stored hash were both rewritten is still caught by the next entry's ``prev``. The entries are
the leaves of an RFC 9162 Merkle tree (``merkle``); appends store the perfect subtrees they
complete, so an append costs one leaf hash plus, on average, one node hash, whatever the size.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, IntegrityError, connections, models, transaction
from django.utils import timezone

from yangguang.core.errors import DomainError
from yangguang.ledger import hooks, integration, keys, merkle, selectors
from yangguang.ledger.crypto import LedgerKeyError, SigningKey, generate_key, load_keys, retire_key
from yangguang.ledger.entries import (
    ENTRY_FIELDS,
    ENTRY_TABLE,
    HEAD_TABLE,
    REF_TABLE,
    actor_label,
    built_entry,
    canonical_json,
    configured_hash,
    entry_text,
    format_time,
    hasher_for,
    locked_head,
    sqlite_datetime,
    subject_label,
)
from yangguang.ledger.models import Checkpoint, CheckpointFormat, Entry, LedgerHead
from yangguang.ledger.verifier import CheckpointText, sign_note_text

log = logging.getLogger(__name__)

# Checkpoints are made at least this often while there are new entries (issue: "every minute").
CHECKPOINT_MAX_AGE = 60.0

__all__ = [
    "append_entry",
    "canonical_json",
    "checkpoint_if_stale",
    "export_bundle",
    "generate_first_key",
    "make_checkpoint",
    "rotate_key",
    "subject_label",
]


_INSERT_SQL = f"INSERT INTO {ENTRY_TABLE} ({', '.join(ENTRY_FIELDS)}) VALUES ({', '.join(['%s'] * 9)})"
_UPDATE_HEAD_SQL = f"UPDATE {HEAD_TABLE} SET size = %s, last_leaf = %s, frontier = %s WHERE id = 1"
_UPDATE_HEAD_IF_SQL = _UPDATE_HEAD_SQL + " AND size = %s AND last_leaf = %s"
_REF_SQL = f"INSERT INTO {REF_TABLE} (seq, subject) VALUES (%s, %s)"
_SQL_FORMAT = {"head": _UPDATE_HEAD_SQL, "head_if": _UPDATE_HEAD_IF_SQL, "insert": _INSERT_SQL, "ref": _REF_SQL}
_SQL_QMARK = {name: text.replace("%s", "?") for name, text in _SQL_FORMAT.items()}
# What this process last wrote to the head, per database: (size, hash, last leaf, frontier). Only a
# guess, checked by the conditional UPDATE: the size and last leaf hash (which chains every earlier
# entry) identify the whole tree, so if they still match, the cached frontier is the stored one.
_head_cache: dict[str, tuple[int, str, bytes, bytes]] = {}


def append_entry(
    *,
    actor: Any,
    subject: models.Model | str,
    action: str,
    payload: Mapping[str, Any],
    file_hashes: Mapping[str, str] | None = None,
    public: bool = False,
    refs: Iterable[models.Model | str] = (),
) -> Entry:
    """Append one entry; must run in the caller's transaction so that the change and its record
    commit or roll back together.

    ``public`` marks entries about published material: their content and proofs are served without
    login. ``refs`` names other subjects the entry concerns (e.g. the case of a document) so that
    ``export_bundle(subjects=...)`` finds it.

    On SQLite (one writer at a time anyway) the entry is hashed into the tree at once: advance the
    head, insert the entry, one cursor, raw SQL (this runs for every recorded action, and the ORM's
    query building would cost more than the hashing). On PostgreSQL the entry is only sequenced here
    and integrated into the tree in batches after commit (``integration``), so concurrent writers
    never queue on the head; the returned entry then has its number but not yet its hashes.
    """
    subject_text = subject_label(subject)
    ref_labels = sorted({subject_label(r) for r in refs} - {subject_text})
    actor_text = actor_label(actor)
    files = {str(k): str(v) for k, v in (file_hashes or {}).items()}
    public = bool(public)
    conn = connections[DEFAULT_DB_ALIAS]
    if integration.batched(conn):
        return _append_batched(conn, actor_text, subject_text, action, payload, files, public, ref_labels)
    if conn.in_atomic_block:
        # The caller's transaction (the usual case): no savepoint. Should this fail, the whole
        # change must roll back, as an atomic(savepoint=False) block would ensure.
        try:
            with conn.wrap_database_errors:
                return _append_inline(conn, actor_text, subject_text, action, payload, files, public, ref_labels)
        except BaseException:
            conn.needs_rollback = True
            raise
    with transaction.atomic(), conn.wrap_database_errors:
        return _append_inline(conn, actor_text, subject_text, action, payload, files, public, ref_labels)


def _append_inline(
    conn: Any,
    actor_text: str,
    subject_text: str,
    action: str,
    payload: Mapping[str, Any],
    files: dict[str, str],
    public: bool,
    ref_labels: list[str],
) -> Entry:
    """SQLite: hash the entry into the tree inside the caller's (IMMEDIATE) transaction."""
    cache_key = str(conn.settings_dict["NAME"])
    wanted_hash = configured_hash()
    # The driver's own cursor (Django's wrapper rewrites the placeholders and checks the thread
    # on every call): this runs for every recorded action.
    raw = conn.connection.cursor()
    sql = _SQL_QMARK if conn.vendor == "sqlite" else _SQL_FORMAT
    # SQLite's IMMEDIATE transaction already serializes writers from BEGIN, so the entry's time
    # is taken in seq order, and this process's last head is usually still the head.
    head = _head_cache.get(cache_key)
    if head is not None and head[1] != wanted_hash:
        head = None
    for fresh in (head is None, True):
        if fresh:
            head = locked_head(raw, conn)
        assert head is not None
        seq, hash_alg, last_leaf, frontier_blob = head
        now = timezone.now()
        stamp = format_time(now)
        hasher = hasher_for(hash_alg)
        canonical = entry_text(
            action=action,
            actor=actor_text,
            files=files,
            payload=payload,
            prev=last_leaf.hex(),
            public=public,
            refs=ref_labels,
            seq=seq,
            subject=subject_text,
            stamp=stamp,
        )
        leaf = hasher.leaf(canonical.encode())
        frontier = merkle.split_hashes(frontier_blob)
        nodes = b"".join(merkle.append_leaf(hasher, frontier, seq, leaf))
        new_frontier = b"".join(frontier)
        if fresh:
            raw.execute(sql["head"], [seq + 1, leaf, new_frontier])
            break
        # Optimistic: advance the head only if it is still what this process last wrote; if
        # another process (or a rolled-back transaction) moved it, read it and start over.
        raw.execute(sql["head_if"], [seq + 1, leaf, new_frontier, seq, last_leaf])
        if raw.rowcount == 1:
            break
    values: list[Any] = [
        seq,
        now,
        actor_text[:150],
        subject_text[:200],
        action[:100],
        public,
        canonical,
        leaf,
        nodes,
    ]
    params = list(values)
    params[1] = sqlite_datetime(stamp)
    raw.execute(sql["insert"], params)
    if ref_labels:
        raw.executemany(sql["ref"], [(seq, label[:200]) for label in ref_labels])
    _head_cache[cache_key] = (seq + 1, hash_alg, leaf, new_frontier)
    _schedule_checkpoint()
    return built_entry(values)


def _append_batched(
    conn: Any,
    actor_text: str,
    subject_text: str,
    action: str,
    payload: Mapping[str, Any],
    files: dict[str, str],
    public: bool,
    ref_labels: list[str],
) -> Entry:
    """PostgreSQL: sequence the entry in the caller's transaction (one INSERT, no lock shared with
    other writers); ``integration`` completes it after commit (see there)."""
    _check_log_hash(conn)
    now = timezone.now()
    canonical = entry_text(
        action=action,
        actor=actor_text,
        files=files,
        payload=payload,
        prev="",
        public=public,
        refs=ref_labels,
        seq=0,
        subject=subject_text,
        stamp=format_time(now),
    )
    values: list[Any] = [now, actor_text[:150], subject_text[:200], action[:100], public]
    refs = [label[:200] for label in ref_labels]
    if conn.in_atomic_block:
        # The caller's transaction (the usual case): one statement, no savepoint. Should it fail,
        # the whole change must roll back, as an atomic(savepoint=False) block would ensure.
        try:
            seq = integration.append_pending(conn, values=values, canonical=canonical, refs=refs)
        except BaseException:
            conn.needs_rollback = True
            raise
    else:
        with transaction.atomic():
            seq = integration.append_pending(conn, values=values, canonical=canonical, refs=refs)
    # Registered after commit (outside a transaction, run at once).
    integration.integrate_after_commit(seq)
    _schedule_checkpoint()
    split = canonical.rindex(',"seq":0,"subject":')
    text = f"{canonical[: split + 7]}{seq}{canonical[split + 8 :]}"
    return built_entry([seq, now, values[1], values[2], values[3], public, text, b"", b""])


# The hash algorithm of each database's log, once known (it never changes).
_log_hash: dict[str, str] = {}


def _check_log_hash(conn: Any) -> None:
    """Refuse a configured hash that is not the log's, as the inline path does under its lock. The
    cache only ever confirms: a mismatch is read again before it is refused."""
    wanted = configured_hash()
    key = str(conn.settings_dict["NAME"])
    if _log_hash.get(key) == wanted:
        return
    with conn.cursor() as cursor:
        cursor.execute(f"SELECT hash_alg FROM {HEAD_TABLE} WHERE id = 1")
        row = cursor.fetchone()
    if row is None:
        return  # a new log: its first integration records the configured hash
    _log_hash[key] = str(row[0])
    if _log_hash[key] != wanted:
        raise DomainError(
            f"记录日志使用 {_log_hash[key]} 哈希算法，不能改为 {wanted}（LEDGER_HASH）", code="ledger_config"
        )


# --- Checkpoints ------------------------------------------------------------------------------------

_next_stale_check = 0.0


def _schedule_checkpoint() -> None:
    """At most every few seconds per process, check after commit whether a checkpoint is due: the
    checkpointer command is the main source of checkpoints, this covers deployments without it."""
    global _next_stale_check
    now = time.monotonic()
    if now < _next_stale_check:
        return
    _next_stale_check = now + 5.0
    transaction.on_commit(_checkpoint_after_commit, robust=True)


def _checkpoint_after_commit() -> None:
    try:
        checkpoint_if_stale()
    except Exception:  # never let a checkpoint problem break the caller's request
        log.exception("opportunistic ledger checkpoint failed")


def checkpoint_if_stale(*, max_age: float = CHECKPOINT_MAX_AGE) -> Checkpoint | None:
    """Make a checkpoint when there are entries newer than the latest one and it is older than
    ``max_age`` seconds (or there is none)."""
    integration.integrate()
    latest = Checkpoint.objects.order_by("-tree_size").first()
    head = LedgerHead.objects.filter(pk=1).first()
    if head is None or head.size == 0:
        return None
    if latest is not None:
        if latest.tree_size >= head.size:
            return None
        if (timezone.now() - latest.created_at).total_seconds() < max_age:
            return None
    return make_checkpoint()


def make_checkpoint() -> Checkpoint | None:
    """Sign the current tree head as a C2SP checkpoint (origin, size, root) with the key the key
    chain names for this size. Returns the latest checkpoint if it already covers every entry, None
    for an empty ledger. Reads the head without a lock: a tree of a given size never changes, so a
    concurrent append only means that the checkpoint is one entry behind.

    Checkpoint listeners (``hooks.on_checkpoint``) run in the transaction that stores it."""
    integration.integrate()
    head = LedgerHead.objects.filter(pk=1).first()
    if head is None or head.size == 0:
        return None
    latest = Checkpoint.objects.order_by("-tree_size").first()
    if latest is not None and latest.tree_size >= head.size:
        return latest
    hasher = hasher_for(head.hash_alg)
    root = merkle.frontier_root(hasher, merkle.split_hashes(bytes(head.frontier)))
    key = keys.checkpoint_key(head.size)
    origin = str(settings.LEDGER_ORIGIN)
    text = CheckpointText(origin, head.size, root).render()
    signature = sign_note_text(key.note_verifier(origin), text, key.sign)
    try:
        with transaction.atomic():
            keys.register(key)
            cp = Checkpoint.objects.create(
                tree_size=head.size,
                root=root.hex(),
                created_at=timezone.now(),
                hash_alg=head.hash_alg,
                sig_alg=key.algorithm,
                key_fingerprint=key.fingerprint,
                body=text,
                signature=signature.line.rsplit(" ", 1)[1].strip(),
                format=CheckpointFormat.NOTE,
            )
            for listener in hooks.checkpoint_listeners():
                listener(cp)
            return cp
    except IntegrityError:  # a concurrent checkpointer signed the same size first
        return Checkpoint.objects.get(tree_size=head.size)


# --- Keys ---------------------------------------------------------------------------------------------


def generate_first_key(*, algorithm: str | None = None) -> SigningKey:
    """The log's first signing key (``manage.py ledger keygen``). Refused once the log has signed
    checkpoints or a key exists: a lost key is restored from backup, a new one is handed over."""
    existing = load_keys()
    if existing:
        raise LedgerKeyError(
            f"密钥目录 {settings.LEDGER_KEY_DIR} 中已有签名密钥（指纹 {'、'.join(existing)}），不再生成",
            code="ledger_key_exists",
        )
    if Checkpoint.objects.exists() or Entry.objects.filter(subject=keys.KEYS_SUBJECT).exists():
        raise LedgerKeyError(
            "记录日志已有签名检查点，而密钥目录中没有它的密钥：请从备份恢复密钥；生成新密钥会使此前的日志无法验证。"
            "更换密钥请用 ledger rotate-key（需要旧密钥）",
            code="ledger_key_missing",
        )
    return generate_key(algorithm)


def rotate_key(*, actor: Any, algorithm: str | None = None, reason: str = "") -> tuple[Entry, SigningKey]:
    """Hand the log over to a new key (密钥轮换): generate it, append a handover entry in which the
    old key signs the new public key, sign a checkpoint with the new key, and retire the old key file.

    Every checkpoint of a tree containing the handover entry is signed by the new key. Needs the
    current key: a lost key cannot be rotated away, only restored."""
    size = LedgerHead.objects.filter(pk=1).values_list("size", flat=True).first() or 0
    old = keys.checkpoint_key(size + 1)
    new = generate_key(algorithm or old.algorithm)
    origin = str(settings.LEDGER_ORIGIN)
    statement = keys.handover_statement(
        origin=origin, old_fingerprint=old.fingerprint, new_algorithm=new.algorithm, new_public_key=new.public_key
    )
    try:
        with transaction.atomic():
            keys.register(new)
            entry = append_entry(
                actor=actor,
                subject=keys.KEYS_SUBJECT,
                action=keys.HANDOVER_ACTION,
                payload={
                    "origin": origin,
                    "old": old.fingerprint,
                    "new": new.fingerprint,
                    "algorithm": new.algorithm,
                    "public_key": new.public_key.hex(),
                    "signature": old.sign(statement).hex(),
                    "reason": reason,
                },
                public=True,
            )
    except BaseException:
        retire_key(new)  # never used: keep the key directory unambiguous
        raise
    make_checkpoint()
    retire_key(old)
    return entry, new


# --- Export -------------------------------------------------------------------------------------------


def export_bundle(
    *,
    subjects: Iterable[str] = (),
    subject_prefixes: Iterable[str] = (),
    seqs: Iterable[int] = (),
    include_refs: bool = True,
    consistency_from: Iterable[int] = (),
) -> dict[str, Any]:
    """A self-contained, verifiable bundle of the selected entries (导出包).

    ``consistency_from``: tree sizes of checkpoints the reader already holds (from a witness, the
    portal, an earlier bundle); the bundle carries a consistency proof between each and its own
    checkpoint, so ``verify_bundle.py --trusted`` checks them offline.

    Selects entries whose subject is in ``subjects`` (and, with ``include_refs``, entries that name
    one of them in ``refs``), whose subject starts with one of ``subject_prefixes``, or whose seq is
    in ``seqs``. Each entry comes with an inclusion proof against a signed checkpoint covering all of
    them (made now if the latest one does not); with the public key, the bundle can be checked by
    ``tools/verify_bundle.py`` without the platform.
    """
    integration.integrate()
    selected = selectors.select_seqs(
        subjects=subjects, subject_prefixes=subject_prefixes, seqs=seqs, include_refs=include_refs
    )
    checkpoint = Checkpoint.objects.order_by("-tree_size").first()
    if selected and (checkpoint is None or checkpoint.tree_size <= selected[-1]):
        checkpoint = make_checkpoint()
    if checkpoint is None:
        raise DomainError("记录日志为空，没有可导出的签名检查点", code="ledger_empty")
    bundle = selectors.bundle_for(selected, checkpoint)
    size = checkpoint.tree_size
    proofs = []
    for other in sorted(set(consistency_from)):
        first, second = min(other, size), max(other, size)
        if first < 1 or first == second:
            continue
        proof = selectors.consistency_proof(first, second)
        proofs.append({"first": first, "second": second, "proof": [p.hex() for p in proof]})
    if proofs:
        bundle["consistency"] = proofs
    return bundle
