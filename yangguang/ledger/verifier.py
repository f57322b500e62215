#!/usr/bin/env python3
"""Standalone verifier for Yangguang ledger bundles (阳光执法 全过程记录 校验工具).

This one file needs only the Python standard library and, for Ed25519 signatures only, the
``cryptography`` package. It never imports Django or the rest of Yangguang, so it can be handed to a
party, a court or an auditor together with an exported bundle and run anywhere:

    python verifier.py bundle.json [--fingerprint SHA256_HEX_OF_PUBLIC_KEY]

It contains:

* SM3 (GB/T 32905-2016): ``hashlib`` when OpenSSL provides it, otherwise a pure-Python
  implementation (``sm3_pure``);
* SM2 signature verification (GB/T 32918.2-2016) with the user ID "1234567812345678" and the Z value,
  on the recommended curve sm2p256v1 (GB/T 32918.5-2017);
* the RFC 9162 (Certificate Transparency 2.0) §2.1 Merkle tree hashing and the inclusion and
  consistency proof verification algorithms of §2.1.3.2 and §2.1.4.2;
* the bundle check: every entry's inclusion proof against a signed checkpoint.

The Yangguang application imports the same functions from this module, so the verifier that parties
run is the code that the platform itself uses.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import secrets
import struct
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

BUNDLE_FORMAT = "yangguang-ledger-bundle/1"
CHECKPOINT_LOG = "yangguang-ledger"

# --- SM3 (GB/T 32905-2016) ------------------------------------------------------------------------

_SM3_IV = (0x7380166F, 0x4914B2B9, 0x172442D7, 0xDA8A0600, 0xA96F30BC, 0x163138AA, 0xE38DEE4D, 0xB0FB0E4E)
_M32 = 0xFFFFFFFF


def _rotl(x: int, n: int) -> int:
    n %= 32
    return ((x << n) | (x >> (32 - n))) & _M32


# T_j rotated left by j (mod 32), precomputed once.
_SM3_TJ = [_rotl(0x79CC4519 if j < 16 else 0x7A879D8A, j) for j in range(64)]


def _sm3_compress(v: list[int], block: bytes) -> list[int]:
    w = list(struct.unpack(">16I", block))
    for j in range(16, 68):
        x = w[j - 16] ^ w[j - 9] ^ _rotl(w[j - 3], 15)
        x = x ^ _rotl(x, 15) ^ _rotl(x, 23)  # P1
        w.append(x ^ _rotl(w[j - 13], 7) ^ w[j - 6])
    a, b, c, d, e, f, g, h = v
    for j in range(64):
        a12 = _rotl(a, 12)
        ss1 = _rotl((a12 + e + _SM3_TJ[j]) & _M32, 7)
        ss2 = ss1 ^ a12
        if j < 16:
            ff = a ^ b ^ c
            gg = e ^ f ^ g
        else:
            ff = (a & b) | (a & c) | (b & c)
            gg = (e & f) | (~e & g)
        tt1 = (ff + d + ss2 + (w[j] ^ w[j + 4])) & _M32
        tt2 = (gg + h + ss1 + w[j]) & _M32
        d, c, b, a = c, _rotl(b, 9), a, tt1
        h, g, f = g, _rotl(f, 19), e
        e = tt2 ^ _rotl(tt2, 9) ^ _rotl(tt2, 17)  # P0
    return [x ^ y for x, y in zip(v, (a, b, c, d, e, f, g, h), strict=True)]


def sm3_pure(data: bytes) -> bytes:
    """SM3 digest in pure Python (slow; used only where OpenSSL has no SM3)."""
    length = len(data)
    padded = bytes(data) + b"\x80" + b"\x00" * ((55 - length) % 64) + struct.pack(">Q", length * 8)
    v = list(_SM3_IV)
    for i in range(0, len(padded), 64):
        v = _sm3_compress(v, padded[i : i + 64])
    return struct.pack(">8I", *v)


def _openssl_has(name: str) -> bool:
    try:
        hashlib.new(name, b"")
    except (ValueError, TypeError):
        return False
    return True


HAVE_OPENSSL_SM3 = _openssl_has("sm3")


def sm3(data: bytes) -> bytes:
    """SM3 digest: OpenSSL when available, else the pure-Python implementation."""
    if HAVE_OPENSSL_SM3:
        return hashlib.new("sm3", data).digest()
    return sm3_pure(data)


class Hasher:
    """RFC 9162 §2.1.1 hashing with a named hash function: leaf = H(0x00 || d), node = H(0x01 || l || r).

    ``copy()`` of a primed hash object is measurably faster than ``hashlib.new`` per call, which
    matters when a full verification hashes millions of leaves.
    """

    def __init__(self, name: str) -> None:
        name = name.lower()
        if name not in ("sm3", "sha256"):
            raise ValueError(f"unsupported hash algorithm: {name}")
        self.name = name
        self.size = 32
        self._pure = name == "sm3" and not HAVE_OPENSSL_SM3
        if not self._pure:
            self._leaf = hashlib.new(name, b"\x00")
            self._node = hashlib.new(name, b"\x01")
            self._empty = hashlib.new(name, b"").digest()
        else:
            self._empty = sm3_pure(b"")

    def prototypes(self) -> tuple[Any, Any] | None:
        """Primed hashlib objects (0x00 and 0x01 prefixes) for inlined hot loops; None without OpenSSL."""
        return None if self._pure else (self._leaf, self._node)

    def digest(self, data: bytes) -> bytes:
        if self._pure:
            return sm3_pure(data)
        return hashlib.new(self.name, data).digest()

    def empty_root(self) -> bytes:
        """MTH({}) = HASH() (RFC 9162 §2.1.1)."""
        return self._empty

    def leaf(self, data: bytes) -> bytes:
        if self._pure:
            return sm3_pure(b"\x00" + bytes(data))
        h = self._leaf.copy()
        h.update(data)
        return h.digest()

    def node(self, left: bytes, right: bytes) -> bytes:
        if self._pure:
            return sm3_pure(b"\x01" + bytes(left) + bytes(right))
        h = self._node.copy()
        h.update(left)
        h.update(right)
        return h.digest()


# --- RFC 9162 §2.1.3.2 and §2.1.4.2: proof verification ---------------------------------------------


class ProofError(ValueError):
    """A proof did not verify; the message says why (English, for logs and API details)."""


def _check_size(hasher: Hasher, what: str, value: bytes) -> None:
    if len(value) != hasher.size:
        raise ProofError(f"{what} has {len(value)} bytes, expected {hasher.size}")


def root_from_inclusion_proof(
    hasher: Hasher, leaf_index: int, tree_size: int, leaf_hash: bytes, proof: Sequence[bytes]
) -> bytes:
    """Run the RFC 9162 §2.1.3.2 algorithm and return the root it arrives at."""
    if tree_size <= 0 or leaf_index < 0 or leaf_index >= tree_size:
        raise ProofError(f"leaf index {leaf_index} is outside a tree of size {tree_size}")
    _check_size(hasher, "leaf hash", leaf_hash)
    fn, sn, r = leaf_index, tree_size - 1, leaf_hash
    for p in proof:
        _check_size(hasher, "proof element", p)
        if sn == 0:
            raise ProofError("inclusion proof is longer than the path")
        if fn & 1 or fn == sn:
            r = hasher.node(p, r)
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            r = hasher.node(r, p)
        fn >>= 1
        sn >>= 1
    if sn != 0:
        raise ProofError("inclusion proof is shorter than the path")
    return r


def verify_inclusion(
    hasher: Hasher, leaf_index: int, tree_size: int, leaf_hash: bytes, proof: Sequence[bytes], root: bytes
) -> None:
    """Raise ProofError unless ``proof`` shows the leaf at ``leaf_index`` in the tree with ``root``."""
    _check_size(hasher, "root", root)
    got = root_from_inclusion_proof(hasher, leaf_index, tree_size, leaf_hash, proof)
    if got != root:
        raise ProofError("inclusion proof leads to a different root")


def verify_consistency(
    hasher: Hasher, size1: int, size2: int, proof: Sequence[bytes], root1: bytes, root2: bytes
) -> None:
    """Raise ProofError unless ``proof`` shows that the tree (size2, root2) extends (size1, root1).

    RFC 9162 §2.1.4.2 defines proofs for 0 < size1 < size2; equal sizes need an empty proof and equal
    roots; a proof from the empty tree proves nothing and is refused.
    """
    if size1 < 0 or size2 < 0 or size1 > size2:
        raise ProofError(f"sizes {size1} and {size2} are not in order")
    if size1 == 0:
        raise ProofError("consistency with the empty tree proves nothing")
    if size1 == size2:
        if proof:
            raise ProofError("sizes are equal but the proof is not empty")
        if root1 != root2:
            raise ProofError("sizes are equal but the roots differ")
        return
    _check_size(hasher, "first root", root1)
    _check_size(hasher, "second root", root2)
    if not proof:
        raise ProofError("empty consistency proof")
    for p in proof:
        _check_size(hasher, "proof element", p)
    path = list(proof)
    if size1 & (size1 - 1) == 0:  # size1 is an exact power of two
        path.insert(0, root1)
    fn, sn = size1 - 1, size2 - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            raise ProofError("consistency proof is longer than the path")
        if fn & 1 or fn == sn:
            fr = hasher.node(c, fr)
            sr = hasher.node(c, sr)
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            sr = hasher.node(sr, c)
        fn >>= 1
        sn >>= 1
    if sn != 0:
        raise ProofError("consistency proof is shorter than the path")
    if fr != root1:
        raise ProofError("consistency proof does not lead to the first root")
    if sr != root2:
        raise ProofError("consistency proof does not lead to the second root")


# --- SM2 (GB/T 32918) elliptic curve arithmetic and signature verification ----------------------------


@dataclass(frozen=True)
class Curve:
    """A short Weierstrass curve y^2 = x^3 + ax + b over GF(p) with base point G of order n."""

    name: str
    p: int
    a: int
    b: int
    n: int
    gx: int
    gy: int

    @property
    def byte_len(self) -> int:
        return (self.p.bit_length() + 7) // 8


# GB/T 32918.5-2017 recommended curve (sm2p256v1).
SM2P256V1 = Curve(
    name="sm2p256v1",
    p=0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFF,
    a=0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFC,
    b=0x28E9FA9E9D9F5E344D5A9E4BCF6509A7F39789F515AB8F92DDBCBD414D940E93,
    n=0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54123,
    gx=0x32C4AE2C1F1981195F9904466A39C9948FE30BBFF2660BE1715A4589334C74C7,
    gy=0xBC3736A2F4F6779C59BDCEE36B692153D0A9877CC62A474002DF32E52139F0A0,
)
SM2_DEFAULT_ID = b"1234567812345678"

Jacobian = tuple[int, int, int]  # (X, Y, Z) with x = X/Z^2, y = Y/Z^3; Z == 0 is the point at infinity
_INF: Jacobian = (1, 1, 0)


def _jdouble(c: Curve, pt: Jacobian) -> Jacobian:
    x, y, z = pt
    if z == 0 or y == 0:
        return _INF
    p = c.p
    yy = y * y % p
    s = 4 * x * yy % p
    zz = z * z % p
    m = (3 * x * x + c.a * zz * zz) % p
    x3 = (m * m - 2 * s) % p
    y3 = (m * (s - x3) - 8 * yy * yy) % p
    z3 = 2 * y * z % p
    return (x3, y3, z3)


def _jadd(c: Curve, p1: Jacobian, p2: Jacobian) -> Jacobian:
    x1, y1, z1 = p1
    x2, y2, z2 = p2
    if z1 == 0:
        return p2
    if z2 == 0:
        return p1
    p = c.p
    z1z1 = z1 * z1 % p
    z2z2 = z2 * z2 % p
    u1 = x1 * z2z2 % p
    u2 = x2 * z1z1 % p
    s1 = y1 * z2 * z2z2 % p
    s2 = y2 * z1 * z1z1 % p
    if u1 == u2:
        if s1 != s2:
            return _INF
        return _jdouble(c, p1)
    h = (u2 - u1) % p
    hh = h * h % p
    hhh = h * hh % p
    r = (s2 - s1) % p
    v = u1 * hh % p
    x3 = (r * r - hhh - 2 * v) % p
    y3 = (r * (v - x3) - s1 * hhh) % p
    z3 = h * z1 * z2 % p
    return (x3, y3, z3)


def _to_affine(c: Curve, pt: Jacobian) -> tuple[int, int] | None:
    x, y, z = pt
    if z == 0:
        return None
    zinv = pow(z, -1, c.p)
    zinv2 = zinv * zinv % c.p
    return (x * zinv2 % c.p, y * zinv2 * zinv % c.p)


def scalar_mult(c: Curve, k: int, point: tuple[int, int]) -> tuple[int, int] | None:
    """k * point (left-to-right double-and-add in Jacobian coordinates)."""
    return _to_affine(c, _jmul(c, k, (point[0], point[1], 1)))


def _jmul(c: Curve, k: int, pt: Jacobian) -> Jacobian:
    acc = _INF
    for bit in bin(k)[2:] if k > 0 else "":
        acc = _jdouble(c, acc)
        if bit == "1":
            acc = _jadd(c, acc, pt)
    return acc


def _shamir(c: Curve, k1: int, p1: tuple[int, int], k2: int, p2: tuple[int, int]) -> tuple[int, int] | None:
    """k1 * p1 + k2 * p2 with one shared chain of doublings (Shamir's trick)."""
    j1: Jacobian = (p1[0], p1[1], 1)
    j2: Jacobian = (p2[0], p2[1], 1)
    j12 = _jadd(c, j1, j2)
    acc = _INF
    for i in range(max(k1.bit_length(), k2.bit_length()) - 1, -1, -1):
        acc = _jdouble(c, acc)
        b1, b2 = (k1 >> i) & 1, (k2 >> i) & 1
        if b1 and b2:
            acc = _jadd(c, acc, j12)
        elif b1:
            acc = _jadd(c, acc, j1)
        elif b2:
            acc = _jadd(c, acc, j2)
    return _to_affine(c, acc)


def on_curve(c: Curve, point: tuple[int, int]) -> bool:
    x, y = point
    return 0 <= x < c.p and 0 <= y < c.p and (y * y - x * x * x - c.a * x - c.b) % c.p == 0


def _int_bytes(c: Curve, v: int) -> bytes:
    return v.to_bytes(c.byte_len, "big")


def sm2_public_key_bytes(c: Curve, point: tuple[int, int]) -> bytes:
    """Uncompressed encoding 04 || x || y (GB/T 32918.1 §4.2.9)."""
    return b"\x04" + _int_bytes(c, point[0]) + _int_bytes(c, point[1])


def sm2_parse_public_key(data: bytes, c: Curve = SM2P256V1) -> tuple[int, int]:
    size = c.byte_len
    if len(data) != 1 + 2 * size or data[0] != 4:
        raise ValueError("SM2 public key must be 04 || x || y")
    point = (int.from_bytes(data[1 : 1 + size], "big"), int.from_bytes(data[1 + size :], "big"))
    if not on_curve(c, point):
        raise ValueError("SM2 public key is not on the curve")
    return point


def sm2_z(
    public: tuple[int, int],
    user_id: bytes = SM2_DEFAULT_ID,
    c: Curve = SM2P256V1,
    hash_fn: Callable[[bytes], bytes] = sm3,
) -> bytes:
    """Z_A = H256(ENTL_A || ID_A || a || b || x_G || y_G || x_A || y_A) (GB/T 32918.2 §5.5)."""
    entl = (len(user_id) * 8).to_bytes(2, "big")
    parts = [entl, user_id] + [_int_bytes(c, v) for v in (c.a, c.b, c.gx, c.gy, public[0], public[1])]
    return hash_fn(b"".join(parts))


def sm2_digest(
    message: bytes,
    public: tuple[int, int],
    user_id: bytes = SM2_DEFAULT_ID,
    c: Curve = SM2P256V1,
    hash_fn: Callable[[bytes], bytes] = sm3,
) -> int:
    """e = H256(Z_A || M) as an integer."""
    return int.from_bytes(hash_fn(sm2_z(public, user_id, c, hash_fn) + message), "big")


def sm2_verify(
    public: tuple[int, int],
    message: bytes,
    signature: bytes,
    user_id: bytes = SM2_DEFAULT_ID,
    c: Curve = SM2P256V1,
    hash_fn: Callable[[bytes], bytes] = sm3,
) -> bool:
    """Verify an SM2 signature given as r || s (GB/T 32918.2 §7)."""
    size = (c.n.bit_length() + 7) // 8
    if len(signature) != 2 * size:
        return False
    r = int.from_bytes(signature[:size], "big")
    s = int.from_bytes(signature[size:], "big")
    if not (1 <= r < c.n and 1 <= s < c.n):
        return False
    e = sm2_digest(message, public, user_id, c, hash_fn)
    t = (r + s) % c.n
    if t == 0:
        return False
    point = _shamir(c, s, (c.gx, c.gy), t, public)
    if point is None:
        return False
    return (e + point[0]) % c.n == r


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

    Here (and not only in the platform) because a witness signs with SM2 too. ``k_source`` exists
    for the published test vectors, which fix k; otherwise k is drawn from ``secrets``. Python
    big-integer arithmetic is not constant-time: sign on a schedule, never on an attacker's request
    rate.
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


# --- Signatures on checkpoints ---------------------------------------------------------------------


def public_key_fingerprint(public_key: bytes) -> str:
    """SHA-256 of the public key bytes, hex: the fingerprint published beside the key."""
    return hashlib.sha256(public_key).hexdigest()


def verify_signature(algorithm: str, public_key: bytes, message: bytes, signature: bytes) -> bool:
    """Check ``signature`` over ``message`` with an SM2 (04||x||y) or Ed25519 (32 bytes) public key."""
    if algorithm == "sm2":
        try:
            point = sm2_parse_public_key(public_key)
        except ValueError:
            return False
        return sm2_verify(point, message, signature)
    if algorithm == "ed25519":
        from cryptography.exceptions import InvalidSignature
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

        try:
            Ed25519PublicKey.from_public_bytes(public_key).verify(signature, message)
        except (InvalidSignature, ValueError):
            return False
        return True
    return False


# --- Signed notes, checkpoints and cosignatures (C2SP signed-note, tlog-checkpoint, tlog-cosignature) --

# Signature type identifiers (c2sp.org/signed-note): the assigned bytes for Ed25519 (0x01) and
# timestamped Ed25519 cosignatures (0x04); SM2 has no assigned byte, so 0xff followed by a longer
# identifier, as the specification recommends.
SIG_TYPE_ED25519 = b"\x01"
SIG_TYPE_COSIG_ED25519 = b"\x04"
SIG_TYPE_SM2 = b"\xffyangguang-sm2/v1"
SIG_TYPE_COSIG_SM2 = b"\xffyangguang-sm2-cosignature/v1"
NOTE_KINDS = {
    "ed25519": SIG_TYPE_ED25519,
    "sm2": SIG_TYPE_SM2,
    "cosignature-ed25519": SIG_TYPE_COSIG_ED25519,
    "cosignature-sm2": SIG_TYPE_COSIG_SM2,
}
_KIND_OF_TYPE = {v: k for k, v in NOTE_KINDS.items()}
MAX_NOTE_SIGNATURES = 64
EM_DASH = "\u2014"


class NoteError(ValueError):
    """A note, checkpoint, key or cosignature is malformed or does not verify."""


def _b64(data: bytes) -> str:
    import base64

    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    import base64
    import binascii

    try:
        return base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError):
        raise NoteError(f"not base64: {text[:40]!r}") from None


