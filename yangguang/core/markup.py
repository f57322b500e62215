"""The one place where markup built by our own code is marked safe for templates.

Templates never use ``|safe``, ``mark_safe`` or ``{% autoescape off %}`` on data (a test scans the
project for them). Two pictures are drawn as inline SVG by code rather than by templates: the
workflow flowchart (``cases.flowchart``, from the declarative workflow, every label escaped there)
and the certificate QR code (``publicity.certificates``, drawn by segno from a URL made of a signed
token). They reach templates through :func:`generated_svg`, which accepts one ``<svg>`` element and
refuses scripts, foreign objects and event-handler attributes, so no HTML can be smuggled through.
"""

from __future__ import annotations

import re

from django.utils.safestring import SafeString, mark_safe

_UNSAFE = re.compile(r"<script|<foreignobject|javascript:|<[^>]*\son[a-z]+\s*=", re.IGNORECASE)


def generated_svg(svg: str) -> SafeString:
    """``svg`` (an ``<svg>`` element drawn by our code, its texts escaped) as template-safe markup."""
    text = svg.strip()
    if not (text.startswith("<svg") and text.endswith("</svg>")):
        raise ValueError("generated_svg expects one <svg> element")
    if _UNSAFE.search(text):
        raise ValueError("generated_svg refuses scripts and event handlers")
    return mark_safe(text)
