"""Template context shared by every page: the navigation for the user, made of the menu entries
the apps contributed (``extensions.MENU``, in their ``AppConfig.ready()``), and the counts of the
to-do centre in the top bar (``extensions.todo_counts``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from .extensions import menu_for, todo_counts


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    items = []
    for entry in menu_for(user):
        url = reverse(entry.url_name)
        items.append({"url": url, "label": str(entry.label), "active": request.path == url})
    # the to-do counts of the top bar, computed (or read from the cache) only when a page shows them
    counts = SimpleLazyObject(lambda: todo_counts(user, timezone.localdate()))
    return {"nav_items": items, "todo_counts": counts}