def note_key_id(name: str, sig_type: bytes, public_key: bytes) -> bytes:
    """SHA-256(key name || 0x0A || signature type || public key)[:4] (c2sp.org/signed-note)."""
    return hashlib.sha256(name.encode() + b"\n" + sig_type + public_key).digest()[:4]


def _check_key_name(name: str) -> None:
    if not name or any(ch.isspace() or ch == "+" for ch in name):
        raise NoteError(f"invalid key name {name!r}: non-empty, no spaces, no '+'")


@dataclass(frozen=True)
class NoteVerifier:
    """A public key one trusts for notes: the log's key (``sm2``/``ed25519``) or a witness's
    (``cosignature-ed25519``/``cosignature-sm2``), under a key name."""

    name: str
    kind: str
    public_key: bytes

    def __post_init__(self) -> None:
        _check_key_name(self.name)
        if self.kind not in NOTE_KINDS:
            raise NoteError(f"unknown key kind {self.kind!r}")

    @property
    def sig_type(self) -> bytes:
        return NOTE_KINDS[self.kind]

    @property
    def key_id(self) -> bytes:
        return note_key_id(self.name, self.sig_type, self.public_key)

    @property
    def fingerprint(self) -> str:
        return public_key_fingerprint(self.public_key)

    @property
    def is_cosigner(self) -> bool:
        return self.kind.startswith("cosignature-")

    @property
    def algorithm(self) -> str:
        return self.kind.removeprefix("cosignature-")

    @property
    def vkey(self) -> str:
        """``<name>+<key ID hex>+<base64(type || public key)>``, the verifier-key text form."""
        return f"{self.name}+{self.key_id.hex()}+{_b64(self.sig_type + self.public_key)}"

    def verify(self, text: bytes, signature: bytes) -> int | None:
        """Check ``signature`` (without the key ID) over note ``text``. Returns the cosignature's
        timestamp (0 for a plain signature), or None if it does not verify."""
        if self.is_cosigner:
            if len(signature) < 8:
                return None
            (timestamp,) = struct.unpack(">Q", signature[:8])
            if timestamp >= 1 << 63:
                return None
            ok = verify_signature(self.algorithm, self.public_key, cosignature_message(text, timestamp), signature[8:])
            return timestamp if ok else None
        return 0 if verify_signature(self.algorithm, self.public_key, text, signature) else None


