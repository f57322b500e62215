"""The entry format and the head row, shared by the two ways of appending (``services`` inline on
SQLite, ``integration`` batched on PostgreSQL): subject and actor labels, canonical JSON, times,
hashers, and the locked head."""

from __future__ import annotations

import datetime as dt
import decimal
import json
import uuid
from typing import Any

from django.conf import settings
from django.db import IntegrityError, models, transaction

from yangguang.core.errors import DomainError
from yangguang.ledger.models import Entry, EntryRef, LedgerHead
from yangguang.ledger.verifier import Hasher

HASH_ALGORITHMS = ("sm3", "sha256")
ENTRY_TABLE = Entry._meta.db_table
HEAD_TABLE = LedgerHead._meta.db_table
REF_TABLE = EntryRef._meta.db_table
ENTRY_FIELDS = ["seq", "recorded_at", "actor", "subject", "action", "public", "canonical", "leaf_hash", "nodes"]


def subject_label(subject: models.Model | str) -> str:
    """How the ledger names a subject: ``"app_label.modelname:pk"`` (e.g. ``"cases.case:42"``)."""
    if isinstance(subject, str):
        return subject
    return f"{subject._meta.label_lower}:{subject.pk}"


def actor_label(actor: Any) -> str:
    """A user's username; ``"system"`` for actions without a user; other values as text."""
    if actor is None:
        return "system"
    username = getattr(actor, "username", None)
    if username is not None:
        return str(username)
    return str(actor)


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, set | frozenset | tuple):
        return sorted(value, key=str) if isinstance(value, set | frozenset) else list(value)
    if isinstance(value, models.Model):
        return subject_label(value)
    return str(value)


# One encoder for every entry: ``json.dumps`` with these options builds a new one per call.
_ENCODER = json.JSONEncoder(
    ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=_json_default, allow_nan=False
)
_encode_string = json.encoder.encode_basestring  # what _ENCODER does with a str (C when available)


def canonical_json(doc: Any) -> str:
    """Sorted keys, no whitespace, characters as UTF-8 (not \\u escapes): the exact text hashed.

    Dates become ISO 8601, decimals and UUIDs strings, model instances their subject label.
    """
    return _ENCODER.encode(doc)


def entry_text(
    *,
    action: str,
    actor: str,
    files: dict[str, str],
    payload: Any,
    prev: str,
    public: bool,
    refs: list[str],
    seq: int,
    subject: str,
    stamp: str,
) -> str:
    """``canonical_json`` of an entry's document, written out in its (sorted) key order: the same
    text, without sorting and walking the fixed fields on every append."""
    if not (type(action) is str and type(actor) is str and type(subject) is str and type(seq) is int):
        return canonical_json(
            {
                "action": action,
                "actor": actor,
                "files": files,
                "payload": payload,
                "prev": prev,
                "public": public,
                "refs": refs,
                "seq": seq,
                "subject": subject,
                "time": stamp,
            }
        )
    return (
        f'{{"action":{_encode_string(action)},"actor":{_encode_string(actor)},'
        f'"files":{_ENCODER.encode(files) if files else "{}"},"payload":{_ENCODER.encode(payload)},'
        f'"prev":"{prev}","public":{"true" if public else "false"},'
        f'"refs":{_ENCODER.encode(refs) if refs else "[]"},"seq":{seq},'
        f'"subject":{_encode_string(subject)},"time":"{stamp}"}}'
    )


def format_time(moment: dt.datetime) -> str:
    """UTC, microseconds, trailing Z: ``2026-11-22T00:05:41.123456Z``."""
    m = moment.astimezone(dt.UTC)
    if m.year < 1000:  # strftime's %Y does not pad
        return m.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    return f"{m.year}-{m.month:02d}-{m.day:02d}T{m.hour:02d}:{m.minute:02d}:{m.second:02d}.{m.microsecond:06d}Z"


_hashers: dict[str, Hasher] = {}


def hasher_for(name: str) -> Hasher:
    if name not in _hashers:
        _hashers[name] = Hasher(name)
    return _hashers[name]


def configured_hash() -> str:
    name = str(settings.LEDGER_HASH).lower()
    if name not in HASH_ALGORITHMS:
        raise DomainError(
            f"LEDGER_HASH 配置错误：只支持 {'、'.join(HASH_ALGORITHMS)}，而不是“{name}”", code="ledger_config"
        )
    return name


_HEAD_SQL = f"SELECT size, hash_alg, last_leaf, frontier FROM {HEAD_TABLE} WHERE id = 1"
_HEAD_SQL_LOCKED = _HEAD_SQL + " FOR UPDATE"


def locked_head(cursor: Any, conn: Any) -> tuple[int, str, bytes, bytes]:
    """Lock the ledger head row (created on first use) and return (size, hash, last leaf, frontier).

    On PostgreSQL ``FOR UPDATE`` makes concurrent integrators queue here; on SQLite the IMMEDIATE
    transaction already holds the database's write lock.
    """
    sql = _HEAD_SQL_LOCKED if conn.features.has_select_for_update else _HEAD_SQL
    cursor.execute(sql)
    row = cursor.fetchone()
    if row is None:
        try:
            with transaction.atomic():
                LedgerHead.objects.create(pk=1, hash_alg=configured_hash())
                # Checked only once our insert succeeded: had another transaction created the head
                # (and committed entries) meanwhile, the insert would have failed instead, so
                # integrated entries without a head here mean the head was deleted. (Entries only
                # sequenced, on PostgreSQL, are waiting for this very head.)
                if Entry.objects.exclude(leaf_hash=b"").exists():
                    raise DomainError(
                        "记录日志头缺失而记录条目存在：日志可能被篡改，请运行 ledger verify", code="ledger_head_missing"
                    )
        except IntegrityError:  # another transaction created it first
            pass
        cursor.execute(sql)
        row = cursor.fetchone()
    size, hash_alg, last_leaf, frontier = row
    if hash_alg != configured_hash():
        raise DomainError(
            f"记录日志使用 {hash_alg} 哈希算法，不能改为 {configured_hash()}（LEDGER_HASH）", code="ledger_config"
        )
    return int(size), str(hash_alg), bytes(last_leaf), bytes(frontier)


def sqlite_datetime(stamp: str) -> str:
    """The column value Django's SQLite backend stores for an aware datetime (UTC, naive text),
    from ``format_time``'s ``2026-11-22T08:05:41.123456Z``: no per-append adapter call."""
    return stamp[:10] + " " + stamp[11:-1]


def built_entry(values: list[Any]) -> Entry:
    """An ``Entry`` instance for a row just written, without the ORM's per-field work."""
    entry = Entry.__new__(Entry)
    entry.__dict__.update(zip(ENTRY_FIELDS, values, strict=True))
    entry._state = models.base.ModelState()
    entry._state.adding = False
    entry._state.db = "default"
    return entry
