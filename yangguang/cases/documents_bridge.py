"""Issue the documents (执法文书) a step requires through the documents app.

The context of each document is built from the case (entered once, used everywhere)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from yangguang.roster.models import User

from .models import Case
from .workflow import Transition


def issue_for_step(
    *, case: Case, transition: Transition, actor: User, data: dict[str, Any], on: dt.date
) -> list[dict[str, Any]]:
    """Issue every document of ``transition`` and return their references for the step."""
    return []