def parse_vkey(vkey: str) -> NoteVerifier:
    """Parse ``<name>+<hex key ID>+<base64(type || key)>``; the key ID must match."""
    parts = vkey.strip().split("+", 2)  # the base64 key may itself contain "+"
    if len(parts) != 3:
        raise NoteError("a verifier key is <name>+<key ID>+<base64 key>")
    name, hex_id, encoded = parts
    blob = _unb64(encoded)
    for kind, sig_type in NOTE_KINDS.items():
        if blob.startswith(sig_type) and (sig_type != SIG_TYPE_ED25519 or len(blob) == 33):
            verifier = NoteVerifier(name, kind, blob[len(sig_type) :])
            break
    else:
        raise NoteError("unknown signature type in verifier key")
    if verifier.key_id.hex() != hex_id.lower():
        raise NoteError("verifier key ID does not match its name and key")
    if verifier.algorithm == "sm2":
        try:
            sm2_parse_public_key(verifier.public_key)
        except ValueError as exc:
            raise NoteError(str(exc)) from None
    elif len(verifier.public_key) != 32:
        raise NoteError("Ed25519 public keys are 32 bytes")
    return verifier


@dataclass(frozen=True)
class NoteSignature:
    name: str
    key_id: bytes
    signature: bytes  # after the key ID

    @property
    def line(self) -> str:
        return f"{EM_DASH} {self.name} {_b64(self.key_id + self.signature)}\n"


