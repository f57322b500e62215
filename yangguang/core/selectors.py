"""Reads behind the home pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from yangguang.core.extensions import HOME_CONTEXT, HOME_PANELS


def home_extras(user: Any, role: str, today: dt.date) -> dict[str, Any]:
    """What other apps contributed to the home pages: their data (``extensions.HOME_CONTEXT``) and
    their panels (``extensions.HOME_PANELS``; each panel has ``title`` and ``template``, rendered with
    the page context plus ``panel``)."""
    context: dict[str, Any] = {}
    for provider in HOME_CONTEXT.values():
        context.update(provider.provide(user, role, today))
    panels: list[dict[str, Any]] = []
    for contribution in HOME_PANELS.values():
        panels.extend(contribution.panels(user, role))
    return {**context, "panels": panels}
