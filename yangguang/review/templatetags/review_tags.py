"""``{% review_case_panel case %}``: the legal review panel of the case page."""

from __future__ import annotations

from typing import Any

from django import template

from yangguang.review.selectors import case_panel

register = template.Library()


@register.inclusion_tag("review/_case_panel.html", takes_context=True)
def review_case_panel(context: dict[str, Any], case: Any) -> dict[str, Any]:
    return case_panel(case, context["request"].user)


@register.simple_tag
def review_posted(posted: Any, prefix: str, n: int) -> str:
    """The value the reviewer posted for ``prefix`` + check number (kept when the form comes back
    with an error); nothing is pre-selected otherwise."""
    if not posted:
        return ""
    return str(posted.get(f"{prefix}{n}", ""))