@dataclass(frozen=True)
class Note:
    text: str  # ends in a newline
    signatures: tuple[NoteSignature, ...]

    def render(self) -> str:
        return self.text + "\n" + "".join(s.line for s in self.signatures)


def parse_signature_line(line: str) -> NoteSignature:
    if not line.startswith(EM_DASH + " "):
        raise NoteError("a signature line starts with an em dash and a space")
    rest = line[2:].rstrip("\n")
    name, sep, encoded = rest.partition(" ")
    if not sep:
        raise NoteError("a signature line is: — <key name> <base64 signature>")
    _check_key_name(name)
    blob = _unb64(encoded)
    if len(blob) < 5:
        raise NoteError("signature too short")
    return NoteSignature(name, blob[:4], blob[4:])


def parse_note(data: str) -> Note:
    """Split a signed note into its text and signature lines (c2sp.org/signed-note)."""
    if any(ord(ch) < 0x20 and ch != "\n" for ch in data):
        raise NoteError("notes contain no control characters other than newline")
    if not data.endswith("\n"):
        raise NoteError("a note ends with a newline")
    split = data.rfind("\n\n")
    if split < 0:
        raise NoteError("a note has a blank line between its text and its signatures")
    text, sig_block = data[: split + 1], data[split + 2 :]
    lines = sig_block.splitlines(keepends=True)
    if not lines:
        raise NoteError("a note has at least one signature")
    if len(lines) > MAX_NOTE_SIGNATURES:
        raise NoteError("too many signatures")
    return Note(text, tuple(parse_signature_line(line) for line in lines))


