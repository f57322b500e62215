"""Template helpers of the public portal."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import template

from yangguang.publicity.selectors import kind_label

register = template.Library()


@register.filter
def kind_labels(codes: Iterable[str] | None) -> str:
    """「行政处罚、行政检查」 from a list of ActionKind codes."""
    return "、".join(kind_label(c) for c in codes or [])


@register.filter
def kind_name(code: str) -> str:
    return kind_label(code)


@register.simple_tag
def page_url(querystring: str, number: Any) -> str:
    """The URL (query part) of another page of a list, keeping search and filters."""
    return f"?{querystring}&page={number}" if querystring else f"?page={number}"
