"""Save and restore the running SM3 and SHA-256 states of a tus upload, so that a PATCH served by
another process (or after a restart) continues hashing where the previous one stopped instead of
re-reading every byte received so far.

``hashlib`` objects cannot be pickled. Both digests are Merkle–Damgård hashes whose whole state is
a small fixed C struct (OpenSSL's ``SM3_CTX``: 108 bytes, ``SHA256_CTX``: 112 bytes: chaining value,
bit count, the partial block and its length), held by the provider context of the ``EVP_MD_CTX``
that CPython's ``_hashlib`` object wraps. ``export``/``restore`` copy that struct out and in with
ctypes. This depends on the memory layout of CPython's hash object and OpenSSL 3's
``EVP_MD_CTX``, so ``available()`` first proves the layout on this very process, read-only: the bit
count, the partial-block length and the partial block read through the pointers must equal what
was fed in, and a restored state must then give the same digest as an uninterrupted hash. If any
check fails (another CPython or OpenSSL build), it returns False and callers fall back to re-hashing
the staged bytes, which is correct, only slower.
"""

from __future__ import annotations

import base64
import ctypes
import hashlib
import struct
import sys
from functools import cache

STATE_SIZES = {"sm3": 108, "sha256": 112}
_CTX_OFFSET = 16  # PyObject_HEAD: ob_refcnt, ob_type; then EVP_MD_CTX *ctx
_ALGCTX_OFFSET = 7 * 8  # EVP_MD_CTX: reqdigest, digest, engine, flags, md_data, pctx, update, algctx
_NUM_OFFSET = {"sm3": 26 * 4, "sha256": 26 * 4}  # unsigned int num after 8 + 2 + 16 words
_DATA_OFFSET = 10 * 4


def _state_pointer(h: object) -> int:
    ctx = ctypes.c_void_p.from_address(id(h) + _CTX_OFFSET).value
    if not ctx:
        raise ValueError("no EVP_MD_CTX")
    algctx = ctypes.c_void_p.from_address(ctx + _ALGCTX_OFFSET).value
    if not algctx:
        raise ValueError("no provider context")
    return int(algctx)


def _new(name: str) -> object:
    return hashlib.new(name)


def _layout_holds(name: str) -> bool:
    """Read-only proof that the pointers lead to the state struct of ``name``."""
    fed = bytes(range(256)) * 40 + b"partial-block!"
    h = _new(name)
    h.update(fed)  # type: ignore[attr-defined]
    raw = ctypes.string_at(_state_pointer(h), STATE_SIZES[name])
    bits_low = struct.unpack_from("<I", raw, 8 * 4)[0]
    num = struct.unpack_from("<I", raw, _NUM_OFFSET[name])[0]
    tail = len(fed) % 64
    return (
        bits_low == (len(fed) * 8) & 0xFFFFFFFF
        and num == tail
        and raw[_DATA_OFFSET : _DATA_OFFSET + num] == fed[-tail:]
    )


@cache
def available() -> bool:
    if sys.implementation.name != "cpython" or sys.byteorder != "little" or ctypes.sizeof(ctypes.c_void_p) != 8:
        return False
    try:
        for name in STATE_SIZES:
            if not _layout_holds(name):
                return False
            a, b = b"first part " * 997, b"and the rest" * 1013
            h = _new(name)
            h.update(a)  # type: ignore[attr-defined]
            resumed = _restore_raw(name, _export_raw(h))
            resumed.update(b)  # type: ignore[attr-defined]
            if resumed.hexdigest() != hashlib.new(name, a + b).hexdigest():  # type: ignore[attr-defined]
                return False
    except (ValueError, OSError):
        return False
    return True


def _export_raw(h: object) -> bytes:
    name = h.name  # type: ignore[attr-defined]
    return ctypes.string_at(_state_pointer(h), STATE_SIZES[name])


def _restore_raw(name: str, raw: bytes) -> object:
    if len(raw) != STATE_SIZES[name]:
        raise ValueError(f"{name} state must be {STATE_SIZES[name]} bytes")
    h = _new(name)
    ctypes.memmove(_state_pointer(h), raw, len(raw))
    return h


def export(h: object) -> str | None:
    """The state of ``h`` (an ``sm3`` or ``sha256`` hashlib object) as text, or None when this
    runtime cannot save hash states."""
    if not available():
        return None
    return base64.b64encode(_export_raw(h)).decode()


def restore(name: str, text: str) -> object | None:
    """A hashlib object continuing from an exported state, or None (fall back to re-hashing)."""
    if not text or not available():
        return None
    try:
        raw = base64.b64decode(text, validate=True)
    except ValueError:
        return None
    if len(raw) != STATE_SIZES.get(name, -1):
        return None
    return _restore_raw(name, raw)
