"""Notifications (待办提醒) by e-mail and an SMS gateway, behind a setting (off by default:
``YG_NOTIFY_CHANNELS``). ``users(...)`` is called inside the transaction of the fact it announces:
one durable outbox item per user (``accounts.notify``), so a notification exists iff the fact
committed, is sent after the commit by a task worker, and a failing mail server or gateway is
retried without ever undoing the fact. E-mail goes through Django's mail backend; the SMS gateway
receives ``{"user", "name", "text"}`` as JSON (the agency's gateway maps accounts to numbers)."""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import send_mail

from yangguang.jobs import outbox, registry
from yangguang.roster.models import User

KIND = "accounts.notify"


def enabled() -> bool:
    return bool(getattr(settings, "NOTIFY_CHANNELS", []))


def users(*, users: Iterable[User], key: str, subject: str, body: str, url: str = "") -> int:
    """Queue the notification for each of ``users`` (nothing when notifications are off).
    Returns how many were queued."""
    if not enabled():
        return 0
    n = 0
    for user in {u.pk: u for u in users if u is not None and u.is_active}.values():
        outbox.add(
            kind=KIND,
            key=f"{key}.u{user.pk}",
            payload={"user": user.pk, "subject": subject, "body": body, "url": url},
        )
        n += 1
    return n


def _link(url: str) -> str:
    if not url:
        return ""
    base = getattr(settings, "SITE_URL", "")
    return f"{base}{url}" if base and url.startswith("/") else url


@registry.handler(KIND, queue="default", max_attempts=8, backoff_seconds=30.0)
def deliver(payload: dict[str, Any]) -> dict[str, Any]:
    user = User.objects.filter(pk=payload["user"], is_active=True).first()
    if user is None:
        return {"skipped": "inactive"}
    channels = list(getattr(settings, "NOTIFY_CHANNELS", []))
    link = _link(payload.get("url", ""))
    text = payload["body"] + (f"\n{link}" if link else "")
    sent: list[str] = []
    if "email" in channels and user.email:
        send_mail(f"【阳光执法】{payload['subject']}", text, None, [user.email], fail_silently=False)
        sent.append("email")
    if "sms" in channels:
        body = json.dumps(
            {"user": user.username, "name": user.display_name(), "text": f"【阳光执法】{payload['subject']}：{text}"},
            ensure_ascii=False,
        ).encode()
        req = urllib.request.Request(
            settings.NOTIFY_SMS_URL, data=body, headers={"Content-Type": "application/json"}, method="POST"
        )
        with urllib.request.urlopen(req, timeout=10) as resp:
            if resp.status >= 300:
                raise RuntimeError(f"SMS gateway answered {resp.status}")
        sent.append("sms")
    return {"sent": sent}
