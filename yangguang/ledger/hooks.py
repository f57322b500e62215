"""Extension points of the ledger for the apps above it (registered in their ``AppConfig.ready()``;
the ledger imports none of them).

* checkpoint listeners run inside the transaction that stores a new checkpoint (e.g. publicity
  writes an outbox row so that the checkpoint is pushed to the superior platform with the
  publications);
* reconcilers walk an app's records against their ledger entries (see ``reconcile``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from yangguang.ledger.models import Checkpoint

CheckpointListener = Callable[["Checkpoint"], None]

_checkpoint_listeners: dict[str, CheckpointListener] = {}


def on_checkpoint(listener: CheckpointListener) -> CheckpointListener:
    """Register ``listener(checkpoint)``, called in the checkpoint's transaction (once per name:
    registering again replaces it, so ``ready()`` may run twice)."""
    _checkpoint_listeners[f"{listener.__module__}.{listener.__qualname__}"] = listener
    return listener


def checkpoint_listeners() -> list[CheckpointListener]:
    return list(_checkpoint_listeners.values())


# --- readable subjects ----------------------------------------------------------------------------

SubjectFinder = Callable[[str], "str | None"]

_subject_finders: dict[str, SubjectFinder] = {}


def subject_finder(name: str, finder: SubjectFinder) -> SubjectFinder:
    """Register ``finder(text) -> subject or None``: turns what a user types on the ledger page (a
    case number 杭市监罚案〔2026〕1号, a document number) into the ledger subject it names, so nobody
    has to know internal identifiers such as ``cases.case:42``."""
    _subject_finders[name] = finder
    return finder


def find_subject(text: str) -> str | None:
    for finder in _subject_finders.values():
        found = finder(text)
        if found:
            return found
    return None
