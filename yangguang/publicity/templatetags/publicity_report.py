"""Template helper of the annual report pages: a figure of a report table, "—" where not applicable."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.simple_tag
def figure(data: dict[str, Any] | None, key: str) -> str:
    value = (data or {}).get(key)
    return "—" if value is None else str(value)
