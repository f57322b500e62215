"""``{% load ledger_tags %}{% ledger_key_fingerprint %}``: the fingerprint of the ledger's signing key,
printed on the public portal so that anyone can pin it."""

from __future__ import annotations

import time

from django import template

from yangguang.ledger import selectors

register = template.Library()

_cached: tuple[float, str] = (0.0, "")


@register.simple_tag
def ledger_key_fingerprint() -> str:
    """The current signing key's SHA-256 fingerprint (looked up at most once a minute per process)."""
    global _cached
    now = time.monotonic()
    if now - _cached[0] > 60 or not _cached[1]:
        _cached = (now, selectors.public_key_info()["fingerprint"])
    return _cached[1]
