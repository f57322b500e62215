"""Signing keys of the ledger: SM2 (GB/T 32918) by default, Ed25519 as an option.

Keys live in ``settings.LEDGER_KEY_DIR`` (outside the database, files of mode 0600), one file per
key, named after its fingerprint, so that whoever can write to the database alone cannot forge a
checkpoint. A key is created only by an explicit command (``manage.py ledger keygen`` for a new
log, ``manage.py ledger rotate-key`` for a handover); a missing key is an error, never silently
replaced: a new key would sign a history that the old one never vouched for.

Which key signs a checkpoint is decided by the log itself (``services.checkpoint_key``): the first
key, then each key named by a signed handover entry. The fingerprint of a key every verifier trusts
is configuration (``YG_LEDGER_KEY_FINGERPRINT``), published on the portal and in documents.

SM2 signing is pure Python (``verifier.sm2_sign``); ``cryptography`` has no SM2. Python big-integer
arithmetic is not constant-time: the key is safe against a remote attacker timing signatures only
because checkpoints are signed on a schedule, not on request.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from yangguang.core.errors import DomainError
from yangguang.ledger.verifier import (
    SM2_DEFAULT_ID,
    SM2P256V1,
    NoteVerifier,
    public_key_fingerprint,
    sm2_generate_private_key,
    sm2_public_key,
    sm2_public_key_bytes,
    sm2_sign,
    verify_signature,
)

__all__ = [
    "SIGNATURE_ALGORITHMS",
    "LedgerKeyError",
    "SigningKey",
    "generate_key",
    "key_dir",
    "load_keys",
    "sm2_generate_private_key",
    "sm2_public_key",
    "sm2_sign",
]

SIGNATURE_ALGORITHMS = ("sm2", "ed25519")
SM2_USER_ID = SM2_DEFAULT_ID.decode()
_SUFFIX = {"sm2": ".key", "ed25519": ".pem"}


class LedgerKeyError(DomainError):
    """The signing key is missing, ambiguous or not the pinned one."""

    http_status = 503

    def __init__(self, message: str, *, code: str = "ledger_key") -> None:
        super().__init__(message, code=code)


@dataclass(frozen=True)
class SigningKey:
    """A checkpoint signing key loaded from the key directory."""

    algorithm: str
    public_key: bytes
    _sign: Callable[[bytes], bytes]
    path: Path | None = None

    @property
    def fingerprint(self) -> str:
        return public_key_fingerprint(self.public_key)

    def sign(self, message: bytes) -> bytes:
        return self._sign(message)

    def verify(self, message: bytes, signature: bytes) -> bool:
        return verify_signature(self.algorithm, self.public_key, message, signature)

    def note_verifier(self, origin: str) -> NoteVerifier:
        """This key as a signed-note key under the log's origin (its key name)."""
        return NoteVerifier(origin, self.algorithm, self.public_key)


def key_dir() -> Path:
    return Path(settings.LEDGER_KEY_DIR)


def _write_private(path: Path, data: bytes) -> None:
    """Create ``path`` with mode 0600; never overwrite an existing file."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)


def _load_sm2(path: Path) -> SigningKey:
    doc = json.loads(path.read_text())
    d = int(doc["private_key"], 16)
    public = sm2_public_key_bytes(SM2P256V1, sm2_public_key(d))
    return SigningKey("sm2", public, lambda message: sm2_sign(d, message), path)


def _load_ed25519(path: Path) -> SigningKey:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise LedgerKeyError(f"{path} 不是 Ed25519 私钥")
    public = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return SigningKey("ed25519", public, key.sign, path)


# Loaded keys per file, keyed by (path, mtime, size): a key file replaced on disk is read again.
_cache: dict[tuple[str, int, int], SigningKey] = {}


def load_keys(directory: Path | None = None) -> dict[str, SigningKey]:
    """Every private key in the key directory (not in ``retired/``), by fingerprint."""
    directory = directory or key_dir()
    found: dict[str, SigningKey] = {}
    if not directory.is_dir():
        return found
    for path in sorted(directory.iterdir()):
        if not path.is_file() or not path.name.startswith("ledger-"):
            continue
        if path.suffix == ".key" and path.name.startswith("ledger-sm2"):
            loader = _load_sm2
        elif path.suffix == ".pem" and path.name.startswith("ledger-ed25519"):
            loader = _load_ed25519
        else:
            continue
        st = path.stat()
        cache_key = (str(path.resolve()), st.st_mtime_ns, st.st_size)
        if cache_key not in _cache:
            try:
                _cache[cache_key] = loader(path)
            except (ValueError, KeyError, OSError) as exc:
                raise LedgerKeyError(f"无法读取签名密钥文件 {path}：{exc}") from exc
        key = _cache[cache_key]
        found[key.fingerprint] = key
    return found


def generate_key(algorithm: str | None = None, directory: Path | None = None) -> SigningKey:
    """Create a new key file (``ledger-<alg>-<fingerprint prefix>``); only the explicit commands
    (``ledger keygen``, ``ledger rotate-key``) call this."""
    algorithm = (algorithm or settings.LEDGER_SIGNATURE).lower()
    if algorithm not in SIGNATURE_ALGORITHMS:
        raise LedgerKeyError(
            f"签名算法只支持 {'、'.join(SIGNATURE_ALGORITHMS)}，而不是“{algorithm}”", code="ledger_config"
        )
    directory = directory or key_dir()
    if algorithm == "sm2":
        d = sm2_generate_private_key()
        public = sm2_public_key_bytes(SM2P256V1, sm2_public_key(d))
        data = (json.dumps({"algorithm": "sm2", "curve": "sm2p256v1", "private_key": f"{d:064x}"}) + "\n").encode()
    else:
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        private = Ed25519PrivateKey.generate()
        public = private.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        data = private.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    path = directory / f"ledger-{algorithm}-{public_key_fingerprint(public)[:16]}{_SUFFIX[algorithm]}"
    _write_private(path, data)
    key = load_keys(directory)[public_key_fingerprint(public)]
    return key


def retire_key(key: SigningKey) -> Path | None:
    """Move a handed-over key's file into ``retired/`` (not loaded any more; destroy it according
    to the agency's key policy once backups allow)."""
    if key.path is None or not key.path.exists():
        return None
    target = key.path.parent / "retired" / key.path.name
    target.parent.mkdir(mode=0o700, exist_ok=True)
    key.path.rename(target)
    return target


def pinned_fingerprints() -> list[str]:
    """Fingerprints from ``YG_LEDGER_KEY_FINGERPRINT`` (lower-case hex, validated in settings)."""
    return [fp.lower() for fp in settings.LEDGER_KEY_FINGERPRINTS]
