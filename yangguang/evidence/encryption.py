"""Encryption at rest of evidence blobs (证据加密存储), optional: AES-256-GCM in segments.

A blob is stored as a 21-byte header (``YGE1``, the key id, an 8-byte random nonce prefix and the
plaintext length) followed by 1 MiB plaintext segments, each sealed with AES-GCM under nonce
``prefix || segment index`` and additional data ``SHA-256 name || index || length``: a segment
cannot be altered, moved to another position or another blob, and a cut-short blob fails, while a
Range request decrypts only the segments it touches (video seeking).

Keys never live in the database: ``YG_EVIDENCE_KEYS_FILE`` names a file (mode 0600, backed up
apart from the data) of lines ``<id>:<base64 of 32 bytes>``, id 1–255; the last line encrypts new
blobs, every line decrypts (rotation: append a key; old blobs stay readable). Blobs stored before
encryption was turned on are read as they are. Names stay the plaintext SHA-256 (content
addressing: identical evidence stored once), which tells an observer of the storage only whether two
blobs are equal.
"""

from __future__ import annotations

import base64
import os
import struct
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from yangguang.env import ImproperlyConfiguredEnv, env_str

from .storage import CHUNK, BlobInfo, BlobStorage, Hashes

MAGIC = b"YGE1"
HEADER = struct.Struct(">4sB8sQ")  # magic, key id, nonce prefix, plaintext length
SEGMENT = 1024 * 1024
TAG = 16


def load_keys() -> tuple[dict[int, bytes], int]:
    """(keys by id, current id) from ``YG_EVIDENCE_KEYS_FILE``; ({}, 0) when not configured."""
    path = env_str("YG_EVIDENCE_KEYS_FILE", "")
    if not path:
        return {}, 0
    try:
        lines = Path(path).read_text(encoding="ascii").split()
    except OSError as exc:
        raise ImproperlyConfiguredEnv(f"YG_EVIDENCE_KEYS_FILE={path!r} cannot be read: {exc}") from exc
    keys: dict[int, bytes] = {}
    current = 0
    for line in lines:
        ident, _, encoded = line.partition(":")
        try:
            key_id, key = int(ident), base64.b64decode(encoded, validate=True)
        except ValueError as exc:
            raise ImproperlyConfiguredEnv(f"{path}: lines must be <id>:<base64 key>") from exc
        if not 1 <= key_id <= 255 or len(key) != 32:
            raise ImproperlyConfiguredEnv(f"{path}: key ids are 1–255 and keys 32 bytes (AES-256)")
        keys[key_id], current = key, key_id
    if not keys:
        raise ImproperlyConfiguredEnv(f"{path} holds no key")
    return keys, current


def new_key_line(key_id: int) -> str:
    return f"{key_id}:{base64.b64encode(AESGCM.generate_key(bit_length=256)).decode()}"


def _aad(sha256: str, index: int, length: int) -> bytes:
    return bytes.fromhex(sha256) + struct.pack(">QQ", index, length)


