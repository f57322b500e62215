"""Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP): HMAC-SHA-1, 6 digits, 30-second
steps, one step of clock drift either way. The standard library is enough; any authenticator app
(Google/Microsoft Authenticator, FreeOTP, 腾讯身份验证器) reads the ``otpauth://`` URI."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import struct
import time
import urllib.parse

DIGITS = 6
STEP = 30
DRIFT = 1


def new_secret() -> str:
    """160 random bits in base32 (RFC 4226 recommends the HMAC-SHA-1 output size)."""
    return base64.b32encode(secrets.token_bytes(20)).decode("ascii").rstrip("=")


def _key(secret: str) -> bytes:
    padded = secret.upper() + "=" * (-len(secret) % 8)
    return base64.b32decode(padded)


def hotp(secret: str, counter: int, digits: int = DIGITS) -> str:
    """RFC 4226 §5.3: dynamic truncation of HMAC-SHA-1(key, counter)."""
    mac = hmac.new(_key(secret), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    code = (struct.unpack(">I", mac[offset : offset + 4])[0] & 0x7FFFFFFF) % (10**digits)
    return f"{code:0{digits}d}"


def step_at(when: float | None = None) -> int:
    return int((time.time() if when is None else when) // STEP)


def totp(secret: str, when: float | None = None) -> str:
    return hotp(secret, step_at(when))


def matching_step(secret: str, code: str, *, when: float | None = None, after: int = 0) -> int | None:
    """The time step whose code is ``code`` (within the drift), if later than ``after`` (a code is
    used once); compared in constant time."""
    code = (code or "").strip().replace(" ", "")
    if len(code) != DIGITS or not code.isascii() or not code.isdigit():
        return None
    now = step_at(when)
    for step in range(now - DRIFT, now + DRIFT + 1):
        if step > after and hmac.compare_digest(hotp(secret, step), code):
            return step
    return None


def provisioning_uri(secret: str, account: str, issuer: str) -> str:
    """The ``otpauth://totp/...`` URI an authenticator app scans from the QR code."""
    label = urllib.parse.quote(f"{issuer}:{account}")
    query = urllib.parse.urlencode({"secret": secret, "issuer": issuer, "digits": DIGITS, "period": STEP})
    return f"otpauth://totp/{label}?{query}"
