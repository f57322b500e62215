"""Verification tokens of officer certificates (执法证二维码).

A token is ``<certificate number in base32>-<MAC>``: the certificate number (public anyway: it is
printed on the certificate and listed in the officer roster) plus an HMAC-SHA256 of it, truncated to
80 bits. So the token is

* stable: the same certificate always gets the same token, which is what a QR code printed on a
  plastic card needs, and no table has to be filled before a QR code can be drawn;
* unguessable: without the key nobody can make the token of another certificate, so the roster
  cannot be enumerated through the verification page (certificate numbers are sequential, database
  ids even more so);
* stateless: the verification page needs no write and one indexed read, so it can be served from a
  read replica.

The key is ``settings.PUBLICITY_TOKEN_KEY`` when set, else ``SECRET_KEY``. Set a dedicated key in
production: rotating ``SECRET_KEY`` would otherwise break every QR code already printed.
"""

from __future__ import annotations

import base64
import binascii
import hmac

from django.conf import settings
from django.utils.crypto import salted_hmac

_SALT = "yangguang.publicity.certificate"
_MAC_CHARS = 16  # 16 base32 characters = 80 bits
_B32_ALPHABET = frozenset("abcdefghijklmnopqrstuvwxyz234567")


def _key() -> str:
    return str(getattr(settings, "PUBLICITY_TOKEN_KEY", "") or settings.SECRET_KEY)


def _mac(certificate_no: str) -> str:
    digest = salted_hmac(_SALT, certificate_no, secret=_key(), algorithm="sha256").digest()
    return base64.b32encode(digest).decode("ascii").lower()[:_MAC_CHARS]


def certificate_token(certificate_no: str) -> str:
    """The verification token of a certificate number."""
    body = base64.b32encode(certificate_no.encode("utf-8")).decode("ascii").rstrip("=").lower()
    return f"{body}-{_mac(certificate_no)}"


def certificate_no_from_token(token: str) -> str | None:
    """The certificate number a token stands for, or None if the token is malformed or forged."""
    token = token.strip().lower()
    body, sep, mac = token.partition("-")
    if not sep or not body or len(mac) != _MAC_CHARS or len(body) > 200:
        return None
    if not set(body) <= _B32_ALPHABET or not set(mac) <= _B32_ALPHABET:
        return None
    try:
        raw = base64.b32decode(body.upper() + "=" * (-len(body) % 8))
        certificate_no = raw.decode("utf-8")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    if not hmac.compare_digest(_mac(certificate_no), mac):
        return None
    return certificate_no
