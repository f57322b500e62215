"""The log's side of the C2SP tlog-witness protocol: asking the configured witnesses to cosign the
latest checkpoint, with a consistency proof from the size each witness last cosigned, and keeping
their cosignatures.

``cosign_latest()`` is a plain function for the background worker: network calls, no transaction
held across them. A witness that refuses (409 with a larger size, 422 for a proof that does not
verify) is reported and logged: that is the alarm a truncated or rewritten log raises.
"""

from __future__ import annotations

import base64
import logging
import urllib.error
import urllib.request
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from yangguang.ledger import selectors
from yangguang.ledger.models import Checkpoint, CheckpointFormat, Cosignature
from yangguang.ledger.verifier import NoteError, NoteVerifier, parse_signature_line, parse_vkey

log = logging.getLogger(__name__)

TIMEOUT = 10.0


def configured_witnesses() -> list[tuple[str, NoteVerifier]]:
    """(submission URL prefix, verifier key) of each witness in ``YG_LEDGER_WITNESSES``."""
    out = []
    for item in settings.LEDGER_WITNESSES:
        url, _, vkey = item.strip().partition(" ")
        try:
            verifier = parse_vkey(vkey.strip())
        except NoteError as exc:
            raise ImproperlyConfigured(f"YG_LEDGER_WITNESSES: {item!r}: {exc}") from exc
        if not verifier.is_cosigner or not url.startswith(("http://", "https://")):
            raise ImproperlyConfigured(
                f"YG_LEDGER_WITNESSES: {item!r} must be '<https URL> <cosigner verifier key>', comma-separated"
            )
        out.append((url.rstrip("/"), verifier))
    return out


@dataclass
class Outcome:
    witness: str
    ok: bool
    message: str


def _post(url: str, body: bytes, timeout: float) -> tuple[int, str, str]:
    request = urllib.request.Request(url, data=body, method="POST", headers={"Content-Type": "text/plain"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return int(response.status), response.headers.get("Content-Type", ""), response.read().decode()
    except urllib.error.HTTPError as exc:
        return int(exc.code), exc.headers.get("Content-Type", "") if exc.headers else "", exc.read().decode()


def _last_cosigned(verifier: NoteVerifier) -> int:
    size = Cosignature.objects.filter(witness=verifier.name, key_id=verifier.key_id.hex()).aggregate(
        m=Max("checkpoint__tree_size")
    )["m"]
    return int(size or 0)


def request_body(cp: Checkpoint, old: int) -> bytes:
    """An add-checkpoint request: ``old N``, the consistency proof lines, a blank line, the note."""
    proof = selectors.consistency_proof(old, cp.tree_size) if 0 < old < cp.tree_size else []
    lines = [f"old {old}\n"] + [base64.b64encode(p).decode() + "\n" for p in proof] + ["\n"]
    return ("".join(lines) + selectors.checkpoint_note(cp, cosigned=False)).encode()


def _store(cp: Checkpoint, verifier: NoteVerifier, response: str) -> bool:
    for line in response.splitlines():
        try:
            sig = parse_signature_line(line + "\n")
        except NoteError:
            continue
        if (sig.name, sig.key_id) != (verifier.name, verifier.key_id):
            continue  # signatures from keys we do not know are ignored
        stamp = verifier.verify(cp.body.encode(), sig.signature)
        if stamp is None:
            continue
        try:
            with transaction.atomic():
                Cosignature.objects.create(
                    checkpoint=cp,
                    witness=verifier.name,
                    key_id=verifier.key_id.hex(),
                    timestamp=stamp,
                    line=sig.line,
                    received_at=timezone.now(),
                )
        except IntegrityError:  # stored by a concurrent run
            pass
        return True
    return False


def cosign(cp: Checkpoint, url: str, verifier: NoteVerifier, *, timeout: float = TIMEOUT) -> Outcome:
    """Ask one witness to cosign ``cp``; follows one 409 (the witness's own latest size)."""
    old = _last_cosigned(verifier)
    for _attempt in range(3):
        if old > cp.tree_size:
            return Outcome(verifier.name, False, f"见证人已联署更大的树（{old} 条），拒绝较小的检查点 {cp.tree_size}")
        try:
            status, ctype, text = _post(f"{url}/add-checkpoint", request_body(cp, old), timeout)
        except OSError as exc:
            return Outcome(verifier.name, False, f"无法连接见证人：{exc}")
        if status == 200:
            if _store(cp, verifier, text):
                return Outcome(verifier.name, True, f"联署检查点 {cp.tree_size}")
            return Outcome(verifier.name, False, "见证人的答复中没有有效的联署")
        if status == 409 and ctype.startswith("text/x.tlog.size") and text.strip().isascii() and text.strip().isdigit():
            seen = int(text.strip())
            if seen == old:
                break
            old = seen
            continue
        return Outcome(verifier.name, False, f"见证人拒绝联署（HTTP {status}）：{text.strip()[:200]}")
    return Outcome(verifier.name, False, f"见证人拒绝联署：它所见的树（{old} 条）与本日志不一致")


def cosign_latest(*, timeout: float = TIMEOUT) -> list[Outcome]:
    """Have every configured witness cosign the latest checkpoint (skipping those that already
    did). A refusal is logged as an error: it means the log was truncated or forked."""
    witnesses = configured_witnesses()
    if not witnesses:
        return []
    cp = Checkpoint.objects.filter(format=CheckpointFormat.NOTE).order_by("-tree_size").first()
    if cp is None:
        return []
    outcomes = []
    done = set(Cosignature.objects.filter(checkpoint=cp).values_list("witness", "key_id"))
    for url, verifier in witnesses:
        if (verifier.name, verifier.key_id.hex()) in done:
            continue
        outcome = cosign(cp, url, verifier, timeout=timeout)
        if not outcome.ok:
            log.error("witness %s: %s", verifier.name, outcome.message)
        outcomes.append(outcome)
    return outcomes
