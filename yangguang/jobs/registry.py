"""What the task workers run: periodic jobs and outbox handlers, registered by each app once in
its ``AppConfig.ready()`` (the jobs app imports no other app of the project)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

QUEUES = ("default", "ledger", "push", "maintenance")
MAINTENANCE_PRIORITY = -20  # the default priority of a handler on the "maintenance" queue


@dataclass(frozen=True)
class Periodic:
    """A job run every ``every`` seconds on ``queue``; ``func()`` does one round of work and
    returns a short summary (logged when not empty)."""

    name: str
    every: float
    func: Callable[[], str | None]
    queue: str = "maintenance"


@dataclass(frozen=True)
class Handler:
    """The handler of one kind of outbox item. ``atomic``: the handler only writes to the database,
    so it runs in one transaction with the "done" mark (exactly once); otherwise (remote calls, file
    storage) it must be idempotent, as it runs again if the worker dies before the mark."""

    kind: str
    func: Callable[[dict[str, Any]], Any]
    queue: str = "default"
    atomic: bool = False
    max_attempts: int = 12
    backoff_seconds: float = 5.0
    # Workers take higher priorities first (the task API's priority, -100..100): work the law sets
    # a deadline for (publication) before conveniences (a document's DOCX for download, -10) and
    # before housekeeping (handlers on the "maintenance" queue default to -20: a statistics
    # refresh after every change never delays a publication).
    priority: int = 0


_periodic: dict[str, Periodic] = {}
_handlers: dict[str, Handler] = {}


def periodic(name: str, *, every: float, func: Callable[[], str | None], queue: str = "maintenance") -> None:
    if queue not in QUEUES:
        raise ValueError(f"unknown queue {queue!r}")
    _periodic[name] = Periodic(name=name, every=every, func=func, queue=queue)


def handler(
    kind: str,
    *,
    queue: str = "default",
    atomic: bool = False,
    max_attempts: int = 12,
    backoff_seconds: float = 5.0,
    priority: int | None = None,
) -> Callable[[Callable[[dict[str, Any]], Any]], Callable[[dict[str, Any]], Any]]:
    """Decorator: ``@handler("publicity.publish")`` on ``def publish(payload: dict) -> Any``."""
    if queue not in QUEUES:
        raise ValueError(f"unknown queue {queue!r}")

    def register(func: Callable[[dict[str, Any]], Any]) -> Callable[[dict[str, Any]], Any]:
        level = priority if priority is not None else MAINTENANCE_PRIORITY if queue == "maintenance" else 0
        _handlers[kind] = Handler(kind, func, queue, atomic, max_attempts, backoff_seconds, level)
        return func

    return register


def periodic_jobs() -> list[Periodic]:
    return list(_periodic.values())


def get_periodic(name: str) -> Periodic | None:
    return _periodic.get(name)


def handlers() -> dict[str, Handler]:
    return dict(_handlers)


def get_handler(kind: str) -> Handler | None:
    return _handlers.get(kind)
