"""The past-decisions hook: the cases app tells the discretion assistant what fines the agency
imposed before on the same item, so that like cases get like penalties (seed 002; domain.md §9).

The discretion app never imports the cases app; the cases app registers a provider instead
(``register_past_decisions_provider`` in its ``AppConfig.ready``, or the setting
``DISCRETION_PAST_DECISIONS_PROVIDER`` naming a callable by dotted path).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any, Protocol

from django.conf import settings
from django.utils.module_loading import import_string


class PastDecisionsProvider(Protocol):
    def __call__(self, *, agency: Any, item: Any, party_kind: str) -> Iterable[Decimal | int | float]: ...


def _no_data(*, agency: Any, item: Any, party_kind: str) -> list[Decimal]:
    return []


_provider: Callable[..., Iterable[Decimal | int | float]] | None = None


def register_past_decisions_provider(provider: Callable[..., Iterable[Decimal | int | float]]) -> None:
    """Install ``provider(*, agency, item, party_kind) -> iterable of fine amounts (yuan)``."""
    global _provider
    _provider = provider


def reset_past_decisions_provider() -> None:
    """Back to the setting or the default (no data); for tests."""
    global _provider
    _provider = None


def get_past_decisions_provider() -> Callable[..., Iterable[Decimal | int | float]]:
    if _provider is not None:
        return _provider
    path = getattr(settings, "DISCRETION_PAST_DECISIONS_PROVIDER", "")
    if path:
        return import_string(path)  # type: ignore[no-any-return]
    return _no_data
