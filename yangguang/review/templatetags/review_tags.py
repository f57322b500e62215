"""``{% review_case_panel case %}``: the legal review panel of the case page."""

from __future__ import annotations

from typing import Any

from django import template

from yangguang.review.selectors import case_panel

register = template.Library()


@register.inclusion_tag("review/_case_panel.html", takes_context=True)
def review_case_panel(context: dict[str, Any], case: Any) -> dict[str, Any]:
    return case_panel(case, context["request"].user)
