"""Signing keys and signatures for ledger checkpoints: SM2 (GB/T 32918) by default, Ed25519 as an option.

Keys are generated on first use into ``settings.LEDGER_KEY_DIR`` (outside the database, files of mode
0600), so that whoever can write to the database alone cannot forge a checkpoint. SM2 signing is
implemented here in pure Python on top of the curve arithmetic of ``verifier.py`` (``cryptography``
has no SM2); verification uses the very functions that the standalone verifier runs.

Pure-Python big-integer arithmetic is not constant-time: the SM2 key is safe against a remote
attacker timing checkpoint signing only because signing runs on a schedule, not on request.
"""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from yangguang.ledger.verifier import (
    SM2_DEFAULT_ID,
    SM2P256V1,
    Curve,
    public_key_fingerprint,
    scalar_mult,
    sm2_digest,
    sm2_public_key_bytes,
    sm3,
    verify_signature,
)

SIGNATURE_ALGORITHMS = ("sm2", "ed25519")


def sm2_generate_private_key(c: Curve = SM2P256V1) -> int:
    """d uniformly random in [1, n-2] (GB/T 32918.1 §6.1)."""
    return 1 + secrets.randbelow(c.n - 2)


def sm2_public_key(d: int, c: Curve = SM2P256V1) -> tuple[int, int]:
    point = scalar_mult(c, d, (c.gx, c.gy))
    if point is None:  # pragma: no cover - d in [1, n-2] never yields infinity
        raise ValueError("invalid SM2 private key")
    return point


def sm2_sign(
    d: int,
    message: bytes,
    user_id: bytes = SM2_DEFAULT_ID,
    c: Curve = SM2P256V1,
    hash_fn: Callable[[bytes], bytes] = sm3,
    k_source: Callable[[], int] | None = None,
) -> bytes:
    """SM2 signature r || s over ``message`` (GB/T 32918.2 §6.1: e = H(Z_A || M), k random).

    ``k_source`` exists for the published test vectors, which fix k; production always draws k
    from ``secrets``.
    """
    public = sm2_public_key(d, c)
    e = sm2_digest(message, public, user_id, c, hash_fn)
    size = (c.n.bit_length() + 7) // 8
    inv = pow(1 + d, -1, c.n)
    while True:
        k = k_source() if k_source is not None else 1 + secrets.randbelow(c.n - 1)
        point = scalar_mult(c, k, (c.gx, c.gy))
        if point is None:
            continue
        r = (e + point[0]) % c.n
        if r == 0 or r + k == c.n:
            continue
        s = inv * (k - r * d) % c.n
        if s == 0:
            continue
        return r.to_bytes(size, "big") + s.to_bytes(size, "big")


@dataclass(frozen=True)
class SigningKey:
    """A checkpoint signing key loaded from the key directory."""

    algorithm: str
    public_key: bytes
    _sign: Callable[[bytes], bytes]

    @property
    def fingerprint(self) -> str:
        return public_key_fingerprint(self.public_key)

    def sign(self, message: bytes) -> bytes:
        return self._sign(message)

    def verify(self, message: bytes, signature: bytes) -> bool:
        return verify_signature(self.algorithm, self.public_key, message, signature)


def _write_private(path: Path, data: bytes) -> None:
    """Create ``path`` with mode 0600 atomically; never overwrite an existing key."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + f".{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    try:
        os.link(tmp, path)  # fails if another process created the key first: theirs wins
    except FileExistsError:
        pass
    finally:
        tmp.unlink()


def _may_generate(path: Path) -> None:
    """A deployment of several hosts shares one deployed key: generating one here would sign
    with a key no other host knows (``YG_LEDGER_KEY_GENERATE=0`` forbids it)."""
    if not getattr(settings, "LEDGER_KEY_GENERATE", True):
        raise ImproperlyConfigured(f"ledger signing key {path} is missing and YG_LEDGER_KEY_GENERATE=0")


def _load_sm2(key_dir: Path) -> SigningKey:
    path = key_dir / "ledger-sm2.key"
    if not path.exists():
        _may_generate(path)
        d = sm2_generate_private_key()
        doc = {"algorithm": "sm2", "curve": "sm2p256v1", "private_key": f"{d:064x}"}
        _write_private(path, (json.dumps(doc) + "\n").encode())
    doc = json.loads(path.read_text())
    d = int(doc["private_key"], 16)
    public = sm2_public_key_bytes(SM2P256V1, sm2_public_key(d))
    return SigningKey("sm2", public, lambda message: sm2_sign(d, message))


def _load_ed25519(key_dir: Path) -> SigningKey:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    path = key_dir / "ledger-ed25519.pem"
    if not path.exists():
        _may_generate(path)
        pem = Ed25519PrivateKey.generate().private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        _write_private(path, pem)
    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError(f"{path} is not an Ed25519 key")
    public = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return SigningKey("ed25519", public, key.sign)


_cache: dict[tuple[str, str], SigningKey] = {}


def signing_key(algorithm: str | None = None) -> SigningKey:
    """The key of ``settings.LEDGER_SIGNATURE`` (or ``algorithm``), generated on first use."""
    algorithm = (algorithm or settings.LEDGER_SIGNATURE).lower()
    if algorithm not in SIGNATURE_ALGORITHMS:
        raise ValueError(f"LEDGER_SIGNATURE must be one of {SIGNATURE_ALGORITHMS}, not {algorithm!r}")
    key_dir = Path(settings.LEDGER_KEY_DIR)
    cache_key = (str(key_dir.resolve()), algorithm)
    if cache_key not in _cache:
        _cache[cache_key] = _load_sm2(key_dir) if algorithm == "sm2" else _load_ed25519(key_dir)
    return _cache[cache_key]