class EncryptedStorage:
    """Wraps a blob storage backend: what it stores is sealed, what it returns is plaintext."""

    def __init__(self, inner: BlobStorage, keys: dict[int, bytes], current: int) -> None:
        self.inner = inner
        self.keys = keys
        self.current = current
        self.name = inner.name

    # --- writing -------------------------------------------------------------------------------

    def put(self, stream: IO[bytes]) -> BlobInfo:
        h = Hashes()
        with tempfile.NamedTemporaryFile(prefix="yg-plain-", delete=False) as out:
            tmp = Path(out.name)
            while data := stream.read(CHUNK):
                h.update(data)
                out.write(data)
        try:
            info = h.info()
            self.adopt(tmp, info)
        finally:
            tmp.unlink(missing_ok=True)
        return info

    def adopt(self, path: Path, info: BlobInfo) -> None:
        if self.inner.exists(info.sha256):
            Path(path).unlink(missing_ok=True)
            return
        sealed = Path(path).with_name(Path(path).name + ".sealed")
        aead = AESGCM(self.keys[self.current])
        prefix = os.urandom(8)
        fd = os.open(sealed, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            with open(path, "rb") as src, os.fdopen(fd, "wb") as out:
                out.write(HEADER.pack(MAGIC, self.current, prefix, info.size))
                index = 0
                while True:
                    data = src.read(SEGMENT)
                    if not data and index > 0:
                        break
                    nonce = prefix + struct.pack(">I", index)
                    out.write(aead.encrypt(nonce, data, _aad(info.sha256, index, info.size)))
                    index += 1
                    if len(data) < SEGMENT:
                        break
                out.flush()
                os.fsync(out.fileno())
            self.inner.adopt(sealed, info)
        finally:
            sealed.unlink(missing_ok=True)
        Path(path).unlink(missing_ok=True)

    # --- reading -------------------------------------------------------------------------------

    def _header(self, sha256: str) -> tuple[AESGCM, bytes, int] | None:
        head = b"".join(self.inner.read_range(sha256, 0, HEADER.size - 1))
        if len(head) < HEADER.size or not head.startswith(MAGIC):
            return None  # stored before encryption was turned on
        _, key_id, prefix, length = HEADER.unpack(head)
        if key_id not in self.keys:
            raise ValueError(f"blob {sha256} is sealed with key {key_id}, which is not configured")
        return AESGCM(self.keys[key_id]), prefix, length

    def _open_segment(self, aead: AESGCM, prefix: bytes, sha256: str, index: int, length: int, sealed: bytes) -> bytes:
        return aead.decrypt(prefix + struct.pack(">I", index), sealed, _aad(sha256, index, length))

    def read_range(self, sha256: str, start: int, end: int) -> Iterator[bytes]:
        header = self._header(sha256)
        if header is None:
            yield from self.inner.read_range(sha256, start, end)
            return
        aead, prefix, length = header
        end = min(end, length - 1)
        if start > end:
            return
        first, last = start // SEGMENT, end // SEGMENT
        for index in range(first, last + 1):
            begin = HEADER.size + index * (SEGMENT + TAG)
            plain_len = min(SEGMENT, length - index * SEGMENT)
            sealed = b"".join(self.inner.read_range(sha256, begin, begin + plain_len + TAG - 1))
            plain = self._open_segment(aead, prefix, sha256, index, length, sealed)
            lo = start - index * SEGMENT if index == first else 0
            hi = end - index * SEGMENT + 1 if index == last else len(plain)
            yield plain[lo:hi]

    def open(self, sha256: str) -> IO[bytes]:
        header = self._header(sha256)
        if header is None:
            return self.inner.open(sha256)
        return _DecryptingReader(self, sha256, header)  # type: ignore[return-value]

    def exists(self, sha256: str) -> bool:
        return self.inner.exists(sha256)

    def delete(self, sha256: str) -> None:
        self.inner.delete(sha256)

    def names(self) -> Iterator[str]:
        return self.inner.names()


class _DecryptingReader:
    """A sequential file-like reader of a sealed blob (segment by segment: flat memory)."""

    def __init__(self, storage: EncryptedStorage, sha256: str, header: tuple[AESGCM, bytes, int]) -> None:
        self.storage, self.sha256 = storage, sha256
        self.aead, self.prefix, self.length = header
        self.raw = storage.inner.open(sha256)
        self.raw.read(HEADER.size)
        self.index = 0
        self.buffer = b""

    def _next_segment(self) -> bool:
        if self.index * SEGMENT >= self.length and not (self.length == 0 and self.index == 0):
            return False
        plain_len = min(SEGMENT, self.length - self.index * SEGMENT)
        sealed = self.raw.read(plain_len + TAG)
        self.buffer += self.storage._open_segment(self.aead, self.prefix, self.sha256, self.index, self.length, sealed)
        self.index += 1
        return True

    def read(self, n: int = -1) -> bytes:
        while (n < 0 or len(self.buffer) < n) and self._next_segment():
            pass
        if n < 0:
            out, self.buffer = self.buffer, b""
        else:
            out, self.buffer = self.buffer[:n], self.buffer[n:]
        return out

    def close(self) -> None:
        self.raw.close()

    def __enter__(self) -> _DecryptingReader:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()
