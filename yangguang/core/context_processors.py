"""Template context shared by every page: the navigation for the user, made of the menu entries
the apps contributed (``extensions.MENU``, in their ``AppConfig.ready()``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from .extensions import menu_for


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    items = []
    for entry in menu_for(user):
        url = reverse(entry.url_name)
        items.append({"url": url, "label": str(entry.label), "active": request.path == url})
    return {"nav_items": items}