def verify_note(note: Note, verifiers: Sequence[NoteVerifier]) -> dict[NoteVerifier, int]:
    """Signatures of ``note`` made by known keys (key name and ID both match), checked: returns
    {verifier: timestamp (0 for plain signatures)}. Unknown signatures are ignored; a known key's
    bad signature, or no known signature at all, raises NoteError."""
    known = {(v.name, v.key_id): v for v in verifiers}
    good: dict[NoteVerifier, int] = {}
    text = note.text.encode()
    for sig in note.signatures:
        verifier = known.get((sig.name, sig.key_id))
        if verifier is None:
            continue
        stamp = verifier.verify(text, sig.signature)
        if stamp is None:
            raise NoteError(f"signature by {sig.name} ({sig.key_id.hex()}) does not verify")
        good[verifier] = stamp
    if not good:
        raise NoteError("no signature by a known key")
    return good


def sign_note_text(verifier: NoteVerifier, text: str, sign: Callable[[bytes], bytes]) -> NoteSignature:
    """A plain (log) signature line over ``text`` with the private key behind ``sign``."""
    return NoteSignature(verifier.name, verifier.key_id, sign(text.encode()))


def cosignature_message(text: bytes, timestamp: int) -> bytes:
    """``cosignature/v1`` message: header line, time line, then the checkpoint text."""
    return b"cosignature/v1\ntime %d\n" % timestamp + text


