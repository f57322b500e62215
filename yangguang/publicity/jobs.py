"""The publicity app's periodic job: push publication events to the superior platform."""

from __future__ import annotations

from yangguang.env import env_int
from yangguang.jobs import registry

from . import push, services


def push_due() -> str:
    counts = push.run_once()
    return f"push sent={counts['sent']} failed={counts['failed']}" if counts["sent"] or counts["failed"] else ""


def drop_expired_salts() -> str:
    n = services.drop_expired_salts()
    return f"salts dropped={n}" if n else ""


def register() -> None:
    registry.periodic("publicity.expired_salts", every=3600, func=drop_expired_salts)
    # Its own queue: a slow or unreachable platform holds one worker at most (serve starts the
    # others without the push queue) and never delays checkpoints or the publication pipeline.
    every = float(env_int("YG_PUSH_EVERY_SECONDS", 5))
    registry.periodic("publicity.push", every=every, func=push_due, queue="push")
