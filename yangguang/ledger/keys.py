"""Which key signs which checkpoint: the log's key chain (密钥链).

A log starts with one key (made by ``manage.py ledger keygen``). A rotation appends a handover entry
(``ledger.key.handover``, subject ``ledger.keys``) in which the old key signs the new public key;
every checkpoint of a tree that contains the handover entry is signed by the new key, every earlier
one by the old key. A key hands over at most once, so a retired key that leaks cannot start a second
branch of the chain.

Verification trusts the chain if it contains a pinned fingerprint (``YG_LEDGER_KEY_FINGERPRINT``);
without a pin it can only say that the log is consistent with the keys it names.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone

from yangguang.ledger.crypto import LedgerKeyError, SigningKey, load_keys, pinned_fingerprints
from yangguang.ledger.models import Checkpoint, Entry, LedgerKey
from yangguang.ledger.verifier import public_key_fingerprint, verify_signature

HANDOVER_ACTION = "ledger.key.handover"
KEYS_SUBJECT = "ledger.keys"


@dataclass(frozen=True)
class PublicKey:
    fingerprint: str
    algorithm: str
    public_key: bytes


def handover_statement(*, origin: str, old_fingerprint: str, new_algorithm: str, new_public_key: bytes) -> bytes:
    """What the old key signs in a handover: the log, the old key and the new key."""
    return (
        f"yangguang-ledger key handover\n{origin}\nold {old_fingerprint}\nnew {new_algorithm} {new_public_key.hex()}\n"
    ).encode()


@dataclass
class KeyChain:
    """Keys in the order they signed: ``links[i] = (key, first tree size it signs)``."""

    links: list[tuple[PublicKey, int]] = field(default_factory=list)
    problems: list[tuple[int, str]] = field(default_factory=list)  # (entry seq, message)

    def key_for_size(self, size: int) -> PublicKey | None:
        chosen = None
        for key, first in self.links:
            if first <= size:
                chosen = key
        return chosen

    @property
    def fingerprints(self) -> list[str]:
        return [key.fingerprint for key, _ in self.links]

    @property
    def current(self) -> PublicKey | None:
        return self.links[-1][0] if self.links else None

    def pinned(self) -> bool | None:
        """True if a pinned fingerprint is in the chain, False if pins exist but none is, None
        without pins."""
        pins = pinned_fingerprints()
        if not pins:
            return None
        return any(fp in pins for fp in self.fingerprints)


def known_public_keys() -> dict[str, PublicKey]:
    """Public keys by fingerprint from the key table and the key directory (each checked against
    its fingerprint; a row whose key does not hash to its fingerprint is ignored)."""
    out: dict[str, PublicKey] = {}
    for row in LedgerKey.objects.all():
        try:
            raw = bytes.fromhex(row.public_key)
        except ValueError:
            continue
        if public_key_fingerprint(raw) == row.fingerprint:
            out[row.fingerprint] = PublicKey(row.fingerprint, row.algorithm, raw)
    try:
        on_disk = load_keys()
    except LedgerKeyError:
        on_disk = {}
    for fp, key in on_disk.items():
        out.setdefault(fp, PublicKey(fp, key.algorithm, key.public_key))
    return out


def _handover_entries() -> list[tuple[int, dict[str, object]]]:
    rows = Entry.objects.filter(subject=KEYS_SUBJECT).order_by("seq").values_list("seq", "canonical")
    out = []
    for seq, canonical in rows:
        try:
            doc = json.loads(canonical)
        except ValueError:
            continue
        if doc.get("action") == HANDOVER_ACTION and isinstance(doc.get("payload"), dict):
            out.append((int(seq), doc["payload"]))
    return out


def _genesis_fingerprint(handovers: list[tuple[int, dict[str, object]]]) -> str | None:
    if handovers:
        old = handovers[0][1].get("old")
        return str(old) if old else None
    first = Checkpoint.objects.order_by("tree_size").values_list("key_fingerprint", flat=True).first()
    if first:
        return str(first)
    keys = load_keys()
    pins = pinned_fingerprints()
    pinned = [fp for fp in keys if fp in pins]
    if len(pinned) == 1:
        return pinned[0]
    if len(keys) == 1:
        return next(iter(keys))
    if not keys:
        return None
    raise LedgerKeyError(
        f"密钥目录 {settings.LEDGER_KEY_DIR} 中有 {len(keys)} 个签名密钥，无法确定哪一个是本日志的密钥："
        "请配置 YG_LEDGER_KEY_FINGERPRINT",
        code="ledger_key_ambiguous",
    )


def key_chain() -> KeyChain:
    """The chain from the first key through every valid handover entry."""
    handovers = _handover_entries()
    chain = KeyChain()
    genesis = _genesis_fingerprint(handovers)
    if genesis is None:
        return chain
    public = known_public_keys()
    if genesis not in public:
        chain.problems.append((-1, f"找不到第一个签名密钥（指纹 {genesis}）的公钥"))
        return chain
    chain.links.append((public[genesis], 0))
    handed_over: set[str] = set()
    for seq, payload in handovers:
        current = chain.links[-1][0]
        old = str(payload.get("old", ""))
        try:
            new_public = bytes.fromhex(str(payload.get("public_key", "")))
            signature = bytes.fromhex(str(payload.get("signature", "")))
        except ValueError:
            chain.problems.append((seq, f"第 {seq} 条记录（密钥交接）格式错误"))
            continue
        new_alg = str(payload.get("algorithm", ""))
        new_fp = public_key_fingerprint(new_public)
        if old != current.fingerprint or old in handed_over:
            chain.problems.append((seq, f"第 {seq} 条记录（密钥交接）不是由当前签名密钥交出的"))
            continue
        statement = handover_statement(
            origin=str(payload.get("origin", "")), old_fingerprint=old, new_algorithm=new_alg, new_public_key=new_public
        )
        if payload.get("new") != new_fp or not verify_signature(
            current.algorithm, current.public_key, statement, signature
        ):
            chain.problems.append((seq, f"第 {seq} 条记录（密钥交接）的签名无效"))
            continue
        handed_over.add(old)
        # Every checkpoint of a tree that contains the handover entry is signed by the new key.
        chain.links.append((PublicKey(new_fp, new_alg, new_public), seq + 1))
    return chain


def checkpoint_key(size: int) -> SigningKey:
    """The private key that must sign the checkpoint of ``size`` entries. Never generates one."""
    chain = key_chain()
    if chain.problems:
        raise LedgerKeyError(f"签名密钥链有误：{chain.problems[0][1]}；请运行 ledger verify", code="ledger_key_chain")
    wanted = chain.key_for_size(size)
    if wanted is None:
        raise LedgerKeyError(
            f"尚未生成记录日志的签名密钥（{settings.LEDGER_KEY_DIR}）：新部署请运行 python manage.py ledger keygen；"
            "已有日志请从备份恢复密钥",
            code="ledger_key_missing",
        )
    if chain.pinned() is False:
        raise LedgerKeyError(
            f"签名密钥（指纹 {wanted.fingerprint}）不是配置的固定公钥 YG_LEDGER_KEY_FINGERPRINT，拒绝签名",
            code="ledger_key_not_pinned",
        )
    key = load_keys().get(wanted.fingerprint)
    if key is None:
        raise LedgerKeyError(
            f"签名密钥（指纹 {wanted.fingerprint}）不在密钥目录 {settings.LEDGER_KEY_DIR} 中：请从备份恢复，"
            "不要生成新密钥（新密钥签署的日志不会被信任）",
            code="ledger_key_missing",
        )
    return key


def register(key: SigningKey) -> None:
    """Keep the public key of a key that signs, for verification without the key directory."""
    LedgerKey.objects.get_or_create(
        fingerprint=key.fingerprint,
        defaults={"algorithm": key.algorithm, "public_key": key.public_key.hex(), "first_used": timezone.now()},
    )


def current_public_key() -> PublicKey | None:
    """The key that signs the next checkpoint (None before ``keygen``)."""
    try:
        chain = key_chain()
    except LedgerKeyError:
        return None
    return chain.current
