"""Push of publication events to the superior platform (上级平台), from the outbox table.

Each ``PushTask`` row was written in the transaction of its event, so nothing is pushed that did
not commit and nothing committed is forgotten. ``run_once`` sends the due rows: a POST of the JSON
body with ``X-Yangguang-Key-Id``-less HMAC-SHA256 signature (``X-Yangguang-Signature:
sha256=<hex>`` over the exact body, key ``YG_PUSH_KEY``) and the idempotency key
(``Idempotency-Key``), so the receiver drops repeats: delivery is at least once. A failure is
retried with exponential backoff (``YG_PUSH_BACKOFF`` seconds × 2^attempts, capped at an hour) up
to ``YG_PUSH_MAX_ATTEMPTS`` attempts.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import os
import time
import urllib.error
import urllib.request
from dataclasses import dataclass

from django.utils import timezone

from yangguang.core import faults
from yangguang.env import env_int

from .models import PushStatus, PushTask


@dataclass(frozen=True)
class PushConfig:
    url: str
    key: str
    backoff_seconds: float
    max_attempts: int
    timeout: float


def config() -> PushConfig:
    try:
        backoff = float(os.environ.get("YG_PUSH_BACKOFF", "30"))
        attempts = int(os.environ.get("YG_PUSH_MAX_ATTEMPTS", "10"))
    except ValueError as exc:
        raise RuntimeError("YG_PUSH_BACKOFF / YG_PUSH_MAX_ATTEMPTS must be numbers") from exc
    return PushConfig(
        url=os.environ.get("YG_PUSH_URL", ""),
        key=os.environ.get("YG_PUSH_KEY", ""),
        backoff_seconds=backoff,
        max_attempts=attempts,
        timeout=10.0,
    )


def sign(body: bytes, key: str) -> str:
    return "sha256=" + hmac.new(key.encode(), body, hashlib.sha256).hexdigest()


def body_of(task: PushTask) -> bytes:
    return json.dumps(task.payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def _send(task: PushTask, cfg: PushConfig) -> None:
    body = body_of(task)
    request = urllib.request.Request(
        cfg.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json; charset=utf-8",
            "Idempotency-Key": task.key,
            "X-Yangguang-Signature": sign(body, cfg.key),
        },
    )
    with urllib.request.urlopen(request, timeout=cfg.timeout) as response:
        if not 200 <= response.status < 300:
            raise urllib.error.HTTPError(cfg.url, response.status, "unexpected status", response.headers, None)


# Longer than one send (timeout 10 s): a claim outlives the attempt it covers; crash tests shorten it.
CLAIM_SECONDS = float(env_int("YG_PUSH_CLAIM_SECONDS", 120))
RUN_BUDGET_SECONDS = 30.0  # one run stops taking new rows after this, so runs stay short


def _claim(task: PushTask, now: dt.datetime) -> bool:
    """Claim ``task`` for one attempt: move its next attempt past the claim window with a
    compare-and-set UPDATE. Only one worker's UPDATE matches; a worker that dies while sending
    leaves the row to be sent again when the window ends (at least once; the receiver drops the
    repeat by its idempotency key)."""
    return bool(
        PushTask.objects.filter(pk=task.pk, status=PushStatus.PENDING, next_attempt_at=task.next_attempt_at).update(
            next_attempt_at=now + dt.timedelta(seconds=CLAIM_SECONDS)
        )
    )


def run_once(*, cfg: PushConfig | None = None, batch: int = 50) -> dict[str, int]:
    """Send every due task once; returns counts of sent and failed attempts."""
    cfg = cfg or config()
    if not cfg.url:
        return {"sent": 0, "failed": 0, "skipped": 1}
    started = time.monotonic()
    now = timezone.now()
    due = list(PushTask.objects.filter(status=PushStatus.PENDING, next_attempt_at__lte=now).order_by("pk")[:batch])
    sent = failed = 0
    for task in due:
        if time.monotonic() - started > RUN_BUDGET_SECONDS:
            break
        if not _claim(task, timezone.now()):
            continue  # another worker has it
        try:
            _send(task, cfg)
            faults.point("publicity.push.sent", task.key)  # sent, not yet marked: sent again
        except (OSError, urllib.error.URLError, ValueError) as exc:
            failed += 1
            task.attempts += 1
            task.last_error = str(exc)[:500]
            delay = min(3600.0, cfg.backoff_seconds * (2 ** (task.attempts - 1)))
            task.next_attempt_at = timezone.now() + dt.timedelta(seconds=delay)
            if task.attempts >= cfg.max_attempts:
                task.status = PushStatus.FAILED
            task.save(update_fields=["attempts", "last_error", "next_attempt_at", "status"])
            continue
        sent += 1
        task.attempts += 1
        task.status = PushStatus.DONE
        task.sent_at = timezone.now()
        task.last_error = ""
        task.save(update_fields=["attempts", "status", "sent_at", "last_error"])
    return {"sent": sent, "failed": failed, "skipped": 0}