def cosign_note_text(
    verifier: NoteVerifier, text: str, timestamp: int, sign: Callable[[bytes], bytes]
) -> NoteSignature:
    """A timestamped cosignature (c2sp.org/tlog-cosignature) over checkpoint ``text``."""
    raw = struct.pack(">Q", timestamp) + sign(cosignature_message(text.encode(), timestamp))
    return NoteSignature(verifier.name, verifier.key_id, raw)


@dataclass(frozen=True)
class CheckpointText:
    """The three lines of a checkpoint note (c2sp.org/tlog-checkpoint): origin, size, root."""

    origin: str
    size: int
    root: bytes
    extensions: tuple[str, ...] = ()

    def render(self) -> str:
        return "".join(f"{line}\n" for line in (self.origin, str(self.size), _b64(self.root), *self.extensions))


def parse_checkpoint_text(text: str) -> CheckpointText:
    lines = text.split("\n")
    if len(lines) < 4 or lines[-1] != "" or any(not line for line in lines[:-1]):
        raise NoteError("a checkpoint is at least three non-empty lines: origin, tree size, root hash")
    origin, size_text, root_text, *ext = lines[:-1]
    if not (size_text.isascii() and size_text.isdigit()) or (size_text != "0" and size_text.startswith("0")):
        raise NoteError("checkpoint tree size must be a decimal without leading zeroes")
    return CheckpointText(origin, int(size_text), _unb64(root_text), tuple(ext))


# --- Canonical JSON ------------------------------------------------------------------------------------


def canonical_json(doc: Any) -> str:
    """Sorted keys, no whitespace, UTF-8 characters unescaped: the bytes that are hashed and signed."""
    return json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)


# --- Bundles -------------------------------------------------------------------------------------------


@dataclass
class BundleReport:
    ok: bool
    messages: list[str]
    entries_checked: int
    fingerprint: str


def _unhex(value: Any, what: str) -> bytes:
    if not isinstance(value, str):
        raise ValueError(f"{what} is missing")
    try:
        return bytes.fromhex(value)
    except ValueError:
        raise ValueError(f"{what} is not hexadecimal") from None


