"""``{% load ledger_tags %}{% ledger_key_fingerprint %}``: the fingerprint of the ledger's signing key,
printed on the public portal so that anyone can pin it."""

from __future__ import annotations

from django import template

from yangguang.ledger.crypto import LedgerKeyError, load_keys, pinned_fingerprints

register = template.Library()


@register.simple_tag
def ledger_key_fingerprint() -> str:
    """The signing key's SHA-256 fingerprint, without a database query: the key in the key directory
    (cached by file), else the pinned fingerprints (configuration)."""
    try:
        keys = load_keys()
    except LedgerKeyError:
        keys = {}
    if len(keys) == 1:
        return next(iter(keys))
    return "、".join(pinned_fingerprints())
