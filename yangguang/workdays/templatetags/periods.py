"""``{% period "statement" %}`` → 5个工作日 (``{% period "statement" "text" %}`` → 五个工作日): the
length of a statutory period as the one table (``workdays/periods.py``) has it now."""

from __future__ import annotations

from django import template

from yangguang.workdays.periods import PERIODS

register = template.Library()


@register.simple_tag
def period(code: str, style: str = "short") -> str:
    p = PERIODS[code]
    return p.text if style == "text" else p.short