def verify_checkpoint(
    checkpoint: dict[str, Any], public_key: bytes, witnesses: Sequence[NoteVerifier] = ()
) -> dict[str, Any]:
    """Check a checkpoint's signature and return its body (size, root, time, hash, sig, key; for a
    C2SP note also origin and ``cosigned_by``: the names of ``witnesses`` whose cosignature holds)."""
    note_text = checkpoint.get("note")
    if isinstance(note_text, str) and note_text:
        note = parse_note(note_text)
        cp = parse_checkpoint_text(note.text)
        algorithm = str(checkpoint.get("signature_algorithm", ""))
        log_key = NoteVerifier(cp.origin, algorithm, public_key)
        signed = verify_note(note, [log_key, *witnesses])
        if log_key not in signed:
            raise ValueError("checkpoint is not signed by the log's key")
        return {
            "size": cp.size,
            "root": cp.root.hex(),
            "hash": checkpoint.get("hash"),
            "sig": algorithm,
            "time": checkpoint.get("time"),
            "key": public_key_fingerprint(public_key),
            "origin": cp.origin,
            "cosigned_by": sorted(v.name for v in signed if v.is_cosigner),
        }
    body_text = checkpoint.get("body")
    if not isinstance(body_text, str):
        raise ValueError("checkpoint body is missing")
    body = json.loads(body_text)
    if body.get("log") != CHECKPOINT_LOG:
        raise ValueError("checkpoint is not a Yangguang ledger checkpoint")
    signature = _unhex(checkpoint.get("signature"), "checkpoint signature")
    if body.get("key") != public_key_fingerprint(public_key):
        raise ValueError("checkpoint was signed with another key")
    if not verify_signature(str(body.get("sig")), public_key, body_text.encode(), signature):
        raise ValueError("checkpoint signature is invalid")
    out = dict(body)
    out["cosigned_by"] = []
    return out


@dataclass(frozen=True)
class TrustedCheckpoint:
    """A checkpoint known outside the log (kept by a witness, a court, the superior platform)."""

    size: int
    root: bytes
    origin: str = ""
    note: Note | None = None


def parse_trusted(text: str) -> list[TrustedCheckpoint]:
    """Checkpoints from a C2SP checkpoint note, or from a checkpoint mirror (JSON with
    ``checkpoints``: notes, as the platform publishes and pushes them)."""
    stripped = text.lstrip()
    if stripped.startswith("{"):
        doc = json.loads(stripped)
        items = [c["note"] if isinstance(c, dict) else c for c in doc.get("checkpoints", [])]
    else:
        items = [text]
    out = []
    for item in items:
        note = parse_note(str(item))
        cp = parse_checkpoint_text(note.text)
        out.append(TrustedCheckpoint(cp.size, cp.root, cp.origin, note))
    if not out:
        raise NoteError("no checkpoint found")
    return out


def read_text_source(source: str, timeout: float = 20.0) -> str:
    """A file's text, or a URL's body (http/https)."""
    if source.startswith(("http://", "https://")):
        import urllib.request

        with urllib.request.urlopen(source, timeout=timeout) as response:
            return str(response.read().decode("utf-8"))
    return Path(source).read_text(encoding="utf-8")


def check_trusted_consistency(
    hasher: Hasher, size: int, root: bytes, trusted: TrustedCheckpoint, proof: Sequence[bytes] | None
) -> str:
    """Check that the tree (size, root) and a trusted checkpoint are consistent; returns a
    sentence. Raises ValueError when they are not (or no proof was available)."""
    if trusted.size == size:
        if trusted.root != root:
            raise ValueError(f"the trusted checkpoint of size {size} has another root: the log was rewritten")
        return f"same tree as the trusted checkpoint of size {size}"
    if proof is None:
        raise ValueError(f"no consistency proof between sizes {min(size, trusted.size)} and {max(size, trusted.size)}")
    try:
        if trusted.size < size:
            verify_consistency(hasher, trusted.size, size, proof, trusted.root, root)
        else:
            verify_consistency(hasher, size, trusted.size, proof, root, trusted.root)
    except ProofError as exc:
        raise ValueError(f"not consistent with the trusted checkpoint of size {trusted.size}: {exc}") from None
    return f"consistent with the trusted checkpoint of size {trusted.size}"


def _fetch_consistency(log_url: str, first: int, second: int) -> list[bytes]:
    url = f"{log_url.rstrip('/')}/api/ledger/consistency?first={first}&second={second}"
    doc = json.loads(read_text_source(url))
    return [_unhex(p, "consistency proof") for p in doc.get("proof", [])]


def verify_bundle(
    bundle: dict[str, Any],
    expected_fingerprint: str | None = None,
    *,
    witnesses: Sequence[NoteVerifier] = (),
    quorum: int = 0,
    trusted: Sequence[TrustedCheckpoint] = (),
    log_url: str = "",
) -> BundleReport:
    """Check every entry of a bundle against its signed checkpoint; with ``witnesses``, that at
    least ``quorum`` of them cosigned it; with ``trusted`` checkpoints, that the bundle's
    checkpoint is consistent with each (proofs from the bundle's ``consistency`` list, or fetched
    from ``log_url``). Never raises for bad input."""
    messages: list[str] = []
    fingerprint = ""
    checked = 0
    try:
        if bundle.get("format") != BUNDLE_FORMAT:
            raise ValueError(f"not a bundle of format {BUNDLE_FORMAT}")
        key = bundle.get("public_key") or {}
        public_key = _unhex(key.get("key"), "public key")
        fingerprint = public_key_fingerprint(public_key)
        if expected_fingerprint and expected_fingerprint.replace(":", "").lower() != fingerprint:
            raise ValueError("public key fingerprint differs from the expected one")
        body = verify_checkpoint(bundle.get("checkpoint") or {}, public_key, witnesses)
        hasher = Hasher(str(body["hash"]))
        size = int(body["size"])
        root = _unhex(body["root"], "checkpoint root")
        if witnesses and len(body.get("cosigned_by", [])) < max(quorum, 1):
            raise ValueError(
                f"checkpoint is cosigned by {len(body.get('cosigned_by', []))} of the given witnesses, "
                f"{max(quorum, 1)} needed"
            )
        for item in bundle.get("entries") or []:
            seq = int(item["seq"])
            canonical = item["canonical"]
            doc = json.loads(canonical)
            if doc.get("seq") != seq:
                raise ValueError(f"entry {seq}: its content names sequence number {doc.get('seq')}")
            proof = [_unhex(p, f"entry {seq} proof") for p in item.get("proof") or []]
            try:
                verify_inclusion(hasher, seq, size, hasher.leaf(canonical.encode()), proof, root)
            except ProofError as exc:
                raise ValueError(f"entry {seq}: {exc}") from None
            checked += 1
        messages.append(
            f"OK: {checked} entries are in the ledger of size {size} signed at {body.get('time')} "
            f"({body.get('hash')}, {body.get('sig')})"
        )
        if body.get("cosigned_by"):
            messages.append(f"OK: cosigned by {', '.join(body['cosigned_by'])}")
        proofs = {
            (int(c["first"]), int(c["second"])): [_unhex(p, "consistency proof") for p in c.get("proof", [])]
            for c in bundle.get("consistency") or []
        }
        for t in trusted:
            pair = (min(t.size, size), max(t.size, size))
            between = proofs.get(pair)
            if between is None and t.size != size and log_url:
                between = _fetch_consistency(log_url, *pair)
            messages.append("OK: " + check_trusted_consistency(hasher, size, root, t, between))
        return BundleReport(True, messages, checked, fingerprint)
    except (ValueError, KeyError, TypeError, OSError, json.JSONDecodeError) as exc:
        messages.append(f"FAILED: {exc}")
        return BundleReport(False, messages, checked, fingerprint)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Verify a Yangguang ledger bundle (校验全过程记录导出包)")
    parser.add_argument("bundle", help="bundle JSON file")
    parser.add_argument("--fingerprint", help="expected SHA-256 fingerprint of the ledger's public key")
    parser.add_argument(
        "--witness", action="append", default=[], help="a witness's verifier key (vkey) whose cosignature is required"
    )
    parser.add_argument("--quorum", type=int, default=0, help="how many of the --witness keys must cosign (default 1)")
    parser.add_argument(
        "--trusted", action="append", default=[], help="a checkpoint known outside the log (file or URL, C2SP note)"
    )
    parser.add_argument("--log", default="", help="the platform's base URL, to fetch consistency proofs for --trusted")
    args = parser.parse_args(argv)
    try:
        bundle = json.loads(Path(args.bundle).read_text(encoding="utf-8"))
        witnesses = [parse_vkey(v) for v in args.witness]
        trusted = [t for source in args.trusted for t in parse_trusted(read_text_source(source))]
    except (OSError, ValueError) as exc:
        print(f"校验失败 FAILED: cannot read input: {exc}")
        return 2
    report = verify_bundle(
        bundle, args.fingerprint, witnesses=witnesses, quorum=args.quorum, trusted=trusted, log_url=args.log
    )
    print(f"公钥指纹 public key fingerprint: {report.fingerprint or '-'}")
    if not args.fingerprint:
        print("提示: 请与平台公布的公钥指纹核对 (compare with the fingerprint the platform publishes)")
    if not args.witness and not args.trusted:
        print(
            "提示: 未提供见证人公钥 (--witness) 或外部检查点 (--trusted)：无法排除平台向你展示的日志与向他人展示的不同 "
            "(without a witness or a checkpoint known outside, a log shown only to you cannot be ruled out)"
        )
    for line in report.messages:
        print(("校验通过 " if report.ok else "校验失败 ") + line)
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
